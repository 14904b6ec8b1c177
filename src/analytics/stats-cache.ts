import type { ChangeSet, StorageAdapter } from '../storage/adapter.ts';
import { clientFigures, type ClientAnalytics } from './client-figures.ts';
import type { ClientStats } from './client-stats.ts';
import { TEAM_STATS_ID, type TeamStats } from './team-stats.ts';

const MAX_CACHED = 5000;

/**
 * Client stats and the figures made from them, kept in memory until a write (here or in another
 * instance) changes them: a repeated read costs no storage round trip and no recount.
 */
export class StatsCache {
  readonly #storage: StorageAdapter;
  readonly #stats = new Map<string, ClientStats | undefined>();
  readonly #figures = new Map<string, { today: number; team: TeamStats | undefined; figures: ClientAnalytics }>();
  #team: Promise<TeamStats | undefined> | undefined;
  /** Counts the writes seen per client: a read that a write overtook does not land. */
  readonly #generation = new Map<string, number>();

  constructor(storage: StorageAdapter) {
    this.#storage = storage;
  }

  async stats(clientId: string): Promise<ClientStats | undefined> {
    if (this.#stats.has(clientId)) return this.#stats.get(clientId);
    const generation = this.#generation.get(clientId);
    const stats = (await this.#storage.get('clientStats', clientId)) as ClientStats | undefined;
    if (this.#generation.get(clientId) !== generation) return stats;
    // A daily run reads every client once: keep memory bounded rather than hold them all.
    if (this.#stats.size >= MAX_CACHED) {
      this.#stats.clear();
      this.#figures.clear();
    }
    this.#stats.set(clientId, stats);
    return stats;
  }

  /** The team figures (a client's value is scored against them), read once until a write changes them. */
  team(): Promise<TeamStats | undefined> {
    const reading = (this.#team ??= this.#storage.get('meta', TEAM_STATS_ID) as Promise<TeamStats | undefined>);
    // A failed read is tried again next time.
    reading.catch(() => this.#team === reading && (this.#team = undefined));
    return reading;
  }

  async figures(clientId: string, today: number): Promise<ClientAnalytics> {
    const team = await this.team();
    const cached = this.#figures.get(clientId);
    if (cached?.today === today && cached.team === team && this.#stats.has(clientId)) return cached.figures;
    const generation = this.#generation.get(clientId);
    const figures = clientFigures(clientId, await this.stats(clientId), today, team);
    if (this.#generation.get(clientId) === generation) this.#figures.set(clientId, { today, team, figures });
    return figures;
  }

  /** Forgets what a committed batch changed. */
  apply(changes: Pick<ChangeSet, 'puts' | 'deletes'>): void {
    for (const { collection, record } of changes.puts) {
      if (collection === 'clientStats') this.#forget(record.id);
      // A read under way when the write landed is dropped too: the next one reads afresh.
      if (collection === 'meta' && record.id === TEAM_STATS_ID) this.#team = undefined;
    }
    for (const { collection, id } of changes.deletes) if (collection === 'clientStats') this.#forget(id);
  }

  #forget(clientId: string): void {
    this.#stats.delete(clientId);
    this.#figures.delete(clientId);
    this.#generation.set(clientId, (this.#generation.get(clientId) ?? 0) + 1);
  }
}
