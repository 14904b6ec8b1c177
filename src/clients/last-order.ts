import type { CrmContext } from '../context.ts';
import { ordersOfClient } from '../storage/read-all.ts';

/**
 * When the client last ordered (the newest of its linked orders' `createdAt`), or `undefined`
 * when it never has: the last entry of the orders' `clientCreated` index, one read. (The
 * analytics stats keep days, not times, and a date filter compares times.)
 */
export async function lastOrderAt(ctx: CrmContext, clientId: string): Promise<string | undefined> {
  const { records } = await ctx.storage.query('orders', { index: 'clientCreated', range: ordersOfClient(clientId), direction: 'desc', limit: 1 });
  return records[0]?.['createdAt'] as string | undefined;
}
