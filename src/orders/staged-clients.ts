import type { UnitOfWork } from '../context.ts';
import type { Client } from '../model/client.ts';
import type { IndexKey, StoredRecord } from '../storage/adapter.ts';
import { indexKeysOf } from '../storage/index-keys.ts';
import { crmSchema } from '../storage/schema.ts';
import { CLIENT_LOOKUP_INDEXES } from './matching.ts';

/**
 * Clients created earlier in the same batch (a chunk of an import): storage holds them only once
 * the batch commits, yet later orders of the batch must find them by the same look-ups, in the
 * same order, as `matchClient` would find them stored.
 */
export class StagedClients {
  readonly #uow: UnitOfWork;
  /** By index and key, as `findKey` spells them. */
  readonly #byKey = new Map<string, Client[]>();

  constructor(uow: UnitOfWork) {
    this.#uow = uow;
  }

  add(client: Client): void {
    const indexes = crmSchema.collections['clients']!.indexes;
    for (const index of CLIENT_LOOKUP_INDEXES) {
      for (const key of indexKeysOf('clients', index, indexes[index]!, client as unknown as StoredRecord)) {
        const clients = this.#byKey.get(findKey(index, key)) ?? [];
        this.#byKey.set(findKey(index, key), [...clients, client]);
      }
    }
  }

  /** The one an index look-up would give first (the lowest id); a client whose row was taken back is gone. */
  find(index: string, key: IndexKey): Client | undefined {
    const staged = (this.#byKey.get(findKey(index, key)) ?? []).filter((client) => this.#uow.staged('clients', client.id));
    return staged.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
  }
}

const findKey = (index: string, key: IndexKey) => `${index}\u0000${JSON.stringify(key)}`;
