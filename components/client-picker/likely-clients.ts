import type { Client, Crm, Order } from '../../src/index.ts';

/**
 * The clients an unlinked order's buyer may be (B15), best first: found by the billing company
 * (or name), then by the e-mail. A buyer that gave no tax ID is matched by nothing else, and
 * staff would otherwise create the same company twice.
 */
export async function likelyClients(crm: Crm, order: Order, limit = 3): Promise<Client[]> {
  const found = new Map<string, Client>();
  for (const text of [order.billing.company ?? order.billing.name, order.billing.email]) {
    if (!text?.trim()) continue;
    // Text the search refuses (over 200 characters) finds nobody.
    const clients = await crm.clients.search(text, { limit }).catch(() => []);
    for (const client of clients) found.set(client.id, client);
  }
  return [...found.values()].slice(0, limit);
}
