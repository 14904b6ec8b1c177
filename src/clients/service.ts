import * as z from 'zod/mini';
import { recordActivity } from '../activities/record.ts';
import { checkVersion, transact, type CrmContext } from '../context.ts';
import { ClientPatch, CreateClientInput, type Client } from '../model/client.ts';
import { ClientId, OrderId, StatusId } from '../model/ids.ts';
import type { Order } from '../model/order.ts';
import { parse } from '../validation.ts';
import { invalid } from '../errors.ts';
import { expectedVersionOf, type UpdateOptions } from '../update-options.ts';
import { formatTaxId } from '../tax-id/index.ts';
import { readClient } from './access.ts';
import { recordClientChange } from './changes.ts';
import { newClientRecord, patchedClient } from './client-record.ts';
import { DuplicateSearchOptions, findDuplicates, type DuplicateGroup } from './duplicates.ts';
import { ClientFilter, ClientListOptions, ClientSearchOptions, clientPredicate, countClients, listClients, type ClientPage } from './list.ts';
import { mergeClients } from './merge.ts';
import { exportClientsCsv, type ClientCsvExportOptions } from './csv-export.ts';
import { importClientsCsv, type ClientCsvImportOptions, type ClientCsvImportReport } from './csv-import.ts';
import { SearchText, readFound } from '../search/found.ts';
import { readOrder } from '../orders/read.ts';
import { linkOrder } from '../orders/link.ts';
import { clientInputFromBilling } from './from-billing.ts';
import type { Activity } from '../model/activity.ts';
import { ordersOfClient, readAll } from '../storage/read-all.ts';
import type { Task } from '../model/task.ts';
import { removePlacements } from '../pipelines/placements.ts';

const ClientIdList = z.array(ClientId).check(z.minLength(1), z.maxLength(10_000));

/** `crm.clients`: B2B clients keyed by tax ID. */
export function clientsService(ctx: CrmContext) {
  return {
    /**
     * Creates a client. The tax ID is normalised (`CZ 270 82 440` → CZ 27082440) and checked by
     * checksum; a second client with the same tax ID is a `duplicate`.
     * @example
     * ```ts
     * const client = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440' });
     * client.number; // 1 — shown as "Client: 1"
     * ```
     */
    async create(input: CreateClientInput): Promise<Client> {
      const data = parse(CreateClientInput, input);
      return transact(ctx, async (uow) => {
        const client = await newClientRecord(ctx, uow, data, { strictTaxId: true });
        recordActivity(ctx, uow, { clientId: client.id, type: 'client_created' });
        uow.emit({ type: 'client.created', client });
        return client;
      });
    },

    /** Reads one client; `not_found` when it does not exist. */
    async get(id: string): Promise<Client> {
      return readClient(ctx, parse(ClientId, id, ['id']));
    },

    /**
     * Changes some fields. With `expectedVersion`, a client changed by someone else in the
     * meantime is a `conflict` carrying the current record; `null` clears an optional field.
     * @example
     * ```ts
     * await crm.clients.update(client.id, { temperature: 'hot', note: null }, { expectedVersion: client.version });
     * ```
     */
    async update(id: string, patch: ClientPatch, options?: UpdateOptions): Promise<Client> {
      const clientId = parse(ClientId, id, ['id']);
      const data = parse(ClientPatch, patch);
      const expectedVersion = expectedVersionOf(options);
      return transact(ctx, async (uow) => {
        const previous = await readClient(ctx, clientId);
        checkVersion(previous, expectedVersion);
        const client = uow.put<Client>('clients', await patchedClient(ctx, previous, data), previous);
        recordClientChange(ctx, uow, previous, client);
        return client;
      });
    },

    /**
     * Deletes a client: its orders become unlinked, its notes and timeline stay, its tasks and
     * its places in pipelines go (tasks on its orders stay with the orders). Returns the
     * `client_deleted` activity, which `crm.activities.undo` reverses.
     */
    async delete(id: string, options?: UpdateOptions): Promise<Activity> {
      const clientId = parse(ClientId, id, ['id']);
      const expectedVersion = expectedVersionOf(options);
      return transact(ctx, async (uow) => {
        const client = await readClient(ctx, clientId);
        checkVersion(client, expectedVersion);
        const orders = await readAll<Order>(ctx, 'orders', 'clientCreated', ordersOfClient(client.id));
        for (const order of orders) {
          const { clientId: _, linkSource: __, ...unlinked } = order;
          uow.put<Order>('orders', { ...unlinked, updatedAt: ctx.now() }, order);
        }
        const linkKeys = await readAll(ctx, 'linkKeys', 'clientId', { eq: client.id });
        for (const key of linkKeys) uow.delete('linkKeys', key);
        // Tasks and pipeline places of a client that is gone would be orphans; undo brings them back.
        const tasks = await readAll<Task>(ctx, 'tasks', 'clientId', { eq: client.id });
        for (const task of tasks) {
          uow.delete('tasks', task);
          uow.emit({ type: 'task.deleted', task });
        }
        const placements = await removePlacements(ctx, uow, client.id);
        uow.delete('clients', client);
        const activity = recordActivity(ctx, uow, {
          clientId: client.id,
          type: 'client_deleted',
          undoable: true,
          data: { client, orders: orders.map((o) => ({ id: o.id, linkSource: o.linkSource })), linkKeys, tasks, placements },
        });
        uow.emit({ type: 'client.deleted', client });
        return activity;
      });
    },

    /**
     * Lists clients, filtered (filters combine) and sorted, a page at a time.
     * @example
     * ```ts
     * const { items, cursor } = await crm.clients.list({ filter: { lifecycle: 'potential', temperature: 'hot' }, sort: { by: 'name' }, limit: 50 });
     * ```
     */
    async list(options: ClientListOptions = {}): Promise<ClientPage> {
      return listClients(ctx, parse(ClientListOptions, options));
    },

    /** How many clients pass the filter. */
    async count(filter: z.input<typeof ClientFilter> = {}): Promise<number> {
      return countClients(ctx, parse(ClientFilter, filter, ['filter']));
    },

    /**
     * Finds clients by name or contact person (case and diacritics ignored), tax ID in any
     * formatting or by its first digits, e-mail, phone digits or client number; best first (K1, C2).
     * With `filter` (as `list` takes it) only clients that pass it are found.
     * @example
     * ```ts
     * await crm.clients.search('skoda');         // ŠKODA AUTO a.s.
     * await crm.clients.search('270 82', { limit: 5 });
     * await crm.clients.search('nov', { filter: { lifecycle: 'potential', temperature: 'hot' } });
     * ```
     */
    async search(text: string, options?: ClientSearchOptions): Promise<Client[]> {
      const query = parse(SearchText, text, ['text']);
      const { limit = 20, filter = {} } = parse(ClientSearchOptions, options) ?? {};
      const { clients } = await ctx.search.indexes();
      // An admin's unfiltered search tests nothing per hit: most searches are that.
      const filtered = ctx.principal.role !== 'admin' || Object.values(filter).some((value) => value !== undefined);
      const matches = filtered ? await clientPredicate(ctx, filter) : undefined;
      const hits = clients.search(query, { limit, ...(matches ? { filter: (id: string) => matches(ctx.search.facets.get(id)!) } : {}) });
      return readFound<Client>(ctx, 'clients', hits);
    },

    /**
     * The label that tells a saved client from a name in order history (B14).
     * @example
     * ```ts
     * crm.clients.label(client); // 'Alza.cz a.s., CZ27082440 (Client: 45)'
     * ```
     */
    label(client: Pick<Client, 'name' | 'number' | 'taxId'>): string {
      if (typeof client?.name !== 'string' || typeof client.number !== 'number') throw invalid(['client'], 'Expected a client record');
      const taxId = client.taxId ? `, ${formatTaxId(client.taxId)}` : '';
      return `${client.name}${taxId} (Client: ${client.number})`;
    },

    /**
     * Sets the status of many clients at once (B16). One undo of any of the resulting
     * `status_changed` activities reverts the whole batch.
     */
    async setStatus(ids: string[], statusId: string | null): Promise<Client[]> {
      const clientIds = parse(ClientIdList, ids, ['ids']);
      const status = parse(z.nullable(StatusId), statusId, ['statusId']);
      const batchId = ctx.newId('batch');
      return transact(ctx, async (uow) => {
        const changed: Client[] = [];
        for (const clientId of new Set(clientIds)) {
          const previous = await readClient(ctx, clientId);
          if ((previous.statusId ?? null) === status) continue;
          const client = uow.put<Client>('clients', await patchedClient(ctx, previous, { statusId: status }), previous);
          recordClientChange(ctx, uow, previous, client, batchId);
          changed.push(client);
        }
        return changed;
      });
    },

    /** B9: creates a client from an order's billing data and links the order to it. */
    async createFromOrder(orderId: string): Promise<Client> {
      const id = parse(OrderId, orderId, ['orderId']);
      return transact(ctx, async (uow) => {
        const order = await readOrder(ctx, id);
        const client = await newClientRecord(ctx, uow, clientInputFromBilling(ctx, order), { strictTaxId: true });
        recordActivity(ctx, uow, { clientId: client.id, orderId: order.id, type: 'client_created', data: { fromOrder: order.id } });
        uow.emit({ type: 'client.created', client });
        await linkOrder(ctx, uow, order, client, 'created');
        return client;
      });
    },

    /**
     * The clients as RFC 4180 CSV (K12: a mailing list for marketing), a header row first, the
     * `fields` columns in order (`number`, `name`, `email`, `taxId` by default; see
     * `clientCsvExportFields`), clients by number. Only clients the principal may see, filtered by
     * the date of their last order (`lastOrderFrom` inclusive, `lastOrderTo` exclusive; a client
     * that never ordered is left out once either is given), by status (any of `statusIds`) and by
     * star (any of `stars`); the filters combine.
     *
     * E-mails: every address of a client, its own and its contact persons', each once. By default
     * each address gets its own row (the client's other columns repeated) and clients without one
     * are left out, because a mailing tool takes one address per row; `emails: 'joined'` gives one
     * row per client with its addresses joined by `; `. `importCsv` reads either back.
     *
     * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first) gets an
     * apostrophe before it, so `+420…` phones show as `'+420…`; `importCsv` takes it off again.
     * @example
     * ```ts
     * const csv = await crm.clients.exportCsv({
     *   fields: ['email', 'name', 'city', 'status'],
     *   lastOrderFrom: '2026-01-01', lastOrderTo: '2026-07-01', statusIds: [vip.id],
     *   delimiter: ';', bom: true, // opens as it should in Czech Excel
     * });
     * ```
     */
    async exportCsv(options?: ClientCsvExportOptions): Promise<string> {
      return exportClientsCsv(ctx, options);
    },

    /**
     * Creates and updates clients from a CSV file (RFC 4180; the delimiter, `,` `;` or tab, is
     * detected unless given). `mapping` names the client field each used column fills (see
     * `clientCsvImportFields`); other columns are ignored. A row whose tax ID (however typed:
     * `CZ27082440`, `270 82 440`) is a client's updates that client instead of adding a second:
     * the cells it fills replace stored values, e-mails, phones, tags and stars are added to the
     * client's, and empty cells change nothing. Other rows create clients.
     *
     * Each row is imported whole or not at all: a row with a bad cell (an invalid tax ID or
     * e-mail, an unknown status…) is rejected and reported with its line (the physical line it
     * starts on, the header being line 1), column and reason; the other rows are imported, a
     * transaction per `chunkSize` rows (500 by default). A bad mapping (an unknown field, a header
     * the file lacks) is a `validation` error at `mapping.<header>` and imports nothing.
     * @example
     * ```ts
     * const report = await crm.clients.importCsv(fileText, {
     *   mapping: { 'Firma': 'name', 'IČO': 'taxId', 'E-mail': 'email', 'Město': 'city' },
     *   onProgress: ({ processed, total }) => (bar.value = processed / total),
     * });
     * for (const { line, column, message } of report.errors) console.log(`line ${line}, ${column}: ${message}`);
     * ```
     */
    async importCsv(text: string, options: ClientCsvImportOptions): Promise<ClientCsvImportReport> {
      return importClientsCsv(ctx, text, options);
    },

    /**
     * B15: the same company twice — unlinked orders whose tax ID or company name matches a
     * client, and clients that share a tax ID (one's tax or VAT ID is another's tax or VAT ID)
     * or a name. An order staff unlinked from a client by hand is not offered back to it.
     * It reads every client: `onProgress` hears how far it has got.
     */
    async findDuplicates(options?: DuplicateSearchOptions): Promise<DuplicateGroup[]> {
      const { onProgress } = parse(DuplicateSearchOptions, options) ?? {};
      return findDuplicates(ctx, onProgress);
    },

    /**
     * Merges `mergeId` into `keepId`: orders, notes, tasks, timeline and link keys move, and
     * places in pipelines where the kept client is not; empty fields of the kept client are
     * filled, lists are joined, the merged client is deleted. Undoable.
     */
    async merge(keepId: string, mergeId: string): Promise<Client> {
      const keep = parse(ClientId, keepId, ['keepId']);
      const merge = parse(ClientId, mergeId, ['mergeId']);
      return mergeClients(ctx, keep, merge);
    },
  };
}
export type ClientsService = ReturnType<typeof clientsService>;
