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
  /** Distinct clients whose fields the rule changed, as `dryRun`'s `clientsChanged` foretells: a firing may find a client already as the rule wants it. */
  clientsChanged: number;
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
  // Clients as the firings left them: the pages hold them as they were.
  const latest = new Map<string, Client | undefined>();
  const changedClients = new Set<string>();
  const report: ApplyReport = { evaluated: 0, fired: 0, alreadyFired: 0, clientsChanged: 0 };
  for await (const page of existingSubjects(ctx, rule.trigger, `existing:${rule.id}`)) {
    for (const { event, client, order } of page) {
      if (passOver(event)) {
        report.alreadyFired += 1;
        continue;
      }
      report.evaluated += 1;
      const current = client && latest.has(client.id) ? latest.get(client.id) : client;
      if (!compiled[0]!.test(await readFacts(ctx, event, statusGroups, { ...(current ? { client: current } : {}), ...(order ? { order } : {}) }))) continue;
      // The client as the firing wrote it (`undefined`: untouched, already as the rule wants it).
      const { fired, after } = await transact(ctx, async (uow) => ({
        fired: await ctx.rules.fire(uow, event, compiled),
        after: current && uow.staged<Client>('clients', current.id),
      }));
      if (fired.length) report.fired += 1;
      if (current && after !== undefined) {
        latest.set(current.id, after ?? undefined);
        changedClients.add(current.id);
      }
      report.clientsChanged = changedClients.size;
    }
    onProgress?.({ ...report });
  }
  return report;
}
