import type * as z from 'zod/mini';
import type { CrmContext } from '../context.ts';
import type { Order, OrderInput } from '../model/order.ts';
import type { Lookup } from '../storage/adapter.ts';
import type { ReadAhead } from '../storage/read-ahead.ts';
import { storedTaxId } from '../tax-id-field.ts';
import { linkKeyIds, type LinkKey } from './link-keys.ts';
import { clientByLinkKey, clientLookups } from './matching.ts';
import { TEAM_STATS_ID } from '../analytics/team-stats.ts';
import { tallyId } from '../tallies.ts';

/**
 * Reads in bulk what upserting these orders will look up one by one (see `stageUpsert`,
 * `matchClient`, `assertTaxIdFree`), in two waves. First the stored orders, the link keys of their
 * buyers and the clients those name, and each order's first client look-up (a taxKey one: limit 2,
 * which also answers whether a new client's tax ID is free), with the team figures and the
 * client tally. Then the rest of `matchClient`'s look-ups, only for the orders the first wave left
 * open (most orders of a shop that knows its buyers are settled by the first), and the figures of
 * the clients the first wave found. The team figures come first: they guard the client figures
 * (see `stageAnalytics`). A look-up this misses is still made, on demand.
 */
export async function readAheadForUpserts(ctx: CrmContext, ahead: ReadAhead, inputs: z.output<typeof OrderInput>[]): Promise<void> {
  const orders = inputs.map((input) => ({
    id: input.id,
    accountCode: input.accountCode,
    billing: { taxId: storedTaxId(ctx, input.billing.taxId, [], false), vatId: storedTaxId(ctx, input.billing.vatId, [], false) },
  }));
  const linkKeyLookups = orders.flatMap((order) => linkKeyIds(order).map((id) => ({ id })));
  const firstLookups = orders.flatMap((order) => clientLookups(order).slice(0, 1).map(({ index, key }) => ({ index, key, limit: 2 })));
  await Promise.all([
    ahead.load('orders', orders.map((order) => ({ id: order.id }))),
    ahead.load('clients', firstLookups),
    ahead.load('meta', [{ id: TEAM_STATS_ID }, { id: tallyId('clients') }]),
    ahead.load('linkKeys', linkKeyLookups).then(async () => {
      const keys = await Promise.all(linkKeyLookups.map((lookup) => ahead.storage.get('linkKeys', lookup.id)));
      const clientIds = keys.flatMap((key) => (key ? [{ id: (key as unknown as LinkKey).clientId }] : []));
      await ahead.load('clients', clientIds);
    }),
  ]);

  const rest: Lookup[] = [];
  const found = new Set<string>();
  for (const order of orders) {
    const clientId = await clientFound(ahead, order);
    if (clientId === undefined) for (const { index, key } of clientLookups(order).slice(1)) rest.push({ index, key, limit: 1 });
    else if (clientId !== null) found.add(clientId);
  }
  await Promise.all([ahead.load('clients', rest), ahead.load('clientStats', [...found].map((id) => ({ id })))]);
}

/**
 * The client the first wave settled `order` on: the one a stored order is linked to, else the one
 * a link key or its first look-up names; `null` for an order unlinked by hand (no client to look
 * for); `undefined` when the order is still open.
 */
async function clientFound(ahead: ReadAhead, order: Pick<Order, 'id' | 'billing' | 'accountCode'>): Promise<string | null | undefined> {
  const stored = (await ahead.storage.get('orders', order.id)) as Order | undefined;
  if (stored?.clientId !== undefined) return stored.clientId;
  if (stored?.unlinkedByHand) return null;
  const taught = await clientByLinkKey(ahead.storage, order);
  if (taught) return taught.id;
  const [first] = clientLookups(order);
  if (first === undefined) return undefined;
  return (await ahead.storage.query('clients', { index: first.index, range: { eq: first.key }, limit: 1 })).records[0]?.id;
}
