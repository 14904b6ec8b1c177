import * as z from 'zod/mini';
import { parse } from './validation.ts';

/** Options every write that changes an existing record accepts. */
export const UpdateOptions = z.optional(z.strictObject({
  /** The version the caller's change is based on; a different stored version makes the write a `conflict`. */
  expectedVersion: z.optional(z.int()),
}));
export type UpdateOptions = z.input<typeof UpdateOptions>;

/** The validated `expectedVersion` of a write's options, if any. */
export const expectedVersionOf = (options: unknown): number | undefined => parse(UpdateOptions, options)?.expectedVersion;
