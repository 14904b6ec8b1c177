import { canSee } from '../clients/access.ts';
import type { CrmContext } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';
import type { RuleTrigger } from '../model/rule.ts';
import { readMany } from '../storage/read-ahead.ts';
import type { RuleEvent } from './rule-event.ts';

/** An existing record a trigger would have been about, as an event. */
export interface ExistingSubject {
  event: Omit<RuleEvent, 'version' | 'seq' | 'at'>;
  client?: Client;
  order?: Order;
}

const PAGE = 500;

/** Which existing orders a trigger applies to: paid ones for `order.paid`, linked ones for `order.linked`. */
function orderQualifies(trigger: RuleTrigger, order: Order): boolean {
  if (trigger === 'order.paid') return order.paymentState === 'paid';
  if (trigger === 'order.linked') return order.clientId !== undefined;
  if (trigger === 'order.status_changed') return order.status !== undefined;
  return true;
}

/**
 * Every existing record a trigger is about, oldest first, a page at a time: orders for order
 * triggers, clients the principal may see for the others. `prefix` makes the event ids.
 */
export async function* existingSubjects(ctx: CrmContext, trigger: RuleTrigger, prefix: string): AsyncGenerator<ExistingSubject[]> {
  const ofOrders = trigger.startsWith('order.');
  let cursor: string | undefined;
  do {
    const page = await ctx.storage.query(ofOrders ? 'orders' : 'clients', { index: 'createdAt', limit: PAGE, ...(cursor ? { cursor } : {}) });
    cursor = page.cursor;
    if (!ofOrders) {
      const clients = (page.records as unknown as Client[]).filter((client) => canSee(ctx, client));
      yield clients.map((client) => ({ client, event: { id: `${prefix}:${client.id}:${client.version}:${client.updatedAt}`, trigger, clientId: client.id, depth: 1, chain: [] } }));
      continue;
    }
    const orders = (page.records as unknown as Order[]).filter((order) => orderQualifies(trigger, order));
    const clientIds = [...new Set(orders.flatMap((order) => (order.clientId ? [order.clientId] : [])))];
    const found = await readMany(ctx.storage, 'clients', clientIds.map((id) => ({ id })));
    const clients = new Map(clientIds.map((id, i) => [id, found[i]![0] as Client | undefined]));
    yield orders.flatMap((order) => {
      const client = order.clientId ? clients.get(order.clientId) : undefined;
      if (client && !canSee(ctx, client)) return [];
      if (!client && ctx.principal.role !== 'admin') return [];
      return [{ order, ...(client ? { client } : {}), event: { id: `${prefix}:${order.id}:${order.version}:${order.updatedAt}`, trigger, orderId: order.id, ...(client ? { clientId: client.id } : {}), depth: 1, chain: [] } }];
    });
  } while (cursor);
}
