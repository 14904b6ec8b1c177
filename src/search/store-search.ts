import type { FilterFields } from '../clients/list.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';
import type { ChangeSet, StorageAdapter } from '../storage/adapter.ts';
import { changedKeys, recordKey } from '../storage/changed-keys.ts';
import { ClientSearchIndex } from './client-index.ts';
import { OrderSearchIndex } from './order-index.ts';
import type { SearchIndexStats } from './text-index.ts';

/**
 * The search indexes of one store: built from storage on first use, then kept current by every
 * committed batch, this instance's and other instances' alike.
 */
export class StoreSearch {
  readonly #storage: StorageAdapter;
  readonly #defaultCountry: () => string | undefined;
  #clients: ClientSearchIndex | undefined;
  #orders: OrderSearchIndex | undefined;
  /** What filters look at of each client, so a filtered search tests hits without reading them. */
  readonly facets = new Map<string, FilterFields>();
  #building: Promise<void> | undefined;
  /** Records a batch changed while a build reads: the build's page of them may be older, so it leaves them be. */
  #changedWhileBuilding: Set<string> | undefined;
  /** The default country the indexes were built for: phone keys and queries depend on it. */
  #builtFor: string | undefined;

  constructor(storage: StorageAdapter, defaultCountry: () => string | undefined) {
    this.#storage = storage;
    this.#defaultCountry = defaultCountry;
  }

  /** Whether the indexes are built or being built: batches are applied to them from then on. */
  get started(): boolean {
    return this.#clients !== undefined;
  }

  /** The indexes, built on the first call, and again after the default country changed. */
  async indexes(): Promise<{ clients: ClientSearchIndex; orders: OrderSearchIndex }> {
    for (;;) {
      if (this.#builtFor !== this.#defaultCountry()) this.#building = undefined;
      if (this.#building === undefined) {
        const building: Promise<void> = this.#build().catch((error: unknown) => {
          if (this.#building === building) this.#building = undefined;
          throw error;
        });
        this.#building = building;
      }
      const building = this.#building;
      await building;
      // A newer build (the country changed meanwhile) replaced these indexes: wait for that one.
      if (building === this.#building) return { clients: this.#clients!, orders: this.#orders! };
    }
  }

  async #build(): Promise<void> {
    this.#builtFor = this.#defaultCountry();
    const options = this.#builtFor ? { defaultCountry: this.#builtFor } : {};
    const [clients, orders] = [new ClientSearchIndex(options), new OrderSearchIndex(options)];
    // Installed first, so batches committed while the build reads are applied too.
    [this.#clients, this.#orders] = [clients, orders];
    const changed = (this.#changedWhileBuilding = new Set());
    try {
      for (const collection of ['clients', 'orders']) {
        let cursor: string | undefined;
        do {
          const page = await this.#storage.query(collection, { limit: 2000, ...(cursor ? { cursor } : {}) });
          // A newer build (the default country changed) has replaced these indexes: it reads for itself.
          if (this.#clients !== clients) return;
          for (const record of page.records) if (!changed.has(recordKey({ collection, id: record.id }))) this.#put(collection, record as never);
          cursor = page.cursor;
          // A page at a time, then back to the host: a page stays responsive while 100k records index.
          await new Promise<void>((resolve) => setTimeout(() => resolve()));
        } while (cursor);
      }
    } finally {
      if (this.#changedWhileBuilding === changed) this.#changedWhileBuilding = undefined;
    }
  }

  #put(collection: string, record: Client | Order): void {
    if (collection === 'clients') {
      this.#clients?.put(record as Client);
      const { owner, statusId, stars, lifecycle, temperature, tags, taxId } = record as Client;
      // Copies: the records are also the ones handed to callers, who may change them.
      this.facets.set(record.id, { owner, statusId, stars: [...stars], lifecycle, temperature, tags: [...tags], taxId: taxId && { ...taxId } });
    } else if (collection === 'orders') {
      this.#orders?.put(record as Order);
    }
  }

  /** Applies a committed batch. */
  apply(changes: Pick<ChangeSet, 'puts' | 'deletes'>): void {
    if (!this.#clients) return;
    const building = this.#changedWhileBuilding;
    if (building) for (const key of changedKeys(changes)) building.add(recordKey(key));
    for (const { collection, record } of changes.puts) this.#put(collection, record as never);
    for (const { collection, id } of changes.deletes) {
      if (collection === 'clients') {
        this.#clients.remove(id);
        this.facets.delete(id);
      } else if (collection === 'orders') this.#orders?.remove(id);
    }
  }

  /** How big the indexes are; zeros until the first search builds them. */
  stats(): { clients: SearchIndexStats; orders: SearchIndexStats } {
    const empty = { documents: 0, terms: 0, approxBytes: 0 };
    return { clients: this.#clients?.stats() ?? empty, orders: this.#orders?.stats() ?? empty };
  }
}
