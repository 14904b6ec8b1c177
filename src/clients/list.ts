import * as z from 'zod/mini';
import type { CrmContext } from '../context.ts';
import { StarId, StatusId } from '../model/ids.ts';
import { Lifecycle, Temperature, type Client } from '../model/client.ts';
import type { Status } from '../model/status.ts';
import { filteredPage } from '../storage/filtered-page.ts';
import { readMany } from '../storage/read-ahead.ts';
import type { IndexKey, KeyRange } from '../storage/adapter.ts';
import { normalizeTaxId, taxIdKey } from '../tax-id/index.ts';
import { readTally } from '../tallies.ts';
import { canSee } from './access.ts';

export const ClientFilter = z.strictObject({
  statusId: z.optional(StatusId),
  /** Every status of this group (B4). */
  statusGroup: z.optional(z.string()),
  star: z.optional(StarId),
  lifecycle: z.optional(Lifecycle),
  temperature: z.optional(Temperature),
  owner: z.optional(z.string()),
  tag: z.optional(z.string()),
  /** In any formatting: `CZ 270 82 440` finds `27082440`. */
  taxId: z.optional(z.string()),
});
export type ClientFilter = z.input<typeof ClientFilter>;

/** `lastOrder`, `orderCount` and `totalValue` sort by the clients' order figures (see `crm.analytics`). */
export const ClientSortField = z.enum(['number', 'name', 'createdAt', 'updatedAt', 'lastOrder', 'orderCount', 'totalValue']);

/** Sorts answered by the `clientStats` index of the same name. */
const STATS_SORTS: ReadonlySet<string> = new Set(['lastOrder', 'orderCount', 'totalValue']);

export const ClientListOptions = z.strictObject({
  filter: z.optional(ClientFilter),
  sort: z.optional(z.strictObject({ by: ClientSortField, direction: z.optional(z.enum(['asc', 'desc'])) })),
  limit: z.optional(z.int().check(z.gte(1), z.lte(1000))),
  cursor: z.optional(z.string()),
  /** Clients to skip first (after `cursor`): a virtual list jumps to any row. Unfiltered, storage skips them unread. */
  offset: z.optional(z.int().check(z.gte(0))),
});
export type ClientListOptions = z.input<typeof ClientListOptions>;

export const ClientSearchOptions = z.optional(
  z.strictObject({
    limit: z.optional(z.int().check(z.gte(1), z.lte(500))),
    filter: z.optional(ClientFilter),
  }),
);
export type ClientSearchOptions = z.input<typeof ClientSearchOptions>;

export interface ClientPage {
  items: Client[];
  /** Pass it back as `cursor` for the next page; absent on the last page. */
  cursor?: string;
}

/** Index, range and per-record test that together answer a filter. */
interface Plan {
  index: string;
  range?: KeyRange;
  matches: (client: Client) => boolean;
  /** The index range alone answers the filter: `matches` holds for every record in it. */
  exact: boolean;
}

function filterTaxKey(ctx: CrmContext, filter: z.output<typeof ClientFilter>): string | undefined {
  return filter.taxId === undefined ? undefined : taxIdKey(normalizeTaxId(filter.taxId, ctx.settings.defaultCountry ? { defaultCountry: ctx.settings.defaultCountry } : {}));
}

/** The fields of a client a filter looks at: what the search index keeps of each client too. */
export type FilterFields = Pick<Client, 'owner' | 'statusId' | 'stars' | 'lifecycle' | 'temperature' | 'tags' | 'taxId'>;

/** The test a client must pass to be listed under `filter` by this principal (filters combine). */
export async function clientPredicate(ctx: CrmContext, filter: z.output<typeof ClientFilter>): Promise<(client: FilterFields) => boolean> {
  const taxKey = filterTaxKey(ctx, filter);
  let groupStatuses: Set<string> | undefined;
  if (filter.statusGroup !== undefined) {
    const { records } = await ctx.storage.query('statuses');
    groupStatuses = new Set((records as unknown as Status[]).filter((s) => s.group === filter.statusGroup).map((s) => s.id));
  }
  return (c) =>
    canSee(ctx, c) &&
    (filter.statusId === undefined || c.statusId === filter.statusId) &&
    (groupStatuses === undefined || (c.statusId !== undefined && groupStatuses.has(c.statusId))) &&
    (filter.star === undefined || c.stars.includes(filter.star)) &&
    (filter.lifecycle === undefined || c.lifecycle === filter.lifecycle) &&
    (filter.temperature === undefined || c.temperature === filter.temperature) &&
    (filter.owner === undefined || c.owner === filter.owner) &&
    (filter.tag === undefined || c.tags.includes(filter.tag)) &&
    (taxKey === undefined || (c.taxId !== undefined && taxIdKey(c.taxId) === taxKey));
}

async function plan(ctx: CrmContext, filter: z.output<typeof ClientFilter>, sortBy: string | undefined): Promise<Plan> {
  const matches = await clientPredicate(ctx, filter);
  const taxKey = filterTaxKey(ctx, filter);
  const conditions = Object.values(filter).filter((value) => value !== undefined).length;
  // Every client has a number, a name and dates, so a sort index holds them all.
  if (sortBy) return { index: sortBy, matches, exact: conditions === 0 && ctx.principal.role === 'admin' };
  // Without a sort, read through the most selective index the filter names (a member's own clients: the owner index).
  const owner = ctx.principal.role === 'admin' ? filter.owner : ctx.principal.userId;
  const eq: [string, IndexKey | undefined][] = [
    ['taxKey', taxKey],
    ['statusId', filter.statusId],
    ['stars', filter.star],
    ['owner', owner],
    ['temperature', filter.temperature],
    ['lifecycle', filter.lifecycle],
  ];
  const chosen = eq.find(([, key]) => key !== undefined);
  if (!chosen) return { index: 'number', matches, exact: conditions === 0 };
  const ownerOnly = chosen[0] === 'owner' && (filter.owner === undefined || filter.owner === owner);
  const exact = ctx.principal.role === 'admin' ? conditions === 1 : ownerOnly && conditions === (filter.owner === undefined ? 0 : 1);
  return { index: chosen[0], range: { eq: chosen[1]! }, matches, exact };
}

/** Reads storage page by page until `limit` clients pass the filter. */
export async function listClients(ctx: CrmContext, options: z.output<typeof ClientListOptions>): Promise<ClientPage> {
  const { index, range, matches, exact } = await plan(ctx, options.filter ?? {}, options.sort?.by);
  const throughStats = STATS_SORTS.has(index);
  return filteredPage<Client>(ctx, {
    exact,
    collection: throughStats ? 'clientStats' : 'clients',
    ...(throughStats ? { resolve: async (stats) => (await readMany(ctx.storage, 'clients', stats.map(({ id }) => ({ id })))).map(([client]) => client as Client | undefined) } : {}),
    index,
    range,
    direction: options.sort?.direction ?? 'asc',
    limit: options.limit ?? 50,
    cursor: options.cursor,
    offset: options.offset,
    matches,
  });
}

/** Counts the clients that pass the filter: from the index alone when it answers the filter, else record by record. */
export async function countClients(ctx: CrmContext, filter: z.output<typeof ClientFilter>): Promise<number> {
  const { index, range, exact } = await plan(ctx, filter, undefined);
  if (exact && !range) {
    const tally = await readTally(ctx, 'clients');
    if (tally !== undefined) return tally;
  }
  if (exact) return ctx.storage.count('clients', range ? { index, range } : {});
  let total = 0;
  let cursor: string | undefined;
  do {
    const page = await listClients(ctx, { filter, limit: 1000, ...(cursor ? { cursor } : {}) });
    total += page.items.length;
    cursor = page.cursor;
  } while (cursor);
  return total;
}

