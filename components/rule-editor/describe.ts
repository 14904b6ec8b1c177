import type { RuleAction, RuleChange, RuleFactCondition } from '../../src/index.ts';
import type { RowContext } from './row-context.ts';

/** What naming statuses, stars and fields takes: the card's timeline has it too. */
export type Names = Pick<RowContext, 't' | 'all' | 'statuses' | 'stars'>;

/** Ids, codes and amounts in words, for the dry run and its explanations. */
const statusName = (ctx: Names, id: unknown) => ctx.statuses.find((status) => status.id === id)?.name ?? ctx.t.gone;
const starName = (ctx: Names, id: unknown) => ctx.stars.find((star) => star.id === id)?.name ?? ctx.t.gone;

function named(ctx: Names, kind: 'lifecycle' | 'temperature' | 'payment' | 'status' | 'star', value: unknown): string {
  if (kind === 'status') return statusName(ctx, value);
  if (kind === 'star') return starName(ctx, value);
  if (kind === 'payment') return ctx.t.paymentStates[value as keyof RowContext['t']['paymentStates']] ?? String(value);
  return (ctx.all[kind] as Record<string, string>)[String(value)] ?? String(value);
}

const join = (values: string[]) => values.join(', ');

/** What a fact test says, in words: "Order total at least 50 000,00 Kč". */
export function describeCondition(condition: RuleFactCondition, ctx: RowContext): string {
  const { t } = ctx;
  const fact = t.facts[condition.fact];
  const op = 'op' in condition ? t.ops[condition.op] : '';
  switch (condition.fact) {
    case 'client.status':
      return `${fact} ${op} ${join(condition.value.map((id) => statusName(ctx, id)))}`;
    case 'client.star':
      return `${fact}: ${op} ${starName(ctx, condition.value)}`;
    case 'client.lifecycle':
      return `${fact} ${op} ${join(condition.value.map((v) => named(ctx, 'lifecycle', v)))}`;
    case 'client.temperature':
      return `${fact} ${op} ${join(condition.value.map((v) => named(ctx, 'temperature', v)))}`;
    case 'order.paymentState':
      return `${fact} ${op} ${join(condition.value.map((v) => named(ctx, 'payment', v)))}`;
    case 'client.statusGroup':
    case 'client.taxCountry':
    case 'order.channel':
      return `${fact} ${op} ${join(condition.value)}`;
    case 'client.tag':
      return `${fact}: ${op} „${condition.value}“`;
    case 'client.customField':
      return `${fact} ${condition.field} ${op} ${String(condition.value)}`;
    case 'client.lifetimeValue':
    case 'order.total':
      return `${fact} ${op} ${ctx.money(condition.value, condition.currency)}`;
    case 'client.ordersInLastDays':
      return `${fact} (${ctx.number(condition.days)}${condition.paidOnly ? `, ${t.paidOnly.toLowerCase()}` : ''}) ${op} ${ctx.number(condition.value)}`;
    case 'client.overdue':
      return `${fact}: ${condition.value ? t.yes : t.no}`;
    default:
      return `${fact} ${op} ${ctx.number(condition.value)}`;
  }
}

/** What a fact actually was for a record, in the terms its condition uses. */
export function describeActual(condition: RuleFactCondition, actual: unknown, ctx: RowContext): string {
  if (actual === null || actual === undefined) return ctx.t.none;
  switch (condition.fact) {
    case 'client.status':
      return statusName(ctx, actual);
    case 'client.star':
      return (actual as string[]).length ? join((actual as string[]).map((id) => starName(ctx, id))) : ctx.t.none;
    case 'client.tag':
      return (actual as string[]).length ? join(actual as string[]) : ctx.t.none;
    case 'client.lifecycle':
      return named(ctx, 'lifecycle', actual);
    case 'client.temperature':
      return named(ctx, 'temperature', actual);
    case 'order.paymentState':
      return named(ctx, 'payment', actual);
    case 'client.lifetimeValue':
    case 'order.total':
      return ctx.money(actual as number, condition.currency);
    case 'client.overdue':
      return actual ? ctx.t.yes : ctx.t.no;
    default:
      return typeof actual === 'number' ? ctx.number(actual) : String(actual);
  }
}

/** One side of a field change: "VIP", "Red, Yellow", "—". */
export function describeFieldValue(field: RuleChange['field'], value: unknown, ctx: Names): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return ctx.t.none;
  switch (field) {
    case 'statusId':
      return statusName(ctx, value);
    case 'stars':
      return join((value as string[]).map((id) => starName(ctx, id)));
    case 'lifecycle':
      return named(ctx, 'lifecycle', value);
    case 'temperature':
      return named(ctx, 'temperature', value);
    case 'tags':
      return join(value as string[]);
    default:
      return String(value);
  }
}

/** "Status: — → VIP". */
export function describeChange(change: RuleChange, ctx: Names): string {
  return `${ctx.t.changeFields[change.field]}: ${describeFieldValue(change.field, change.from, ctx)} → ${describeFieldValue(change.field, change.to, ctx)}`;
}

/** An action that adds a record or announces, in words: "Add note: Call them". */
export function describeAction(action: RuleAction, ctx: RowContext): string {
  const label = ctx.t.actionTypes[action.type];
  switch (action.type) {
    case 'add_note':
    case 'set_reminder':
      return `${label}: ${action.text}`;
    case 'create_task':
      return `${label}: ${action.title}`;
    case 'add_tag':
      return `${label}: ${action.tag}`;
    case 'set_status':
      return `${label}: ${statusName(ctx, action.statusId)}`;
    case 'add_star':
    case 'remove_star':
      return `${label}: ${starName(ctx, action.starId)}`;
    default:
      return label;
  }
}
