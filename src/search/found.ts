import * as z from 'zod/mini';
import type { CrmContext } from '../context.ts';
import { readMany } from '../storage/read-ahead.ts';
import type { SearchHit } from './text-index.ts';

export const SearchText = z.string().check(z.maxLength(200));
export const SearchOptions = z.optional(z.strictObject({ limit: z.optional(z.int().check(z.gte(1), z.lte(500))) }));
export type SearchOptions = z.input<typeof SearchOptions>;

/** The stored records of search hits, in hit order, in one bulk read. */
export async function readFound<T>(ctx: CrmContext, collection: string, hits: SearchHit[]): Promise<T[]> {
  const found = await readMany(ctx.storage, collection, hits.map((hit) => ({ id: hit.id })));
  return found.flat() as unknown as T[];
}
