import type { CrmContext } from '../context.ts';
import type { Activity } from '../model/activity.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';
import { readAll } from '../storage/read-all.ts';
import { taxIdKey } from '../tax-id/index.ts';
import { foldText } from '../text.ts';
import { canSee } from './access.ts';

/** Why records look like the same company. */
export type DuplicateReason = 'tax_id' | 'name';

/**
 * B15: a company seen twice, either as a client plus unlinked orders, or as several clients
 * (sharing a tax ID: one's tax or VAT ID is another's tax or VAT ID; or sharing a name). An
 * order staff unlinked from a client by hand is not offered as that client's again.
 */
export type DuplicateGroup =
  | { kind: 'unlinked_orders'; reason: DuplicateReason; client: Client; orderIds: string[] }
  | { kind: 'clients'; reason: DuplicateReason; clients: Client[] };

const taxKeysOf = (client: Client) => [client.taxId, client.vatId].filter((t) => t !== undefined).map(taxIdKey);

export async function findDuplicates(ctx: CrmContext): Promise<DuplicateGroup[]> {
  const clients = (await readAll<Client>(ctx, 'clients', 'name')).filter((c) => canSee(ctx, c));
  const groups: DuplicateGroup[] = [];
  const byKey = new Map<string, Client[]>();
  const remember = (key: string, client: Client) => byKey.set(key, [...(byKey.get(key) ?? []), client]);

  for (const client of clients) {
    const name = foldText(client.name);
    for (const key of new Set(taxKeysOf(client))) remember(`tax_id ${key}`, client);
    remember(`name ${name}`, client);

    const seen = new Set<string>();
    let unlinkedFromHere: Set<string> | undefined;
    /** The orders staff unlinked from this client (B12): read off its timeline, when needed. */
    const unlinkedFromClient = async () =>
      (unlinkedFromHere ??= new Set(
        (await readAll<Activity>(ctx, 'activities', 'clientAt', { gte: [client.id], lt: [client.id, []] }))
          .filter((a) => a.type === 'order_unlinked' && a.orderId !== undefined)
          .map((a) => a.orderId!),
      ));
    const unlinked = async (reason: DuplicateReason, index: string, key: string) => {
      const orders = (await readAll<Order>(ctx, 'orders', index, { eq: key })).filter((o) => !o.clientId && !seen.has(o.id));
      // An order unlinked by hand is not offered back to the client it was unlinked from.
      const refused = orders.some((o) => o.unlinkedByHand) ? await unlinkedFromClient() : new Set<string>();
      const orderIds = orders.filter((o) => !(o.unlinkedByHand && refused.has(o.id))).map((o) => o.id);
      orderIds.forEach((id) => seen.add(id));
      if (orderIds.length) groups.push({ kind: 'unlinked_orders', reason, client, orderIds });
    };
    for (const key of taxKeysOf(client)) await unlinked('tax_id', 'taxKey', key);
    await unlinked('name', 'buyer', name);
  }
  for (const [key, sharing] of byKey) {
    if (sharing.length > 1) groups.push({ kind: 'clients', reason: key.startsWith('tax_id') ? 'tax_id' : 'name', clients: sharing });
  }
  return groups;
}
