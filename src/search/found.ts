import * as z from 'zod/mini';
import type { CrmContext } from '../context.ts';
import type { SearchHit } from './text-index.ts';

export const SearchText = z.string().check(z.maxLength(200));
export const SearchOptions = z.optional(z.strictObject({ limit: z.optional(z.int().check(z.gte(1), z.lte(500))) }));
export type SearchOptions = z.input<typeof SearchOptions>;

/** The stored records of search hits, in hit order. */
export async function readFound<T>(ctx: CrmContext, collection: string, hits: SearchHit[]): Promise<T[]> {
  const records = await Promise.all(hits.map((hit) => ctx.storage.get(collection, hit.id)));
  return records.filter((record) => record !== undefined) as T[];
}
