import type { ChangeSet, IndexKey, StoredRecord, WriteOperation } from '../../src/storage/adapter.ts';
import { CrmError, invalid } from '../../src/errors.ts';
import type { MemoryCollection, RecordIndexKeys } from './collection.ts';

/** The state a batch leaves one record in: a record to store, or `undefined` to delete it. */
interface StagedRecord {
  record: StoredRecord | undefined;
  keys: RecordIndexKeys | undefined;
}

/** A batch that passed every check; committing it cannot fail. */
export type PreparedBatch = Map<MemoryCollection, Map<string, StagedRecord>>;

/**
 * Checks a whole batch without touching storage. Version checks see the earlier operations of
 * the batch; unique indexes are checked on the state the batch ends in, so two records may swap
 * keys in one batch.
 *
 * @throws CrmError `conflict`, `duplicate`, `validation` (a malformed operation) or `storage`
 *   (unknown collection, failing index extractor).
 */
export function prepareBatch(
  collections: ReadonlyMap<string, MemoryCollection>,
  operations: readonly WriteOperation[],
): PreparedBatch {
  const batch: PreparedBatch = new Map();
  operations.forEach((operation, position) => stage(batch, collections, operation, position));
  for (const [collection, staged] of batch) {
    for (const entry of staged.values()) {
      if (entry.record !== undefined) entry.keys = collection.indexKeysOf(entry.record);
    }
    checkUniqueIndexes(collection, staged);
  }
  return batch;
}

/** Applies a prepared batch and describes what it changed. */
export function commitBatch(batch: PreparedBatch): ChangeSet {
  const changes: ChangeSet = { puts: [], deletes: [] };
  for (const [collection, staged] of batch) {
    for (const [id, { record, keys }] of staged) {
      if (record !== undefined && keys !== undefined) {
        collection.put(record, keys);
        changes.puts.push({ collection: collection.name, record });
      } else if (collection.get(id) !== undefined) {
        collection.delete(id);
        changes.deletes.push({ collection: collection.name, id });
      }
    }
  }
  return changes;
}

function stage(
  batch: PreparedBatch,
  collections: ReadonlyMap<string, MemoryCollection>,
  operation: WriteOperation,
  position: number,
): void {
  const collection = collections.get(operation.collection);
  if (collection === undefined) {
    throw new CrmError('storage', `Unknown collection ${String(operation.collection)}`, {
      details: { collection: operation.collection },
    });
  }
  if (operation.type !== 'put' && operation.type !== 'delete') {
    throw invalid(['operations', position, 'type'], "must be 'put' or 'delete'");
  }
  let staged = batch.get(collection);
  if (staged === undefined) batch.set(collection, (staged = new Map()));
  const id = operation.type === 'put' ? recordId(operation.record, position) : operation.id;
  if (typeof id !== 'string') throw invalid(['operations', position, 'id'], 'must be a string');
  const existing = staged.has(id) ? staged.get(id)?.record : collection.get(id);
  const { expectedVersion } = operation;
  const versionMatches =
    expectedVersion === undefined ||
    (expectedVersion === 'absent' ? existing === undefined : existing?.version === expectedVersion);
  if (!versionMatches) throw conflict(collection, id, expectedVersion, existing?.version);
  if (operation.type === 'put') staged.set(id, { record: structuredClone(operation.record), keys: undefined });
  else staged.set(id, { record: undefined, keys: undefined });
}

function recordId(record: StoredRecord, position: number): string {
  if (typeof record !== 'object' || record === null) throw invalid(['operations', position, 'record'], 'must be an object');
  if (typeof record.id !== 'string') throw invalid(['operations', position, 'record', 'id'], 'must be a string');
  if (!Number.isInteger(record.version)) {
    throw invalid(['operations', position, 'record', 'version'], 'must be an integer');
  }
  return record.id;
}

function conflict(
  collection: MemoryCollection,
  id: string,
  expectedVersion: number | 'absent',
  actualVersion: number | undefined,
): CrmError {
  const expected = expectedVersion === 'absent' ? 'no record' : `version ${expectedVersion}`;
  const actual = actualVersion === undefined ? 'none' : `version ${actualVersion}`;
  const stored = collection.get(id);
  return new CrmError('conflict', `${collection.name} ${id}: expected ${expected}, found ${actual}`, {
    current: stored === undefined ? undefined : structuredClone(stored),
    details: { collection: collection.name, id, expectedVersion, actualVersion },
  });
}

/** Fails when, after the batch, two records would share a key of a unique index. */
function checkUniqueIndexes(collection: MemoryCollection, staged: Map<string, StagedRecord>): void {
  for (const indexName of collection.uniqueIndexNames()) {
    // Keys are JSON-safe and JSON.stringify writes equal keys alike (also -0 and 0).
    const stagedHolders = new Map<string, string>();
    for (const [id, { keys }] of staged) {
      for (const key of keys?.get(indexName) ?? []) {
        const otherStaged = stagedHolders.get(JSON.stringify(key));
        if (otherStaged !== undefined) throw duplicate(collection, indexName, key, id, otherStaged);
        stagedHolders.set(JSON.stringify(key), id);
        // A stored holder the batch rewrites or deletes no longer counts: its staged state does.
        const storedHolder = collection.idsWithKey(indexName, key).find((holder) => holder !== id && !staged.has(holder));
        if (storedHolder !== undefined) throw duplicate(collection, indexName, key, id, storedHolder);
      }
    }
  }
}

function duplicate(collection: MemoryCollection, index: string, key: IndexKey, id: string, existingId: string): CrmError {
  const holder = collection.get(existingId);
  return new CrmError(
    'duplicate',
    `${collection.name} ${id}: ${index} ${JSON.stringify(key)} is already taken by ${existingId}`,
    {
      current: holder === undefined ? undefined : structuredClone(holder),
      details: { collection: collection.name, index, key, id, existingId },
    },
  );
}
