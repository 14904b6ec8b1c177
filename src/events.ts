import type { Activity } from './model/activity.ts';
import type { Client } from './model/client.ts';
import type { Note } from './model/note.ts';
import type { Order } from './model/order.ts';
import type { Rule, RuleTrigger } from './model/rule.ts';
import type { Status } from './model/status.ts';
import type { StarKind } from './model/star.ts';
import type { Task } from './model/task.ts';
import type { Pipeline } from './model/pipeline.ts';
import type { Settings } from './model/settings.ts';

/** Names of the domain events `crm.on` delivers, after the change has been stored. */
export const CrmEvents = {
  CLIENT_CREATED: 'client.created',
  CLIENT_UPDATED: 'client.updated',
  CLIENT_DELETED: 'client.deleted',
  CLIENTS_MERGED: 'clients.merged',
  ORDER_CREATED: 'order.created',
  ORDER_UPDATED: 'order.updated',
  ORDER_LINKED: 'order.linked',
  ORDER_UNLINKED: 'order.unlinked',
  NOTE_ADDED: 'note.added',
  NOTE_UPDATED: 'note.updated',
  NOTE_DELETED: 'note.deleted',
  ACTIVITY_ADDED: 'activity.added',
  ACTIVITY_UNDONE: 'activity.undone',
  STATUSES_CHANGED: 'statuses.changed',
  STAR_KINDS_CHANGED: 'star_kinds.changed',
  RULES_CHANGED: 'rules.changed',
  RULE_FIRED: 'rule.fired',
  TASK_CREATED: 'task.created',
  TASK_UPDATED: 'task.updated',
  TASK_COMPLETED: 'task.completed',
  TASK_DELETED: 'task.deleted',
  PIPELINES_CHANGED: 'pipelines.changed',
  PIPELINE_STAGE_CHANGED: 'pipeline.stage_changed',
  SETTINGS_CHANGED: 'settings.changed',
} as const;

export type CatalogChange = 'created' | 'updated' | 'deleted';

/** What each event carries. */
export interface CrmEventMap {
  'client.created': { client: Client };
  'client.updated': { client: Client; previous: Client };
  'client.deleted': { client: Client };
  'clients.merged': { client: Client; mergedId: string };
  'order.created': { order: Order };
  'order.updated': { order: Order; previous: Order };
  /** `reminder` is the client's next-order reminder (K11), when one is set. */
  'order.linked': { order: Order; client: Client; reminder?: string };
  'order.unlinked': { order: Order; clientId: string };
  'note.added': { note: Note };
  'note.updated': { note: Note };
  'note.deleted': { note: Note };
  'activity.added': { activity: Activity };
  'activity.undone': { activity: Activity };
  'statuses.changed': { status: Status; change: CatalogChange };
  'star_kinds.changed': { starKind: StarKind; change: CatalogChange };
  'rules.changed': { rule: Rule; change: CatalogChange };
  /** A rule's `emit_event` action: the host turns `payload` into an e-mail, a webhook… */
  'rule.fired': { rule: { id: string; name: string }; eventId: string; trigger: RuleTrigger; clientId?: string; orderId?: string; payload: Record<string, unknown> };
  'task.created': { task: Task };
  /** Rescheduled, reassigned, retitled or reopened. */
  'task.updated': { task: Task; previous: Task };
  'task.completed': { task: Task };
  'task.deleted': { task: Task };
  'pipelines.changed': { pipeline: Pipeline; change: CatalogChange };
  /** A client entered (`from: null`), moved within or left (`to: null`) a pipeline. */
  'pipeline.stage_changed': { clientId: string; pipelineId: string; from: string | null; to: string | null };
  /** The settings as they now are, changed here or by another instance on the same store. */
  'settings.changed': { settings: Settings };
}
export type CrmEventName = keyof CrmEventMap;
export type CrmEvent = { [K in CrmEventName]: { type: K } & CrmEventMap[K] }[CrmEventName];

type Handler<K extends CrmEventName> = (event: { type: K } & CrmEventMap[K]) => void;

/**
 * A typed event bus. A failing handler is logged and never breaks the write that emitted
 * the event nor the other handlers.
 */
export class EventBus {
  readonly #handlers = new Map<CrmEventName | '*', Set<(event: CrmEvent) => void>>();

  on<K extends CrmEventName>(type: K, handler: Handler<K>): () => void;
  on(type: '*', handler: (event: CrmEvent) => void): () => void;
  on(type: CrmEventName | '*', handler: (event: never) => void): () => void {
    const set = this.#handlers.get(type) ?? new Set();
    this.#handlers.set(type, set);
    const entry = handler as (event: CrmEvent) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  emit(event: CrmEvent): void {
    for (const key of [event.type, '*'] as const) {
      for (const handler of this.#handlers.get(key) ?? []) {
        try {
          handler(event);
        } catch (error) {
          console.error(`kartoteka: a "${event.type}" handler failed`, error);
        }
      }
    }
  }
}
