import * as z from 'zod/mini';
import { Color, IsoDateTime, text } from './common.ts';
import { StarId } from './ids.ts';

/** A star kind: a second axis of segmentation beside statuses (B4). */
export const StarKindInput = z.strictObject({
  name: text(100),
  color: Color,
  position: z.optional(z.int()),
});
export type StarKindInput = z.input<typeof StarKindInput>;
export const StarKindPatch = z.partial(StarKindInput);
export type StarKindPatch = z.input<typeof StarKindPatch>;

export const StarKindSchema = z.strictObject({
  id: StarId,
  name: text(100),
  color: Color,
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
export type StarKind = z.infer<typeof StarKindSchema>;
