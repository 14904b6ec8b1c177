import type { Crm, Order } from '../../src/index.ts';

/** What the table shows of a client's orders. */
export interface OrderFigures {
  count: number;
  lastOrderAt: string | undefined;
  /** Sum per currency, in minor units. */
  totals: Map<string, number>;
}

/**
 * Order figures of the clients in view, read on first sight and kept until an order of theirs
 * changes. `changed` is called when figures arrive.
 */
export class OrderFiguresCache {
  readonly #figures = new Map<string, OrderFigures | Promise<void>>();

  constructor(
    private readonly crm: Crm,
    private readonly changed: () => void,
  ) {}

  /** The figures of a client, or `undefined` while they load (asked for now). */
  get(clientId: string): OrderFigures | undefined {
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

  async #load(clientId: string): Promise<OrderFigures> {
    const figures: OrderFigures = { count: 0, lastOrderAt: undefined, totals: new Map() };
    let cursor: string | undefined;
    try {
      do {
        const page = await this.crm.orders.list({ clientId, limit: 1000, ...(cursor ? { cursor } : {}) });
        page.items.forEach((order: Order) => {
          figures.count += 1;
          if (!figures.lastOrderAt || order.createdAt > figures.lastOrderAt) figures.lastOrderAt = order.createdAt;
          figures.totals.set(order.currency, (figures.totals.get(order.currency) ?? 0) + order.total);
        });
        cursor = page.cursor;
      } while (cursor);
    } catch {
      // A client deleted meanwhile: nothing to show.
    }
    return figures;
  }
}
