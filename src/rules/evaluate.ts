import { ordersWithin, overdueOf } from '../analytics/client-figures.ts';
import type { RuleCondition, RuleFactCondition } from '../model/rule.ts';
import type { RuleFacts } from './facts.ts';

type Test = (facts: RuleFacts) => boolean;

/** What a fact is for the given facts; `undefined` when there is nothing to look at (no client, no order). */
function actual(condition: RuleFactCondition, facts: RuleFacts): unknown {
  const { client, order, counters } = facts;
  switch (condition.fact) {
    case 'client.status':
      return client && (client.statusId ?? null);
    case 'client.statusGroup':
      return client && (client.statusId ? facts.statusGroups.get(client.statusId) ?? null : null);
    case 'client.star':
      return client?.stars;
    case 'client.lifecycle':
      return client?.lifecycle;
    case 'client.temperature':
      return client && (client.temperature ?? null);
    case 'client.taxCountry':
      return client && (client.taxId?.country ?? null);
    case 'client.tag':
      return client?.tags;
    case 'client.customField':
      return client && (client.customFields[condition.field] ?? null);
    case 'client.paidOrders':
      return client && counters.paid;
    case 'client.lifetimeValue':
      return client && (counters.value[condition.currency] ?? 0);
    case 'client.ordersInLastDays':
      return client && ordersWithin(facts.stats, facts.today, condition.days, condition.paidOnly);
    case 'client.daysSinceLastOrder':
      return client && (facts.stats?.days.length ? facts.today - facts.stats.days[facts.stats.days.length - 1]! : null);
    case 'client.overdue':
      return client && overdueOf(facts.stats, facts.today);
    case 'order.total':
      return order && (order.currency === condition.currency ? order.total : null);
    case 'order.channel':
      return order && (order.channel ?? null);
    case 'order.paymentState':
      return order && (order.paymentState ?? null);
  }
}

function compare(op: 'eq' | 'ne' | 'gte' | 'lte', left: unknown, right: unknown): boolean {
  if (op === 'eq') return left === right;
  if (op === 'ne') return left !== right;
  if (left === null || left === undefined || typeof left !== typeof right) return false;
  return op === 'gte' ? (left as number) >= (right as number) : (left as number) <= (right as number);
}

/** Whether one fact condition holds, given what the fact is. */
function holds(condition: RuleFactCondition, value: unknown): boolean {
  if (value === undefined) return false;
  if (condition.fact === 'client.overdue') return value === condition.value;
  switch (condition.op) {
    case 'in':
    case 'not_in':
      return (condition.value as unknown[]).includes(value) === (condition.op === 'in');
    case 'has':
    case 'lacks':
      return (value as string[]).includes(condition.value) === (condition.op === 'has');
    default:
      return compare(condition.op, value, condition.value);
  }
}

/** Turns a condition tree into one function, once per rule: a replay of many events runs no interpreter. */
export function compileCondition(condition: RuleCondition): Test {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (facts) => parts.every((part) => part(facts));
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (facts) => parts.some((part) => part(facts));
  }
  if ('not' in condition) {
    const part = compileCondition(condition.not);
    return (facts) => !part(facts);
  }
  return (facts) => holds(condition, actual(condition, facts));
}

/** Why a condition held or not: the tree again, each node with its outcome and each fact with its value. */
export type ConditionExplanation =
  | { condition: RuleFactCondition; matched: boolean; actual: unknown }
  | { combinator: 'all' | 'any' | 'not'; matched: boolean; parts: ConditionExplanation[] };

export function explainCondition(condition: RuleCondition, facts: RuleFacts): ConditionExplanation {
  if ('all' in condition || 'any' in condition) {
    const combinator = 'all' in condition ? 'all' : 'any';
    const parts = ('all' in condition ? condition.all : condition.any).map((part) => explainCondition(part, facts));
    const matched = combinator === 'all' ? parts.every((p) => p.matched) : parts.some((p) => p.matched);
    return { combinator, matched, parts };
  }
  if ('not' in condition) {
    const part = explainCondition(condition.not, facts);
    return { combinator: 'not', matched: !part.matched, parts: [part] };
  }
  const value = actual(condition, facts);
  return { condition, matched: holds(condition, value), actual: value === undefined ? null : value };
}
