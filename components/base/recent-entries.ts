import type { Activity, Crm } from '../../src/index.ts';

/**
 * The entries on a client's timeline that an action just wrote, newest first: the `count` newest
 * that `match` and are not undone yet. Rules may have written on the timeline since, so it looks a
 * little further back than the action's own entries. What an element's Undo takes back.
 */
export async function recentEntries(crm: Crm, clientId: string, count: number, match: (entry: Activity) => boolean): Promise<Activity[]> {
  const { items } = await crm.activities.list(clientId, { limit: count + 20 });
  return items.filter((entry) => !entry.undoneAt && match(entry)).slice(0, count);
}
