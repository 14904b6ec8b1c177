import type { IDBPDatabase } from 'idb';
import type { CollectionDefinition, StorageAdapter, StorageSchema } from '../../src/storage/adapter.ts';
import { CrmError, invalid } from '../../src/errors.ts';
import { applyBatch, planBatch } from './batch.ts';
import { ChangeFeed } from './change-feed.ts';
import { connect } from './connection.ts';
import { storageError } from './errors.ts';
import { countEntries, readLookups, readPage } from './read.ts';
import { inTransaction } from './transaction.ts';
import type { Row } from './row.ts';

export { requestPersistentStorage, type PersistenceResult } from './persistence.ts';

/**
 * What happened to the database connection, for the host page to act on.
 *
 * - `versionchange`: another connection (usually another tab with a newer version of the page)
 *   upgrades the database to `newVersion`, or deletes it (`null`). This adapter has closed its
 *   connection and every later call fails with `storage`: ask the user to reload.
 * - `blocked`: this adapter's upgrade waits until other connections to the database close; it
 *   goes on by itself once they do. Connections of this adapter close on their own, so ask the
 *   user to close other tabs that still hold an old version of the page.
 * - `upgrading`: this adapter brings stored data to a newer schema version; opening takes longer
 *   than usual (seconds on a store of 100k orders), so say so until `createCrm` resolves.
 */
export type VersionChangeNotice =
  | { type: 'versionchange'; newVersion: number | null }
  | { type: 'blocked'; storedVersion: number; requestedVersion: number }
  | { type: 'upgrading'; storedVersion: number; requestedVersion: number };

export interface IndexedDbAdapterOptions {
  /** The IndexedDB database, also the adapter's `name`; adapters (in any tab) on the same name share data. */
  name: string;
  /**
   * Tell other connections to the database (other tabs, other adapters) of every committed batch,
   * over a `BroadcastChannel` named `kartoteka:<name>`, and hear theirs. Defaults to `true`.
   */
  broadcast?: boolean;
  /** Called when another connection upgrades or deletes the database, blocks this adapter's upgrade, or this adapter upgrades stored data. */
  onVersionChange?: (notice: VersionChangeNotice) => void;
}

/**
 * Keeps records in the browser's IndexedDB, one object store per collection, so they outlive the
 * page and are shared by every tab of the origin.
 *
 * - The schema's `version` is the database version: a newer one upgrades the database on open,
 *   recomputing every record's index keys (rewriting the records whose keys changed, building
 *   new and unique indexes anew); an older one fails with `storage`.
 * - Each `write` is one readwrite transaction: all of it commits or none of it does.
 * - Every committed batch reaches the `onExternalChange` listeners of this adapter, with the
 *   `origin` it was written with, and (with `broadcast`) those of every other adapter on the
 *   same database, in this tab or another one.
 * - When another tab upgrades the database, this adapter closes its connection so the upgrade
 *   is not blocked, reports it through `onVersionChange`, and later calls fail with `storage`.
 *
 * Several `Crm` instances may share one adapter: each opens and closes it, and the connection
 * closes with the last of them.
 *
 * @example
 * ```ts
 * import { createCrm } from 'kartoteka';
 * import { indexedDbAdapter, requestPersistentStorage } from 'kartoteka/adapters/indexeddb';
 *
 * const storage = indexedDbAdapter({
 *   name: 'crm',
 *   onVersionChange: (notice) => {
 *     if (notice.type === 'versionchange') showBanner('CRM was updated in another tab: reload this page.');
 *     else showBanner('Close other tabs with the CRM to finish its update.');
 *   },
 * });
 * const crm = await createCrm({ storage });
 * crm.on('client.created', ({ client }) => refreshList(client)); // also for clients created in other tabs
 * await requestPersistentStorage();
 * ```
 */
export function indexedDbAdapter(options: IndexedDbAdapterOptions): StorageAdapter {
  const name = options?.name;
  if (typeof name !== 'string' || name === '') throw invalid(['name'], 'must be a non-empty string');
  const broadcast = options.broadcast !== false && typeof BroadcastChannel === 'function';
  const feed = new ChangeFeed(broadcast ? `kartoteka:${name}` : undefined);
  let db: IDBPDatabase | undefined;
  let schema: StorageSchema | undefined;
  let openCount = 0;
  /** Why the connection was lost to another connection's upgrade or deletion, once it was. */
  let lost: CrmError | undefined;
  /** Opens and closes run one after another. */
  let lifecycle: Promise<unknown> = Promise.resolve();

  /** The connection was closed for another connection's upgrade or deletion of the database. */
  function lose(newVersion: number | null): void {
    db = undefined;
    const what = newVersion === null ? 'was deleted' : `was upgraded to schema version ${newVersion}`;
    lost = new CrmError('storage', `Storage ${name} ${what} by another tab or connection: reload the page`, {
      details: { storage: name, newVersion },
    });
    options.onVersionChange?.({ type: 'versionchange', newVersion });
  }

  async function openConnection(next: StorageSchema): Promise<IDBPDatabase> {
    let opening: IDBPDatabase | undefined;
    opening = await connect(name, next, {
      blocked: (storedVersion) => options.onVersionChange?.({ type: 'blocked', storedVersion, requestedVersion: next.version }),
      upgrading: (storedVersion) => options.onVersionChange?.({ type: 'upgrading', storedVersion, requestedVersion: next.version }),
      versionChange: (newVersion) => {
        // A connection this adapter has already replaced is of no concern.
        if (opening !== undefined && opening === db) lose(newVersion);
      },
    });
    return opening;
  }

  function connection(): { db: IDBPDatabase; schema: StorageSchema } {
    if (lost !== undefined) throw lost;
    if (db === undefined || schema === undefined || openCount === 0) throw new CrmError('storage', `Storage ${name} is not open`);
    return { db, schema };
  }

  function collectionOf(collection: string): { db: IDBPDatabase; definition: CollectionDefinition } {
    const { db, schema } = connection();
    const definition = Object.hasOwn(schema.collections, collection) ? schema.collections[collection] : undefined;
    if (definition === undefined) throw new CrmError('storage', `Unknown collection ${collection}`, { details: { collection } });
    return { db, definition };
  }

  /** Runs one step of the lifecycle after the previous one has settled. */
  function inLifecycle(step: () => Promise<void>): Promise<void> {
    const result = lifecycle.then(step);
    lifecycle = result.catch(() => undefined);
    return result.catch((error: unknown) => Promise.reject(storageError(error, name)));
  }

  /** Runs `action` and reports any error as a `CrmError`. */
  async function run<T>(action: () => T | Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw storageError(error, name);
    }
  }

  return {
    name,
    capabilities: { persistent: true, externalChanges: broadcast, shared: true },

    open: (next) =>
      inLifecycle(async () => {
        if (db !== undefined && schema !== undefined) {
          if (next.version < schema.version) {
            throw new CrmError('storage', `Storage ${name} holds schema version ${schema.version}, newer than ${next.version}`, {
              details: { storage: name, storedVersion: schema.version, requestedVersion: next.version },
            });
          }
          if (next.version > schema.version) {
            const previous = schema;
            db.close();
            db = undefined;
            try {
              db = await openConnection(next);
            } catch (error) {
              // A failed upgrade left the database as it was: go on with the schema that still holds.
              db = await openConnection(previous);
              throw error;
            }
            schema = next;
          }
        } else {
          db = await openConnection(next);
          schema = next;
          lost = undefined;
          feed.connect();
        }
        openCount++;
      }),

    get: (collection, id) =>
      run(async () => {
        const { db } = collectionOf(collection);
        const row = await inTransaction(db, [collection], 'readonly', (transaction) => transaction.objectStore(collection).get(id) as Promise<Row | undefined>);
        return row?.record;
      }),

    query: (collection, query = {}) =>
      run(() => {
        const { db, definition } = collectionOf(collection);
        return readPage(db, collection, definition, query);
      }),

    count: (collection, query = {}) =>
      run(() => {
        const { db, definition } = collectionOf(collection);
        return countEntries(db, collection, definition, query);
      }),

    readMany: (collection, lookups) =>
      run(() => {
        const { db, definition } = collectionOf(collection);
        return readLookups(db, collection, definition, lookups);
      }),

    write: (operations, writeOptions = {}) =>
      run(async () => {
        const { db, schema } = connection();
        const plan = planBatch(schema, operations, writeOptions.events);
        const changes = await applyBatch(db, plan);
        if (changes.puts.length === 0 && changes.deletes.length === 0) return;
        if (writeOptions.origin !== undefined) changes.origin = writeOptions.origin;
        if (plan.events !== undefined) changes.events = plan.events;
        feed.publish(changes);
      }),

    onExternalChange: (listener, listenOptions) => feed.subscribe(listener, listenOptions?.ignoreOrigin),

    close: () =>
      inLifecycle(async () => {
        openCount = Math.max(0, openCount - 1);
        if (openCount > 0) return;
        db?.close();
        db = undefined;
        schema = undefined;
        lost = undefined;
        feed.disconnect();
      }),
  };
}
