import type { IndexKey, StoredRecord } from '../../src/storage/adapter.ts';
import { CrmError, isCrmError } from '../../src/errors.ts';

/**
 * The `CrmError` for anything IndexedDB throws or aborts with: a full disk or origin quota
 * becomes `quota`, everything else `storage`, the original kept as `cause`.
 *
 * @example
 * ```ts
 * storageError(new DOMException('Quota exceeded', 'QuotaExceededError'), 'shop').code; // 'quota'
 * ```
 */
export function storageError(error: unknown, storageName: string): CrmError {
  if (isCrmError(error)) return error;
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  const message = error instanceof Error ? error.message : String(error);
  // By name: newer browsers throw QuotaExceededError as a DOMException subclass of its own, older ones a plain DOMException.
  if (name === 'QuotaExceededError') {
    return new CrmError('quota', `Storage ${storageName} is out of space: ${message}`, { cause: error, details: { storage: storageName } });
  }
  const label = typeof name === 'string' ? `${name}: ${message}` : message;
  return new CrmError('storage', `Storage ${storageName} failed: ${label}`, { cause: error, details: { storage: storageName } });
}

/** The error for a key of a unique index that `existingId` (held as `holder`) already has. */
export function duplicate(collection: string, index: string, key: IndexKey, id: string, existingId: string, holder: StoredRecord | undefined): CrmError {
  return new CrmError('duplicate', `${collection} ${id}: ${index} ${JSON.stringify(key)} is already taken by ${existingId}`, {
    current: holder,
    details: { collection, index, key, id, existingId },
  });
}
