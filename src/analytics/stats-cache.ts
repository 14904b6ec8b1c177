import type { ChangeSet, StorageAdapter } from '../storage/adapter.ts';
import { clientFigures, type ClientAnalytics } from './client-figures.ts';
import type { ClientStats } from './client-stats.ts';

/**
 * Client stats and the figures made from them, kept in memory until a write (here or in another
 * instance) changes them: a repeated read costs no storage round trip and no recount.
 */
export class StatsCache {
  readonly #storage: StorageAdapter;
  readonly #stats = new Map<string, ClientStats | undefined>();
  readonly #figures = new Map<string, { today: number; figures: ClientAnalytics }>();

  constructor(storage: StorageAdapter) {
    this.#storage = storage;
  }

  async stats(clientId: string): Promise<ClientStats | undefined> {
    if (this.#stats.has(clientId)) return this.#stats.get(clientId);
    const stats = (await this.#storage.get('clientStats', clientId)) as ClientStats | undefined;
    this.#stats.set(clientId, stats);
    return stats;
  }

  async figures(clientId: string, today: number): Promise<ClientAnalytics> {
    const cached = this.#figures.get(clientId);
    if (cached?.today === today && this.#stats.has(clientId)) return cached.figures;
    const figures = clientFigures(clientId, await this.stats(clientId), today);
    this.#figures.set(clientId, { today, figures });
    return figures;
  }

  /** Forgets what a committed batch changed. */
  apply(changes: Pick<ChangeSet, 'puts' | 'deletes'>): void {
    for (const { collection, record } of changes.puts) if (collection === 'clientStats') this.#forget(record.id);
    for (const { collection, id } of changes.deletes) if (collection === 'clientStats') this.#forget(id);
  }

  #forget(clientId: string): void {
    this.#stats.delete(clientId);
    this.#figures.delete(clientId);
  }
}
