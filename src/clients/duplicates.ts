import type { CrmContext } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';
import { readAll } from '../storage/read-all.ts';
import { taxIdKey } from '../tax-id/index.ts';
import { foldText } from '../text.ts';
import { canSee } from './access.ts';

/** Why records look like the same company. */
export type DuplicateReason = 'tax_id' | 'name';

/** B15: a company seen twice, either as a client plus unlinked orders, or as several clients. */
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
    const unlinked = async (reason: DuplicateReason, index: string, key: string) => {
      const orders = await readAll<Order>(ctx, 'orders', index, { eq: key });
      const orderIds = orders.filter((o) => !o.clientId && !seen.has(o.id)).map((o) => o.id);
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
