import type * as z from 'zod/mini';
import type { CrmContext } from '../context.ts';
import type { Order, OrderInput } from '../model/order.ts';
import type { Lookup } from '../storage/adapter.ts';
import type { ReadAhead } from '../storage/read-ahead.ts';
import { storedTaxId } from '../tax-id-field.ts';
import { taxIdKey } from '../tax-id/index.ts';
import { linkKeyIds, type LinkKey } from './link-keys.ts';

/**
 * Reads in bulk what upserting these orders will look up one by one: the stored orders, the link
 * keys of their buyers and the clients those name, and clients by tax ID, VAT ID and account code
 * (see `matchClient` and `assertTaxIdFree`). A look-up this misses is still made, on demand.
 */
export async function readAheadForUpserts(ctx: CrmContext, ahead: ReadAhead, orders: z.output<typeof OrderInput>[]): Promise<void> {
  const clientLookups: Lookup[] = [];
  const linkKeyLookups: Lookup[] = [];
  for (const order of orders) {
    const taxId = storedTaxId(ctx, order.billing.taxId, [], false);
    const vatId = storedTaxId(ctx, order.billing.vatId, [], false);
    for (const id of linkKeyIds({ billing: { taxId }, accountCode: order.accountCode } as Order)) linkKeyLookups.push({ id });
    for (const key of [taxId, vatId].flatMap((t) => (t ? [taxIdKey(t)] : []))) {
      clientLookups.push({ index: 'taxKey', key, limit: 2 }, { index: 'vatKey', key, limit: 1 });
    }
    if (order.accountCode !== undefined) clientLookups.push({ index: 'accountCode', key: order.accountCode, limit: 1 });
  }
  await Promise.all([
    ahead.load('orders', orders.map((order) => ({ id: order.id }))),
    ahead.load('clients', clientLookups),
    ahead.load('linkKeys', linkKeyLookups).then(async () => {
      const keys = await Promise.all(linkKeyLookups.map((lookup) => ahead.storage.get('linkKeys', (lookup as { id: string }).id)));
      const clientIds = keys.flatMap((key) => (key ? [{ id: (key as unknown as LinkKey).clientId }] : []));
      await ahead.load('clients', clientIds);
    }),
  ]);
}
