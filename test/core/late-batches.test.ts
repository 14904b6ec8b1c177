import { expect } from 'chai';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import type { ChangeSet, StorageAdapter } from '../../src/storage/adapter.ts';
import { deliveredByHand } from '../delivered-by-hand.ts';
import { openCrm } from './fixtures.ts';

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A writer, and a reader (another tab) whose batches from the writer the test hands over. */
async function world(options: { prepareFirst?: boolean; before?: (writer: Awaited<ReturnType<typeof openCrm>>) => Promise<void> } = {}) {
  const storage = memoryAdapter();
  const writer = await openCrm({ storage });
  const committed: ChangeSet[] = [];
  storage.onExternalChange!((changes) => committed.push(changes));
  await options.before?.(writer);
  await settled();
  const byHand = deliveredByHand(storage);
  const reader = await openCrm({ storage: byHand.storage });
  if (options.prepareFirst !== false) await reader.prepareSearch();
  const names = async (text: string) => (await reader.clients.search(text)).map((client) => client.name);
  /** Hands batches over in this order, and waits until the reader has read them again and applied them. */
  const deliver = async (...batches: ChangeSet[]) => {
    for (const changes of batches) byHand.hear(changes);
    await settled();
    await settled();
  };
  return { writer, reader, storage, committed, hear: byHand.hear, deliver, hold: () => byHand.hold('reads'), holdQueries: () => byHand.hold('pages'), settled, names };
}

describe('batches of other instances that arrive late', () => {
  it('keep the newest version of a record when an older one arrives after it', async () => {
    const { writer, committed, deliver, settled, names } = await world();
    const client = await writer.clients.create({ name: 'Alza' });
    await writer.clients.update(client.id, { name: 'Datart' });
    await settled();
    const [created, renamed] = committed;
    await deliver(renamed!, created!);
    expect({ datart: await names('datart'), alza: await names('alza') }).to.deep.equal({ datart: ['Datart'], alza: [] });
  });

  it('do not bring back a record deleted meanwhile', async () => {
    const { writer, reader, committed, deliver, settled, names } = await world();
    const client = await writer.clients.create({ name: 'Alza' });
    await writer.clients.update(client.id, { name: 'Datart' });
    await writer.clients.delete(client.id);
    await settled();
    const [created, renamed, deleted] = committed;
    await deliver(created!, deleted!, renamed!);
    expect(await names('datart')).to.deep.equal([]);
    expect(reader.searchStats().clients.documents).to.equal(0);
  });

  it('still show a deleted record brought back', async () => {
    const { writer, reader, committed, deliver, settled, names } = await world();
    const client = await writer.clients.create({ name: 'Alza' });
    const deletion = await writer.clients.delete(client.id);
    await writer.activities.undo(deletion.id);
    await settled();
    await deliver(...committed);
    expect(await names('alza')).to.deep.equal(['Alza']);
    expect(reader.searchStats().clients.documents).to.equal(1);
  });

  it('a late batch does not undo what the search index read from storage when it was built', async () => {
    const { writer, reader, committed, deliver, settled, names } = await world({ prepareFirst: false });
    const client = await writer.clients.create({ name: 'Alza' });
    await writer.clients.update(client.id, { name: 'Datart' });
    await settled();
    // A tab that opens now reads 'Datart' from storage; the create's batch reaches it late.
    await reader.prepareSearch();
    const [created] = committed;
    await deliver(created!);
    expect({ datart: await names('datart'), alza: await names('alza') }).to.deep.equal({ datart: ['Datart'], alza: [] });
  });

  it('a batch heard while the search index is being built is not undone by the page the build read before it', async () => {
    const { writer, reader, committed, hear, settled, names, holdQueries } = await world({
      prepareFirst: false,
      before: async (writer) => void (await writer.clients.create({ name: 'Alza' })),
    });
    const release = holdQueries();
    const building = reader.prepareSearch();
    await settled();
    // The build has read its page (Alza); the rename commits and its batch is heard before the build goes on.
    const [client] = await writer.clients.search('alza');
    await writer.clients.update(client!.id, { name: 'Datart' });
    await settled();
    hear(committed.at(-1)!);
    // The batch is applied (Datart) before the build puts the page it read earlier (Alza).
    await settled();
    await settled();
    release();
    await building;
    expect({ datart: await names('datart'), alza: await names('alza') }).to.deep.equal({ datart: ['Datart'], alza: [] });
  });

  it('tells a listener of client.created of a client another tab restored only once search finds it', async () => {
    const storage = memoryAdapter();
    const writer = await openCrm({ storage });
    const reader = await openCrm({ storage });
    await reader.prepareSearch();
    const client = await writer.clients.create({ name: 'Alza' });
    const deletion = await writer.clients.delete(client.id);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const found: string[][] = [];
    reader.on('client.created', () => void reader.clients.search('alza').then((clients) => found.push(clients.map((c) => c.name))));
    await writer.activities.undo(deletion.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(found).to.deep.equal([['Alza']]);
  });

  it('a late batch does not undo the settings read from storage at open', async () => {
    // Two changes of the settings, then a tab opens (reading the second from storage) and hears the first late.
    const { reader, committed, deliver } = await world({
      before: async (writer) => {
        await writer.settings.update({ defaultCountry: 'PL' });
        await writer.settings.update({ defaultCountry: 'SK' });
      },
    });
    const first = committed.find((changes) => changes.puts.some((put) => put.collection === 'meta' && put.record.id === 'settings'))!;
    const before = reader.settings.get().defaultCountry;
    const told: (string | undefined)[] = [];
    reader.on('settings.changed', (event) => told.push(event.settings.defaultCountry));
    await deliver(first);
    expect({ before, after: reader.settings.get().defaultCountry, told }).to.deep.equal({ before: 'SK', after: 'SK', told: ['SK'] });
  });

  it('a record re-read from storage is not put back when its delete arrives while the read is under way', async () => {
    const { writer, reader, committed, hear, settled, names, hold } = await world();
    const client = await writer.clients.create({ name: 'Alza' });
    const deletion = await writer.clients.delete(client.id);
    await writer.activities.undo(deletion.id);
    await settled();
    const [created, deleted, restored] = committed;
    hear(created!);
    hear(deleted!);
    // The put of a record seen deleted: read afresh, and the read is slow.
    const release = hold();
    hear(restored!);
    await settled();
    // Meanwhile another tab deletes it again; its batch arrives before the read returns.
    await writer.clients.delete(client.id);
    await settled();
    hear(committed.at(-1)!);
    await settled();
    release();
    await settled();
    await settled();
    expect({ found: await names('alza'), documents: reader.searchStats().clients.documents, stored: (await writer.clients.search('alza')).length }).to.deep.equal({
      found: [],
      documents: 0,
      stored: 0,
    });
  });

  it('after a delete and a restore (versions start again at 1), a late batch from before the delete does not win', async () => {
    const { writer, committed, deliver, settled, names } = await world();
    const client = await writer.clients.create({ name: 'Alza' });
    await writer.clients.update(client.id, { name: 'Beta' });
    await writer.clients.update(client.id, { name: 'Gama' });
    const deletion = await writer.clients.delete(client.id);
    await writer.activities.undo(deletion.id);
    await settled();
    const [created, renamedBeta, renamedGama, deleted, restored] = committed;
    await deliver(created!, renamedGama!, deleted!, restored!);
    // The tab that renamed to Beta was busy: its batch comes last.
    await deliver(renamedBeta!);
    expect({ gama: await names('gama'), beta: await names('beta') }).to.deep.equal({ gama: ['Gama'], beta: [] });
  });

  it('a late delete does not remove a client restored meanwhile', async () => {
    const { writer, committed, deliver, settled, names } = await world();
    const client = await writer.clients.create({ name: 'Alza' });
    const deletion = await writer.clients.delete(client.id);
    await writer.activities.undo(deletion.id);
    await settled();
    const [created, deleted, restored] = committed;
    // The restore (another tab) arrives before the delete (a busy tab).
    await deliver(created!, restored!, deleted!);
    expect({ stored: (await writer.clients.search('alza')).map((c) => c.name), reader: await names('alza') }).to.deep.equal({ stored: ['Alza'], reader: ['Alza'] });
  });

  it('apply a batch as it came when reading it again fails, rather than lose it', async () => {
    const storage = memoryAdapter();
    const writer = await openCrm({ storage });
    let failReads = 0;
    // This tab's view of the store: one read fails (a transient IndexedDB error, say).
    const view = new Proxy(storage, {
      get(target, property) {
        const value = Reflect.get(target, property) as unknown;
        if (typeof value !== 'function') return value;
        const bound = (value as (...args: unknown[]) => unknown).bind(target);
        if (property === 'readMany' || property === 'get') {
          return (...args: unknown[]) => {
            if (failReads > 0) {
              failReads -= 1;
              return Promise.reject(new Error('transient read failure'));
            }
            return bound(...args);
          };
        }
        return bound;
      },
    }) as StorageAdapter;
    const reader = await openCrm({ storage: view });
    const client = await writer.clients.create({ name: 'Alza' });
    await settled();
    await reader.prepareSearch();
    const heard: string[] = [];
    reader.on('client.updated', (event) => heard.push(event.client.name));
    const originalWarn = console.warn;
    console.warn = () => {};
    try {
      failReads = 1;
      await writer.clients.update(client.id, { name: 'Datart' });
      await settled();
      await settled();
    } finally {
      console.warn = originalWarn;
    }
    // Later batches go through fine.
    await writer.clients.create({ name: 'Beta' });
    await settled();
    await settled();
    const found = (await reader.clients.search('datart')).map((c) => c.name);
    expect({ found, heard }).to.deep.equal({ found: ['Datart'], heard: ['Datart'] });
  });

  it('do not let a search build that was started again put back a page it read before a rename', async () => {
    const storage = memoryAdapter();
    const writer = await openCrm({ storage });
    const committed: ChangeSet[] = [];
    storage.onExternalChange!((changes) => committed.push(changes));
    const client = await writer.clients.create({ name: 'Alza' });
    await settled();
    const byHand = deliveredByHand(storage);
    const reader = await openCrm({ storage: byHand.storage });
    // The first build reads its page (Alza) and is slow to get it back.
    const release = byHand.hold('pages');
    const first = reader.prepareSearch();
    await settled();
    // Meanwhile the default country changes: the next search builds anew, and finishes.
    await reader.settings.update({ defaultCountry: 'SK' });
    await reader.prepareSearch();
    // Another tab renames the client; its batch is heard and applied.
    await writer.clients.update(client.id, { name: 'Datart' });
    await settled();
    byHand.hear(committed.at(-1)!);
    await settled();
    await settled();
    expect((await reader.clients.search('datart')).map((c) => c.name)).to.deep.equal(['Datart']);
    // The first build's page comes back late.
    release();
    await first.catch(() => undefined);
    await settled();
    const names = async (text: string) => (await reader.clients.search(text)).map((c) => c.name);
    expect({ datart: await names('datart'), alza: await names('alza') }).to.deep.equal({ datart: ['Datart'], alza: [] });
  });
});
