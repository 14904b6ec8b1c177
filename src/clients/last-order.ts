import type { CrmContext } from '../context.ts';
import { ordersOfClient } from '../storage/read-all.ts';

/**
 * When the client last ordered (the newest of its linked orders' `createdAt`), or `undefined`
 * when it never has. Read from the orders' `clientCreated` index today; the one place to answer
 * from the analytics module's per-client figures once they exist.
 */
export async function lastOrderAt(ctx: CrmContext, clientId: string): Promise<string | undefined> {
  const { records } = await ctx.storage.query('orders', { index: 'clientCreated', range: ordersOfClient(clientId), direction: 'desc', limit: 1 });
  return records[0]?.['createdAt'] as string | undefined;
}
