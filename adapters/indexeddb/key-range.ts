import type { IndexKey, KeyRange } from '../../src/storage/adapter.ts';
import { compareKeys } from '../../src/storage/keys.ts';

interface Bound {
  key: IndexKey;
  open: boolean;
}

/** Where a page resumes: reading in `direction`, nothing before `key` is wanted. */
export interface ResumePoint {
  key: IndexKey;
  direction: 'asc' | 'desc';
}

/**
 * The `IDBKeyRange` to read a `KeyRange` with. A `KeyRange` may hold several lower bounds
 * (`eq`, `gt`, `gte`) and several upper ones; each side folds into its strictest bound.
 * `resume` adds a closed bound at the key a page resumes from.
 *
 * @returns `undefined` for every key, `null` when no key fits (IndexedDB refuses to build such a range).
 */
export function idbKeyRange(range: KeyRange, resume?: ResumePoint): IDBKeyRange | undefined | null {
  const lower = strictest(
    [bound(range.eq, false), bound(range.gt, true), bound(range.gte, false), bound(resume?.direction === 'asc' ? resume.key : undefined, false)],
    1,
  );
  const upper = strictest(
    [bound(range.eq, false), bound(range.lt, true), bound(range.lte, false), bound(resume?.direction === 'desc' ? resume.key : undefined, false)],
    -1,
  );
  if (lower !== undefined && upper !== undefined) {
    const order = compareKeys(lower.key, upper.key);
    if (order > 0 || (order === 0 && (lower.open || upper.open))) return null;
    return IDBKeyRange.bound(lower.key, upper.key, lower.open, upper.open);
  }
  if (lower !== undefined) return IDBKeyRange.lowerBound(lower.key, lower.open);
  if (upper !== undefined) return IDBKeyRange.upperBound(upper.key, upper.open);
  return undefined;
}

function bound(key: IndexKey | undefined, open: boolean): Bound | undefined {
  return key === undefined ? undefined : { key, open };
}

/** The bound that lets the fewest keys through: the highest lower bound (`side` 1) or the lowest upper one (-1). */
function strictest(bounds: (Bound | undefined)[], side: 1 | -1): Bound | undefined {
  let best: Bound | undefined;
  for (const candidate of bounds) {
    if (candidate === undefined) continue;
    const order = best === undefined ? 1 : compareKeys(candidate.key, best.key) * side;
    // At an equal key an open bound is the stricter one.
    if (order > 0 || (order === 0 && candidate.open)) best = candidate;
  }
  return best;
}
