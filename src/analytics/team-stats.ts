import type { ClientStats } from './client-stats.ts';
import { addCount } from './add-count.ts';

/** Team figures that no index can count, kept in `meta` and adjusted by every write. */
export interface TeamStats {
  id: typeof TEAM_STATS_ID;
  version: number;
  /** Order value per owner (`''`: clients nobody owns) and currency, refunded orders left out. */
  revenueByOwner: Record<string, Record<string, number>>;
  /** Clients turned from potential to current, per `YYYY-MM` of the change. */
  converted: Record<string, number>;
  /** Clients created as potential, per `YYYY-MM` of their creation. */
  newPotential: Record<string, number>;
  /** Clients with order value, per currency: with the revenue, the mean a client's value is scored against. */
  valuedClients: Record<string, number>;
}

export const TEAM_STATS_ID = 'analytics:team';

export const emptyTeamStats = (): Omit<TeamStats, 'version'> => ({ id: TEAM_STATS_ID, revenueByOwner: {}, converted: {}, newPotential: {}, valuedClients: {} });

export function copyTeamStats({ version: _, ...team }: TeamStats): Omit<TeamStats, 'version'> {
  const revenueByOwner = Object.fromEntries(Object.entries(team.revenueByOwner).map(([owner, values]) => [owner, { ...values }]));
  return { ...team, revenueByOwner, converted: { ...team.converted }, newPotential: { ...team.newPotential }, valuedClients: { ...team.valuedClients } };
}

/** Adds (`sign` 1) or takes away (`sign` -1) a client's order value from its owner's revenue. */
export function applyRevenue(team: Omit<TeamStats, 'version'>, stats: Omit<ClientStats, 'version'>, sign: 1 | -1): void {
  const owner = stats.owner ?? '';
  const revenue = (team.revenueByOwner[owner] ??= {});
  for (const [currency, { value }] of Object.entries(stats.currencies)) {
    addCount(revenue, currency, sign * value);
    if (value > 0) addCount(team.valuedClients, currency, sign);
  }
  if (!Object.keys(revenue).length) delete team.revenueByOwner[owner];
}

/** The mean order value of the clients with value in `currency`, or `undefined` when none has. */
export function meanClientValue(team: Pick<TeamStats, 'revenueByOwner' | 'valuedClients'> | undefined, currency: string): number | undefined {
  const clients = team?.valuedClients[currency];
  if (!team || !clients) return undefined;
  let total = 0;
  for (const values of Object.values(team.revenueByOwner)) total += values[currency] ?? 0;
  return total / clients;
}
