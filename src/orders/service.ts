import * as z from 'zod/mini';
import { recordActivity } from '../activities/record.ts';
import { readClient } from '../clients/access.ts';
import { billingFromClient } from '../clients/from-billing.ts';
import { checkVersion, transact, type CrmContext, type UnitOfWork } from '../context.ts';
import type { Client } from '../model/client.ts';
import { compact } from '../compact.ts';
import { IsoDateTime } from '../model/common.ts';
import { ClientId, OrderId } from '../model/ids.ts';
import { OrderInput, type Order } from '../model/order.ts';
import { filteredPage } from '../storage/filtered-page.ts';
import type { KeyRange } from '../storage/adapter.ts';
import { normalizeTaxId, taxIdKey } from '../tax-id/index.ts';
import { parse } from '../validation.ts';
import { expectedVersionOf, type UpdateOptions } from '../update-options.ts';
import { linkOrder, unlinkOrder } from './link.ts';
import { stageUpsert } from './stage-upsert.ts';
import { SearchOptions, SearchText, readFound } from '../search/found.ts';
import { importOrders, type ImportOptions, type ImportReport } from './import.ts';
import { readOrder } from './read.ts';


export const OrderListOptions = z.strictObject({
  clientId: z.optional(ClientId),
  /** B19: in any formatting. */
  taxId: z.optional(z.string().check(z.maxLength(40))),
  accountCode: z.optional(z.string()),
  /** Only orders with (true) or without (false) a client. */
  linked: z.optional(z.boolean()),
  /** Created at or after. */
  from: z.optional(IsoDateTime),
  /** Created before. */
  to: z.optional(IsoDateTime),
  direction: z.optional(z.enum(['asc', 'desc'])),
  limit: z.optional(z.int().check(z.gte(1), z.lte(1000))),
  cursor: z.optional(z.string()),
});
export type OrderListOptions = z.input<typeof OrderListOptions>;

export interface OrderPage {
  items: Order[];
  cursor?: string;
}

/** `crm.orders`: the shop's orders, mirrored and linked to clients. */
export function ordersService(ctx: CrmContext) {
  const taxOptions = () => (ctx.settings.defaultCountry ? { defaultCountry: ctx.settings.defaultCountry } : {});

  /** Validates the ids, then, in the unit of work, reads both records and checks the order's version. */
  const withOrderAndClient = <T>(orderId: string, clientId: string, options: UpdateOptions | undefined, work: (uow: UnitOfWork, order: Order, client: Client) => Promise<T>) => {
    const [oid, cid] = [parse(OrderId, orderId, ['orderId']), parse(ClientId, clientId, ['clientId'])];
    const expectedVersion = expectedVersionOf(options);
    return transact(ctx, async (uow) => {
      const order = await readOrder(ctx, oid);
      checkVersion(order, expectedVersion);
      return work(uow, order, await readClient(ctx, cid));
    });
  };

  return {
    /**
     * Stores the shop's order, or updates it when its id is known (never a duplicate). A new
     * order links to the client its tax ID, VAT ID or buyer account belongs to; with
     * `autoCreateClients` on, a B2B order (with a valid tax ID) no client matches creates one.
     * @example
     * ```ts
     * const order = await crm.orders.upsert({ id: '1001', currency: 'CZK', total: 129900,
     *   createdAt: '2026-11-02T10:00:00Z', billing: { company: 'Alza.cz a.s.', taxId: 'CZ27082440' } });
     * order.clientId; // the client's id, when one matched
     * ```
     */
    async upsert(input: OrderInput): Promise<Order> {
      const data = parse(OrderInput, input);
      return transact(ctx, async (uow) => (await stageUpsert(ctx, uow, data)).order);
    },

    /**
     * Imports many orders (an array, a generator, a stream), a chunk per transaction.
     * @example
     * ```ts
     * const report = await crm.orders.import(rows, { onProgress: (p) => bar.value = p.processed });
     * report.errors; // [{ index: 17, id: 'A-17', message: 'Invalid input — total: …', fields: [...] }]
     * ```
     * @throws CrmError `quota` or `storage` when a chunk cannot be stored: the chunks before it
     *   stay stored, and running the same import again goes on from there.
     */
    async import(source: Iterable<OrderInput> | AsyncIterable<OrderInput>, options?: ImportOptions): Promise<ImportReport> {
      return importOrders(ctx, source, options);
    },

    /**
     * Full-text search over orders: number, buyer company or name, e-mail, tax ID and all three
     * kinds of notes (K1); every word must match, by prefix.
     * @example
     * ```ts
     * await crm.orders.search('alza gate 3'); // Alza's order whose customer note mentions gate 3
     * ```
     */
    async search(text: string, options?: SearchOptions): Promise<Order[]> {
      const query = parse(SearchText, text, ['text']);
      const limit = parse(SearchOptions, options)?.limit ?? 20;
      const { orders } = await ctx.search.indexes();
      return readFound<Order>(ctx, 'orders', orders.search(query, { limit }));
    },

    async get(id: string): Promise<Order> {
      return readOrder(ctx, parse(OrderId, id, ['id']));
    },

    /**
     * Lists orders, newest first: of one client, by tax ID in any formatting (B19), by buyer
     * account, linked or not, within dates.
     * @example
     * ```ts
     * const { items } = await crm.orders.list({ taxId: 'CZ 270 82 440' });
     * ```
     */
    async list(options: OrderListOptions = {}): Promise<OrderPage> {
      const o = parse(OrderListOptions, options);
      const taxKey = o.taxId === undefined ? undefined : taxIdKey(normalizeTaxId(o.taxId, taxOptions()));
      let index = 'createdAt';
      let range: KeyRange | undefined = o.from || o.to ? compact({ gte: o.from, lt: o.to }) : undefined;
      if (o.clientId) [index, range] = ['clientCreated', { gte: [o.clientId, o.from ?? ''], lt: o.to ? [o.clientId, o.to] : [o.clientId, []] }];
      else if (taxKey) [index, range] = ['taxKey', { eq: taxKey }];
      else if (o.accountCode) [index, range] = ['accountCode', { eq: o.accountCode }];
      return filteredPage<Order>(ctx, {
        collection: 'orders',
        index,
        range,
        direction: o.direction ?? 'desc',
        limit: o.limit ?? 50,
        cursor: o.cursor,
        matches: (order) =>
          (o.clientId === undefined || order.clientId === o.clientId) &&
          (taxKey === undefined || (order.billing.taxId !== undefined && taxIdKey(order.billing.taxId) === taxKey)) &&
          (o.accountCode === undefined || order.accountCode === o.accountCode) &&
          (o.linked === undefined || (order.clientId !== undefined) === o.linked) &&
          (o.from === undefined || order.createdAt >= o.from) &&
          (o.to === undefined || order.createdAt < o.to),
      });
    },

    /**
     * B12: links an order to a client by hand; later orders of the same buyer follow (B11). Its
     * `order_linked` timeline entry is undoable: the order goes back to how it was linked before.
     */
    async link(orderId: string, clientId: string, options?: UpdateOptions): Promise<Order> {
      return withOrderAndClient(orderId, clientId, options, async (uow, order, client) =>
        order.clientId === client.id ? order : linkOrder(ctx, uow, order, client, 'manual', { undoable: true }),
      );
    },

    /** B12: unlinks an order from its client; it stays unlinked until linked again. */
    async unlink(orderId: string, options?: UpdateOptions): Promise<Order> {
      const oid = parse(OrderId, orderId, ['orderId']);
      const expectedVersion = expectedVersionOf(options);
      return transact(ctx, async (uow) => {
        const order = await readOrder(ctx, oid);
        checkVersion(order, expectedVersion);
        return unlinkOrder(ctx, uow, order, { byHand: true });
      });
    },

    /**
     * B10: replaces the order's billing data with the client's and links the order to it. The
     * old billing is kept in a `billing_replaced` activity that `crm.activities.undo` restores.
     */
    async applyClientBilling(orderId: string, clientId: string, options?: UpdateOptions): Promise<Order> {
      return withOrderAndClient(orderId, clientId, options, async (uow, order, client) => {
        const billing = billingFromClient(client, order.billing);
        let replaced = uow.put<Order>('orders', { ...order, billing, updatedAt: ctx.now() }, order);
        if (replaced.clientId !== client.id) replaced = await linkOrder(ctx, uow, replaced, client, 'manual');
        recordActivity(ctx, uow, {
          clientId: client.id,
          orderId: order.id,
          type: 'billing_replaced',
          undoable: true,
          data: { previous: order.billing, billing },
        });
        uow.emit({ type: 'order.updated', order: replaced, previous: order });
        return replaced;
      });
    },
  };
}
export type OrdersService = ReturnType<typeof ordersService>;
