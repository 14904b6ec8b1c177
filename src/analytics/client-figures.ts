import { lowerBound, mainValue, type ClientStats } from './client-stats.ts';
import { meanClientValue, type TeamStats } from './team-stats.ts';
import { dateOfDay } from './order-share.ts';

/** C-level RFM segments, from recency and frequency scores (1–5) on the usual RF grid. */
export type RfmSegment =
  | 'champions'
  | 'loyal'
  | 'potential_loyalist'
  | 'new'
  | 'promising'
  | 'need_attention'
  | 'about_to_sleep'
  | 'at_risk'
  | 'cannot_lose'
  | 'hibernating'
  | 'lost';

/** What `crm.analytics.client` tells about a client's orders. */
export interface ClientAnalytics {
  clientId: string;
  orderCount: number;
  paidCount: number;
  /** Per currency, refunded orders left out: total, average order and the paid part. */
  currencies: { currency: string; orders: number; total: number; average: number; paidTotal: number }[];
  /** `YYYY-MM-DD`, UTC. */
  firstOrderAt?: string;
  lastOrderAt?: string;
  daysSinceLastOrder?: number;
  meanDaysBetweenOrders?: number;
  medianDaysBetweenOrders?: number;
  /** The last order plus the median gap, once there are two orders. */
  expectedNextOrderAt?: string;
  /** Later than the expected next order by the margin: half the median gap, at least a week. */
  overdue: boolean;
  /** Orders and value per currency, per `YYYY-MM`, oldest first. */
  months: { month: string; orders: number; value: Record<string, number> }[];
  /**
   * Recency, frequency and monetary scores (1–5) and the segment recency and frequency put the
   * client in (the usual RF grid). The monetary score compares the client's value in its main
   * currency with the mean of the clients that have value in that currency.
   */
  rfm: { recency: number; frequency: number; monetary: number; segment: RfmSegment };
}

const OVERDUE_MIN_MARGIN = 7;

/** Days since the last order → recency score. */
const recencyScore = (days: number) => (days <= 30 ? 5 : days <= 60 ? 4 : days <= 120 ? 3 : days <= 240 ? 2 : 1);
/** The client's value over the mean client's → monetary score. */
const monetaryScore = (ratio: number) => (ratio >= 3 ? 5 : ratio >= 1.5 ? 4 : ratio >= 0.75 ? 3 : ratio >= 0.35 ? 2 : 1);
/** Order count → frequency score. */
const frequencyScore = (orders: number) => (orders >= 20 ? 5 : orders >= 10 ? 4 : orders >= 5 ? 3 : orders >= 2 ? 2 : 1);

function segmentOf(r: number, f: number): RfmSegment {
  if (r >= 4 && f >= 4) return 'champions';
  if (r >= 3 && f >= 4) return 'loyal';
  if (r >= 4 && f >= 2) return 'potential_loyalist';
  if (r === 5 && f === 1) return 'new';
  if (r === 4 && f === 1) return 'promising';
  if (r === 3 && f >= 2) return 'need_attention';
  if (r === 3) return 'about_to_sleep';
  if (r <= 2 && f >= 4) return 'cannot_lose';
  if (r <= 2 && f >= 2) return 'at_risk';
  if (r === 2) return 'hibernating';
  return 'lost';
}

function median(sorted: number[]): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The gaps between a client's order days (sorted), their median, and the day the next order is due by it. */
function rhythmOf(days: readonly number[]): { gaps: number[]; rhythm?: number; expected?: number } {
  const gaps = days.slice(1).map((day, i) => day - days[i]!).sort((a, b) => a - b);
  if (!gaps.length) return { gaps };
  const rhythm = median(gaps);
  return { gaps, rhythm, expected: days[days.length - 1]! + Math.round(rhythm) };
}

const isOverdue = (rhythm: number | undefined, expected: number | undefined, today: number) =>
  rhythm !== undefined && expected !== undefined && today > expected + Math.max(OVERDUE_MIN_MARGIN, Math.round(rhythm / 2));

/** Whether the client is later than its usual rhythm, as `clientFigures` says, without the rest of the figures (a rule asks it of every client daily). */
export function overdueOf(stats: ClientStats | undefined, today: number): boolean {
  if (!stats?.orders) return false;
  const { rhythm, expected } = rhythmOf(stats.days);
  return isOverdue(rhythm, expected, today);
}

/** The client's figures as of `today` (a UTC day number) from its stored stats and the team's. */
export function clientFigures(clientId: string, stats: ClientStats | undefined, today: number, team?: TeamStats): ClientAnalytics {
  if (!stats?.orders) return { clientId, orderCount: 0, paidCount: 0, currencies: [], overdue: false, months: [], rfm: { recency: 1, frequency: 1, monetary: 1, segment: 'lost' } };
  const { days } = stats;
  const [first, last] = [days[0]!, days[days.length - 1]!];
  const sinceLast = today - last;
  const { gaps, rhythm, expected } = rhythmOf(days);
  const [recency, frequency] = [recencyScore(sinceLast), frequencyScore(stats.orders)];
  const main = Object.entries(stats.currencies).find(([, value]) => value.value === mainValue(stats));
  const mean = main && meanClientValue(team, main[0]);
  const monetary = main && mean ? monetaryScore(main[1].value / mean) : 1;
  return {
    clientId,
    orderCount: stats.orders,
    paidCount: stats.paid,
    currencies: Object.entries(stats.currencies)
      .map(([currency, { orders, value, paidValue }]) => ({ currency, orders, total: value, average: Math.round(value / orders), paidTotal: paidValue }))
      .sort((a, b) => b.total - a.total),
    firstOrderAt: dateOfDay(first),
    lastOrderAt: dateOfDay(last),
    daysSinceLastOrder: sinceLast,
    ...(gaps.length ? { meanDaysBetweenOrders: (last - first) / gaps.length, medianDaysBetweenOrders: rhythm } : {}),
    ...(expected === undefined ? {} : { expectedNextOrderAt: dateOfDay(expected) }),
    overdue: isOverdue(rhythm, expected, today),
    months: Object.entries(stats.months)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, { orders, value }]) => ({ month, orders, value: { ...value } })),
    rfm: { recency, frequency, monetary, segment: segmentOf(recency, frequency) },
  };
}

/** Orders (or paid orders) on or after `today - days`. */
export function ordersWithin(stats: ClientStats | undefined, today: number, days: number, paidOnly = false): number {
  const list = paidOnly ? stats?.paidDays : stats?.days;
  return list ? list.length - lowerBound(list, today - days) : 0;
}
