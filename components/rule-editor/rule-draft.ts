import type { Rule, RuleAction, RuleCondition, RuleFactCondition, RuleInput, RuleTrigger } from '../../src/index.ts';

/** Every fact a condition row can test, in the order the fact select lists them. */
export const FACTS = [
  'client.status',
  'client.statusGroup',
  'client.star',
  'client.lifecycle',
  'client.temperature',
  'client.tag',
  'client.taxCountry',
  'client.customField',
  'client.paidOrders',
  'client.lifetimeValue',
  'client.ordersInLastDays',
  'client.daysSinceLastOrder',
  'client.overdue',
  'order.total',
  'order.channel',
  'order.paymentState',
] as const satisfies readonly RuleFactCondition['fact'][];
export type Fact = (typeof FACTS)[number];

export const TRIGGERS = ['order.created', 'order.paid', 'order.status_changed', 'order.linked', 'client.created', 'client.status_changed', 'client.star_changed', 'schedule.daily'] as const satisfies readonly RuleTrigger[];

export const ACTION_TYPES = ['set_status', 'add_star', 'remove_star', 'set_lifecycle', 'set_temperature', 'add_tag', 'add_note', 'create_task', 'set_reminder', 'emit_event'] as const satisfies readonly RuleAction['type'][];
export type ActionType = (typeof ACTION_TYPES)[number];

export const LIFECYCLES = ['current', 'potential'] as const;
export const TEMPERATURES = ['hot', 'warm', 'cold', 'not_interested'] as const;
export const PAYMENT_STATES = ['unpaid', 'partially_paid', 'paid', 'refunded'] as const;

/** The operators each fact takes; `client.overdue` takes none (its value is yes or no). */
export function opsOf(fact: Fact): readonly string[] {
  switch (fact) {
    case 'client.star':
    case 'client.tag':
      return ['has', 'lacks'];
    case 'client.customField':
      return ['eq', 'ne', 'gte', 'lte'];
    case 'client.paidOrders':
    case 'client.lifetimeValue':
    case 'client.ordersInLastDays':
    case 'client.daysSinceLastOrder':
    case 'order.total':
      return ['eq', 'gte', 'lte'];
    case 'client.overdue':
      return [];
    default:
      return ['in', 'not_in'];
  }
}

/** Facts whose amounts are money: typed in major units, stored in minor units (×100). */
export const MONEY_FACTS: readonly Fact[] = ['client.lifetimeValue', 'order.total'];

/** What the store offers to fill a new row with. */
export interface DraftDefaults {
  statusId?: string;
  starId?: string;
  currency: string;
}

/** A new condition for `fact`, filled with something sensible to edit from. */
export function newCondition(fact: Fact, defaults: DraftDefaults): RuleFactCondition {
  const { currency } = defaults;
  switch (fact) {
    case 'client.status':
      return { fact, op: 'in', value: defaults.statusId ? [defaults.statusId] : [] };
    case 'client.statusGroup':
      return { fact, op: 'in', value: [] };
    case 'client.star':
      return { fact, op: 'has', value: defaults.starId ?? '' };
    case 'client.lifecycle':
      return { fact, op: 'in', value: ['potential'] };
    case 'client.temperature':
      return { fact, op: 'in', value: ['hot'] };
    case 'client.tag':
      return { fact, op: 'has', value: '' };
    case 'client.taxCountry':
      return { fact, op: 'in', value: [] };
    case 'client.customField':
      return { fact, field: '', op: 'eq', value: '' };
    case 'client.paidOrders':
      return { fact, op: 'eq', value: 1 };
    case 'client.lifetimeValue':
      return { fact, op: 'gte', value: 0, currency };
    case 'client.ordersInLastDays':
      return { fact, days: 30, op: 'gte', value: 1 };
    case 'client.daysSinceLastOrder':
      return { fact, op: 'gte', value: 90 };
    case 'client.overdue':
      return { fact, value: true };
    case 'order.total':
      return { fact, op: 'gte', value: 0, currency };
    case 'order.channel':
      return { fact, op: 'in', value: [] };
    case 'order.paymentState':
      return { fact, op: 'in', value: ['paid'] };
  }
}

/** A new action of `type`, filled with something sensible to edit from. */
export function newAction(type: ActionType, defaults: DraftDefaults): RuleAction {
  switch (type) {
    case 'set_status':
      return { type, statusId: defaults.statusId ?? '' };
    case 'add_star':
    case 'remove_star':
      return { type, starId: defaults.starId ?? '' };
    case 'set_lifecycle':
      return { type, lifecycle: 'current' };
    case 'set_temperature':
      return { type, temperature: 'hot' };
    case 'add_tag':
      return { type, tag: '' };
    case 'add_note':
      return { type, text: '' };
    case 'create_task':
      return { type, title: '', dueInDays: 1 };
    case 'set_reminder':
      return { type, text: '' };
    case 'emit_event':
      return { type, payload: {} };
  }
}

/** One row of the condition builder: a fact test, maybe negated. */
export interface ConditionRow {
  key: number;
  not: boolean;
  condition: RuleFactCondition;
}

/**
 * The conditions as the builder edits them: one all/any group of rows. A stored tree the builder
 * cannot show (groups in groups, `not` over a group) is kept whole in `advanced` and shown read-only.
 */
export type ConditionDraft =
  | { kind: 'rows'; mode: 'all' | 'any'; rows: ConditionRow[]; /** The stored rule had one bare condition: keep it bare. */ bare: boolean }
  | { kind: 'advanced'; tree: RuleCondition };

export interface ActionRow {
  key: number;
  action: RuleAction;
  /** The emit_event payload as typed, until it parses. */
  payloadText?: string;
}

/** The rule being edited, as the form holds it. */
export interface RuleDraft {
  name: string;
  priority: number;
  trigger: RuleTrigger;
  conditions: ConditionDraft;
  actions: ActionRow[];
  template?: string;
}

let nextKey = 1;
export const newKey = (): number => nextKey++;

const isFact = (condition: RuleCondition): condition is RuleFactCondition => 'fact' in condition;

/** A fact or a `not` over a fact: what one row holds. */
function asRow(condition: RuleCondition): ConditionRow | undefined {
  if (isFact(condition)) return { key: newKey(), not: false, condition };
  if ('not' in condition && isFact(condition.not)) return { key: newKey(), not: true, condition: condition.not };
  return undefined;
}

export function conditionDraft(tree: RuleCondition | undefined): ConditionDraft {
  if (!tree) return { kind: 'rows', mode: 'all', rows: [], bare: false };
  const single = asRow(tree);
  if (single) return { kind: 'rows', mode: 'all', rows: [single], bare: true };
  if ('all' in tree || 'any' in tree) {
    const mode = 'all' in tree ? 'all' : 'any';
    const rows = ('all' in tree ? tree.all : tree.any).map(asRow);
    if (rows.every((row) => row !== undefined)) return { kind: 'rows', mode, rows: rows as ConditionRow[], bare: false };
  }
  return { kind: 'advanced', tree };
}

export function toDraft(rule: RuleInput | Rule): RuleDraft {
  return {
    name: rule.name,
    priority: rule.priority ?? 0,
    trigger: rule.trigger,
    conditions: conditionDraft(rule.conditions as RuleCondition | undefined),
    actions: (rule.actions as RuleAction[]).map((action) => ({ key: newKey(), action })),
    ...(rule.template ? { template: rule.template } : {}),
  };
}

export function emptyDraft(): RuleDraft {
  return { name: '', priority: 0, trigger: 'order.created', conditions: conditionDraft(undefined), actions: [] };
}

/**
 * The conditions as a rule holds them. `wrap` always gives the group, even for a rule stored with
 * one bare condition: the same test, and the SDK's field paths then name the row.
 */
export function conditionsOf(draft: ConditionDraft, wrap = false): RuleCondition {
  if (draft.kind === 'advanced') return draft.tree;
  const parts = draft.rows.map((row): RuleCondition => (row.not ? { not: row.condition } : row.condition));
  if (!wrap && draft.bare && draft.mode === 'all' && parts.length === 1) return parts[0]!;
  return draft.mode === 'all' ? { all: parts } : { any: parts };
}

/** The draft as the SDK takes it (`enabled` is left to the Enable button). */
export function ruleOf(draft: RuleDraft, wrap = false): RuleInput {
  return {
    name: draft.name,
    priority: draft.priority,
    trigger: draft.trigger,
    conditions: conditionsOf(draft.conditions, wrap),
    actions: draft.actions.map((row) => row.action),
    ...(draft.template ? { template: draft.template } : {}),
  };
}

/** Where the SDK's paths into the rule (`conditions.all.0.value`) land in the builder: the row, or the group. */
export function conditionRowIndex(draft: ConditionDraft, path: readonly (string | number)[]): number | 'group' | undefined {
  if (path[0] !== 'conditions' || draft.kind !== 'rows') return undefined;
  if (path[1] === 'all' || path[1] === 'any') return typeof path[2] === 'number' ? path[2] : 'group';
  return draft.rows.length === 1 && draft.bare ? 0 : 'group';
}

/** Amounts are typed in major units and stored in minor units. */
export const toMinor = (text: string): number => (text.trim() === '' ? Number.NaN : Math.round(Number(text) * 100));
export const toMajor = (minor: number): string => (Number.isFinite(minor) ? String(minor / 100) : '');

/** A whole number as typed, or NaN (the SDK then names the field). */
export const toCount = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));
