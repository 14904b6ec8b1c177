import * as z from 'zod/mini';
import { Color, IsoDateTime, text } from './common.ts';
import { ClientId, PipelineId, StageId } from './ids.ts';

const name = text(100);

/** One stage of a pipeline; a pipeline's `stages` are in funnel order, first to last. */
export const PipelineStage = z.strictObject({
  id: StageId,
  name,
  color: z.optional(Color),
});
export type PipelineStage = z.infer<typeof PipelineStage>;

const maxStages = 50;

/** W5: a sales funnel with its own ordered stages. */
export const PipelineInput = z.strictObject({
  name,
  stages: z.array(z.strictObject({ name, color: z.optional(Color) })).check(z.minLength(1, 'A pipeline needs a stage'), z.maxLength(maxStages)),
});
export type PipelineInput = z.input<typeof PipelineInput>;

/**
 * Renames a pipeline or gives it a new list of stages, in the new order: an entry with the `id`
 * of a stage keeps (and may rename or recolour) it, one without an `id` adds a stage, and a
 * stage left out is removed.
 */
export const PipelinePatch = z.strictObject({
  name: z.optional(name),
  stages: z.optional(
    z.array(z.strictObject({ id: z.optional(StageId), name, color: z.optional(Color) })).check(z.minLength(1, 'A pipeline needs a stage'), z.maxLength(maxStages)),
  ),
});
export type PipelinePatch = z.input<typeof PipelinePatch>;

export const PipelineSchema = z.strictObject({
  id: PipelineId,
  name,
  stages: z.array(PipelineStage),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.int().check(z.positive()),
});
export type Pipeline = z.infer<typeof PipelineSchema>;

/** Where one client stands in one pipeline: a client is in at most one stage of each pipeline. */
export const PlacementSchema = z.strictObject({
  /** `${pipelineId}:${clientId}`: storage itself keeps a client to one placement per pipeline. */
  id: z.string(),
  pipelineId: PipelineId,
  clientId: ClientId,
  stageId: StageId,
  /** When the client entered the pipeline. */
  placedAt: IsoDateTime,
  /** When the client entered the stage it is in. */
  enteredAt: IsoDateTime,
  version: z.int().check(z.positive()),
});
export type Placement = z.infer<typeof PlacementSchema>;
