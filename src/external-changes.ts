import { applyChanges, type CrmContext } from './context.ts';
import type { CrmEvent } from './events.ts';
import type { ChangeSet, StoredRecord } from './storage/adapter.ts';
import { changedKeys, recordKey, type RecordKey } from './storage/changed-keys.ts';
import { readMany } from './storage/read-ahead.ts';

/**
 * How an instance learns the batches other instances (other tabs) committed. A batch can arrive
 * late: a tab busy when it committed posts it after a newer batch of another tab has arrived. So
 * the records kept in memory (search, rules, settings) are read again from storage, which holds
 * the newest, instead of being taken from the batch. Batches are handled one at a time in the
 * order they arrive, so no read lands before an earlier one; each batch's events go out once
 * its reads have, so a listener finds what they tell of. The events tell what the batch did,
 * with its records, so a late one carries older versions than a listener may hold.
 */
export class ExternalChanges {
  readonly #ctx: CrmContext;
  #queue: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(ctx: CrmContext) {
    this.#ctx = ctx;
  }

  receive(changes: ChangeSet): void {
    this.#queue = this.#queue
      .then(() => this.#apply(changes))
      .catch((error: unknown) => {
        if (!this.#stopped) console.error('kartoteka: could not apply what another tab changed', error);
      });
  }

  /** Before the storage closes: batches still queued are dropped. */
  stop(): void {
    this.#stopped = true;
  }

  async #apply(changes: ChangeSet): Promise<void> {
    const kept = (collection: string, id: string) => this.#keptInMemory(collection, id);
    const keys = new Map<string, RecordKey>();
    for (const key of changedKeys(changes)) if (kept(key.collection, key.id)) keys.set(recordKey(key), key);
    let fresh: Pick<ChangeSet, 'puts' | 'deletes'>;
    try {
      const stored = await this.#read([...keys.values()]);
      fresh = {
        // The rest is only forgotten by key (figures, counters): the batch's own records do.
        puts: [...changes.puts.filter(({ collection, record }) => !kept(collection, record.id)), ...stored.found],
        deletes: [...changes.deletes.filter(({ collection, id }) => !kept(collection, id)), ...stored.absent],
      };
    } catch (error) {
      if (this.#stopped) return;
      // Storage did not answer: the batch as it came, right unless a newer one came before it.
      console.warn('kartoteka: could not read again what another tab changed; using its batch', error);
      fresh = changes;
    }
    if (this.#stopped) return;
    applyChanges(this.#ctx, fresh);
    for (const event of (changes.events ?? []) as CrmEvent[]) {
      // `settings.changed` tells the settings as they now are, which a late batch's are not.
      this.#ctx.events.emit(event.type === 'settings.changed' ? { ...event, settings: { ...this.#ctx.settings } } : event);
    }
  }

  /** Records something in memory holds: the search indexes' (once built), the rules, the settings. */
  #keptInMemory(collection: string, id: string): boolean {
    if (collection === 'clients' || collection === 'orders') return this.#ctx.search.started;
    return collection === 'rules' || (collection === 'meta' && id === 'settings');
  }

  async #read(keys: RecordKey[]): Promise<{ found: { collection: string; record: StoredRecord }[]; absent: RecordKey[] }> {
    const byCollection = new Map<string, RecordKey[]>();
    for (const key of keys) {
      const wanted = byCollection.get(key.collection);
      if (wanted) wanted.push(key);
      else byCollection.set(key.collection, [key]);
    }
    const found: { collection: string; record: StoredRecord }[] = [];
    const absent: RecordKey[] = [];
    await Promise.all(
      [...byCollection].map(async ([collection, wanted]) => {
        const records = await readMany(this.#ctx.storage, collection, wanted.map(({ id }) => ({ id })));
        wanted.forEach((key, i) => {
          const record = records[i]?.[0];
          if (record) found.push({ collection, record });
          else absent.push(key);
        });
      }),
    );
    return { found, absent };
  }
}
