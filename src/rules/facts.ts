import type { ClientStats } from '../analytics/client-stats.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';

/** A client's order counts right after the write that raised an event, so "first paid order" means that order. */
export interface OrderCounters {
  orders: number;
  paid: number;
  /** Order value per currency, refunded orders left out. */
  value: Record<string, number>;
}

/** What a rule's conditions look at. */
export interface RuleFacts {
  client?: Client;
  order?: Order;
  /** As of the event; the current ones when the event carries none. */
  counters: OrderCounters;
  /** The client's stats now: recency and rhythm are about today, not about the event. */
  stats?: ClientStats;
  /** UTC day number of "now". */
  today: number;
  /** Status id → its group. */
  statusGroups: ReadonlyMap<string, string>;
}

export const countersOf = (stats: Omit<ClientStats, 'version'> | undefined): OrderCounters => ({
  orders: stats?.orders ?? 0,
  paid: stats?.paid ?? 0,
  value: Object.fromEntries(Object.entries(stats?.currencies ?? {}).map(([currency, { value }]) => [currency, value])),
});
