import * as z from 'zod/mini';
import { IsoDateTime, text, longText } from './common.ts';
import { ClientId, NoteId, OrderId } from './ids.ts';

export const NotePriority = z.enum(['high', 'medium', 'none']);
/** A private note is seen by its author only (A6). */
export const NoteVisibility = z.enum(['private', 'shared']);

/** A note hangs on a client or on one order (W2). */
export const NoteTarget = z.union([z.strictObject({ clientId: ClientId }), z.strictObject({ orderId: OrderId })]);
export type NoteTarget = z.infer<typeof NoteTarget>;

export const NoteInput = z.strictObject({
  text: z.string().check(z.trim(), z.minLength(1, 'Write something'), z.maxLength(10_000)),
  priority: z.optional(NotePriority),
  visibility: z.optional(NoteVisibility),
});
export type NoteInput = z.input<typeof NoteInput>;

export const NotePatch = z.partial(NoteInput);
export type NotePatch = z.input<typeof NotePatch>;

export const NoteSchema = z.strictObject({
  id: NoteId,
  clientId: z.optional(ClientId),
  orderId: z.optional(OrderId),
  text: longText(),
  priority: NotePriority,
  visibility: NoteVisibility,
  author: text(100),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.int().check(z.positive()),
});
export type Note = z.infer<typeof NoteSchema>;
