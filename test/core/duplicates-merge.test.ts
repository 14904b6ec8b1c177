import { expect } from 'chai';
import type { DuplicateGroup, DuplicateSearchProgress } from '../../src/index.ts';
import { openCrm, rejection, shopOrder } from './fixtures.ts';

/** The unlinked-order groups of one client, as `reason: orderIds`. */
const unlinkedOf = (groups: DuplicateGroup[], clientId: string) =>
  groups.flatMap((g) => (g.kind === 'unlinked_orders' && g.client.id === clientId ? [`${g.reason}: ${g.orderIds.join(',')}`] : []));

/** The client groups, as sorted client ids with the reason. */
const clientGroups = (groups: DuplicateGroup[]) =>
  groups.flatMap((g) => (g.kind === 'clients' ? [`${g.reason}: ${g.clients.map((c) => c.id).sort().join(',')}`] : []));

describe('duplicates (B15)', () => {
  it('offers an unlinked order whose billing tax ID is a client\'s tax or VAT ID, by tax ID', async () => {
    const crm = await openCrm();
    // Orders that came in before their client existed stay unlinked.
    await crm.orders.upsert(shopOrder({ id: 'early', billing: { company: 'KOVO s.r.o.', taxId: 'CZ 255 96 641' } }));
    await crm.orders.upsert(shopOrder({ id: 'early-vat', billing: { company: 'Strojírny', taxId: 'CZ 001 77 041' } }));
    const kovo = await crm.clients.create({ name: 'Kovoobrábění Praha', taxId: 'CZ25596641' });
    const stroj = await crm.clients.create({ name: 'Strojírny Brno a.s.', vatId: 'CZ00177041' });
    const groups = await crm.clients.findDuplicates();
    expect(unlinkedOf(groups, kovo.id)).to.deep.equal(['tax_id: early']);
    expect(unlinkedOf(groups, stroj.id)).to.deep.equal(['tax_id: early-vat']);
  });

  it('groups clients sharing a VAT ID, or one\'s tax ID as another\'s VAT ID; the same tax ID twice is refused', async () => {
    const crm = await openCrm();
    const a = await crm.clients.create({ name: 'Alfa', taxId: 'CZ27082440', vatId: 'CZ00177041' });
    const b = await crm.clients.create({ name: 'Beta', vatId: 'CZ 001 77 041' });
    const c = await crm.clients.create({ name: 'Gama', taxId: 'CZ25596641' });
    const d = await crm.clients.create({ name: 'Delta', vatId: 'CZ 255-96-641' });
    await crm.clients.create({ name: 'Epsilon', taxId: 'CZ26204967' });
    expect((await rejection(crm.clients.create({ name: 'Alfa again', taxId: 'cz 270 82 440' }))).code).to.equal('duplicate');
    expect(clientGroups(await crm.clients.findDuplicates()).sort()).to.deep.equal(
      [`tax_id: ${[a.id, b.id].sort().join(',')}`, `tax_id: ${[c.id, d.id].sort().join(',')}`].sort(),
    );
  });

  it('does not offer an order unlinked by hand to the client it was unlinked from, but does to others', async () => {
    const crm = await openCrm();
    const alza = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440' });
    const order = await crm.orders.upsert(shopOrder({ id: 'mine', billing: { company: 'Alza', taxId: 'CZ27082440' } }));
    expect(order.clientId).to.equal(alza.id);
    const other = await crm.orders.upsert(shopOrder({ id: 'other', billing: { company: 'Alza', taxId: 'CZ27082440' } }));
    await crm.orders.unlink('mine');
    // Unlinked by hand too, but from no client: still offered.
    await crm.orders.upsert(shopOrder({ id: 'never-linked', billing: { company: 'Alza', name: 'Jan' } }));
    await crm.orders.unlink('never-linked');
    const twin = await crm.clients.create({ name: 'ALZA' });
    const groups = await crm.clients.findDuplicates();
    expect(unlinkedOf(groups, alza.id)).to.deep.equal([]);
    expect(unlinkedOf(groups, twin.id)).to.deep.equal(['name: mine,never-linked']);
    expect((await crm.orders.get(other.id)).clientId).to.equal(alza.id);
  });
  it('tells how far it has got: the clients read a page at a time, then the keys looked up in bulk', async () => {
    const crm = await openCrm();
    await crm.sampleData.insert({ clients: 1000, orders: 60 });
    for (let i = 0; i < 100; i++) await crm.clients.create({ name: `Extra ${i} s.r.o.` });
    const heard: DuplicateSearchProgress[] = [];
    const groups = await crm.clients.findDuplicates({ onProgress: (progress) => heard.push(progress) });
    const clients = heard.filter((p) => p.step === 'clients');
    const keys = heard.filter((p) => p.step === 'orders');
    expect(clients.map((p) => p.done)).to.deep.equal([0, 1000, 1100]);
    expect(clients.every((p) => p.total === 1100)).to.equal(true);
    // Every client's name and tax ID, fewer where two share one; 2,000 a read.
    expect(keys.length).to.equal(Math.ceil(keys[0]!.total / 2000));
    expect(keys.at(-1)!.done).to.equal(keys[0]!.total);
    expect(keys[0]!.total).to.be.above(2000);
    expect(heard.indexOf(keys[0]!)).to.equal(clients.length);
    expect(groups).to.deep.equal(await crm.clients.findDuplicates());
    const error = await rejection(crm.clients.findDuplicates({ onProgress: 'loud' as never }));
    expect([error.code, error.fields?.[0]?.path]).to.deep.equal(['validation', ['onProgress']]);
  });
});

describe('merge', () => {
  it('moves the merged client\'s orders and timeline to the kept client; undo moves them back', async () => {
    const crm = await openCrm();
    const keep = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440' });
    const kept = await crm.orders.upsert(shopOrder({ id: 'k-1' }));
    expect(kept.clientId).to.equal(keep.id);
    const twin = await crm.clients.create({ name: 'Alza (e-shop)' });
    for (const id of ['t-1', 't-2']) {
      await crm.orders.upsert(shopOrder({ id, accountCode: 'alza-eshop', billing: { company: 'Alza (e-shop)', name: 'Petr' } }));
      await crm.orders.link(id, twin.id);
    }
    await crm.activities.add(twin.id, { type: 'call', subject: 'Framework contract', orderId: 't-1' });
    const twinTimeline = (await crm.activities.list(twin.id)).items.map((a) => a.id);
    const keepTimeline = (await crm.activities.list(keep.id)).items.map((a) => a.id);
    expect(twinTimeline).to.have.length(4); // created, two links, the call

    await crm.clients.merge(keep.id, twin.id);
    expect((await rejection(crm.clients.get(twin.id))).code).to.equal('not_found');
    expect((await crm.orders.list({ clientId: keep.id })).items.map((o) => o.id).sort()).to.deep.equal(['k-1', 't-1', 't-2']);
    expect((await crm.orders.get('t-1')).clientId).to.equal(keep.id);
    const merged = (await crm.activities.list(keep.id)).items;
    expect(merged.map((a) => a.id)).to.include.members([...twinTimeline, ...keepTimeline]);
    const entry = merged.find((a) => a.type === 'clients_merged')!;
    // What hand-linking taught moves too: the twin's next order goes to the kept client.
    expect((await crm.orders.upsert(shopOrder({ id: 't-3', accountCode: 'alza-eshop', billing: { company: 'x', name: 'y' } }))).clientId).to.equal(keep.id);

    await crm.activities.undo(entry.id);
    expect((await crm.clients.get(twin.id)).name).to.equal('Alza (e-shop)');
    expect((await crm.orders.list({ clientId: twin.id })).items.map((o) => o.id).sort()).to.deep.equal(['t-1', 't-2']);
    expect((await crm.orders.get('t-2')).clientId).to.equal(twin.id);
    // t-3 came after the merge: it stays with the kept client.
    expect((await crm.orders.list({ clientId: keep.id })).items.map((o) => o.id).sort()).to.deep.equal(['k-1', 't-3']);
    expect((await crm.activities.list(twin.id)).items.map((a) => a.id)).to.deep.equal(twinTimeline);
    const keepAfter = (await crm.activities.list(keep.id)).items.map((a) => a.id);
    expect(keepAfter.filter((id) => twinTimeline.includes(id))).to.deep.equal([]);
    expect(keepAfter).to.include.members([...keepTimeline, entry.id]);
    expect((await crm.orders.upsert(shopOrder({ id: 't-4', accountCode: 'alza-eshop', billing: { company: 'x', name: 'y' } }))).clientId).to.equal(twin.id);
  });

  it('undoes several merges into one client, the latest first, each giving its client back with its orders', async () => {
    const crm = await openCrm();
    const keep = await crm.clients.create({ name: 'Alza' });
    const twins = [await crm.clients.create({ name: 'ALZA' }), await crm.clients.create({ name: 'alza' })];
    for (const [i, twin] of twins.entries()) {
      await crm.orders.upsert(shopOrder({ id: `o-${i}`, billing: { company: 'x', name: 'y' } }));
      await crm.orders.link(`o-${i}`, twin.id);
    }
    for (const twin of twins) await crm.clients.merge(keep.id, twin.id);
    const merges = (await crm.activities.list(keep.id)).items.filter((a) => a.type === 'clients_merged');
    expect(merges.map((a) => (a.data as { merged: { id: string } }).merged.id)).to.deep.equal([twins[1]!.id, twins[0]!.id]);

    for (const merge of merges) await crm.activities.undo(merge.id);
    for (const [i, twin] of twins.entries()) {
      expect((await crm.orders.list({ clientId: twin.id })).items.map((o) => o.id)).to.deep.equal([`o-${i}`]);
    }
    expect((await crm.clients.get(keep.id)).name).to.equal('Alza');
  });

  it('does not undo an earlier merge once the kept client was edited after a later merge was undone', async () => {
    const crm = await openCrm();
    const keep = await crm.clients.create({ name: 'Alza' });
    const [first, second] = [await crm.clients.create({ name: 'ALZA' }), await crm.clients.create({ name: 'alza' })];
    await crm.clients.merge(keep.id, first.id);
    await crm.clients.merge(keep.id, second.id);
    const [later, earlier] = (await crm.activities.list(keep.id)).items.filter((a) => a.type === 'clients_merged');
    await crm.activities.undo(later!.id);
    await crm.clients.update(keep.id, { temperature: 'hot' });
    expect((await rejection(crm.activities.undo(earlier!.id))).code).to.equal('conflict');
  });

  it('puts clients joined through different keys in one group: one tax ID, another name', async () => {
    const crm = await openCrm();
    const first = await crm.clients.create({ name: 'Kovovýroba Říčany spol. s r.o.', taxId: 'CZ25372092' });
    const vat = await crm.clients.create({ name: 'KOVOVÝROBA ŘÍČANY s.r.o.', vatId: 'CZ25372092' });
    const named = await crm.clients.create({ name: 'Kovovýroba Říčany spol. s r.o.' });
    await crm.clients.create({ name: 'Someone else' });
    const groups = (await crm.clients.findDuplicates()).filter((group) => group.kind === 'clients');
    expect(groups.map((group) => [group.reason, group.clients.map((client) => client.id).sort()])).to.deep.equal([['tax_id', [first.id, vat.id, named.id].sort()]]);
  });
});
