import type { CrmContext, UnitOfWork } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';
import { readMany } from '../storage/read-ahead.ts';
import { addCount } from './add-count.ts';
import { applyShare, copyStats, emptyStats, type ClientStats } from './client-stats.ts';
import { orderShare, sameShare, type OrderShare } from './order-share.ts';
import { countersOf, type OrderCounters } from '../rules/facts.ts';
import { TEAM_STATS_ID, applyRevenue, copyTeamStats, emptyTeamStats, type TeamStats } from './team-stats.ts';

type Stats = Omit<ClientStats, 'version'>;

/** The shares a unit of work takes from and gives to each client. */
function shareMoves(uow: UnitOfWork): Map<string, { remove: OrderShare[]; add: OrderShare[] }> {
  const moves = new Map<string, { remove: OrderShare[]; add: OrderShare[] }>();
  const of = (clientId: string) => moves.get(clientId) ?? moves.set(clientId, { remove: [], add: [] }).get(clientId)!;
  for (const { before, after } of uow.changes<Order>('orders')) {
    const [from, to] = [orderShare(before), orderShare(after)];
    if (sameShare(from, to)) continue;
    if (from) of(from.clientId).remove.push(from);
    if (to) of(to.clientId).add.push(to);
  }
  return moves;
}

/** Reads the stats of `ids`, the unit's own staged ones first. */
async function readStats(ctx: CrmContext, uow: UnitOfWork, ids: string[]): Promise<Map<string, ClientStats | undefined>> {
  const found = new Map<string, ClientStats | undefined>();
  const unstaged: string[] = [];
  for (const id of ids) {
    const staged = uow.staged<ClientStats>('clientStats', id);
    if (staged === undefined) unstaged.push(id);
    else found.set(id, staged ?? undefined);
  }
  const read = await readMany(ctx.storage, 'clientStats', unstaged.map((id) => ({ id })));
  unstaged.forEach((id, i) => found.set(id, read[i]![0] as ClientStats | undefined));
  return found;
}

/** The owners of `ids`' clients: as this unit leaves them, else as stored (`null`: the client is gone). */
async function readOwners(ctx: CrmContext, uow: UnitOfWork, ids: string[]): Promise<Map<string, string | undefined | null>> {
  const owners = new Map<string, string | undefined | null>();
  const unstaged = ids.filter((id) => {
    const staged = uow.staged<Client>('clients', id);
    if (staged !== undefined) owners.set(id, staged === null ? null : staged.owner);
    return staged === undefined;
  });
  const read = await readMany(ctx.storage, 'clients', unstaged.map((id) => ({ id })));
  unstaged.forEach((id, i) => {
    const client = read[i]![0] as Client | undefined;
    owners.set(id, client ? client.owner : null);
  });
  return owners;
}

/**
 * Stages the analytics changes of a unit of work into it: every order it adds, changes, moves or
 * removes adjusts its clients' stats, and their owners' revenue; an owner change moves a client's
 * revenue; lifecycle changes count conversions. Exact, because every write checks versions.
 * Returns each added order's client counters as they stand right after it, in the unit's order,
 * for the rules its events trigger.
 */
export async function stageAnalytics(ctx: CrmContext, uow: UnitOfWork): Promise<Map<string, OrderCounters>> {
  const countersAfter = new Map<string, OrderCounters>();
  // Only rules read them: a store without order rules copies no counters per order.
  const keepCounters = [...ctx.rules.triggers()].some((trigger) => trigger.startsWith('order.'));
  const moves = shareMoves(uow);
  const clientChanges = uow.changes<Client>('clients');
  const ownerChanged = clientChanges.filter(({ before, after }) => before && after && before.owner !== after.owner).map(({ after }) => after!.id);
  const month = ctx.now().slice(0, 7);
  const lifecycle = clientChanges.filter(({ before, after }) => after && before?.lifecycle !== after.lifecycle);
  if (!moves.size && !ownerChanged.length && !lifecycle.length && !clientChanges.some(({ before, after }) => !before !== !after)) return countersAfter;

  // Every client has stats (orders or not), so a sort by them lists every client.
  const comeAndGone = clientChanges.filter(({ before, after }) => !before !== !after).map(({ before, after }) => (after ?? before)!.id);
  const ids = [...new Set([...moves.keys(), ...ownerChanged, ...comeAndGone])];
  const stored = await readStats(ctx, uow, ids);
  // A client's owner is in its stats; only clients getting their first order, or changed here, need reading.
  const owners = await readOwners(ctx, uow, ids.filter((id) => !stored.get(id) || uow.staged('clients', id) !== undefined));
  const teamRecord = uow.staged<TeamStats>('meta', TEAM_STATS_ID) ?? ((await ctx.storage.get('meta', TEAM_STATS_ID)) as TeamStats | undefined);
  const team = teamRecord ? copyTeamStats(teamRecord) : emptyTeamStats();

  for (const id of ids) {
    const previous = stored.get(id);
    // The client is gone: its stats go with it.
    const gone = owners.get(id) === null;
    const stats: Stats = previous ? copyStats(previous) : emptyStats(id);
    applyRevenue(team, stats, -1);
    for (const share of moves.get(id)?.remove ?? []) applyShare(stats, share, -1);
    for (const share of moves.get(id)?.add ?? []) {
      applyShare(stats, share, 1);
      if (keepCounters) countersAfter.set(share.orderId, countersOf(stats));
    }
    const owner = owners.has(id) ? owners.get(id) ?? undefined : stats.owner;
    if (owner === undefined) delete stats.owner;
    else stats.owner = owner;
    applyRevenue(team, stats, 1);
    if (!gone) uow.put<ClientStats>('clientStats', stats, previous ?? 'absent');
    else if (previous) uow.delete('clientStats', previous);
  }
  for (const { before, after } of lifecycle) {
    if (!before && after!.lifecycle === 'potential') addCount(team.newPotential, month, 1);
    if (before?.lifecycle === 'potential' && after!.lifecycle === 'current') addCount(team.converted, month, 1);
    if (before?.lifecycle === 'current' && after!.lifecycle === 'potential') addCount(team.converted, month, -1);
  }
  uow.put<TeamStats>('meta', team, teamRecord ?? 'absent');
  return countersAfter;
}
