import type { CrmContext } from '../context.ts';
import type { IndexKey, KeyRange, StoredRecord } from './adapter.ts';
import { encodeCursor } from './keys.ts';
import { crmSchema } from './schema.ts';

export interface FilteredQuery<T> {
  collection: string;
  index: string;
  range?: KeyRange | undefined;
  direction: 'asc' | 'desc';
  limit: number;
  cursor?: string | undefined;
  /** Records that pass `matches` to skip first. */
  offset?: number | undefined;
  matches: (record: T) => boolean;
  /** Every record in the range passes `matches`: read just `limit` of them, not a larger batch to filter. */
  exact?: boolean;
  /**
   * Turns the records the index holds into the ones listed, in one go per page (`undefined`: none),
   * when the index sits on another collection: clients sorted through their stats.
   */
  resolve?: (records: StoredRecord[]) => Promise<(T | undefined)[]>;
}

/**
 * Reads an index page by page until `limit` records pass `matches`, and returns a cursor that
 * resumes right after the last one, so filters that no index answers still page correctly.
 */
export async function filteredPage<T>(ctx: CrmContext, query: FilteredQuery<T>): Promise<{ items: T[]; cursor?: string }> {
  const { collection, index, range, direction, limit, matches, exact } = query;
  // With `exact` every record passes, so storage skips the offset itself; otherwise it is counted here.
  let skip = exact ? 0 : (query.offset ?? 0);
  let storageOffset = exact ? (query.offset ?? 0) : 0;
  const extract = crmSchema.collections[collection]!.indexes[index]!.key;
  // On an equality range the key is the range's; this also holds for multi-entry indexes.
  const keyOf = (record: StoredRecord) => range?.eq ?? (extract(record) as IndexKey);
  const resolve = query.resolve ?? (async (records: StoredRecord[]) => records as unknown as T[]);
  const items: T[] = [];
  let cursor = query.cursor;
  do {
    const page = await ctx.storage.query(collection, {
      index,
      direction,
      limit: exact ? limit : Math.max(limit, 100),
      ...(range ? { range } : {}),
      ...(cursor ? { cursor } : {}),
      ...(storageOffset ? { offset: storageOffset } : {}),
    });
    storageOffset = 0;
    const resolved = await resolve(page.records);
    for (const [i, record] of page.records.entries()) {
      const item = resolved[i];
      if (item === undefined || !matches(item)) continue;
      if (skip > 0) {
        skip -= 1;
        continue;
      }
      items.push(item);
      if (items.length === limit) return { items, cursor: encodeCursor(keyOf(record), record.id) };
    }
    cursor = page.cursor;
  } while (cursor);
  return { items };
}
