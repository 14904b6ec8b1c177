import { unwrap, type IDBPDatabase } from 'idb';
import type { ChangeSet, CollectionDefinition, IndexKey, StorageSchema, StoredRecord, WriteOperation } from '../../src/storage/adapter.ts';
import { CrmError, invalid, toCrmError } from '../../src/errors.ts';
import { recordIndexKeys, rowOf, type RecordIndexKeys, type Row } from './row.ts';
import { duplicate } from './errors.ts';
import { inTransaction, type Transaction } from './transaction.ts';

/** One operation that passed every check made without reading storage; a put carries its own copy of the record. */
interface CheckedOperation {
  collection: string;
  definition: CollectionDefinition;
  id: string;
  record: StoredRecord | undefined;
  expectedVersion: number | 'absent' | undefined;
}

/**
 * A batch checked as far as it can be without storage: the operations before the first
 * malformed one, and that one's error. The error is thrown only after the version checks of
 * the operations before it, so a batch fails with the same error as in the memory adapter.
 */
export interface PlannedBatch {
  operations: CheckedOperation[];
  failure: CrmError | undefined;
  /** The batch's events, copied. */
  events: unknown[] | undefined;
}

/** The state a batch leaves one record in: a record to store, or `undefined` to delete it. */
interface StagedRecord {
  record: StoredRecord | undefined;
  keys: RecordIndexKeys | undefined;
}

/** What a batch does to one collection. */
interface StagedCollection {
  definition: CollectionDefinition;
  hasUniqueIndex: boolean;
  /** The stored record, before the batch, of every id the batch touches. */
  stored: Map<string, StoredRecord | undefined>;
  /**
   * Ids the batch first creates (`expectedVersion: 'absent'`) and ends with a record: not read
   * beforehand, but written with `add`, which fails if the id exists after all.
   */
  assumedAbsent: Set<string>;
  /** The state the batch leaves each touched id in, in the order the batch first touched them. */
  staged: Map<string, StagedRecord>;
}

/**
 * Checks the shape of every operation and copies the records to put and the batch's events, so
 * a caller changing them while the write is under way changes nothing.
 *
 * @throws DOMException `DataCloneError` for events that cannot be copied: before anything is
 *   written, so no batch commits that its announcement could not carry.
 */
export function planBatch(schema: StorageSchema, operations: readonly WriteOperation[], events?: unknown[]): PlannedBatch {
  const copies = copiedTogether(operations, events);
  const checked: CheckedOperation[] = [];
  for (const [position, operation] of operations.entries()) {
    try {
      checked.push(checkOperation(schema, operation, position, copies?.records[position]));
    } catch (error) {
      return { operations: checked, failure: toCrmError(error), events: copies?.events };
    }
  }
  return { operations: checked, failure: undefined, events: copies ? copies.events : events && structuredClone(events) };
}

/**
 * The records and the events copied in one go: an event holding a record of the batch then holds
 * the same copy, so each record is copied, and later sent to other tabs, once. `undefined` when
 * something cannot be copied: then each is copied on its own, and a failure names its place.
 */
function copiedTogether(operations: readonly WriteOperation[], events: unknown[] | undefined): { records: (StoredRecord | undefined)[]; events: unknown[] | undefined } | undefined {
  try {
    const [records, copiedEvents] = structuredClone([operations.map((operation) => (operation.type === 'put' ? operation.record : undefined)), events]);
    return { records, events: copiedEvents };
  } catch {
    return undefined;
  }
}

/**
 * Applies a planned batch in one readwrite transaction: version checks against the stored
 * records as the earlier operations of the batch leave them, index keys, unique keys within the
 * batch, then the writes. Against stored records, IndexedDB's own unique indexes and `add`
 * guard the keys and the ids the batch creates: nothing is read for them first, and only when
 * IndexedDB refuses a key is the batch's error worked out, by {@link explainRefusal}.
 *
 * @returns what the batch changed.
 * @throws CrmError `conflict`, `duplicate`, the plan's failure, or `storage` (failing index
 *   extractor); nothing is written then.
 */
export async function applyBatch(db: IDBPDatabase, plan: PlannedBatch): Promise<ChangeSet> {
  const touched = [...new Set(plan.operations.map((operation) => operation.collection))];
  if (touched.length === 0) {
    if (plan.failure !== undefined) throw plan.failure;
    return { puts: [], deletes: [] };
  }
  let staging: Map<string, StagedCollection> | undefined;
  const refusal = { keyTaken: false };
  try {
    return await inTransaction(db, touched, 'readwrite', async (transaction) => {
      const collections = (staging = await readTouched(transaction, plan.operations));
      try {
        stageOperations(plan.operations, collections);
        if (plan.failure !== undefined) throw plan.failure;
        for (const [name, { definition, staged }] of collections) {
          for (const entry of staged.values()) {
            if (entry.record !== undefined) entry.keys = recordIndexKeys(name, definition, entry.record);
          }
        }
        for (const [name, collection] of collections) checkUniqueWithinBatch(name, collection);
      } catch (error) {
        // A version conflict outranks every other failure (as when every id is read first): look
        // at the ids the batch meant to create before reporting anything else.
        await failOnExisting(transaction, plan.operations, collections);
        throw error;
      }
      return write(transaction, collections, refusal);
    });
  } catch (error) {
    if (!refusal.keyTaken || staging === undefined) throw error;
    throw (await explainRefusal(db, touched, plan.operations, staging)) ?? error;
  }
}

/**
 * Why IndexedDB refused a batch's key, read after the abort: an id the batch meant to create
 * exists (`conflict`, as a read first would have found), or a stored record holds a unique key
 * the batch gives another (`duplicate`). When neither holds any more, the record that stood in
 * the way went in the meantime: a `conflict`, so the writer retries.
 */
async function explainRefusal(db: IDBPDatabase, touched: string[], operations: CheckedOperation[], collections: Map<string, StagedCollection>): Promise<CrmError> {
  return inTransaction(db, touched, 'readonly', async (transaction) => {
    await failOnExisting(transaction, operations, collections);
    for (const [name, collection] of collections) await checkUniqueAgainstStored(transaction, name, collection);
    return new CrmError('conflict', 'A key this batch writes was taken while it was written and is free again: try again', {
      details: { collections: touched },
    });
  });
}

/** Throws the `conflict` of the first id the batch meant to create that exists after all. */
async function failOnExisting(transaction: Transaction<IDBTransactionMode>, operations: CheckedOperation[], collections: Map<string, StagedCollection>): Promise<void> {
  const assumed = operations.filter((operation) => collections.get(operation.collection)?.assumedAbsent.has(operation.id) && operation.expectedVersion === 'absent');
  const rows = (await Promise.all(assumed.map(({ collection, id }) => transaction.objectStore(collection).get(id)))) as (Row | undefined)[];
  const index = rows.findIndex((row) => row !== undefined);
  if (index < 0) return;
  const { collection, id } = assumed[index]!;
  const { record } = rows[index]!;
  throw conflict(collection, id, 'absent', record.version, record);
}

/** `copy`: the record to put, copied already; copied here when absent. */
function checkOperation(schema: StorageSchema, operation: WriteOperation, position: number, copy: StoredRecord | undefined): CheckedOperation {
  const definition = Object.hasOwn(schema.collections, operation.collection) ? schema.collections[operation.collection] : undefined;
  if (definition === undefined) {
    throw new CrmError('storage', `Unknown collection ${String(operation.collection)}`, { details: { collection: operation.collection } });
  }
  if (operation.type !== 'put' && operation.type !== 'delete') {
    throw invalid(['operations', position, 'type'], "must be 'put' or 'delete'");
  }
  const id = operation.type === 'put' ? recordId(operation.record, position) : operation.id;
  if (typeof id !== 'string') throw invalid(['operations', position, 'id'], 'must be a string');
  return {
    collection: operation.collection,
    definition,
    id,
    record: operation.type === 'put' ? (copy ?? structuredClone(operation.record)) : undefined,
    expectedVersion: operation.expectedVersion,
  };
}

function recordId(record: StoredRecord, position: number): string {
  if (typeof record !== 'object' || record === null) throw invalid(['operations', position, 'record'], 'must be an object');
  if (typeof record.id !== 'string') throw invalid(['operations', position, 'record', 'id'], 'must be a string');
  if (!Number.isInteger(record.version)) throw invalid(['operations', position, 'record', 'version'], 'must be an integer');
  return record.id;
}

/**
 * Reads, all at once, the stored record of every id the batch touches, except those it creates
 * and keeps (see {@link StagedCollection.assumedAbsent}) and those it only puts, unchecked, in a
 * collection without unique indexes: nothing about their stored record matters.
 */
async function readTouched(transaction: Transaction<'readwrite'>, operations: CheckedOperation[]): Promise<Map<string, StagedCollection>> {
  const collections = new Map<string, StagedCollection>();
  const first = new Map<string, CheckedOperation>();
  const last = new Map<string, CheckedOperation>();
  const checked = new Set<string>();
  for (const operation of operations) {
    const key = `${operation.collection}\u0000${operation.id}`;
    if (!first.has(key)) first.set(key, operation);
    last.set(key, operation);
    if (operation.expectedVersion !== undefined) checked.add(key);
  }
  const reads: Promise<void>[] = [];
  for (const [key, operation] of first) {
    const { collection, definition, id } = operation;
    let staging = collections.get(collection);
    if (staging === undefined) {
      const hasUniqueIndex = Object.values(definition.indexes).some((index) => index.unique === true);
      collections.set(collection, (staging = { definition, hasUniqueIndex, stored: new Map(), assumedAbsent: new Set(), staged: new Map() }));
    }
    const { stored, assumedAbsent, hasUniqueIndex } = staging;
    stored.set(id, undefined);
    const kept = last.get(key)!.record !== undefined;
    if (operation.expectedVersion === 'absent' && operation.record !== undefined && kept) assumedAbsent.add(id);
    else if (kept && !checked.has(key) && !hasUniqueIndex) continue;
    else reads.push(transaction.objectStore(collection).get(id).then((row?: Row) => void stored.set(id, row?.record)));
  }
  await Promise.all(reads);
  return collections;
}

/** Replays the operations in order, checking each expected version against the state the earlier ones left. */
function stageOperations(operations: CheckedOperation[], collections: Map<string, StagedCollection>): void {
  for (const { collection, id, record, expectedVersion } of operations) {
    const { stored, staged } = collections.get(collection) as StagedCollection;
    const committed = stored.get(id);
    const existing = staged.has(id) ? staged.get(id)?.record : committed;
    const versionMatches =
      expectedVersion === undefined ||
      (expectedVersion === 'absent' ? existing === undefined : existing?.version === expectedVersion);
    if (!versionMatches) throw conflict(collection, id, expectedVersion, existing?.version, committed);
    staged.set(id, { record, keys: undefined });
  }
}

function conflict(
  collection: string,
  id: string,
  expectedVersion: number | 'absent',
  actualVersion: number | undefined,
  committed: StoredRecord | undefined,
): CrmError {
  const expected = expectedVersion === 'absent' ? 'no record' : `version ${expectedVersion}`;
  const actual = actualVersion === undefined ? 'none' : `version ${actualVersion}`;
  return new CrmError('conflict', `${collection} ${id}: expected ${expected}, found ${actual}`, {
    current: committed,
    details: { collection, id, expectedVersion, actualVersion },
  });
}

/** The key of every unique index each record of the batch ends with. */
function uniqueKeys(definition: CollectionDefinition, staged: Map<string, StagedRecord>): { index: string; id: string; key: IndexKey }[] {
  const keys: { index: string; id: string; key: IndexKey }[] = [];
  for (const [index, { unique }] of Object.entries(definition.indexes)) {
    if (unique !== true) continue;
    for (const [id, { keys: indexKeys }] of staged) {
      for (const key of indexKeys?.get(index) ?? []) keys.push({ index, id, key });
    }
  }
  return keys;
}

/** Fails when, after the batch, two of its records would share a key of a unique index. */
function checkUniqueWithinBatch(name: string, { definition, stored, staged }: StagedCollection): void {
  const holders = new Map<string, string>();
  for (const { index, id, key } of uniqueKeys(definition, staged)) {
    // Keys are JSON-safe and JSON.stringify writes equal keys alike (also -0 and 0).
    const slot = JSON.stringify([index, key]);
    const other = holders.get(slot);
    if (other !== undefined) throw duplicate(name, index, key, id, other, stored.get(other));
    holders.set(slot, id);
  }
}

/** Fails when a stored record the batch leaves alone holds a unique key the batch gives one of its records. */
async function checkUniqueAgainstStored(transaction: Transaction<IDBTransactionMode>, name: string, { definition, staged }: StagedCollection): Promise<void> {
  const store = transaction.objectStore(name);
  const checks = uniqueKeys(definition, staged);
  // Every lookup is requested at once; they are judged in order below.
  const holders = (await Promise.all(checks.map(({ index, key }) => store.index(index).getAllKeys(key)))) as string[][];
  for (const [i, { index, id, key }] of checks.entries()) {
    // A stored holder the batch rewrites or deletes no longer counts: its staged state does.
    const holder = holders[i]?.find((candidate) => candidate !== id && !staged.has(candidate));
    if (holder === undefined) continue;
    const row: Row | undefined = await store.get(holder);
    throw duplicate(name, index, key, id, holder, row?.record);
  }
}

/**
 * Issues the writes of a checked batch and describes what it changed. The requests are plain
 * IndexedDB ones, not awaited one by one: the transaction's end says whether all of them held.
 * A refused id or unique key (`ConstraintError`) sets `refusal.keyTaken`.
 */
function write(transaction: Transaction<'readwrite'>, collections: Map<string, StagedCollection>, refusal: { keyTaken: boolean }): ChangeSet {
  const changes: ChangeSet = { puts: [], deletes: [] };
  const deletes: (() => void)[] = [];
  const puts: (() => void)[] = [];
  for (const [name, { definition, hasUniqueIndex, stored, assumedAbsent, staged }] of collections) {
    const store = unwrap(transaction.objectStore(name));
    for (const [id, { record, keys }] of staged) {
      const existed = stored.get(id) !== undefined;
      // Unique IndexedDB indexes check every request on its own: a record handing its key to
      // another record of the batch must let go of it before the other is put.
      if (existed && (record === undefined || hasUniqueIndex)) deletes.push(() => store.delete(id));
      if (record !== undefined && keys !== undefined) {
        const row = rowOf(definition, record, keys);
        const refusable = assumedAbsent.has(id) || hasUniqueIndex;
        puts.push(() => {
          const request = assumedAbsent.has(id) ? store.add(row) : store.put(row);
          if (!refusable) return;
          request.onerror = () => {
            // A taken id or unique key; an abort also fails every request still pending.
            if (request.error?.name === 'ConstraintError') refusal.keyTaken = true;
          };
        });
        changes.puts.push({ collection: name, record });
      } else if (existed) {
        changes.deletes.push({ collection: name, id });
      }
    }
  }
  for (const request of [...deletes, ...puts]) request();
  return changes;
}
