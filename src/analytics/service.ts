import * as z from 'zod/mini';
import { readClient, requireAdmin } from '../clients/access.ts';
import type { CrmContext } from '../context.ts';
import type { Status } from '../model/status.ts';
import { readTally } from '../tallies.ts';
import { parse } from '../validation.ts';
import { ClientId } from '../model/ids.ts';
import type { ClientAnalytics } from './client-figures.ts';
import { dayOf } from './order-share.ts';
import { TEAM_STATS_ID, type TeamStats } from './team-stats.ts';

const Month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month such as 2026-11'));

export const TeamAnalyticsOptions = z.optional(
  z.strictObject({
    /** First month, `YYYY-MM`; eleven months before `to` when not given. */
    from: z.optional(Month),
    /** Last month, `YYYY-MM`; the current one when not given. */
    to: z.optional(Month),
  }),
);
export type TeamAnalyticsOptions = z.input<typeof TeamAnalyticsOptions>;

/** What `crm.analytics.team` tells about the whole client base. */
export interface TeamAnalytics {
  clients: number;
  /** Clients per status; `statusId: null` counts clients without one. */
  byStatus: { statusId: string | null; count: number }[];
  byLifecycle: { current: number; potential: number };
  /** Per month of the range, oldest first: clients created, created as potential, turned current. */
  months: { month: string; newClients: number; newPotential: number; converted: number }[];
  /** Order value per owner (`null`: clients nobody owns) and currency, refunded orders left out. */
  revenueByOwner: { owner: string | null; currency: string; total: number }[];
}

const nextMonth = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
};

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to && months.length < 240; month = nextMonth(month)) months.push(month);
  return months;
}

const monthsBack = (to: string, count: number) => {
  const [year, m] = to.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** `crm.analytics`: per-client and per-team figures, kept up to date by every write. */
export function analyticsService(ctx: CrmContext) {
  const count = (index: string, range: { eq?: string; gte?: string; lt?: string }) => ctx.storage.count('clients', { index, range });
  return {
    /**
     * A client's order figures: counts, totals and averages per currency, rhythm, overdue flag,
     * months, RFM segment. Read from stats every write keeps, never by scanning orders.
     * @example
     * ```ts
     * const figures = await crm.analytics.client(client.id);
     * if (figures.overdue) console.log(`expected an order on ${figures.expectedNextOrderAt}`);
     * ```
     */
    async client(id: string): Promise<ClientAnalytics> {
      const clientId = parse(ClientId, id, ['id']);
      await readClient(ctx, clientId);
      return ctx.analytics.figures(clientId, dayOf(ctx.now()));
    },

    /**
     * Team figures: clients per status and lifecycle, new clients and conversions per month,
     * revenue per owner. Admins only: it covers every owner's clients.
     * @example
     * ```ts
     * const { months, revenueByOwner } = await crm.analytics.team({ from: '2026-01', to: '2026-12' });
     * ```
     */
    async team(options?: TeamAnalyticsOptions): Promise<TeamAnalytics> {
      const range = parse(TeamAnalyticsOptions, options) ?? {};
      requireAdmin(ctx, 'Team analytics cover every owner\'s clients');
      const to = range.to ?? ctx.now().slice(0, 7);
      const from = range.from ?? monthsBack(to, 11);
      if (from > to) parse(z.never('The first month comes after the last'), from, ['from']);
      const statuses = (await ctx.storage.query('statuses')).records as unknown as Status[];
      const [clients, statusCounts, current, potential, team] = await Promise.all([
        readTally(ctx, 'clients').then((tally) => tally ?? ctx.storage.count('clients')),
        Promise.all(statuses.map((status) => count('statusId', { eq: status.id }))),
        count('lifecycle', { eq: 'current' }),
        count('lifecycle', { eq: 'potential' }),
        ctx.storage.get('meta', TEAM_STATS_ID) as Promise<TeamStats | undefined>,
      ]);
      const months = await Promise.all(
        monthsBetween(from, to).map(async (month) => ({
          month,
          newClients: await count('createdAt', { gte: month, lt: nextMonth(month) }),
          newPotential: team?.newPotential[month] ?? 0,
          converted: team?.converted[month] ?? 0,
        })),
      );
      const withStatus = statusCounts.reduce((sum, n) => sum + n, 0);
      return {
        clients,
        byStatus: [...statuses.map((status, i) => ({ statusId: status.id, count: statusCounts[i]! })), { statusId: null, count: clients - withStatus }],
        byLifecycle: { current, potential },
        months,
        revenueByOwner: Object.entries(team?.revenueByOwner ?? {}).flatMap(([owner, values]) =>
          Object.entries(values).map(([currency, total]) => ({ owner: owner || null, currency, total })),
        ),
      };
    },
  };
}
