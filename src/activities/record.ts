import type { CrmContext, UnitOfWork } from '../context.ts';
import { compact } from '../compact.ts';
import type { Activity } from '../model/activity.ts';

export type NewActivity = Omit<Activity, 'id' | 'at' | 'actor' | 'version' | 'undoable'> & { undoable?: boolean; at?: string };

/** Stages a timeline entry in the unit of work and announces it once committed. */
export function recordActivity(ctx: CrmContext, uow: UnitOfWork, entry: NewActivity): Activity {
  const activity = uow.put<Activity>(
    'activities',
    compact({ ...entry, id: ctx.newId('activity'), at: entry.at ?? ctx.now(), actor: ctx.principal.userId, undoable: entry.undoable ?? false }),
    'absent',
  );
  uow.emit({ type: 'activity.added', activity });
  return activity;
}
