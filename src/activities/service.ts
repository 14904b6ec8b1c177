import * as z from 'zod/mini';
import { readClient } from '../clients/access.ts';
import { transact, type CrmContext } from '../context.ts';
import { ActivityInput, type Activity } from '../model/activity.ts';
import { ActivityId, ClientId } from '../model/ids.ts';
import { readOrder } from '../orders/read.ts';
import { parse } from '../validation.ts';
import { recordActivity } from './record.ts';
import { undoActivity } from './undo.ts';

const ListOptions = z.optional(z.strictObject({
  limit: z.optional(z.int().check(z.gte(1), z.lte(1000))),
  cursor: z.optional(z.string()),
}));

/** `crm.activities`: each client's timeline, the system's entries and the staff's (A5). */
export function activitiesService(ctx: CrmContext) {
  return {
    /** The client's timeline, newest first. */
    async list(clientId: string, options?: z.input<typeof ListOptions>): Promise<{ items: Activity[]; cursor?: string }> {
      const id = parse(ClientId, clientId, ['clientId']);
      const { limit = 100, cursor } = parse(ListOptions, options) ?? {};
      await readClient(ctx, id);
      const page = await ctx.storage.query('activities', {
        index: 'clientAt',
        range: { gte: [id], lt: [id, []] },
        direction: 'desc',
        limit,
        ...(cursor ? { cursor } : {}),
      });
      return { items: page.records as unknown as Activity[], ...(page.cursor ? { cursor: page.cursor } : {}) };
    },

    /**
     * Records a call, meeting, e-mail or letter on the client's timeline.
     * @example
     * ```ts
     * await crm.activities.add(client.id, { type: 'call', subject: 'Price list 2027', orderId: '1001' });
     * ```
     */
    async add(clientId: string, input: ActivityInput): Promise<Activity> {
      const id = parse(ClientId, clientId, ['clientId']);
      const data = parse(ActivityInput, input);
      return transact(ctx, async (uow) => {
        await readClient(ctx, id);
        if (data.orderId) await readOrder(ctx, data.orderId);
        return recordActivity(ctx, uow, { ...data, clientId: id });
      });
    },

    /** Reverses a billing replacement, a client or task delete, a merge or a (bulk) status, star or pipeline stage change. */
    async undo(activityId: string): Promise<Activity> {
      return undoActivity(ctx, parse(ActivityId, activityId, ['activityId']));
    },
  };
}
export type ActivitiesService = ReturnType<typeof activitiesService>;
