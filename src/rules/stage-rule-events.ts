import { recordActivity } from '../activities/record.ts';
import type { CrmContext, UnitOfWork } from '../context.ts';
import type { CrmEvent } from '../events.ts';
import type { RuleTrigger } from '../model/rule.ts';
import type { OrderCounters } from './facts.ts';
import { MAX_CHAIN_DEPTH, type RuleEvent } from './rule-event.ts';

type Raised = { trigger: RuleTrigger; subject: { id: string; version: number }; clientId?: string; orderId?: string };

/** The rule triggers a domain event stands for. */
function triggersOf(event: CrmEvent): Raised[] {
  switch (event.type) {
    case 'order.created':
    case 'order.updated': {
      const { order } = event;
      const previous = event.type === 'order.updated' ? event.previous : undefined;
      const about = { subject: order, orderId: order.id, ...(order.clientId ? { clientId: order.clientId } : {}) };
      const raised: Raised[] = [];
      if (!previous) raised.push({ trigger: 'order.created', ...about });
      if (order.paymentState === 'paid' && previous?.paymentState !== 'paid') raised.push({ trigger: 'order.paid', ...about });
      if (previous && previous.status !== order.status) raised.push({ trigger: 'order.status_changed', ...about });
      return raised;
    }
    case 'order.linked':
      return [{ trigger: 'order.linked', subject: event.order, orderId: event.order.id, clientId: event.client.id }];
    case 'client.created':
      return [{ trigger: 'client.created', subject: event.client, clientId: event.client.id }];
    case 'client.updated': {
      const { client, previous } = event;
      const raised: Raised[] = [];
      if (client.statusId !== previous.statusId) raised.push({ trigger: 'client.status_changed', subject: client, clientId: client.id });
      if (JSON.stringify(client.stars) !== JSON.stringify(previous.stars)) raised.push({ trigger: 'client.star_changed', subject: client, clientId: client.id });
      return raised;
    }
    default:
      return [];
  }
}

/**
 * Queues, in the unit of work, an event for every trigger its changes raise that an enabled rule
 * listens to. A change made by a rule queues its events one step deeper in the chain; past
 * {@link MAX_CHAIN_DEPTH} the chain stops, and the timeline says so.
 */
export function stageRuleEvents(ctx: CrmContext, uow: UnitOfWork, countersAfter: Map<string, OrderCounters>): void {
  const listened = ctx.rules.triggers();
  if (!listened.size) return;
  const depth = (uow.cause?.depth ?? 0) + 1;
  const chain = uow.cause?.chain ?? [];
  const at = ctx.now();
  // Versions start again at 1 when undo brings a record back: the unit's own id keeps event ids unique.
  let unit: string | undefined;
  let seq = 0;
  for (const event of [...uow.events]) {
    for (const raised of triggersOf(event)) {
      if (!listened.has(raised.trigger)) continue;
      const id = `${raised.trigger}:${raised.subject.id}:${raised.subject.version}:${(unit ??= ctx.newId('batch'))}`;
      if (depth > MAX_CHAIN_DEPTH) {
        if (raised.clientId) {
          recordActivity(ctx, uow, { clientId: raised.clientId, type: 'rule_chain_stopped', ...(raised.orderId ? { orderId: raised.orderId } : {}), data: { eventId: id, chain, reason: 'depth' } });
        }
        continue;
      }
      const counters = raised.orderId ? countersAfter.get(raised.orderId) : undefined;
      const { subject: _, ...about } = raised;
      uow.put<RuleEvent>('ruleEvents', { ...about, id, at, seq: seq++, depth, chain, ...(counters ? { counters } : {}) }, 'absent');
    }
  }
}
