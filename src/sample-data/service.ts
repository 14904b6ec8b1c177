import * as z from 'zod/mini';
import { recordActivity } from '../activities/record.ts';
import { newClientRecord } from '../clients/client-record.ts';
import { clientOwned } from '../clients/merge.ts';
import { transact, type CrmContext } from '../context.ts';
import { compact } from '../compact.ts';
import { CrmError, isCrmError } from '../errors.ts';
import { UserActivityType, type Activity } from '../model/activity.ts';
import type { Client } from '../model/client.ts';
import type { Note } from '../model/note.ts';
import type { Order, OrderInput } from '../model/order.ts';
import type { Pipeline, Placement } from '../model/pipeline.ts';
import type { StarKind } from '../model/star.ts';
import type { Status } from '../model/status.ts';
import { importOrders } from '../orders/import.ts';
import { changeStage, removePlacements } from '../pipelines/placements.ts';
import { readMany } from '../storage/read-ahead.ts';
import { ordersOfClient, readAll } from '../storage/read-all.ts';
import { parse } from '../validation.ts';
import { findSeeded, SeedLanguage } from '../seed-names.ts';
import { generateSampleData } from './generate.ts';

/** Remembers what "Insert sample data" added, so "Remove" takes exactly that away. */
interface SampleMarker {
  id: 'sampleData';
  clientIds: string[];
  orderIds: string[];
  /** The notes insert put on its clients; missing in markers written before it was kept. */
  noteIds?: string[];
  version: number;
}

/** Timeline entries only staff's own work writes: `crm.activities.add`, tasks, pipeline moves (but those insert made). */
const userActivityTypes = new Set<string>([...UserActivityType.options, 'task_created', 'task_completed', 'task_reopened', 'task_deleted', 'stage_changed']);

const InsertOptions = z.optional(z.strictObject({
  seed: z.optional(z.int()),
  clients: z.optional(z.int().check(z.gte(1), z.lte(1000))),
  orders: z.optional(z.int().check(z.gte(0), z.lte(10_000))),
  /** The shop's language, which the sample products, notes and contact roles are written in: `'en'` (default), `'cs'`, `'pl'`, `'sl'`. */
  language: z.optional(SeedLanguage),
}));

export interface SampleDataSummary {
  clients: number;
  orders: number;
}

/** What `remove` took away, and what it left because the user worked with it. */
export interface SampleDataRemoval extends SampleDataSummary {
  /** Sample clients the user touched, and the orders that stay with them. */
  kept: SampleDataSummary;
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
     * Generated clients whose tax ID a client already has (one `remove` kept, say) are left out
     * with their orders, and so are orders whose id is taken: nothing already stored changes.
     * Products, notes and contact roles are in the shop's `language`, as staff would write them.
     * @example
     * ```ts
     * if (!(await crm.sampleData.has())) await crm.sampleData.insert({ language: 'cs' });
     * ```
     */
    async insert(options?: z.input<typeof InsertOptions>): Promise<SampleDataSummary> {
      const { seed = 1, clients: clientCount = 40, orders: orderCount = 300, language } = parse(InsertOptions, options) ?? {};
      const data = generateSampleData({ seed, clients: clientCount, orders: orderCount, now: new Date(ctx.now()), ...(language ? { language } : {}) });
      const inserted = await transact(ctx, async (uow) => {
        if (await marker()) throw new CrmError('conflict', 'Sample data is already in; remove it first');
        const [statuses, starKinds] = await Promise.all([readAll<Status>(ctx, 'statuses'), readAll<StarKind>(ctx, 'starKinds')]);
        const clientIds: string[] = [];
        const noteIds: string[] = [];
        const skippedNames = new Set<string>();
        for (const sample of data.clients) {
          const rollback = uow.savepoint();
          const client = await newClientRecord(
            ctx,
            uow,
            compact({ ...sample.input, statusId: findSeeded(statuses, sample.status)?.id, stars: sample.stars.flatMap((key) => findSeeded(starKinds, key)?.id ?? []) }),
            { strictTaxId: true },
          ).catch((error: unknown) => {
            if (!isCrmError(error) || error.code !== 'duplicate') throw error;
            rollback();
            skippedNames.add(sample.input.name);
            return undefined;
          });
          if (!client) continue;
          clientIds.push(client.id);
          recordActivity(ctx, uow, { clientId: client.id, type: 'client_created', data: { sample: true } });
          uow.emit({ type: 'client.created', client });
          for (const note of sample.notes) {
            const now = ctx.now();
            const stored = uow.put<Note>('notes', { priority: 'none', visibility: 'shared', ...note, id: ctx.newId('note'), clientId: client.id, author: ctx.principal.userId, createdAt: now, updatedAt: now }, 'absent');
            noteIds.push(stored.id);
            uow.emit({ type: 'note.added', note: stored });
          }
        }
        // Each order under its id and under the one it had before ids were zero-padded (`sample-4`), which `remove` may have kept.
        const stored = await readMany(ctx.storage, 'orders', data.orders.flatMap((order) => [{ id: order.id }, { id: order.id.replace(/^sample-0+(?=\d)/, 'sample-') }]));
        const orders: OrderInput[] = data.orders.filter(
          (order, i) => stored[2 * i]!.length + stored[2 * i + 1]!.length === 0 && !(order.billing.company !== undefined && skippedNames.has(order.billing.company)),
        );
        // A store with a pipeline gets every third sample client into it, spread over its stages, so the board has cards.
        // Each walks through the stages before its own: the funnel's figures count who went further.
        const [pipeline] = (await readAll<Pipeline>(ctx, 'pipelines')).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        if (pipeline?.stages.length) {
          clientIds.forEach((clientId, i) => {
            if (i % 3 !== 0) return;
            let current: Placement | undefined;
            for (const stage of pipeline.stages.slice(0, ((i / 3) % pipeline.stages.length) + 1)) {
              current = changeStage(ctx, uow, { pipeline, clientId, current, to: stage.id, sample: true });
            }
          });
        }
        uow.put<SampleMarker>('meta', { id: 'sampleData', clientIds, orderIds: orders.map((o) => o.id), noteIds }, 'absent');
        return { clients: clientIds.length, orders };
      });
      const report = await importOrders(ctx, inserted.orders, {});
      return { clients: inserted.clients, orders: report.created + report.updated };
    },

    /**
     * Removes what `insert` added — its clients with their notes and timeline, and its orders —
     * except the sample clients the user has worked with: edited (status, stars, any field, a
     * merge into it), given a note (on the client or on one of its orders) or edited one of its
     * notes, recorded a call, meeting, e-mail or letter for, gave a task (on the client or on
     * one of its orders) or placed in a pipeline (what rules did is not the user's work). Such a
     * client stays, whole, with its orders and
     * everything on its timeline, as an ordinary client; so does a sample order the user put a
     * note or a task on. The user's own orders linked to a removed sample client stay,
     * unlinked. Returns what was removed and, under `kept`, what stayed.
     * @example
     * ```ts
     * const { clients, kept } = await crm.sampleData.remove();
     * if (kept.clients) toast(`${kept.clients} sample clients you worked with were kept`);
     * ```
     */
    async remove(): Promise<SampleDataRemoval> {
      return transact(ctx, async (uow) => {
        const sample = await marker();
        if (!sample) return { clients: 0, orders: 0, kept: { clients: 0, orders: 0 } };
        const sampleClientIds = new Set(sample.clientIds);
        // Without the list (older markers), the notes on sample clients count as the insert's unless edited.
        const insertedNotes = sample.noteIds && new Set(sample.noteIds);
        const usersNote = (note: Note) => note.version > 1 || (insertedNotes !== undefined && !insertedNotes.has(note.id));

        // Insert puts no notes or tasks on orders: a sample order with one is the user's to keep.
        const sampleOrders = new Map<string, Order>();
        const notedOrders = new Set<string>();
        const [orderRecords, orderNotes, orderTasks] = await Promise.all([
          readMany(ctx.storage, 'orders', sample.orderIds.map((id) => ({ id }))),
          readMany(ctx.storage, 'notes', sample.orderIds.map((key) => ({ index: 'orderId', key, limit: 1 }))),
          readMany(ctx.storage, 'tasks', sample.orderIds.map((key) => ({ index: 'orderId', key, limit: 1 }))),
        ]);
        sample.orderIds.forEach((id, i) => {
          const order = orderRecords[i]![0] as Order | undefined;
          if (!order) return;
          sampleOrders.set(id, order);
          if (orderNotes[i]!.length || orderTasks[i]!.length) notedOrders.add(id);
        });

        const touched = new Set<string>();
        const clients = new Map<string, Client>();
        const [clientRecords, clientNotes] = await Promise.all([
          readMany(ctx.storage, 'clients', sample.clientIds.map((id) => ({ id }))),
          readMany(ctx.storage, 'notes', sample.clientIds.map((key) => ({ index: 'clientId', key }))),
        ]);
        for (const [i, id] of sample.clientIds.entries()) {
          const client = clientRecords[i]![0] as Client | undefined;
          if (!client) continue;
          clients.set(id, client);
          const timeline = await readAll<Activity>(ctx, 'activities', 'clientAt', { gte: [id], lt: [id, []] });
          // What rules did is not the user's work: their edits, notes and tasks.
          const firings = timeline.filter((a) => a.type === 'rule_applied' && !a.undoneAt);
          const ruleEdits = firings.filter((a) => (a.data?.['changes'] as unknown[]).length > 0).length;
          const ruleTasks = new Set(firings.flatMap((a) => a.data?.['taskIds'] as string[]));
          const worked =
            client.version - ruleEdits > 1 ||
            (clientNotes[i] as unknown as Note[]).some((note) => usersNote(note) && !(note.version === 1 && note.author.startsWith('rule:'))) ||
            timeline.some((a) => userActivityTypes.has(a.type) && !a.data?.['sample'] && !ruleTasks.has(a.data?.['taskId'] as string));
          if (worked) touched.add(id);
        }
        for (const id of notedOrders) {
          const clientId = sampleOrders.get(id)!.clientId;
          if (clientId && clients.has(clientId)) touched.add(clientId);
        }

        const removed = { clients: 0, orders: 0 };
        const kept = { clients: touched.size, orders: 0 };
        for (const order of sampleOrders.values()) {
          if (notedOrders.has(order.id) || (order.clientId !== undefined && touched.has(order.clientId))) {
            kept.orders += 1;
            continue;
          }
          uow.delete('orders', order);
          removed.orders += 1;
        }
        for (const id of sampleClientIds) {
          if (touched.has(id)) continue;
          for (const order of await readAll<Order>(ctx, 'orders', 'clientCreated', ordersOfClient(id))) {
            if (sampleOrders.has(order.id)) continue;
            const { clientId: _, linkSource: __, ...unlinked } = order;
            uow.put<Order>('orders', { ...unlinked, updatedAt: ctx.now() }, order);
          }
          // Also what a sample client the user deleted left behind: its notes, and the timeline whose undo would bring it back.
          for (const [collection, index, range] of clientOwned) {
            if (collection === 'orders') continue;
            for (const record of await readAll(ctx, collection, index, range(id))) uow.delete(collection, record);
          }
          // The places insert gave it (a client the user placed was kept above).
          await removePlacements(ctx, uow, id);
          const client = clients.get(id);
          if (!client) continue;
          uow.delete('clients', client);
          uow.emit({ type: 'client.deleted', client });
          removed.clients += 1;
        }
        uow.delete('meta', sample);
        return { ...removed, kept };
      });
    },
  };
}
export type SampleDataService = ReturnType<typeof sampleDataService>;
