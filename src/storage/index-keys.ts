import { CrmError } from '../errors.ts';
import type { IndexDefinition, IndexKey, StoredRecord } from './adapter.ts';
import { compareKeys, isValidKey } from './keys.ts';

/**
 * The distinct keys `record` is indexed under, sorted; none when the extractor gives `undefined`.
 * Every adapter indexes through this, so all of them treat odd extractor results alike.
 *
 * @throws CrmError `storage` when the extractor throws or gives something that is not a key.
 * @example
 * ```ts
 * indexKeysOf('clients', 'stars', { key: (r) => r.stars, multiEntry: true }, client); // ['str_a', 'str_b']
 * ```
 */
export function indexKeysOf(collection: string, index: string, definition: IndexDefinition, record: StoredRecord): IndexKey[] {
  const details = { collection, index, id: record.id };
  let extracted: unknown;
  try {
    extracted = definition.key(record);
  } catch (error) {
    throw new CrmError('storage', `Index ${collection}.${index} failed on record ${record.id}`, { cause: error, details });
  }
  if (extracted === undefined) return [];
  // As in IndexedDB, a multiEntry index takes a single key as a one-element array.
  const keys = definition.multiEntry === true && Array.isArray(extracted) ? [...(extracted as unknown[])] : [extracted];
  if (!keys.every(isValidKey)) {
    throw new CrmError('storage', `Index ${collection}.${index} gave record ${record.id} an invalid key`, { details });
  }
  return keys.sort(compareKeys).filter((key, i) => i === 0 || compareKeys(key, keys[i - 1] as IndexKey) !== 0);
}
