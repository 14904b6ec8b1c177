import type { CollectionDefinition, IndexKey, StoredRecord } from '../../src/storage/adapter.ts';
import { indexKeysOf } from '../../src/storage/index-keys.ts';
import { CrmError } from '../../src/errors.ts';

/**
 * What one object-store entry holds: the record as written and, beside it, the key of every
 * index, computed by the schema's extractors when the record is written. IndexedDB indexes
 * read `keys.<index>`; a record without a key for an index has no such field and stays out of
 * that index. Keeping the keys beside the record, not inside it, means no record field can
 * collide with them and reads hand out `record` untouched.
 */
export interface Row {
  id: string;
  record: StoredRecord;
  keys: Record<string, IndexKey | IndexKey[]>;
}

/** The keys one record is indexed under, by index name: one key, or the distinct elements of a multiEntry index. */
export type RecordIndexKeys = Map<string, IndexKey[]>;

/**
 * The key path of an index's IndexedDB index.
 *
 * @throws CrmError `storage` for an index name that is not an identifier: IndexedDB would read
 *   `keys.a.b` as a nested path and silently leave every record out of the index.
 */
export function keyPathOf(collection: string, index: string): string {
  if (!/^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u.test(index)) {
    throw new CrmError('storage', `Index ${collection}.${index}: IndexedDB needs index names that are identifiers`, {
      details: { collection, index },
    });
  }
  return `keys.${index}`;
}

/**
 * Runs every index extractor of `definition` over `record`.
 *
 * @throws CrmError `storage` when an extractor throws or returns something that is not a key.
 */
export function recordIndexKeys(collection: string, definition: CollectionDefinition, record: StoredRecord): RecordIndexKeys {
  const keys: RecordIndexKeys = new Map();
  for (const [index, indexDefinition] of Object.entries(definition.indexes)) {
    keys.set(index, indexKeysOf(collection, index, indexDefinition, record));
  }
  return keys;
}

/** The row that stores `record` under `keys` (from {@link recordIndexKeys}). */
export function rowOf(definition: CollectionDefinition, record: StoredRecord, keys: RecordIndexKeys): Row {
  const entries: [string, IndexKey | IndexKey[]][] = [];
  for (const [index, indexKeys] of keys) {
    // No field, no entry: IndexedDB leaves the record out of that index, as it does for an empty list.
    if (indexKeys[0] === undefined) continue;
    entries.push([index, definition.indexes[index]?.multiEntry === true ? indexKeys : indexKeys[0]]);
  }
  // fromEntries defines own properties, so even an index named `__proto__` gets its field.
  return { id: record.id, record, keys: Object.fromEntries(entries) };
}
