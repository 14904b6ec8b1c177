import * as z from 'zod/mini';
import { recordActivity } from '../activities/record.ts';
import { newClientRecord } from '../clients/client-record.ts';
import { clientOwned } from '../clients/merge.ts';
import { transact, type CrmContext } from '../context.ts';
import { compact } from '../compact.ts';
import { CrmError } from '../errors.ts';
import type { Client } from '../model/client.ts';
import type { Note } from '../model/note.ts';
import type { Order } from '../model/order.ts';
import type { StarKind } from '../model/star.ts';
import type { Status } from '../model/status.ts';
import { importOrders } from '../orders/import.ts';
import { ordersOfClient, readAll } from '../storage/read-all.ts';
import { parse } from '../validation.ts';
import { generateSampleData } from './generate.ts';

/** Remembers what "Insert sample data" added, so "Remove" takes exactly that away. */
interface SampleMarker {
  id: 'sampleData';
  clientIds: string[];
  orderIds: string[];
  version: number;
}

const InsertOptions = z.optional(z.strictObject({
  seed: z.optional(z.int()),
  clients: z.optional(z.int().check(z.gte(1), z.lte(1000))),
  orders: z.optional(z.int().check(z.gte(0), z.lte(10_000))),
}));

export interface SampleDataSummary {
  clients: number;
  orders: number;
}

/** `crm.sampleData`: B18's one-click demo data, and its one-step removal. */
export function sampleDataService(ctx: CrmContext) {
  const marker = async () => (await ctx.storage.get('meta', 'sampleData')) as SampleMarker | undefined;

  return {
    /** Whether sample data is in the store now. */
    async has(): Promise<boolean> {
      return (await marker()) !== undefined;
    },

    /**
     * Adds demo clients (CZ, SK, PL, SI) with contacts, statuses, stars and notes, and their
     * orders over 18 months, linked by tax ID. Refused (`conflict`) while sample data is in.
     * @example
     * ```ts
     * if (!(await crm.sampleData.has())) await crm.sampleData.insert();
     * ```
     */
    async insert(options?: z.input<typeof InsertOptions>): Promise<SampleDataSummary> {
      const { seed = 1, clients: clientCount = 40, orders: orderCount = 300 } = parse(InsertOptions, options) ?? {};
      const data = generateSampleData({ seed, clients: clientCount, orders: orderCount, now: new Date(ctx.now()) });
      await transact(ctx, async (uow) => {
        if (await marker()) throw new CrmError('conflict', 'Sample data is already in; remove it first');
        const statusIds = new Map(((await readAll<Status>(ctx, 'statuses')) as Status[]).map((s) => [s.name, s.id]));
        const starIds = new Map(((await readAll<StarKind>(ctx, 'starKinds')) as StarKind[]).map((s) => [s.name, s.id]));
        const clientIds: string[] = [];
        for (const sample of data.clients) {
          const client = await newClientRecord(
            ctx,
            uow,
            compact({ ...sample.input, statusId: statusIds.get(sample.status), stars: sample.stars.flatMap((name) => starIds.get(name) ?? []) }),
            { strictTaxId: true },
          );
          clientIds.push(client.id);
          recordActivity(ctx, uow, { clientId: client.id, type: 'client_created', data: { sample: true } });
          uow.emit({ type: 'client.created', client });
          for (const note of sample.notes) {
            const now = ctx.now();
            const stored = uow.put<Note>('notes', { priority: 'none', visibility: 'shared', ...note, id: ctx.newId('note'), clientId: client.id, author: ctx.principal.userId, createdAt: now, updatedAt: now }, 'absent');
            uow.emit({ type: 'note.added', note: stored });
          }
        }
        uow.put<SampleMarker>('meta', { id: 'sampleData', clientIds, orderIds: data.orders.map((o) => o.id) }, 'absent');
      });
      const report = await importOrders(ctx, data.orders, {});
      return { clients: data.clients.length, orders: report.created + report.updated };
    },

    /**
     * Removes exactly what `insert` added: its clients with their notes and timeline, and its
     * orders. The user's own orders linked to a sample client stay, unlinked.
     */
    async remove(): Promise<SampleDataSummary> {
      return transact(ctx, async (uow) => {
        const sample = await marker();
        if (!sample) return { clients: 0, orders: 0 };
        const sampleOrders = new Set(sample.orderIds);
        let [clients, orders] = [0, 0];
        for (const id of sample.orderIds) {
          const order = (await ctx.storage.get('orders', id)) as Order | undefined;
          if (!order) continue;
          uow.delete('orders', order);
          orders += 1;
          for (const note of await readAll(ctx, 'notes', 'orderId', { eq: id })) uow.delete('notes', note);
        }
        for (const id of sample.clientIds) {
          const client = (await ctx.storage.get('clients', id)) as Client | undefined;
          if (!client) continue;
          for (const order of await readAll<Order>(ctx, 'orders', 'clientCreated', ordersOfClient(id))) {
            if (sampleOrders.has(order.id)) continue;
            const { clientId: _, linkSource: __, ...unlinked } = order;
            uow.put<Order>('orders', { ...unlinked, updatedAt: ctx.now() }, order);
          }
          for (const [collection, index, range] of clientOwned) {
            if (collection === 'orders') continue;
            for (const record of await readAll(ctx, collection, index, range(id))) uow.delete(collection, record);
          }
          uow.delete('clients', client);
          uow.emit({ type: 'client.deleted', client });
          clients += 1;
        }
        uow.delete('meta', sample);
        return { clients, orders };
      });
    },
  };
}
export type SampleDataService = ReturnType<typeof sampleDataService>;
