import type { CrmContext } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';
import type { StorageAdapter } from '../storage/adapter.ts';
import { buyerTaxKey, linkKeyIds, type LinkKey } from './link-keys.ts';
import type { StagedClients } from './staged-clients.ts';

/**
 * The client an incoming order belongs to, if any: first what staff taught by linking by hand
 * (B11), then a client with the same tax or VAT ID, then one with the buyer's account code (K2).
 * `staged`: clients the same batch created before this order, found as if stored.
 */
export async function matchClient(ctx: CrmContext, order: Order, staged?: StagedClients): Promise<Client | undefined> {
  const taught = await clientByLinkKey(ctx.storage, order);
  if (taught) return taught;
  for (const { index, key } of clientLookups(order)) {
    const { records } = await ctx.storage.query('clients', { index, range: { eq: key }, limit: 1 });
    const found = [records[0] as Client | undefined, staged?.find(index, key)].filter((client) => client !== undefined);
    if (found.length) return found.reduce((first, client) => (client.id < first.id ? client : first));
  }
  return undefined;
}

/** The client indexes `matchClient` looks buyers up by. */
export const CLIENT_LOOKUP_INDEXES = ['taxKey', 'vatKey', 'accountCode'] as const;

/** The look-ups of clients `matchClient` makes after the link keys, in its order: the first that finds one wins. */
export function clientLookups(order: Pick<Order, 'billing' | 'accountCode'>): { index: (typeof CLIENT_LOOKUP_INDEXES)[number]; key: string }[] {
  const lookups: ReturnType<typeof clientLookups> = [];
  for (const taxId of [order.billing.taxId, order.billing.vatId]) {
    const key = buyerTaxKey(taxId);
    if (key) lookups.push({ index: 'taxKey', key }, { index: 'vatKey', key });
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
