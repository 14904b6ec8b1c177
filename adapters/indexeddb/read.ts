import { unwrap, type IDBPCursorWithValue, type IDBPDatabase } from 'idb';
import type { CollectionDefinition, IndexKey, Lookup, Page, Query, StoredRecord } from '../../src/storage/adapter.ts';
import { compareKeys, comparePositions, decodeCursor, encodeCursor, type CursorPosition } from '../../src/storage/keys.ts';
import { lookupQuery, queryOptions } from '../../src/storage/query-options.ts';
import { CrmError } from '../../src/errors.ts';
import { idbKeyRange } from './key-range.ts';
import type { Row } from './row.ts';
import { inTransaction, resultsOf } from './transaction.ts';

type Cursor = IDBPCursorWithValue<unknown, string[], string, unknown, 'readonly'>;

/**
 * A page of records through an index (or the object store itself, in id order), read with a
 * cursor. A page's `cursor` is the position (key, id) of its last record; the next page starts
 * strictly after it, even when records around it came or went in between.
 */
export function readPage(db: IDBPDatabase, collection: string, definition: CollectionDefinition, query: Query): Promise<Page> {
  const { index, range, direction, limit, offset } = readQuery(collection, definition, query);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const keyRange = idbKeyRange(range, after === undefined ? undefined : { key: after.key, direction });
  if (keyRange === null) return Promise.resolve({ records: [] });
  return inTransaction(db, [collection], 'readonly', async (transaction) => {
    const store = transaction.objectStore(collection);
    const source = index === undefined ? store : store.index(index);
    // A first page forwards, where each record has one key: one request instead of a cursor step per record.
    if (after === undefined && offset === 0 && direction === 'asc' && (index === undefined || definition.indexes[index]?.multiEntry !== true)) {
      const rows = (await source.getAll(keyRange, limit === Infinity ? undefined : limit + 1)) as Row[];
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      if (rows.length <= limit || last === undefined) return { records: page.map((row) => row.record) };
      return { records: page.map((row) => row.record), cursor: encodeCursor(index === undefined ? last.id : (last.keys[index] as IndexKey), last.id) };
    }
    let cursor: Cursor | null = await source.openCursor(keyRange, direction === 'asc' ? 'next' : 'prev');
    if (after !== undefined) cursor = await skipPast(cursor, after, direction, index !== undefined);
    // advance() skips entries inside IndexedDB without handing their values to the page.
    if (cursor !== null && offset > 0) cursor = await cursor.advance(offset);
    const records: StoredRecord[] = [];
    let last: CursorPosition | undefined;
    while (cursor !== null && records.length < limit) {
      records.push((cursor.value as Row).record);
      last = positionOf(cursor);
      cursor = await cursor.continue();
    }
    // The cursor stands on the next record in range, if there is one.
    return cursor !== null && last !== undefined ? { records, cursor: encodeCursor(last.key, last.id) } : { records };
  });
}

/** How many entries a query would read: for a multiEntry index, a record once per distinct element in range. */
export function countEntries(
  db: IDBPDatabase,
  collection: string,
  definition: CollectionDefinition,
  query: Omit<Query, 'cursor' | 'limit' | 'direction'>,
): Promise<number> {
  const { index, range } = readQuery(collection, definition, query);
  const keyRange = idbKeyRange(range);
  if (keyRange === null) return Promise.resolve(0);
  return inTransaction(db, [collection], 'readonly', (transaction) => {
    const store = transaction.objectStore(collection);
    return (index === undefined ? store : store.index(index)).count(keyRange);
  });
}

/** Ids looked up in bulk from this many on are first checked against the keys stored between them. */
const KEY_CHECK_FROM = 64;

/**
 * Which of many looked-up ids are stored, from one key read over the range they span, when that
 * range holds few other records: a new import's order ids (ahead of every stored one) then cost
 * one request instead of a `get` each. `undefined` when the range holds too many to be worth it.
 */
async function storedAmong(store: { getAllKeys(range: IDBKeyRange, count: number): Promise<IDBValidKey[]> }, lookups: Lookup[]): Promise<Set<string> | undefined> {
  const ids = lookups.flatMap((lookup) => ('id' in lookup ? [lookup.id] : []));
  if (ids.length < KEY_CHECK_FROM) return undefined;
  // Strings sort by UTF-16 code units in JavaScript and in IndexedDB alike.
  const sorted = [...ids].sort();
  const cap = 2 * ids.length;
  const keys = await store.getAllKeys(IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]), cap + 1);
  return keys.length > cap ? undefined : new Set(keys as string[]);
}

/** Every lookup of one `readMany` in one readonly transaction, its requests all made at once. */
export function readLookups(db: IDBPDatabase, collection: string, definition: CollectionDefinition, lookups: Lookup[]): Promise<StoredRecord[][]> {
  for (const lookup of lookups) {
    if (!('id' in lookup)) readQuery(collection, definition, lookupQuery(lookup));
  }
  if (lookups.length === 0) return Promise.resolve([]);
  return inTransaction(db, [collection], 'readonly', async (transaction) => {
    const store = transaction.objectStore(collection);
    const stored = await storedAmong(store, lookups);
    const plain = unwrap(store);
    const found = await resultsOf(
      lookups.map((lookup) =>
        'id' in lookup
          ? stored && !stored.has(lookup.id)
            ? undefined
            : plain.get(lookup.id)
          : plain.index(lookup.index).getAll(IDBKeyRange.only(lookup.key), countFor(definition, lookup)),
      ),
    );
    return found.map((result) => (result === undefined ? [] : Array.isArray(result) ? (result as Row[]).map((row) => row.record) : [(result as Row).record]));
  });
}

/**
 * The count to ask IndexedDB for with a look-up's key; none for every record (also for a limit
 * of `Infinity`, which IndexedDB refuses). A unique index holds a key at most once, so it is
 * asked for all: Chromium answers a count above 1 about twice as slowly as none, which an
 * import's look-ups by tax ID (limit 2, to tell a taken tax ID) would pay on every hit.
 */
function countFor(definition: CollectionDefinition, lookup: { index: string; limit?: number }): number | undefined {
  return definition.indexes[lookup.index]?.unique === true || lookup.limit === Infinity ? undefined : lookup.limit;
}

/** Checks a query's options as every adapter does, and that the index exists. */
function readQuery(collection: string, definition: CollectionDefinition, query: Query) {
  const { index } = query;
  if (index !== undefined && !Object.hasOwn(definition.indexes, index)) {
    throw new CrmError('storage', `Collection ${collection} has no index ${index}`, { details: { collection, index } });
  }
  return { ...queryOptions(query), index };
}

function positionOf(cursor: Cursor): CursorPosition {
  return { key: cursor.key as IndexKey, id: cursor.primaryKey as string };
}

/**
 * Moves a cursor opened at the key of `after` to the first entry strictly past `after` in the
 * reading direction.
 */
async function skipPast(cursor: Cursor | null, after: CursorPosition, direction: 'asc' | 'desc', indexed: boolean): Promise<Cursor | null> {
  const ahead = direction === 'asc' ? 1 : -1;
  while (cursor !== null) {
    const position = positionOf(cursor);
    if (comparePositions(position, after) * ahead > 0) return cursor;
    // Inside a run of equal keys, jump to the id of `after` rather than step through the run.
    const jump = indexed && compareKeys(position.key, after.key) === 0 && compareKeys(position.id, after.id) * ahead < 0;
    cursor = await (jump ? cursor.continuePrimaryKey(after.key, after.id) : cursor.continue());
  }
  return null;
}
