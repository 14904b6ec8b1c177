import { expect } from 'chai';
import { deleteDB, openDB } from 'idb';
import { indexedDbAdapter, requestPersistentStorage, type VersionChangeNotice } from '../../adapters/indexeddb/index.ts';
import { runStorageAdapterSuite } from '../../adapters/testing/index.ts';
import { createCrm, isCrmError, type CrmError, type CrmEvent } from '../../src/index.ts';
import type { ChangeSet, StorageAdapter, StorageSchema, StoredRecord, WriteOperation } from '../../src/storage/adapter.ts';
import { crmSchema } from '../../src/storage/schema.ts';

/** Every database a test creates, deleted after it. */
const created: string[] = [];
let sequence = 0;
function databaseName(label: string): string {
  const name = `kartoteka-test-${label}-${Date.now()}-${sequence++}`;
  created.push(name);
  return name;
}

afterEach(async () => {
  // Adapters still open close themselves on the deletion's versionchange.
  await Promise.all(created.splice(0).map((name) => deleteDB(name)));
});

runStorageAdapterSuite({ name: 'indexeddb', create: () => indexedDbAdapter({ name: databaseName('suite') }) });

const text = (field: string) => (record: StoredRecord) => record[field] as string | undefined;

const schema: StorageSchema = {
  version: 1,
  collections: {
    people: {
      indexes: {
        city: { key: text('city') },
        email: { key: text('email'), unique: true },
      },
    },
  },
};

const person = (id: string, fields: Record<string, unknown> = {}): StoredRecord => ({ id, version: 1, ...fields });
const put = (record: StoredRecord, expectedVersion?: number | 'absent'): WriteOperation =>
  expectedVersion === undefined ? { type: 'put', collection: 'people', record } : { type: 'put', collection: 'people', record, expectedVersion };
const idsOf = (records: StoredRecord[]) => records.map((record) => record.id);

async function rejection(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  );
  if (!isCrmError(error)) throw error;
  return error;
}

async function openedAdapter(name: string, options: { broadcast?: boolean } = {}): Promise<StorageAdapter> {
  const adapter = indexedDbAdapter({ name, ...options });
  await adapter.open(schema);
  return adapter;
}

/** Lets queued deliveries (microtasks, BroadcastChannel messages) arrive. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Replaces `IDBObjectStore.prototype.put` while `body` runs: `stub` gets the real put and the call's number. */
async function withStubbedPut(
  stub: (store: IDBObjectStore, realPut: () => IDBRequest, call: number) => IDBRequest,
  body: () => Promise<void>,
): Promise<void> {
  const realPut = IDBObjectStore.prototype.put;
  let calls = 0;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    return stub(this, () => realPut.apply(this, args), ++calls);
  };
  try {
    await body();
  } finally {
    IDBObjectStore.prototype.put = realPut;
  }
}

describe('indexedDbAdapter', () => {
  it('needs a database name and refuses calls before open and after the last close', async () => {
    expect(() => indexedDbAdapter({ name: '' })).to.throw('name: must be a non-empty string');
    const name = databaseName('lifecycle');
    const adapter = indexedDbAdapter({ name });
    expect(adapter.name).to.equal(name);
    expect(adapter.capabilities).to.deep.equal({ persistent: true, externalChanges: true, shared: true });
    expect((await rejection(adapter.get('people', 'p1'))).message).to.contain('is not open');
    await adapter.open(schema);
    await adapter.open(schema); // a second Crm on the same adapter
    await adapter.close();
    expect(await adapter.count('people')).to.equal(0, 'open until every opener closed it');
    await adapter.close();
    expect((await rejection(adapter.query('people'))).code).to.equal('storage');
  });

  it('reads many ids at once whether the range they span holds few or many other records', async () => {
    const adapter = await openedAdapter(databaseName('bulk-ids'));
    await adapter.write(Array.from({ length: 300 }, (_, i) => put({ id: `k${String(i).padStart(3, '0')}`, version: 1, name: `n${i}` })));
    const get = IDBObjectStore.prototype.get;
    let gets = 0;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['get']>) {
      gets += 1;
      return get.apply(this, args);
    };
    try {
      // 64 ids spread over 300 stored records: too many in between for one key read to pay; each is read.
      const spread = Array.from({ length: 64 }, (_, i) => `k${String(i * 4).padStart(3, '0')}`);
      expect((await adapter.readMany!('people', spread.map((id) => ({ id })))).map(idsOf)).to.deep.equal(spread.map((id) => [id]));
      expect(gets).to.equal(64);
      // 100 new ids past every stored one: one key read tells none is stored, and no get is made.
      gets = 0;
      const fresh = Array.from({ length: 100 }, (_, i) => `new${i}`);
      expect((await adapter.readMany!('people', fresh.map((id) => ({ id })))).map(idsOf)).to.deep.equal(fresh.map(() => []));
      expect(gets).to.equal(0);
      // Mixed: stored ones are read, missing ones are not.
      gets = 0;
      const mixed = [...Array.from({ length: 70 }, (_, i) => `k2${String(i).padStart(2, '0')}x`), 'k250', 'k299'];
      expect((await adapter.readMany!('people', mixed.map((id) => ({ id })))).map(idsOf).flat()).to.deep.equal(['k250', 'k299']);
      expect(gets).to.equal(2);
    } finally {
      IDBObjectStore.prototype.get = get;
    }
  });

  it('keeps its data when closed and reopened by another adapter', async () => {
    const name = databaseName('reopen');
    const first = await openedAdapter(name);
    await first.write([put(person('p1', { city: 'Praha', email: 'ada@example.com' })), put(person('p2', { city: 'Brno' }))]);
    await first.close();
    const second = await openedAdapter(name);
    expect(await second.get('people', 'p1')).to.deep.equal(person('p1', { city: 'Praha', email: 'ada@example.com' }));
    expect(idsOf((await second.query('people', { index: 'city' })).records)).to.deep.equal(['p2', 'p1']);
    expect((await rejection(second.write([put(person('p3', { email: 'ada@example.com' }))]))).code).to.equal('duplicate');
    await second.close();
  });

  describe('schema upgrades', () => {
    it('upgrades a database of real CRM data: nothing lost, new and changed indexes answer', async () => {
      const name = databaseName('crm-upgrade');
      const crm = await createCrm({ storage: indexedDbAdapter({ name }) });
      const alza = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440', billingAddress: { city: 'Praha' } });
      const jana = await crm.clients.create({ name: 'Nováková Jana', kind: 'person', billingAddress: { city: 'Brno' } });
      await crm.orders.upsert({ id: 'o1', currency: 'CZK', total: 100, createdAt: '2026-10-01T10:00:00Z', billing: { company: 'Alza', taxId: 'CZ27082440' } });
      await crm.orders.link('o1', alza.id);
      await crm.close();

      const { vatKey: _dropped, ...keptIndexes } = crmSchema.collections['clients']!.indexes;
      const next: StorageSchema = {
        version: crmSchema.version + 1,
        collections: {
          ...crmSchema.collections,
          clients: {
            indexes: {
              ...keptIndexes,
              // A changed extractor under the same name: the index must be rebuilt, not kept.
              name: { key: (record) => String(record['name']).toUpperCase() },
              city: { key: (record) => (record['billingAddress'] as { city?: string }).city },
            },
          },
          reminders: { indexes: { dueAt: { key: text('dueAt') } } },
        },
      };
      const upgraded = indexedDbAdapter({ name });
      await upgraded.open(next);
      expect(await upgraded.get('clients', alza.id)).to.deep.equal(alza);
      expect(await upgraded.get('clients', jana.id)).to.deep.equal(jana);
      expect(idsOf((await upgraded.query('clients', { index: 'city', range: { eq: 'Brno' } })).records)).to.deep.equal([jana.id]);
      expect(idsOf((await upgraded.query('clients', { index: 'name', range: { eq: 'ALZA.CZ A.S.' } })).records)).to.deep.equal([alza.id]);
      expect(await upgraded.count('clients', { index: 'name', range: { eq: 'alza.cz a.s.' } })).to.equal(0, 'old keys gone');
      expect(await upgraded.count('clients', { index: 'taxKey' })).to.equal(1, 'kept index');
      expect((await upgraded.query('orders', { index: 'clientCreated', range: { gte: [alza.id], lt: [alza.id, []] } })).records).to.have.length(1);
      expect((await rejection(upgraded.count('clients', { index: 'vatKey' }))).code).to.equal('storage', 'dropped index');
      await upgraded.write([{ type: 'put', collection: 'reminders', record: person('t1', { dueAt: '2026-12-01' }) }]);
      expect(await upgraded.count('reminders', { index: 'dueAt' })).to.equal(1);
      await upgraded.close();

      const stale = await rejection(createCrm({ storage: indexedDbAdapter({ name }) }));
      expect(stale.code).to.equal('storage');
      expect(stale.message).to.contain(`holds schema version ${crmSchema.version + 1}, newer than ${crmSchema.version}`);
    });

    it('brings a store of schema version 2 to 3: its orders without a client are found as duplicates', async () => {
      const name = databaseName('crm-v2');
      // Version 2 kept every order's buyer in a `buyer` index; 3 keeps only unlinked orders' keys.
      const { unlinked: _new, ...orderIndexes } = crmSchema.collections['orders']!.indexes;
      const version2: StorageSchema = {
        version: 2,
        collections: { ...crmSchema.collections, orders: { indexes: { ...orderIndexes, buyer: { key: (record) => String((record['billing'] as { company: string }).company).toLowerCase() } } } },
      };
      const notices: VersionChangeNotice[] = [];
      const written = indexedDbAdapter({ name, onVersionChange: (notice) => notices.push(notice) });
      const asVersion2 = new Proxy(written, {
        get(target, key) {
          if (key === 'open') return () => target.open(version2);
          const value = Reflect.get(target, key) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const old = await createCrm({ storage: asVersion2 });
      const alza = await old.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440' });
      await old.orders.upsert({ id: 'o1', currency: 'CZK', total: 100, createdAt: '2026-10-01T10:00:00Z', billing: { company: 'Alza.cz a.s.' } });
      await old.close();

      expect(notices, 'a new database is created, not upgraded').to.deep.equal([]);
      const crm = await createCrm({ storage: indexedDbAdapter({ name, onVersionChange: (notice) => notices.push(notice) }) });
      // The host can say why this opening takes longer than usual.
      expect(notices).to.deep.equal([{ type: 'upgrading', storedVersion: 2, requestedVersion: 3 }]);
      expect(await crm.clients.get(alza.id)).to.deep.equal(alza);
      const found = (await crm.clients.findDuplicates()).map((group) => (group.kind === 'unlinked_orders' ? { ...group, orders: group.orders.map((order) => order.id) } : group));
      expect(found).to.deep.equal([{ kind: 'unlinked_orders', reason: 'name', client: alza, orderIds: ['o1'], orders: ['o1'] }]);
      await crm.close();
      const db = await openDB(name);
      expect({ version: db.version, indexes: [...db.transaction('orders').store.indexNames].sort() }).to.deep.equal({ version: 3, indexes: ['accountCode', 'clientCreated', 'createdAt', 'taxKey', 'unlinked'] });
      db.close();
    });

    it('rewrites on upgrade only the records whose keys change, and keeps the indexes that follow them', async () => {
      const name = databaseName('sparse-upgrade');
      const adapter = await openedAdapter(name);
      await adapter.write(Array.from({ length: 20 }, (_, i) => put(person(`p${i}`, { email: `p${i}@example.com`, city: i < 3 ? 'Brno' : 'Praha', vip: i === 7 ? 'yes' : undefined }))));
      await adapter.close();
      // A new index only one record has a key in, and a city index whose keys now fold the case.
      const next: StorageSchema = {
        version: 2,
        collections: { people: { indexes: { ...schema.collections['people']!.indexes, city: { key: (record) => text('city')(record)?.toLowerCase() }, vip: { key: text('vip') } } } },
      };
      /** The ids of the records `open` writes. */
      const writtenBy = async (open: () => Promise<void>) => {
        const written: string[] = [];
        await withStubbedPut((_store, realPut) => {
          const request = realPut();
          request.addEventListener('success', () => written.push(String(request.result)));
          return request;
        }, open);
        return written;
      };
      const upgraded = indexedDbAdapter({ name });
      expect(await writtenBy(() => upgraded.open(next))).to.have.length(20, 'every city key changed');
      expect(idsOf((await upgraded.query('people', { index: 'city', range: { eq: 'brno' } })).records)).to.deep.equal(['p0', 'p1', 'p2']);
      expect(await upgraded.count('people', { index: 'city', range: { eq: 'Brno' } })).to.equal(0, 'old keys gone');
      await upgraded.close();

      // Next, only the vip index changes what it holds: one record is written again.
      const third: StorageSchema = { version: 3, collections: { people: { indexes: { ...next.collections['people']!.indexes, vip: { key: (record) => (record['vip'] ? 'VIP' : undefined) } } } } };
      const again = indexedDbAdapter({ name });
      expect(await writtenBy(() => again.open(third))).to.deep.equal(['p7']);
      expect(idsOf((await again.query('people', { index: 'vip', range: { eq: 'VIP' } })).records)).to.deep.equal(['p7']);
      expect(await again.count('people', { index: 'email' })).to.equal(20, 'the unique index built again');
      await again.close();
    });

    it('upgrades an extractor that swaps two records’ keys of a unique index', async () => {
      const name = databaseName('swap-upgrade');
      const adapter = await openedAdapter(name);
      await adapter.write([put(person('p1', { email: 'a@example.com', other: 'b@example.com' })), put(person('p2', { email: 'b@example.com', other: 'a@example.com' }))]);
      await adapter.close();
      const swapped: StorageSchema = { version: 2, collections: { people: { indexes: { ...schema.collections['people']!.indexes, email: { key: text('other'), unique: true } } } } };
      const upgraded = indexedDbAdapter({ name });
      await upgraded.open(swapped);
      expect(idsOf((await upgraded.query('people', { index: 'email', range: { eq: 'a@example.com' } })).records)).to.deep.equal(['p2']);
      await upgraded.close();
    });

    it('leaves the database as it was when the stored records do not fit the new schema', async () => {
      const name = databaseName('failed-upgrade');
      const adapter = await openedAdapter(name);
      await adapter.write([put(person('p1', { name: 'Eva', city: 'Praha' })), put(person('p2', { name: 'Eva', city: 'Brno' }))]);
      const uniqueNames: StorageSchema = {
        version: 2,
        collections: { people: { indexes: { ...schema.collections['people']!.indexes, name: { key: text('name'), unique: true } } } },
      };
      const error = await rejection(adapter.open(uniqueNames));
      expect(error.code).to.equal('duplicate');
      expect(error.details).to.deep.include({ collection: 'people', index: 'name', key: 'Eva', id: 'p2', existingId: 'p1' });
      expect(error.current).to.deep.equal(person('p1', { name: 'Eva', city: 'Praha' }));
      expect(await adapter.count('people', { index: 'city' })).to.equal(2, 'the same adapter goes on with the old schema');
      await adapter.close();
      const reopened = await openedAdapter(name);
      expect(await reopened.count('people')).to.equal(2, 'still at version 1');
      await reopened.close();
    });

    it('refuses a schema changed without a new version', async () => {
      const name = databaseName('unbumped');
      await (await openedAdapter(name)).close();
      const changed: StorageSchema = { version: 1, collections: { people: { indexes: { ...schema.collections['people']!.indexes, name: { key: text('name') } } } } };
      const error = await rejection(indexedDbAdapter({ name }).open(changed));
      expect(error.code).to.equal('storage');
      expect(error.message).to.contain('lacks people.name');
    });

    it('refuses an index name IndexedDB would read as a nested path', async () => {
      const dotted: StorageSchema = { version: 1, collections: { people: { indexes: { 'address.city': { key: text('city') } } } } };
      const error = await rejection(indexedDbAdapter({ name: databaseName('dotted') }).open(dotted));
      expect(error.code).to.equal('storage');
      expect(error.message).to.contain('people.address.city');
    });
  });

  describe('other connections', () => {
    it('closes for another tab’s upgrade, tells the host, and fails later calls', async () => {
      const name = databaseName('versionchange');
      const notices: VersionChangeNotice[] = [];
      const oldTab = indexedDbAdapter({ name, onVersionChange: (notice) => notices.push(notice) });
      await oldTab.open(schema);
      await oldTab.write([put(person('p1'))]);
      const newTab = indexedDbAdapter({ name });
      await newTab.open({ ...schema, version: 2 }); // would hang if the old tab kept its connection
      expect(notices).to.deep.equal([{ type: 'versionchange', newVersion: 2 }]);
      const error = await rejection(oldTab.get('people', 'p1'));
      expect(error.code).to.equal('storage');
      expect(error.message).to.contain('upgraded to schema version 2').and.to.contain('reload');
      expect((await rejection(oldTab.write([put(person('p2'))]))).code).to.equal('storage');
      expect((await rejection(oldTab.open(schema))).message).to.contain('newer than 1');
      expect(await newTab.get('people', 'p1')).to.deep.equal(person('p1'));
      await oldTab.close();
      await newTab.close();
    });

    it('reports an upgrade blocked by a connection that does not close, and finishes once it does', async () => {
      const name = databaseName('blocked');
      await (await openedAdapter(name)).close();
      const foreign = await openDB(name, 1); // ignores versionchange, like a tab with other code
      const notices: VersionChangeNotice[] = [];
      const upgrading = indexedDbAdapter({ name, onVersionChange: (notice) => notices.push(notice) });
      const opening = upgrading.open({ ...schema, version: 2 });
      await settled();
      expect(notices).to.deep.equal([{ type: 'blocked', storedVersion: 1, requestedVersion: 2 }]);
      foreign.close();
      await opening;
      expect(await upgrading.count('people')).to.equal(0);
      await upgrading.close();
    });

    it('hands every committed batch to its own listeners and, over BroadcastChannel, to other adapters', async () => {
      const name = databaseName('changes');
      const writer = await openedAdapter(name);
      const reader = await openedAdapter(name);
      const loner = await openedAdapter(name, { broadcast: false });
      expect(loner.capabilities.externalChanges).to.equal(false);
      const own: ChangeSet[] = [];
      const heard: ChangeSet[] = [];
      const unheard: ChangeSet[] = [];
      writer.onExternalChange?.((changes) => own.push(changes));
      reader.onExternalChange?.((changes) => heard.push(changes));
      loner.onExternalChange?.((changes) => unheard.push(changes));
      await writer.write([put(person('p1', { email: 'a@example.com' }))]);
      await rejection(writer.write([put(person('p2', { email: 'a@example.com' }))]));
      await writer.write([{ type: 'delete', collection: 'people', id: 'missing' }]);
      await writer.write([put(person('p3')), { type: 'delete', collection: 'people', id: 'p1' }], { origin: 'shop', events: [{ type: 'x' }] });
      await settled();
      const expected: ChangeSet[] = [
        { puts: [{ collection: 'people', record: person('p1', { email: 'a@example.com' }) }], deletes: [] },
        { puts: [{ collection: 'people', record: person('p3') }], deletes: [{ collection: 'people', id: 'p1' }], origin: 'shop', events: [{ type: 'x' }] },
      ];
      expect(own).to.deep.equal(expected);
      expect(heard).to.deep.equal(expected);
      expect(unheard).to.deep.equal([]);
      await Promise.all([writer.close(), reader.close(), loner.close()]);
    });

    it('still sends other adapters, in commit order, the batches committed just before it closed', async () => {
      const name = databaseName('close-after-write');
      const [writer, reader] = [await openedAdapter(name), await openedAdapter(name)];
      const heard: string[] = [];
      reader.onExternalChange?.((changes) => heard.push(...changes.puts.map(({ record }) => record.id)));
      await writer.write([put(person('p1'))]);
      await writer.write([put(person('p2')), put(person('p3'))]);
      await writer.close();
      await settled();
      expect(heard).to.deep.equal(['p1', 'p2', 'p3']);
      await reader.close();
    });

    it('announces the events a batch was written with as they were then, and writes nothing for events that cannot travel', async () => {
      const name = databaseName('events');
      const [writer, reader] = [await openedAdapter(name), await openedAdapter(name)];
      const heard: ChangeSet[] = [];
      reader.onExternalChange?.((changes) => heard.push(changes));
      const record = person('p1', { email: 'a@example.com' });
      const writing = writer.write([put(record)], { events: [{ type: 'created', person: record }] });
      record['email'] = 'changed while written';
      await writing;
      expect((await rejection(writer.write([put(person('p2'))], { events: [{ type: 'x', call: () => 1 }] }))).code).to.equal('storage');
      expect(await writer.get('people', 'p2')).to.equal(undefined);
      await settled();
      const written = person('p1', { email: 'a@example.com' });
      expect(heard).to.deep.equal([{ puts: [{ collection: 'people', record: written }], deletes: [], events: [{ type: 'created', person: written }] }]);
      await Promise.all([writer.close(), reader.close()]);
    });

    it('announces a client created in one Crm to the listeners of another Crm on the same database', async () => {
      const name = databaseName('crm-events');
      const shop = await createCrm({ storage: indexedDbAdapter({ name }) });
      const backOffice = await createCrm({ storage: indexedDbAdapter({ name }) });
      const inShop: CrmEvent[] = [];
      shop.on('client.created', (event) => inShop.push(event));
      const heard = new Promise<CrmEvent>((resolve) => backOffice.on('client.created', resolve));
      const client = await shop.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440' });
      expect(await heard).to.deep.equal({ type: 'client.created', client });
      expect(await backOffice.clients.get(client.id)).to.deep.equal(client);
      await settled();
      expect(inShop).to.have.length(1, 'the writer hears its own event once');
      await shop.close();
      await backOffice.close();
    });
  });

  describe('figures kept beside the records', () => {
    it('counts every order when two instances write orders of one client at once', async () => {
      const name = databaseName('figures');
      const [shop, backOffice] = [await createCrm({ storage: indexedDbAdapter({ name }) }), await createCrm({ storage: indexedDbAdapter({ name }) })];
      const client = await shop.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440' });
      const order = (i: number) => ({
        id: `par-${i}`, number: `P-${i}`, channel: 'eshop', currency: 'CZK', total: 100 + i,
        createdAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), billing: { company: 'Alza.cz a.s.', taxId: 'CZ27082440' },
      });
      // Each upsert changes the client's figures; with no lost update they add up to all 40.
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? shop : backOffice).orders.upsert(order(i))));
      const figures = await backOffice.analytics.client(client.id);
      expect(figures.orderCount).to.equal(40);
      expect(figures.currencies.map(({ currency, total }) => [currency, total])).to.deep.equal([['CZK', Array.from({ length: 40 }, (_, i) => 100 + i).reduce((a, b) => a + b)]]);
      expect(figures.months).to.have.length(2);
      await shop.close();
      await backOffice.close();
    });
  });

  describe('imports beside another tab', () => {
    it('links each chunk by the tax IDs stored when it runs, also right after another tab wrote', async () => {
      const name = databaseName('import-beside');
      const importing = await createCrm({ storage: indexedDbAdapter({ name }), settings: { autoCreateClients: true } });
      const otherTab = await createCrm({ storage: indexedDbAdapter({ name }) });
      const order = (id: string) => ({
        id, number: id, channel: 'eshop', currency: 'CZK', total: 100,
        createdAt: '2026-01-01T00:00:00.000Z', billing: { company: 'Alza.cz a.s.', taxId: 'CZ27082440' },
      });
      async function* source() {
        yield order('first');
        // The first chunk is stored; the other tab gives its new client another tax ID (its broadcast may not have come yet).
        const [client] = (await otherTab.clients.list()).items;
        await otherTab.clients.update(client!.id, { taxId: 'CZ00177041' });
        yield order('second');
      }
      expect(await importing.orders.import(source(), { chunkSize: 1 })).to.include({ created: 2, clientsCreated: 2 });
      const [first, second] = [await importing.orders.get('first'), await importing.orders.get('second')];
      expect((await importing.clients.get(second.clientId!)).taxId?.value).to.equal('27082440');
      expect(second.clientId).to.not.equal(first.clientId);
      await importing.close();
      await otherTab.close();
    });
  });

  describe('failed writes', () => {
    const stored = [person('p1', { city: 'Praha', email: 'ada@example.com' })];
    const batch = (): WriteOperation[] => [
      put({ ...stored[0]!, city: 'Brno', version: 2 }, 1),
      put(person('p2', { email: 'bob@example.com' }), 'absent'),
      put(person('p3', { city: 'Kolín' })),
    ];

    async function expectUnchanged(adapter: StorageAdapter): Promise<void> {
      expect((await adapter.query('people')).records).to.deep.equal(stored);
      expect(await adapter.count('people', { index: 'city', range: { eq: 'Praha' } })).to.equal(1);
    }

    it('writes nothing when the transaction aborts halfway', async () => {
      const adapter = await openedAdapter(databaseName('abort'));
      await adapter.write(stored.map((record) => put(record)));
      await withStubbedPut(
        (store, realPut, call) => {
          const request = realPut();
          if (call === 2) store.transaction.abort();
          return request;
        },
        async () => {
          expect((await rejection(adapter.write(batch()))).code).to.equal('storage');
        },
      );
      await expectUnchanged(adapter);
      await adapter.write(batch());
      expect(await adapter.count('people')).to.equal(3, 'the same batch goes through afterwards');
      await adapter.close();
    });

    it('calls a unique key taken at write time but free again a conflict, so the writer retries', async () => {
      const name = databaseName('refusal');
      const [writer, other] = [await openedAdapter(name, { broadcast: false }), await openedAdapter(name, { broadcast: false })];
      await writer.write([put(person('holder', { email: 'ada@example.com' }))]);
      const newcomer = put(person('newcomer', { email: 'ada@example.com' }), 'absent');
      // IndexedDB runs the delete after the refused batch (same store, asked for later) and before
      // the read that looks into the refusal (asked for after the batch failed).
      const refused = rejection(writer.write([newcomer]));
      const deleted = other.write([{ type: 'delete', collection: 'people', id: 'holder' }]);
      const error = await refused;
      await deleted;
      expect(error.code).to.equal('conflict');
      await writer.write([newcomer]);
      expect(idsOf((await writer.query('people', { index: 'email', range: { eq: 'ada@example.com' } })).records)).to.deep.equal(['newcomer']);
      await Promise.all([writer.close(), other.close()]);
    });

    it('fails with quota and writes nothing when the origin runs out of space', async () => {
      const adapter = await openedAdapter(databaseName('quota'));
      await adapter.write(stored.map((record) => put(record)));
      await withStubbedPut(
        (_store, realPut, call) => {
          if (call === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return realPut();
        },
        async () => {
          const error = await rejection(adapter.write(batch()));
          expect(error.code).to.equal('quota');
          expect((error.cause as DOMException).name).to.equal('QuotaExceededError');
        },
      );
      await expectUnchanged(adapter);
      await adapter.close();
    });
  });

  describe('requestPersistentStorage', () => {
    it('reports what the browser answers and never throws', async () => {
      const answer = await requestPersistentStorage();
      expect(answer.supported).to.equal(true);
      expect(answer.persisted).to.be.a('boolean');
      const { storage } = navigator;
      const persist = storage.persist;
      storage.persist = () => Promise.reject(new Error('denied'));
      try {
        expect(await requestPersistentStorage()).to.deep.equal({ persisted: false, supported: true });
      } finally {
        storage.persist = persist;
      }
    });
  });
});
