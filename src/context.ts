import { CrmError, isCrmError, toCrmError } from './errors.ts';
import type { CrmEvent, EventBus } from './events.ts';
import type { IdGenerator } from './ids.ts';
import type { Principal } from './model/principal.ts';
import type { Settings } from './model/settings.ts';
import type { ChangeSet, StorageAdapter, StoredRecord, WriteOperation } from './storage/adapter.ts';
import type { StoreSearch } from './search/store-search.ts';
import { stageTallies } from './tallies.ts';
import { collapseWrites } from './storage/collapse.ts';
import { crmSchema } from './storage/schema.ts';
import { stageAnalytics } from './analytics/stage-analytics.ts';
import type { StatsCache } from './analytics/stats-cache.ts';
import type { RuleEngine } from './rules/engine.ts';
import { stageRuleEvents } from './rules/stage-rule-events.ts';
import { applySettingsChanges } from './settings-changes.ts';


/** What every service shares. */
export interface CrmContext {
  storage: StorageAdapter;
  events: EventBus;
  newId: IdGenerator;
  principal: Principal;
  settings: Settings;
  /** Tells this instance's writes from other instances' in change notifications. */
  origin: string;
  search: StoreSearch;
  /** Client stats read so far, dropped as writes change them. */
  analytics: StatsCache;
  rules: RuleEngine;
  now(): string;
}

/** The writes and events of one public operation, committed together. */
export class UnitOfWork {
  readonly operations: WriteOperation[] = [];
  readonly events: CrmEvent[] = [];
  /** Set when a rule makes the change: its events go one step deeper into the rule chain. */
  cause?: { depth: number; chain: string[] };
  /**
   * Set by work that read ahead in bulk (a `ReadAhead`'s storage, made for this attempt): the
   * figures and tallies staged after the work read through it too.
   */
  readThrough?: StorageAdapter;
  /** The stored state each touched record had before this unit: what figures kept beside the records are adjusted from. */
  readonly #before = new Map<string, StoredRecord | 'absent'>();
  /** The keys of `#before` in the order they came, so a savepoint can drop the later ones. */
  readonly #touched: string[] = [];
  /** The last operation on each touched record: `staged` answers without scanning a 10,000-write batch. */
  readonly #latest = new Map<string, WriteOperation>();

  /**
   * Stores `record` with its version bumped; `previous` (or `'absent'`) is what the write is based on.
   * `unchecked`: storage does not check that version, because every writer of this record also
   * writes a checked one (its guard), read before it, whose check stands for both.
   */
  put<T extends { id: string; version: number }>(collection: string, record: Omit<T, 'version'>, previous: { version: number } | 'absent', options?: { unchecked: true }): T {
    const version = previous === 'absent' ? 1 : previous.version + 1;
    const stored = { ...record, version } as T;
    this.#remember(collection, record.id, previous);
    this.#push({
      type: 'put',
      collection,
      record: stored as unknown as StoredRecord,
      ...(options?.unchecked ? {} : { expectedVersion: previous === 'absent' ? 'absent' : previous.version }),
    });
    return stored;
  }

  /** The record this unit has staged for `id` (or `null` when it deletes it), `undefined` when untouched. */
  staged<T>(collection: string, id: string): T | null | undefined {
    const op = this.#latest.get(`${collection}\u0000${id}`);
    if (op === undefined) return undefined;
    return op.type === 'put' ? (op.record as T) : null;
  }

  delete(collection: string, record: { id: string; version: number }): void {
    this.#remember(collection, record.id, record);
    this.#push({ type: 'delete', collection, id: record.id, expectedVersion: record.version });
  }

  #push(op: WriteOperation): void {
    this.operations.push(op);
    this.#latest.set(`${op.collection}\u0000${op.type === 'put' ? op.record.id : op.id}`, op);
  }

  /**
   * What `collection`'s records looked like before this unit, and what it leaves them as (`null`:
   * deleted), for every record it touches. Writers hand `put` and `delete` the whole record they
   * read, so this needs no reads.
   */
  changes<T>(collection: string): { id: string; before: T | undefined; after: T | undefined }[] {
    const prefix = `${collection}\u0000`;
    const result: { id: string; before: T | undefined; after: T | undefined }[] = [];
    for (const [key, before] of this.#before) {
      if (!key.startsWith(prefix)) continue;
      const id = key.slice(prefix.length);
      const after = this.staged<T>(collection, id);
      result.push({ id, before: before === 'absent' ? undefined : (before as T), after: after ?? undefined });
    }
    return result;
  }

  #remember(collection: string, id: string, previous: { version: number } | 'absent'): void {
    const key = `${collection}\u0000${id}`;
    if (this.#before.has(key)) return;
    this.#before.set(key, previous as StoredRecord | 'absent');
    this.#touched.push(key);
  }

  emit(event: CrmEvent): void {
    this.events.push(event);
  }

  /** Marks the current point; the returned function drops everything staged after it. */
  savepoint(): () => void {
    const [operations, events, remembered] = [this.operations.length, this.events.length, this.#touched.length];
    return () => {
      this.operations.length = operations;
      this.events.length = events;
      for (const key of this.#touched.splice(remembered)) this.#before.delete(key);
      // Rare (a rejected row): rebuilding is simpler than undoing each entry.
      this.#latest.clear();
      for (const op of this.operations) this.#latest.set(`${op.collection}\u0000${op.type === 'put' ? op.record.id : op.id}`, op);
    };
  }
}

/**
 * Attempts per error a commit may fail with. A `conflict` means someone wrote in between. So does
 * a `duplicate` at commit, as every unit checks the unique keys it writes when it reads: another
 * writer took the key since (e.g. gave an existing client the tax ID a new one was to get), and a
 * fresh attempt finds that holder; one that still collides is a real duplicate.
 */
const retriedUpTo: Partial<Record<string, number>> = { conflict: 25, duplicate: 3 };

// Random, growing pauses between attempts keep writers racing for one record from colliding in lockstep.
const pause = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 100)));

/**
 * Runs `work` and commits what it staged in one all-or-nothing batch, then emits its events.
 * A conflict at commit means someone wrote in between: the work runs again on fresh data, so a
 * caller's own `expectedVersion` check (made inside `work`) then fails loudly instead of losing data.
 * So does a key taken at commit (see `retriedUpTo`).
 */
export async function transact<T>(ctx: CrmContext, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const uow = new UnitOfWork();
    const result = await work(uow);
    // Their reads side by side: they stage records of their own (figures, tallies) from what `work` staged.
    const reading = uow.readThrough ? { ...ctx, storage: uow.readThrough } : ctx;
    const [counters] = await Promise.all([stageAnalytics(reading, uow), stageTallies(reading, uow)]);
    stageRuleEvents(ctx, uow, counters);
    // What is written is also what the in-memory indexes and caches learn: a record once, as it ends.
    const written = collapseWrites(uow.operations, crmSchema);
    try {
      if (written.length) await ctx.storage.write(written, { origin: ctx.origin, events: uow.events });
    } catch (error) {
      if (isCrmError(error) && attempt < (retriedUpTo[error.code] ?? 1)) {
        await pause(attempt);
        continue;
      }
      throw toCrmError(error);
    }
    applyChanges(ctx, {
      puts: written.flatMap((op) => (op.type === 'put' ? [{ collection: op.collection, record: op.record }] : [])),
      deletes: written.flatMap((op) => (op.type === 'delete' ? [{ collection: op.collection, id: op.id }] : [])),
    });
    for (const event of uow.events) ctx.events.emit(event);
    if (written.some((op) => op.collection === 'ruleEvents' && op.type === 'put')) ctx.rules.kick();
    return result;
  }
}

/** Tells the in-memory indexes and caches of a committed batch; before its events, as a listener of `settings.changed` reads the settings it is told of. */
export function applyChanges(ctx: CrmContext, changes: Pick<ChangeSet, 'puts' | 'deletes'>): void {
  ctx.search.apply(changes);
  ctx.analytics.apply(changes);
  ctx.rules.apply(changes);
  applySettingsChanges(ctx, changes);
}

/** Throws `conflict` when the caller's `expectedVersion` is stale; carries the current record. */
export function checkVersion(record: { id: string; version: number }, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && record.version !== expectedVersion) {
    throw new CrmError('conflict', `${record.id} was changed by someone else (version ${record.version}, you had ${expectedVersion})`, {
      current: record,
      details: { id: record.id, expectedVersion, actualVersion: record.version },
    });
  }
}
