import type { CrmContext, UnitOfWork } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { TaxId } from '../model/common.ts';
import type { Order } from '../model/order.ts';
import { readAll } from '../storage/read-all.ts';
import { taxIdKey } from '../tax-id/index.ts';

/** B11: "this tax ID / this buyer account belongs to that client", learnt when staff link by hand. */
export interface LinkKey {
  id: string;
  clientId: string;
  /** The order whose linking taught it; unlinking that order forgets it. */
  orderId: string;
  version: number;
}

/**
 * The key a tax ID given on an order recognises its buyer by. None for one without a digit
 * (`-`, `N/A`, `neplátce`): many buyers type that alike, so it tells none of them apart.
 */
export function buyerTaxKey(taxId: TaxId | undefined): string | undefined {
  const key = taxId && taxIdKey(taxId);
  return key && /\d/.test(key) ? key : undefined;
}

/** The link-key ids an order's buyer can be recognised by. */
export function linkKeyIds(order: Pick<Order, 'billing' | 'accountCode'>): string[] {
  const ids: string[] = [];
  const taxKey = buyerTaxKey(order.billing.taxId);
  if (taxKey) ids.push(`tax:${taxKey}`);
  if (order.accountCode) ids.push(`account:${order.accountCode}`);
  return ids;
}

/** Remembers that later orders of this buyer belong to `client`; returns the keys it replaced, for an undo to put back. */
export async function learnLinkKeys(ctx: CrmContext, uow: UnitOfWork, order: Order, client: Client): Promise<Omit<LinkKey, 'version'>[]> {
  const replaced: Omit<LinkKey, 'version'>[] = [];
  for (const id of linkKeyIds(order)) {
    const existing = (await ctx.storage.get('linkKeys', id)) as LinkKey | undefined;
    if (existing) replaced.push({ id, clientId: existing.clientId, orderId: existing.orderId });
    uow.put<LinkKey>('linkKeys', { id, clientId: client.id, orderId: order.id }, existing ?? 'absent');
  }
  return replaced;
}

/** Forgets what linking `order` by hand taught. */
export async function forgetLinkKeys(ctx: CrmContext, uow: UnitOfWork, order: Order): Promise<void> {
  for (const key of await readAll<LinkKey>(ctx, 'linkKeys', 'orderId', { eq: order.id })) uow.delete('linkKeys', key);
}
