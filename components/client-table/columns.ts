import { foldText, formatTaxId, type Client, type ClientAnalytics } from '../../src/index.ts';

/** The columns `<kt-client-table>` can show, in the order a host lists them in `columns`. */
export const ALL_COLUMNS = [
  'number',
  'name',
  'taxId',
  'status',
  'stars',
  'lifecycle',
  'temperature',
  'email',
  'phone',
  'lastOrder',
  'orderCount',
  'totalValue',
  'owner',
  'info',
] as const;
export type ColumnKey = (typeof ALL_COLUMNS)[number];

/** Columns filled from the client's order figures (`crm.analytics`) as rows come into view; storage sorts by them. */
export const FIGURE_COLUMNS: ReadonlySet<ColumnKey> = new Set(['lastOrder', 'orderCount', 'totalValue']);

/** Parses the `columns` attribute: known keys in the given order, unknown ones left out; none: all. */
export function parseColumns(value: string | null): ColumnKey[] {
  if (!value) return [...ALL_COLUMNS];
  const keys = value.split(/[\s,]+/).filter((key): key is ColumnKey => (ALL_COLUMNS as readonly string[]).includes(key));
  return keys.length ? [...new Set(keys)] : [...ALL_COLUMNS];
}

/** `columns` with `column` back, after the nearest shown column that comes before it in {@link ALL_COLUMNS}. */
export function withColumn(columns: readonly ColumnKey[], column: ColumnKey): ColumnKey[] {
  if (columns.includes(column)) return [...columns];
  const before = new Set(ALL_COLUMNS.slice(0, ALL_COLUMNS.indexOf(column)));
  const at = columns.findLastIndex((shown) => before.has(shown)) + 1;
  return [...columns.slice(0, at), column, ...columns.slice(at)];
}

export function isSortable(key: ColumnKey): boolean {
  return key !== 'info';
}

/** What an order-figure column sorts by, as storage does: the value is that of the main currency. */
export function figureKey(key: ColumnKey, figures: ClientAnalytics | undefined): SortKey {
  if (key === 'lastOrder') return figures?.lastOrderAt ?? '';
  if (key === 'orderCount') return figures?.orderCount ?? 0;
  const main = figures?.currencies.reduce<ClientAnalytics['currencies'][number] | undefined>((best, c) => (!best || c.orders > best.orders || (c.orders === best.orders && c.total > best.total) ? c : best), undefined);
  return main?.total ?? 0;
}

const temperatureOrder = { hot: 0, warm: 1, cold: 2, not_interested: 3 } as const;
const collator = new Intl.Collator(undefined, { numeric: true });

/** What a column sorts by; `undefined` (no value) sorts last either way. */
export type SortKey = string | number | undefined;

/** Where a status or a star kind stands in the store's list of them: the status and star columns sort so. */
export interface CatalogPositions {
  status(id: string): number;
  star(id: string): number;
}

export function sortKey(key: ColumnKey, client: Client, positions: CatalogPositions): SortKey {
  switch (key) {
    case 'number':
      return client.number;
    case 'name':
      return foldText(client.name);
    case 'taxId':
      return client.taxId ? formatTaxId(client.taxId) : undefined;
    case 'status':
      return client.statusId ? positions.status(client.statusId) : undefined;
    case 'stars':
      // By its stars' places in the list, first to last: the same stars sort together, one star before it and another.
      return client.stars.length ? client.stars.map((id) => positions.star(id)).sort((a, b) => a - b).join(',') : undefined;
    case 'lifecycle':
      return client.lifecycle;
    case 'temperature':
      return client.temperature ? temperatureOrder[client.temperature] : undefined;
    case 'email':
      return client.emails[0]?.toLowerCase();
    case 'phone':
      return client.phones[0];
    case 'owner':
      return client.owner;
    default:
      return undefined;
  }
}

/** Orders two sort keys, `sign` 1 ascending or -1 descending; missing keys last either way. */
export function compareKeys(x: SortKey, y: SortKey, sign: 1 | -1): number {
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)));
}

/** A comparator of clients by a column, ties by number. */
export function compareBy(key: ColumnKey, direction: 'asc' | 'desc', positions: CatalogPositions) {
  const sign = direction === 'asc' ? 1 : -1;
  return (a: Client, b: Client): number => compareKeys(sortKey(key, a, positions), sortKey(key, b, positions), sign) || a.number - b.number;
}
