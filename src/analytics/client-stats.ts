import type { OrderShare } from './order-share.ts';
import { addCount } from './add-count.ts';

/** Value of a client's orders in one currency (refunded orders left out). */
export interface CurrencyValue {
  orders: number;
  value: number;
  paidValue: number;
}

/**
 * A client's order figures, stored beside the client (collection `clientStats`, id = the client's
 * id) and adjusted by every write that adds, changes, moves or removes one of its orders, so no
 * read ever scans orders. Only clients with orders have one.
 */
export interface ClientStats {
  id: string;
  version: number;
  /** The client's owner, so revenue per owner moves with the client. */
  owner?: string;
  orders: number;
  paid: number;
  currencies: Record<string, CurrencyValue>;
  /** The day of every order, ascending: rhythm, recency and "orders in the last N days". */
  days: number[];
  /** The day of every paid order, ascending. */
  paidDays: number[];
  months: Record<string, { orders: number; value: Record<string, number> }>;
}

export const emptyStats = (id: string): Omit<ClientStats, 'version'> => ({ id, orders: 0, paid: 0, currencies: {}, days: [], paidDays: [], months: {} });

/** The position of the first element of `sorted` not below `value`. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertSorted(sorted: number[], value: number): void {
  sorted.splice(lowerBound(sorted, value), 0, value);
}

function removeSorted(sorted: number[], value: number): void {
  const at = lowerBound(sorted, value);
  if (sorted[at] === value) sorted.splice(at, 1);
}

/** Adds (`sign` 1) or takes away (`sign` -1) one order's share; mutates `stats`, which the caller owns. */
export function applyShare(stats: Omit<ClientStats, 'version'>, share: OrderShare, sign: 1 | -1): void {
  stats.orders += sign;
  if (share.paid) stats.paid += sign;
  if (sign > 0) insertSorted(stats.days, share.day);
  else removeSorted(stats.days, share.day);
  if (share.paid) (sign > 0 ? insertSorted : removeSorted)(stats.paidDays, share.day);
  const month = (stats.months[share.month] ??= { orders: 0, value: {} });
  month.orders += sign;
  if (!share.refunded) {
    const currency = (stats.currencies[share.currency] ??= { orders: 0, value: 0, paidValue: 0 });
    currency.orders += sign;
    currency.value += sign * share.total;
    if (share.paid) currency.paidValue += sign * share.total;
    if (currency.orders === 0) delete stats.currencies[share.currency];
    addCount(month.value, share.currency, sign * share.total);
  }
  if (month.orders === 0) delete stats.months[share.month];
}

/** A deep copy to adjust: the stored record stays as read. */
export function copyStats({ version: _, ...stats }: ClientStats): Omit<ClientStats, 'version'> {
  const currencies = Object.fromEntries(Object.entries(stats.currencies).map(([code, value]) => [code, { ...value }]));
  const months = Object.fromEntries(Object.entries(stats.months).map(([month, { orders, value }]) => [month, { orders, value: { ...value } }]));
  return { ...stats, currencies, months, days: [...stats.days], paidDays: [...stats.paidDays] };
}

/**
 * The value a sort by order value uses: that of the client's main currency (the one most of its
 * orders are in). Amounts in different currencies do not compare; a shop selling in one currency
 * gets an exact order.
 */
export function mainValue(stats: Pick<ClientStats, 'currencies'>): number {
  let main: CurrencyValue | undefined;
  for (const value of Object.values(stats.currencies)) {
    if (!main || value.orders > main.orders || (value.orders === main.orders && value.value > main.value)) main = value;
  }
  return main?.value ?? 0;
}
