import type { CrmContext } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';
import type { StorageAdapter } from '../storage/adapter.ts';
import { taxIdKey } from '../tax-id/index.ts';
import { linkKeyIds, type LinkKey } from './link-keys.ts';

/**
 * The client an incoming order belongs to, if any: first what staff taught by linking by hand
 * (B11), then a client with the same tax or VAT ID, then one with the buyer's account code (K2).
 */
export async function matchClient(ctx: CrmContext, order: Order): Promise<Client | undefined> {
  const taught = await clientByLinkKey(ctx.storage, order);
  if (taught) return taught;
  for (const { index, key } of clientLookups(order)) {
    const { records } = await ctx.storage.query('clients', { index, range: { eq: key }, limit: 1 });
    if (records[0]) return records[0] as unknown as Client;
  }
  return undefined;
}

/** The look-ups of clients `matchClient` makes after the link keys, in its order: the first that finds one wins. */
export function clientLookups(order: Pick<Order, 'billing' | 'accountCode'>): { index: string; key: string }[] {
  const lookups: { index: string; key: string }[] = [];
  for (const taxId of [order.billing.taxId, order.billing.vatId]) {
    if (taxId) lookups.push({ index: 'taxKey', key: taxIdKey(taxId) }, { index: 'vatKey', key: taxIdKey(taxId) });
  }
  if (order.accountCode !== undefined) lookups.push({ index: 'accountCode', key: order.accountCode });
  return lookups;
}

/** The client staff taught for this order's buyer by linking one of its orders by hand (B11), while it exists. */
export async function clientByLinkKey(storage: StorageAdapter, order: Pick<Order, 'billing' | 'accountCode'>): Promise<Client | undefined> {
  for (const id of linkKeyIds(order)) {
    const key = (await storage.get('linkKeys', id)) as LinkKey | undefined;
    const client = key && ((await storage.get('clients', key.clientId)) as Client | undefined);
    if (client) return client;
  }
  return undefined;
}
