import type { RuleTrigger } from '../model/rule.ts';
import type { OrderCounters } from './facts.ts';

/**
 * A trigger that happened, waiting in the `ruleEvents` collection for the engine: written in the
 * same batch as the change that raised it, so a closed tab or a crash loses none; deleted in the
 * batch that applies the rules it fires, so none runs twice.
 */
export interface RuleEvent {
  /** `trigger:subject:version:unit`: one per change; every delivery of it carries the same id. */
  id: string;
  version: number;
  trigger: RuleTrigger;
  at: string;
  /** Orders the queue within one batch. */
  seq: number;
  clientId?: string;
  orderId?: string;
  /** 1 for a change made by hand or by the shop; one more for each rule in the chain that led to it. */
  depth: number;
  /** The rules whose changes led to this event, first one first. */
  chain: string[];
  counters?: OrderCounters;
}

/** How deep rules may set off rules. */
export const MAX_CHAIN_DEPTH = 3;
