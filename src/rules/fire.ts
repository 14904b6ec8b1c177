import { recordActivity } from '../activities/record.ts';
import type { CrmContext, UnitOfWork } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { Note } from '../model/note.ts';
import type { Rule, RuleAction } from '../model/rule.ts';
import type { RuleFacts } from './facts.ts';
import { stageTask } from '../tasks/stage-task.ts';

/** The client fields rule actions change. */
export type RuleField = 'statusId' | 'stars' | 'lifecycle' | 'temperature' | 'tags' | 'nextOrderReminder';

/** One field a rule changes (`null`: not set). */
export interface RuleChange {
  field: RuleField;
  from: unknown;
  to: unknown;
}

/** What a rule would do to a client: its changed fields, and the actions that add records or announce. */
export interface RulePlan {
  changes: RuleChange[];
  /** The client as the actions leave it. */
  client?: Client;
  /** Actions that are not field changes: notes, tasks, events. */
  other: RuleAction[];
  /** Actions left out: the status or star they name is gone, or there is no client to act on. */
  skipped: RuleAction[];
}

/** The catalog a plan checks references against. */
export interface Catalog {
  statuses: ReadonlySet<string>;
  stars: ReadonlySet<string>;
}

/** Works out what `rule`'s actions do to the client in `facts`, without writing anything. */
export function planRule(rule: Pick<Rule, 'actions'>, facts: Pick<RuleFacts, 'client'>, catalog: Catalog): RulePlan {
  const plan: RulePlan = { changes: [], other: [], skipped: [] };
  const before = facts.client;
  if (!before) {
    for (const action of rule.actions) (action.type === 'emit_event' ? plan.other : plan.skipped).push(action);
    return plan;
  }
  const next: Client = { ...before, stars: [...before.stars], tags: [...before.tags] };
  for (const action of rule.actions) {
    switch (action.type) {
      case 'set_status':
        if (catalog.statuses.has(action.statusId)) next.statusId = action.statusId;
        else plan.skipped.push(action);
        break;
      case 'add_star':
        if (!catalog.stars.has(action.starId)) plan.skipped.push(action);
        else if (!next.stars.includes(action.starId)) next.stars.push(action.starId);
        break;
      case 'remove_star':
        next.stars = next.stars.filter((star) => star !== action.starId);
        break;
      case 'set_lifecycle':
        next.lifecycle = action.lifecycle;
        break;
      case 'set_temperature':
        next.temperature = action.temperature;
        break;
      case 'add_tag':
        if (!next.tags.includes(action.tag)) next.tags.push(action.tag);
        break;
      case 'set_reminder':
        next.nextOrderReminder = action.text;
        break;
      default:
        plan.other.push(action);
    }
  }
  for (const field of ['statusId', 'stars', 'lifecycle', 'temperature', 'tags', 'nextOrderReminder'] as const) {
    const [from, to] = [before[field] ?? null, next[field] ?? null];
    if (JSON.stringify(from) !== JSON.stringify(to)) plan.changes.push({ field, from, to });
  }
  if (plan.changes.length) plan.client = next;
  return plan;
}

const DAY = 86_400_000;

/**
 * Stages what a firing rule does: the client's changes, its notes, tasks and host events, and one
 * undoable timeline entry that says which rule did it. Returns the client as it leaves it.
 */
export function stageFiring(ctx: CrmContext, uow: UnitOfWork, rule: Rule, facts: RuleFacts, plan: RulePlan, eventId: string): Client | undefined {
  const by = { clientId: facts.client?.id, orderId: facts.order?.id };
  let client = facts.client;
  if (plan.client && client) {
    const { version: _, ...next } = plan.client;
    client = uow.put<Client>('clients', { ...next, updatedAt: ctx.now() }, client);
    uow.emit({ type: 'client.updated', client, previous: facts.client! });
  }
  let noteIds: string[] = [];
  const taskIds: string[] = [];
  for (const action of plan.other) {
    if (action.type === 'add_note' && client) {
      const now = ctx.now();
      const note = uow.put<Note>('notes', { id: ctx.newId('note'), clientId: client.id, text: action.text, priority: action.priority ?? 'none', visibility: 'shared', author: `rule:${rule.name}`.slice(0, 100), createdAt: now, updatedAt: now }, 'absent');
      uow.emit({ type: 'note.added', note });
      noteIds = [...noteIds, note.id];
    } else if (action.type === 'create_task' && client) {
      const due = new Date(Date.parse(ctx.now()) + action.dueInDays * DAY).toISOString();
      taskIds.push(stageTask(ctx, uow, { clientId: client.id, title: action.title, due, ...(action.assignee ? { assignee: action.assignee } : {}) }, client.id).id);
    } else if (action.type === 'emit_event') {
      uow.emit({ type: 'rule.fired', rule: { id: rule.id, name: rule.name }, eventId, trigger: rule.trigger, ...(by.clientId ? { clientId: by.clientId } : {}), ...(by.orderId ? { orderId: by.orderId } : {}), payload: action.payload ?? {} });
    }
  }
  if (client) {
    recordActivity(ctx, uow, {
      clientId: client.id,
      ...(by.orderId ? { orderId: by.orderId } : {}),
      type: 'rule_applied',
      subject: rule.name,
      undoable: plan.changes.length > 0 || noteIds.length > 0 || taskIds.length > 0,
      data: { ruleId: rule.id, ruleName: rule.name, eventId, changes: plan.changes, noteIds, taskIds, skipped: plan.skipped },
    });
  }
  return client;
}
