import { invalid } from '../errors.ts';
import type { Lookup, Query } from './adapter.ts';
import { assertValidRange } from './keys.ts';

/**
 * A query's paging options checked and with their defaults, as every adapter must read them:
 * the same bad option fails the same way whatever the storage.
 */
export function queryOptions(query: Query) {
  const range = query.range ?? {};
  assertValidRange(range);
  const direction = query.direction ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') throw invalid(['direction'], "must be 'asc' or 'desc'");
  const limit = query.limit ?? Infinity;
  if (limit !== Infinity && !(Number.isInteger(limit) && limit > 0)) throw invalid(['limit'], 'must be a positive integer');
  const offset = query.offset ?? 0;
  if (!(Number.isInteger(offset) && offset >= 0)) throw invalid(['offset'], 'must be a whole number, 0 or more');
  return { range, direction, limit, offset };
}

/** The query an index look-up of `readMany` stands for. */
export function lookupQuery(lookup: Exclude<Lookup, { id: string }>): Query {
  return { index: lookup.index, range: { eq: lookup.key }, ...(lookup.limit === undefined ? {} : { limit: lookup.limit }) };
}
