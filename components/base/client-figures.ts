import type { Order } from '../../src/index.ts';

/** B7: what a client's orders add up to, per currency where money is involved. */
export interface ClientFigures {
  count: number;
  /** Per currency: sum and average of order totals, in minor units. */
  money: { currency: string; total: number; average: number }[];
  first: string | undefined;
  last: string | undefined;
  /** Mean days between consecutive orders; undefined below two orders. */
  meanDaysBetween: number | undefined;
  /** Orders per calendar month, the last 12 months up to `now`, oldest first: `YYYY-MM` and count. */
  perMonth: { month: string; count: number }[];
}

const DAY = 86_400_000;

/** Figures of a client's orders (any order), as of `now`. */
export function clientFigures(orders: readonly Order[], now: Date): ClientFigures {
  const dates = orders.map((order) => order.createdAt).sort();
  const sums = new Map<string, { total: number; count: number }>();
  for (const order of orders) {
    const sum = sums.get(order.currency) ?? { total: 0, count: 0 };
    sum.total += order.total;
    sum.count += 1;
    sums.set(order.currency, sum);
  }
  const months: { month: string; count: number }[] = [];
  for (let back = 11; back >= 0; back--) {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    months.push({ month: date.toISOString().slice(0, 7), count: 0 });
  }
  const byMonth = new Map(months.map((entry) => [entry.month, entry]));
  for (const date of dates) {
    const entry = byMonth.get(date.slice(0, 7));
    if (entry) entry.count += 1;
  }
  const first = dates[0];
  const last = dates.at(-1);
  return {
    count: orders.length,
    money: [...sums].map(([currency, { total, count }]) => ({ currency, total, average: Math.round(total / count) })),
    first,
    last,
    meanDaysBetween: dates.length > 1 ? (Date.parse(last!) - Date.parse(first!)) / DAY / (dates.length - 1) : undefined,
    perMonth: months,
  };
}
