import { expect } from 'chai';
import { generateSampleData, validateTaxId } from '../../src/index.ts';
import { openCrm, rejection, shopOrder } from './fixtures.ts';

describe('sample data', () => {
  it('generates the same data for the same seed, and as much as asked', () => {
    const now = new Date('2026-11-01T00:00:00Z');
    const a = generateSampleData({ seed: 7, clients: 50, orders: 200, now });
    expect(JSON.stringify(generateSampleData({ seed: 7, clients: 50, orders: 200, now }))).to.equal(JSON.stringify(a));
    expect(JSON.stringify(generateSampleData({ seed: 8, clients: 50, orders: 200, now }))).not.to.equal(JSON.stringify(a));
    expect(a.clients).to.have.length(50);
    expect(a.orders).to.have.length(200);
    expect(new Set(a.clients.map((c) => c.input.taxId)).size).to.equal(50);
  });

  it('inserts a realistic set: four countries, valid tax IDs, local names, 18 months of orders', async () => {
    const crm = await openCrm({ clock: () => new Date('2026-11-01T00:00:00Z') });
    expect(await crm.sampleData.has()).to.equal(false);
    expect(await crm.sampleData.insert()).to.deep.equal({ clients: 40, orders: 300 });
    expect(await crm.sampleData.has()).to.equal(true);
    const clients = (await crm.clients.list({ limit: 1000 })).items;
    expect(new Set(clients.map((c) => c.taxId!.country))).to.deep.equal(new Set(['CZ', 'SK', 'PL', 'SI']));
    expect(clients.every((c) => validateTaxId(`${c.taxId!.country}${c.taxId!.value}`).valid)).to.equal(true);
    expect(clients.some((c) => /[ŽžŠšČčŘřĎďŁłŚśŹźŻż]/.test(c.name))).to.equal(true);
    expect(clients.every((c) => c.contacts.length > 0 && c.statusId)).to.equal(true);
    expect(clients.some((c) => c.stars.length > 0)).to.equal(true);

    const orders = (await crm.orders.list({ limit: 1000 })).items;
    const dates = orders.map((o) => Date.parse(o.createdAt));
    const months = (Math.max(...dates) - Math.min(...dates)) / (30.4 * 86_400_000);
    expect(months).to.be.within(12, 18.1);
    expect(new Set(orders.map((o) => o.channel)).size).to.be.at.least(3);
    expect(new Set(orders.flatMap((o) => o.documents ?? []).map((d) => d.kind))).to.deep.equal(new Set(['invoice', 'receipt', 'credit_note']));
    for (const kind of ['customer', 'shopPublic', 'shopPrivate'] as const) expect(orders.some((o) => o.notes?.[kind])).to.equal(true);
    expect(orders.filter((o) => o.clientId).length).to.be.above(240);

    const duplicates = await crm.clients.findDuplicates();
    expect(duplicates.some((d) => d.kind === 'unlinked_orders')).to.equal(true);
    const notes = (await Promise.all(clients.map((c) => crm.notes.list({ clientId: c.id })))).flat();
    expect(notes.some((n) => n.priority === 'high')).to.equal(true);
    expect((await rejection(crm.sampleData.insert())).code).to.equal('conflict');
  });

  it('gives a woman’s surname to a woman: Jana Nováková, Petr Novák, Anna Kowalska', () => {
    const { clients } = generateSampleData({ seed: 3, clients: 200, orders: 0 });
    const women = new Set(['Jana', 'Lucie', 'Eva', 'Kateřina', 'Hana', 'Mária', 'Zuzana', 'Katarína', 'Anna', 'Katarzyna', 'Małgorzata', 'Agnieszka']);
    const people = clients.map((client) => ({ country: client.input.taxId!.slice(0, 2), name: client.input.contacts![0]!.name }));
    for (const { country, name } of people) {
      const [first = '', last = ''] = name.split(' ');
      // Czech and Slovak women's surnames end in -á; Polish ones in -ska/-cka where men's end in -ski/-cki.
      if (country === 'CZ' || country === 'SK') expect(last.endsWith('á'), name).to.equal(women.has(first));
      if (country === 'PL' && /[sc]k[ia]$/.test(last)) expect(last.endsWith('a'), name).to.equal(women.has(first));
    }
    expect(people.filter(({ name }) => women.has(name.split(' ')[0]!)).length).to.be.above(20);
  });

  it('writes products, notes and contact roles in the shop’s language; the data is otherwise the same', async () => {
    const now = new Date('2026-11-01T00:00:00Z');
    const english = generateSampleData({ seed: 7, clients: 50, orders: 200, now });
    const czech = generateSampleData({ seed: 7, clients: 50, orders: 200, now, language: 'cs' });
    const skeleton = (data: typeof english) => data.orders.map((o) => [o.id, o.total, o.billing.taxId, (o.items ?? []).map((item) => item.sku)]);
    expect(skeleton(czech)).to.deep.equal(skeleton(english));

    const crm = await openCrm({ clock: () => now });
    await crm.sampleData.insert({ language: 'cs' });
    const clients = (await crm.clients.list({ limit: 1000 })).items;
    expect(new Set(clients.flatMap((c) => c.contacts.map((contact) => contact.role)))).to.deep.equal(new Set(['Nákup', 'Majitel', 'Účtárna']));
    const notes = (await Promise.all(clients.map((c) => crm.notes.list({ clientId: c.id })))).flat();
    expect(notes.map((n) => n.text)).to.include('Potkali jsme se na veletrhu v Brně.');
    const orders = (await crm.orders.list({ limit: 1000 })).items;
    expect(orders.flatMap((o) => (o.items ?? []).map((item) => item.name))).to.include('Zrnková káva 1 kg');
    expect(orders.map((o) => o.notes?.customer)).to.include('Před doručením prosím zavolejte.');

    for (const refused of [await rejection(openCrm().then((fresh) => fresh.sampleData.insert({ language: 'de' as 'cs' }))), await rejection(Promise.resolve().then(() => generateSampleData({ language: 'toString' as 'cs' })))]) {
      expect([refused.code, refused.fields[0]?.path]).to.deep.equal(['validation', ['language']]);
    }
  });

  it('removes exactly what it inserted, and nothing the user added', async () => {
    const crm = await openCrm();
    const mine = await crm.clients.create({ name: 'Moje firma s.r.o.', taxId: 'CZ27082440' });
    await crm.orders.upsert(shopOrder({ id: 'my-order' }));
    await crm.sampleData.insert({ clients: 8, orders: 40 });
    const sampleClient = (await crm.clients.list({ filter: { lifecycle: 'current' } })).items.find((c) => c.id !== mine.id)!;
    await crm.orders.upsert(shopOrder({ id: 'my-other-order', billing: { company: 'x', name: 'y' } }));
    await crm.orders.link('my-other-order', sampleClient.id);
    await crm.notes.add({ clientId: mine.id }, { text: 'my note' });

    expect(await crm.sampleData.remove()).to.deep.equal({ clients: 8, orders: 40, kept: { clients: 0, orders: 0 } });
    expect((await crm.clients.list()).items.map((c) => c.id)).to.deep.equal([mine.id]);
    expect((await crm.orders.list()).items.map((o) => o.id).sort()).to.deep.equal(['my-order', 'my-other-order']);
    expect((await crm.orders.get('my-order')).clientId).to.equal(mine.id);
    expect((await crm.orders.get('my-other-order')).clientId).to.equal(undefined);
    expect((await crm.notes.list({ clientId: mine.id })).map((n) => n.text)).to.deep.equal(['my note']);
    expect(await crm.sampleData.has()).to.equal(false);
    expect(await crm.sampleData.remove()).to.deep.equal({ clients: 0, orders: 0, kept: { clients: 0, orders: 0 } });
  });

  it('keeps the sample clients the user worked with, whole, with their orders; removes the rest', async () => {
    const crm = await openCrm();
    await crm.sampleData.insert({ clients: 8, orders: 60 });
    const orders = (await crm.orders.list({ limit: 1000 })).items;
    const ordersOf = (id: string) => orders.filter((o) => o.clientId === id).map((o) => o.id).sort();
    const sampleClients = (await crm.clients.list({ limit: 1000 })).items;
    const withOrders = sampleClients.filter((c) => ordersOf(c.id).length > 0);
    const withNotes: typeof sampleClients = [];
    for (const c of withOrders) if ((await crm.notes.list({ clientId: c.id })).length) withNotes.push(c);
    const [noted, called, edited, orderNoted] = withOrders.filter((c) => c.id !== withNotes[0]!.id);
    const noteEdited = withNotes[0]!;

    const note = await crm.notes.add({ clientId: noted!.id }, { text: 'Met them at the fair', priority: 'high' });
    const call = await crm.activities.add(called!.id, { type: 'call', subject: 'Price list 2027' });
    await crm.clients.update(edited!.id, { temperature: 'hot' });
    const orderNote = await crm.notes.add({ orderId: ordersOf(orderNoted!.id)[0]! }, { text: 'Deliver to gate 3' });
    const sampleNote = (await crm.notes.list({ clientId: noteEdited.id }))[0]!;
    await crm.notes.update(sampleNote.id, { priority: 'high' });
    const keptIds = [noted!, called!, edited!, orderNoted!, noteEdited].map((c) => c.id);
    const timelines = new Map<string, string[]>();
    for (const id of keptIds) timelines.set(id, (await crm.activities.list(id)).items.map((a) => a.id));
    const keptOrders = keptIds.flatMap(ordersOf);

    const result = await crm.sampleData.remove();
    expect(result.kept).to.deep.equal({ clients: 5, orders: keptOrders.length });
    expect(result).to.include({ clients: 3, orders: 60 - keptOrders.length });
    expect(await crm.sampleData.has()).to.equal(false);
    expect((await crm.clients.list()).items.map((c) => c.id).sort()).to.deep.equal([...keptIds].sort());
    expect((await crm.orders.list({ limit: 1000 })).items.map((o) => o.id).sort()).to.deep.equal([...keptOrders].sort());
    for (const id of keptIds) {
      expect((await crm.orders.list({ clientId: id, limit: 1000 })).items.map((o) => o.id).sort()).to.deep.equal(ordersOf(id));
      expect((await crm.activities.list(id)).items.map((a) => a.id)).to.deep.equal(timelines.get(id));
    }
    expect((await crm.notes.list({ clientId: noted!.id })).map((n) => n.id)).to.include(note.id);
    expect((await crm.activities.list(called!.id)).items.map((a) => a.id)).to.include(call.id);
    expect((await crm.notes.list({ orderId: orderNote.orderId! })).map((n) => n.id)).to.deep.equal([orderNote.id]);
    expect((await crm.notes.list({ clientId: noteEdited.id })).find((n) => n.id === sampleNote.id)?.priority).to.equal('high');
    for (const gone of sampleClients.filter((c) => !keptIds.includes(c.id))) {
      expect((await rejection(crm.clients.get(gone.id))).code).to.equal('not_found');
    }
  });

  it('keeps the sample clients the user gave a task (on them or an order of theirs) or placed in a pipeline', async () => {
    const crm = await openCrm();
    await crm.sampleData.insert({ clients: 6, orders: 40 });
    const orders = (await crm.orders.list({ limit: 1000 })).items;
    const [tasked, orderTasked, placed] = (await crm.clients.list({ limit: 1000 })).items.filter((c) => orders.some((o) => o.clientId === c.id));
    const order = orders.find((o) => o.clientId === orderTasked!.id)!;
    await crm.tasks.create({ clientId: tasked!.id, title: 'Call back', due: '2026-11-05T09:00:00Z' });
    const onOrder = await crm.tasks.create({ orderId: order.id, title: 'Check the delivery', due: '2026-11-05T09:00:00Z' });
    const sales = await crm.pipelines.create({ name: 'Sales', stages: [{ name: 'Lead' }] });
    await crm.pipelines.place(placed!.id, sales.id, sales.stages[0]!.id);

    const result = await crm.sampleData.remove();
    expect(result.kept.clients).to.equal(3);
    expect((await crm.clients.list()).items.map((c) => c.id).sort()).to.deep.equal([tasked!.id, orderTasked!.id, placed!.id].sort());
    expect((await crm.tasks.list({ orderId: order.id })).map((t) => t.id)).to.deep.equal([onOrder.id]);
    expect((await crm.pipelines.stats(sales.id)).clients).to.equal(1);
  });

  it('puts every third sample client into an existing pipeline, and takes them out with the sample', async () => {
    const crm = await openCrm();
    const sales = await crm.pipelines.create({ name: 'Sales', stages: [{ name: 'Lead' }, { name: 'Offer' }] });
    await crm.sampleData.insert({ clients: 6, orders: 20 });
    const stats = await crm.pipelines.stats(sales.id);
    expect(stats.clients).to.equal(2);
    expect(stats.stages.map((s) => s.count)).to.deep.equal([1, 1]);
    // The one in Offer went there through Lead: half of those that entered Lead went further.
    expect(stats.stages.map((s) => [s.entered, s.advanced])).to.deep.equal([[2, 1], [1, 0]]);
    const moved = (await crm.pipelines.clients(sales.id, sales.stages[0]!.id)).items[0]!.client;
    await crm.pipelines.move(moved.id, sales.id, sales.stages[1]!.id);
    const result = await crm.sampleData.remove();
    // Only the client the user moved stays; the places insert made go with their clients.
    expect(result.kept.clients).to.equal(1);
    expect((await crm.clients.list()).items.map((c) => c.id)).to.deep.equal([moved.id]);
    expect((await crm.pipelines.stats(sales.id)).stages.map((s) => s.count)).to.deep.equal([0, 1]);
  });

  it('removes the sample clients only rules changed: their edits, notes and tasks are not the user\'s work', async () => {
    const crm = await openCrm();
    const vip = (await crm.statuses.list()).find((s) => s.name === 'VIP')!;
    const rule = await crm.rules.create({ name: 'Welcome', trigger: 'order.created', actions: [{ type: 'set_status', statusId: vip.id }, { type: 'add_note', text: 'Hi' }, { type: 'create_task', title: 'Call', dueInDays: 1 }] });
    await crm.rules.enable(rule.id);
    await crm.sampleData.insert({ clients: 8, orders: 40 });
    await crm.rules.drain();
    const result = await crm.sampleData.remove();
    expect(result.kept).to.deep.equal({ clients: 0, orders: 0 });
    expect((await crm.clients.list()).items).to.deep.equal([]);
  });

  it('removes a sample client the user deleted for good: its undo cannot bring it back', async () => {
    const crm = await openCrm();
    await crm.sampleData.insert({ clients: 3, orders: 10 });
    const [client] = (await crm.clients.list()).items;
    const deletion = await crm.clients.delete(client!.id);
    expect(await crm.sampleData.remove()).to.deep.include({ clients: 2, orders: 10 });
    expect((await rejection(crm.activities.undo(deletion.id))).code).to.equal('not_found');
    expect((await crm.clients.list()).items).to.deep.equal([]);
  });

  it('inserts again next to the clients a remove kept, leaving them and their orders as they are', async () => {
    const crm = await openCrm();
    await crm.sampleData.insert({ seed: 3, clients: 5, orders: 30 });
    const linked = (await crm.orders.list({ linked: true })).items[0]!;
    const client = await crm.clients.get(linked.clientId!);
    await crm.notes.add({ clientId: client.id }, { text: 'A real lead after all' });
    const kept = await crm.clients.get(client.id);
    const keptOrders = (await crm.orders.list({ clientId: client.id, limit: 1000 })).items;
    await crm.sampleData.remove();

    const again = await crm.sampleData.insert({ seed: 3, clients: 5, orders: 30 });
    expect(again).to.deep.equal({ clients: 4, orders: 30 - keptOrders.length });
    expect(await crm.clients.get(client.id)).to.deep.equal(kept);
    expect(await crm.orders.list({ clientId: client.id, limit: 1000 })).to.deep.equal({ items: keptOrders });
    expect(await crm.sampleData.remove()).to.deep.equal({ clients: 4, orders: 30 - keptOrders.length, kept: { clients: 0, orders: 0 } });
    expect((await crm.clients.list()).items).to.deep.equal([kept]);
    expect((await crm.orders.list({ limit: 1000 })).items.map((o) => o.id).sort()).to.deep.equal(keptOrders.map((o) => o.id).sort());
  });

  it('leaves out, on insert, an order a remove kept under the id it had before ids were zero-padded', async () => {
    const crm = await openCrm();
    // What an earlier version left: remove kept a retail sample order, stored as sample-N, the user had put a note on.
    const orders = generateSampleData({ seed: 1, clients: 40, orders: 300, now: new Date('2026-11-01T08:00:00Z') }).orders;
    const k = orders.findIndex((order) => order.billing.company === undefined);
    const kept = await crm.orders.upsert({ ...orders[k]!, id: `sample-${k + 1}` });
    await crm.notes.add({ orderId: kept.id }, { text: 'Called the buyer' });
    await crm.sampleData.insert();
    const sameNumber = (await crm.orders.list({ limit: 1000 })).items.filter((order) => order.number === kept.number);
    expect(sameNumber.map((order) => order.id)).to.deep.equal([kept.id]);
  });
});
