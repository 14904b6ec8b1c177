import * as z from 'zod/mini';
import { IsoDateTime, longText, text } from './common.ts';
import { ClientId, OrderId, TaskId } from './ids.ts';

/**
 * A due date-time, stored in UTC (`2026-11-05T09:00:00.000Z`): due dates are compared as
 * strings and read in order from an index, which an offset such as `+02:00` would break.
 */
export const DueDateTime = z.pipe(IsoDateTime, z.transform((value: string) => new Date(value).toISOString()));

const title = text(200);
/** Who should do it: a user id, as in `Principal.userId`. */
const assignee = text(100);
/** Details beyond the title. */
const note = longText();

/** A7/W6: a task hangs on a client or on one order — exactly one of `clientId` and `orderId`. */
export const TaskInput = z.strictObject({
  clientId: z.optional(ClientId),
  orderId: z.optional(OrderId),
  title,
  due: DueDateTime,
  /** The creator when not given. */
  assignee: z.optional(assignee),
  note: z.optional(note),
});
export type TaskInput = z.input<typeof TaskInput>;

/** Reschedules, reassigns or retitles a task; `note: null` clears the note. */
export const TaskPatch = z.strictObject({
  title: z.optional(title),
  due: z.optional(DueDateTime),
  assignee: z.optional(assignee),
  note: z.optional(z.nullable(note)),
});
export type TaskPatch = z.input<typeof TaskPatch>;

/** Which tasks `crm.tasks.list` returns: those of one client, one order or one assignee. */
export const TaskFilter = z.strictObject({
  clientId: z.optional(ClientId),
  orderId: z.optional(OrderId),
  assignee: z.optional(assignee),
  /** Only open (`false`) or only done (`true`) tasks; both when left out. */
  done: z.optional(z.boolean()),
});
export type TaskFilter = z.input<typeof TaskFilter>;

/** What `crm.tasks.due` narrows its answer by. */
export const DueOptions = z.optional(z.strictObject({
  /** Only the tasks of this assignee. */
  assignee: z.optional(assignee),
  /** At most this many, the earliest due first. */
  limit: z.optional(z.int().check(z.gte(1), z.lte(10_000))),
}));
export type DueOptions = z.input<typeof DueOptions>;

export const TaskSchema = z.strictObject({
  id: TaskId,
  clientId: z.optional(ClientId),
  orderId: z.optional(OrderId),
  title,
  due: IsoDateTime,
  assignee,
  note: z.optional(note),
  done: z.boolean(),
  completedAt: z.optional(IsoDateTime),
  completedBy: z.optional(text(100)),
  createdBy: text(100),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.int().check(z.positive()),
});
export type Task = z.infer<typeof TaskSchema>;

/** A task `crm.tasks.due` returns: `overdue` when its due time has passed. */
export type DueTask = Task & { overdue: boolean };
