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
 * Makes the requests in order and waits for all of them. When one cannot even be made (IndexedDB
 * throws, e.g. for a full disk), the transaction is doomed and the requests already made will
 * fail with it: they are still observed, so none surfaces as an unhandled rejection.
 */
export function requestAll(requests: Iterable<() => Promise<unknown>>): Promise<unknown[]> {
  const made: Promise<unknown>[] = [];
  try {
    for (const request of requests) made.push(request());
  } catch (error) {
    void Promise.allSettled(made);
    return Promise.reject(error);
  }
  return Promise.all(made);
}
