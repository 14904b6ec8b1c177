import * as z from 'zod/mini';
import { ownedClientIds, readClient, requireAdmin } from '../clients/access.ts';
import { checkVersion, transact, type CrmContext, type UnitOfWork } from '../context.ts';
import { compact } from '../compact.ts';
import { CrmError, invalid, notFound } from '../errors.ts';
import type { Client } from '../model/client.ts';
import { ClientId, PipelineId, StageId } from '../model/ids.ts';
import { PipelineInput, PipelinePatch, type Pipeline, type PipelineStage, type Placement } from '../model/pipeline.ts';
import { filteredPage } from '../storage/filtered-page.ts';
import { readMany } from '../storage/read-ahead.ts';
import { readAll } from '../storage/read-all.ts';
import { expectedVersionOf, type UpdateOptions } from '../update-options.ts';
import { parse } from '../validation.ts';
import { changeStage, pipelineRange, placementsOf, readPlacement, stageRange } from './placements.ts';
import { pipelineStats, type PipelineStats } from './stats.ts';

export const PipelineUpdateOptions = z.optional(z.strictObject({
  expectedVersion: z.optional(z.int()),
  /**
   * Where the clients of each removed stage go: a stage the pipeline keeps, or `null` to take
   * them out of the pipeline. Removing a stage that holds clients needs it.
   */
  moveClientsTo: z.optional(z.record(StageId, z.nullable(StageId))),
}));
export type PipelineUpdateOptions = z.input<typeof PipelineUpdateOptions>;

export const PipelineDeleteOptions = z.optional(z.strictObject({
  expectedVersion: z.optional(z.int()),
  /** Takes the pipeline's clients out of it; deleting a pipeline that holds clients needs it. */
  removePlacements: z.optional(z.boolean()),
}));
export type PipelineDeleteOptions = z.input<typeof PipelineDeleteOptions>;

export const PipelineClientsOptions = z.optional(z.strictObject({
  limit: z.optional(z.int().check(z.gte(1), z.lte(1000))),
  cursor: z.optional(z.string()),
}));
export type PipelineClientsOptions = z.input<typeof PipelineClientsOptions>;

/** A client in a pipeline and where it stands there. */
export interface PipelineClient {
  client: Client;
  placement: Placement;
}

/** A page of `crm.pipelines.clients`; `cursor` is present when more follow. */
export interface PipelineClientPage {
  items: PipelineClient[];
  cursor?: string;
}

/** The ids `place` and `move` take, validated. */
const parseTarget = (clientId: unknown, pipelineId: unknown, stageId: unknown) => ({
  client: parse(ClientId, clientId, ['clientId']),
  pipeline: parse(PipelineId, pipelineId, ['pipelineId']),
  stage: parse(StageId, stageId, ['stageId']),
});

const byCreation = (a: Pipeline, b: Pipeline) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** Stage names tell stages apart on a board and in reports, so two may not share one. */
function checkStageNames(stages: { name: string }[]): void {
  const seen = new Set<string>();
  stages.forEach((stage, i) => {
    const key = stage.name.toLocaleLowerCase();
    if (seen.has(key)) throw invalid(['stages', i, 'name'], 'Another stage has this name');
    seen.add(key);
  });
}

/** A field's message inside a sentence that names the record first; option names keep their case. */
const lowerFirst = (message: string) => message.charAt(0).toLowerCase() + message.slice(1);

/** `crm.pipelines`: sales funnels with their own ordered stages, and the clients in them (W5). */
export function pipelinesService(ctx: CrmContext) {
  /** A pipeline's shape is the whole team's, and reshaping it moves every owner's clients. */
  const adminOnly = () => requireAdmin(ctx, 'Reshaping a pipeline moves every owner\'s clients');

  async function readPipeline(id: string): Promise<Pipeline> {
    const pipeline = (await ctx.storage.get('pipelines', id)) as Pipeline | undefined;
    if (!pipeline) throw notFound('Pipeline', id);
    return pipeline;
  }

  function stageOf(pipeline: Pipeline, stageId: string): PipelineStage {
    const stage = pipeline.stages.find((s) => s.id === stageId);
    if (!stage) throw new CrmError('not_found', `Pipeline ${pipeline.name} has no stage ${stageId}`, { details: { what: 'Stage', id: stageId, pipelineId: pipeline.id } });
    return stage;
  }

  async function readPlaced(pipeline: Pipeline, clientId: string): Promise<Placement> {
    const placement = await readPlacement(ctx, pipeline.id, clientId);
    if (!placement) throw new CrmError('not_found', `Client ${clientId} is not in pipeline ${pipeline.name}`, { details: { what: 'Placement', clientId, pipelineId: pipeline.id } });
    return placement;
  }

  /** Stages the new stage list of `update`, moving the clients of removed stages as told. */
  async function restage(uow: UnitOfWork, previous: Pipeline, pipeline: Pipeline, moveClientsTo: Record<string, string | null>): Promise<void> {
    const kept = new Set(pipeline.stages.map((stage) => stage.id));
    // One batch: the timeline shows the clients a stage removal moved as one change.
    const batchId = ctx.newId('batch');
    for (const stage of previous.stages) {
      if (kept.has(stage.id)) continue;
      const placed = await readAll<Placement>(ctx, 'placements', 'pipelineStage', stageRange(previous.id, stage.id));
      if (!placed.length) continue;
      const target = moveClientsTo[stage.id];
      if (target === undefined) {
        const message = `Holds ${placed.length} client(s): choose a stage for them, or null to take them out of the pipeline`;
        throw new CrmError('validation', `Stage ${stage.name} ${lowerFirst(message)}`, {
          fields: [{ path: ['moveClientsTo', stage.id], message }],
          details: { stageId: stage.id, inUse: placed.length },
        });
      }
      if (target !== null && !kept.has(target)) throw invalid(['moveClientsTo', stage.id], 'Choose a stage the pipeline keeps');
      // The stage they came from is gone, so no undo could put them back: these entries are history only.
      for (const current of placed) changeStage(ctx, uow, { pipeline, previous, clientId: current.clientId, current, to: target, batchId, undoable: false });
    }
  }

  return {
    /**
     * Creates a pipeline with its stages in funnel order.
     * @example
     * ```ts
     * const sales = await crm.pipelines.create({ name: 'Sales', stages: [{ name: 'Lead' }, { name: 'Offer', color: '#ffb300' }, { name: 'Won' }] });
     * ```
     */
    async create(input: PipelineInput): Promise<Pipeline> {
      adminOnly();
      const data = parse(PipelineInput, input);
      checkStageNames(data.stages);
      return transact(ctx, async (uow) => {
        const now = ctx.now();
        const stages = data.stages.map((stage) => compact({ id: ctx.newId('stage'), ...stage }));
        const pipeline = uow.put<Pipeline>('pipelines', { id: ctx.newId('pipeline'), name: data.name, stages, createdAt: now, updatedAt: now }, 'absent');
        uow.emit({ type: 'pipelines.changed', pipeline, change: 'created' });
        return pipeline;
      });
    },

    /**
     * Every pipeline, oldest first.
     * @example
     * ```ts
     * const [sales] = await crm.pipelines.list();
     * ```
     */
    async list(): Promise<Pipeline[]> {
      return (await readAll<Pipeline>(ctx, 'pipelines')).sort(byCreation);
    },

    /**
     * Reads one pipeline; `not_found` when it does not exist.
     * @example
     * ```ts
     * const { stages } = await crm.pipelines.get(pipelineId);
     * ```
     */
    async get(id: string): Promise<Pipeline> {
      return readPipeline(parse(PipelineId, id, ['id']));
    },

    /**
     * Renames a pipeline, or gives it a new stage list in the new order: an entry with a stage's
     * `id` keeps that stage (renamed, recoloured), one without adds a stage, a stage left out is
     * removed. Removing a stage that holds clients needs `moveClientsTo[stageId]`: a kept stage,
     * or `null` to take them out of the pipeline; without it the call fails with `validation`.
     * @example
     * ```ts
     * const [lead, offer, won] = sales.stages;
     * await crm.pipelines.update(sales.id, {
     *   stages: [{ id: lead.id, name: 'New lead' }, { name: 'Meeting' }, { id: won.id, name: 'Won' }],
     * }, { expectedVersion: sales.version, moveClientsTo: { [offer.id]: lead.id } });
     * ```
     */
    async update(id: string, patch: PipelinePatch, options?: PipelineUpdateOptions): Promise<Pipeline> {
      adminOnly();
      const pipelineId = parse(PipelineId, id, ['id']);
      const data = parse(PipelinePatch, patch);
      const { expectedVersion, moveClientsTo = {} } = parse(PipelineUpdateOptions, options) ?? {};
      if (data.stages) checkStageNames(data.stages);
      return transact(ctx, async (uow) => {
        const previous = await readPipeline(pipelineId);
        checkVersion(previous, expectedVersion);
        let stages = previous.stages;
        if (data.stages) {
          const known = new Set(previous.stages.map((stage) => stage.id));
          const listed = new Set<string>();
          data.stages.forEach((stage, i) => {
            if (stage.id === undefined) return;
            if (!known.has(stage.id)) throw invalid(['stages', i, 'id'], 'Not a stage of this pipeline');
            if (listed.has(stage.id)) throw invalid(['stages', i, 'id'], 'Listed twice');
            listed.add(stage.id);
          });
          stages = data.stages.map(({ id: stageId, ...stage }) => compact({ id: stageId ?? ctx.newId('stage'), ...stage }));
        }
        const pipeline = uow.put<Pipeline>('pipelines', { ...previous, name: data.name ?? previous.name, stages, updatedAt: ctx.now() }, previous);
        await restage(uow, previous, pipeline, moveClientsTo);
        uow.emit({ type: 'pipelines.changed', pipeline, change: 'updated' });
        return pipeline;
      });
    },

    /**
     * Deletes a pipeline. One that holds clients is refused (`validation` on `removePlacements`)
     * unless `removePlacements: true` takes them out first; their timelines keep the stage
     * history, ending with leaving the pipeline.
     * @example
     * ```ts
     * await crm.pipelines.delete(sales.id, { removePlacements: true });
     * ```
     */
    async delete(id: string, options?: PipelineDeleteOptions): Promise<void> {
      adminOnly();
      const pipelineId = parse(PipelineId, id, ['id']);
      const { expectedVersion, removePlacements = false } = parse(PipelineDeleteOptions, options) ?? {};
      await transact(ctx, async (uow) => {
        const pipeline = await readPipeline(pipelineId);
        checkVersion(pipeline, expectedVersion);
        const placed = await readAll<Placement>(ctx, 'placements', 'pipelineEntered', pipelineRange(pipeline.id));
        if (placed.length && !removePlacements) {
          const message = `Holds ${placed.length} client(s): pass removePlacements: true to take them out`;
          throw new CrmError('validation', `Pipeline ${pipeline.name} ${lowerFirst(message)}`, {
            fields: [{ path: ['removePlacements'], message }],
            details: { inUse: placed.length },
          });
        }
        // With the pipeline gone, these cannot be undone.
        for (const current of placed) changeStage(ctx, uow, { pipeline, clientId: current.clientId, current, to: null, undoable: false });
        uow.delete('pipelines', pipeline);
        uow.emit({ type: 'pipelines.changed', pipeline, change: 'deleted' });
      });
    },

    /**
     * Puts a client into a stage of a pipeline, or moves it there when it is already in the
     * pipeline (a client stands in one stage per pipeline, and may be in several pipelines).
     * Each change is a `stage_changed` entry on the client's timeline, which undo reverses.
     * @example
     * ```ts
     * await crm.pipelines.place(client.id, sales.id, sales.stages[0].id);
     * ```
     */
    async place(clientId: string, pipelineId: string, stageId: string): Promise<Placement> {
      const target = parseTarget(clientId, pipelineId, stageId);
      return transact(ctx, async (uow) => {
        await readClient(ctx, target.client);
        const pipeline = await readPipeline(target.pipeline);
        stageOf(pipeline, target.stage);
        const current = await readPlacement(ctx, pipeline.id, target.client);
        if (current?.stageId === target.stage) return current;
        return changeStage(ctx, uow, { pipeline, clientId: target.client, current, to: target.stage })!;
      });
    },

    /**
     * Moves a client already in the pipeline to another of its stages, any of them, backwards
     * too; `not_found` when the client is not in the pipeline. With `expectedVersion` (the
     * placement's), a client someone else moved meanwhile is a `conflict`.
     * @example
     * ```ts
     * await crm.pipelines.move(client.id, sales.id, won.id, { expectedVersion: placement.version });
     * ```
     */
    async move(clientId: string, pipelineId: string, stageId: string, options?: UpdateOptions): Promise<Placement> {
      const target = parseTarget(clientId, pipelineId, stageId);
      const expectedVersion = expectedVersionOf(options);
      return transact(ctx, async (uow) => {
        await readClient(ctx, target.client);
        const pipeline = await readPipeline(target.pipeline);
        stageOf(pipeline, target.stage);
        const current = await readPlaced(pipeline, target.client);
        checkVersion(current, expectedVersion);
        if (current.stageId === target.stage) return current;
        return changeStage(ctx, uow, { pipeline, clientId: target.client, current, to: target.stage })!;
      });
    },

    /**
     * Takes a client out of a pipeline; `not_found` when it is not in it.
     * @example
     * ```ts
     * await crm.pipelines.remove(client.id, sales.id);
     * ```
     */
    async remove(clientId: string, pipelineId: string, options?: UpdateOptions): Promise<void> {
      const client = parse(ClientId, clientId, ['clientId']);
      const id = parse(PipelineId, pipelineId, ['pipelineId']);
      const expectedVersion = expectedVersionOf(options);
      await transact(ctx, async (uow) => {
        await readClient(ctx, client);
        const pipeline = await readPipeline(id);
        const current = await readPlaced(pipeline, client);
        checkVersion(current, expectedVersion);
        changeStage(ctx, uow, { pipeline, clientId: client, current, to: null });
      });
    },

    /**
     * Where a client stands: its placement in each pipeline it is in.
     * @example
     * ```ts
     * for (const { pipelineId, stageId } of await crm.pipelines.placements(client.id)) show(pipelineId, stageId);
     * ```
     */
    async placements(clientId: string): Promise<Placement[]> {
      const id = parse(ClientId, clientId, ['clientId']);
      await readClient(ctx, id);
      return placementsOf(ctx, id);
    },

    /**
     * The clients in a pipeline, or in one of its stages, a page at a time: in a stage, the
     * longest there first; across the pipeline, by when they entered their stage. A member
     * gets the clients they own.
     * @example
     * ```ts
     * const { items, cursor } = await crm.pipelines.clients(sales.id, lead.id, { limit: 50 });
     * items.map(({ client, placement }) => [client.name, placement.enteredAt]);
     * ```
     */
    async clients(pipelineId: string, stageId?: string, options?: PipelineClientsOptions): Promise<PipelineClientPage> {
      const id = parse(PipelineId, pipelineId, ['pipelineId']);
      const stage = parse(z.optional(StageId), stageId, ['stageId']);
      const { limit = 100, cursor } = parse(PipelineClientsOptions, options, ['options']) ?? {};
      const pipeline = await readPipeline(id);
      if (stage) stageOf(pipeline, stage);
      const owned = await ownedClientIds(ctx);
      const page = await filteredPage<Placement>(ctx, {
        collection: 'placements',
        ...(stage ? { index: 'pipelineStage', range: stageRange(id, stage) } : { index: 'pipelineEntered', range: pipelineRange(id) }),
        direction: 'asc',
        limit,
        cursor,
        matches: (placement) => !owned || owned.has(placement.clientId),
        exact: !owned,
      });
      const clients = await readMany(ctx.storage, 'clients', page.items.map((placement) => ({ id: placement.clientId })));
      const items = page.items.flatMap((placement, i) => {
        const client = clients[i]![0] as Client | undefined;
        // A client deleted between the two reads has left the pipeline too.
        return client ? [{ client, placement }] : [];
      });
      return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
    },

    /**
     * Per-stage counts and conversion of a pipeline (see {@link PipelineStats} for how
     * conversion is derived from the stage history).
     * @example
     * ```ts
     * const { stages } = await crm.pipelines.stats(sales.id);
     * stages.map((s) => `${s.name}: ${s.count} now, ${Math.round((s.conversion ?? 0) * 100)} % went further`);
     * ```
     */
    async stats(pipelineId: string): Promise<PipelineStats> {
      return pipelineStats(ctx, await readPipeline(parse(PipelineId, pipelineId, ['pipelineId'])));
    },
  };
}
export type PipelinesService = ReturnType<typeof pipelinesService>;
