import { expect } from 'chai';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import type { ChangeSet, StorageAdapter } from '../../src/storage/adapter.ts';
import { openCrm } from './fixtures.ts';

/**
 * A reader instance whose batches from other instances the test hands over, in the order it
 * chooses: a tab busy when it committed posts its batch after a newer one of another tab.
 */
async function world() {
  const storage = memoryAdapter();
  const writer = await openCrm({ storage });
  const committed: ChangeSet[] = [];
  storage.onExternalChange!((changes) => committed.push(changes));
  let hear: (changes: ChangeSet) => void = () => {};
  const readerStorage = new Proxy(storage, {
    get(target, property) {
      if (property === 'onExternalChange') {
        return (listener: (changes: ChangeSet) => void) => {
          hear = listener;
          return () => {};
        };
      }
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as StorageAdapter;
  const reader = await openCrm({ storage: readerStorage });
  // The reader's index is built before the writes, so it learns them only from the batches.
  await reader.prepareSearch();
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
  const names = async (text: string) => (await reader.clients.search(text)).map((client) => client.name);
  return { writer, reader, committed, hear: (changes: ChangeSet) => hear(structuredClone(changes)), settled, names };
}

describe('batches of other instances that arrive late', () => {
  it('keep the newest version of a record when an older one arrives after it', async () => {
    const { writer, committed, hear, settled, names } = await world();
    const client = await writer.clients.create({ name: 'Alza' });
    await writer.clients.update(client.id, { name: 'Datart' });
    await settled();
    const [created, renamed] = committed;
    hear(renamed!);
    hear(created!);
    await settled();
    expect({ datart: await names('datart'), alza: await names('alza') }).to.deep.equal({ datart: ['Datart'], alza: [] });
  });

  it('do not bring back a record deleted meanwhile', async () => {
    const { writer, reader, committed, hear, settled, names } = await world();
    const client = await writer.clients.create({ name: 'Alza' });
    await writer.clients.update(client.id, { name: 'Datart' });
    await writer.clients.delete(client.id);
    await settled();
    const [created, renamed, deleted] = committed;
    hear(created!);
    hear(deleted!);
    hear(renamed!);
    await settled();
    await settled();
    expect(await names('datart')).to.deep.equal([]);
    expect(reader.searchStats().clients.documents).to.equal(0);
  });

  it('still show a deleted record brought back, read afresh from storage', async () => {
    const { writer, reader, committed, hear, settled, names } = await world();
    const client = await writer.clients.create({ name: 'Alza' });
    const deletion = await writer.clients.delete(client.id);
    await writer.activities.undo(deletion.id);
    await settled();
    for (const changes of committed) hear(changes);
    await settled();
    await settled();
    expect(await names('alza')).to.deep.equal(['Alza']);
    expect(reader.searchStats().clients.documents).to.equal(1);
  });
});
