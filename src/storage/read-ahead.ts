import type { IndexKey, Lookup, Page, Query, StorageAdapter, StoredRecord } from './adapter.ts';
import { encodeCursor } from './keys.ts';
import { lookupQuery } from './query-options.ts';

/** Many reads of one collection: in one go where the adapter can (`readMany`), else all at once, one by one. */
export function readMany(storage: StorageAdapter, collection: string, lookups: Lookup[]): Promise<StoredRecord[][]> {
  if (storage.readMany) return storage.readMany(collection, lookups);
  return Promise.all(
    lookups.map(async (lookup) => {
      if ('id' in lookup) {
        const record = await storage.get(collection, lookup.id);
        return record === undefined ? [] : [record];
      }
      return (await storage.query(collection, lookupQuery(lookup))).records;
    }),
  );
}

interface Found {
  records: StoredRecord[];
  /** How many were asked for: fewer found means these are all there are. */
  limit: number;
}

/**
 * A storage view for one attempt of a unit of work that makes many small reads, such as a chunk of
 * an import: what {@link ReadAhead.load} read in bulk answers the work's later `get`s and equality
 * look-ups without a round trip each, and every `get` is remembered. Anything else goes straight
 * to storage, so a look-up nobody loaded is slower, never wrong.
 *
 * Make a new one for each attempt: a retry after a conflict must read afresh.
 */
export class ReadAhead {
  readonly #storage: StorageAdapter;
  readonly #gets = new Map<string, StoredRecord | undefined>();
  readonly #finds = new Map<string, Found>();
  /** Use it as the unit of work's storage. */
  readonly storage: StorageAdapter;

  constructor(storage: StorageAdapter) {
    this.#storage = storage;
    const get: StorageAdapter['get'] = (collection, id) => this.#get(collection, id);
    const query: StorageAdapter['query'] = (collection, options) => this.#query(collection, options);
    const many: StorageAdapter['readMany'] = (collection, lookups) => this.#readMany(collection, lookups);
    // A proxy, not a copy: an adapter written as a class keeps its prototype methods, getters and private fields.
    this.storage = new Proxy(storage, {
      get(target, property) {
        if (property === 'get') return get;
        if (property === 'query') return query;
        if (property === 'readMany') return many;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** Reads whatever of `lookups` is not known yet, in one `readMany`. */
  async load(collection: string, lookups: Lookup[]): Promise<void> {
    const wanted = new Map<string, Lookup>();
    for (const lookup of lookups) {
      const key = 'id' in lookup ? getKey(collection, lookup.id) : findKey(collection, lookup.index, lookup.key);
      if (!this.#gets.has(key) && !this.#finds.has(key)) wanted.set(key, lookup);
    }
    if (wanted.size === 0) return;
    const answers = await readMany(this.#storage, collection, [...wanted.values()]);
    [...wanted].forEach(([key, lookup], i) => {
      const found = answers[i] ?? [];
      if ('id' in lookup) this.#gets.set(key, found[0]);
      else this.#finds.set(key, { records: found, limit: lookup.limit ?? Infinity });
    });
  }

  /** Answers from what was loaded, loading the rest first in one go. */
  async #readMany(collection: string, lookups: Lookup[]): Promise<StoredRecord[][]> {
    await this.load(collection, lookups);
    return Promise.all(
      lookups.map(async (lookup) => {
        if (!('id' in lookup)) return (await this.#query(collection, lookupQuery(lookup))).records;
        const record = this.#gets.get(getKey(collection, lookup.id));
        return record === undefined ? [] : [record];
      }),
    );
  }

  async #get(collection: string, id: string): Promise<StoredRecord | undefined> {
    const key = getKey(collection, id);
    if (this.#gets.has(key)) return this.#gets.get(key);
    const record = await this.#storage.get(collection, id);
    this.#gets.set(key, record);
    return record;
  }

  #query(collection: string, query: Query = {}): Promise<Page> {
    const { index, range, limit = Infinity, direction = 'asc', cursor } = query;
    const eq = range?.eq !== undefined && Object.keys(range).length === 1 ? range.eq : undefined;
    const found = index !== undefined && eq !== undefined && direction === 'asc' && cursor === undefined ? this.#finds.get(findKey(collection, index, eq)) : undefined;
    if (found === undefined || (found.records.length === found.limit && limit > found.limit)) return this.#storage.query(collection, query);
    const records = found.records.slice(0, limit);
    const more = found.records.length > limit || found.records.length === found.limit;
    const last = records.at(-1);
    return Promise.resolve(more && last ? { records, cursor: encodeCursor(eq!, last.id) } : { records });
  }
}

const getKey = (collection: string, id: string) => `${collection}\u0000${id}`;
const findKey = (collection: string, index: string, key: IndexKey) => `${collection}\u0000${index}\u0000${JSON.stringify(key)}`;
