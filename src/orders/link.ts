import { recordActivity } from '../activities/record.ts';
import type { CrmContext, UnitOfWork } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';
import { compact } from '../compact.ts';
import { forgetLinkKeys, learnLinkKeys, type LinkKey } from './link-keys.ts';

type LinkSource = NonNullable<Order['linkSource']>;

/** The order as linked to `client`. */
export function linkedOrder(ctx: CrmContext, order: Omit<Order, 'version'>, client: Client, source: LinkSource): Omit<Order, 'version'> {
  const { unlinkedByHand: _, ...rest } = order;
  return { ...rest, clientId: client.id, linkSource: source, updatedAt: ctx.now() };
}

/**
 * The orders a bulk import linked automatically, per client: the timeline gets one entry per
 * client and chunk ("12 orders linked"), not one per order, which would double what an import
 * writes and bury the client's timeline under its history. A client the import created gets
 * none: its `client_created` entry names the order it came from, its order list shows the rest,
 * and a chunk-sized trail of "3 orders linked" would only tell how the import was cut.
 */
export class LinkSummary {
  readonly #orders = new Map<string, string[]>();
  /** Clients created in this chunk, by the order that created them. */
  readonly #created = new Map<string, string>();

  /** `createdEarlier`: clients earlier chunks of the same import created. */
  constructor(private readonly createdEarlier: ReadonlySet<string> = new Set()) {}

  add(clientId: string, orderId: string): void {
    const ids = this.#orders.get(clientId);
    if (ids) ids.push(orderId);
    else this.#orders.set(clientId, [orderId]);
  }

  /** Notes a client created from `orderId`. */
  created(clientId: string, orderId: string): void {
    this.#created.set(clientId, orderId);
  }

  /** Forgets an order whose row was rolled back, and a client it created. */
  drop(orderId: string): void {
    for (const [clientId, ids] of this.#orders) {
      const kept = ids.filter((id) => id !== orderId);
      if (kept.length) this.#orders.set(clientId, kept);
      else this.#orders.delete(clientId);
    }
    for (const [clientId, creator] of this.#created) if (creator === orderId) this.#created.delete(clientId);
  }

  /** Stages the entries: one per client, as a single link's entry when it is one order. */
  record(ctx: CrmContext, uow: UnitOfWork): void {
    for (const [clientId, orderIds] of this.#orders) {
      if (this.#created.has(clientId) || this.createdEarlier.has(clientId)) continue;
      if (orderIds.length === 1) recordActivity(ctx, uow, { clientId, orderId: orderIds[0]!, type: 'order_linked', data: { source: 'auto' } });
      else recordActivity(ctx, uow, { clientId, type: 'order_linked', data: { source: 'auto', orderIds, count: orderIds.length } });
    }
  }
}

/**
 * Stages the timeline entries and the `order.linked` event, which carries the K11 reminder; the
 * timeline keeps the reminder too, so it was shown even to someone who missed the event. With a
 * `summary` the link is told by the import's summary entry; `'none'` writes no link entry.
 */
export function announceLink(ctx: CrmContext, uow: UnitOfWork, order: Order, client: Client, summary?: LinkSummary | 'none'): void {
  if (summary instanceof LinkSummary) summary.add(client.id, order.id);
  else if (summary !== 'none') recordActivity(ctx, uow, { clientId: client.id, orderId: order.id, type: 'order_linked', data: { source: order.linkSource } });
  if (client.nextOrderReminder) {
    recordActivity(ctx, uow, { clientId: client.id, orderId: order.id, type: 'reminder_surfaced', text: client.nextOrderReminder });
  }
  uow.emit({ type: 'order.linked', order, client, ...(client.nextOrderReminder ? { reminder: client.nextOrderReminder } : {}) });
}

/** What an undoable link keeps to take the order back: its link before, and the link keys it replaced. */
export interface LinkUndo {
  before: Pick<Order, 'clientId' | 'linkSource' | 'unlinkedByHand'>;
  replacedKeys: Omit<LinkKey, 'version'>[];
}

/**
 * Links a stored order to `client`. Linking by hand (or by creating the client from it) also
 * teaches that later orders of the same buyer belong to this client (B11). An `undoable` link's
 * timeline entry takes it back (`crm.activities.undo`).
 */
export async function linkOrder(ctx: CrmContext, uow: UnitOfWork, order: Order, client: Client, source: LinkSource, options: { undoable?: boolean } = {}): Promise<Order> {
  const current = order.clientId && order.clientId !== client.id ? await unlinkOrder(ctx, uow, order, { byHand: false }) : order;
  const linked = uow.put<Order>('orders', linkedOrder(ctx, current, client, source), current);
  const replacedKeys = source !== 'auto' ? await learnLinkKeys(ctx, uow, linked, client) : [];
  if (options.undoable) {
    const undo: LinkUndo = { before: compact({ clientId: order.clientId, linkSource: order.linkSource, unlinkedByHand: order.unlinkedByHand }), replacedKeys };
    recordActivity(ctx, uow, { clientId: client.id, orderId: order.id, type: 'order_linked', undoable: true, data: { source, ...undo } });
  }
  announceLink(ctx, uow, linked, client, options.undoable ? 'none' : undefined);
  return linked;
}

/**
 * Unlinks a stored order. By hand (B12), the order also stays unlinked when the shop sends it
 * again, and what linking it taught is forgotten.
 */
export async function unlinkOrder(ctx: CrmContext, uow: UnitOfWork, order: Order, options: { byHand: boolean }): Promise<Order> {
  const { clientId, linkSource: _, ...rest } = order;
  const unlinked = uow.put<Order>('orders', { ...rest, ...(options.byHand ? { unlinkedByHand: true } : {}), updatedAt: ctx.now() }, order);
  if (options.byHand) await forgetLinkKeys(ctx, uow, order);
  if (clientId) {
    recordActivity(ctx, uow, { clientId, orderId: order.id, type: 'order_unlinked' });
    uow.emit({ type: 'order.unlinked', order: unlinked, clientId });
  }
  return unlinked;
}
