import * as z from 'zod/mini';
import type { CrmContext } from '../context.ts';
import { neutralizeFormula } from '../csv/formula.ts';
import { writeCsv } from '../csv/write.ts';
import type { Client } from '../model/client.ts';
import { StarId, StatusId } from '../model/ids.ts';
import type { KeyRange } from '../storage/adapter.ts';
import { readAll } from '../storage/read-all.ts';
import { formatTaxId } from '../tax-id/index.ts';
import { parse } from '../validation.ts';
import { canSee } from './access.ts';
import { ClientCsvExportField, CsvDelimiter, clientEmails, customFieldKey, type ClientCsvExportField as ExportField } from './csv-fields.ts';
import { lastOrderAt } from './last-order.ts';
import type { ClientStats } from '../analytics/client-stats.ts';

const DAY = 86_400_000;

const DateBound = z.union(
  [z.iso.date(), z.iso.datetime({ offset: true })],
  'Expected a date such as 2026-01-31 or a date-time such as 2026-01-31T09:30:00Z',
);

export const ClientCsvExportOptions = z.optional(z.strictObject({
  /** Columns, in order; `['number', 'name', 'email', 'taxId']` by default. */
  fields: z.optional(z.array(ClientCsvExportField).check(z.minLength(1), z.maxLength(200))),
  /** Only clients whose last order is at or after this date (a date alone is its midnight UTC). */
  lastOrderFrom: z.optional(DateBound),
  /** Only clients whose last order is before this date (a date alone is its midnight UTC). */
  lastOrderTo: z.optional(DateBound),
  /** Only clients with one of these statuses. */
  statusIds: z.optional(z.array(StatusId).check(z.maxLength(1000))),
  /** Only clients with at least one of these stars. */
  stars: z.optional(z.array(StarId).check(z.maxLength(1000))),
  /** `'rows'` (default): a row per e-mail address, clients without one left out; `'joined'`: a row per client, addresses joined by `; `. */
  emails: z.optional(z.enum(['rows', 'joined'])),
  /** `,` by default; `;` for Excel where `,` is the decimal mark (Czech, Polish, Slovenian). */
  delimiter: z.optional(CsvDelimiter),
  /** Start with a byte-order mark, so Excel reads the file as UTF-8. */
  bom: z.optional(z.boolean()),
  /** The header row's text per field, e.g. in the user's language; a field not named here is headed by its own name. */
  headers: z.optional(z.partialRecord(ClientCsvExportField, z.string().check(z.maxLength(200)))),
}));
export type ClientCsvExportOptions = z.input<typeof ClientCsvExportOptions>;

const defaultFields: ExportField[] = ['number', 'name', 'email', 'taxId'];

/** Per-client look-ups made a batch at a time: concurrent enough to be quick, bounded for big stores. */
const batchSize = 100;

/** The clients of `crm.clients.exportCsv` as CSV; see its documentation. */
export async function exportClientsCsv(ctx: CrmContext, input: ClientCsvExportOptions): Promise<string> {
  const options = parse(ClientCsvExportOptions, input) ?? {};
  const fields = options.fields ?? defaultFields;
  const from = options.lastOrderFrom === undefined ? undefined : Date.parse(options.lastOrderFrom);
  const to = options.lastOrderTo === undefined ? undefined : Date.parse(options.lastOrderTo);
  const window = from === undefined && to === undefined ? undefined : await lastOrderWindow(ctx, from, to);
  const clients = (await selectClients(ctx, options.statusIds, options.stars)).filter((client) => !window || window.has(client.id));
  const names = await catalogNames(ctx, fields);
  const rowPerEmail = fields.includes('email') && options.emails !== 'joined';

  const rows: string[][] = [fields.map((field) => options.headers?.[field] ?? field)];
  for (let start = 0; start < clients.length; start += batchSize) {
    const batch = clients.slice(start, start + batchSize);
    const exact = (client: Client) => fields.includes('lastOrderAt') || window?.get(client.id) === 'edge';
    const lastOrders = await Promise.all(batch.map((client) => (exact(client) ? lastOrderAt(ctx, client.id) : undefined)));
    batch.forEach((client, i) => {
      const last = lastOrders[i];
      if (window?.get(client.id) === 'edge') {
        const time = last === undefined ? Number.NaN : Date.parse(last);
        if (!(from === undefined || time >= from) || !(to === undefined || time < to)) return;
      }
      const emails = clientEmails(client);
      for (const email of rowPerEmail ? emails : [emails.join('; ')]) {
        rows.push(fields.map((field) => cell(client, field, { email, lastOrderAt: last, names })));
      }
    });
  }
  return writeCsv(rows.map((row) => row.map(neutralizeFormula)), { delimiter: options.delimiter ?? ',', bom: options.bom ?? false });
}

/**
 * The clients whose last order may fall in [`from`, `to`), from the `lastOrder` index of their
 * figures (UTC days) in one range read, instead of an orders look-up per client: `'inside'` when
 * the day is, `'edge'` when a bound cuts through the day and the order's time decides.
 */
async function lastOrderWindow(ctx: CrmContext, from: number | undefined, to: number | undefined): Promise<Map<string, 'inside' | 'edge'>> {
  // Day -1 is a client that never ordered: never in the window.
  const fromDay = from === undefined ? 0 : Math.max(0, Math.floor(from / DAY));
  const toDay = to === undefined ? undefined : Math.floor(to / DAY);
  const fromEdge = from !== undefined && from % DAY !== 0;
  const toEdge = to !== undefined && to % DAY !== 0;
  // A bound at midnight: its day lies wholly inside (from) or wholly outside (to).
  const lastDay = toDay === undefined ? undefined : toEdge ? toDay : toDay - 1;
  const window = new Map<string, 'inside' | 'edge'>();
  if (lastDay !== undefined && lastDay < fromDay) return window;
  const range: KeyRange = { gte: fromDay, ...(lastDay === undefined ? {} : { lte: lastDay }) };
  for (const stats of await readAll<ClientStats>(ctx, 'clientStats', 'lastOrder', range)) {
    const day = stats.days.at(-1)!;
    window.set(stats.id, (fromEdge && day === fromDay) || (toEdge && day === toDay) ? 'edge' : 'inside');
  }
  return window;
}

/** The visible clients with one of `statusIds` and one of `stars` (each when given), by number, read through the narrowest index. */
async function selectClients(ctx: CrmContext, statusIds: string[] | undefined, stars: string[] | undefined): Promise<Client[]> {
  const statusSet = statusIds?.length ? new Set(statusIds) : undefined;
  const starSet = stars?.length ? new Set(stars) : undefined;
  const reads: [string, KeyRange | undefined][] = statusSet
    ? [...statusSet].map((id) => ['statusId', { eq: id }])
    : starSet
      ? [...starSet].map((id) => ['stars', { eq: id }])
      : ctx.principal.role === 'member'
        ? [['owner', { eq: ctx.principal.userId }]]
        : [['number', undefined]];
  const found = new Map<string, Client>();
  for (const [index, range] of reads) {
    for (const client of await readAll<Client>(ctx, 'clients', index, range)) found.set(client.id, client);
  }
  return [...found.values()]
    .filter((client) =>
      canSee(ctx, client) &&
      (!statusSet || (client.statusId !== undefined && statusSet.has(client.statusId))) &&
      (!starSet || client.stars.some((star) => starSet.has(star))))
    .sort((a, b) => a.number - b.number);
}

/** Status and star-kind names by id, read only when a column shows them. */
async function catalogNames(ctx: CrmContext, fields: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const collections = [...(fields.includes('status') ? ['statuses'] : []), ...(fields.includes('stars') ? ['starKinds'] : [])];
  for (const collection of collections) {
    for (const record of await readAll<{ id: string; name: string }>(ctx, collection)) names.set(record.id, record.name);
  }
  return names;
}

function cell(client: Client, field: ExportField, row: { email: string; lastOrderAt: string | undefined; names: Map<string, string> }): string {
  const key = customFieldKey(field);
  if (key !== undefined) return Object.hasOwn(client.customFields, key) ? String(client.customFields[key] ?? '') : '';
  switch (field) {
    case 'number': return String(client.number);
    case 'taxId': case 'vatId': return client[field] ? formatTaxId(client[field]) : '';
    case 'email': return row.email;
    case 'phone': return client.phones.join('; ');
    case 'tags': return client.tags.join('; ');
    case 'street': case 'city': case 'postalCode': case 'region': case 'country': return client.billingAddress?.[field] ?? '';
    case 'status': return client.statusId ? (row.names.get(client.statusId) ?? client.statusId) : '';
    case 'stars': return client.stars.map((id) => row.names.get(id) ?? id).join('; ');
    case 'lastOrderAt': return row.lastOrderAt ?? '';
    default: return client[field as Exclude<typeof field, `customFields.${string}`>] ?? '';
  }
}
