import type { CrmContext } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Order } from '../model/order.ts';

export async function readOrder(ctx: CrmContext, id: string): Promise<Order> {
  const order = (await ctx.storage.get('orders', id)) as Order | undefined;
  if (!order) throw notFound('Order', id);
  return order;
}
