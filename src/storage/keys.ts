/**
 * Index keys: their order, ranges over them and the paging cursors built from them.
 * Every adapter orders keys this way, so a query returns the same records in the same order
 * whatever stores them.
 */
import type { IndexKey, KeyRange } from './adapter.ts';
import { invalid } from '../errors.ts';

/** Where a query stopped: the key and id of the last record returned. */
export interface CursorPosition {
  key: IndexKey;
  id: string;
}

/**
 * Orders two keys as IndexedDB does: numbers before strings before arrays; strings by UTF-16
 * code units; arrays element by element, then the shorter first.
 *
 * @returns a negative number when `a` sorts first, a positive one when `b` does, 0 when equal.
 * @example
 * ```ts
 * compareKeys(10, 'a');              // < 0: numbers sort before strings
 * compareKeys(['Praha', 30], ['Praha', 4]); // > 0: second elements decide
 * ['b', 2, ['a']].sort(compareKeys); // [2, 'b', ['a']]
 * ```
 */
export function compareKeys(a: IndexKey, b: IndexKey): number {
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA - rankB;
  if (Array.isArray(a) && Array.isArray(b)) {
    const shorter = Math.min(a.length, b.length);
    for (let i = 0; i < shorter; i++) {
      const order = compareKeys(a[i] as IndexKey, b[i] as IndexKey);
      if (order !== 0) return order;
    }
    return a.length - b.length;
  }
  // Same scalar type: `<` compares numbers by value (-0 equals 0) and strings by UTF-16 code units.
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

function typeRank(key: IndexKey): number {
  if (typeof key === 'number') return 0;
  if (typeof key === 'string') return 1;
  return 2;
}

/**
 * True for a finite number, a string, or an array of valid keys without holes or cycles.
 * Unlike IndexedDB, infinities are refused: keys travel as JSON in cursors and to remote stores.
 *
 * @example
 * ```ts
 * isValidKey(['Praha', 30]); // true
 * isValidKey(true);          // false
 * isValidKey(Infinity);      // false
 * ```
 */
export function isValidKey(value: unknown): value is IndexKey {
  return isValidKeyWithin(value, new Set());
}

function isValidKeyWithin(value: unknown, enclosingArrays: Set<unknown>): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return true;
  if (!Array.isArray(value) || enclosingArrays.has(value)) return false;
  enclosingArrays.add(value);
  for (let i = 0; i < value.length; i++) {
    if (!(i in value) || !isValidKeyWithin(value[i], enclosingArrays)) return false;
  }
  enclosingArrays.delete(value);
  return true;
}

/**
 * True when `key` meets every bound of `range`; an empty range holds every key.
 *
 * @example
 * ```ts
 * inRange(30, { gte: 18, lt: 65 });                               // true
 * inRange(['Praha', 30], { gte: ['Praha', 0], lt: ['Praha', 1e9] }); // true
 * ```
 */
export function inRange(key: IndexKey, range: KeyRange): boolean {
  return meetsLowerBounds(key, range) && meetsUpperBounds(key, range);
}

/**
 * True when `key` meets the `eq`, `gt` and `gte` bounds of `range`. Over sorted keys the keys
 * failing it form a prefix, so an adapter can binary-search where a range starts.
 *
 * @example
 * ```ts
 * meetsLowerBounds(5, { gt: 5 }); // false
 * meetsLowerBounds(9, { lt: 5 }); // true: upper bounds are not looked at
 * ```
 */
export function meetsLowerBounds(key: IndexKey, range: KeyRange): boolean {
  return (
    (range.eq === undefined || compareKeys(key, range.eq) >= 0) &&
    (range.gt === undefined || compareKeys(key, range.gt) > 0) &&
    (range.gte === undefined || compareKeys(key, range.gte) >= 0)
  );
}

/**
 * True when `key` meets the `eq`, `lt` and `lte` bounds of `range`. Over sorted keys the keys
 * meeting it form a prefix, so an adapter can binary-search where a range ends.
 *
 * @example
 * ```ts
 * meetsUpperBounds(5, { lte: 5 }); // true
 * meetsUpperBounds(1, { gt: 5 });  // true: lower bounds are not looked at
 * ```
 */
export function meetsUpperBounds(key: IndexKey, range: KeyRange): boolean {
  return (
    (range.eq === undefined || compareKeys(key, range.eq) <= 0) &&
    (range.lt === undefined || compareKeys(key, range.lt) < 0) &&
    (range.lte === undefined || compareKeys(key, range.lte) <= 0)
  );
}

/**
 * Orders positions by key, then by id: the order of records in an index, ties included.
 *
 * @example
 * ```ts
 * comparePositions({ key: 'Praha', id: 'b' }, { key: 'Praha', id: 'a' }); // > 0
 * ```
 */
export function comparePositions(a: CursorPosition, b: CursorPosition): number {
  return compareKeys(a.key, b.key) || compareKeys(a.id, b.id);
}

/**
 * Makes the opaque `cursor` of a page from the key and id of its last record; the next page
 * starts strictly after that position. It is URL-safe, so it can go into a query string as is.
 *
 * @example
 * ```ts
 * const cursor = encodeCursor(['Praha', 30], 'p_17');
 * decodeCursor(cursor); // { key: ['Praha', 30], id: 'p_17' }
 * ```
 */
export function encodeCursor(key: IndexKey, id: string): string {
  return encodeURIComponent(JSON.stringify([key, id]));
}

/**
 * Reads a cursor made by {@link encodeCursor}.
 *
 * @throws CrmError `validation` (field `cursor`) when the cursor was not made by `encodeCursor`.
 * @example
 * ```ts
 * const { key, id } = decodeCursor(page.cursor);
 * ```
 */
export function decodeCursor(cursor: string): CursorPosition {
  const position = parseCursor(cursor);
  if (position === undefined) throw invalid(['cursor'], 'is not a cursor returned by a previous page');
  return position;
}

function parseCursor(cursor: unknown): CursorPosition | undefined {
  if (typeof cursor !== 'string') return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(decodeURIComponent(cursor));
  } catch {
    return undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) return undefined;
  const [key, id] = decoded as unknown[];
  return isValidKey(key) && typeof id === 'string' ? { key, id } : undefined;
}

/**
 * Checks that every bound of a range is a valid key.
 *
 * @throws CrmError `validation` naming the bad bound, e.g. field `range.gte`.
 * @example
 * ```ts
 * assertValidRange({ gte: ['Praha', 0], lt: ['Praha', 1e9] }); // passes
 * assertValidRange({ eq: null as never });                       // throws
 * ```
 */
export function assertValidRange(range: KeyRange): void {
  for (const bound of ['eq', 'gt', 'gte', 'lt', 'lte'] as const) {
    const value = range[bound];
    if (value !== undefined && !isValidKey(value)) throw invalid(['range', bound], 'is not a valid index key');
  }
}
