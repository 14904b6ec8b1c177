import type { Client, ClientFilter, ClientListOptions, Crm } from '../../src/index.ts';
import { FIGURE_COLUMNS, compareBy, compareKeys, figureKey, sortKey, type CatalogPositions, type ColumnKey, type SortKey } from './columns.ts';

/** How `<kt-client-table>` sorts: a column, and which way. */
export interface TableSort {
  by: ColumnKey;
  direction: 'asc' | 'desc';
}

/** What the table shows: the filter, the search text and the sort. */
export interface RowQuery {
  filter: ClientFilter;
  search: string;
  sort: TableSort | undefined;
}

type StorageSort = NonNullable<NonNullable<ClientListOptions['sort']>['by']>;

/** Sorts the SDK pages in storage order (through an index); any other column sorts in memory. */
const STORAGE_SORTS: Partial<Record<ColumnKey, StorageSort>> = { number: 'number', name: 'name', lastOrder: 'lastOrder', orderCount: 'orderCount', totalValue: 'totalValue' };

/** Results this size or smaller are read whole, so they sort by any column. */
const IN_MEMORY_LIMIT = 5000;
/** A search shows its best matches, at most this many (the SDK's limit). */
const SEARCH_LIMIT = 500;
const PAGE = 200;
/** Rows read around the ones in view when rows are read by id (a sort by a column storage has no index for). */
const WINDOW = 60;

/**
 * The rows of one query, loaded as the table scrolls. Three ways, by what the query needs:
 * - storage order (by number or name): blocks read by offset where the rows are wanted
 *   (unfiltered), or pages by cursor in order (filtered);
 * - small results and searches: read whole, sorted in memory by any column;
 * - a large result sorted by another column: every client's sort key is read once (with progress),
 *   sorted, and the clients in view are read by id as the table scrolls.
 */
export class RowSource {
  /** Every matching client, or `undefined` until counted. */
  total: number | undefined;
  /** Rows by position; a hole is not loaded yet. */
  readonly rows: (Client | undefined)[] = [];
  /** Share of the sort keys read so far (0…1) while a large result is being sorted. */
  progress: number | undefined;
  #cursor: string | undefined;
  #done = false;
  #loading: Promise<void> | undefined;
  /** In keyed mode: every id, in sort order. */
  #ids: string[] | undefined;
  readonly #reading = new Set<number>();
  /** Where each loaded client's row is. */
  readonly #positions = new Map<string, number>();
  /** Blocks of `PAGE` rows read or being read by offset. */
  readonly #blocks = new Map<number, Promise<void>>();

  constructor(
    private readonly crm: Crm,
    readonly query: RowQuery,
    /** Orders statuses and star kinds as the store does, for sorting by them. */
    private readonly positions: CatalogPositions,
    /** Called when more rows arrived (or sorting progressed). */
    private readonly changed: () => void,
  ) {}

  /** Counts and reads what shows first. */
  async start(): Promise<void> {
    const { crm, query } = this;
    if (query.search) {
      const found = await crm.clients.search(query.search, { limit: SEARCH_LIMIT, filter: query.filter });
      if (query.sort && FIGURE_COLUMNS.has(query.sort.by)) await this.#sortByFigures(found, query.sort);
      this.#setAll(found);
      return;
    }
    const total = await crm.clients.count(query.filter);
    const storageSort = query.sort ? STORAGE_SORTS[query.sort.by] : 'number';
    // Order figures are not on the client: a sort by them always goes through storage.
    const figureSort = query.sort !== undefined && FIGURE_COLUMNS.has(query.sort.by);
    if ((total <= PAGE && !figureSort) || (storageSort === undefined && total <= IN_MEMORY_LIMIT)) {
      this.#setAll(await this.#readAll((page) => page));
    } else if (storageSort === undefined) {
      await this.#sortByKeys(total);
    } else {
      this.total = total;
      await this.want(0, PAGE - 1);
    }
  }

  /** Makes sure the rows from `first` to `last` are loaded; resolves once they are. */
  async want(first: number, last: number): Promise<void> {
    if (this.#ids) return this.#readWindow(first, last);
    // Read whole already (a small result, a search).
    if (this.#done) return;
    if (this.#byOffset) {
      const end = Math.min(last, (this.total ?? 0) - 1);
      const blocks: Promise<void>[] = [];
      for (let block = Math.floor(Math.max(0, first) / PAGE); block * PAGE <= end; block++) blocks.push(this.#loadBlock(block));
      await Promise.all(blocks);
      return;
    }
    while (!this.#done && this.rows.length <= last) {
      await this.#loadPage();
      // A jump far down reads many pages: let the page paint (placeholders) between them.
      await new Promise((resolve) => setTimeout(resolve));
    }
  }

  /** The ids of every matching client (for "select all matching"). */
  async allIds(): Promise<string[]> {
    if (this.#ids) return [...this.#ids];
    await this.want(0, Infinity);
    return this.rows.flatMap((row) => (row ? [row.id] : []));
  }

  /**
   * Shows a client's new version where its row is loaded; false when it is not loaded. An older
   * version than the one shown (another tab's batch that arrived late) changes nothing.
   */
  replace(client: Client): boolean {
    const index = this.#positions.get(client.id);
    if (index === undefined) return false;
    if ((this.rows[index]?.version ?? 0) <= client.version) this.rows[index] = client;
    return true;
  }

  /** Puts loaded clients at their rows, remembering where each is (a bulk change updates thousands). */
  #place(from: number, clients: (Client | undefined)[]): void {
    clients.forEach((client, i) => {
      this.rows[from + i] = client;
      if (client) this.#positions.set(client.id, from + i);
    });
  }

  /** The id at a position, loaded or not (keyed mode knows every id). */
  idAt(index: number): string | undefined {
    return this.rows[index]?.id ?? this.#ids?.[index];
  }

  async #readAll<T>(map: (page: Client[]) => T[]): Promise<T[]> {
    const all: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.crm.clients.list({ filter: this.query.filter, limit: 1000, ...(cursor ? { cursor } : {}) });
      all.push(...map(page.items));
      cursor = page.cursor;
      if (this.progress !== undefined && this.total) {
        this.progress = Math.min(1, all.length / this.total);
        this.changed();
      }
    } while (cursor);
    return all;
  }

  /** Sorts search results by an order figure, read for each (at most the search limit). */
  async #sortByFigures(clients: Client[], sort: TableSort): Promise<void> {
    const figures = new Map(await Promise.all(clients.map(async (client) => [client.id, await this.crm.analytics.client(client.id).catch(() => undefined)] as const)));
    const sign = sort.direction === 'asc' ? 1 : -1;
    clients.sort((a, b) => compareKeys(figureKey(sort.by, figures.get(a.id)), figureKey(sort.by, figures.get(b.id)), sign) || a.number - b.number);
  }

  #setAll(clients: Client[]): void {
    const { sort } = this.query;
    if (sort && !FIGURE_COLUMNS.has(sort.by)) clients.sort(compareBy(sort.by, sort.direction, this.positions));
    this.#place(0, clients);
    this.total = clients.length;
    this.#done = true;
  }

  async #sortByKeys(total: number): Promise<void> {
    const { by, direction } = this.query.sort!;
    this.total = total;
    this.progress = 0;
    const keyed = await this.#readAll((page) => page.map((client): [SortKey, number, string] => [sortKey(by, client, this.positions), client.number, client.id]));
    const sign = direction === 'asc' ? 1 : -1;
    keyed.sort((a, b) => compareKeys(a[0], b[0], sign) || a[1] - b[1]);
    this.#ids = keyed.map(([, , id]) => id);
    this.total = this.#ids.length;
    this.progress = undefined;
    await this.#readWindow(0, WINDOW);
  }

  async #readWindow(first: number, last: number): Promise<void> {
    const ids = this.#ids!;
    const from = Math.max(0, first - WINDOW / 2);
    const to = Math.min(ids.length - 1, last + WINDOW / 2);
    const wanted: number[] = [];
    for (let i = from; i <= to; i++) if (!this.rows[i] && !this.#reading.has(i)) wanted.push(i);
    if (wanted.length === 0) return;
    wanted.forEach((i) => this.#reading.add(i));
    const clients = await Promise.all(wanted.map((i) => this.crm.clients.get(ids[i]!).catch(() => undefined)));
    wanted.forEach((i, n) => {
      this.#place(i, [clients[n]]);
      this.#reading.delete(i);
    });
    this.changed();
  }

  /**
   * Unfiltered, storage skips to any position unread, so the rows a jump lands on are read
   * straight away, a block of `PAGE` at a time, instead of every page above them in turn.
   */
  get #byOffset(): boolean {
    return Object.values(this.query.filter).every((value) => value === undefined);
  }

  #loadBlock(block: number): Promise<void> {
    let loading = this.#blocks.get(block);
    if (!loading) {
      const { sort } = this.query;
      loading = this.crm.clients
        .list({ sort: { by: (sort && STORAGE_SORTS[sort.by]) ?? 'number', direction: sort?.direction ?? 'asc' }, limit: PAGE, offset: block * PAGE })
        .then((page) => {
          this.#place(block * PAGE, page.items);
          this.changed();
        });
      // A failed read is tried again the next time the rows are wanted.
      loading.catch(() => this.#blocks.delete(block));
      this.#blocks.set(block, loading);
    }
    return loading;
  }

  #loadPage(): Promise<void> {
    this.#loading ??= (async () => {
      const { sort } = this.query;
      const page = await this.crm.clients.list({
        filter: this.query.filter,
        sort: { by: (sort && STORAGE_SORTS[sort.by]) ?? 'number', direction: sort?.direction ?? 'asc' },
        limit: PAGE,
        ...(this.#cursor ? { cursor: this.#cursor } : {}),
      });
      this.#place(this.rows.length, page.items);
      this.#cursor = page.cursor;
      this.#done = page.cursor === undefined;
      this.changed();
    })().finally(() => (this.#loading = undefined));
    return this.#loading;
  }
}
