import type {
  CollectionDefinition,
  IndexKey,
  Page,
  Query,
  StoredRecord,
} from '../../src/storage/adapter.ts';
import { decodeCursor, encodeCursor } from '../../src/storage/keys.ts';
import { queryOptions } from '../../src/storage/query-options.ts';
import { indexKeysOf } from '../../src/storage/index-keys.ts';
import { CrmError } from '../../src/errors.ts';
import { SortedIndex } from './sorted-index.ts';

/** The keys one record is indexed under, by index name. */
export type RecordIndexKeys = Map<string, IndexKey[]>;

/**
 * One collection's records and indexes. Stored records are never mutated, only replaced,
 * so they can be handed to change listeners and copied lazily on the way out.
 */
export class MemoryCollection {
  private readonly records = new Map<string, StoredRecord>();
  /** Kept so that an update removes the old index entries without running extractors again. */
  private readonly keysById = new Map<string, RecordIndexKeys>();
  private readonly byId = new SortedIndex();
  private readonly indexes = new Map<string, SortedIndex>();

  constructor(
    readonly name: string,
    readonly definition: CollectionDefinition,
  ) {
    for (const indexName of Object.keys(definition.indexes)) this.indexes.set(indexName, new SortedIndex());
  }

  /** The stored record itself, not a copy: callers must not mutate it or hand it out. */
  get(id: string): StoredRecord | undefined {
    return this.records.get(id);
  }

  all(): IterableIterator<StoredRecord> {
    return this.records.values();
  }

  uniqueIndexNames(): string[] {
    return Object.entries(this.definition.indexes)
      .filter(([, index]) => index.unique === true)
      .map(([indexName]) => indexName);
  }

  /**
   * Runs every index extractor over `record`.
   *
   * @throws CrmError `storage` when an extractor throws or returns something that is not a key.
   */
  indexKeysOf(record: StoredRecord): RecordIndexKeys {
    const keys: RecordIndexKeys = new Map();
    for (const [indexName, index] of Object.entries(this.definition.indexes)) {
      keys.set(indexName, indexKeysOf(this.name, indexName, index, record));
    }
    return keys;
  }

  idsWithKey(indexName: string, key: IndexKey): string[] {
    return this.index(indexName).idsWithKey(key);
  }

  /** Stores `record` (already copied) under `keys` (from `indexKeysOf`), replacing any record with its id. */
  put(record: StoredRecord, keys: RecordIndexKeys): void {
    this.delete(record.id);
    this.records.set(record.id, record);
    this.keysById.set(record.id, keys);
    this.byId.insert({ key: record.id, id: record.id });
    for (const [indexName, indexKeys] of keys) {
      for (const key of indexKeys) this.index(indexName).insert({ key, id: record.id });
    }
  }

  delete(id: string): void {
    const keys = this.keysById.get(id);
    if (keys === undefined) return;
    for (const [indexName, indexKeys] of keys) {
      for (const key of indexKeys) this.index(indexName).remove({ key, id });
    }
    this.byId.remove({ key: id, id });
    this.keysById.delete(id);
    this.records.delete(id);
  }

  /** A page of copies of the matching records. */
  query(query: Query): Page {
    const { index, range, direction, limit, cursor, offset } = this.readQuery(query);
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const { entries, more } = index.scan(range, direction, after, limit, offset);
    const records = entries.map((entry) => structuredClone(this.records.get(entry.id) as StoredRecord));
    const last = entries.at(-1);
    return more && last !== undefined ? { records, cursor: encodeCursor(last.key, last.id) } : { records };
  }

  count(query: Query): number {
    const { index, range } = this.readQuery(query);
    return index.count(range);
  }

  /** Checks a query's options and fills in the defaults. */
  private readQuery(query: Query) {
    const index = query.index === undefined ? this.byId : this.index(query.index);
    return { ...queryOptions(query), index, cursor: query.cursor };
  }

  private index(indexName: string): SortedIndex {
    const index = this.indexes.get(indexName);
    if (index === undefined) {
      throw new CrmError('storage', `Collection ${this.name} has no index ${indexName}`, {
        details: { collection: this.name, index: indexName },
      });
    }
    return index;
  }

}
