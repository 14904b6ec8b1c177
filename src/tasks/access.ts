import { ownedClientIds, readClient } from '../clients/access.ts';
import type { CrmContext } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Order } from '../model/order.ts';
import type { Task } from '../model/task.ts';
import { readMany } from '../storage/read-ahead.ts';

/**
 * The client whose timeline a task belongs on: its own, or its order's (which follows the order
 * when it is linked elsewhere); `undefined` for a task on an unlinked order.
 */
export async function taskClientId(ctx: CrmContext, task: Pick<Task, 'clientId' | 'orderId'>): Promise<string | undefined> {
  if (task.clientId) return task.clientId;
  const order = (await ctx.storage.get('orders', task.orderId!)) as Order | undefined;
  return order?.clientId;
}

/** Reads a task whose client the principal may see, or throws `not_found` / `forbidden`. */
export async function readTask(ctx: CrmContext, id: string): Promise<Task> {
  const task = (await ctx.storage.get('tasks', id)) as Task | undefined;
  if (!task) throw notFound('Task', id);
  const clientId = await taskClientId(ctx, task);
  if (clientId) await readClient(ctx, clientId);
  return task;
}

/**
 * W7 for tasks read in bulk: a member keeps the tasks of the clients they own and of unlinked
 * orders; an admin keeps all.
 */
export async function visibleTasks(ctx: CrmContext): Promise<(tasks: Task[]) => Promise<Task[]>> {
  const owned = await ownedClientIds(ctx);
  if (!owned) return async (tasks) => tasks;
  return async (tasks) => {
    const onOrders = tasks.filter((task) => !task.clientId);
    const orders = await readMany(ctx.storage, 'orders', onOrders.map((task) => ({ id: task.orderId! })));
    const orderClient = new Map(onOrders.map((task, i) => [task.id, (orders[i]![0] as Order | undefined)?.clientId]));
    return tasks.filter((task) => {
      const clientId = task.clientId ?? orderClient.get(task.id);
      return clientId === undefined || owned.has(clientId);
    });
  };
}
