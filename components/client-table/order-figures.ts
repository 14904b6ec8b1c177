import type { Crm } from '../../src/index.ts';
import { clientFigures, type ClientFigures } from '../base/client-figures.ts';
import { allOrdersOf } from '../base/client-orders.ts';

/**
 * Order figures of the clients in view, read on first sight and kept until an order of theirs
 * changes. `changed` is called when figures arrive.
 */
export class OrderFiguresCache {
  readonly #figures = new Map<string, ClientFigures | Promise<void>>();

  constructor(
    private readonly crm: Crm,
    private readonly changed: () => void,
  ) {}

  /** The figures of a client, or `undefined` while they load (asked for now). */
  get(clientId: string): ClientFigures | undefined {
    const known = this.#figures.get(clientId);
    if (known === undefined) {
      const loading: Promise<void> = this.#load(clientId).then((figures) => {
        // Forgotten (an order changed) while loading: a newer read is under way.
        if (this.#figures.get(clientId) !== loading) return;
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

  async #load(clientId: string): Promise<ClientFigures> {
    // A client deleted meanwhile has nothing to show.
    const orders = await allOrdersOf(this.crm, clientId).catch(() => []);
    return clientFigures(orders, new Date());
  }
}
