import type { IDBPDatabase, IDBPTransaction } from 'idb';

export type Transaction<Mode extends IDBTransactionMode> = IDBPTransaction<unknown, string[], Mode>;

/**
 * Runs `work` in one transaction and settles once the transaction has: a write has then
 * committed, and an abort is never left unobserved. When `work` fails the transaction is
 * aborted, so nothing it wrote stays.
 *
 * `work` must only await IndexedDB requests of `transaction`: awaiting anything else lets the
 * transaction commit half done.
 */
export async function inTransaction<Mode extends IDBTransactionMode, T>(
  db: IDBPDatabase,
  stores: string[],
  mode: Mode,
  work: (transaction: Transaction<Mode>) => Promise<T>,
): Promise<T> {
  const transaction = db.transaction(stores, mode);
  try {
    const [result] = await Promise.all([work(transaction), transaction.done]);
    return result;
  } catch (error) {
    abortQuietly(transaction);
    throw error;
  }
}

/** Aborts a transaction unless it has already aborted or finished on its own. */
export function abortQuietly(transaction: Transaction<IDBTransactionMode>): void {
  try {
    transaction.abort();
  } catch {
    // InvalidStateError: nothing left to abort.
  }
}

/**
 * The results of requests made all at once, in their order (`undefined` for a request not made):
 * plain callbacks rather than a promise each, as a chunk's look-ups are a thousand or more. The
 * first failure is the answer; the transaction aborts with it. The requests are plain IndexedDB
 * ones (`unwrap`), so one that fails after another has is never an unhandled rejection.
 */
export function resultsOf(requests: (IDBRequest | undefined)[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const results: unknown[] = Array.from({ length: requests.length });
    let pending = requests.length + 1;
    const settle = () => --pending === 0 && resolve(results);
    for (const [i, request] of requests.entries()) {
      if (request === undefined) {
        settle();
        continue;
      }
      request.onsuccess = () => {
        results[i] = request.result;
        settle();
      };
      request.onerror = () => reject(request.error);
    }
    settle();
  });
}
