import type { Rule, RuleTrigger } from '../model/rule.ts';
import { compileCondition } from './evaluate.ts';
import type { RuleFacts } from './facts.ts';

export interface CompiledRule {
  rule: Rule;
  test: (facts: RuleFacts) => boolean;
}

/** Higher priority first; among equals the older rule, so the order never depends on storage. */
export const byPriority = (a: Rule, b: Rule) => b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** The enabled rules of a store, compiled once and grouped by trigger. */
export class CompiledRules {
  readonly #rules = new Map<string, Rule>();
  #byTrigger = new Map<RuleTrigger, CompiledRule[]>();
  /** Asked by every write: made once per change of the rules. */
  #triggers: ReadonlySet<RuleTrigger> = new Set();

  /** Takes stored rules in (`put`) or out (`delete`). */
  update(puts: Rule[], deletes: string[]): void {
    for (const rule of puts) this.#rules.set(rule.id, rule);
    for (const id of deletes) this.#rules.delete(id);
    const byTrigger = new Map<RuleTrigger, CompiledRule[]>();
    for (const rule of [...this.#rules.values()].filter((r) => r.enabled).sort(byPriority)) {
      const list = byTrigger.get(rule.trigger) ?? byTrigger.set(rule.trigger, []).get(rule.trigger)!;
      list.push({ rule, test: compileCondition(rule.conditions) });
    }
    this.#byTrigger = byTrigger;
    this.#triggers = new Set(byTrigger.keys());
  }

  for(trigger: RuleTrigger): readonly CompiledRule[] {
    return this.#byTrigger.get(trigger) ?? [];
  }

  triggers(): ReadonlySet<RuleTrigger> {
    return this.#triggers;
  }
}
