import type { IndexKey, KeyRange } from '../../src/storage/adapter.ts';
import { comparePositions, meetsLowerBounds, meetsUpperBounds, type CursorPosition } from '../../src/storage/keys.ts';

/** One entry of an index: a key and the id of the record indexed under it. */
export type IndexEntry = CursorPosition;

/** Entries found by a scan, and whether more in the range follow them. */
export interface ScanResult {
  entries: IndexEntry[];
  more: boolean;
}

/**
 * The `(key, id)` entries of one index, kept sorted so that a lookup or the start of a range
 * is a binary search and reading a page costs O(log n + page).
 */
export class SortedIndex {
  private readonly entries: IndexEntry[] = [];

  insert(entry: IndexEntry): void {
    this.entries.splice(this.positionOf(entry), 0, entry);
  }

  remove(entry: IndexEntry): void {
    const position = this.positionOf(entry);
    const found = this.entries[position];
    if (found !== undefined && comparePositions(found, entry) === 0) this.entries.splice(position, 1);
  }

  /** Ids of the records indexed under exactly `key`. */
  idsWithKey(key: IndexKey): string[] {
    return this.scan({ eq: key }, 'asc', undefined, Infinity).entries.map((entry) => entry.id);
  }

  count(range: KeyRange): number {
    const start = partitionPoint(this.entries, (entry) => !meetsLowerBounds(entry.key, range));
    const end = partitionPoint(this.entries, (entry) => meetsUpperBounds(entry.key, range));
    return Math.max(0, end - start);
  }

  /**
   * Up to `limit` entries in `range`, in `direction`, starting strictly after the position
   * `after` (in that direction) when given, `offset` entries further on.
   */
  scan(range: KeyRange, direction: 'asc' | 'desc', after: CursorPosition | undefined, limit: number, offset = 0): ScanResult {
    const entries: IndexEntry[] = [];
    if (direction === 'asc') {
      let i =
        partitionPoint(
          this.entries,
          (entry) => !meetsLowerBounds(entry.key, range) || (after !== undefined && comparePositions(entry, after) <= 0),
        ) + offset;
      for (; i < this.entries.length && entries.length < limit; i++) {
        const entry = this.entries[i] as IndexEntry;
        if (!meetsUpperBounds(entry.key, range)) return { entries, more: false };
        entries.push(entry);
      }
      const next = this.entries[i];
      return { entries, more: next !== undefined && meetsUpperBounds(next.key, range) };
    }
    let i =
      partitionPoint(
        this.entries,
        (entry) => meetsUpperBounds(entry.key, range) && (after === undefined || comparePositions(entry, after) < 0),
      ) -
      1 -
      offset;
    for (; i >= 0 && entries.length < limit; i--) {
      const entry = this.entries[i] as IndexEntry;
      if (!meetsLowerBounds(entry.key, range)) return { entries, more: false };
      entries.push(entry);
    }
    const next = this.entries[i];
    return { entries, more: next !== undefined && meetsLowerBounds(next.key, range) };
  }

  /** Where `entry` is or would be inserted. */
  private positionOf(entry: IndexEntry): number {
    return partitionPoint(this.entries, (candidate) => comparePositions(candidate, entry) < 0);
  }
}

/** The first index at which `isBefore` turns false, for a predicate true on a prefix of `items`. */
function partitionPoint<T>(items: readonly T[], isBefore: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isBefore(items[middle] as T)) low = middle + 1;
    else high = middle;
  }
  return low;
}
