import type { CrmContext, UnitOfWork } from '../context.ts';
import { recordActivity } from '../activities/record.ts';
import type { Client } from '../model/client.ts';

/**
 * Stages the timeline entries and event for an edited client: status and star changes get their
 * own undoable entries, anything else one `client_updated` naming the fields.
 */
export function recordClientChange(ctx: CrmContext, uow: UnitOfWork, previous: Client, client: Client, batchId?: string): void {
  const base = { clientId: client.id, ...(batchId ? { batchId } : {}) };
  if (previous.statusId !== client.statusId) {
    recordActivity(ctx, uow, {
      ...base,
      type: 'status_changed',
      undoable: true,
      data: { from: previous.statusId ?? null, to: client.statusId ?? null },
    });
  }
  if (JSON.stringify(previous.stars) !== JSON.stringify(client.stars)) {
    recordActivity(ctx, uow, { ...base, type: 'stars_changed', undoable: true, data: { from: previous.stars, to: client.stars } });
  }
  const ignored = new Set(['statusId', 'stars', 'updatedAt', 'version']);
  const fields = [...new Set([...Object.keys(previous), ...Object.keys(client)])].filter(
    (key) => !ignored.has(key) && JSON.stringify(previous[key as keyof Client]) !== JSON.stringify(client[key as keyof Client]),
  );
  if (fields.length) recordActivity(ctx, uow, { ...base, type: 'client_updated', data: { fields } });
  uow.emit({ type: 'client.updated', client, previous });
}
