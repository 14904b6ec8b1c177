import type { CrmContext } from '../context.ts';
import { isCrmError } from '../errors.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';
import type { WriteOperation } from '../storage/adapter.ts';
import { applyShare, emptyStats, type ClientStats } from './client-stats.ts';
import { orderShare } from './order-share.ts';
import { TEAM_STATS_ID, applyRevenue, emptyTeamStats } from './team-stats.ts';

const PAGE = 2000;

/**
 * Counts the analytics of a store that has none: a new one (nothing to count) or one written before
 * analytics, whose orders are read once. From then on every write keeps them. Another instance
 * writing orders in that moment can leave a client's figures off until its next order.
 */
export async function ensureAnalytics(ctx: CrmContext): Promise<void> {
  if (await ctx.storage.get('meta', TEAM_STATS_ID)) return;
  const stats = new Map<string, Omit<ClientStats, 'version'>>();
  let cursor: string | undefined;
  do {
    const page = await ctx.storage.query('orders', { index: 'clientCreated', limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const order of page.records as unknown as Order[]) {
      const share = orderShare(order)!;
      const client = stats.get(share.clientId) ?? stats.set(share.clientId, emptyStats(share.clientId)).get(share.clientId)!;
      applyShare(client, share, 1);
    }
    cursor = page.cursor;
  } while (cursor);

  const team = emptyTeamStats();
  const operations: WriteOperation[] = [];
  cursor = undefined;
  do {
    const page = await ctx.storage.query('clients', { limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const client of page.records as unknown as Client[]) {
      const record = stats.get(client.id) ?? emptyStats(client.id);
      if (client.owner !== undefined) record.owner = client.owner;
      applyRevenue(team, record, 1);
      operations.push({ type: 'put', collection: 'clientStats', record: { ...record, version: 1 } });
    }
    cursor = page.cursor;
  } while (cursor);
  for (let start = 0; start < operations.length; start += PAGE) await ctx.storage.write(operations.slice(start, start + PAGE));
  try {
    await ctx.storage.write([{ type: 'put', collection: 'meta', record: { ...team, version: 1 }, expectedVersion: 'absent' }]);
  } catch (error) {
    // Another instance counted first; its figures and ours are the same.
    if (!isCrmError(error) || error.code !== 'conflict') throw error;
  }
}
