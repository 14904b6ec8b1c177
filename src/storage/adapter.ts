/**
 * The contract between Kartoteka's services and a storage back end.
 *
 * Adapters store plain JSON records, each with a string `id` and an integer `version`.
 * Services validate before they write; adapters only keep records, maintain secondary
 * indexes, check versions and apply batches all-or-nothing.
 */

/** A secondary-index key: like IndexedDB keys, numbers sort before strings, strings before arrays. */
export type IndexKey = number | string | IndexKey[];

/** A stored record. Adapters never look inside beyond `id`, `version` and the index extractors. */
export interface StoredRecord {
  id: string;
  version: number;
  [field: string]: unknown;
}

export interface IndexDefinition {
  /**
   * Extracts the key (or, with `multiEntry`, the keys) the record is indexed under.
   * `undefined` leaves the record out of the index, as IndexedDB does; anything else that is not
   * a valid key (see `isValidKey` in `keys.ts`: `null`, `NaN`, a boolean…) fails the write with
   * `storage` rather than silently missing from the index.
   */
  key: (record: StoredRecord) => IndexKey | IndexKey[] | undefined;
  /**
   * The key is an array and the record is indexed once per distinct element, so a range
   * query yields the record once for every element the range holds.
   */
  multiEntry?: boolean;
  /** Two records may not share a key: a write that would makes the batch fail with `duplicate`. */
  unique?: boolean;
}

export interface CollectionDefinition {
  indexes: Record<string, IndexDefinition>;
}

/** Every collection the services use and its indexes; bump `version` when it changes. */
export interface StorageSchema {
  version: number;
  collections: Record<string, CollectionDefinition>;
}

/** A key range over one index (or over ids when no index is named). Bounds combine. */
export interface KeyRange {
  eq?: IndexKey;
  gt?: IndexKey;
  gte?: IndexKey;
  lt?: IndexKey;
  lte?: IndexKey;
}

export interface Query {
  /** Index to read through; without it records come in id order. */
  index?: string;
  range?: KeyRange;
  direction?: 'asc' | 'desc';
  limit?: number;
  /** `cursor` from the previous page. */
  cursor?: string;
  /**
   * Records to skip before the page starts (after `cursor`, when both are given), without reading
   * them: a virtual list jumps to row 80,000 in one read.
   */
  offset?: number;
}

/** One read of {@link StorageAdapter.readMany}: a record by id, or the first `limit` records an index holds under `key`. */
export type Lookup = { id: string } | { index: string; key: IndexKey; limit?: number };

export interface Page<T = StoredRecord> {
  records: T[];
  /** Present when more records follow. */
  cursor?: string;
}

/**
 * One write in a batch. `expectedVersion` is the stored version the write was based on:
 * `'absent'` means the record must not exist yet, a number must equal the stored version,
 * and leaving it out skips the check.
 */
export type WriteOperation =
  | { type: 'put'; collection: string; record: StoredRecord; expectedVersion?: number | 'absent' }
  | { type: 'delete'; collection: string; id: string; expectedVersion?: number };

export interface StorageCapabilities {
  /** Data outlives the process or page. */
  persistent: boolean;
  /** Writes made through another instance (another tab, another server) can reach `onExternalChange`. */
  externalChanges: boolean;
  /** Data can be shared by several `Crm` instances. */
  shared: boolean;
}

/** What changed in one committed batch, for listeners in other instances. */
export interface ChangeSet {
  puts: { collection: string; record: StoredRecord }[];
  deletes: { collection: string; id: string }[];
  /** The `origin` the batch was written with, so a listener can skip the batches it wrote itself. */
  origin?: string;
  /** The `events` the batch was written with. */
  events?: unknown[];
}

export interface WriteOptions {
  /** Who writes, e.g. a random id per `Crm` instance; handed to change listeners in the `ChangeSet`. */
  origin?: string;
  /**
   * The domain events the batch stands for (plain JSON), handed to change listeners so other
   * instances can announce the same events to their own listeners.
   */
  events?: unknown[];
}

export interface StorageAdapter {
  readonly name: string;
  readonly capabilities: StorageCapabilities;
  /**
   * Creates or upgrades collections and indexes; called before any other method. An adapter
   * shared by several instances is opened by each of them.
   */
  open(schema: StorageSchema): Promise<void>;
  get(collection: string, id: string): Promise<StoredRecord | undefined>;
  query(collection: string, query?: Query): Promise<Page>;
  count(collection: string, query?: Omit<Query, 'cursor' | 'limit' | 'direction'>): Promise<number>;
  /**
   * Many reads of one collection at once, answered in order: for each lookup the records found
   * (none or one for an id; by id order for an index key). Optional: without it Kartoteka makes
   * the reads one by one; an adapter that can batch them (one IndexedDB transaction, one SQL
   * statement) makes bulk imports several times faster.
   */
  readMany?(collection: string, lookups: Lookup[]): Promise<StoredRecord[][]>;
  /**
   * Applies every operation or none. Throws `CrmError` `conflict` (with `current`) when a version
   * check fails and `duplicate` when a unique index would hold a key twice.
   */
  write(operations: WriteOperation[], options?: WriteOptions): Promise<void>;
  /**
   * Subscribes to batches committed through other instances; returns the unsubscribe function.
   * Listeners are called asynchronously and may also get batches written through their own
   * instance: those carry the `origin` it wrote them with. With `ignoreOrigin`, batches written
   * with that origin are not delivered at all (nor copied for the listener: a large import's
   * batches are megabytes).
   */
  onExternalChange?(listener: (changes: ChangeSet) => void, options?: { ignoreOrigin?: string }): () => void;
  /** Ends one `open`; an adapter opened by several instances stays usable until each has closed it. */
  close(): Promise<void>;
}
