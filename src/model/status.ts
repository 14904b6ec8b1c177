import * as z from 'zod/mini';
import { Color, IsoDateTime, text } from './common.ts';
import { StatusId } from './ids.ts';


/** A user-defined client status (B4), shown in groups, in `position` order. */
export const StatusInput = z.strictObject({
  name: text(100),
  group: text(100),
  color: z.optional(Color),
  position: z.optional(z.int()),
});
export type StatusInput = z.input<typeof StatusInput>;
export const StatusPatch = z.partial(StatusInput);
export type StatusPatch = z.input<typeof StatusPatch>;

export const StatusSchema = z.strictObject({
  id: StatusId,
  name: text(100),
  group: text(100),
  color: z.optional(Color),
  position: z.int(),
  /**
   * Set on the defaults a new store starts with (`lead`, `vip`, `red`…) and kept when staff rename
   * them: the rule templates and the sample data find them by it, in any language.
   */
  key: z.optional(text(40)),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.int().check(z.positive()),
});
export type Status = z.infer<typeof StatusSchema>;

