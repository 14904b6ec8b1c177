import type { ClientAnalytics, Crm } from '../../src/index.ts';

/**
 * Order figures of the clients in view (`crm.analytics.client`: kept by the SDK, one read each),
 * asked for on first sight and kept until an order of theirs changes. `changed` is called when
 * figures arrive.
 */
export class OrderFiguresCache {
  readonly #figures = new Map<string, ClientAnalytics | Promise<void>>();

  constructor(
    private readonly crm: Crm,
    private readonly changed: () => void,
  ) {}

  /** The figures of a client, or `undefined` while they load (asked for now). */
  get(clientId: string): ClientAnalytics | undefined {
    const known = this.#figures.get(clientId);
    if (known === undefined) {
      // A client deleted meanwhile has nothing to show.
      const loading: Promise<void> = this.crm.analytics.client(clientId).catch(() => undefined).then((figures) => {
        // Forgotten (an order changed) while loading: a newer read is under way.
        if (this.#figures.get(clientId) !== loading || !figures) return;
        this.#figures.set(clientId, figures);
        this.changed();
      });
      this.#figures.set(clientId, loading);
    }
    return known instanceof Promise ? undefined : known;
  }

  forget(clientId?: string): void {
    if (clientId === undefined) this.#figures.clear();
    else this.#figures.delete(clientId);
  }
}
