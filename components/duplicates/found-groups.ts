import type { Client, Crm, DuplicateReason, DuplicateSearchProgress, Order } from '../../src/index.ts';

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
 * while it is on screen, its clients and its orders oldest first.
 */
export async function findGroups(crm: Crm, onProgress: (progress: DuplicateSearchProgress) => void): Promise<FoundGroup[]> {
  return (await crm.clients.findDuplicates({ onProgress })).map((group): FoundGroup => {
    if (group.kind === 'clients') {
      const clients = [...group.clients].sort((a, b) => a.number - b.number);
      return { kind: 'clients', key: `clients ${group.reason} ${clients.map((c) => c.id).join(' ')}`, reason: group.reason, clients };
    }
    const orders = [...group.orders].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { kind: 'unlinked_orders', key: `orders ${group.reason} ${group.client.id}`, reason: group.reason, client: group.client, orders };
  });
}

/**
 * The groups once `merged` clients have gone into another: they leave every group they were in,
 * a group left with one client goes, and so does a group of a merged client's orders (whether
 * they are the kept client's too, a new search tells).
 */
export function withoutClients(groups: FoundGroup[], merged: ReadonlySet<string>): FoundGroup[] {
  return groups.flatMap((group): FoundGroup[] => {
    if (group.kind === 'unlinked_orders') return merged.has(group.client.id) ? [] : [group];
    const clients = group.clients.filter((client) => !merged.has(client.id));
    return clients.length > 1 ? [{ ...group, clients }] : [];
  });
}

/** The groups once `linked` orders have a client: an order offered to several clients leaves each of their groups, and a group left without orders goes. */
export function withoutOrders(groups: FoundGroup[], linked: ReadonlySet<string>): FoundGroup[] {
  return groups.flatMap((group): FoundGroup[] => {
    if (group.kind === 'clients') return [group];
    const orders = group.orders.filter((order) => !linked.has(order.id));
    return orders.length ? [{ ...group, orders }] : [];
  });
}

/** The groups with these orders as they now are (a newer version), wherever they show. */
export function withOrders(groups: FoundGroup[], orders: Order[]): FoundGroup[] {
  const current = new Map(orders.map((order) => [order.id, order]));
  return groups.map((group) => (group.kind === 'clients' ? group : { ...group, orders: group.orders.map((order) => current.get(order.id) ?? order) }));
}
