import { transact, type CrmContext } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { Rule } from '../model/rule.ts';
import { compileCondition } from './evaluate.ts';
import { existingSubjects } from './existing.ts';
import { firedBefore, readFacts } from './engine.ts';

/** What a run of rules over existing data did (`crm.rules.runDaily`). */
export interface RunReport {
  /** Records tested against the rules' conditions. */
  evaluated: number;
  /** Records they fired for. */
  fired: number;
}

/** What `crm.rules.applyToExisting` did. */
export interface ApplyReport extends RunReport {
  /** Records passed over, untested: the rule fired for them before, live or applied. */
  alreadyFired: number;
}

/**
 * Runs `rule` on existing data, record by record in the order `dryRun` reports them, each firing
 * in its own batch with its own undoable timeline entry. An order or client the rule fired for
 * before (live, or an earlier apply) is passed over: its notes and tasks are not added twice.
 */
export async function applyToExisting(ctx: CrmContext, rule: Rule, onProgress?: (report: ApplyReport) => void): Promise<ApplyReport> {
  const compiled = [{ rule, test: compileCondition(rule.conditions) }];
  const { statusGroups } = await ctx.rules.catalog();
  const passOver = await firedBefore(ctx, rule);
  const changed = new Set<string>();
  const report: ApplyReport = { evaluated: 0, fired: 0, alreadyFired: 0 };
  for await (const page of existingSubjects(ctx, rule.trigger, `existing:${rule.id}`)) {
    for (const { event, client, order } of page) {
      if (passOver(event)) {
        report.alreadyFired += 1;
        continue;
      }
      report.evaluated += 1;
      // A client an earlier firing changed is read again; the page holds it as it was.
      const current = client && changed.has(client.id) ? ((await ctx.storage.get('clients', client.id)) as Client | undefined) : client;
      if (!compiled[0]!.test(await readFacts(ctx, event, statusGroups, { ...(current ? { client: current } : {}), ...(order ? { order } : {}) }))) continue;
      const fired = await transact(ctx, (uow) => ctx.rules.fire(uow, event, compiled));
      if (fired.length) report.fired += 1;
      if (current) changed.add(current.id);
    }
    onProgress?.({ ...report });
  }
  return report;
}
