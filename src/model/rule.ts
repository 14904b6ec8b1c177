import * as z from 'zod/mini';
import { CountryCode, CurrencyCode, CustomFieldValue, IsoDateTime, longText, text } from './common.ts';
import { Lifecycle, Temperature } from './client.ts';
import { RuleId, StarId, StatusId } from './ids.ts';
import { PaymentState } from './order.ts';

/** What starts a rule (B6): a committed write, or the daily run. */
export const RuleTrigger = z.enum([
  'order.created',
  'order.paid',
  'order.status_changed',
  'order.linked',
  'client.created',
  'client.status_changed',
  'client.star_changed',
  'schedule.daily',
]);
export type RuleTrigger = z.infer<typeof RuleTrigger>;

const Comparison = z.enum(['eq', 'gte', 'lte']);
const Membership = z.enum(['in', 'not_in']);
const Having = z.enum(['has', 'lacks']);
const count = z.int().check(z.gte(0));
const amount = z.int().check(z.gte(0));

/** One test of a fact; the `fact` names what it looks at. */
export const RuleFactCondition = z.discriminatedUnion('fact', [
  z.strictObject({ fact: z.literal('client.status'), op: Membership, value: z.array(StatusId).check(z.minLength(1)) }),
  z.strictObject({ fact: z.literal('client.statusGroup'), op: Membership, value: z.array(text(100)).check(z.minLength(1)) }),
  z.strictObject({ fact: z.literal('client.star'), op: Having, value: StarId }),
  z.strictObject({ fact: z.literal('client.lifecycle'), op: Membership, value: z.array(Lifecycle).check(z.minLength(1)) }),
  z.strictObject({ fact: z.literal('client.temperature'), op: Membership, value: z.array(Temperature).check(z.minLength(1)) }),
  z.strictObject({ fact: z.literal('client.taxCountry'), op: Membership, value: z.array(CountryCode).check(z.minLength(1)) }),
  z.strictObject({ fact: z.literal('client.tag'), op: Having, value: text(50) }),
  z.strictObject({ fact: z.literal('client.customField'), field: text(100), op: z.enum(['eq', 'ne', 'gte', 'lte']), value: CustomFieldValue }),
  z.strictObject({ fact: z.literal('client.paidOrders'), op: Comparison, value: count }),
  z.strictObject({ fact: z.literal('client.lifetimeValue'), op: Comparison, value: amount, currency: CurrencyCode }),
  z.strictObject({ fact: z.literal('client.ordersInLastDays'), days: z.int().check(z.gte(1), z.lte(3660)), op: Comparison, value: count, paidOnly: z.optional(z.boolean()) }),
  z.strictObject({ fact: z.literal('client.daysSinceLastOrder'), op: Comparison, value: count }),
  z.strictObject({ fact: z.literal('client.overdue'), value: z.boolean() }),
  z.strictObject({ fact: z.literal('order.total'), op: Comparison, value: amount, currency: CurrencyCode }),
  z.strictObject({ fact: z.literal('order.channel'), op: Membership, value: z.array(text(100)).check(z.minLength(1)) }),
  z.strictObject({ fact: z.literal('order.paymentState'), op: Membership, value: z.array(PaymentState).check(z.minLength(1)) }),
]);
export type RuleFactCondition = z.infer<typeof RuleFactCondition>;

/** Conditions combine with `all`, `any` and `not`, to any depth. */
export type RuleCondition = RuleFactCondition | { all: RuleCondition[] } | { any: RuleCondition[] } | { not: RuleCondition };
export const RuleCondition: z.ZodMiniType<RuleCondition> = z.union([
  RuleFactCondition,
  z.strictObject({ get all() { return z.array(RuleCondition).check(z.maxLength(50)); } }),
  z.strictObject({ get any() { return z.array(RuleCondition).check(z.maxLength(50)); } }),
  z.strictObject({ get not() { return RuleCondition; } }),
]);

/** What a rule does when its conditions hold. */
export const RuleAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('set_status'), statusId: StatusId }),
  z.strictObject({ type: z.literal('add_star'), starId: StarId }),
  z.strictObject({ type: z.literal('remove_star'), starId: StarId }),
  z.strictObject({ type: z.literal('set_lifecycle'), lifecycle: Lifecycle }),
  z.strictObject({ type: z.literal('set_temperature'), temperature: Temperature }),
  z.strictObject({ type: z.literal('add_tag'), tag: text(50) }),
  z.strictObject({ type: z.literal('add_note'), text: text(10_000), priority: z.optional(z.enum(['high', 'medium', 'none'])) }),
  z.strictObject({ type: z.literal('create_task'), title: text(), dueInDays: z.int().check(z.gte(0), z.lte(3650)), assignee: z.optional(text(100)) }),
  z.strictObject({ type: z.literal('set_reminder'), text: longText(2000) }),
  /** Announces `rule.fired` with `payload`, for the host to turn into an e-mail or a webhook. */
  z.strictObject({ type: z.literal('emit_event'), payload: z.optional(z.record(z.string(), z.unknown())) }),
]);
export type RuleAction = z.infer<typeof RuleAction>;

const ruleFields = {
  name: text(),
  enabled: z.boolean(),
  /** Higher runs first. */
  priority: z.int().check(z.gte(-1000), z.lte(1000)),
  trigger: RuleTrigger,
  conditions: RuleCondition,
  actions: z.array(RuleAction).check(z.minLength(1, 'Give the rule at least one action'), z.maxLength(20)),
};

/** What `crm.rules.create` accepts. */
export const RuleInput = z.extend(z.partial(z.strictObject(ruleFields)), {
  name: ruleFields.name,
  trigger: ruleFields.trigger,
  actions: ruleFields.actions,
  /** The template it was made from. */
  template: z.optional(text(100)),
});
export type RuleInput = z.input<typeof RuleInput>;

export const RulePatch = z.partial(z.strictObject(ruleFields));
export type RulePatch = z.input<typeof RulePatch>;

/** An automation rule (B6): JSON, so it can be stored, shown, edited and dry-run. */
export const RuleSchema = z.strictObject({
  id: RuleId,
  ...ruleFields,
  template: z.optional(text(100)),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.int().check(z.positive()),
});
export type Rule = z.infer<typeof RuleSchema>;
