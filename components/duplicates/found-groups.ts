import type { Client, Crm, DuplicateReason, Order } from '../../src/index.ts';

/** Clients that look like one company: staff keep one and merge the others into it. */
export interface ClientsGroup {
  kind: 'clients';
  key: string;
  reason: DuplicateReason;
  /** Oldest first (by client number): the one kept unless staff choose another. */
  clients: Client[];
}

/** Orders without a client that look like `client`'s: staff link them to it. */
export interface OrdersGroup {
  kind: 'unlinked_orders';
  key: string;
  reason: DuplicateReason;
  client: Client;
  /** Oldest first. */
  orders: Order[];
}

export type FoundGroup = ClientsGroup | OrdersGroup;

/**
 * `crm.clients.findDuplicates()` made ready to show: each group with a key that stays the same
 * while it is on screen, its clients oldest first and its orders read. An order gone since the
 * search is left out, and so is a group left with nothing to decide.
 */
export async function findGroups(crm: Crm): Promise<FoundGroup[]> {
  const found = await crm.clients.findDuplicates();
  const groups = await Promise.all(
    found.map(async (group): Promise<FoundGroup | undefined> => {
      if (group.kind === 'clients') {
        const clients = [...group.clients].sort((a, b) => a.number - b.number);
        return { kind: 'clients', key: `clients ${group.reason} ${clients.map((c) => c.id).join(' ')}`, reason: group.reason, clients };
      }
      const orders = (await Promise.all(group.orderIds.map((id) => crm.orders.get(id).catch(() => undefined))))
        .filter((order): order is Order => order !== undefined)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      if (!orders.length) return undefined;
      return { kind: 'unlinked_orders', key: `orders ${group.reason} ${group.client.id}`, reason: group.reason, client: group.client, orders };
    }),
  );
  return groups.filter((group): group is FoundGroup => group !== undefined);
}
