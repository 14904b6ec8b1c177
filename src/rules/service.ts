import * as z from 'zod/mini';
import { checkVersion, transact, type CrmContext } from '../context.ts';
import { CrmError, notFound } from '../errors.ts';
import { RuleId } from '../model/ids.ts';
import { RuleInput, RulePatch, type Rule } from '../model/rule.ts';
import { CurrencyCode } from '../model/common.ts';
import { readAll } from '../storage/read-all.ts';
import { expectedVersionOf, type UpdateOptions } from '../update-options.ts';
import { parse } from '../validation.ts';
import { dayOf, dateOfDay } from '../analytics/order-share.ts';
import { applyToExisting, type ApplyReport, type RunReport } from './apply-existing.ts';
import { byPriority } from './compiled-rules.ts';
import { dryRun, type DryRunReport } from './dry-run.ts';
import { existingSubjects } from './existing.ts';
import { readFacts } from './engine.ts';
import { missingReferences } from './references.ts';
import { ruleTemplates, type RuleTemplate } from './templates.ts';
import { requireAdmin } from '../clients/access.ts';
import { SeedLanguage } from '../seed-names.ts';

export const DryRunOptions = z.optional(z.strictObject({
  /** How many matches and misses to list (all are counted). */
  limit: z.optional(z.int().check(z.gte(0), z.lte(1000))),
}));
export type DryRunOptions = z.input<typeof DryRunOptions>;

export const ApplyOptions = z.optional(z.strictObject({
  onProgress: z.optional(z.custom<(report: ApplyReport) => void>((value) => typeof value === 'function', 'Expected a function')),
}));
export type ApplyOptions = z.input<typeof ApplyOptions>;

export const DailyOptions = z.optional(z.strictObject({
  /** The day to run for; today when not given. */
  at: z.optional(z.iso.datetime({ offset: true })),
}));
export type DailyOptions = z.input<typeof DailyOptions>;

export const TemplateOptions = z.optional(z.strictObject({
  /** The currency amounts are in; by default that of the default country (CZK, PLN, else EUR). */
  currency: z.optional(CurrencyCode),
  /** The language of the templates' names, descriptions and the tag one sets: `'en'` (default), `'cs'`, `'pl'`, `'sl'`. */
  language: z.optional(SeedLanguage),
}));
export type TemplateOptions = z.input<typeof TemplateOptions>;

const currencyOf = (country: string | undefined) => ({ CZ: 'CZK', PL: 'PLN', HU: 'HUF' })[country as 'CZ'] ?? 'EUR';

/** `crm.rules`: automation rules (B6), stored as JSON, previewed on existing data before they run. */
export function rulesService(ctx: CrmContext) {
  const adminOnly = () => requireAdmin(ctx, 'Rules act on every owner\'s clients');

  async function readRule(id: string): Promise<Rule> {
    const rule = (await ctx.storage.get('rules', parse(RuleId, id, ['id']))) as Rule | undefined;
    if (!rule) throw notFound('Rule', id);
    return rule;
  }

  async function checkReferences(rule: Parameters<typeof missingReferences>[0]): Promise<void> {
    const fields = missingReferences(rule, await ctx.rules.catalog());
    if (fields.length) throw new CrmError('validation', `The rule names what the store does not have: ${fields[0]!.message}`, { fields });
  }

  async function save(id: string, change: (rule: Rule) => Omit<Rule, 'version' | 'id' | 'createdAt' | 'updatedAt'>, options?: UpdateOptions): Promise<Rule> {
    adminOnly();
    const expectedVersion = expectedVersionOf(options);
    return transact(ctx, async (uow) => {
      const previous = await readRule(id);
      checkVersion(previous, expectedVersion);
      const next = { ...previous, ...change(previous), updatedAt: ctx.now() };
      await checkReferences(next);
      const rule = uow.put<Rule>('rules', next, previous);
      uow.emit({ type: 'rules.changed', rule, change: 'updated' });
      return rule;
    });
  }

  return {
    /** Every rule, the order they run in: higher priority first. */
    async list(): Promise<Rule[]> {
      return (await readAll<Rule>(ctx, 'rules')).sort(byPriority);
    },

    async get(id: string): Promise<Rule> {
      return readRule(id);
    },

    /**
     * Stores a rule; it starts disabled unless `enabled: true` is given, so it can be dry-run first.
     * @example
     * ```ts
     * const rule = await crm.rules.create({
     *   name: 'Big order', trigger: 'order.created',
     *   conditions: { fact: 'order.total', op: 'gte', value: 5_000_000, currency: 'CZK' },
     *   actions: [{ type: 'set_status', statusId: vip.id }],
     * });
     * await crm.rules.enable(rule.id);
     * ```
     */
    async create(input: RuleInput): Promise<Rule> {
      adminOnly();
      const data = parse(RuleInput, input);
      await checkReferences(data);
      return transact(ctx, async (uow) => {
        const now = ctx.now();
        const rule = uow.put<Rule>('rules', { enabled: false, priority: 0, conditions: { all: [] }, ...data, id: ctx.newId('rule'), createdAt: now, updatedAt: now }, 'absent');
        uow.emit({ type: 'rules.changed', rule, change: 'created' });
        return rule;
      });
    },

    /** Changes a rule; a stale `expectedVersion` is a `conflict`. */
    async update(id: string, patch: RulePatch, options?: UpdateOptions): Promise<Rule> {
      const data = parse(RulePatch, patch);
      return save(id, (rule) => ({ ...rule, ...data }), options);
    },

    async delete(id: string, options?: UpdateOptions): Promise<void> {
      adminOnly();
      const expectedVersion = expectedVersionOf(options);
      await transact(ctx, async (uow) => {
        const rule = await readRule(id);
        checkVersion(rule, expectedVersion);
        uow.delete('rules', rule);
        uow.emit({ type: 'rules.changed', rule, change: 'deleted' });
      });
    },

    enable(id: string): Promise<Rule> {
      return save(id, (rule) => ({ ...rule, enabled: true }));
    },

    disable(id: string): Promise<Rule> {
      return save(id, (rule) => ({ ...rule, enabled: false }));
    },

    /**
     * The shipped templates (status after the first paid order, star for a big order, regular
     * customer, dormant tag, hot potential client), each a ready rule for `create`.
     * @example
     * ```ts
     * const [firstPaid] = await crm.rules.templates();
     * await crm.rules.create(firstPaid.rule);
     * ```
     */
    async templates(options?: TemplateOptions): Promise<RuleTemplate[]> {
      const { currency, language } = parse(TemplateOptions, options) ?? {};
      return ruleTemplates(ctx, currency ?? currencyOf(ctx.settings.defaultCountry), language ?? 'en');
    },

    /**
     * What a rule (stored, or not yet) would do on existing data now: which clients and orders it
     * matches, what it would change, and per condition why each record matched or not.
     * @example
     * ```ts
     * const report = await crm.rules.dryRun(template.rule);
     * report.matched; report.matches[0].changes; // [{ field: 'statusId', from: null, to: 'sts_…' }]
     * ```
     */
    async dryRun(rule: RuleInput | string, options?: DryRunOptions): Promise<DryRunReport> {
      const { limit = 50 } = parse(DryRunOptions, options) ?? {};
      const data = typeof rule === 'string' ? await readRule(rule) : parse(RuleInput, rule, ['rule']);
      return dryRun(ctx, { conditions: { all: [] }, ...data }, limit);
    },

    /**
     * Runs a stored rule (enabled or not) on existing data, as its dry run reports; each change is
     * an undoable timeline entry. Orders and clients it fired for before, live or applied, are
     * passed over (`alreadyFired`), so nothing it adds is added twice.
     */
    async applyToExisting(ruleId: string, options?: ApplyOptions): Promise<ApplyReport> {
      adminOnly();
      const { onProgress } = parse(ApplyOptions, options) ?? {};
      return applyToExisting(ctx, await readRule(ruleId), onProgress);
    },

    /**
     * Runs the `schedule.daily` rules for every client, once per day however often it is called:
     * call it from a timer, a cron job, or when the admin page opens.
     * @example
     * ```ts
     * await crm.rules.runDaily(); // { evaluated: 1200, fired: 3 }
     * ```
     */
    async runDaily(options?: DailyOptions): Promise<RunReport> {
      const { at } = parse(DailyOptions, options) ?? {};
      const day = dateOfDay(dayOf(at ?? ctx.now()));
      const rules = ctx.rules.rulesFor('schedule.daily');
      const report: RunReport = { evaluated: 0, fired: 0 };
      if (!rules.length) return report;
      const { statusGroups } = await ctx.rules.catalog();
      for await (const page of existingSubjects(ctx, 'schedule.daily', `schedule.daily:${day}`)) {
        for (const { event, client } of page) {
          report.evaluated += 1;
          const facts = await readFacts(ctx, event, statusGroups, client ? { client } : {});
          if (!rules.some(({ test }) => test(facts))) continue;
          // The id names the day, not the client's version: once a day per client.
          const daily = { ...event, id: `schedule.daily:${day}:${client!.id}` };
          if ((await transact(ctx, (uow) => ctx.rules.fire(uow, daily))).length) report.fired += 1;
        }
      }
      return report;
    },

    /**
     * Runs the rules of one queued event now, as a worker taking events off the queue would; an
     * event that has run already (here, in another tab, on another server) is left alone.
     * Resolves to the rules that fired.
     */
    async deliver(eventId: string): Promise<Rule[]> {
      return ctx.rules.deliver(parse(z.string().check(z.minLength(1), z.maxLength(400)), eventId, ['eventId']));
    },

    /** Runs every rule event still queued (they run on their own after each write); resolves when none is left. */
    drain(): Promise<void> {
      return ctx.rules.drain();
    },
  };
}
