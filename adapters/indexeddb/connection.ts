import { openDB, type IDBPDatabase } from 'idb';
import type { StorageSchema } from '../../src/storage/adapter.ts';
import { CrmError } from '../../src/errors.ts';
import { storageError } from './errors.ts';
import { abortQuietly } from './transaction.ts';
import { upgradeDatabase } from './upgrade.ts';

export interface ConnectionListeners {
  /** This connection's upgrade waits for other connections (other tabs) to close. */
  blocked(storedVersion: number): void;
  /** This connection upgrades a database that holds data of schema version `storedVersion`. */
  upgrading(storedVersion: number): void;
  /** Another connection upgrades (`newVersion`) or deletes (`null`) the database; this one has closed for it. */
  versionChange(newVersion: number | null): void;
}

/**
 * Opens the database `name` at the schema's version, upgrading it when it is older.
 *
 * @throws CrmError `storage` when the database holds a newer schema version or lacks a
 *   collection or index of `schema`; whatever the upgrade failed with (`duplicate`, `storage`).
 */
export async function connect(name: string, schema: StorageSchema, listeners: ConnectionListeners): Promise<IDBPDatabase> {
  let upgradeFailure: unknown;
  let db: IDBPDatabase;
  try {
    db = await openDB(name, schema.version, {
      upgrade(database, oldVersion, _newVersion, transaction) {
        if (oldVersion > 0) listeners.upgrading(oldVersion);
        // Observing `done` as well keeps an aborted upgrade from surfacing as an unhandled rejection.
        Promise.all([upgradeDatabase(database, transaction, schema), transaction.done]).catch((error: unknown) => {
          upgradeFailure = error;
          abortQuietly(transaction);
        });
      },
      blocked: (storedVersion) => listeners.blocked(storedVersion),
      blocking: (_version, newVersion, event) => {
        // Closing at once lets the other connection's upgrade go on instead of waiting for this one.
        (event.target as IDBDatabase).close();
        listeners.versionChange(newVersion);
      },
    });
  } catch (error) {
    if (upgradeFailure !== undefined) throw storageError(upgradeFailure, name);
    if ((error as { name?: unknown } | null)?.name === 'VersionError') throw await newerSchemaError(name, schema.version);
    throw storageError(error, name);
  }
  const missing = missingParts(db, schema);
  if (missing.length > 0) {
    db.close();
    throw new CrmError(
      'storage',
      `Storage ${name} at schema version ${schema.version} lacks ${missing.join(', ')}: bump the schema version when collections or indexes change`,
      { details: { storage: name, version: schema.version, missing } },
    );
  }
  return db;
}

async function newerSchemaError(name: string, requestedVersion: number): Promise<CrmError> {
  const databases = await indexedDB.databases().catch(() => []);
  const storedVersion = databases.find((database) => database.name === name)?.version;
  const stored = storedVersion === undefined ? 'a newer schema version' : `schema version ${storedVersion}`;
  return new CrmError(
    'storage',
    `Storage ${name} holds ${stored}, newer than ${requestedVersion}: another tab runs a newer version of this page; reload this one`,
    { details: { storage: name, storedVersion, requestedVersion } },
  );
}

/** The collections and indexes of `schema` the database lacks: a schema changed without a new version. */
function missingParts(db: IDBPDatabase, schema: StorageSchema): string[] {
  const missing: string[] = [];
  for (const [collection, { indexes }] of Object.entries(schema.collections)) {
    if (!db.objectStoreNames.contains(collection)) {
      missing.push(collection);
      continue;
    }
    const { indexNames } = db.transaction(collection).objectStore(collection);
    for (const index of Object.keys(indexes)) if (!indexNames.contains(index)) missing.push(`${collection}.${index}`);
  }
  return missing;
}
