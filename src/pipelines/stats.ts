import { canSee, ownedClientIds } from '../clients/access.ts';
import type { CrmContext } from '../context.ts';
import type { Activity } from '../model/activity.ts';
import type { Client } from '../model/client.ts';
import type { Pipeline, Placement } from '../model/pipeline.ts';
import { readMany } from '../storage/read-ahead.ts';
import { readAll } from '../storage/read-all.ts';
import { pipelineRange, stageHistory, stageRange } from './placements.ts';

/** One stage's figures; see {@link PipelineStats}. */
export interface StageStats {
  stageId: string;
  name: string;
  /** Clients in the stage now. */
  count: number;
  /** Clients that ever entered the stage. */
  entered: number;
  /** Of those, the clients that later entered a later stage (the next or one beyond it). */
  advanced: number;
  /** `advanced / entered`; `null` for the last stage and for a stage nobody entered. */
  conversion: number | null;
  /** Of those that entered, the clients that later entered the last stage. */
  reachedLast: number;
  /** `reachedLast / entered`; `null` for the last stage and for a stage nobody entered. */
  conversionToLast: number | null;
}

/**
 * A pipeline's funnel: per stage, in stage order, how many clients stand in it now and how many
 * of those that ever entered it went further.
 *
 * The history is the pipeline's `stage_changed` timeline entries (undone ones left out) of the
 * clients that exist now. "Later stage" means a later position in the pipeline's current stage
 * order, so reordering stages recomputes the funnel, entries of removed stages count nowhere,
 * and a client placed straight into a stage never entered the ones before it. A member's figures
 * cover the clients they own.
 */
export interface PipelineStats {
  pipelineId: string;
  /** Clients in the pipeline now. */
  clients: number;
  stages: StageStats[];
}

type Move = { from: string | null; to: string | null };

/**
 * A client's stage changes in the order they happened: by time, and where two share a time (two
 * moves in one millisecond), the one that starts where the previous one ended first.
 */
function inOrder(entries: Activity[]): Activity[] {
  const remaining = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  const ordered: Activity[] = [];
  let stage: string | null = null;
  while (remaining.length) {
    const at = remaining[0]!.at;
    let next = remaining.findIndex((entry) => entry.at === at && (entry.data as Move).from === stage);
    if (next < 0) next = 0;
    const [entry] = remaining.splice(next, 1);
    ordered.push(entry!);
    stage = (entry!.data as Move).to;
  }
  return ordered;
}

const ratio = (part: number, whole: number, last: boolean) => (last || whole === 0 ? null : part / whole);

export async function pipelineStats(ctx: CrmContext, pipeline: Pipeline): Promise<PipelineStats> {
  const owned = await ownedClientIds(ctx);
  const counts = owned
    ? await memberCounts(ctx, pipeline, owned)
    : await Promise.all(pipeline.stages.map((stage) => ctx.storage.count('placements', { index: 'pipelineStage', range: stageRange(pipeline.id, stage.id) })));

  const position = new Map(pipeline.stages.map((stage, i) => [stage.id, i]));
  const byClient = new Map<string, Activity[]>();
  for (const entry of await stageHistory(ctx, pipeline.id)) {
    const entries = byClient.get(entry.clientId);
    if (entries) entries.push(entry);
    else byClient.set(entry.clientId, [entry]);
  }
  const paths = new Map<string, number[]>();
  for (const [clientId, entries] of byClient) {
    const path = inOrder(entries).flatMap((entry) => {
      const to = position.get((entry.data as Move).to ?? '');
      return to === undefined ? [] : [to];
    });
    if (path.length) paths.set(clientId, path);
  }
  const ids = [...paths.keys()];
  const clients = await readMany(ctx.storage, 'clients', ids.map((id) => ({ id })));
  ids.forEach((id, i) => {
    const client = clients[i]![0] as Client | undefined;
    if (!client || !canSee(ctx, client)) paths.delete(id);
  });

  const last = pipeline.stages.length - 1;
  const entered = pipeline.stages.map(() => 0);
  const advanced = pipeline.stages.map(() => 0);
  const reachedLast = pipeline.stages.map(() => 0);
  for (const path of paths.values()) {
    path.forEach((stage, k) => {
      // From the first time the client entered the stage: everything after counts.
      if (path.indexOf(stage) !== k) return;
      const after = path.slice(k + 1);
      entered[stage]! += 1;
      if (after.some((later) => later > stage)) advanced[stage]! += 1;
      if (stage !== last && after.includes(last)) reachedLast[stage]! += 1;
    });
  }
  return {
    pipelineId: pipeline.id,
    clients: counts.reduce((sum, count) => sum + count, 0),
    stages: pipeline.stages.map((stage, i) => ({
      stageId: stage.id,
      name: stage.name,
      count: counts[i]!,
      entered: entered[i]!,
      advanced: advanced[i]!,
      conversion: ratio(advanced[i]!, entered[i]!, i === last),
      reachedLast: reachedLast[i]!,
      conversionToLast: ratio(reachedLast[i]!, entered[i]!, i === last),
    })),
  };
}

async function memberCounts(ctx: CrmContext, pipeline: Pipeline, owned: Set<string>): Promise<number[]> {
  const placements = await readAll<Placement>(ctx, 'placements', 'pipelineEntered', pipelineRange(pipeline.id));
  const counts = new Map<string, number>();
  for (const placement of placements) {
    if (owned.has(placement.clientId)) counts.set(placement.stageId, (counts.get(placement.stageId) ?? 0) + 1);
  }
  return pipeline.stages.map((stage) => counts.get(stage.id) ?? 0);
}
