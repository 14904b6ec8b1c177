import { expect } from 'chai';
import type { CrmEvent, ImportProgress, OrderInput, StorageAdapter } from '../../src/index.ts';
import type { WriteOperation } from '../../src/storage/adapter.ts';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { CrmError } from '../../src/errors.ts';
import { ReadAhead } from '../../src/storage/read-ahead.ts';
import { LinkSummary } from '../../src/orders/link.ts';
import { countingIds, openCrm, rejection, shopOrder, snapshot } from './fixtures.ts';

const taxIds = ['CZ27082440', 'CZ00177041', 'CZ45274649', 'CZ25596641'];

function rows(count: number): OrderInput[] {
  return Array.from({ length: count }, (_, i) =>
    shopOrder({
      id: `imp-${i}`,
      number: `N-${i}`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
      billing: i % 5 === 4 ? { name: `Retail ${i}` } : { company: `Company ${i % 4}`, taxId: taxIds[i % 4]! },
    }),
  );
}

describe('orders.import', () => {
  it('imports in chunks with progress, links and creates clients once per company', async () => {
    const crm = await openCrm({ settings: { autoCreateClients: true } });
    const progress: ImportProgress[] = [];
    const report = await crm.orders.import(rows(1200), { chunkSize: 500, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.processed)).to.deep.equal([500, 1000, 1200]);
    expect(report).to.include({ processed: 1200, created: 1200, updated: 0, unchanged: 0, failed: 0, clientsCreated: 4, linked: 960 });
    expect(await crm.clients.count()).to.equal(4);
    expect((await crm.orders.list({ linked: false, limit: 1000 })).items).to.have.length(240);
  });

  it('reports bad rows with their index and reason, and stores the rest', async () => {
    const crm = await openCrm();
    const source = rows(6) as unknown[];
    source[1] = { ...(source[1] as object), total: 'a lot' };
    source[4] = 'not an order';
    const report = await crm.orders.import(source as OrderInput[], { chunkSize: 2 });
    expect(report).to.include({ processed: 6, created: 4, failed: 2 });
    expect(report.errors.map((e) => [e.index, e.id])).to.deep.equal([[1, 'imp-1'], [4, undefined]]);
    expect(report.errors[0]!.fields.map((f) => f.path.join('.'))).to.deep.equal(['total']);
    expect((await crm.orders.list()).items.map((o) => o.id).sort()).to.deep.equal(['imp-0', 'imp-2', 'imp-3', 'imp-5']);
  });

  it('changes nothing when the same import runs again', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage, settings: { autoCreateClients: true } });
    await crm.orders.import(rows(300), { chunkSize: 100 });
    const before = await snapshot(storage);
    const events: string[] = [];
    crm.on('*', (event) => events.push(event.type));
    const again = await crm.orders.import(rows(300), { chunkSize: 100 });
    expect(again).to.include({ processed: 300, unchanged: 300, created: 0, updated: 0, clientsCreated: 0 });
    expect(await snapshot(storage)).to.equal(before);
    expect(events).to.deep.equal([]);
  });

  it('fails with the storage error when a chunk cannot be stored, keeping the chunks before it', async () => {
    const inner = memoryAdapter();
    let full = true;
    // The disk is full when the second chunk (imp-10 … imp-19) comes.
    const secondChunk = (operations: WriteOperation[]) => operations.some((op) => op.type === 'put' && op.record.id === 'imp-10');
    const storage: StorageAdapter = { ...inner, write: (operations, options) => (full && secondChunk(operations) ? Promise.reject(new CrmError('quota', 'Disk full')) : inner.write(operations, options)) };
    const crm = await openCrm({ storage, settings: { autoCreateClients: true } });
    const progress: number[] = [];
    const error = await rejection(crm.orders.import(rows(30), { chunkSize: 10, onProgress: (p) => progress.push(p.created) }));
    expect(error).to.include({ code: 'quota' });
    expect(progress).to.deep.equal([10]);
    expect((await crm.orders.list({ limit: 100 })).items.map((order) => order.id).sort()).to.deep.equal(rows(10).map((row) => row.id).sort());
    // Once there is room again, the same import goes on from there.
    full = false;
    expect(await crm.orders.import(rows(30), { chunkSize: 10 })).to.include({ created: 20, unchanged: 10, failed: 0 });
  });

  it('takes async iterables, and the same order twice in one chunk', async () => {
    const crm = await openCrm();
    async function* stream() {
      yield shopOrder({ id: 'twice', total: 1 });
      yield shopOrder({ id: 'other' });
      yield shopOrder({ id: 'twice', total: 2 });
    }
    const report = await crm.orders.import(stream());
    expect(report).to.include({ created: 2, updated: 1, failed: 0 });
    expect((await crm.orders.get('twice')).total).to.equal(2);
  });

  it('forgets, in its link summary, an order whose row was rolled back', () => {
    const summary = new LinkSummary();
    summary.add('cli_a', 'o1');
    summary.add('cli_a', 'o2');
    summary.add('cli_b', 'o3');
    summary.add('cli_c', 'o5');
    summary.created('cli_c', 'o4');
    summary.add('cli_d', 'o7');
    summary.created('cli_d', 'o6');
    summary.drop('o2');
    summary.drop('o3');
    // The order that created cli_d was rolled back: cli_d was not created by this import after all.
    summary.drop('o6');
    const recorded: unknown[] = [];
    const uow = { put: (_: string, record: { data?: unknown; orderId?: string }) => (recorded.push(record.orderId ?? record.data), record), emit: () => {} };
    summary.record({ newId: () => 'act_x', now: () => '2026-11-26T08:00:00Z', principal: { userId: 'system' } } as never, uow as never);
    expect(recorded).to.deep.equal(['o1', 'o7']);
  });

  it('writes no link entries on the timeline of a client it created, in any chunk', async () => {
    const crm = await openCrm({ settings: { autoCreateClients: true } });
    const known = await crm.clients.create({ name: 'Known', taxId: 'CZ25596641' });
    await crm.orders.import(rows(40), { chunkSize: 7 });
    const created = (await crm.clients.list({ limit: 10 })).items.filter((client) => client.id !== known.id);
    expect(created).to.have.length(3);
    for (const client of created) {
      const timeline = (await crm.activities.list(client.id)).items.map((entry) => entry.type);
      expect(timeline).to.deep.equal(['client_created']);
      expect((await crm.orders.list({ clientId: client.id })).items).to.have.length(8);
    }
    // A client that was there before still hears of its orders, once per chunk.
    expect((await crm.activities.list(known.id)).items.filter((entry) => entry.type === 'order_linked')).to.have.length(6);
  });

  it('writes one timeline entry per client and chunk for the orders it links', async () => {
    const crm = await openCrm();
    const alza = await crm.clients.create({ name: 'Alza', taxId: 'CZ27082440' });
    const kovo = await crm.clients.create({ name: 'Kovo', taxId: 'CZ45274649' });
    const billing = (taxId: string) => ({ company: 'Buyer', taxId });
    const report = await crm.orders.import([
      shopOrder({ id: 'L1', billing: billing('CZ27082440') }),
      shopOrder({ id: 'L2', billing: billing('CZ27082440') }),
      // A tax ID whose checksum fails matches nobody: stored, not linked.
      shopOrder({ id: 'L3', billing: billing('CZ27082441') }),
      shopOrder({ id: 'L4', billing: billing('CZ27082440') }),
      shopOrder({ id: 'L5', billing: billing('CZ45274649') }),
    ]);
    expect(report).to.include({ created: report.created, linked: 4 });
    const linked = async (clientId: string) => (await crm.activities.list(clientId)).items.filter((a) => a.type === 'order_linked');
    const [alzaEntry, ...more] = await linked(alza.id);
    expect(more).to.deep.equal([]);
    expect(alzaEntry!.data).to.deep.equal({ source: 'auto', orderIds: ['L1', 'L2', 'L4'], count: 3 });
    const [kovoEntry] = await linked(kovo.id);
    expect(kovoEntry).to.include({ orderId: 'L5' });
    // One order linked on its own keeps its own entry.
    await crm.orders.upsert(shopOrder({ id: 'L6', billing: billing('CZ27082440') }));
    expect((await linked(alza.id)).map((a) => a.orderId ?? a.data?.['count'])).to.deep.equal(['L6', 3]);
  });

  it('rejects a source that is not iterable', async () => {
    const crm = await openCrm();
    expect((await rejection(crm.orders.import(42 as never))).fields[0]!.path).to.deep.equal(['source']);
  });
});

describe('orders.import links as upsert does, within one chunk', () => {
  const settings = { autoCreateClients: true, defaultCountry: 'CZ' } as const;
  /** Each order's client, after `rows` went in one by one through `upsert`, and as one import. */
  async function linksBothWays(rows: () => OrderInput[], before?: (crm: Awaited<ReturnType<typeof openCrm>>) => Promise<unknown>) {
    const outcomes = [];
    for (const how of ['upsert', 'import'] as const) {
      const crm = await openCrm({ settings, ids: countingIds() });
      await before?.(crm);
      if (how === 'upsert') for (const row of rows()) await crm.orders.upsert(row);
      else await crm.orders.import(rows());
      const orders = await Promise.all(rows().map((row) => crm.orders.get(row.id)));
      outcomes.push({ clients: await crm.clients.count(), links: orders.map((order) => order.clientId) });
    }
    return outcomes;
  }

  it('links an order that gives only as VAT ID the tax ID of a client created earlier in the chunk', async () => {
    const rows = () => [
      shopOrder({ id: 'a', number: 'A', billing: { company: 'Alza.cz a.s.', taxId: 'CZ27082440' } }),
      shopOrder({ id: 'b', number: 'B', billing: { company: 'Alza.cz a.s.', vatId: 'CZ27082440' } }),
    ];
    const [upserted, imported] = await linksBothWays(rows);
    expect(upserted!.links[1]).to.equal(upserted!.links[0]);
    expect(imported).to.deep.equal(upserted);

    const crm = await openCrm({ settings });
    await crm.orders.import(rows());
    expect(await crm.orders.import(rows())).to.include({ unchanged: 2, updated: 0, linked: 0 });
  });

  it('creates no second client for an order whose VAT ID is the tax ID of a client created earlier in the chunk', async () => {
    const rows = () => [
      shopOrder({ id: 'c', number: 'C', billing: { company: 'Alza.cz a.s.', taxId: 'CZ27082440' } }),
      shopOrder({ id: 'd', number: 'D', billing: { company: 'Alza.cz a.s.', taxId: 'CZ00177041', vatId: 'CZ27082440' } }),
    ];
    const [upserted, imported] = await linksBothWays(rows);
    expect(upserted!.clients).to.equal(1);
    expect(imported).to.deep.equal(upserted);
  });

  it('links by tax ID before an account code a client created earlier in the chunk shares', async () => {
    const rows = () => [
      shopOrder({ id: 'a', number: 'A', accountCode: 'group-7', billing: { company: 'Nová firma s.r.o.', taxId: 'CZ27082440' } }),
      shopOrder({ id: 'b', number: 'B', accountCode: 'group-7', billing: { company: 'ŠKODA AUTO a.s.', taxId: 'CZ00177041' } }),
    ];
    let skoda = '';
    const [upserted, imported] = await linksBothWays(rows, async (crm) => (skoda = (await crm.clients.create({ name: 'ŠKODA AUTO a.s.', taxId: 'CZ00177041' })).id));
    expect(upserted!.links[1]).to.equal(skoda);
    expect(imported).to.deep.equal(upserted);
  });
});

describe('orders.import reads ahead', () => {
  /** A memory store that counts its reads, with or without `readMany`. */
  function countingStorage(batched: boolean) {
    const inner = memoryAdapter();
    const calls = { get: 0, query: 0, readMany: 0 };
    /** The indexes of every look-up through one, by collection. */
    const indexLookups: string[] = [];
    /** The records read by id in bulk, as `collection id`. */
    const idLookups: string[] = [];
    const storage: typeof inner = {
      ...inner,
      get: (collection, id) => (calls.get++, inner.get(collection, id)),
      query: (collection, query) => (calls.query++, inner.query(collection, query)),
      readMany: batched
        ? (collection, lookups) => {
            calls.readMany++;
            for (const lookup of lookups) {
              if ('index' in lookup) indexLookups.push(`${collection}.${lookup.index}`);
              else idLookups.push(`${collection} ${lookup.id}`);
            }
            return inner.readMany!(collection, lookups);
          }
        : undefined,
    };
    if (!batched) delete storage.readMany;
    return { storage, calls, indexLookups, idLookups };
  }

  it('reads a chunk in a few bulk reads, not a few reads per row', async () => {
    const { storage, calls } = countingStorage(true);
    const crm = await openCrm({ storage, settings: { autoCreateClients: true } });
    Object.assign(calls, { get: 0, query: 0, readMany: 0 });
    const report = await crm.orders.import(rows(1000), { chunkSize: 500 });
    expect(report).to.include({ created: 1000, clientsCreated: 4, linked: 800 });
    // Per chunk: orders, each order's first client look-up, link keys, the clients those name,
    // the other look-ups of orders the first left open, the stats of the clients whose orders
    // change; a handful of one-off reads (counter, status, team stats).
    expect(calls.readMany).to.be.at.most(2 * 6);
    expect(calls.get + calls.query).to.be.below(40);
    Object.assign(calls, { get: 0, query: 0, readMany: 0 });
    expect(await crm.orders.import(rows(1000), { chunkSize: 500 })).to.include({ unchanged: 1000 });
    expect(calls.get + calls.query).to.be.below(40);
  });

  it('makes the other client look-ups only for orders the first one leaves open', async () => {
    const { storage, indexLookups } = countingStorage(true);
    const crm = await openCrm({ storage, settings: { autoCreateClients: true } });
    await crm.orders.import(rows(100));
    // New orders: the four companies a first look-up by tax ID finds, and retail buyers it cannot look for.
    expect(indexLookups).to.include.members(['clients.taxKey', 'clients.vatKey']);
    indexLookups.length = 0;
    const report = await crm.orders.import(rows(100).map((row) => ({ ...row, id: `again-${row.id}` })));
    expect(report).to.include({ created: 100, linked: 80, clientsCreated: 0 });
    expect(new Set(indexLookups)).to.deep.equal(new Set(['clients.taxKey']));
  });

  it('reads the figures of a repeat buyer once, not again in every later chunk', async () => {
    const { storage, idLookups } = countingStorage(true);
    const crm = await openCrm({ storage, settings: { autoCreateClients: true } });
    idLookups.length = 0;
    expect(await crm.orders.import(rows(1000), { chunkSize: 100 })).to.include({ created: 1000, clientsCreated: 4, linked: 800 });
    // The first chunk reads the team figures and the four companies' figures (absent: they are new);
    // the nine after it start from what it read and wrote.
    const figureReads = idLookups.filter((lookup) => lookup.startsWith('clientStats ') || lookup === 'meta analytics:team');
    expect(figureReads).to.have.length(5);
    const figures = await Promise.all((await crm.clients.list()).items.map((client) => crm.analytics.client(client.id)));
    expect(figures.map((figure) => figure.orderCount)).to.deep.equal([200, 200, 200, 200]);
  });

  it('counts every order when another instance changes the same figures between chunks', async () => {
    const storage = memoryAdapter();
    const importing = await openCrm({ storage, settings: { autoCreateClients: true } });
    const other = await openCrm({ storage });
    const alfa = (id: string) => shopOrder({ id, total: 100, billing: { company: 'Alfa', taxId: 'CZ27082440' } });
    async function* source() {
      yield alfa('first');
      // The figures the first chunk wrote are carried to the second: another instance changes them first.
      await other.orders.upsert(alfa('beside'));
      yield alfa('second');
    }
    expect(await importing.orders.import(source(), { chunkSize: 1 })).to.include({ created: 2, linked: 2, clientsCreated: 1 });
    const [client] = (await importing.clients.list()).items;
    expect((await importing.analytics.client(client!.id)).orderCount).to.equal(3);
  });

  it('works on an adapter written as a class, with private fields and prototype methods', async () => {
    class ClassAdapter {
      readonly #inner = memoryAdapter();
      readonly name = 'class';
      get capabilities() {
        return this.#inner.capabilities;
      }
      open(...args: Parameters<StorageAdapter['open']>) {
        return this.#inner.open(...args);
      }
      get(...args: Parameters<StorageAdapter['get']>) {
        return this.#inner.get(...args);
      }
      query(...args: Parameters<StorageAdapter['query']>) {
        return this.#inner.query(...args);
      }
      count(...args: Parameters<StorageAdapter['count']>) {
        return this.#inner.count(...args);
      }
      write(...args: Parameters<StorageAdapter['write']>) {
        return this.#inner.write(...args);
      }
      close() {
        return this.#inner.close();
      }
    }
    const storage = new ClassAdapter();
    const crm = await openCrm({ storage, settings: { autoCreateClients: true } });
    expect(await crm.orders.import(rows(50), { chunkSize: 20 })).to.include({ created: 50, clientsCreated: 4 });
    // The read-ahead view hands every other call to the adapter itself.
    const view = new ReadAhead(storage).storage;
    expect([await view.count('orders'), view.capabilities.persistent, view.name]).to.deep.equal([50, false, 'class']);
  });

  it('gives the same result on an adapter without readMany', async () => {
    const results = [];
    for (const batched of [true, false]) {
      const { storage } = countingStorage(batched);
      const crm = await openCrm({ storage, settings: { autoCreateClients: true }, ids: countingIds() });
      await crm.orders.import(rows(300), { chunkSize: 100 });
      results.push(await snapshot(storage));
    }
    expect(results[1]).to.equal(results[0]);
  });
});

describe('orders.import, chunk after chunk', () => {
  // What decides a link is read again by every chunk: these writes come between two chunks.
  it('links by the tax ID stored now, after the same instance changed a client between chunks', async () => {
    const crm = await openCrm({ settings: { autoCreateClients: true } });
    async function* source() {
      yield shopOrder({ id: 'first', billing: { company: 'Alfa', taxId: 'CZ27082440' } });
      const [alfa] = (await crm.clients.list()).items;
      await crm.clients.update(alfa!.id, { taxId: 'CZ00177041' });
      yield shopOrder({ id: 'second', billing: { company: 'Alfa', taxId: 'CZ27082440' } });
    }
    expect(await crm.orders.import(source(), { chunkSize: 1 })).to.include({ created: 2, clientsCreated: 2 });
    const [first, second] = await Promise.all([crm.orders.get('first'), crm.orders.get('second')]);
    expect((await crm.clients.get(second.clientId!)).taxId?.value).to.equal('27082440');
    expect(second.clientId).to.not.equal(first.clientId);
  });

  it('links to a client the same instance created between chunks', async () => {
    const crm = await openCrm();
    async function* source() {
      yield shopOrder({ id: 'first', billing: { company: 'Alfa', taxId: 'CZ27082440' } });
      await crm.clients.create({ name: 'Alfa', taxId: 'CZ27082440' });
      yield shopOrder({ id: 'second', billing: { company: 'Alfa', taxId: 'CZ27082440' } });
    }
    expect(await crm.orders.import(source(), { chunkSize: 1 })).to.include({ created: 2, linked: 1 });
    const [alfa] = (await crm.clients.list()).items;
    expect((await crm.orders.get('second')).clientId).to.equal(alfa!.id);
  });

  it('links to a client the same instance gave the tax ID between chunks, instead of failing the rows as duplicates', async () => {
    const crm = await openCrm({ settings: { autoCreateClients: true } });
    const beta = await crm.clients.create({ name: 'Beta', accountCode: 'acc-1' });
    async function* source() {
      yield shopOrder({ id: 'first', accountCode: 'acc-1', billing: { company: 'Beta', taxId: 'CZ27082440' } });
      await crm.clients.update(beta.id, { taxId: 'CZ27082440' });
      yield shopOrder({ id: 'second', billing: { company: 'Beta', taxId: 'CZ27082440' } });
      yield shopOrder({ id: 'third', billing: { company: 'Beta', taxId: 'CZ27082440' } });
    }
    const report = await crm.orders.import(source(), { chunkSize: 1 });
    expect(report.errors).to.deep.equal([]);
    expect(report).to.include({ created: 3, linked: 3, clientsCreated: 0 });
    expect((await crm.orders.get('second')).clientId).to.equal(beta.id);
  });

  it('links to a client another instance gave the tax ID while the chunk was being written, instead of failing', async () => {
    const inner = memoryAdapter();
    const other = await openCrm({ storage: inner });
    const beta = await other.clients.create({ name: 'Beta' });
    let interleaved = false;
    // The other instance saves Beta's tax ID after the second chunk read (no client had it) and before it commits.
    const storage: StorageAdapter = {
      ...inner,
      write: async (operations, options) => {
        if (!interleaved && operations.some((op) => op.type === 'put' && op.collection === 'orders' && op.record.id === 'second')) {
          interleaved = true;
          await other.clients.update(beta.id, { taxId: 'CZ27082440' });
        }
        return inner.write(operations, options);
      },
    };
    const crm = await openCrm({ storage, settings: { autoCreateClients: true } });
    const report = await crm.orders.import(
      [shopOrder({ id: 'first', billing: { company: 'Alfa', taxId: 'CZ00177041' } }), shopOrder({ id: 'second', billing: { company: 'Beta', taxId: 'CZ27082440' } })],
      { chunkSize: 1 },
    );
    expect(report).to.include({ created: 2, failed: 0, clientsCreated: 1 });
    expect((await crm.orders.get('second')).clientId).to.equal(beta.id);
  });

  it('surfaces the reminder a rule set, after the import created the client in an earlier chunk', async () => {
    const crm = await openCrm({ settings: { autoCreateClients: true } });
    const rule = await crm.rules.create({
      name: 'Welcome', priority: 0, trigger: 'client.created',
      conditions: { fact: 'client.lifecycle', op: 'in', value: ['potential', 'current'] },
      actions: [{ type: 'set_reminder', text: 'Offer the loyalty card' }],
    });
    await crm.rules.enable(rule.id);
    const linked: Extract<CrmEvent, { type: 'order.linked' }>[] = [];
    crm.on('order.linked', (event) => linked.push(event));
    async function* source() {
      yield shopOrder({ id: 'first', billing: { company: 'Alfa', taxId: 'CZ27082440' } });
      await crm.rules.drain();
      yield shopOrder({ id: 'second', billing: { company: 'Alfa', taxId: 'CZ27082440' } });
    }
    await crm.orders.import(source(), { chunkSize: 1 });
    expect(linked.find((event) => event.order.id === 'second')!.reminder).to.equal('Offer the loyalty card');
  });
});
