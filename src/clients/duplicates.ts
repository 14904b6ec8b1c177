import * as z from 'zod/mini';
import { tellProgress } from '../bulk/tell-progress.ts';
import type { CrmContext } from '../context.ts';
import type { Activity } from '../model/activity.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';
import { readAll } from '../storage/read-all.ts';
import { readMany } from '../storage/read-ahead.ts';
import { unlinkedKey } from '../storage/schema.ts';
import { taxIdKey } from '../tax-id/index.ts';
import { foldText } from '../text.ts';
import { canSee } from './access.ts';

/** Why records look like the same company. */
export type DuplicateReason = 'tax_id' | 'name';

/**
 * B15: a company seen twice, either as a client plus unlinked orders, or as several clients
 * (sharing a tax ID: one's tax or VAT ID is another's tax or VAT ID; or sharing a name; clients
 * joined through different keys are one group). An order staff unlinked from a client by hand is
 * not offered as that client's again.
 */
export type DuplicateGroup =
  | { kind: 'unlinked_orders'; reason: DuplicateReason; client: Client; orderIds: string[]; /** Those orders, as the search read them. */ orders: Order[] }
  | { kind: 'clients'; reason: DuplicateReason; clients: Client[] };

/**
 * How far a search for duplicates has got: it reads every client (`step: 'clients'`, `total` the
 * clients stored), then looks up the orders without a client under their tax IDs and names
 * (`step: 'orders'`, `total` the distinct keys).
 */
export interface DuplicateSearchProgress {
  step: 'clients' | 'orders';
  done: number;
  total: number;
}

export const DuplicateSearchOptions = z.optional(z.strictObject({
  onProgress: z.optional(z.custom<(progress: DuplicateSearchProgress) => void>((value) => typeof value === 'function', 'Expected a function')),
}));
export type DuplicateSearchOptions = z.input<typeof DuplicateSearchOptions>;
type Progress = ((progress: DuplicateSearchProgress) => void) | undefined;

const taxKeysOf = (client: Client) => [...new Set([client.taxId, client.vatId].filter((t) => t !== undefined).map(taxIdKey))];

/** Look-ups per bulk read: a store of 100k clients is not asked for in one transaction. */
const lookupsPerRead = 2000;

/** The orders without a client under each key, read once per distinct key (many clients share a name), in bulk reads of the `unlinked` index. */
async function unlinkedOrdersByKey(ctx: CrmContext, keys: Set<string>, onProgress: Progress): Promise<Map<string, Order[]>> {
  const wanted = [...keys];
  const found = new Map<string, Order[]>();
  for (let at = 0; at < wanted.length; at += lookupsPerRead) {
    const chunk = wanted.slice(at, at + lookupsPerRead);
    const records = await readMany(ctx.storage, 'orders', chunk.map((key) => ({ index: 'unlinked', key })));
    chunk.forEach((key, i) => records[i]!.length && found.set(key, records[i] as unknown as Order[]));
    tellProgress(onProgress, { step: 'orders', done: at + chunk.length, total: wanted.length });
  }
  return found;
}

/** Every client, by name, a page at a time. */
async function readClients(ctx: CrmContext, onProgress: Progress): Promise<Client[]> {
  const total = onProgress ? await ctx.storage.count('clients') : 0;
  tellProgress(onProgress, { step: 'clients', done: 0, total });
  return readAll<Client>(ctx, 'clients', 'name', undefined, (read) => tellProgress(onProgress, { step: 'clients', done: read, total: Math.max(total, read) }));
}

/**
 * Reads every client once, and the orders without a client that share a client's tax ID or name
 * through the `unlinked` index, which holds no linked order: a store of 100k clients and a
 * million orders is not read order by order.
 */
export async function findDuplicates(ctx: CrmContext, onProgress?: Progress): Promise<DuplicateGroup[]> {
  const clients = (await readClients(ctx, onProgress)).filter((c) => canSee(ctx, c));
  const lookups = clients.map((client) => [
    ...taxKeysOf(client).map((key) => ({ reason: 'tax_id' as const, key: unlinkedKey('tax_id', key) })),
    { reason: 'name' as const, key: unlinkedKey('name', foldText(client.name)) },
  ]);
  const found = await unlinkedOrdersByKey(ctx, new Set(lookups.flat().map(({ key }) => key)), onProgress);
  const groups: DuplicateGroup[] = [];
  const byKey = new Map<string, Client[]>();
  // Pushed, not copied: a name 600 clients share is not copied 600 times over.
  const remember = (key: string, client: Client) => {
    const sharing = byKey.get(key);
    if (sharing) sharing.push(client);
    else byKey.set(key, [client]);
  };

  for (const [i, client] of clients.entries()) {
    // The keys clients share are the keys their unlinked orders are indexed under.
    for (const { key } of lookups[i]!) remember(key, client);

    const seen = new Set<string>();
    let unlinkedFromHere: Set<string> | undefined;
    /** The orders staff unlinked from this client (B12): read off its timeline, when needed. */
    const unlinkedFromClient = async () =>
      (unlinkedFromHere ??= new Set(
        (await readAll<Activity>(ctx, 'activities', 'clientAt', { gte: [client.id], lt: [client.id, []] }))
          .filter((a) => a.type === 'order_unlinked' && a.orderId !== undefined)
          .map((a) => a.orderId!),
      ));
    for (const { reason, key } of lookups[i]!) {
      const orders = (found.get(key) ?? []).filter((o) => !seen.has(o.id));
      // An order unlinked by hand is not offered back to the client it was unlinked from.
      const refused = orders.some((o) => o.unlinkedByHand) ? await unlinkedFromClient() : new Set<string>();
      const offered = orders.filter((o) => !(o.unlinkedByHand && refused.has(o.id)));
      offered.forEach((o) => seen.add(o.id));
      if (offered.length) groups.push({ kind: 'unlinked_orders', reason, client, orderIds: offered.map((o) => o.id), orders: offered });
    }
  }
  return [...groups, ...clientGroups(clients, byKey)];
}

/**
 * Clients that share a key, joined through any of their keys into one group: one client with a
 * tax ID as one and a name as another is one company, and merging them apart (keeping a
 * different client in each of two groups) would leave one of them out. In the order of the
 * first key that joins them; `tax_id` when a tax ID joins any two.
 */
function clientGroups(clients: Client[], byKey: Map<string, Client[]>): DuplicateGroup[] {
  const groupOf = new Map<string, { clients: Set<Client>; reason: DuplicateReason }>();
  const groups: { clients: Set<Client>; reason: DuplicateReason }[] = [];
  for (const [key, sharing] of byKey) {
    if (sharing.length < 2) continue;
    const reason: DuplicateReason = key.startsWith('tax_id') ? 'tax_id' : 'name';
    const joined = [...new Set(sharing.map((client) => groupOf.get(client.id)).filter((group) => group !== undefined))];
    const group = joined[0] ?? { clients: new Set<Client>(), reason };
    if (!joined.length) groups.push(group);
    for (const other of joined.slice(1)) {
      for (const client of other.clients) group.clients.add(client);
      if (other.reason === 'tax_id') group.reason = 'tax_id';
      groups.splice(groups.indexOf(other), 1);
    }
    if (reason === 'tax_id') group.reason = 'tax_id';
    for (const client of sharing) group.clients.add(client);
    for (const client of group.clients) groupOf.set(client.id, group);
  }
  // Clients in the order they were read (by name), as before.
  const order = new Map(clients.map((client, i) => [client.id, i]));
  return groups.map((group) => ({ kind: 'clients', reason: group.reason, clients: [...group.clients].sort((a, b) => order.get(a.id)! - order.get(b.id)!) }));
}
