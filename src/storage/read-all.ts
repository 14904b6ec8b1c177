import type { CrmContext } from '../context.ts';
import type { KeyRange, StoredRecord } from './adapter.ts';

/**
 * Every record of `collection` in an index range (or all, in id order, without an index), read a
 * page at a time; `onPage` hears how many are read so far.
 */
export async function readAll<T = StoredRecord>(ctx: CrmContext, collection: string, index?: string, range?: KeyRange, onPage?: (read: number) => void): Promise<T[]> {
  const records: StoredRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.storage.query(collection, { ...(index ? { index } : {}), ...(range ? { range } : {}), limit: 1000, ...(cursor ? { cursor } : {}) });
    records.push(...page.records);
    onPage?.(records.length);
    cursor = page.cursor;
  } while (cursor);
  return records as T[];
}

/** The index range holding every order of one client (orders are keyed `[clientId, createdAt]`). */
export const ordersOfClient = (clientId: string): KeyRange => ({ gte: [clientId], lt: [clientId, []] });
