import { recordActivity } from '../activities/record.ts';
import type { CrmContext, UnitOfWork } from '../context.ts';
import { compact } from '../compact.ts';
import type { Task, TaskInput } from '../model/task.ts';

/**
 * Stages a new task, its `task_created` entry on the timeline of `clientId` (the client it or its
 * order belongs to; none for a task on an unlinked order) and its event.
 */
export function stageTask(ctx: CrmContext, uow: UnitOfWork, data: Omit<TaskInput, 'due'> & { due: string }, clientId: string | undefined): Task {
  const now = ctx.now();
  const task = uow.put<Task>(
    'tasks',
    compact({ id: ctx.newId('task'), ...data, assignee: data.assignee ?? ctx.principal.userId, done: false, createdBy: ctx.principal.userId, createdAt: now, updatedAt: now }),
    'absent',
  );
  if (clientId) recordActivity(ctx, uow, { clientId, ...(task.orderId ? { orderId: task.orderId } : {}), type: 'task_created', subject: task.title, data: { taskId: task.id, due: task.due } });
  uow.emit({ type: 'task.created', task });
  return task;
}
