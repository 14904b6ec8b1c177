import type { FieldIssue } from '../errors.ts';
import type { RuleAction, RuleCondition } from '../model/rule.ts';
import type { Catalog } from './fire.ts';

/** Statuses and star kinds a rule names that the store does not have, with where the rule names them. */
export function missingReferences(rule: { conditions?: RuleCondition | undefined; actions?: RuleAction[] | undefined }, catalog: Catalog): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (path: (string | number)[], kind: 'status' | 'star', id: string) => {
    if (!(kind === 'status' ? catalog.statuses : catalog.stars).has(id)) issues.push({ path, message: `No ${kind === 'status' ? 'status' : 'star kind'} ${id}` });
  };
  const walk = (condition: RuleCondition, path: (string | number)[]): void => {
    if ('all' in condition) condition.all.forEach((part, i) => walk(part, [...path, 'all', i]));
    else if ('any' in condition) condition.any.forEach((part, i) => walk(part, [...path, 'any', i]));
    else if ('not' in condition) walk(condition.not, [...path, 'not']);
    else if (condition.fact === 'client.status') condition.value.forEach((id, i) => check([...path, 'value', i], 'status', id));
    else if (condition.fact === 'client.star') check([...path, 'value'], 'star', condition.value);
  };
  if (rule.conditions) walk(rule.conditions, ['conditions']);
  rule.actions?.forEach((action, i) => {
    if (action.type === 'set_status') check(['actions', i, 'statusId'], 'status', action.statusId);
    if (action.type === 'add_star' || action.type === 'remove_star') check(['actions', i, 'starId'], 'star', action.starId);
  });
  return issues;
}
