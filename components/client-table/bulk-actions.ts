import { isCrmError, type Activity, type Crm } from '../../src/index.ts';

/** What the bulk bar does to the selected clients. */
export type BulkAction = { kind: 'status'; statusId: string } | { kind: 'addStar'; starId: string } | { kind: 'removeStar'; starId: string } | { kind: 'delete' };

export interface BulkResult {
  /** Clients changed. */
  changed: number;
  /** Clients that were gone meanwhile (deleted in another tab): skipped. */
  missing: number;
  /** Reverses the action, where the SDK can (a status change, a delete). */
  undo?: () => Promise<unknown>;
}

/** The SDK takes up to 10,000 clients per status change. */
const STATUS_BATCH = 10_000;

/**
 * Applies a bulk action client by client (or batch by batch), reporting progress. A client
 * changed by someone else meanwhile is read again and changed on top of that, never overwritten.
 */
export async function runBulk(crm: Crm, ids: string[], action: BulkAction, progress: (done: number) => void): Promise<BulkResult> {
  switch (action.kind) {
    case 'status': {
      const activities: Activity[] = [];
      let changed = 0;
      for (let start = 0; start < ids.length; start += STATUS_BATCH) {
        const clients = await crm.clients.setStatus(ids.slice(start, start + STATUS_BATCH), action.statusId);
        changed += clients.length;
        // Undoing one status change of a batch reverts the whole batch.
        const first = clients[0];
        if (first) {
          const { items } = await crm.activities.list(first.id, { limit: 5 });
          const entry = items.find((activity) => activity.type === 'status_changed' && activity.undoable);
          if (entry) activities.push(entry);
        }
        progress(Math.min(ids.length, start + STATUS_BATCH));
      }
      return { changed, missing: 0, ...(activities.length ? { undo: () => undoAll(crm, activities) } : {}) };
    }
    case 'addStar':
    case 'removeStar': {
      let [changed, missing] = [0, 0];
      for (const [i, id] of ids.entries()) {
        const outcome = await skipMissing(() => changeStars(crm, id, action.starId, action.kind === 'addStar'));
        if (outcome === 'missing') missing += 1;
        else if (outcome) changed += 1;
        if (i % 25 === 0) progress(i + 1);
      }
      return { changed, missing };
    }
    case 'delete': {
      const activities: Activity[] = [];
      let missing = 0;
      for (const [i, id] of ids.entries()) {
        const outcome = await skipMissing(() => crm.clients.delete(id));
        if (outcome === 'missing') missing += 1;
        else activities.push(outcome);
        if (i % 25 === 0) progress(i + 1);
      }
      return { changed: activities.length, missing, ...(activities.length ? { undo: () => undoAll(crm, activities) } : {}) };
    }
  }
}

/** Runs `action` on one client; `'missing'` when the client is gone, any other error thrown. */
async function skipMissing<T>(action: () => Promise<T>): Promise<T | 'missing'> {
  try {
    return await action();
  } catch (error) {
    if (isCrmError(error) && error.code === 'not_found') return 'missing';
    throw error;
  }
}

async function changeStars(crm: Crm, id: string, starId: string, add: boolean): Promise<boolean> {
  for (;;) {
    const client = await crm.clients.get(id);
    const has = client.stars.includes(starId);
    if (has === add) return false;
    const stars = add ? [...client.stars, starId] : client.stars.filter((star) => star !== starId);
    try {
      await crm.clients.update(id, { stars }, { expectedVersion: client.version });
      return true;
    } catch (error) {
      if (!isCrmError(error) || error.code !== 'conflict') throw error;
    }
  }
}

async function undoAll(crm: Crm, activities: Activity[]): Promise<void> {
  for (const activity of [...activities].reverse()) await crm.activities.undo(activity.id);
}
