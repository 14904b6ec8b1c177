import { expect } from 'chai';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm } from '../../src/index.ts';
import { crmSchema } from '../../src/storage/schema.ts';
import { openCrm, shopOrder, rejection, steppingClock } from './fixtures.ts';

const linkedEntry = async (crm: Awaited<ReturnType<typeof openCrm>>, clientId: string, orderId: string) =>
  (await crm.activities.list(clientId)).items.find((a) => a.type === 'order_linked' && a.orderId === orderId && !a.undoneAt)!;

describe('undoing a link by hand', () => {
  it('undoes a link by hand: the order as the shop sent it, the link keys as before, the figures too', async () => {
    const crm = await openCrm();
    const hand = await crm.clients.create({ name: 'Hand-picked s.r.o.' });
    const other = await crm.clients.create({ name: 'Other s.r.o.' });
    const first = await crm.orders.upsert(shopOrder({ id: 'first', accountCode: 'acc-7', billing: { company: 'HP', taxId: 'CZ00177041' } }));
    // An earlier link of another order of the buyer taught the account to `other`.
    const earlier = await crm.orders.upsert(shopOrder({ id: 'earlier', accountCode: 'acc-7', billing: { company: 'HP' } }));
    await crm.orders.link(earlier.id, other.id);
    await crm.orders.link(first.id, hand.id);
    expect((await crm.analytics.client(hand.id)).orderCount).to.equal(1);
    const entry = (await crm.activities.list(hand.id)).items.find((a) => a.type === 'order_linked' && a.orderId === first.id)!;
    expect(entry.undoable).to.equal(true);
    await crm.activities.undo(entry.id);
    const back = await crm.orders.get(first.id);
    expect({ clientId: back.clientId, linkSource: back.linkSource, unlinkedByHand: back.unlinkedByHand }).to.deep.equal({ clientId: undefined, linkSource: undefined, unlinkedByHand: undefined });
    expect((await crm.analytics.client(hand.id)).orderCount).to.equal(0);
    // The tax ID it taught is forgotten; the account it took over is `other`'s again.
    expect((await crm.orders.upsert(shopOrder({ billing: { company: 'HP', taxId: 'CZ 001 77 041' } }))).clientId).to.equal(undefined);
    expect((await crm.orders.upsert(shopOrder({ accountCode: 'acc-7', billing: { name: 'Someone' } }))).clientId).to.equal(other.id);
    expect((await rejection(crm.activities.undo(entry.id))).code).to.equal('conflict');
  });

  it('undoes a link that moved an order: back to its client before, and refused once it moved on', async () => {
    const crm = await openCrm();
    const a = await crm.clients.create({ name: 'A', taxId: 'CZ27082440' });
    const b = await crm.clients.create({ name: 'B' });
    const c = await crm.clients.create({ name: 'C' });
    const order = await crm.orders.upsert(shopOrder());
    await crm.orders.link(order.id, b.id);
    const toB = (await crm.activities.list(b.id)).items.find((x) => x.type === 'order_linked')!;
    await crm.activities.undo(toB.id);
    expect((await crm.orders.get(order.id))).to.include({ clientId: a.id, linkSource: 'auto' });
    expect((await crm.analytics.client(a.id)).orderCount).to.equal(1);
    await crm.orders.link(order.id, b.id);
    const again = (await crm.activities.list(b.id)).items.find((x) => x.type === 'order_linked' && !x.undoneAt)!;
    await crm.orders.link(order.id, c.id);
    expect((await rejection(crm.activities.undo(again.id))).code).to.equal('conflict');
    expect((await crm.orders.get(order.id)).clientId).to.equal(c.id);
  });

  it("a moved link undone writes the order's return on its client's timeline, and that client's own link stays undoable", async () => {
    const crm = await openCrm();
    const a = await crm.clients.create({ name: 'A s.r.o.' });
    const b = await crm.clients.create({ name: 'B s.r.o.' });
    const order = await crm.orders.upsert(shopOrder({ billing: { company: 'Buyer' } }));
    await crm.orders.link(order.id, a.id);
    const toA = await linkedEntry(crm, a.id, order.id);
    await crm.orders.link(order.id, b.id);
    await crm.activities.undo((await linkedEntry(crm, b.id, order.id)).id);
    // A's timeline told the order leaving; it now tells it coming back, newest first.
    const types = (await crm.activities.list(a.id)).items.filter((x) => x.orderId === order.id).map((x) => x.type);
    expect(types).to.deep.equal(['order_linked', 'order_unlinked', 'order_linked']);
    // Latest first: A's own link is undone next, as the shop sent the order.
    await crm.activities.undo(toA.id);
    expect((await crm.orders.get(order.id)).clientId).to.equal(undefined);
  });

  it('two orders of one buyer linked by hand and both undone (earlier first) teach nothing', async () => {
    const crm = await openCrm();
    const b = await crm.clients.create({ name: 'B s.r.o.' });
    const c = await crm.clients.create({ name: 'C s.r.o.' });
    const billing = { company: 'Buyer', taxId: 'CZ00177041' };
    const o1 = await crm.orders.upsert(shopOrder({ id: 'o1', billing }));
    const o2 = await crm.orders.upsert(shopOrder({ id: 'o2', billing }));
    await crm.orders.link(o1.id, b.id);
    await crm.orders.link(o2.id, c.id);
    await crm.activities.undo((await linkedEntry(crm, b.id, o1.id)).id);
    await crm.activities.undo((await linkedEntry(crm, c.id, o2.id)).id);
    expect((await crm.orders.get(o1.id)).clientId).to.equal(undefined);
    expect((await crm.orders.get(o2.id)).clientId).to.equal(undefined);
    // Nothing is linked by hand any more: the next order of the buyer goes nowhere, as before both links.
    expect((await crm.orders.upsert(shopOrder({ id: 'o3', billing }))).clientId).to.equal(undefined);
  });

  it('a replaced key whose order was unlinked by hand since does not come back', async () => {
    const crm = await openCrm();
    const a = await crm.clients.create({ name: 'A s.r.o.' });
    const b = await crm.clients.create({ name: 'B s.r.o.' });
    const billing = { company: 'Buyer', taxId: 'CZ00177041' };
    const o0 = await crm.orders.upsert(shopOrder({ id: 'o0', billing }));
    const o1 = await crm.orders.upsert(shopOrder({ id: 'o1', billing }));
    await crm.orders.link(o0.id, a.id); // teaches the buyer -> A
    await crm.orders.link(o1.id, b.id); // takes the key over for B
    await crm.orders.unlink(o0.id); // staff: o0 is not A's; what linking it taught is forgotten
    await crm.activities.undo((await linkedEntry(crm, b.id, o1.id)).id);
    // The key o0 taught does not come back: o0 was unlinked from A by hand.
    expect((await crm.orders.upsert(shopOrder({ id: 'o2', billing }))).clientId).to.equal(undefined);
  });

  it('an older link entry of an order linked again since is refused, not applied over the newer link', async () => {
    const crm = await openCrm();
    await crm.clients.create({ name: 'A', taxId: 'CZ27082440' });
    const b = await crm.clients.create({ name: 'B' });
    const order = await crm.orders.upsert(shopOrder()); // auto-linked to A
    await crm.orders.link(order.id, b.id);
    const first = await linkedEntry(crm, b.id, order.id);
    await crm.orders.unlink(order.id);
    await crm.orders.link(order.id, b.id);
    const second = (await crm.activities.list(b.id)).items.find((x) => x.type === 'order_linked' && x.id !== first.id && !x.undoneAt)!;
    expect(second).to.not.equal(undefined);
    // The first entry's "before" (auto-linked to A) is two actions old.
    expect((await rejection(crm.activities.undo(first.id))).code).to.equal('conflict');
    expect((await crm.orders.get(order.id)).clientId).to.equal(b.id);
  });

  it('two tabs undoing the same link at once: one wins, the other is refused', async () => {
    const storage = memoryAdapter();
    const one = await createCrm({ storage });
    const two = await createCrm({ storage });
    const b = await one.clients.create({ name: 'B' });
    const order = await one.orders.upsert(shopOrder({ billing: { company: 'X', taxId: 'CZ00177041' } }));
    await one.orders.link(order.id, b.id);
    const entry = await linkedEntry(one, b.id, order.id);
    const results = await Promise.allSettled([one.activities.undo(entry.id), two.activities.undo(entry.id)]);
    expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    expect((await one.orders.get(order.id)).clientId).to.equal(undefined);
    expect((await one.analytics.client(b.id)).orderCount).to.equal(0);
  });

  it('undo of a link after the linked client was merged into another: the order and figures follow', async () => {
    const crm = await openCrm();
    const b = await crm.clients.create({ name: 'B' });
    const k = await crm.clients.create({ name: 'K' });
    const order = await crm.orders.upsert(shopOrder({ billing: { company: 'X', taxId: 'CZ00177041' } }));
    await crm.orders.link(order.id, b.id);
    await crm.clients.merge(k.id, b.id);
    const entry = await linkedEntry(crm, k.id, order.id);
    const events: string[] = [];
    crm.on('order.unlinked', (e) => events.push(`unlinked ${e.clientId === k.id ? 'K' : e.clientId}`));
    await crm.activities.undo(entry.id);
    expect(events).to.deep.equal(['unlinked K']);
    expect((await crm.orders.get(order.id)).clientId).to.equal(undefined);
    expect((await crm.analytics.client(k.id)).orderCount).to.equal(0);
    expect((await crm.orders.upsert(shopOrder({ billing: { company: 'X', taxId: 'CZ00177041' } }))).clientId).to.equal(undefined);
  });

  it('undo of a link of an order unlinked by hand before: unlinked by hand again, figures back', async () => {
    const crm = await openCrm();
    const a = await crm.clients.create({ name: 'A', taxId: 'CZ27082440' });
    const b = await crm.clients.create({ name: 'B' });
    const order = await crm.orders.upsert(shopOrder());
    await crm.orders.unlink(order.id);
    await crm.orders.link(order.id, b.id);
    await crm.activities.undo((await linkedEntry(crm, b.id, order.id)).id);
    const back = await crm.orders.get(order.id);
    expect(back.unlinkedByHand).to.equal(true);
    expect(back.clientId).to.equal(undefined);
    expect((await crm.analytics.client(a.id)).orderCount).to.equal(0);
    expect((await crm.analytics.client(b.id)).orderCount).to.equal(0);
    expect((await crm.orders.upsert({ ...shopOrder(), id: order.id, number: order.number })).clientId).to.equal(undefined);
  });

  it('leaves the figures as a recount from the orders gives them', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage, clock: steppingClock('2026-11-20T08:00:00Z') });
    const a = await crm.clients.create({ name: 'A', taxId: 'CZ27082440', owner: 'eva' });
    const b = await crm.clients.create({ name: 'B', owner: 'jan' });
    const o1 = await crm.orders.upsert(shopOrder({ paymentState: 'paid', total: 50_000 }));
    const o2 = await crm.orders.upsert(shopOrder({ billing: { company: 'Y', taxId: 'CZ00177041' }, total: 70_000 }));
    await crm.orders.link(o1.id, b.id);
    await crm.orders.link(o2.id, b.id);
    await crm.activities.undo((await linkedEntry(crm, b.id, o1.id)).id);
    await crm.activities.undo((await linkedEntry(crm, b.id, o2.id)).id);
    const copy = memoryAdapter();
    await copy.open(crmSchema);
    for (const collection of Object.keys(crmSchema.collections)) {
      if (collection === 'clientStats') continue;
      const kept = (await storage.query(collection)).records.filter((r) => r.id !== 'analytics:team');
      if (kept.length) await copy.write(kept.map((record) => ({ type: 'put', collection, record })));
    }
    const fresh = await openCrm({ storage: copy, clock: steppingClock('2026-11-20T08:00:00Z') });
    for (const id of [a.id, b.id]) expect(await crm.analytics.client(id)).to.deep.equal(await fresh.analytics.client(id));
    const [live, recount] = [await crm.analytics.team(), await fresh.analytics.team()];
    expect(live.revenueByOwner).to.deep.equal(recount.revenueByOwner);
  });
});
