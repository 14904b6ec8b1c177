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

  it('removes exactly what it inserted, and nothing the user added', async () => {
    const crm = await openCrm();
    const mine = await crm.clients.create({ name: 'Moje firma s.r.o.', taxId: 'CZ27082440' });
    await crm.orders.upsert(shopOrder({ id: 'my-order' }));
    await crm.sampleData.insert({ clients: 8, orders: 40 });
    const sampleClient = (await crm.clients.list({ filter: { lifecycle: 'current' } })).items.find((c) => c.id !== mine.id)!;
    await crm.orders.upsert(shopOrder({ id: 'my-other-order', billing: { company: 'x', name: 'y' } }));
    await crm.orders.link('my-other-order', sampleClient.id);
    await crm.notes.add({ clientId: mine.id }, { text: 'my note' });

    expect(await crm.sampleData.remove()).to.deep.equal({ clients: 8, orders: 40 });
    expect((await crm.clients.list()).items.map((c) => c.id)).to.deep.equal([mine.id]);
    expect((await crm.orders.list()).items.map((o) => o.id).sort()).to.deep.equal(['my-order', 'my-other-order']);
    expect((await crm.orders.get('my-order')).clientId).to.equal(mine.id);
    expect((await crm.orders.get('my-other-order')).clientId).to.equal(undefined);
    expect((await crm.notes.list({ clientId: mine.id })).map((n) => n.text)).to.deep.equal(['my note']);
    expect(await crm.sampleData.has()).to.equal(false);
    expect(await crm.sampleData.remove()).to.deep.equal({ clients: 0, orders: 0 });
  });
});
