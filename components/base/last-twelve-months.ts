import type { ClientAnalytics } from '../../src/index.ts';

/** A client's orders per month for the twelve months up to `now`, oldest first, months without orders as zero. */
export function lastTwelveMonths(figures: Pick<ClientAnalytics, 'months'>, now: Date): { month: string; orders: number }[] {
  const counts = new Map(figures.months.map((m) => [m.month, m.orders]));
  const months: { month: string; orders: number }[] = [];
  for (let back = 11; back >= 0; back--) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
    months.push({ month, orders: counts.get(month) ?? 0 });
  }
  return months;
}
