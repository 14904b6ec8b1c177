import { expect } from 'chai';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { openCrm, shopOrder, rejection } from './fixtures.ts';

describe('notes', () => {
  it('lists by priority, then newest first (C6), on clients and on orders (W2)', async () => {
    const crm = await openCrm();
    const client = await crm.clients.create({ name: 'A' });
    const order = await crm.orders.upsert(shopOrder());
    await crm.notes.add({ clientId: client.id }, { text: 'old plain' });
    await crm.notes.add({ clientId: client.id }, { text: 'medium', priority: 'medium' });
    await crm.notes.add({ clientId: client.id }, { text: 'old high', priority: 'high' });
    await crm.notes.add({ clientId: client.id }, { text: 'new plain' });
    await crm.notes.add({ clientId: client.id }, { text: 'new high', priority: 'high' });
    await crm.notes.add({ orderId: order.id }, { text: 'about this order' });
    expect((await crm.notes.list({ clientId: client.id })).map((n) => n.text)).to.deep.equal(['new high', 'old high', 'medium', 'new plain', 'old plain']);
    expect((await crm.notes.list({ orderId: order.id })).map((n) => n.text)).to.deep.equal(['about this order']);
  });

  it('edits with versions and deletes', async () => {
    const crm = await openCrm();
    const client = await crm.clients.create({ name: 'A' });
    const note = await crm.notes.add({ clientId: client.id }, { text: ' draft ' });
    expect(note).to.include({ text: 'draft', priority: 'none', visibility: 'shared', author: 'system' });
    const edited = await crm.notes.update(note.id, { text: 'final', priority: 'high' }, { expectedVersion: 1 });
    expect(edited).to.include({ text: 'final', priority: 'high', version: 2 });
    expect((await rejection(crm.notes.update(note.id, { text: 'lost' }, { expectedVersion: 1 }))).code).to.equal('conflict');
    await crm.notes.delete(note.id);
    expect(await crm.notes.list({ clientId: client.id })).to.deep.equal([]);
    expect((await rejection(crm.notes.add({ clientId: client.id }, { text: '   ' }))).fields[0]!.path).to.deep.equal(['text']);
    expect((await rejection(crm.notes.add({ orderId: 'nope' }, { text: 'x' }))).code).to.equal('not_found');
  });

  it('shows private notes to their author only (A6)', async () => {
    const storage = memoryAdapter();
    const eva = await openCrm({ storage, principal: { userId: 'eva', role: 'admin' } });
    const jan = await openCrm({ storage, principal: { userId: 'jan', role: 'admin' } });
    const client = await eva.clients.create({ name: 'A' });
    const secret = await eva.notes.add({ clientId: client.id }, { text: 'mine only', visibility: 'private' });
    await eva.notes.add({ clientId: client.id }, { text: 'for all' });
    expect((await jan.notes.list({ clientId: client.id })).map((n) => n.text)).to.deep.equal(['for all']);
    expect((await eva.notes.list({ clientId: client.id })).map((n) => n.text)).to.have.members(['mine only', 'for all']);
    expect((await rejection(jan.notes.update(secret.id, { text: 'hijack' }))).code).to.equal('forbidden');
    expect((await rejection(jan.notes.delete(secret.id))).code).to.equal('forbidden');
  });
});

describe('activities', () => {
  it('keeps a timeline of system and staff entries, newest first (A5)', async () => {
    const crm = await openCrm();
    const client = await crm.clients.create({ name: 'A', taxId: 'CZ27082440' });
    const order = await crm.orders.upsert(shopOrder());
    const call = await crm.activities.add(client.id, { type: 'call', subject: 'Prices', text: 'Wants 5 % off', orderId: order.id });
    expect(call).to.include({ type: 'call', subject: 'Prices', orderId: order.id, undoable: false, actor: 'system' });
    await crm.activities.add(client.id, { type: 'meeting', at: '2026-01-01T10:00:00Z' });
    const timeline = (await crm.activities.list(client.id)).items.map((a) => a.type);
    expect(timeline).to.deep.equal(['call', 'order_linked', 'client_created', 'meeting']);
    expect((await rejection(crm.activities.add(client.id, { type: 'order_linked' } as never))).code).to.equal('validation');
    expect((await rejection(crm.activities.undo(call.id))).fields[0]!.path).to.deep.equal(['activityId']);
  });

  it('pages through a long timeline', async () => {
    const crm = await openCrm();
    const client = await crm.clients.create({ name: 'A' });
    for (let i = 0; i < 7; i++) await crm.activities.add(client.id, { type: 'email', subject: `mail ${i}` });
    const first = await crm.activities.list(client.id, { limit: 5 });
    const second = await crm.activities.list(client.id, { limit: 5, cursor: first.cursor! });
    expect([...first.items, ...second.items].map((a) => a.subject ?? a.type)).to.deep.equal([
      'mail 6', 'mail 5', 'mail 4', 'mail 3', 'mail 2', 'mail 1', 'mail 0', 'client_created',
    ]);
    expect(second.cursor).to.equal(undefined);
  });
});

describe('statuses and star kinds', () => {
  it('names a new store\'s defaults in the language asked for; templates and sample data find them by key, renamed too', async () => {
    const crm = await openCrm({ language: 'cs' });
    expect((await crm.statuses.list()).map((status) => [status.key, status.name, status.group])).to.deep.equal([
      ['lead', 'Zájemce', 'Potenciální'],
      ['new_partner', 'Nový partner', 'Partneři'],
      ['regular_customer', 'Stálý zákazník', 'Partneři'],
      ['vip', 'VIP', 'Klíčoví zákazníci'],
      ['individual_terms', 'Individuální podmínky', 'Klíčoví zákazníci'],
    ]);
    expect((await crm.stars.list()).map((star) => star.name)).to.deep.equal(['Červená', 'Žlutá', 'Zelená', 'Modrá']);
    const regular = (await crm.statuses.list())[2]!;
    await crm.statuses.update(regular.id, { name: 'Věrný zákazník' });
    // A status of the user's own under the English default name is not the default.
    const own = await crm.statuses.create({ name: 'Regular customer', group: 'Vlastní' });
    await crm.statuses.reorder([own.id, ...(await crm.statuses.list()).filter((status) => status.id !== own.id).map((status) => status.id)]);
    const template = (await crm.rules.templates()).find((each) => each.key === 'regular_customer')!;
    expect(template.rule.actions).to.deep.equal([{ type: 'set_status', statusId: regular.id }]);
    await crm.sampleData.insert();
    const clients = (await crm.clients.list({ limit: 100 })).items;
    expect(clients.filter((client) => client.statusId === regular.id).length).to.be.above(5);
    expect(clients.filter((client) => client.stars.length).length).to.be.above(2);
    expect((await rejection(openCrm({ language: 'de' as never }))).fields[0]!.path).to.deep.equal(['language']);
  });

  it('does not take a status of the user\'s own for a default deleted from a store with keys', async () => {
    const crm = await openCrm();
    const vip = (await crm.statuses.list()).find((status) => status.key === 'vip')!;
    await crm.statuses.delete(vip.id, { replacementId: null });
    const own = await crm.statuses.create({ name: 'VIP', group: 'Mine' });
    await crm.sampleData.insert();
    expect((await crm.clients.list({ limit: 100 })).items.filter((client) => client.statusId === own.id)).to.deep.equal([]);
  });

  it('finds the defaults of a store seeded before they had keys by their English names', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage });
    const statuses = await crm.statuses.list();
    // As such a store holds them: no key.
    await storage.write(statuses.map(({ key: _, ...status }) => ({ type: 'put' as const, collection: 'statuses', record: { ...status, version: status.version + 1 } })));
    const again = await openCrm({ storage });
    const regular = (await again.statuses.list()).find((status) => status.name === 'Regular customer')!;
    expect(regular.key).to.equal(undefined);
    const template = (await again.rules.templates()).find((each) => each.key === 'regular_customer')!;
    expect(template.rule.actions).to.deep.equal([{ type: 'set_status', statusId: regular.id }]);
  });

  it('starts with the default B2B statuses in groups and four star colours', async () => {
    const crm = await openCrm();
    const statuses = await crm.statuses.list();
    expect(statuses.map((s) => [s.name, s.group])).to.deep.equal([
      ['Lead', 'Prospects'],
      ['New partner', 'Partners'],
      ['Regular customer', 'Partners'],
      ['VIP', 'Key accounts'],
      ['Individual terms', 'Key accounts'],
    ]);
    expect((await crm.stars.list()).map((s) => s.name)).to.deep.equal(['Red', 'Yellow', 'Green', 'Blue']);
  });

  it('seeds once: deleted defaults stay deleted on the next open', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage });
    for (const status of await crm.statuses.list()) await crm.statuses.delete(status.id);
    expect(await (await openCrm({ storage })).statuses.list()).to.deep.equal([]);
  });

  it('creates, renames, regroups and reorders', async () => {
    const crm = await openCrm();
    const dormant = await crm.statuses.create({ name: 'Dormant', group: 'Partners', color: '#795548' });
    expect(dormant.position).to.equal(5);
    await crm.statuses.update(dormant.id, { name: 'Sleeping', group: 'Lost', position: -1 });
    const statuses = await crm.statuses.list();
    expect(statuses[0]).to.include({ name: 'Sleeping', group: 'Lost' });
    expect((await rejection(crm.statuses.create({ name: '', group: 'x' }))).fields[0]!.path).to.deep.equal(['name']);
  });

  it('refuses a name another entry of the catalog has, case and diacritics ignored, and changes nothing', async () => {
    const crm = await openCrm();
    const [lead, partner] = await crm.statuses.list();
    const [red] = await crm.stars.list();
    const before = { statuses: await crm.statuses.list(), stars: await crm.stars.list() };
    const taken = [
      await rejection(crm.statuses.create({ name: lead!.name.toUpperCase(), group: 'Other' })),
      await rejection(crm.statuses.update(partner!.id, { name: ` ${lead!.name.toLowerCase()}` })),
      await rejection(crm.stars.create({ name: red!.name, color: '#000000' })),
    ];
    expect(taken.map((error) => [error.code, error.fields[0]!.path, error.fields[0]!.code])).to.deep.equal(Array(3).fill(['validation', ['name'], 'name_taken']));
    expect({ statuses: await crm.statuses.list(), stars: await crm.stars.list() }).to.deep.equal(before);
    // Its own name, in other letters, is no clash.
    expect((await crm.statuses.update(lead!.id, { name: lead!.name.toUpperCase() })).name).to.equal(lead!.name.toUpperCase());
  });

  it('refuses the same name from two instances on one store (two tabs) at once', async () => {
    const storage = memoryAdapter();
    const [tab1, tab2] = [await openCrm({ storage }), await openCrm({ storage })];
    const outcomes = await Promise.allSettled([tab1.statuses.create({ name: 'Dormant', group: 'Partners' }), tab2.statuses.create({ name: 'dormant', group: 'Partners' })]);
    const names = (await tab1.statuses.list()).map((status) => status.name).filter((name) => name.toLowerCase() === 'dormant');
    expect({ names: names.length, outcomes: outcomes.map((o) => o.status).sort() }).to.deep.equal({ names: 1, outcomes: ['fulfilled', 'rejected'] });
  });

  it('keeps an entry\'s own name on update although an entry from before names were unique shares it', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage });
    const first = await crm.statuses.create({ name: 'Dormant', group: 'Partners' });
    const now = '2026-01-01T00:00:00.000Z';
    await storage.write([
      { type: 'put', collection: 'statuses', record: { id: 'sts_older', name: 'Dormant', group: 'Other', position: 99, createdAt: now, updatedAt: now, version: 1 }, expectedVersion: 'absent' },
    ]);
    // A form that saves every field sends the unchanged name along with the new group.
    await crm.statuses.update(first.id, { name: 'Dormant', group: 'Key accounts' });
    expect((await crm.statuses.list()).find((s) => s.id === first.id)!.group).to.equal('Key accounts');
  });

  it('lets only admins change statuses and star kinds, which every owner\'s clients share', async () => {
    const storage = memoryAdapter();
    const admin = await openCrm({ storage });
    const eva = await openCrm({ storage, principal: { userId: 'eva', role: 'member' } });
    const [lead, vip] = await eva.statuses.list();
    const [red] = await eva.stars.list();
    const other = await admin.clients.create({ name: 'Jan\'s', owner: 'jan', statusId: lead!.id });
    const refused = [
      await rejection(eva.statuses.create({ name: 'Mine', group: 'x' })),
      await rejection(eva.statuses.update(lead!.id, { name: 'Mine' })),
      await rejection(eva.statuses.reorder([vip!.id])),
      await rejection(eva.statuses.delete(lead!.id, { replacementId: vip!.id })),
      await rejection(eva.stars.delete(red!.id, { replacementId: null })),
    ];
    expect(refused.map((error) => error.code)).to.deep.equal(Array(5).fill('forbidden'));
    expect((await admin.clients.get(other.id)).statusId).to.equal(lead!.id);
    expect((await admin.statuses.list()).map((status) => status.name)).to.include(lead!.name).and.not.include('Mine');
  });

  it('reorders in one write, the entries not named keeping their order after the named ones', async () => {
    const crm = await openCrm();
    const [lead, partner, regular, vip, terms] = await crm.statuses.list();
    const events: string[] = [];
    crm.on('statuses.changed', ({ status }) => events.push(status.name));
    const ordered = await crm.statuses.reorder([vip!.id, lead!.id]);
    expect(ordered.map((s) => s.name)).to.deep.equal([vip, lead, partner, regular, terms].map((s) => s!.name));
    expect((await crm.statuses.list()).map((s) => s.position)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(events).to.have.members([vip!.name, lead!.name, partner!.name, regular!.name]);
    const before = await crm.statuses.list();
    expect((await rejection(crm.statuses.reorder([vip!.id, vip!.id]))).fields[0]!.path).to.deep.equal(['ids', 1]);
    expect((await rejection(crm.stars.reorder(['sta_nope']))).code).to.equal('validation');
    expect(await crm.statuses.list()).to.deep.equal(before);
  });

  it('asks for a replacement before deleting a status in use, then moves its clients', async () => {
    const crm = await openCrm();
    const [lead, , , vip] = await crm.statuses.list();
    const client = await crm.clients.create({ name: 'A', statusId: lead!.id });
    const error = await rejection(crm.statuses.delete(lead!.id));
    expect(error.code).to.equal('validation');
    expect(error.fields[0]!.path).to.deep.equal(['replacementId']);
    expect(error.details).to.include({ inUse: 1 });
    await crm.statuses.delete(lead!.id, { replacementId: vip!.id });
    expect((await crm.clients.get(client.id)).statusId).to.equal(vip!.id);
    expect((await crm.statuses.list()).map((s) => s.name)).not.to.include('Lead');
  });

  it('deletes a star kind in use by removing or replacing it on clients', async () => {
    const crm = await openCrm();
    const [red, yellow, green] = await crm.stars.list();
    const client = await crm.clients.create({ name: 'A', stars: [red!.id, green!.id] });
    await crm.stars.delete(red!.id, { replacementId: yellow!.id });
    expect((await crm.clients.get(client.id)).stars).to.deep.equal([yellow!.id, green!.id]);
    await crm.stars.delete(green!.id, { replacementId: null });
    expect((await crm.clients.get(client.id)).stars).to.deep.equal([yellow!.id]);
  });

  it('sets the default status for clients created from orders, and refuses an unknown one', async () => {
    const crm = await openCrm();
    expect((await rejection(crm.settings.update({ defaultStatusId: 'sts_missing' }))).fields[0]!.path).to.deep.equal(['defaultStatusId']);
    expect(crm.settings.get().defaultStatusId).to.equal(undefined);
  });

  it('moves the default status for new clients to the replacement of a deleted one, or clears it', async () => {
    const crm = await openCrm();
    const [lead, partner] = await crm.statuses.list();
    await crm.settings.update({ defaultStatusId: lead!.id });
    await crm.statuses.delete(lead!.id, { replacementId: partner!.id });
    expect(crm.settings.get().defaultStatusId).to.equal(partner!.id);
    await crm.statuses.delete(partner!.id);
    expect(crm.settings.get().defaultStatusId).to.equal(undefined);
    await crm.settings.update({ autoCreateClients: true });
    expect((await crm.orders.upsert(shopOrder())).clientId).to.be.a('string');
  });

  it('refuses to undo a status change back to a status deleted since', async () => {
    const crm = await openCrm();
    const [lead, partner] = await crm.statuses.list();
    const client = await crm.clients.create({ name: 'A', statusId: lead!.id });
    await crm.clients.update(client.id, { statusId: partner!.id });
    await crm.statuses.delete(lead!.id);
    const change = (await crm.activities.list(client.id)).items.find((a) => a.type === 'status_changed')!;
    expect((await rejection(crm.activities.undo(change.id))).code).to.equal('conflict');
    expect((await crm.clients.get(client.id)).statusId).to.equal(partner!.id);
  });
});
