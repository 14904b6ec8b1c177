import { dayOf } from '../analytics/order-share.ts';
import { transact, type CrmContext, type UnitOfWork } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';
import type { Rule, RuleTrigger } from '../model/rule.ts';
import type { Status } from '../model/status.ts';
import type { ChangeSet } from '../storage/adapter.ts';
import { readAll } from '../storage/read-all.ts';
import { recordActivity } from '../activities/record.ts';
import { CompiledRules, type CompiledRule } from './compiled-rules.ts';
import { countersOf, type RuleFacts } from './facts.ts';
import { planRule, stageFiring, type Catalog } from './fire.ts';
import type { RuleEvent } from './rule-event.ts';

/** One rule firing for one event, as stored to make firing idempotent. */
export interface RuleRun {
  id: string;
  version: number;
  ruleId: string;
  eventId: string;
  /** The order (or, for client triggers, the client) the event was about. */
  subjectId?: string;
  at: string;
}

export const runId = (ruleId: string, eventId: string) => `${ruleId}|${eventId}`;

/**
 * What applying a rule to existing data passes over: the orders and clients it fired for before,
 * live or applied. A daily rule fires again each day, and a rule not stored yet never fired: they
 * pass over nothing.
 */
export async function firedBefore(ctx: CrmContext, rule: { id?: string; trigger: RuleTrigger }): Promise<(event: Pick<RuleEvent, 'orderId' | 'clientId'>) => boolean> {
  if (rule.id === undefined || rule.trigger === 'schedule.daily') return () => false;
  const ruleId = rule.id;
  const runs = await readAll<RuleRun>(ctx, 'ruleRuns', 'ruleId', { eq: ruleId });
  const subjects = new Set(runs.flatMap((run) => {
    const subject = run.subjectId ?? subjectOfEvent(run.eventId, ruleId);
    return subject === undefined ? [] : [subject];
  }));
  return (event) => subjects.has((event.orderId ?? event.clientId)!);
}

/**
 * The subject a run stored before runs named theirs is about, read from its event id:
 * `<trigger>:<subject>:<version>:<unit>` when live, `existing:<rule>:<subject>:<version>:<ISO time>`
 * when applied (a subject may hold `:` itself, so the known ends are cut off).
 */
function subjectOfEvent(eventId: string, ruleId: string): string | undefined {
  const applied = `existing:${ruleId}:`;
  const [rest, tail] = eventId.startsWith(applied) ? [eventId.slice(applied.length), 4] : [eventId.slice(eventId.indexOf(':') + 1), 2];
  const parts = rest.split(':');
  return parts.length > tail ? parts.slice(0, -tail).join(':') : undefined;
}

/** The status groups and the ids of the statuses and stars rules may name. */
export async function readCatalog(ctx: CrmContext): Promise<Catalog & { statusGroups: Map<string, string> }> {
  const statuses = (await readAll<Status>(ctx, 'statuses'));
  const stars = await readAll(ctx, 'starKinds');
  return { statuses: new Set(statuses.map((s) => s.id)), stars: new Set(stars.map((s) => s.id)), statusGroups: new Map(statuses.map((s) => [s.id, s.group])) };
}

/** The facts for an event about `clientId` and `orderId`, read now unless `known` holds the records. */
export async function readFacts(
  ctx: CrmContext,
  about: Pick<RuleEvent, 'clientId' | 'orderId' | 'counters'>,
  statusGroups: ReadonlyMap<string, string>,
  known?: { client?: Client; order?: Order },
): Promise<RuleFacts> {
  const [client, order, stats] = await Promise.all([
    known ? known.client : about.clientId ? (ctx.storage.get('clients', about.clientId) as Promise<Client | undefined>) : undefined,
    known ? known.order : about.orderId ? (ctx.storage.get('orders', about.orderId) as Promise<Order | undefined>) : undefined,
    about.clientId ? ctx.analytics.stats(about.clientId) : undefined,
  ]);
  return {
    ...(client ? { client } : {}),
    ...(order ? { order } : {}),
    counters: about.counters ?? countersOf(stats),
    ...(stats ? { stats } : {}),
    today: dayOf(ctx.now()),
    statusGroups,
  };
}

/**
 * Runs rules on the events their triggers queue (`ruleEvents`), after the change that raised them
 * has committed: each event in its own batch, rules in priority order, each rule at most once per
 * event however often or in whatever order the event arrives.
 */
export class RuleEngine {
  readonly #ctx: () => CrmContext;
  readonly #rules = new CompiledRules();
  readonly #autoRun: boolean;
  #draining: Promise<void> | undefined;
  #again = false;
  #catalog: ReturnType<typeof readCatalog> | undefined;

  constructor(ctx: () => CrmContext, options: { autoRun: boolean }) {
    this.#ctx = ctx;
    this.#autoRun = options.autoRun;
  }

  async load(): Promise<void> {
    this.#rules.update(await readAll<Rule>(this.#ctx(), 'rules'), []);
  }

  /** Keeps the compiled rules in step with committed writes, here or in other instances. */
  apply(changes: Pick<ChangeSet, 'puts' | 'deletes'>): void {
    const puts = changes.puts.filter((p) => p.collection === 'rules').map((p) => p.record as unknown as Rule);
    const deletes = changes.deletes.filter((d) => d.collection === 'rules').map((d) => d.id);
    if (puts.length || deletes.length) this.#rules.update(puts, deletes);
    const touched = (collection: string) => changes.puts.some((p) => p.collection === collection) || changes.deletes.some((d) => d.collection === collection);
    if (touched('statuses') || touched('starKinds')) this.#catalog = undefined;
  }

  /** Starts running queued events soon, when rules run on their own. */
  kick(): void {
    if (this.#autoRun) queueMicrotask(() => void this.drain().catch((error: unknown) => console.error('kartoteka: rules failed', error)));
  }

  /** Triggers some enabled rule listens to. */
  triggers(): ReadonlySet<RuleTrigger> {
    return this.#rules.triggers();
  }

  rulesFor(trigger: RuleTrigger) {
    return this.#rules.for(trigger);
  }

  /** Runs every queued event, oldest first; resolves when the queue is empty. */
  drain(): Promise<void> {
    if (this.#draining) {
      this.#again = true;
      return this.#draining;
    }
    this.#draining = (async () => {
      try {
        do {
          this.#again = false;
          for (;;) {
            const { records } = await this.#ctx().storage.query('ruleEvents', { index: 'queue', limit: 100 });
            if (!records.length) break;
            for (const record of records) await this.deliver(record.id);
          }
        } while (this.#again);
      } finally {
        this.#draining = undefined;
      }
    })();
    return this.#draining;
  }

  /** Runs the rules of one queued event, unless it has been run already. Returns the rules that fired. */
  async deliver(eventId: string): Promise<Rule[]> {
    const ctx = this.#ctx();
    return transact(ctx, async (uow) => {
      const event = (await ctx.storage.get('ruleEvents', eventId)) as RuleEvent | undefined;
      if (!event) return [];
      uow.delete('ruleEvents', event);
      return this.fire(uow, event);
    });
  }

  /** The statuses and stars rules may name, read once until they change. */
  catalog(): ReturnType<typeof readCatalog> {
    this.#catalog ??= readCatalog(this.#ctx()).catch((error: unknown) => {
      this.#catalog = undefined;
      throw error;
    });
    return this.#catalog;
  }

  /** Fires, in the unit of work, those of `rules` (by default the enabled ones of `trigger`) whose conditions hold for `event`. */
  async fire(uow: UnitOfWork, event: Omit<RuleEvent, 'version' | 'seq' | 'at'>, rules: readonly CompiledRule[] = this.#rules.for(event.trigger)): Promise<Rule[]> {
    const ctx = this.#ctx();
    const catalog = await this.catalog();
    const facts = await readFacts(ctx, event, catalog.statusGroups);
    const fired: Rule[] = [];
    for (const { rule, test } of rules) {
      if (event.chain.includes(rule.id)) {
        if (facts.client) recordActivity(ctx, uow, { clientId: facts.client.id, type: 'rule_chain_stopped', subject: rule.name, data: { eventId: event.id, chain: event.chain, reason: 'reentry', ruleId: rule.id } });
        continue;
      }
      if (!test(facts)) continue;
      const id = runId(rule.id, event.id);
      if (uow.staged('ruleRuns', id) !== undefined || (await ctx.storage.get('ruleRuns', id))) continue;
      const subjectId = event.orderId ?? event.clientId;
      uow.put<RuleRun>('ruleRuns', { id, ruleId: rule.id, eventId: event.id, ...(subjectId === undefined ? {} : { subjectId }), at: ctx.now() }, 'absent');
      const client = stageFiring(ctx, uow, rule, facts, planRule(rule, facts, catalog), event.id);
      // The next rule sees what this one did.
      if (client) facts.client = client;
      fired.push(rule);
    }
    if (fired.length) uow.cause = { depth: event.depth, chain: [...event.chain, ...fired.map((rule) => rule.id)] };
    return fired;
  }
}
