import { transact, type CrmContext } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { Rule } from '../model/rule.ts';
import { compileCondition } from './evaluate.ts';
import { existingSubjects } from './existing.ts';
import { readFacts } from './engine.ts';

export interface ApplyReport {
  evaluated: number;
  /** Records it fired for (a record it had fired for before is not fired again). */
  fired: number;
}

/**
 * Runs `rule` on existing data, record by record in the order `dryRun` reports them, each firing
 * in its own batch with its own undoable timeline entry. Running it again fires only where the
 * record changed since.
 */
export async function applyToExisting(ctx: CrmContext, rule: Rule, onProgress?: (report: ApplyReport) => void): Promise<ApplyReport> {
  const compiled = [{ rule, test: compileCondition(rule.conditions) }];
  const { statusGroups } = await ctx.rules.catalog();
  const changed = new Set<string>();
  const report: ApplyReport = { evaluated: 0, fired: 0 };
  for await (const page of existingSubjects(ctx, rule.trigger, `existing:${rule.id}`)) {
    for (const { event, client, order } of page) {
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
