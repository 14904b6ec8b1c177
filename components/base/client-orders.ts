import type { Crm, Order } from '../../src/index.ts';

/** Every order of a client, newest first, read a thousand at a time. */
export async function allOrdersOf(crm: Crm, clientId: string): Promise<Order[]> {
  const orders: Order[] = [];
  let cursor: string | undefined;
  do {
    const page = await crm.orders.list({ clientId, limit: 1000, ...(cursor ? { cursor } : {}) });
    orders.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return orders;
}
