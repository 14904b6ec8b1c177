import { expect } from 'chai';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import type { StorageAdapter, StorageSchema, StoredRecord } from '../../src/storage/adapter.ts';
import { ReadAhead, type RecordChange } from '../../src/storage/read-ahead.ts';

const schema: StorageSchema = {
  version: 1,
  collections: {
    people: { indexes: { city: { key: (r) => r['city'] as string } } },
    pets: { indexes: {} },
  },
};

const person = (id: string, city: string, version = 1): StoredRecord => ({ id, city, version });

/** A memory store with `records`, and the reads that reach it, as `collection id` or `collection.index key`. */
async function store(records: Record<string, StoredRecord[]>) {
  const inner = memoryAdapter();
  await inner.open(schema);
  await inner.write(Object.entries(records).flatMap(([collection, list]) => list.map((record) => ({ type: 'put' as const, collection, record }))));
  const reads: string[] = [];
  const storage: StorageAdapter = {
    ...inner,
    get: (collection, id) => (reads.push(`${collection} ${id}`), inner.get(collection, id)),
    query: (collection, query) => (reads.push(`${collection}.${query?.index} ${JSON.stringify(query?.range?.eq)}`), inner.query(collection, query)),
    readMany: (collection, lookups) => {
      for (const lookup of lookups) reads.push('id' in lookup ? `${collection} ${lookup.id}` : `${collection}.${lookup.index} ${JSON.stringify(lookup.key)}`);
      return inner.readMany!(collection, lookups);
    },
  };
  return { inner, storage, reads };
}

const cityOf = async (ahead: ReadAhead, city: string, limit = 10) => (await ahead.storage.query('people', { index: 'city', range: { eq: city }, limit })).records.map((r) => r.id);

describe('ReadAhead.carryOver', () => {
  it('answers the next unit from what was read, brought up to date with what was written', async () => {
    const { inner, storage, reads } = await store({ people: [person('ann', 'Brno'), person('bob', 'Brno')] });
    const ahead = new ReadAhead(storage);
    await ahead.load('people', [{ index: 'city', key: 'Brno' }, { index: 'city', key: 'Olomouc' }, { id: 'cyril' }]);
    // The unit moves Bob to Olomouc, adds Cyril in Brno and deletes Ann.
    const changes: RecordChange[] = [
      { id: 'bob', before: person('bob', 'Brno'), after: person('bob', 'Olomouc', 2) },
      { id: 'cyril', before: undefined, after: person('cyril', 'Brno') },
      { id: 'ann', before: person('ann', 'Brno'), after: undefined },
    ];
    await inner.write(changes.map(({ id, after }) => (after ? { type: 'put', collection: 'people', record: after } : { type: 'delete', collection: 'people', id })));
    reads.length = 0;
    ahead.carryOver(schema, ['people'], () => changes);
    expect(await cityOf(ahead, 'Brno')).to.deep.equal(['cyril']);
    expect(await cityOf(ahead, 'Olomouc')).to.deep.equal(['bob']);
    expect(await ahead.storage.get('people', 'ann')).to.equal(undefined);
    expect(await ahead.storage.get('people', 'bob')).to.deep.include({ version: 2 });
    expect(reads).to.deep.equal([]);
  });

  it('reads again an answer cut at its limit that a change concerns, and forgets collections not carried', async () => {
    const { inner, storage, reads } = await store({ people: [person('ann', 'Brno'), person('bob', 'Brno')], pets: [{ id: 'rex', version: 1 }] });
    const ahead = new ReadAhead(storage);
    await ahead.load('people', [{ index: 'city', key: 'Brno', limit: 1 }]);
    await ahead.load('pets', [{ id: 'rex' }]);
    const changes: RecordChange[] = [{ id: 'abe', before: undefined, after: person('abe', 'Brno') }];
    await inner.write([{ type: 'put', collection: 'people', record: changes[0]!.after! }]);
    reads.length = 0;
    ahead.carryOver(schema, ['people'], (collection) => (collection === 'people' ? changes : []));
    // Only [ann] was read: whether abe comes first is not known without reading.
    expect(await cityOf(ahead, 'Brno', 1)).to.deep.equal(['abe']);
    await ahead.storage.get('pets', 'rex');
    expect(reads).to.deep.equal(['people.city "Brno"', 'pets rex']);
  });
});
