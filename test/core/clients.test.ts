import { expect } from 'chai';
import { createCrm, type Client } from '../../src/index.ts';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { countingIds, openCrm, rejection, shopOrder } from './fixtures.ts';

describe('clients', () => {
  it('creates a numbered client with a normalised tax ID and defaults', async () => {
    const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
    const a = await crm.clients.create({ name: ' Alza.cz a.s. ', taxId: '270 82 440' });
    const b = await crm.clients.create({ name: 'Nováková Jana', kind: 'person' });
    expect(a).to.include({ name: 'Alza.cz a.s.', number: 1, kind: 'company', lifecycle: 'potential', version: 1 });
    expect(a.taxId).to.deep.equal({ input: '270 82 440', country: 'CZ', value: '27082440', verified: true });
    expect(a.id).to.match(/^cli_/);
    expect(b.number).to.equal(2);
    expect(await crm.clients.get(a.id)).to.deep.equal(a);
    expect(crm.clients.label(b)).to.equal('Nováková Jana (Client: 2)');
    expect(() => crm.clients.label(null as never)).to.throw('Expected a client record');
  });

  it('stores every field of the model and reads it back', async () => {
    const crm = await openCrm();
    const stars = await crm.stars.list();
    const statuses = await crm.statuses.list();
    const input = {
      name: 'Kovotechna d.o.o.',
      taxId: 'SI 1234 5679',
      vatId: 'SI12345679',
      contacts: [{ name: 'Marko Novak', role: 'Nabava', email: 'marko@kovotechna.si', phone: '+386 1 234 5678' }],
      emails: ['info@kovotechna.si'],
      phones: ['+386 1 234 5600'],
      billingAddress: { street: 'Tržaška 12', city: 'Ljubljana', postalCode: '1000', country: 'SI' },
      deliveryAddresses: [{ label: 'Sklad', street: 'Industrijska 4', city: 'Kranj', postalCode: '4000', country: 'SI' }],
      accountCode: 'KOVO-01',
      statusId: statuses[3]!.id,
      stars: [stars[0]!.id, stars[2]!.id],
      lifecycle: 'current' as const,
      temperature: 'warm' as const,
      discountPercent: 7.5,
      discountClass: 2,
      currency: 'EUR',
      language: 'sl',
      owner: 'u_marta',
      externalLinks: [{ integration: 'base-connect', accountId: '88123' }],
      nextOrderReminder: 'Offer the new price list',
      note: 'Pays on time',
      tags: ['metal'],
      customFields: { iban: 'SI56 0000', creditLimit: 5000, vip: true, other: null },
    };
    const client = await crm.clients.create(input);
    const { taxId, vatId, ...rest } = input;
    expect(client).to.deep.include(rest);
    expect(client.taxId).to.include({ country: 'SI', value: '12345679' });
    expect(client.vatId).to.include({ country: 'SI', value: '12345679' });
    expect(client.createdAt).to.equal(client.updatedAt);
  });

  it('rejects bad input with field paths and writes nothing', async () => {
    const crm = await openCrm();
    const error = await rejection(
      crm.clients.create({ name: '', emails: ['not-an-email'], taxId: 'CZ27082441', discountPercent: 140 } as never),
    );
    expect(error.code).to.equal('validation');
    const paths = error.fields.map((f) => f.path.join('.'));
    expect(paths).to.include.members(['name', 'emails.0', 'discountPercent']);
    // Each issue says its kind and bound, so a form can word it in its own language.
    const kinds = Object.fromEntries(error.fields.map((f) => [f.path.join('.'), [f.code, f.limit, f.limitOf]]));
    expect(kinds).to.deep.include({ name: ['too_small', 1, 'length'], 'emails.0': ['invalid_format', undefined, undefined], discountPercent: ['too_big', 100, 'number'] });
    const noActions = await rejection(crm.rules.create({ name: 'Call', trigger: 'client.created', conditions: { all: [] }, actions: [] }));
    expect(noActions.fields.map((f) => [f.path.join('.'), f.code, f.limit, f.limitOf])).to.deep.equal([['actions', 'too_small', 1, 'items']]);
    const badTax = await rejection(crm.clients.create({ name: 'X', taxId: 'CZ27082441' }));
    expect(badTax.fields[0]!.path).to.deep.equal(['taxId']);
    expect(badTax.fields[0]).to.include({ code: 'tax_id', problem: 'check_digit' });
    const unknownStatus = await rejection(crm.clients.create({ name: 'X', statusId: 'sts_nope' }));
    expect(unknownStatus.fields[0]!.path).to.deep.equal(['statusId']);
    expect((await rejection(crm.clients.create({ name: 'X', colour: 'red' } as never))).code).to.equal('validation');
    expect(await crm.clients.count()).to.equal(0);
  });

  it('words every issue for a developer and calls a missing field required', async () => {
    const crm = await openCrm();
    const issues = async (write: Promise<unknown>) => Object.fromEntries((await rejection(write)).fields.map((f) => [f.path.join('.'), [f.code, f.message]]));
    expect(await issues(crm.clients.create({ discountPercent: 140, emails: ['x@example.com'], name: 'N'.repeat(201), lifecycle: 'gone' } as never))).to.deep.equal({
      discountPercent: ['too_big', 'At most 100'],
      name: ['too_big', 'At most 200 characters'],
      lifecycle: ['invalid_value', "Expected one of 'current', 'potential'"],
    });
    expect(await issues(crm.clients.create({} as never))).to.deep.equal({ name: ['required', 'Required'] });
    expect(await issues(crm.clients.create({ name: 7, emails: 'a@b.cz' } as never))).to.deep.equal({ name: ['invalid_type', 'Expected a string'], emails: ['invalid_type', 'Expected an array'] });
    expect(await issues(crm.clients.list({ limit: 0, colour: 'red' } as never))).to.deep.equal({ limit: ['too_small', 'At least 1'], '': ['unrecognized_keys', 'Unknown key: colour'] });
    expect((await rejection(crm.clients.create({ name: '' }))).message).to.equal('Invalid input — name: Required');
  });

  it('opens only as an admin or a member, and takes as default country only one whose tax IDs it checks', async () => {
    const owner = await rejection(createCrm({ storage: memoryAdapter(), principal: { userId: 'x', role: 'owner' } as never }));
    expect(owner.fields.map((f) => [f.path.join('.'), f.code])).to.deep.equal([['principal.role', 'invalid_value']]);
    const nobody = await rejection(createCrm({ storage: memoryAdapter(), principal: { userId: ' ', role: 'admin' } }));
    expect(nobody.fields[0]!.path).to.deep.equal(['principal', 'userId']);
    const unknown = await rejection(createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'XX' } }));
    expect(unknown.fields.map((f) => f.path.join('.'))).to.deep.equal(['settings.defaultCountry']);
    const crm = await openCrm();
    expect((await rejection(crm.settings.update({ defaultCountry: 'XX' }))).code).to.equal('validation');
    expect((await crm.settings.update({ defaultCountry: 'SK' })).defaultCountry).to.equal('SK');
    expect((await crm.settings.update({ defaultCountry: 'GR' })).defaultCountry).to.equal('GR');
  });

  it("refuses a member's settings change as a rejected promise, as every other method does", async () => {
    const storage = memoryAdapter();
    await createCrm({ storage });
    const member = await createCrm({ storage, principal: { userId: 'eva', role: 'member' } });
    let returned: Promise<unknown> | undefined;
    expect(() => (returned = member.settings.update({ autoCreateClients: true }))).to.not.throw();
    expect((await rejection(returned!)).code).to.equal('forbidden');
  });

  it('keeps unknown-country tax IDs as typed, unverified', async () => {
    const crm = await openCrm();
    const client = await crm.clients.create({ name: 'Acme Ltd', taxId: 'GB-123 456' });
    expect(client.taxId).to.deep.equal({ input: 'GB-123 456', country: null, value: 'GB123456', verified: false });
  });

  it('refuses a second client with the same tax ID however it is typed', async () => {
    const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
    const first = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440' });
    const error = await rejection(crm.clients.create({ name: 'Alza', taxId: '270-82-440' }));
    expect(error.code).to.equal('duplicate');
    expect((error.current as Client).id).to.equal(first.id);
    // The field says which kind of problem it is, for a message in the user's language.
    expect(error.fields.map(({ path, code }) => ({ path, code }))).to.deep.equal([{ path: ['taxId'], code: 'tax_id_taken' }]);
    const other = await crm.clients.create({ name: 'Other' });
    expect((await rejection(crm.clients.update(other.id, { taxId: 'cz 27082440' }))).code).to.equal('duplicate');
  });

  it('updates with optimistic versions: a stale version conflicts and carries the current record', async () => {
    const crm = await openCrm();
    const client = await crm.clients.create({ name: 'Datart', note: 'old', temperature: 'cold' });
    const updated = await crm.clients.update(client.id, { temperature: 'hot', note: null }, { expectedVersion: 1 });
    expect(updated.version).to.equal(2);
    expect(updated.temperature).to.equal('hot');
    expect(updated).not.to.have.property('note');
    const stale = await rejection(crm.clients.update(client.id, { name: 'Lost' }, { expectedVersion: 1 }));
    expect(stale.code).to.equal('conflict');
    expect((stale.current as Client).version).to.equal(2);
    expect((await crm.clients.get(client.id)).name).to.equal('Datart');
  });

  it('never loses one of two concurrent updates', async () => {
    const storage = memoryAdapter();
    const one = await openCrm({ storage });
    const two = await openCrm({ storage });
    const client = await one.clients.create({ name: 'Shared' });
    await Promise.all([one.clients.update(client.id, { tags: ['a'] }), two.clients.update(client.id, { temperature: 'warm' })]);
    const final = await one.clients.get(client.id);
    expect(final.version).to.equal(3);
    expect(final.temperature).to.equal('warm');
    // The later writer re-read the record, so the earlier change survived.
    expect(final.tags).to.deep.equal(['a']);
  });

  it('numbers concurrent creations uniquely', async () => {
    const storage = memoryAdapter();
    const crms = await Promise.all([openCrm({ storage }), openCrm({ storage })]);
    const created = await Promise.all(Array.from({ length: 10 }, (_, i) => crms[i % 2]!.clients.create({ name: `C${i}` })));
    expect(new Set(created.map((c) => c.number)).size).to.equal(10);
  });

  it('lists with combined filters, sorts, and pages with a cursor', async () => {
    // Ids in creation order: an unsorted list comes in id order within an index key.
    const crm = await openCrm({ ids: countingIds() });
    const [lead, , regular] = await crm.statuses.list();
    const [red] = await crm.stars.list();
    const names = ['Žlutý kůň', 'alfa', 'Beta', 'Čedok', 'delta', 'Echo'];
    for (const [i, name] of names.entries()) {
      await crm.clients.create({
        name,
        lifecycle: i % 2 ? 'current' : 'potential',
        temperature: i < 3 ? 'hot' : 'cold',
        statusId: i < 4 ? lead!.id : regular!.id,
        stars: i === 1 ? [red!.id] : [],
      });
    }
    const byName = await crm.clients.list({ sort: { by: 'name' } });
    expect(byName.items.map((c) => c.name)).to.deep.equal(['alfa', 'Beta', 'Čedok', 'delta', 'Echo', 'Žlutý kůň']);
    const desc = await crm.clients.list({ sort: { by: 'number', direction: 'desc' }, limit: 2 });
    expect(desc.items.map((c) => c.number)).to.deep.equal([6, 5]);

    const hotPotential = await crm.clients.list({ filter: { lifecycle: 'potential', temperature: 'hot' } });
    expect(hotPotential.items.map((c) => c.name)).to.deep.equal(['Žlutý kůň', 'Beta']);
    expect((await crm.clients.list({ filter: { star: red!.id } })).items.map((c) => c.name)).to.deep.equal(['alfa']);
    expect(await crm.clients.count({ statusGroup: 'Prospects' })).to.equal(4);
    expect(await crm.clients.count({ statusId: regular!.id, lifecycle: 'current' })).to.equal(1);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await crm.clients.list({ sort: { by: 'name' }, limit: 4, ...(cursor ? { cursor } : {}), filter: { temperature: 'cold' } });
      seen.push(...page.items.map((c) => c.name));
      cursor = page.cursor;
      expect(page.items.length).to.be.at.most(4);
    } while (cursor);
    expect(seen).to.deep.equal(['Čedok', 'delta', 'Echo']);
  });

  it('finds clients by name without diacritics, tax ID in any form, e-mail and phone', async () => {
    const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
    const skoda = await crm.clients.create({ name: 'ŠKODA AUTO a.s.', taxId: '00177041', emails: ['fleet@skoda-auto.cz'], phones: ['+420 326 811 111'] });
    await crm.clients.create({ name: 'Autoškola Praha', contacts: [{ name: 'Petr Škoda' }] });
    expect((await crm.clients.search('skoda')).map((c) => c.name)).to.deep.equal(['ŠKODA AUTO a.s.', 'Autoškola Praha']);
    expect((await crm.clients.search('CZ 001 77 041'))[0]!.id).to.equal(skoda.id);
    expect((await crm.clients.search('00177'))[0]!.id).to.equal(skoda.id);
    expect((await crm.clients.search('fleet@'))[0]!.id).to.equal(skoda.id);
    expect((await crm.clients.search('326811'))[0]!.id).to.equal(skoda.id);
    expect(await crm.clients.search('nothing like it')).to.deep.equal([]);
    const lodz = await crm.clients.create({ name: 'Hurtownia Łódź sp. z o.o.' });
    expect((await crm.clients.search('lodz'))[0]!.id).to.equal(lodz.id);
  });

  it('finds a phone typed with the calling code but no "+" by the default country set after the first search', async () => {
    const crm = await openCrm();
    await crm.clients.create({ name: 'Alfa s.r.o.', phones: ['+420 777 123 456'] });
    expect(await crm.clients.search('420777123456')).to.deep.equal([]);
    await crm.settings.update({ defaultCountry: 'CZ' });
    expect((await crm.clients.search('420777123456')).map((c) => c.name)).to.deep.equal(['Alfa s.r.o.']);
  });

  it('answers a search begun before the default country changed from the indexes built after', async () => {
    // A store whose client reads turn slow, so the second build is still reading when the first search ends.
    const inner = memoryAdapter();
    let slow = false;
    const storage = Object.create(inner) as typeof inner;
    storage.query = async (collection, query) => {
      if (slow && collection === 'clients') await new Promise((resolve) => setTimeout(resolve, 50));
      return inner.query(collection, query);
    };
    const crm = await openCrm({ storage });
    await crm.clients.create({ name: 'Alfa s.r.o.' });
    const first = crm.clients.search('alfa');
    for (let i = 0; i < 20; i++) await Promise.resolve();
    slow = true;
    await crm.settings.update({ defaultCountry: 'CZ' });
    const second = crm.clients.search('alfa');
    expect((await first).map((c) => c.name)).to.deep.equal(['Alfa s.r.o.']);
    expect((await second).map((c) => c.name)).to.deep.equal(['Alfa s.r.o.']);
  });

  it('searches within a filter, kept current by every write', async () => {
    const crm = await openCrm();
    const [lead] = await crm.statuses.list();
    const hot = await crm.clients.create({ name: 'Nováková Trade', temperature: 'hot' });
    const cold = await crm.clients.create({ name: 'Novák Partners', temperature: 'cold', statusId: lead!.id });
    const names = async (filter: object) => (await crm.clients.search('novak', { filter })).map((c) => c.name);
    expect(await names({})).to.have.members([hot.name, cold.name]);
    expect(await names({ temperature: 'hot' })).to.deep.equal([hot.name]);
    expect(await names({ statusGroup: lead!.group, temperature: 'cold' })).to.deep.equal([cold.name]);
    await crm.clients.update(hot.id, { temperature: 'cold' });
    expect(await names({ temperature: 'hot' })).to.deep.equal([]);
    expect((await rejection(crm.clients.search('novak', { filter: { temperature: 'boiling' } } as never))).fields[0]!.path).to.deep.equal(['filter', 'temperature']);
  });

  it('deletes with an undo that brings back the client and relinks its orders', async () => {
    const crm = await openCrm();
    const client = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440' });
    await crm.orders.upsert({ id: 'o1', currency: 'CZK', total: 100, createdAt: '2026-10-01T10:00:00Z', billing: { company: 'Alza', taxId: 'CZ27082440' } });
    const deletion = await crm.clients.delete(client.id);
    expect((await rejection(crm.clients.get(client.id))).code).to.equal('not_found');
    expect((await crm.orders.get('o1')).clientId).to.equal(undefined);
    await crm.activities.undo(deletion.id);
    const back = await crm.clients.get(client.id);
    expect(back).to.include({ name: 'Alza.cz a.s.', number: client.number });
    expect((await crm.orders.get('o1')).clientId).to.equal(client.id);
  });

  it('sets the status of many clients at once, undone as one', async () => {
    const crm = await openCrm();
    const [lead, , , vip] = await crm.statuses.list();
    const a = await crm.clients.create({ name: 'A', statusId: lead!.id });
    const b = await crm.clients.create({ name: 'B' });
    const changed = await crm.clients.setStatus([a.id, b.id], vip!.id);
    expect(changed.map((c) => c.statusId)).to.deep.equal([vip!.id, vip!.id]);
    const entry = (await crm.activities.list(b.id)).items.find((x) => x.type === 'status_changed')!;
    await crm.activities.undo(entry.id);
    expect((await crm.clients.get(a.id)).statusId).to.equal(lead!.id);
    expect((await crm.clients.get(b.id)).statusId).to.equal(undefined);
  });

  it('refuses to undo over a later change', async () => {
    const crm = await openCrm();
    const [lead, partner, regular] = await crm.statuses.list();
    const a = await crm.clients.create({ name: 'A', statusId: lead!.id });
    await crm.clients.setStatus([a.id], partner!.id);
    await crm.clients.update(a.id, { statusId: regular!.id });
    const bulk = (await crm.activities.list(a.id)).items.find((x) => x.type === 'status_changed' && x.batchId)!;
    expect((await rejection(crm.activities.undo(bulk.id))).code).to.equal('conflict');
    expect((await crm.clients.get(a.id)).statusId).to.equal(regular!.id);
  });

  it('skips to any position with offset, filtered or not, after a cursor too', async () => {
    const crm = await openCrm();
    for (let i = 1; i <= 12; i++) await crm.clients.create({ name: `C${String(i).padStart(2, '0')}`, temperature: i % 3 === 0 ? 'hot' : 'cold' });
    const names = (page: { items: { name: string }[] }) => page.items.map((c) => c.name);
    expect(names(await crm.clients.list({ sort: { by: 'name' }, offset: 9, limit: 2 }))).to.deep.equal(['C10', 'C11']);
    expect(names(await crm.clients.list({ sort: { by: 'name', direction: 'desc' }, offset: 10 }))).to.deep.equal(['C02', 'C01']);
    expect(names(await crm.clients.list({ filter: { temperature: 'hot' }, sort: { by: 'name' }, offset: 2 }))).to.deep.equal(['C09', 'C12']);
    const first = await crm.clients.list({ sort: { by: 'number' }, limit: 3 });
    expect(names(await crm.clients.list({ sort: { by: 'number' }, cursor: first.cursor!, offset: 2, limit: 2 }))).to.deep.equal(['C06', 'C07']);
    expect((await rejection(crm.clients.list({ offset: -1 }))).fields[0]!.path).to.deep.equal(['offset']);
  });

  it('counts from an index alone when it answers the filter, record by record otherwise', async () => {
    const inner = memoryAdapter();
    const reads = { count: 0, query: 0 };
    const storage = { ...inner, count: (...args: Parameters<typeof inner.count>) => (reads.count++, inner.count(...args)), query: (...args: Parameters<typeof inner.query>) => (reads.query++, inner.query(...args)) };
    const crm = await openCrm({ storage });
    for (const temperature of ['hot', 'hot', 'cold'] as const) await crm.clients.create({ name: `${temperature} one`, temperature, lifecycle: 'potential' });
    Object.assign(reads, { count: 0, query: 0 });
    expect([await crm.clients.count(), await crm.clients.count({ temperature: 'hot' })]).to.deep.equal([3, 2]);
    // The whole collection from its tally (one get), the temperature from its index.
    expect(reads).to.deep.equal({ count: 1, query: 0 });
    expect(await crm.clients.count({ temperature: 'hot', lifecycle: 'current' })).to.equal(0);
    expect(reads.query).to.be.above(0);
  });

  it('keeps the client tally exact through creates, deletes, undo, merges and imports', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage, settings: { autoCreateClients: true } });
    const tally = async () => [await crm.clients.count(), await storage.count('clients')];
    const a = await crm.clients.create({ name: 'A', taxId: 'CZ27082440' });
    const b = await crm.clients.create({ name: 'B' });
    await crm.orders.import([shopOrder({ billing: { company: 'C', taxId: 'CZ00177041' } })]);
    expect(await tally()).to.deep.equal([3, 3]);
    const deleted = await crm.clients.delete(b.id);
    expect(await tally()).to.deep.equal([2, 2]);
    await crm.activities.undo(deleted.id);
    expect(await tally()).to.deep.equal([3, 3]);
    await crm.clients.merge(a.id, b.id);
    expect(await tally()).to.deep.equal([2, 2]);
    await rejection(crm.clients.create({ name: 'Again', taxId: 'CZ27082440' }));
    expect(await tally()).to.deep.equal([2, 2]);
  });

  it('counts the clients of a store written before tallies once, on open', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage });
    await crm.clients.create({ name: 'A' });
    await crm.clients.create({ name: 'B' });
    const tally = await storage.get('meta', 'tally:clients');
    await storage.write([{ type: 'delete', collection: 'meta', id: 'tally:clients', expectedVersion: tally!.version }]);
    await crm.clients.create({ name: 'C' });
    const reopened = await openCrm({ storage });
    expect(await reopened.clients.count()).to.equal(3);
    await reopened.clients.create({ name: 'D' });
    expect([await reopened.clients.count(), await crm.clients.count()]).to.deep.equal([4, 4]);
  });

  it('lets a member see and change only their own clients (W7)', async () => {
    const storage = memoryAdapter();
    const admin = await openCrm({ storage });
    const marta = await openCrm({ storage, principal: { userId: 'marta', role: 'member' } });
    // Who each acts as, for the elements to say "You".
    expect([admin.principal, marta.principal]).to.deep.equal([{ userId: 'system', role: 'admin' }, { userId: 'marta', role: 'member' }]);
    const mine = await admin.clients.create({ name: 'Mine', owner: 'marta' });
    const theirs = await admin.clients.create({ name: 'Theirs', owner: 'petr' });
    expect((await marta.clients.list()).items.map((c) => c.id)).to.deep.equal([mine.id]);
    expect([await marta.clients.count(), await marta.clients.count({ owner: 'marta' }), await marta.clients.count({ owner: 'petr' })]).to.deep.equal([1, 1, 0]);
    expect(await marta.clients.count({ temperature: 'hot' })).to.equal(0);
    expect((await rejection(marta.clients.get(theirs.id))).code).to.equal('forbidden');
    expect((await rejection(marta.clients.update(theirs.id, { name: 'Mine now' }))).code).to.equal('forbidden');
    expect((await admin.clients.get(theirs.id)).name).to.equal('Theirs');
  });

  it('announces changes after they are stored', async () => {
    const crm = await openCrm();
    const seen: string[] = [];
    const off = crm.on('client.updated', ({ client, previous }) => seen.push(`${previous.name}→${client.name}`));
    crm.on('client.created', () => {
      throw new Error('a broken listener must not break the write');
    });
    const client = await crm.clients.create({ name: 'Old' });
    await crm.clients.update(client.id, { name: 'New' });
    off();
    await crm.clients.update(client.id, { name: 'Newer' });
    expect(seen).to.deep.equal(['Old→New']);
  });

  it('announces the changes of another instance on the same store, once', async () => {
    const storage = memoryAdapter();
    const tab1 = await openCrm({ storage });
    const tab2 = await openCrm({ storage });
    const heard: string[] = [];
    tab1.on('client.created', ({ client }) => heard.push(`tab1 ${client.name}`));
    tab2.on('client.created', ({ client }) => heard.push(`tab2 ${client.name}`));
    await tab1.clients.create({ name: 'Alza' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).to.have.members(['tab1 Alza', 'tab2 Alza']);
    await tab2.close();
    await tab1.clients.create({ name: 'Datart' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).to.have.members(['tab1 Alza', 'tab2 Alza', 'tab1 Datart']);
  });

  it('keeps search current across writes, deletes, undo and other instances, and hides other owners', async () => {
    const storage = memoryAdapter();
    const admin = await openCrm({ storage });
    const other = await openCrm({ storage, principal: { userId: 'eva', role: 'member' } });
    const names = async (crm: typeof admin, text: string) => (await crm.clients.search(text)).map((c) => c.name);
    const client = await admin.clients.create({ name: 'Pekárna U Čápa', owner: 'eva' });
    await admin.clients.create({ name: 'Pekárna Novák', owner: 'petr' });
    expect(await names(admin, 'pekarna')).to.have.members(['Pekárna U Čápa', 'Pekárna Novák']);
    expect(await names(other, 'pekarna')).to.deep.equal(['Pekárna U Čápa']);
    await admin.clients.update(client.id, { name: 'Cukrárna U Čápa' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await names(admin, 'cukrarna')).to.deep.equal(['Cukrárna U Čápa']);
    expect(await names(other, 'cukrarna')).to.deep.equal(['Cukrárna U Čápa']);
    const deletion = await admin.clients.delete(client.id);
    expect(await names(admin, 'cukrarna')).to.deep.equal([]);
    await admin.activities.undo(deletion.id);
    expect(await names(admin, 'capa')).to.deep.equal(['Cukrárna U Čápa']);
    expect(admin.searchStats().clients.documents).to.equal(2);
    expect(admin.searchStats().clients.approxBytes).to.be.above(0);
  });

  it('builds the search indexes on request, before any search', async () => {
    const storage = memoryAdapter();
    const writer = await openCrm({ storage });
    await writer.clients.create({ name: 'Alfa' });
    const reader = await openCrm({ storage });
    expect(reader.searchStats().clients.documents).to.equal(0);
    await reader.prepareSearch();
    expect(reader.searchStats().clients.documents).to.equal(1);
  });
});
