import type { StorageAdapter, StorageSchema, WriteOperation } from '../../src/storage/adapter.ts';
import { CrmError, toCrmError } from '../../src/errors.ts';
import { lookupQuery } from '../../src/storage/query-options.ts';
import { ChangeListeners } from '../../src/storage/change-listeners.ts';
import { MemoryCollection } from './collection.ts';
import { commitBatch, prepareBatch } from './batch.ts';

export interface MemoryAdapterOptions {
  /** Shown in error messages and as the adapter's `name`; defaults to `'memory'`. */
  name?: string;
}


/**
 * Keeps records in memory: the reference adapter, for tests, demos and prototypes. It runs
 * wherever ECMAScript does and holds its data until the adapter object is dropped.
 *
 * Several `Crm` instances may share one adapter: each opens it (a newer schema version
 * rebuilds the indexes and keeps the records) and closes it, and every committed batch goes to
 * every change listener, each instance's own batches included, with the `origin` passed to
 * `write`.
 *
 * @example
 * ```ts
 * const storage = memoryAdapter();
 * const shop = createCrm({ storage });
 * const backOffice = createCrm({ storage }); // sees the shop's writes
 * ```
 */
export function memoryAdapter(options: MemoryAdapterOptions = {}): StorageAdapter {
  const name = options.name ?? 'memory';
  let schemaVersion: number | undefined;
  let collections = new Map<string, MemoryCollection>();
  let openCount = 0;
  const listeners = new ChangeListeners();

  function openCollections(): ReadonlyMap<string, MemoryCollection> {
    if (openCount === 0) throw new CrmError('storage', `Storage ${name} is not open`);
    return collections;
  }

  function collection(collectionName: string): MemoryCollection {
    const found = openCollections().get(collectionName);
    if (found === undefined) {
      throw new CrmError('storage', `Unknown collection ${collectionName}`, { details: { collection: collectionName } });
    }
    return found;
  }

  /** New collections for `schema`, filled with the stored records; collections left out of it are dropped. */
  function upgrade(schema: StorageSchema): Map<string, MemoryCollection> {
    const upgraded = new Map<string, MemoryCollection>();
    const copyOver: WriteOperation[] = [];
    for (const [collectionName, definition] of Object.entries(schema.collections)) {
      upgraded.set(collectionName, new MemoryCollection(collectionName, definition));
      for (const record of collections.get(collectionName)?.all() ?? []) {
        copyOver.push({ type: 'put', collection: collectionName, record });
      }
    }
    commitBatch(prepareBatch(upgraded, copyOver));
    return upgraded;
  }

  return {
    name,
    capabilities: { persistent: false, externalChanges: true, shared: true },

    open: (schema) =>
      settle(() => {
        if (schemaVersion !== undefined && schema.version < schemaVersion) {
          throw new CrmError('storage', `Storage ${name} holds schema version ${schemaVersion}, newer than ${schema.version}`, {
            details: { storedVersion: schemaVersion, requestedVersion: schema.version },
          });
        }
        if (schemaVersion === undefined || schema.version > schemaVersion) {
          collections = upgrade(schema);
          schemaVersion = schema.version;
        }
        openCount++;
      }),

    get: (collectionName, id) =>
      settle(() => {
        const record = collection(collectionName).get(id);
        return record === undefined ? undefined : structuredClone(record);
      }),

    query: (collectionName, query = {}) => settle(() => collection(collectionName).query(query)),

    count: (collectionName, query = {}) => settle(() => collection(collectionName).count(query)),

    readMany: (collectionName, lookups) =>
      settle(() => {
        const found = collection(collectionName);
        return lookups.map((lookup) => {
          if ('id' in lookup) {
            const record = found.get(lookup.id);
            return record === undefined ? [] : [structuredClone(record)];
          }
          return found.query(lookupQuery(lookup)).records;
        });
      }),

    write: (operations, writeOptions = {}) =>
      settle(() => {
        const changes = commitBatch(prepareBatch(openCollections(), operations));
        if (changes.puts.length === 0 && changes.deletes.length === 0) return;
        if (writeOptions.origin !== undefined) changes.origin = writeOptions.origin;
        if (writeOptions.events !== undefined) changes.events = structuredClone(writeOptions.events);
        listeners.deliver(changes);
      }),

    onExternalChange: (listener, listenOptions) => listeners.subscribe(listener, listenOptions?.ignoreOrigin),

    close: () =>
      settle(() => {
        openCount = Math.max(0, openCount - 1);
      }),
  };
}

/** Runs `action` now and reports its outcome as a promise, any error as a `CrmError`. */
function settle<T>(action: () => T): Promise<T> {
  try {
    return Promise.resolve(action());
  } catch (error) {
    return Promise.reject(toCrmError(error));
  }
}
