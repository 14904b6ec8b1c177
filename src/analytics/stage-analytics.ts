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

/** The orders whose share of their clients' figures a unit of work changes, in the order it touched them. */
function shareMoves(uow: UnitOfWork): { from: OrderShare | undefined; to: OrderShare | undefined }[] {
  return uow.changes<Order>('orders').flatMap(({ before, after }) => {
    const [from, to] = [orderShare(before), orderShare(after)];
    return sameShare(from, to) ? [] : [{ from, to }];
  });
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
  // Every client has stats (orders or not), so a sort by them lists every client.
  const comeAndGone = clientChanges.filter(({ before, after }) => !before !== !after);
  const lifecycle = clientChanges.filter(({ before, after }) => before && after && before.lifecycle !== after.lifecycle);
  if (!moves.length && !ownerChanged.length && !lifecycle.length && !comeAndGone.length) return countersAfter;

  const moved = moves.flatMap(({ from, to }) => [from?.clientId, to?.clientId]).filter((id): id is string => id !== undefined);
  const ids = [...new Set([...moved, ...ownerChanged, ...comeAndGone.map(({ before, after }) => (after ?? before)!.id)])];
  // The team figures are read first and written with a version check in every unit that changes
  // client figures: a writer that changed any client's figures since this read moved them on too,
  // so this unit's commit fails and it reads again. The client figures need no checks of their own.
  const teamRecord = uow.staged<TeamStats>('meta', TEAM_STATS_ID) ?? ((await ctx.storage.get('meta', TEAM_STATS_ID)) as TeamStats | undefined);
  const stored = await readStats(ctx, uow, ids);
  // A client's owner is in its stats; only clients getting their first stats, or changed here, need reading.
  const owners = await readOwners(ctx, uow, ids.filter((id) => !stored.get(id) || uow.staged('clients', id) !== undefined));
  const team = teamRecord ? copyTeamStats(teamRecord) : emptyTeamStats();

  const stats = new Map<string, Stats>();
  for (const id of ids) {
    const previous = stored.get(id);
    const current = previous ? copyStats(previous) : emptyStats(id);
    applyRevenue(team, current, -1);
    stats.set(id, current);
  }
  // One order at a time, as the unit made them: an order's counters are those right after it.
  for (const { from, to } of moves) {
    if (from) applyShare(stats.get(from.clientId)!, from, -1);
    if (!to) continue;
    const client = stats.get(to.clientId)!;
    applyShare(client, to, 1);
    if (keepCounters) countersAfter.set(to.orderId, countersOf(client));
  }
  for (const [id, current] of stats) {
    const previous = stored.get(id);
    const owner = owners.has(id) ? owners.get(id) ?? undefined : current.owner;
    if (owner === undefined) delete current.owner;
    else current.owner = owner;
    // The client is gone: its stats go with it.
    if (owners.get(id) === null) {
      if (previous) uow.delete('clientStats', previous);
      continue;
    }
    applyRevenue(team, current, 1);
    uow.put<ClientStats>('clientStats', current, previous ?? 'absent', { unchecked: true });
  }
  const month = ctx.now().slice(0, 7);
  for (const { before, after } of comeAndGone) {
    // Counted in the month the client was created, and taken back when it goes: a delete and its undo cancel out.
    const client = (after ?? before)!;
    if (client.lifecycle === 'potential') addCount(team.newPotential, client.createdAt.slice(0, 7), after ? 1 : -1);
  }
  for (const { before, after } of lifecycle) {
    if (before!.lifecycle === 'potential' && after!.lifecycle === 'current') addCount(team.converted, month, 1);
    if (before!.lifecycle === 'current' && after!.lifecycle === 'potential') addCount(team.converted, month, -1);
  }
  uow.put<TeamStats>('meta', team, teamRecord ?? 'absent');
  return countersAfter;
}
