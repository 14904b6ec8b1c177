import type { StorageAdapter, WriteOperation } from '../../src/storage/adapter.ts';

/** Calls and time spent in one kind of storage call, e.g. `get orders` or `query clients.taxKey`. */
export interface CallStats {
  calls: number;
  ms: number;
}

/**
 * Wraps a storage adapter and times every call by method and collection (and index, for reads
 * through one), to show where an import's time goes. The services await each call before the
 * next (a chunk's bulk reads run side by side, so theirs may overlap), so the times add up to
 * about the wall time spent waiting on storage. With `written`, every batch written is also kept there.
 */
export function timingAdapter(inner: StorageAdapter, written?: WriteOperation[][]): { adapter: StorageAdapter; stats: Map<string, CallStats>; reset(): void } {
  const stats = new Map<string, CallStats>();
  async function time<T>(label: string, call: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await call();
    } finally {
      const entry = stats.get(label) ?? { calls: 0, ms: 0 };
      entry.calls += 1;
      entry.ms += performance.now() - start;
      stats.set(label, entry);
    }
  }
  const indexed = (collection: string, index: string | undefined) => (index ? `${collection}.${index}` : collection);
  const adapter: StorageAdapter = {
    name: inner.name,
    capabilities: inner.capabilities,
    open: (schema) => time('open', () => inner.open(schema)),
    get: (collection, id) => time(`get ${collection}`, () => inner.get(collection, id)),
    query: (collection, query) => time(`query ${indexed(collection, query?.index)}`, () => inner.query(collection, query)),
    count: (collection, query) => time(`count ${indexed(collection, query?.index)}`, () => inner.count(collection, query)),
    ...(inner.readMany ? { readMany: (collection, lookups) => time(`readMany ${collection}`, () => inner.readMany!(collection, lookups)) } : {}),
    write: (operations, options) => {
      // Which records a batch writes, by collection: time is only known for the batch as a whole.
      for (const operation of operations) {
        const label = `  ${operation.type}s in writes: ${operation.collection}`;
        const entry = stats.get(label) ?? { calls: 0, ms: NaN };
        entry.calls += 1;
        stats.set(label, entry);
      }
      written?.push(operations);
      return time('write', () => inner.write(operations, options));
    },
    close: () => time('close', () => inner.close()),
    ...(inner.onExternalChange ? { onExternalChange: inner.onExternalChange.bind(inner) } : {}),
  };
  return { adapter, stats, reset: () => stats.clear() };
}
