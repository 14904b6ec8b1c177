import { unwrap, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { CollectionDefinition, StorageSchema } from '../../src/storage/adapter.ts';
import { duplicate } from './errors.ts';
import { recordIndexKeys, keyPathOf, rowOf, type Row } from './row.ts';
import { resultsOf, type Transaction } from './transaction.ts';

type UpgradeStore = IDBPObjectStore<unknown, string[], string, 'versionchange'>;

/** Records re-keyed per request: bounds memory on large stores while keeping round trips few. */
const chunkSize = 500;

/**
 * Brings the database to `schema` inside the upgrade transaction: drops the object stores of
 * collections the schema left out, creates the new ones, and rebuilds every index from the
 * stored records, because an extractor may have changed while keeping its name.
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
    // Without indexes, rewriting the rows cannot trip a unique index halfway through.
    for (const index of [...store.indexNames]) store.deleteIndex(index);
    await rekey(store, collection, definition);
    for (const [index, { multiEntry, unique }] of Object.entries(definition.indexes)) {
      store.createIndex(index, keyPathOf(collection, index), { multiEntry: multiEntry === true, unique: unique === true });
    }
  }
}

/** Recomputes the index keys of every stored record, a chunk at a time in id order. */
async function rekey(store: UpgradeStore, collection: string, definition: CollectionDefinition): Promise<void> {
  const uniqueIndexes = Object.keys(definition.indexes).filter((index) => definition.indexes[index]?.unique === true);
  const holders = new Map<string, string>();
  let after: string | undefined;
  for (;;) {
    const rows: Row[] = await store.getAll(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), chunkSize);
    // Every row of a chunk is checked before any is written, so a failure leaves no write unobserved.
    const rekeyed: Row[] = [];
    for (const { record } of rows) {
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
      rekeyed.push(rowOf(definition, record, keys));
    }
    const plain = unwrap(store);
    await resultsOf(rekeyed.map((row) => plain.put(row)));
    const last = rows.at(-1);
    if (last === undefined || rows.length < chunkSize) return;
    after = last.id;
  }
}
