import type { Order } from '../model/order.ts';

const DAY = 86_400_000;

/** What one linked order adds to its client's figures. */
export interface OrderShare {
  orderId: string;
  clientId: string;
  currency: string;
  total: number;
  paid: boolean;
  /** Refunded orders count as orders but add no value. */
  refunded: boolean;
  /** UTC days since 1970-01-01 of the order's creation. */
  day: number;
  /** `YYYY-MM`, UTC. */
  month: string;
}

/** The order's share of its client's figures; `undefined` for an order no client holds. */
export function orderShare(order: Order | undefined): OrderShare | undefined {
  if (!order?.clientId) return undefined;
  const time = Date.parse(order.createdAt);
  return {
    orderId: order.id,
    clientId: order.clientId,
    currency: order.currency,
    total: order.total,
    paid: order.paymentState === 'paid',
    refunded: order.paymentState === 'refunded',
    day: Math.floor(time / DAY),
    month: new Date(time).toISOString().slice(0, 7),
  };
}

export const sameShare = (a: OrderShare | undefined, b: OrderShare | undefined) =>
  a === b ||
  (a !== undefined && b !== undefined && a.clientId === b.clientId && a.currency === b.currency && a.total === b.total && a.paid === b.paid && a.refunded === b.refunded && a.day === b.day);

/** The UTC day number of an ISO time, as order shares count days. */
export const dayOf = (iso: string) => Math.floor(Date.parse(iso) / DAY);

/** `YYYY-MM-DD` of a day number. */
export const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
