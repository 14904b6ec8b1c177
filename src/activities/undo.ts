import { canSee } from '../clients/access.ts';
import { assertTaxIdFree, checkReferences } from '../clients/client-record.ts';
import { recordClientChange } from '../clients/changes.ts';
import { clientOwned, moveRecords } from '../clients/merge.ts';
import { transact, type CrmContext, type UnitOfWork } from '../context.ts';
import { CrmError, invalid, notFound } from '../errors.ts';
import type { Activity } from '../model/activity.ts';
import type { Note } from '../model/note.ts';
import type { RuleChange } from '../rules/fire.ts';
import type { Client } from '../model/client.ts';
import type { Billing, Order } from '../model/order.ts';
import type { LinkKey } from '../orders/link-keys.ts';
import type { LinkUndo } from '../orders/link.ts';
import { readOrder } from '../orders/read.ts';
import { recordActivity } from './record.ts';
import type { Pipeline, Placement } from '../model/pipeline.ts';
import type { Task } from '../model/task.ts';
import { changeStage, readPlacement, restorePlacements, unmergePlacements, type MergedPlacements } from '../pipelines/placements.ts';
import { readAll } from '../storage/read-all.ts';
import { withoutVersion } from '../compact.ts';
import { sameJson } from '../same-json.ts';

const changedSince = (what: string) =>
  new CrmError('conflict', `Cannot undo: ${what} changed since. Reload and decide by hand.`);

async function currentClient(ctx: CrmContext, id: string): Promise<Client> {
  const client = (await ctx.storage.get('clients', id)) as Client | undefined;
  if (!client) throw changedSince(`client ${id}`);
  return client;
}


/** Puts back the order billing that `applyClientBilling` replaced (B10). */
async function undoBillingReplaced(ctx: CrmContext, uow: UnitOfWork, activity: Activity): Promise<void> {
  const { previous, billing } = activity.data as { previous: Billing; billing: Billing };
  const order = await readOrder(ctx, activity.orderId!);
  if (JSON.stringify(order.billing) !== JSON.stringify(billing)) throw changedSince(`the billing of order ${order.id}`);
  const restored = uow.put<Order>('orders', { ...order, billing: previous, updatedAt: ctx.now() }, order);
  uow.emit({ type: 'order.updated', order: restored, previous: order });
}

/**
 * Takes an order linked by hand back to how it was linked before (unlinked as the shop sent it,
 * or to its client then), and puts back the link keys the link replaced, forgetting those it taught.
 */
async function undoOrderLinked(ctx: CrmContext, uow: UnitOfWork, activity: Activity): Promise<void> {
  const { before, replacedKeys } = activity.data as unknown as LinkUndo;
  const order = await readOrder(ctx, activity.orderId!);
  if (order.clientId !== activity.clientId) throw changedSince(`the client of order ${order.id}`);
  // Linked again since (after an unlink, say): this entry's "before" is no longer what the order left.
  const since = await readAll<Activity>(ctx, 'activities', 'clientAt', { gte: [activity.clientId, activity.at], lt: [activity.clientId, []] });
  // An entry that tells the order coming back from a later link's undo is not a new link: undone latest first, this one goes on.
  const linkedSince = (entry: Activity) => entry.id !== activity.id && entry.type === 'order_linked' && entry.orderId === order.id && !(entry.data as Partial<LinkReturn>).returnedBy;
  if (since.some(linkedSince)) throw changedSince(`the link of order ${order.id}`);
  const client = before.clientId === undefined ? undefined : await currentClient(ctx, before.clientId);
  const { clientId: _, linkSource: __, unlinkedByHand: ___, ...rest } = order;
  const restored = uow.put<Order>('orders', { ...rest, ...before, updatedAt: ctx.now() }, order);
  for (const key of await readAll<LinkKey>(ctx, 'linkKeys', 'orderId', { eq: order.id })) {
    const replaced = replacedKeys.find(({ id }) => id === key.id);
    if (replaced && (await stillTeaches(ctx, replaced))) uow.put('linkKeys', replaced, key);
    else uow.delete('linkKeys', key);
  }
  uow.emit({ type: 'order.unlinked', order: restored, clientId: activity.clientId });
  if (client) {
    // Its timeline told the order leaving (`unlinkOrder`): it tells it coming back.
    const data: LinkReturn = { returnedBy: activity.id, ...(before.linkSource ? { source: before.linkSource } : {}) };
    recordActivity(ctx, uow, { clientId: client.id, orderId: order.id, type: 'order_linked', data });
    uow.emit({ type: 'order.linked', order: restored, client });
  }
}

/** The `order_linked` entry of an order back on its client because a later link was undone. */
type LinkReturn = {
  /** The undone link's entry. */
  returnedBy: string;
  source?: Order['linkSource'];
};

/** Whether a link key's order is still linked by hand to its client, so the key it taught holds. */
async function stillTeaches(ctx: CrmContext, key: Omit<LinkKey, 'version'>): Promise<boolean> {
  const order = (await ctx.storage.get('orders', key.orderId)) as Order | undefined;
  return order !== undefined && order.clientId === key.clientId && !order.unlinkedByHand;
}

/** Brings a deleted client back with its orders and what linking taught. */
async function undoClientDeleted(ctx: CrmContext, uow: UnitOfWork, activity: Activity): Promise<void> {
  // `tasks` and `placements` are missing from entries written before clients had them.
  const { client, orders, linkKeys, tasks = [], placements = [] } = activity.data as {
    client: Client;
    orders: { id: string; linkSource?: Order['linkSource'] }[];
    linkKeys: LinkKey[];
    tasks?: Task[];
    placements?: Placement[];
  };
  if (await ctx.storage.get('clients', client.id)) throw changedSince(`client ${client.id}`);
  await assertTaxIdFree(ctx, client.taxId, client.id);
  const restored = uow.put<Client>('clients', { ...withoutVersion(client), updatedAt: ctx.now() }, 'absent');
  for (const { id, linkSource } of orders) {
    const order = (await ctx.storage.get('orders', id)) as Order | undefined;
    // An order someone linked elsewhere (or unlinked by hand) since then stays as it is.
    if (!order || order.clientId || order.unlinkedByHand) continue;
    uow.put<Order>('orders', { ...order, clientId: client.id, ...(linkSource ? { linkSource } : {}), updatedAt: ctx.now() }, order);
  }
  for (const key of linkKeys) {
    if (!(await ctx.storage.get('linkKeys', key.id))) uow.put('linkKeys', withoutVersion(key), 'absent');
  }
  for (const task of tasks) {
    if (await ctx.storage.get('tasks', task.id)) continue;
    uow.emit({ type: 'task.created', task: uow.put<Task>('tasks', withoutVersion(task), 'absent') });
  }
  await restorePlacements(ctx, uow, placements);
  uow.emit({ type: 'client.created', client: restored });
}

/**
 * Whether `kept` is as a merge left it at `mergedVersion`, though its version moved on: a later
 * merge into it was undone since, which put back that merge's `before` (the client at
 * `mergedVersion`) and so bumped the version once. Several clients merged into one are undone
 * latest first.
 */
async function restoredByLaterUndo(ctx: CrmContext, kept: Client, mergedVersion: number): Promise<boolean> {
  const timeline = await readAll<Activity>(ctx, 'activities', 'clientAt', { gte: [kept.id], lt: [kept.id, []] });
  return timeline.some((entry) => {
    if (entry.type !== 'clients_merged' || !entry.undoneAt) return false;
    const later = entry.data as { before: Client; mergedVersion: number };
    return later.before.version === mergedVersion && kept.version === later.mergedVersion + 1;
  });
}

/** Splits a merge: the kept client as it was, the merged one back, its records returned. */
async function undoClientsMerged(ctx: CrmContext, uow: UnitOfWork, activity: Activity): Promise<void> {
  const { before, merged, mergedVersion, moved, placements } = activity.data as {
    before: Client;
    merged: Client;
    mergedVersion: number;
    moved: Record<string, string[]>;
    /** Missing from entries written before clients had pipeline places. */
    placements?: MergedPlacements;
  };
  const kept = await currentClient(ctx, before.id);
  if (kept.version !== mergedVersion && !(await restoredByLaterUndo(ctx, kept, mergedVersion))) throw changedSince(`client ${kept.number}`);
  if (await ctx.storage.get('clients', merged.id)) throw changedSince(`client ${merged.id}`);
  const restored = uow.put<Client>('clients', { ...withoutVersion(before), updatedAt: ctx.now() }, kept);
  const returned = uow.put<Client>('clients', { ...withoutVersion(merged), updatedAt: ctx.now() }, 'absent');
  for (const [collection, index, range] of clientOwned) {
    const ids = new Set(moved[collection] ?? []);
    const stillMoved = (await readAll(ctx, collection, index, range(kept.id))).filter((record) => ids.has(record.id));
    moveRecords(uow, collection, stillMoved, merged.id);
  }
  if (placements) await unmergePlacements(ctx, uow, kept.id, merged.id, placements);
  uow.emit({ type: 'client.updated', client: restored, previous: kept });
  uow.emit({ type: 'client.created', client: returned });
}

/**
 * Puts a client's fields back from `to` to `from` (`null`: not set), refusing when any of them
 * changed since or names a status or star deleted since; records the change like an edit.
 */
async function revertClientFields(ctx: CrmContext, uow: UnitOfWork, clientId: string, changes: { field: string; from: unknown; to: unknown }[]): Promise<void> {
  const previous = await currentClient(ctx, clientId);
  const next: Record<string, unknown> = { ...withoutVersion(previous), updatedAt: ctx.now() };
  for (const { field, from, to } of changes) {
    if (!sameJson(previous[field as keyof Client] ?? null, to)) throw changedSince(`client ${previous.number}`);
    if (from === null) delete next[field];
    else next[field] = from;
  }
  await checkReferences(ctx, next as unknown as Client).catch(() => {
    throw new CrmError('conflict', 'Cannot undo: the status or star it would restore has been deleted');
  });
  const client = uow.put<Client>('clients', next as unknown as Omit<Client, 'version'>, previous);
  recordClientChange(ctx, uow, previous, client);
}

/** Reverts a status or star change, or every change of the bulk action it was part of. */
async function undoClientChange(ctx: CrmContext, uow: UnitOfWork, activity: Activity): Promise<Activity[]> {
  const entries = activity.batchId ? await readAll<Activity>(ctx, 'activities', 'batchId', { eq: activity.batchId }) : [activity];
  const field = activity.type === 'status_changed' ? 'statusId' : 'stars';
  for (const entry of entries) {
    const { from, to } = entry.data as { from: unknown; to: unknown };
    await revertClientFields(ctx, uow, entry.clientId, [{ field, from, to }]);
  }
  return entries;
}

/** Brings a deleted task back, unless its client has gone since. */
async function undoTaskDeleted(ctx: CrmContext, uow: UnitOfWork, activity: Activity): Promise<void> {
  const { task } = activity.data as { task: Task };
  if (await ctx.storage.get('tasks', task.id)) throw changedSince(`task ${task.id}`);
  // The client whose timeline holds the entry: a merge moved it there with the client's tasks.
  if (task.clientId) await currentClient(ctx, activity.clientId);
  else await readOrder(ctx, task.orderId!);
  const restored = { ...withoutVersion(task), ...(task.clientId ? { clientId: activity.clientId } : {}), updatedAt: ctx.now() };
  uow.emit({ type: 'task.created', task: uow.put<Task>('tasks', restored, 'absent') });
}

/** Moves a client back to where a stage change took it from, or every client of its bulk change. */
async function undoStageChanged(ctx: CrmContext, uow: UnitOfWork, activity: Activity): Promise<Activity[]> {
  const entries = activity.batchId ? await readAll<Activity>(ctx, 'activities', 'batchId', { eq: activity.batchId }) : [activity];
  for (const entry of entries) {
    const { pipelineId, from, to } = entry.data as { pipelineId: string; from: string | null; to: string | null };
    const pipeline = (await ctx.storage.get('pipelines', pipelineId)) as Pipeline | undefined;
    if (!pipeline) throw changedSince(`pipeline ${pipelineId}`);
    const client = await currentClient(ctx, entry.clientId);
    const current = await readPlacement(ctx, pipelineId, client.id);
    if ((current?.stageId ?? null) !== to) throw changedSince(`the place of client ${client.number} in ${pipeline.name}`);
    if (from !== null && !pipeline.stages.some((stage) => stage.id === from)) throw changedSince(`pipeline ${pipeline.name}, whose stage is gone,`);
    changeStage(ctx, uow, { pipeline, clientId: client.id, current, to: from });
  }
  return entries;
}

/** Takes back what one rule firing did: the client's fields, the notes and tasks it added. */
async function undoRuleApplied(ctx: CrmContext, uow: UnitOfWork, activity: Activity): Promise<void> {
  const { changes, noteIds, taskIds } = activity.data as { changes: RuleChange[]; noteIds: string[]; taskIds: string[] };
  if (changes.length) await revertClientFields(ctx, uow, activity.clientId, changes);
  for (const id of noteIds) {
    const note = (await ctx.storage.get('notes', id)) as Note | undefined;
    if (!note) continue;
    uow.delete('notes', note);
    uow.emit({ type: 'note.deleted', note });
  }
  for (const id of taskIds) {
    const task = (await ctx.storage.get('tasks', id)) as Task | undefined;
    if (!task) continue;
    uow.delete('tasks', task);
    uow.emit({ type: 'task.deleted', task });
  }
}

/**
 * Reverses an undoable timeline entry: a billing replacement, a link by hand, a delete (of a
 * client or a task), a merge, a status, star or pipeline stage change (a bulk one as a whole). Refuses with `conflict` when the records changed since,
 * rather than overwrite someone's later work.
 */
export async function undoActivity(ctx: CrmContext, activityId: string): Promise<Activity> {
  return transact(ctx, async (uow) => {
    const activity = (await ctx.storage.get('activities', activityId)) as Activity | undefined;
    if (!activity) throw notFound('Activity', activityId);
    if (!activity.undoable) throw invalid(['activityId'], `A "${activity.type}" entry cannot be undone`);
    if (activity.undoneAt) throw new CrmError('conflict', 'This entry has already been undone', { current: activity });
    const owner = activity.type === 'client_deleted' ? (activity.data as { client: Client }).client : await ctx.storage.get('clients', activity.clientId);
    if (owner && !canSee(ctx, owner as Client)) throw new CrmError('forbidden', 'This client belongs to another owner');

    let undone = [activity];
    if (activity.type === 'billing_replaced') await undoBillingReplaced(ctx, uow, activity);
    else if (activity.type === 'client_deleted') await undoClientDeleted(ctx, uow, activity);
    else if (activity.type === 'clients_merged') await undoClientsMerged(ctx, uow, activity);
    else if (activity.type === 'task_deleted') await undoTaskDeleted(ctx, uow, activity);
    else if (activity.type === 'stage_changed') undone = await undoStageChanged(ctx, uow, activity);
    else if (activity.type === 'rule_applied') await undoRuleApplied(ctx, uow, activity);
    else if (activity.type === 'order_linked') await undoOrderLinked(ctx, uow, activity);
    else undone = await undoClientChange(ctx, uow, activity);

    let result = activity;
    for (const entry of undone) {
      const marked = uow.put<Activity>('activities', { ...withoutVersion(entry), undoneAt: ctx.now() }, entry);
      uow.emit({ type: 'activity.undone', activity: marked });
      if (entry.id === activity.id) result = marked;
    }
    return result;
  });
}
