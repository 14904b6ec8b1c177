import * as z from 'zod/mini';

/** Prefixes tell record kinds apart in logs and URLs. Orders keep the shop's own id. */
export const idPrefixes = {
  client: 'cli',
  note: 'not',
  activity: 'act',
  status: 'sts',
  star: 'str',
  batch: 'bat',
  rule: 'rul',
  task: 'tsk',
  pipeline: 'pip',
  stage: 'stg',
} as const;
export type IdKind = keyof typeof idPrefixes;

const prefixed = (kind: IdKind) =>
  z.string().check(z.regex(new RegExp(`^${idPrefixes[kind]}_[A-Za-z0-9]{1,60}$`), `Expected a ${kind} id (${idPrefixes[kind]}_…)`));

export const ClientId = prefixed('client');
export const NoteId = prefixed('note');
export const ActivityId = prefixed('activity');
export const StatusId = prefixed('status');
export const StarId = prefixed('star');
export const RuleId = prefixed('rule');
export const TaskId = prefixed('task');
export const PipelineId = prefixed('pipeline');
export const StageId = prefixed('stage');
/** The shop's order id, kept as the shop gives it. */
export const OrderId = z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(100));
