import type { Client, ClientFilter, Crm } from '../../src/index.ts';
import { compareBy, type ColumnKey } from './columns.ts';

/** What the table shows: the filter, the search text and the sort. */
export interface RowQuery {
  filter: ClientFilter;
  search: string;
  sort: { by: ColumnKey; direction: 'asc' | 'desc' } | undefined;
}

/** Sorts the SDK pages in storage order (through an index); any other column sorts in memory. */
const STORAGE_SORTS: Partial<Record<ColumnKey, 'number' | 'name'>> = { number: 'number', name: 'name' };

/** Results this size or smaller are read whole, so they sort by any column. */
export const IN_MEMORY_LIMIT = 5000;
/** A search shows its best matches, at most this many (the SDK's limit). */
const SEARCH_LIMIT = 500;
const PAGE = 200;

/**
 * The rows of one query, loaded as the table scrolls: the first page at once, later pages in
 * order as rows further down are wanted (storage pages by cursor). Small results and searches
 * are read whole and sorted in memory, so they sort by any column.
 */
export class RowSource {
  /** Every matching client, or `undefined` until counted. */
  total: number | undefined;
  /** Rows by position; a hole is not loaded yet. */
  readonly rows: (Client | undefined)[] = [];
  /** Whether the sort column can be sorted for this result. */
  sortable = true;
  #cursor: string | undefined;
  #done = false;
  #loading: Promise<void> | undefined;

  constructor(
    private readonly crm: Crm,
    readonly query: RowQuery,
    /** Orders statuses as the store does, for sorting by status. */
    private readonly statusPosition: (id: string) => number,
    /** Called when more rows arrived. */
    private readonly changed: () => void,
  ) {}

  /** Counts and reads the first page. */
  async start(): Promise<void> {
    const { crm, query } = this;
    if (query.search) {
      const found = await crm.clients.search(query.search, { limit: SEARCH_LIMIT, filter: query.filter });
      this.#setAll(found, query.sort !== undefined);
      return;
    }
    const total = await crm.clients.count(query.filter);
    const storageSort = query.sort ? STORAGE_SORTS[query.sort.by] : 'number';
    if (total <= IN_MEMORY_LIMIT && (storageSort === undefined || total <= PAGE)) {
      const all: Client[] = [];
      let cursor: string | undefined;
      do {
        const page = await crm.clients.list({ filter: query.filter, limit: 1000, ...(cursor ? { cursor } : {}) });
        all.push(...page.items);
        cursor = page.cursor;
      } while (cursor);
      this.#setAll(all, true);
      return;
    }
    this.total = total;
    this.sortable = storageSort !== undefined;
    await this.#loadPage();
  }

  /** Makes sure rows up to `index` are loaded (reading on page by page); resolves once they are. */
  async ensure(index: number): Promise<void> {
    while (!this.#done && this.rows.length <= index) await this.#loadPage();
  }

  /** The ids of every matching client, read page by page (for "select all matching"). */
  async allIds(): Promise<string[]> {
    await this.ensure(Infinity);
    return this.rows.flatMap((row) => (row ? [row.id] : []));
  }

  #setAll(clients: Client[], sort: boolean): void {
    const { sort: order } = this.query;
    if (sort && order) clients.sort(compareBy(order.by, order.direction, this.statusPosition));
    this.rows.push(...clients);
    this.total = clients.length;
    this.#done = true;
  }

  #loadPage(): Promise<void> {
    this.#loading ??= (async () => {
      const { sort } = this.query;
      const by = (sort && STORAGE_SORTS[sort.by]) ?? 'number';
      const page = await this.crm.clients.list({
        filter: this.query.filter,
        sort: { by, direction: this.sortable ? (sort?.direction ?? 'asc') : 'asc' },
        limit: PAGE,
        ...(this.#cursor ? { cursor: this.#cursor } : {}),
      });
      this.rows.push(...page.items);
      this.#cursor = page.cursor;
      this.#done = page.cursor === undefined;
      this.changed();
    })().finally(() => (this.#loading = undefined));
    return this.#loading;
  }
}
