/**
 * The conformance suite every storage adapter runs: whatever an adapter stores records in, the
 * services must see the same answers. It registers tests with the `describe`/`it`/`beforeEach`/
 * `afterEach` globals of mocha, node:test, vitest or jest and depends on nothing else.
 */
import type { IndexKey, KeyRange, Page, Query, StorageAdapter, StorageSchema, StoredRecord, WriteOperation } from '../../src/storage/adapter.ts';
import { assert, assertEqual, assertRejects } from './assert.ts';

export { assert, assertEqual, assertRejects, canonicalJson } from './assert.ts';

export interface StorageAdapterSuiteOptions {
  /** Names the suite in the test report. */
  name: string;
  /** A new, empty adapter, not yet opened; called before every test, which closes it after. */
  create: () => StorageAdapter | Promise<StorageAdapter>;
}

interface TestGlobals {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
  beforeEach(body: () => Promise<void>): unknown;
  afterEach(body: () => Promise<void>): unknown;
}

const text = (field: string) => (record: StoredRecord) => {
  const value = record[field];
  return typeof value === 'string' ? value : undefined;
};

/** The schema the suite opens adapters with: every kind of index the services use. */
export const conformanceSchema: StorageSchema = {
  version: 1,
  collections: {
    people: {
      indexes: {
        email: { key: text('email'), unique: true },
        city: { key: text('city') },
        tags: { key: (record) => (Array.isArray(record['tags']) ? (record['tags'] as IndexKey[]) : undefined), multiEntry: true },
        cityAge: {
          key: (record) =>
            typeof record['city'] === 'string' && typeof record['age'] === 'number' ? [record['city'], record['age']] : undefined,
        },
        // Hands any stored `age` to the adapter as is, so a test can feed it an invalid key or make it throw.
        age: {
          key: (record) => {
            if (record['age'] === 'explode') throw new Error('age extractor failed on purpose');
            return record['age'] as IndexKey | undefined;
          },
        },
      },
    },
    companies: {
      indexes: {
        name: { key: text('name') },
        taxId: { key: text('taxId'), unique: true },
      },
    },
  },
};

const person = (id: string, fields: Record<string, unknown>): StoredRecord => ({ id, version: 1, ...fields });

/** Written in a jumbled order so that no adapter passes by returning records as inserted. */
const people: StoredRecord[] = [
  person('p05', { name: 'Eva', email: 'eva@example.com', city: 'Ostrava', age: 36 }),
  person('p01', { name: 'Ada', email: 'ada@example.com', city: 'Praha', age: 36, tags: ['vip', 'b2b'] }),
  person('p10', { name: 'Jana', email: 'jana@example.com', city: 'Praha', age: 28 }),
  person('p03', { name: 'Cecilie', email: 'cecilie@example.com', city: 'Praha', age: 28, tags: ['vip', 'vip', 'new'] }),
  person('p08', { name: 'Hana', city: 'Praha' }),
  person('p02', { name: 'Bohdan', email: 'bohdan@example.com', city: 'Brno', age: 28, tags: ['b2b'] }),
  person('p07', { name: 'Gita', email: 'gita@example.com', city: 'Brno', age: 51, tags: ['vip'] }),
  person('p04', { name: 'David', city: 'Praha', age: 45, tags: [] }),
  person('p09', { name: 'Igor', email: 'igor@example.com', city: 'Plzeň', age: 36, tags: ['b2b'] }),
  person('p06', { name: 'Filip', email: 'filip@example.com', age: 28, tags: ['new'] }),
];

const companies: StoredRecord[] = [
  person('c1', { name: 'Acme', taxId: 'CZ111' }),
  person('c2', { name: 'Globex', taxId: 'CZ222' }),
];

const byAgeThenId = ['p02', 'p03', 'p06', 'p10', 'p01', 'p05', 'p09', 'p04', 'p07'];
const byCityThenId = ['p02', 'p07', 'p05', 'p09', 'p01', 'p03', 'p04', 'p08', 'p10'];
const praguersByAge = ['p03', 'p10', 'p01', 'p04'];
/** Compound keys keep numbers below this; a JSON-safe stand-in for Infinity. */
const maxAge = 1e9;

const put = (collection: string, record: StoredRecord, expectedVersion?: number | 'absent'): WriteOperation =>
  expectedVersion === undefined ? { type: 'put', collection, record } : { type: 'put', collection, record, expectedVersion };

const idsOf = (page: Page) => page.records.map((record) => record.id);

function storedPerson(id: string): StoredRecord {
  const found = people.find((record) => record.id === id);
  assert(found !== undefined, `fixture ${id} exists`);
  return found;
}

/**
 * Registers the conformance tests for one adapter.
 *
 * @example
 * ```ts
 * import { runStorageAdapterSuite } from 'kartoteka/adapters/testing';
 * runStorageAdapterSuite({ name: 'indexeddb', create: () => indexedDbAdapter({ name: `t${Math.random()}` }) });
 * ```
 */
export function runStorageAdapterSuite({ name, create }: StorageAdapterSuiteOptions): void {
  const { describe, it, beforeEach, afterEach } = testGlobals();
  let adapter: StorageAdapter;

  async function readAll(collection: string, query: Omit<Query, 'cursor' | 'limit'> = {}): Promise<string[]> {
    const page = await adapter.query(collection, query);
    assert(page.cursor === undefined, 'a read without a limit returns everything and no cursor');
    return idsOf(page);
  }

  async function readInPages(query: Omit<Query, 'cursor' | 'limit'>, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let pages = 1; ; pages++) {
      assert(pages <= people.length + 2, 'paging ends');
      const page = await adapter.query('people', { ...query, limit, ...(cursor === undefined ? {} : { cursor }) });
      assert(pages === 1 || page.records.length > 0, 'a cursor promises more records');
      ids.push(...idsOf(page));
      if (page.cursor === undefined) return ids;
      assert(page.records.length === limit, 'every page but the last is full');
      cursor = page.cursor;
    }
  }

  /** Everything a test can observe: every record and the answer of every index. */
  async function snapshot(): Promise<unknown> {
    const state: Record<string, unknown> = {};
    for (const [collection, definition] of Object.entries(conformanceSchema.collections)) {
      state[collection] = (await adapter.query(collection)).records;
      for (const index of Object.keys(definition.indexes)) {
        state[`${collection}.${index}`] = [await readAll(collection, { index }), await adapter.count(collection, { index })];
      }
    }
    return state;
  }

  describe(`storage adapter conformance: ${name}`, () => {
    beforeEach(async () => {
      adapter = await create();
      await adapter.open(conformanceSchema);
      await adapter.write([...people.map((record) => put('people', record)), ...companies.map((record) => put('companies', record))]);
    });

    afterEach(async () => {
      await adapter.close();
    });

    it('describes itself', async () => {
      assert(typeof adapter.name === 'string' && adapter.name !== '', 'name is a non-empty string');
      const { persistent, externalChanges, shared } = adapter.capabilities;
      assert([persistent, externalChanges, shared].every((flag) => typeof flag === 'boolean'), 'capabilities are booleans');
      assert(!externalChanges || typeof adapter.onExternalChange === 'function', 'externalChanges comes with onExternalChange');
    });

    it('hands committed batches to change listeners, except those of an ignored origin', async () => {
      const subscribe = adapter.onExternalChange?.bind(adapter);
      if (!subscribe) return;
      const heard: { all: string[]; others: string[] } = { all: [], others: [] };
      const stopAll = subscribe((changes) => heard.all.push(changes.origin ?? '-'));
      const stopOthers = subscribe((changes) => heard.others.push(changes.origin ?? '-'), { ignoreOrigin: 'me' });
      await adapter.write([put('companies', person('c9', { name: 'Mine' }))], { origin: 'me' });
      await adapter.write([put('companies', person('c8', { name: 'Theirs' }))], { origin: 'them' });
      // Listeners are called asynchronously, possibly through a channel: wait for the second batch.
      for (let waited = 0; heard.all.length < 2 && waited < 2000; waited += 10) await new Promise<void>((resolve) => setTimeout(() => resolve(), 10));
      stopAll();
      stopOthers();
      assertEqual(heard, { all: ['me', 'them'], others: ['them'] }, 'batches heard');
    });

    describe('records', () => {
      it('gets back what was put', async () => {
        for (const record of people) assertEqual(await adapter.get('people', record.id), record, `get ${record.id}`);
      });

      it('gets undefined for a missing id', async () => {
        assertEqual(await adapter.get('people', 'nobody'), undefined, 'missing record');
      });

      it('copies records in and out', async () => {
        const input = person('p11', { name: 'Karel', tags: ['new'], address: { city: 'Kolín' } });
        await adapter.write([put('people', input)]);
        (input['tags'] as string[]).push('changed');
        (input['address'] as Record<string, string>)['city'] = 'changed';
        const first = await adapter.get('people', 'p11');
        assert(first !== undefined, 'p11 stored');
        (first['tags'] as string[]).push('changed');
        const queried = (await adapter.query('people', { index: 'tags', range: { eq: 'new' } })).records;
        for (const record of queried) record['name'] = 'changed';
        const expected = person('p11', { name: 'Karel', tags: ['new'], address: { city: 'Kolín' } });
        assertEqual(await adapter.get('people', 'p11'), expected, 'stored record unchanged by callers');
        assertEqual(await readAll('people', { index: 'tags', range: { eq: 'changed' } }), [], 'index unchanged by callers');
      });

      it('replaces a record whole and moves its index entries', async () => {
        const moved = { ...person('p01', { name: 'Ada', email: 'ada@example.com', city: 'Brno' }), version: 2 };
        await adapter.write([put('people', moved)]);
        assertEqual(await adapter.get('people', 'p01'), moved, 'fields left out are gone');
        assertEqual(await readAll('people', { index: 'city', range: { eq: 'Brno' } }), ['p01', 'p02', 'p07'], 'new key');
        assertEqual(await readAll('people', { index: 'city', range: { eq: 'Praha' } }), ['p03', 'p04', 'p08', 'p10'], 'old key');
        assertEqual(await readAll('people', { index: 'tags', range: { eq: 'vip' } }), ['p03', 'p07'], 'multiEntry keys');
        assertEqual(await readAll('people', { index: 'age', range: { eq: 36 } }), ['p05', 'p09'], 'key removed');
      });

      it('deletes a record and its index entries', async () => {
        await adapter.write([{ type: 'delete', collection: 'people', id: 'p01' }]);
        assertEqual(await adapter.get('people', 'p01'), undefined, 'deleted');
        assertEqual(await readAll('people', { index: 'tags', range: { eq: 'b2b' } }), ['p02', 'p09'], 'tags');
        assertEqual(await readAll('people', { index: 'email', range: { eq: 'ada@example.com' } }), [], 'email');
        assertEqual(await adapter.count('people'), people.length - 1, 'count');
      });

      it('treats deleting a missing record without a version as done', async () => {
        const before = await snapshot();
        await adapter.write([{ type: 'delete', collection: 'people', id: 'nobody' }]);
        await adapter.write([]);
        assertEqual(await snapshot(), before, 'nothing changed');
      });

      it('keeps collections apart', async () => {
        await adapter.write([put('companies', person('p01', { name: 'Initech' }))]);
        assertEqual(await adapter.get('people', 'p01'), storedPerson('p01'), 'person p01 untouched');
        assertEqual(await readAll('companies'), ['c1', 'c2', 'p01'], 'companies');
      });
    });

    describe('queries', () => {
      it('reads in id order without an index', async () => {
        const ids = people.map((record) => record.id).sort();
        assertEqual(await readAll('people'), ids, 'asc');
        assertEqual(await readAll('people', { direction: 'desc' }), [...ids].reverse(), 'desc');
        assertEqual(await readAll('people', { range: { gte: 'p03', lt: 'p06' } }), ['p03', 'p04', 'p05'], 'id range');
      });

      it('reads an index in key order, ties by id, leaving out records without a key', async () => {
        assertEqual(await readAll('people', { index: 'age' }), byAgeThenId, 'age asc');
        assertEqual(await readAll('people', { index: 'age', direction: 'desc' }), [...byAgeThenId].reverse(), 'age desc');
        assertEqual(await readAll('people', { index: 'city' }), byCityThenId, 'city asc');
        assertEqual(await readAll('people', { index: 'city', direction: 'desc' }), [...byCityThenId].reverse(), 'city desc');
        const withEmail = ['p01', 'p02', 'p03', 'p05', 'p06', 'p07', 'p09', 'p10'];
        assertEqual(await readAll('people', { index: 'email' }), withEmail, 'email');
      });

      it('finds equal keys', async () => {
        assertEqual(await readAll('people', { index: 'city', range: { eq: 'Praha' } }), ['p01', 'p03', 'p04', 'p08', 'p10'], 'Praha');
        assertEqual(await readAll('people', { index: 'age', range: { eq: 36 } }), ['p01', 'p05', 'p09'], '36');
        assertEqual(await readAll('people', { index: 'email', range: { eq: 'igor@example.com' } }), ['p09'], 'unique');
        assertEqual(await readAll('people', { index: 'city', range: { eq: 'Tábor' } }), [], 'no match');
        assertEqual(await readAll('people', { index: 'age', range: { eq: '36' } }), [], 'a string is not a number');
      });

      it('reads ranges with every kind of bound', async () => {
        const ages = async (range: KeyRange, direction: 'asc' | 'desc' = 'asc') =>
          readAll('people', { index: 'age', range, direction });
        assertEqual(await ages({ gt: 28 }), ['p01', 'p05', 'p09', 'p04', 'p07'], 'gt');
        assertEqual(await ages({ gte: 36 }), ['p01', 'p05', 'p09', 'p04', 'p07'], 'gte');
        assertEqual(await ages({ lt: 36 }), ['p02', 'p03', 'p06', 'p10'], 'lt');
        assertEqual(await ages({ lte: 36 }), ['p02', 'p03', 'p06', 'p10', 'p01', 'p05', 'p09'], 'lte');
        assertEqual(await ages({ gt: 28, lte: 45 }), ['p01', 'p05', 'p09', 'p04'], 'gt + lte');
        assertEqual(await ages({ gte: 36, lt: 51 }, 'desc'), ['p04', 'p09', 'p05', 'p01'], 'gte + lt desc');
        assertEqual(await ages({ gt: 40, lt: 45 }), [], 'empty range');
        assertEqual(await ages({ gt: 50, lt: 40 }), [], 'inverted range');
        assertEqual(await ages({ eq: 36, gt: 36 }), [], 'eq outside the other bounds');
        const cities = await readAll('people', { index: 'city', range: { gte: 'P', lt: 'Q' } });
        assertEqual(cities, ['p09', 'p01', 'p03', 'p04', 'p08', 'p10'], 'string prefix range');
      });

      it('reads compound keys by range', async () => {
        const prague = { gte: ['Praha', 0], lt: ['Praha', maxAge] };
        assertEqual(await readAll('people', { index: 'cityAge', range: prague }), praguersByAge, 'asc');
        const desc = await readAll('people', { index: 'cityAge', range: prague, direction: 'desc' });
        assertEqual(desc, [...praguersByAge].reverse(), 'desc');
        const older = await readAll('people', { index: 'cityAge', range: { gt: ['Praha', 28], lte: ['Praha', maxAge] } });
        assertEqual(older, ['p01', 'p04'], 'older Praguers');
        // A shorter array sorts first and an array after every number: the idiom for "starts with".
        const brno = await readAll('people', { index: 'cityAge', range: { gte: ['Brno'], lt: ['Brno', []] } });
        assertEqual(brno, ['p02', 'p07'], 'prefix');
        assertEqual(await readAll('people', { index: 'cityAge', range: { eq: ['Praha', 28] } }), ['p03', 'p10'], 'eq');
      });

      it('reads a multiEntry index once per distinct element', async () => {
        assertEqual(await readAll('people', { index: 'tags', range: { eq: 'vip' } }), ['p01', 'p03', 'p07'], 'vip');
        assertEqual(await readAll('people', { index: 'tags', range: { eq: 'new' } }), ['p03', 'p06'], 'new');
        const range = await readAll('people', { index: 'tags', range: { gte: 'b', lt: 'o' } });
        assertEqual(range, ['p01', 'p02', 'p09', 'p03', 'p06'], 'one entry per matching element');
        assertEqual(await adapter.count('people', { index: 'tags' }), 8, 'entries');
      });

      it('limits a page', async () => {
        const page = await adapter.query('people', { index: 'age', limit: 3 });
        assertEqual(idsOf(page), byAgeThenId.slice(0, 3), 'first three');
        assert(page.cursor !== undefined, 'more follow');
        const whole = await adapter.query('people', { index: 'age', limit: byAgeThenId.length });
        assert(whole.cursor === undefined, 'no cursor when nothing follows a full page');
        const rangeEnd = await adapter.query('people', { index: 'age', range: { lte: 36 }, limit: 7 });
        assert(rangeEnd.cursor === undefined, 'no cursor when a full page reaches the end of the range');
        const rangeStart = await adapter.query('people', { index: 'age', range: { gt: 28 }, direction: 'desc', limit: 5 });
        assert(rangeStart.cursor === undefined, 'no cursor when a full page reaches the start of the range, desc');
        const beyond = await adapter.query('people', { index: 'age', limit: 100 });
        assertEqual(idsOf(beyond), byAgeThenId, 'all');
        assert(beyond.cursor === undefined, 'no cursor on the last page');
      });
    });

    describe('paging', () => {
      const queries: Omit<Query, 'cursor' | 'limit'>[] = [
        {},
        { index: 'age' },
        { index: 'city' },
        { index: 'tags' },
        { index: 'email' },
        { index: 'cityAge', range: { gte: ['Praha', 0], lt: ['Praha', maxAge] } },
        { index: 'age', range: { gt: 28, lte: 45 } },
      ];

      for (const direction of ['asc', 'desc'] as const) {
        it(`pages through every query ${direction} as one read would`, async () => {
          for (const query of queries) {
            const whole = await readAll('people', { ...query, direction });
            for (const limit of [1, 2, 3, 4]) {
              const paged = await readInPages({ ...query, direction }, limit);
              assertEqual(paged, whole, `${JSON.stringify(query)} in pages of ${limit}`);
            }
          }
        });
      }

      it('continues after the last record seen when records are added and removed between pages', async () => {
        const first = await adapter.query('people', { index: 'age', limit: 3 });
        assertEqual(idsOf(first), ['p02', 'p03', 'p06'], 'first page ends inside a tie on 28');
        await adapter.write([
          put('people', person('p00', { name: 'before the boundary', age: 28 })),
          put('people', person('p06a', { name: 'after the boundary', age: 28 })),
          { type: 'delete', collection: 'people', id: 'p02' },
          { type: 'delete', collection: 'people', id: 'p05' },
        ]);
        assert(first.cursor !== undefined, 'cursor');
        const rest = await adapter.query('people', { index: 'age', cursor: first.cursor });
        assertEqual(idsOf(rest), ['p06a', 'p10', 'p01', 'p09', 'p04', 'p07'], 'rest');
      });

      it('continues after the last record seen in descending order too', async () => {
        const first = await adapter.query('people', { index: 'age', direction: 'desc', limit: 3 });
        assertEqual(idsOf(first), ['p07', 'p04', 'p09'], 'first page ends inside a tie on 36');
        await adapter.write([
          put('people', person('p095', { name: 'before the boundary', age: 36 })),
          put('people', person('p08a', { name: 'after the boundary', age: 36 })),
          { type: 'delete', collection: 'people', id: 'p07' },
          { type: 'delete', collection: 'people', id: 'p05' },
        ]);
        assert(first.cursor !== undefined, 'cursor');
        const rest = await adapter.query('people', { index: 'age', direction: 'desc', cursor: first.cursor });
        assertEqual(idsOf(rest), ['p08a', 'p01', 'p10', 'p06', 'p03', 'p02'], 'rest');
      });

      it('continues after a deleted last record', async () => {
        const first = await adapter.query('people', { limit: 2 });
        await adapter.write([{ type: 'delete', collection: 'people', id: 'p02' }]);
        assert(first.cursor !== undefined, 'cursor');
        const rest = await adapter.query('people', { cursor: first.cursor, limit: 2 });
        assertEqual(idsOf(rest), ['p03', 'p04'], 'next page');
      });

      it('skips offset records, in either direction, after a cursor too', async () => {
        const ages = async (query: Omit<Query, 'index'>) => idsOf(await adapter.query('people', { index: 'age', ...query }));
        assertEqual(await ages({ offset: 2, limit: 3 }), byAgeThenId.slice(2, 5), 'asc');
        assertEqual(await ages({ offset: 2, limit: 3, direction: 'desc' }), [...byAgeThenId].reverse().slice(2, 5), 'desc');
        assertEqual(await ages({ offset: 100, limit: 3 }), [], 'past the end');
        assertEqual(await ages({ offset: 1, range: { eq: 28 } }), ['p03', 'p06', 'p10'], 'in a range');
        const first = await adapter.query('people', { index: 'age', limit: 2 });
        assertEqual(await ages({ cursor: first.cursor!, offset: 1, limit: 2 }), byAgeThenId.slice(3, 5), 'after a cursor');
        const last = await adapter.query('people', { index: 'age', offset: byAgeThenId.length - 2, limit: 2 });
        assert(last.cursor === undefined, 'no cursor when the page reaches the end');
        await assertRejects(() => adapter.query('people', { offset: -1 }), 'validation', 'negative offset');
        await assertRejects(() => adapter.query('people', { offset: 1.5 }), 'validation', 'fractional offset');
      });

      it('refuses a malformed cursor', async () => {
        for (const cursor of ['', 'not a cursor', '%E0%A4%A', '[1]', encodeURIComponent('[true,"p01"]')]) {
          const error = await assertRejects(() => adapter.query('people', { index: 'age', cursor }), 'validation', cursor);
          assertEqual(error.fields[0]?.path, ['cursor'], 'names the cursor');
        }
      });
    });

    describe('readMany (optional)', () => {
      it('answers gets and index look-ups in order, as get and query would', async () => {
        if (!adapter.readMany) return;
        const found = await adapter.readMany('people', [
          { id: 'p03' },
          { id: 'nobody' },
          { index: 'city', key: 'Praha' },
          { index: 'city', key: 'Praha', limit: 2 },
          { index: 'tags', key: 'vip' },
          { index: 'cityAge', key: ['Praha', 28] },
          { index: 'age', key: '36' },
          { id: 'p03' },
          { index: 'city', key: 'Praha', limit: Infinity },
          { index: 'email', key: 'igor@example.com', limit: 2 },
          { index: 'email', key: 'igor@example.com', limit: Infinity },
        ]);
        assertEqual(
          found.map((records) => records.map((record) => record.id)),
          [['p03'], [], ['p01', 'p03', 'p04', 'p08', 'p10'], ['p01', 'p03'], ['p01', 'p03', 'p07'], ['p03', 'p10'], [], ['p03'], ['p01', 'p03', 'p04', 'p08', 'p10'], ['p09'], ['p09']],
          'answers',
        );
        assertEqual(found[0]![0], storedPerson('p03'), 'whole records');
        found[0]![0]!['name'] = 'changed';
        assertEqual((await adapter.get('people', 'p03'))?.['name'], 'Cecilie', 'copies out');
        assertEqual(await adapter.readMany('people', []), [], 'no look-ups');
      });

      it('answers many gets at once, stored ids among missing ones and missing ones around stored ones', async () => {
        if (!adapter.readMany) return;
        // Ids from p00 to p99 span the stored p01…p10 and many that are not stored, in a shuffled order.
        const ids = Array.from({ length: 100 }, (_, i) => `p${String((i * 37) % 100).padStart(2, '0')}`);
        const found = await adapter.readMany('people', ids.map((id) => ({ id })));
        const stored = new Set(people.map((person) => person.id));
        assertEqual(found.map((records) => records.map((record) => record.id)), ids.map((id) => (stored.has(id) ? [id] : [])), 'answers');
        // Ids that all miss, far from any stored one.
        const missing = Array.from({ length: 80 }, (_, i) => `zz${i}`);
        assertEqual(await adapter.readMany('people', missing.map((id) => ({ id }))), missing.map(() => []), 'all missing');
      });

      it('refuses an unknown index or collection and an invalid key', async () => {
        const readMany = adapter.readMany?.bind(adapter);
        if (!readMany) return;
        await assertRejects(() => readMany('people', [{ index: 'shoeSize', key: 1 }]), 'storage', 'unknown index');
        await assertRejects(() => readMany('planets', [{ id: 'p01' }]), 'storage', 'unknown collection');
        await assertRejects(() => readMany('people', [{ index: 'city', key: null as unknown as string }]), 'validation', 'invalid key');
      });
    });

    describe('count', () => {
      it('counts records in a collection, an index or a range', async () => {
        assertEqual(await adapter.count('people'), 10, 'collection');
        assertEqual(await adapter.count('companies'), 2, 'other collection');
        assertEqual(await adapter.count('people', { index: 'city' }), 9, 'index without missing keys');
        assertEqual(await adapter.count('people', { index: 'city', range: { eq: 'Praha' } }), 5, 'eq');
        assertEqual(await adapter.count('people', { index: 'age', range: { gte: 36 } }), 5, 'gte');
        assertEqual(await adapter.count('people', { index: 'age', range: { gt: 28, lt: 51 } }), 4, 'gt + lt');
        assertEqual(await adapter.count('people', { index: 'age', range: { gt: 50, lt: 40 } }), 0, 'inverted');
        const prague = { gte: ['Praha', 0], lt: ['Praha', maxAge] };
        assertEqual(await adapter.count('people', { index: 'cityAge', range: prague }), 4, 'compound');
        assertEqual(await adapter.count('people', { index: 'tags', range: { eq: 'vip' } }), 3, 'multiEntry');
        assertEqual(await adapter.count('people', { range: { lt: 'p03' } }), 2, 'id range');
      });
    });

    describe('versions', () => {
      it('refuses to create a record that exists', async () => {
        const error = await assertRejects(
          () => adapter.write([put('people', person('p01', { name: 'Impostor' }), 'absent')]),
          'conflict',
          "'absent' on an existing record",
        );
        assertEqual(error.current, storedPerson('p01'), 'current is the stored record');
        assertEqual(error.details['collection'], 'people', 'details.collection');
        assertEqual(error.details['id'], 'p01', 'details.id');
        assertEqual(error.details['expectedVersion'], 'absent', 'details.expectedVersion');
        assertEqual(error.details['actualVersion'], 1, 'details.actualVersion');
        assertEqual(await adapter.get('people', 'p01'), storedPerson('p01'), 'unchanged');
      });

      it('writes on a matching version and refuses a stale one', async () => {
        const second = { ...storedPerson('p01'), name: 'Ada L.', version: 2 };
        await adapter.write([put('people', second, 1)]);
        const error = await assertRejects(
          () => adapter.write([put('people', { ...storedPerson('p01'), name: 'Ada K.', version: 2 }, 1)]),
          'conflict',
          'stale version',
        );
        assertEqual(error.current, second, 'current is the newer record');
        assertEqual([error.details['expectedVersion'], error.details['actualVersion']], [1, 2], 'versions');
        assertEqual(await adapter.get('people', 'p01'), second, 'the newer record stays');
      });

      it('refuses a version check on a missing record', async () => {
        const error = await assertRejects(
          () => adapter.write([put('people', person('nobody', { name: 'Nobody' }), 1)]),
          'conflict',
          'expected version of a missing record',
        );
        assertEqual(error.current, undefined, 'no current record');
        assertEqual(error.details['actualVersion'], undefined, 'no actual version');
        assertEqual(await adapter.get('people', 'nobody'), undefined, 'not created');
      });

      it('writes over any version without a check', async () => {
        const replacement = { ...storedPerson('p01'), version: 7 };
        await adapter.write([put('people', replacement)]);
        assertEqual(await adapter.get('people', 'p01'), replacement, 'replaced');
      });

      it('deletes on a matching version and refuses a stale or missing one', async () => {
        await assertRejects(
          () => adapter.write([{ type: 'delete', collection: 'people', id: 'p01', expectedVersion: 2 }]),
          'conflict',
          'stale delete',
        ).then((error) => assertEqual(error.current, storedPerson('p01'), 'current'));
        assertEqual(await adapter.get('people', 'p01'), storedPerson('p01'), 'still there');
        await assertRejects(
          () => adapter.write([{ type: 'delete', collection: 'people', id: 'nobody', expectedVersion: 1 }]),
          'conflict',
          'versioned delete of a missing record',
        );
        await adapter.write([{ type: 'delete', collection: 'people', id: 'p01', expectedVersion: 1 }]);
        assertEqual(await adapter.get('people', 'p01'), undefined, 'deleted');
      });

      it('checks versions against the earlier operations of the batch', async () => {
        const first = person('p11', { name: 'Karel' });
        const second = { ...first, version: 2 };
        await adapter.write([put('people', first, 'absent'), put('people', second, 1)]);
        assertEqual(await adapter.get('people', 'p11'), second, 'created then updated');
        await adapter.write([
          { type: 'delete', collection: 'people', id: 'p01', expectedVersion: 1 },
          put('people', storedPerson('p01'), 'absent'),
        ]);
        assertEqual(await adapter.get('people', 'p01'), storedPerson('p01'), 'deleted then created');
        await assertRejects(
          () => adapter.write([put('people', person('p12', {}), 'absent'), put('people', person('p12', {}), 'absent')]),
          'conflict',
          'created twice',
        );
        assertEqual(await adapter.get('people', 'p12'), undefined, 'not created');
      });
    });

    describe('unique indexes', () => {
      it('refuses a second record with the same key', async () => {
        const error = await assertRejects(
          () => adapter.write([put('people', person('p11', { name: 'Ada 2', email: 'ada@example.com' }), 'absent')]),
          'duplicate',
          'taken email',
        );
        assertEqual(error.current, storedPerson('p01'), 'current is the record holding the key');
        assertEqual(
          [error.details['collection'], error.details['index'], error.details['key']],
          ['people', 'email', 'ada@example.com'],
          'details',
        );
        assertEqual(await adapter.get('people', 'p11'), undefined, 'not created');
      });

      it('refuses two records with the same key in one batch', async () => {
        await assertRejects(
          () =>
            adapter.write([
              put('people', person('p11', { email: 'same@example.com' })),
              put('people', person('p12', { email: 'same@example.com' })),
            ]),
          'duplicate',
          'same email twice',
        );
        assertEqual(await readAll('people', { index: 'email', range: { eq: 'same@example.com' } }), [], 'neither stored');
      });

      it('lets a record keep its own key and records without a key coexist', async () => {
        await adapter.write([put('people', { ...storedPerson('p01'), name: 'Ada L.', version: 2 }, 1)]);
        await adapter.write([put('people', person('p11', { name: 'No email' }))]);
        assertEqual(await adapter.count('people', { index: 'email' }), 8, 'emails');
      });

      it('lets records swap keys or hand one over within a batch', async () => {
        await adapter.write([
          put('people', { ...storedPerson('p02'), email: 'ada@example.com', version: 2 }, 1),
          put('people', { ...storedPerson('p01'), email: 'bohdan@example.com', version: 2 }, 1),
        ]);
        assertEqual(await readAll('people', { index: 'email', range: { eq: 'ada@example.com' } }), ['p02'], 'ada');
        assertEqual(await readAll('people', { index: 'email', range: { eq: 'bohdan@example.com' } }), ['p01'], 'bohdan');
        await adapter.write([
          put('people', person('p11', { email: 'eva@example.com' }), 'absent'),
          { type: 'delete', collection: 'people', id: 'p05' },
        ]);
        assertEqual(await readAll('people', { index: 'email', range: { eq: 'eva@example.com' } }), ['p11'], 'handed over');
      });

      it('keeps unique indexes of collections apart', async () => {
        await adapter.write([put('people', person('p11', { taxId: 'CZ111' })), put('companies', person('c3', { taxId: 'CZ333' }))]);
        await assertRejects(() => adapter.write([put('companies', person('c4', { taxId: 'CZ111' }))]), 'duplicate', 'taxId');
      });
    });

    describe('atomic batches', () => {
      const harmless = (): WriteOperation[] => [
        put('people', person('p11', { name: 'Karel', email: 'karel@example.com', city: 'Kolín', age: 30, tags: ['new'] })),
        put('people', { ...storedPerson('p02'), city: 'Praha', version: 2 }, 1),
        { type: 'delete', collection: 'people', id: 'p03', expectedVersion: 1 },
        put('companies', { ...companies[0]!, name: 'Acme 2', version: 2 }),
      ];

      const failures: [string, WriteOperation, 'conflict' | 'duplicate' | 'storage'][] = [
        ['a failed version check', put('people', storedPerson('p01'), 'absent'), 'conflict'],
        ['a stale delete', { type: 'delete', collection: 'people', id: 'p04', expectedVersion: 3 }, 'conflict'],
        ['a taken unique key', put('people', person('p12', { email: 'gita@example.com' })), 'duplicate'],
        ['a unique key taken earlier in the batch', put('people', person('p12', { email: 'karel@example.com' })), 'duplicate'],
        ['an unknown collection', put('nonexistent', person('x1', {})), 'storage'],
        ['a throwing index extractor', put('people', person('p12', { age: 'explode' })), 'storage'],
        ['an invalid index key', put('people', person('p12', { age: true })), 'storage'],
      ];

      for (const [what, failing, code] of failures) {
        it(`changes nothing when one operation fails: ${what}`, async () => {
          const before = await snapshot();
          await assertRejects(() => adapter.write([...harmless(), failing]), code, what);
          await assertRejects(() => adapter.write([failing, ...harmless()]), code, `${what}, first`);
          assertEqual(await snapshot(), before, 'every record and index as before');
        });
      }
      it('reports a record created twice as a conflict before any other failure of the batch', async () => {
        const before = await snapshot();
        const again = put('people', person('p01', { name: 'Again' }), 'absent');
        const cases: [string, WriteOperation[]][] = [
          ['then an unknown collection', [again, put('nonexistent', person('x1', {}))]],
          ['then a throwing extractor', [again, put('people', person('p12', { age: 'explode' }))]],
          ['with a taken unique key', [put('people', person('p01', { email: 'gita@example.com' }), 'absent')]],
          ['before new records', [put('people', person('p13', { name: 'New' }), 'absent'), again]],
        ];
        for (const [what, operations] of cases) {
          const error = await assertRejects(() => adapter.write(operations), 'conflict', what);
          assertEqual(error.current, storedPerson('p01'), `${what}: current`);
        }
        assertEqual(await snapshot(), before, 'every record and index as before');
      });
    });

    describe('concurrent writers', () => {
      it('loses no increment when writers retry on conflict', async () => {
        await adapter.write([put('companies', person('counter', { value: 0 }), 'absent')]);
        const writers = 20;
        let conflicts = 0;
        const increment = async () => {
          for (;;) {
            const current = await adapter.get('companies', 'counter');
            assert(current !== undefined, 'counter exists');
            const next = { ...current, value: (current['value'] as number) + 1, version: current.version + 1 };
            try {
              await adapter.write([put('companies', next, current.version)]);
              return;
            } catch (error) {
              if ((error as { code?: unknown }).code !== 'conflict') throw error;
              conflicts++;
            }
          }
        };
        await Promise.all(Array.from({ length: writers }, increment));
        const counter = await adapter.get('companies', 'counter');
        assertEqual([counter?.['value'], counter?.version], [writers, writers + 1], 'every increment counted once');
        assert(conflicts > 0, 'parallel writers ran into conflicts');
      });
    });

    describe('errors', () => {
      it('fails with storage on an unknown collection', async () => {
        await assertRejects(() => adapter.get('nonexistent', 'x'), 'storage', 'get');
        await assertRejects(() => adapter.query('nonexistent'), 'storage', 'query');
        await assertRejects(() => adapter.count('nonexistent'), 'storage', 'count');
        await assertRejects(() => adapter.write([put('nonexistent', person('x', {}))]), 'storage', 'write');
      });

      it('fails with validation on an invalid range', async () => {
        const error = await assertRejects(
          () => adapter.query('people', { index: 'age', range: { gte: null as unknown as IndexKey } }),
          'validation',
          'null bound',
        );
        assertEqual(error.fields[0]?.path, ['range', 'gte'], 'names the bound');
        await assertRejects(() => adapter.count('people', { index: 'age', range: { lt: true as unknown as IndexKey } }), 'validation', 'count');
      });
    });
  });
}

function testGlobals(): TestGlobals {
  const globals = globalThis as Partial<TestGlobals>;
  const { describe, it, beforeEach, afterEach } = globals;
  if (!describe || !it || !beforeEach || !afterEach) {
    throw new Error('runStorageAdapterSuite needs the describe, it, beforeEach and afterEach globals of a test runner');
  }
  return { describe, it, beforeEach, afterEach };
}
