import * as z from 'zod/mini';
import { recordActivity } from '../activities/record.ts';
import { readClient } from '../clients/access.ts';
import { checkVersion, transact, type CrmContext, type UnitOfWork } from '../context.ts';
import { compact, withoutVersion } from '../compact.ts';
import { invalid } from '../errors.ts';
import type { Activity } from '../model/activity.ts';
import { TaskId } from '../model/ids.ts';
import { DueDateTime, DueOptions, TaskFilter, TaskInput, TaskPatch, type DueTask, type Task } from '../model/task.ts';
import { readOrder } from '../orders/read.ts';
import { readAll } from '../storage/read-all.ts';
import { expectedVersionOf, type UpdateOptions } from '../update-options.ts';
import { parse } from '../validation.ts';
import { readTask, taskClientId, visibleTasks } from './access.ts';
import { stageTask } from './stage-task.ts';

/** Open tasks first, each group by due time (the overdue first). */
const byOpenThenDue = (a: Task, b: Task) => Number(a.done) - Number(b.done) || a.due.localeCompare(b.due) || a.id.localeCompare(b.id);


/** `crm.tasks`: tasks and reminders on a client or on one order, with due dates (A7, W6). */
export function tasksService(ctx: CrmContext) {
  /** A task's entry on its client's timeline; a task on an unlinked order has none. */
  async function record(uow: UnitOfWork, task: Task, type: 'task_created' | 'task_completed' | 'task_reopened'): Promise<void> {
    const clientId = await taskClientId(ctx, task);
    if (clientId) recordActivity(ctx, uow, { clientId, ...(task.orderId ? { orderId: task.orderId } : {}), type, subject: task.title, data: { taskId: task.id, due: task.due } });
  }

  return {
    /**
     * Adds a task to a client or to one order (exactly one of `clientId` and `orderId`). The
     * assignee defaults to whoever creates it; the task also shows on the client's timeline.
     * @example
     * ```ts
     * await crm.tasks.create({ clientId: client.id, title: 'Send the 2027 price list', due: '2026-11-20T09:00:00Z', assignee: 'eva' });
     * await crm.tasks.create({ orderId: '1001', title: 'Check the delivery', due: '2026-11-05T12:00:00+01:00', note: 'Gate B' });
     * ```
     */
    async create(input: TaskInput): Promise<Task> {
      const data = parse(TaskInput, input);
      if ((data.clientId === undefined) === (data.orderId === undefined)) {
        throw invalid([data.clientId === undefined ? 'clientId' : 'orderId'], 'Give either a clientId or an orderId');
      }
      return transact(ctx, async (uow) => {
        let clientId = data.clientId;
        if (clientId) await readClient(ctx, clientId);
        else {
          clientId = (await readOrder(ctx, data.orderId!)).clientId;
          if (clientId) await readClient(ctx, clientId);
        }
        return stageTask(ctx, uow, data, clientId);
      });
    },

    /** Reads one task; `not_found` when it does not exist. */
    async get(id: string): Promise<Task> {
      return readTask(ctx, parse(TaskId, id, ['id']));
    },

    /**
     * The tasks of one client, one order or one assignee (give one of them), optionally only
     * open (`done: false`) or only done ones; open first, each by due time. A client's list
     * holds the tasks on the client itself, not those on its orders.
     * @example
     * ```ts
     * const open = await crm.tasks.list({ clientId: client.id, done: false });
     * const mine = await crm.tasks.list({ assignee: 'eva' });
     * ```
     */
    async list(filter: TaskFilter): Promise<Task[]> {
      const { done, ...by } = parse(TaskFilter, filter, ['filter']);
      const given = Object.keys(compact(by));
      if (given.length !== 1) throw invalid(['filter'], 'Give one of clientId, orderId or assignee');
      let tasks: Task[];
      if (by.clientId) {
        await readClient(ctx, by.clientId);
        tasks = await readAll<Task>(ctx, 'tasks', 'clientId', { eq: by.clientId });
      } else if (by.orderId) {
        const order = await readOrder(ctx, by.orderId);
        if (order.clientId) await readClient(ctx, order.clientId);
        tasks = await readAll<Task>(ctx, 'tasks', 'orderId', { eq: by.orderId });
      } else {
        tasks = await (await visibleTasks(ctx))(await readAll<Task>(ctx, 'tasks', 'assignee', { eq: by.assignee! }));
      }
      return tasks.filter((task) => done === undefined || task.done === done).sort(byOpenThenDue);
    },

    /**
     * The open tasks due at or before `at` (now when left out), by due time, so the overdue ones
     * (due before now) come first, each flagged `overdue`.
     * @example
     * ```ts
     * const today = await crm.tasks.due();                                   // due by now
     * const week = await crm.tasks.due('2026-11-08T23:59:59Z', { assignee: 'eva' });
     * week.filter((task) => task.overdue);
     * ```
     */
    async due(at?: string, options?: DueOptions): Promise<DueTask[]> {
      const now = ctx.now();
      const until = parse(z.optional(DueDateTime), at, ['at']) ?? now;
      const { assignee, limit } = parse(DueOptions, options, ['options']) ?? {};
      const visible = await visibleTasks(ctx);
      const found: Task[] = [];
      let cursor: string | undefined;
      do {
        const page = await ctx.storage.query('tasks', { index: 'openDue', range: { lte: until }, limit: 500, ...(cursor ? { cursor } : {}) });
        const tasks = (page.records as unknown as Task[]).filter((task) => assignee === undefined || task.assignee === assignee);
        found.push(...(await visible(tasks)));
        cursor = page.cursor;
      } while (cursor && (limit === undefined || found.length < limit));
      return found.slice(0, limit).map((task) => ({ ...task, overdue: task.due < now }));
    },

    /**
     * Reschedules, reassigns or retitles a task, or changes its note (`null` clears it).
     * @example
     * ```ts
     * await crm.tasks.update(task.id, { due: '2026-11-27T09:00:00Z', assignee: 'jan' }, { expectedVersion: task.version });
     * ```
     */
    async update(id: string, patch: TaskPatch, options?: UpdateOptions): Promise<Task> {
      const taskId = parse(TaskId, id, ['id']);
      const { note, ...data } = parse(TaskPatch, patch);
      const expectedVersion = expectedVersionOf(options);
      return transact(ctx, async (uow) => {
        const previous = await readTask(ctx, taskId);
        checkVersion(previous, expectedVersion);
        const { note: previousNote, ...rest } = withoutVersion(previous);
        const kept = note === undefined ? previousNote : (note ?? undefined);
        const task = uow.put<Task>('tasks', compact({ ...rest, ...compact(data), note: kept, updatedAt: ctx.now() }), previous);
        uow.emit({ type: 'task.updated', task, previous });
        return task;
      });
    },

    /**
     * Marks a task done; one already done stays as it is.
     * @example
     * ```ts
     * const done = await crm.tasks.complete(task.id);
     * done.completedAt; // '2026-11-04T10:12:00.000Z'
     * ```
     */
    async complete(id: string, options?: UpdateOptions): Promise<Task> {
      const taskId = parse(TaskId, id, ['id']);
      const expectedVersion = expectedVersionOf(options);
      return transact(ctx, async (uow) => {
        const previous = await readTask(ctx, taskId);
        checkVersion(previous, expectedVersion);
        if (previous.done) return previous;
        const now = ctx.now();
        const task = uow.put<Task>('tasks', { ...previous, done: true, completedAt: now, completedBy: ctx.principal.userId, updatedAt: now }, previous);
        await record(uow, task, 'task_completed');
        uow.emit({ type: 'task.completed', task });
        return task;
      });
    },

    /**
     * Opens a done task again; an open one stays as it is.
     * @example
     * ```ts
     * await crm.tasks.reopen(task.id);
     * ```
     */
    async reopen(id: string, options?: UpdateOptions): Promise<Task> {
      const taskId = parse(TaskId, id, ['id']);
      const expectedVersion = expectedVersionOf(options);
      return transact(ctx, async (uow) => {
        const previous = await readTask(ctx, taskId);
        checkVersion(previous, expectedVersion);
        if (!previous.done) return previous;
        const { completedAt: _, completedBy: __, ...open } = previous;
        const task = uow.put<Task>('tasks', { ...open, done: false, updatedAt: ctx.now() }, previous);
        await record(uow, task, 'task_reopened');
        uow.emit({ type: 'task.updated', task, previous });
        return task;
      });
    },

    /**
     * Deletes a task. Returns the `task_deleted` timeline entry, which `crm.activities.undo`
     * reverses, or `null` for a task on an unlinked order, which has no timeline.
     * @example
     * ```ts
     * const entry = await crm.tasks.delete(task.id);
     * if (entry) await crm.activities.undo(entry.id); // the task is back
     * ```
     */
    async delete(id: string, options?: UpdateOptions): Promise<Activity | null> {
      const taskId = parse(TaskId, id, ['id']);
      const expectedVersion = expectedVersionOf(options);
      return transact(ctx, async (uow) => {
        const task = await readTask(ctx, taskId);
        checkVersion(task, expectedVersion);
        uow.delete('tasks', task);
        const clientId = await taskClientId(ctx, task);
        const entry = clientId
          ? recordActivity(ctx, uow, { clientId, ...(task.orderId ? { orderId: task.orderId } : {}), type: 'task_deleted', subject: task.title, undoable: true, data: { taskId: task.id, task } })
          : null;
        uow.emit({ type: 'task.deleted', task });
        return entry;
      });
    },
  };
}
export type TasksService = ReturnType<typeof tasksService>;
