import { unwrap, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { CollectionDefinition, StorageSchema } from '../../src/storage/adapter.ts';
import { compareKeys } from '../../src/storage/keys.ts';
import { duplicate } from './errors.ts';
import { recordIndexKeys, keyPathOf, rowOf, type Row } from './row.ts';
import { resultsOf, type Transaction } from './transaction.ts';

type UpgradeStore = IDBPObjectStore<unknown, string[], string, 'versionchange'>;

/** Records re-keyed per request: bounds memory on large stores while keeping round trips few. */
const chunkSize = 500;

/**
 * Brings the database to `schema` inside the upgrade transaction: drops the object stores of
 * collections the schema left out, creates the new ones, and recomputes every record's index
 * keys, because an extractor may have changed while keeping its name. A non-unique index that
 * keeps its options is kept, and follows the rows rewritten: Chromium builds an index anew at
 * about a record per 0.1 ms, so rebuilding them all made a store of 10k orders open in 10 s.
 *
 * @throws CrmError `storage` when an extractor fails on a stored record, `duplicate` when two
 *   stored records share a key of a unique index; the caller then aborts the upgrade, leaving
 *   the database as it was.
 */
export async function upgradeDatabase(db: IDBPDatabase, transaction: Transaction<'versionchange'>, schema: StorageSchema): Promise<void> {
  for (const storeName of [...db.objectStoreNames]) {
    if (!Object.hasOwn(schema.collections, storeName)) db.deleteObjectStore(storeName);
  }
  for (const [collection, definition] of Object.entries(schema.collections)) {
    const store = db.objectStoreNames.contains(collection) ? transaction.objectStore(collection) : db.createObjectStore(collection, { keyPath: 'id' });
    // Unique indexes are built again after the rows are rewritten, which then cannot trip one halfway through.
    for (const index of [...store.indexNames]) {
      const wanted = definition.indexes[index];
      const kept = store.index(index);
      if (!wanted || wanted.unique === true || kept.unique || kept.multiEntry !== (wanted.multiEntry === true) || kept.keyPath !== keyPathOf(collection, index)) store.deleteIndex(index);
    }
    await rekey(store, collection, definition);
    for (const [index, { multiEntry, unique }] of Object.entries(definition.indexes)) {
      if (!store.indexNames.contains(index)) store.createIndex(index, keyPathOf(collection, index), { multiEntry: multiEntry === true, unique: unique === true });
    }
  }
}

/** Whether a row already holds `next`'s keys for every index of the schema: then it is not written again. */
function sameKeys(stored: Row['keys'], next: Row['keys'], definition: CollectionDefinition): boolean {
  // A field absent and an empty list both put a record in no entry of an index.
  const entries = (keys: Row['keys'], index: string) => [keys[index] ?? []].flat();
  return Object.keys(definition.indexes).every((index) => {
    const [before, after] = [entries(stored, index), entries(next, index)];
    return before.length === after.length && before.every((key, i) => compareKeys(key, after[i]!) === 0);
  });
}

/**
 * Recomputes the index keys of every stored record, a chunk at a time in id order, and writes
 * the rows whose keys changed: an upgrade that adds an index most records have no key in (or
 * keeps every extractor) reads the store but rewrites little of it.
 */
async function rekey(store: UpgradeStore, collection: string, definition: CollectionDefinition): Promise<void> {
  const uniqueIndexes = Object.keys(definition.indexes).filter((index) => definition.indexes[index]?.unique === true);
  const holders = new Map<string, string>();
  let after: string | undefined;
  for (;;) {
    const rows: Row[] = await store.getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), chunkSize);
    // Every row of a chunk is checked before any is written, so a failure leaves no write unobserved.
    const rekeyed: Row[] = [];
    for (const { record, keys: storedKeys } of rows) {
      const keys = recordIndexKeys(collection, definition, record);
      for (const index of uniqueIndexes) {
        for (const key of keys.get(index) ?? []) {
          const slot = JSON.stringify([index, key]);
          const holder = holders.get(slot);
          if (holder !== undefined) {
            const current: Row | undefined = await store.get(holder);
            throw duplicate(collection, index, key, record.id, holder, current?.record);
          }
          holders.set(slot, record.id);
        }
      }
      const row = rowOf(definition, record, keys);
      if (!sameKeys(storedKeys, row.keys, definition)) rekeyed.push(row);
    }
    const plain = unwrap(store);
    await resultsOf(rekeyed.map((row) => plain.put(row)));
    const last = rows.at(-1);
    if (last === undefined || rows.length < chunkSize) return;
    after = last.id;
  }
}
