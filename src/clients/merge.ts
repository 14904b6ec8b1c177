import { recordActivity } from '../activities/record.ts';
import { transact, type CrmContext, type UnitOfWork } from '../context.ts';
import { compact } from '../compact.ts';
import { invalid } from '../errors.ts';
import type { Activity } from '../model/activity.ts';
import type { Client } from '../model/client.ts';
import { ordersOfClient, readAll } from '../storage/read-all.ts';
import type { KeyRange, StoredRecord } from '../storage/adapter.ts';
import { mergePlacements } from '../pipelines/placements.ts';
import { readClient } from './access.ts';

const union = <T>(a: T[], b: T[]) => {
  const seen = new Set(a.map((item) => JSON.stringify(item)));
  return [...a, ...b.filter((item) => !seen.has(JSON.stringify(item)))];
};

/** The kept client with what only the merged one knew: lists joined, empty fields filled. */
function combine(keep: Client, merged: Client, now: string): Omit<Client, 'version'> {
  const { version: _, ...kept } = keep;
  return compact({
    ...merged,
    ...kept,
    id: keep.id,
    number: keep.number,
    contacts: union(keep.contacts, merged.contacts),
    emails: union(keep.emails, merged.emails),
    phones: union(keep.phones, merged.phones),
    deliveryAddresses: union(keep.deliveryAddresses, merged.deliveryAddresses),
    stars: union(keep.stars, merged.stars),
    externalLinks: union(keep.externalLinks, merged.externalLinks),
    tags: union(keep.tags, merged.tags),
    customFields: { ...merged.customFields, ...keep.customFields },
    lifecycle: keep.lifecycle === 'current' || merged.lifecycle === 'current' ? 'current' : 'potential',
    createdAt: keep.createdAt < merged.createdAt ? keep.createdAt : merged.createdAt,
    updatedAt: now,
  });
}

/**
 * What belongs to a client beyond its own record, by collection: where to find it. Pipeline
 * places are not here: their ids name the client, so they move by `mergePlacements`.
 */
export const clientOwned: [collection: string, index: string, range: (clientId: string) => KeyRange][] = [
  ['orders', 'clientCreated', ordersOfClient],
  ['notes', 'clientId', (id) => ({ eq: id })],
  ['tasks', 'clientId', (id) => ({ eq: id })],
  ['activities', 'clientAt', (id) => ({ gte: [id], lt: [id, []] })],
  ['linkKeys', 'clientId', (id) => ({ eq: id })],
];

/** Stages moving records to another client; returns their ids. */
export function moveRecords(uow: UnitOfWork, collection: string, records: StoredRecord[], clientId: string): string[] {
  for (const record of records) uow.put<StoredRecord>(collection, { ...record, clientId }, record);
  return records.map((record) => record.id);
}

export async function mergeClients(ctx: CrmContext, keepId: string, mergeId: string): Promise<Client> {
  if (keepId === mergeId) throw invalid(['mergeId'], 'Pick two different clients to merge');
  return transact(ctx, async (uow) => {
    const keep = await readClient(ctx, keepId);
    const merged = await readClient(ctx, mergeId);
    const moved: Record<string, string[]> = {};
    for (const [collection, index, range] of clientOwned) {
      moved[collection] = moveRecords(uow, collection, await readAll(ctx, collection, index, range(merged.id)), keep.id);
    }
    const placements = await mergePlacements(ctx, uow, keep.id, merged.id);
    // In a pipeline where the kept client keeps its own place, the merged client's moves are history:
    // undoing one would move the kept client.
    const dropped = new Set(placements.dropped.map((placement) => placement.pipelineId));
    for (const id of moved['activities'] ?? []) {
      const entry = uow.staged<Activity>('activities', id)!;
      if (entry.type === 'stage_changed' && entry.undoable && dropped.has((entry.data as { pipelineId: string }).pipelineId)) {
        const { version: _, ...rest } = entry;
        uow.put<Activity>('activities', { ...rest, undoable: false }, entry);
      }
    }
    // The merged client goes first, so a tax ID it hands over is free when the kept one takes it.
    uow.delete('clients', merged);
    const client = uow.put<Client>('clients', combine(keep, merged, ctx.now()), keep);
    recordActivity(ctx, uow, {
      clientId: keep.id,
      type: 'clients_merged',
      undoable: true,
      data: { before: keep, merged, mergedVersion: client.version, moved, placements },
    });
    uow.emit({ type: 'clients.merged', client, mergedId: merged.id });
    uow.emit({ type: 'client.updated', client, previous: keep });
    return client;
  });
}
