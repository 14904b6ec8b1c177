import type { ChangeSet } from './adapter.ts';

export type RecordKey = { collection: string; id: string };

/** A record's key across collections, for the maps and sets that hold records of several. */
export const recordKey = ({ collection, id }: RecordKey): string => `${collection}\u0000${id}`;

/** The records a committed batch put or deleted. */
export function changedKeys(changes: Pick<ChangeSet, 'puts' | 'deletes'>): RecordKey[] {
  return [...changes.puts.map(({ collection, record }) => ({ collection, id: record.id })), ...changes.deletes];
}
