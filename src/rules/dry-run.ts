import type { CrmContext } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { Rule, RuleAction } from '../model/rule.ts';
import { compileCondition, explainCondition, type ConditionExplanation } from './evaluate.ts';
import { existingSubjects } from './existing.ts';
import { firedBefore, readFacts } from './engine.ts';
import { planRule, type RuleChange } from './fire.ts';

/** One existing client or order a rule would fire for, and what it would do there. */
export interface DryRunMatch {
  clientId?: string;
  clientName?: string;
  orderId?: string;
  /** The order's number, when it has one: what staff know it by. */
  orderNumber?: string;
  changes: RuleChange[];
  /** Notes, tasks and host events it would add. */
  actions: RuleAction[];
  skipped: RuleAction[];
  explanation: ConditionExplanation;
}

/** A record the rule would not fire for, and the condition that says why. */
export interface DryRunMiss {
  clientId?: string;
  clientName?: string;
  orderId?: string;
  orderNumber?: string;
  explanation: ConditionExplanation;
}

export interface DryRunReport {
  /** Existing records the trigger is about, tested against the conditions. */
  evaluated: number;
  /** For a stored rule: records passed over, untested, as `applyToExisting` passes them over (it fired for them before). */
  alreadyFired: number;
  matched: number;
  /** Distinct clients whose fields would change. */
  clientsChanged: number;
  /** The first `limit` matches, oldest record first. */
  matches: DryRunMatch[];
  /** The first `limit` records that do not match, with why. */
  misses: DryRunMiss[];
}

export type DryRunRule = Pick<Rule, 'trigger' | 'conditions' | 'actions'>;

/**
 * What `rule` would do to existing data if each record its trigger is about raised that trigger now,
 * in the order applying it goes: a client changed by an earlier match is seen changed by the later
 * ones, so the report is exactly what `applyToExisting` then does. Writes nothing.
 */
export async function dryRun(ctx: CrmContext, rule: DryRunRule & { id?: string }, limit: number): Promise<DryRunReport> {
  const catalog = await ctx.rules.catalog();
  const test = compileCondition(rule.conditions);
  const passOver = await firedBefore(ctx, rule);
  const simulated = new Map<string, Client>();
  const changed = new Set<string>();
  const report: DryRunReport = { evaluated: 0, alreadyFired: 0, matched: 0, clientsChanged: 0, matches: [], misses: [] };
  for await (const page of existingSubjects(ctx, rule.trigger, 'dry')) {
    for (const { event, client, order } of page) {
      if (passOver(event)) {
        report.alreadyFired += 1;
        continue;
      }
      report.evaluated += 1;
      const known = { ...(client ? { client: simulated.get(client.id) ?? client } : {}), ...(order ? { order } : {}) };
      const facts = await readFacts(ctx, event, catalog.statusGroups, known);
      const about = {
        ...(facts.client ? { clientId: facts.client.id, clientName: facts.client.name } : {}),
        ...(event.orderId ? { orderId: event.orderId } : {}),
        ...(facts.order?.number !== undefined ? { orderNumber: facts.order.number } : {}),
      };
      if (!test(facts)) {
        if (report.misses.length < limit) report.misses.push({ ...about, explanation: explainCondition(rule.conditions, facts) });
        continue;
      }
      const plan = planRule(rule, facts, catalog);
      if (plan.client) {
        simulated.set(plan.client.id, plan.client);
        changed.add(plan.client.id);
      }
      report.matched += 1;
      const match = { ...about, changes: plan.changes, actions: plan.other, skipped: plan.skipped, explanation: explainCondition(rule.conditions, facts) };
      if (report.matches.length < limit) report.matches.push(match);
    }
  }
  report.clientsChanged = changed.size;
  return report;
}
