import * as z from 'zod/mini';
import { IsoDateTime, longText, text } from './common.ts';
import { ActivityId, ClientId, OrderId } from './ids.ts';

/** Entries staff record by hand (A5). */
export const UserActivityType = z.enum(['call', 'meeting', 'email', 'letter']);
export type UserActivityType = z.infer<typeof UserActivityType>;

/** Entries the system writes; the destructive ones keep what they need to be undone. */
export const SystemActivityType = z.enum([
  'client_created',
  'client_updated',
  'status_changed',
  'stars_changed',
  'order_linked',
  'order_unlinked',
  'billing_replaced',
  'client_deleted',
  'clients_merged',
  /** A rule changed the client; undoable as a whole. */
  'rule_applied',
  /** A chain of rules went too deep, or came back to a rule already in it, and stopped. */
  'rule_chain_stopped',
  /** K11: the client's next-order reminder, shown when their next order linked; `text` holds it. */
  'reminder_surfaced',
  /** A7: a task's life on its client's timeline; `subject` is its title, `data.taskId` the task. */
  'task_created',
  'task_completed',
  'task_reopened',
  'task_deleted',
  /** W5: a client entered, moved within or left a pipeline; `data` is `{ pipelineId, from, to }`. */
  'stage_changed',
]);
export type SystemActivityType = z.infer<typeof SystemActivityType>;

export const ActivityType = z.union([UserActivityType, SystemActivityType]);
export type ActivityType = z.infer<typeof ActivityType>;

export const ActivityInput = z.strictObject({
  type: UserActivityType,
  subject: z.optional(text()),
  text: z.optional(longText()),
  /** When it happened; defaults to now. */
  at: z.optional(IsoDateTime),
  /** The order the communication was about (W2). */
  orderId: z.optional(OrderId),
});
export type ActivityInput = z.input<typeof ActivityInput>;

export const ActivitySchema = z.strictObject({
  id: ActivityId,
  clientId: ClientId,
  orderId: z.optional(OrderId),
  type: ActivityType,
  at: IsoDateTime,
  actor: text(100),
  subject: z.optional(text()),
  text: z.optional(longText()),
  /** What the system entry is about; for undoable entries, what undo restores. */
  data: z.optional(z.record(z.string(), z.unknown())),
  /** Entries written by one bulk action share it; undoing one undoes them all. */
  batchId: z.optional(text(100)),
  undoable: z.boolean(),
  undoneAt: z.optional(IsoDateTime),
  version: z.int().check(z.positive()),
});
export type Activity = z.infer<typeof ActivitySchema>;
