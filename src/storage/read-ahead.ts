import type { IndexKey, Lookup, Page, Query, StorageAdapter, StorageSchema, StoredRecord } from './adapter.ts';
import { indexKeysOf } from './index-keys.ts';
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
  /** In id order, as an index look-up gives them. */
  records: StoredRecord[];
  /** How many were asked for: fewer found means these are all there are. */
  limit: number;
}

/** One record a committed batch changed: as it was read before, and as written (`undefined`: absent, deleted). */
export interface RecordChange {
  id: string;
  before: StoredRecord | undefined;
  after: StoredRecord | undefined;
}

/**
 * A storage view for one attempt of a unit of work that makes many small reads, such as a chunk of
 * an import: what {@link ReadAhead.load} read in bulk answers the work's later `get`s and equality
 * look-ups without a round trip each, and every `get` is remembered. Anything else goes straight
 * to storage, so a look-up nobody loaded is slower, never wrong.
 *
 * Make a new one for each attempt: a retry after a conflict must read afresh. Only the next unit
 * of the same job may start from this one's, through {@link ReadAhead.carryOver}.
 */
export class ReadAhead {
  readonly #storage: StorageAdapter;
  /** By collection: records by id (`undefined`: absent), and equality look-ups by index and key (see `findKey`). */
  readonly #known = new Map<string, { gets: Map<string, StoredRecord | undefined>; finds: Map<string, Found> }>();
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
    const { gets, finds } = this.#of(collection);
    const wantedGets = new Map<string, Lookup>();
    const wantedFinds = new Map<string, Lookup>();
    for (const lookup of lookups) {
      if ('id' in lookup) {
        if (!gets.has(lookup.id)) wantedGets.set(lookup.id, lookup);
      } else if (!finds.has(findKey(lookup.index, lookup.key))) wantedFinds.set(findKey(lookup.index, lookup.key), lookup);
    }
    const wanted = [...wantedGets.values(), ...wantedFinds.values()];
    if (wanted.length === 0) return;
    const answers = await readMany(this.#storage, collection, wanted);
    wanted.forEach((lookup, i) => {
      const found = answers[i] ?? [];
      if ('id' in lookup) gets.set(lookup.id, found[0]);
      else finds.set(findKey(lookup.index, lookup.key), { records: found, limit: lookup.limit ?? Infinity });
    });
  }

  /** Answers from what was loaded, loading the rest first in one go. */
  async #readMany(collection: string, lookups: Lookup[]): Promise<StoredRecord[][]> {
    await this.load(collection, lookups);
    return Promise.all(
      lookups.map(async (lookup) => {
        if (!('id' in lookup)) return (await this.#query(collection, lookupQuery(lookup))).records;
        const record = this.#of(collection).gets.get(lookup.id);
        return record === undefined ? [] : [record];
      }),
    );
  }

  /**
   * Makes this view the next unit's of the same job (the next chunk of an import), so the next
   * unit reads only what this one did not: keeps what was read of `collections`, brought up to
   * date with `changes` (what this unit's committed batch did to each of them), and forgets the
   * rest. An answer the changes leave uncertain is dropped, to be read again.
   *
   * Keep only what the next unit writes with a version check whenever it relies on it: another
   * writer's change to it then fails that unit's commit, and its retry reads afresh.
   */
  carryOver(schema: StorageSchema, collections: readonly string[], changes: (collection: string) => RecordChange[]): this {
    for (const collection of this.#known.keys()) if (!collections.includes(collection)) this.#known.delete(collection);
    for (const collection of collections) {
      const { gets, finds } = this.#of(collection);
      // Index keys are worked out only where look-ups were loaded: client figures have none.
      const indexes = finds.size === 0 ? [] : Object.entries(schema.collections[collection]?.indexes ?? {});
      for (const { id, before, after } of changes(collection)) {
        gets.set(id, after);
        for (const [index, definition] of indexes) {
          const keysOf = (record: StoredRecord | undefined) => (record ? indexKeysOf(collection, index, definition, record) : []);
          for (const key of keysOf(before)) patchFind(finds, findKey(index, key), (records) => records.filter((record) => record.id !== id));
          for (const key of keysOf(after)) patchFind(finds, findKey(index, key), (records) => [...records.filter((record) => record.id !== id), after!].sort(byId));
        }
      }
    }
    return this;
  }

  #of(collection: string) {
    let known = this.#known.get(collection);
    if (known === undefined) this.#known.set(collection, (known = { gets: new Map(), finds: new Map() }));
    return known;
  }

  async #get(collection: string, id: string): Promise<StoredRecord | undefined> {
    const { gets } = this.#of(collection);
    if (gets.has(id)) return gets.get(id);
    const record = await this.#storage.get(collection, id);
    gets.set(id, record);
    return record;
  }

  #query(collection: string, query: Query = {}): Promise<Page> {
    const { index, range, limit = Infinity, direction = 'asc', cursor } = query;
    const eq = range?.eq !== undefined && Object.keys(range).length === 1 ? range.eq : undefined;
    const found = index !== undefined && eq !== undefined && direction === 'asc' && cursor === undefined ? this.#of(collection).finds.get(findKey(index, eq)) : undefined;
    if (found === undefined || (found.records.length === found.limit && limit > found.limit)) return this.#storage.query(collection, query);
    const records = found.records.slice(0, limit);
    const more = found.records.length > limit || found.records.length === found.limit;
    const last = records.at(-1);
    return Promise.resolve(more && last ? { records, cursor: encodeCursor(eq!, last.id) } : { records });
  }
}

// Ids are strings: IndexedDB orders them by code unit, as `<` does.
const byId = (a: StoredRecord, b: StoredRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const findKey = (index: string, key: IndexKey) => `${index}\u0000${JSON.stringify(key)}`;

/** Changes a loaded answer that holds every match; one cut at its limit may miss a record the change concerns, so it goes. */
function patchFind(finds: Map<string, Found>, key: string, patch: (records: StoredRecord[]) => StoredRecord[]): void {
  const found = finds.get(key);
  if (found === undefined) return;
  if (found.records.length >= found.limit) finds.delete(key);
  else found.records = patch(found.records).slice(0, found.limit);
}
