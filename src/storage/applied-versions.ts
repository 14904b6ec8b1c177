import type { ChangeSet } from './adapter.ts';

type Changes = Pick<ChangeSet, 'puts' | 'deletes'>;
type Key = { collection: string; id: string };

/** How long a record's applied version is remembered: far longer than a batch takes to reach another tab. */
const REMEMBERED_MS = 60_000;

/**
 * The version of each record the in-memory indexes and caches last learned, so a batch that
 * arrives late cannot undo a newer one. Other tabs post a batch when it commits; a tab busy at
 * that moment posts it later, possibly after a newer batch of another tab has arrived.
 *
 * Deletes carry no version: a put from another instance of a record seen deleted may be the late
 * one or a record created again (its version starts over), so storage is asked (`doubtful`).
 * Versions are forgotten after a minute, in two generations, so a long session or a large
 * import does not keep one per record.
 */
export class AppliedVersions {
  #current = new Map<string, number | 'deleted'>();
  #previous = new Map<string, number | 'deleted'>();
  #since = Date.now();

  /** A batch this instance committed, or records just read from storage: what something newer has not already replaced. */
  trusted(changes: Changes): Changes {
    return this.#newer(changes, () => true);
  }

  /** Another instance's batch: what is newer than what was applied, and the puts storage must settle. */
  external(changes: Changes): { changes: Changes; doubtful: Key[] } {
    const doubtful: Key[] = [];
    const fresh = this.#newer(changes, (key, collection, id) => {
      if (this.#seen(key) !== 'deleted') return true;
      doubtful.push({ collection, id });
      return false;
    });
    return { changes: fresh, doubtful };
  }

  #newer(changes: Changes, undeleted: (key: string, collection: string, id: string) => boolean): Changes {
    this.#rotate();
    const puts = changes.puts.filter(({ collection, record }) => {
      const key = `${collection}\u0000${record.id}`;
      const seen = this.#seen(key);
      if (typeof seen === 'number' && seen >= record.version) return false;
      if (seen === 'deleted' && !undeleted(key, collection, record.id)) return false;
      this.#current.set(key, record.version);
      return true;
    });
    for (const { collection, id } of changes.deletes) this.#current.set(`${collection}\u0000${id}`, 'deleted');
    return { puts, deletes: changes.deletes };
  }

  #seen(key: string): number | 'deleted' | undefined {
    return this.#current.get(key) ?? this.#previous.get(key);
  }

  #rotate(): void {
    if (Date.now() - this.#since < REMEMBERED_MS) return;
    this.#previous = this.#current;
    this.#current = new Map();
    this.#since = Date.now();
  }
}
