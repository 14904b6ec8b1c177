import { recordActivity } from '../activities/record.ts';
import type { CrmContext, UnitOfWork } from '../context.ts';
import type { Activity } from '../model/activity.ts';
import type { Pipeline, Placement } from '../model/pipeline.ts';
import type { KeyRange } from '../storage/adapter.ts';
import { readAll } from '../storage/read-all.ts';
import { withoutVersion } from '../compact.ts';

/** One id per client and pipeline: storage itself refuses a second placement of the client there. */
export const placementId = (pipelineId: string, clientId: string) => `${pipelineId}:${clientId}`;

/** The index range of a stage's placements (`pipelineStage` is keyed `[pipelineId, stageId, enteredAt]`). */
export const stageRange = (pipelineId: string, stageId: string): KeyRange => ({ gte: [pipelineId, stageId], lt: [pipelineId, stageId, []] });

/** The index range of a pipeline's placements (`pipelineEntered` is keyed `[pipelineId, enteredAt]`). */
export const pipelineRange = (pipelineId: string): KeyRange => ({ gte: [pipelineId], lt: [pipelineId, []] });

export const readPlacement = async (ctx: CrmContext, pipelineId: string, clientId: string) =>
  (await ctx.storage.get('placements', placementId(pipelineId, clientId))) as Placement | undefined;

export const placementsOf = (ctx: CrmContext, clientId: string) => readAll<Placement>(ctx, 'placements', 'clientId', { eq: clientId });


export interface StageChange {
  pipeline: Pipeline;
  clientId: string;
  /** Where the client stands now. */
  current: Placement | undefined;
  /** The stage to put the client in; `null` takes it out of the pipeline. */
  to: string | null;
  batchId?: string;
  /** `false` for changes no undo could reverse, e.g. into a stage that has just been removed. */
  undoable?: boolean;
  /** Made by `sampleData.insert`, not by the user: removing the sample removes it too. */
  sample?: boolean;
  /** The pipeline before an edit that removed the stage the client leaves: its name is there. */
  previous?: Pipeline;
}

/**
 * Stages a client's move into, within or out of a pipeline, with its `stage_changed` timeline
 * entry (the stage history) and event. Returns the placement, `undefined` when the client left.
 */
export function changeStage(ctx: CrmContext, uow: UnitOfWork, change: StageChange): Placement | undefined {
  const { pipeline, clientId, current, to, batchId, undoable = true, sample, previous } = change;
  const from = current?.stageId ?? null;
  // The stage names as they are now, kept with the history: a stage removed later still reads by name.
  const stageName = (id: string | null) => [...pipeline.stages, ...(previous?.stages ?? [])].find((stage) => stage.id === id)?.name;
  const [fromName, toName] = [stageName(from), stageName(to)];
  const now = ctx.now();
  let placement: Placement | undefined;
  if (to === null) uow.delete('placements', current!);
  else {
    placement = uow.put<Placement>(
      'placements',
      { id: placementId(pipeline.id, clientId), pipelineId: pipeline.id, clientId, stageId: to, placedAt: current?.placedAt ?? now, enteredAt: now },
      current ?? 'absent',
    );
  }
  recordActivity(ctx, uow, {
    clientId,
    type: 'stage_changed',
    subject: pipeline.name,
    undoable,
    ...(batchId ? { batchId } : {}),
    data: { pipelineId: pipeline.id, from, to, ...(fromName ? { fromName } : {}), ...(toName ? { toName } : {}), ...(sample ? { sample } : {}) },
  });
  uow.emit({ type: 'pipeline.stage_changed', clientId, pipelineId: pipeline.id, from, to });
  return placement;
}

/** What a merge did to the merged client's placements, for its undo. */
export interface MergedPlacements {
  /** Pipelines where the kept client took over the merged one's place. */
  moved: string[];
  /** The merged client's places in pipelines where the kept client already stood, and stays. */
  dropped: Placement[];
}

/** Stages a merge's part for placements: the kept client takes the merged one's places, but keeps its own. */
export async function mergePlacements(ctx: CrmContext, uow: UnitOfWork, keepId: string, mergedId: string): Promise<MergedPlacements> {
  const keptIn = new Set((await placementsOf(ctx, keepId)).map((placement) => placement.pipelineId));
  const result: MergedPlacements = { moved: [], dropped: [] };
  for (const placement of await placementsOf(ctx, mergedId)) {
    uow.delete('placements', placement);
    uow.emit({ type: 'pipeline.stage_changed', clientId: mergedId, pipelineId: placement.pipelineId, from: placement.stageId, to: null });
    if (keptIn.has(placement.pipelineId)) {
      result.dropped.push(placement);
      continue;
    }
    uow.put<Placement>('placements', { ...withoutVersion(placement), id: placementId(placement.pipelineId, keepId), clientId: keepId }, 'absent');
    uow.emit({ type: 'pipeline.stage_changed', clientId: keepId, pipelineId: placement.pipelineId, from: null, to: placement.stageId });
    result.moved.push(placement.pipelineId);
  }
  return result;
}

/** Undoes {@link mergePlacements}: places the kept client took over go back, dropped ones return where their stage still exists. */
export async function unmergePlacements(ctx: CrmContext, uow: UnitOfWork, keepId: string, mergedId: string, merged: MergedPlacements): Promise<void> {
  for (const pipelineId of merged.moved) {
    const placement = await readPlacement(ctx, pipelineId, keepId);
    // Taken out of the pipeline since: nothing to give back.
    if (!placement) continue;
    uow.delete('placements', placement);
    uow.emit({ type: 'pipeline.stage_changed', clientId: keepId, pipelineId, from: placement.stageId, to: null });
    uow.put<Placement>('placements', { ...withoutVersion(placement), id: placementId(pipelineId, mergedId), clientId: mergedId }, 'absent');
    uow.emit({ type: 'pipeline.stage_changed', clientId: mergedId, pipelineId, from: null, to: placement.stageId });
  }
  await restorePlacements(ctx, uow, merged.dropped);
}

/** Stages taking a client out of every pipeline (it is being deleted); returns what undo puts back. */
export async function removePlacements(ctx: CrmContext, uow: UnitOfWork, clientId: string): Promise<Placement[]> {
  const placements = await placementsOf(ctx, clientId);
  for (const placement of placements) {
    uow.delete('placements', placement);
    uow.emit({ type: 'pipeline.stage_changed', clientId, pipelineId: placement.pipelineId, from: placement.stageId, to: null });
  }
  return placements;
}

/** Puts placements back where their pipeline and stage still exist and the client holds no other place there. */
export async function restorePlacements(ctx: CrmContext, uow: UnitOfWork, placements: Placement[]): Promise<void> {
  for (const placement of placements) {
    const pipeline = (await ctx.storage.get('pipelines', placement.pipelineId)) as Pipeline | undefined;
    if (!pipeline?.stages.some((stage) => stage.id === placement.stageId)) continue;
    if (await ctx.storage.get('placements', placement.id)) continue;
    uow.put<Placement>('placements', withoutVersion(placement), 'absent');
    uow.emit({ type: 'pipeline.stage_changed', clientId: placement.clientId, pipelineId: placement.pipelineId, from: null, to: placement.stageId });
  }
}

/** The stage history entries of one pipeline, oldest first, without the undone ones. */
export async function stageHistory(ctx: CrmContext, pipelineId: string): Promise<Activity[]> {
  const entries = await readAll<Activity>(ctx, 'activities', 'pipelineAt', pipelineRange(pipelineId));
  return entries.filter((entry) => !entry.undoneAt);
}
