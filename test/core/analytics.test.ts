import { expect } from 'chai';
import fc from 'fast-check';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import type { Activity, Crm, StorageAdapter } from '../../src/index.ts';
import { crmSchema } from '../../src/storage/schema.ts';
import { openCrm, rejection, shopOrder, steppingClock } from './fixtures.ts';

const TAX_IDS = ['CZ27082440', 'CZ45274649', 'CZ00006947', 'CZ47114983'];

/** A copy of `storage` without any analytics: opening a CRM on it counts them afresh from the orders. */
async function withoutAnalytics(storage: StorageAdapter): Promise<StorageAdapter> {
  const copy = memoryAdapter();
  await copy.open(crmSchema);
  for (const collection of Object.keys(crmSchema.collections)) {
    if (collection === 'clientStats') continue;
    const { records } = await storage.query(collection);
    const kept = records.filter((record) => record.id !== 'analytics:team');
    if (kept.length) await copy.write(kept.map((record) => ({ type: 'put', collection, record })));
  }
  return copy;
}

describe('analytics', () => {
  it('tells a client\'s counts, values, rhythm and months', async () => {
    const crm = await openCrm({ clock: steppingClock('2026-11-20T08:00:00Z') });
    const client = await crm.clients.create({ name: 'Alza', taxId: TAX_IDS[0] });
    const empty = await crm.analytics.client(client.id);
    expect(empty).to.deep.include({ orderCount: 0, paidCount: 0, currencies: [], overdue: false, months: [] });
    const billing = { company: 'Alza', taxId: TAX_IDS[0] };
    await crm.orders.upsert(shopOrder({ id: 'a1', billing, total: 10_000, paymentState: 'paid', createdAt: '2026-07-01T10:00:00Z' }));
    await crm.orders.upsert(shopOrder({ id: 'a2', billing, total: 30_000, paymentState: 'paid', createdAt: '2026-08-01T10:00:00Z' }));
    await crm.orders.upsert(shopOrder({ id: 'a3', billing, total: 20_000, createdAt: '2026-08-11T10:00:00Z' }));
    await crm.orders.upsert(shopOrder({ id: 'a4', billing, total: 99_000, paymentState: 'refunded', createdAt: '2026-09-10T10:00:00Z' }));
    await crm.orders.upsert(shopOrder({ id: 'a5', billing, currency: 'EUR', total: 500, createdAt: '2026-09-10T12:00:00Z' }));
    const figures = await crm.analytics.client(client.id);
    expect(figures).to.deep.include({
      orderCount: 5,
      paidCount: 2,
      firstOrderAt: '2026-07-01',
      lastOrderAt: '2026-09-10',
      daysSinceLastOrder: 71,
      // Gaps 31, 10, 30, 0 days.
      meanDaysBetweenOrders: 71 / 4,
      medianDaysBetweenOrders: 20,
      expectedNextOrderAt: '2026-09-30',
      // Expected 50 days ago, past the margin of ten days (half the rhythm).
      overdue: true,
    });
    expect(figures.currencies).to.deep.equal([
      { currency: 'CZK', orders: 3, total: 60_000, average: 20_000, paidTotal: 40_000 },
      { currency: 'EUR', orders: 1, total: 500, average: 500, paidTotal: 0 },
    ]);
    expect(figures.months).to.deep.equal([
      { month: '2026-07', orders: 1, value: { CZK: 10_000 } },
      { month: '2026-08', orders: 2, value: { CZK: 50_000 } },
      { month: '2026-09', orders: 2, value: { EUR: 500 } },
    ]);
    // 71 days since the last order: recency 3; five orders: frequency 3; the only client with value: the mean, monetary 3.
    expect(figures.rfm).to.deep.equal({ recency: 3, frequency: 3, monetary: 3, segment: 'need_attention' });
    // A small client halves the mean: Alza's CZK value is now about twice it, the small one's far below.
    const small = await crm.clients.create({ name: 'Small', taxId: TAX_IDS[1] });
    await crm.orders.upsert(shopOrder({ id: 's1', billing: { company: 'Small', taxId: TAX_IDS[1] }, total: 1000, createdAt: '2026-11-01T10:00:00Z' }));
    expect((await crm.analytics.client(client.id)).rfm.monetary).to.equal(4);
    expect((await crm.analytics.client(small.id)).rfm).to.deep.include({ monetary: 1, recency: 5, frequency: 1, segment: 'new' });
  });

  it('follows orders that change, move to another client and leave', async () => {
    const crm = await openCrm();
    const [a, b] = [await crm.clients.create({ name: 'A', taxId: TAX_IDS[0] }), await crm.clients.create({ name: 'B', taxId: TAX_IDS[1] })];
    const order = await crm.orders.upsert(shopOrder({ id: 'x1', billing: { company: 'A', taxId: TAX_IDS[0] }, total: 1000 }));
    await crm.orders.upsert(shopOrder({ id: 'x1', billing: { company: 'A', taxId: TAX_IDS[0] }, total: 4000, paymentState: 'paid' }));
    expect(await crm.analytics.client(a.id)).to.deep.include({ orderCount: 1, paidCount: 1 });
    expect((await crm.analytics.client(a.id)).currencies[0]).to.include({ total: 4000 });
    await crm.orders.link(order.id, b.id);
    expect((await crm.analytics.client(a.id)).orderCount).to.equal(0);
    expect((await crm.analytics.client(b.id)).currencies[0]).to.include({ total: 4000 });
    await crm.orders.unlink(order.id);
    expect((await crm.analytics.client(b.id)).orderCount).to.equal(0);
  });

  it('stays equal to a count from scratch through any mix of writes, undos and merges', async () => {
    const write = fc.oneof(
      fc.record({ kind: fc.constant('upsert' as const), id: fc.integer({ min: 1, max: 8 }), tax: fc.integer({ min: 0, max: TAX_IDS.length }), total: fc.integer({ min: 0, max: 50_000 }), currency: fc.constantFrom('CZK', 'EUR'), payment: fc.constantFrom(undefined, 'paid', 'unpaid', 'refunded'), day: fc.integer({ min: 0, max: 400 }) }),
      fc.record({ kind: fc.constant('unlink' as const), id: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('link' as const), id: fc.integer({ min: 1, max: 8 }), client: fc.nat() }),
      fc.record({ kind: fc.constant('owner' as const), client: fc.nat(), owner: fc.constantFrom('eva', 'jan', null) }),
      fc.record({ kind: fc.constant('lifecycle' as const), client: fc.nat(), lifecycle: fc.constantFrom('current', 'potential') }),
      fc.record({ kind: fc.constant('delete' as const), client: fc.nat() }),
      fc.record({ kind: fc.constant('merge' as const), keep: fc.nat(), merged: fc.nat() }),
      fc.record({ kind: fc.constant('undo' as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(write, { maxLength: 25 }), async (writes) => {
        const storage = memoryAdapter();
        const crm = await openCrm({ storage, clock: steppingClock('2026-11-20T08:00:00Z') });
        for (const [i, taxId] of TAX_IDS.entries()) await crm.clients.create({ name: `Client ${i}`, taxId });
        const deletions: Activity[] = [];
        for (const w of writes) await apply(crm, w, deletions).catch((error) => {
          if (!['not_found', 'conflict', 'validation', 'duplicate'].includes(error.code)) throw error;
        });
        const fresh = await openCrm({ storage: await withoutAnalytics(storage), clock: steppingClock('2026-11-20T08:00:00Z') });
        const { items } = await crm.clients.list({ limit: 100 });
        for (const client of items) expect(await crm.analytics.client(client.id)).to.deep.equal(await fresh.analytics.client(client.id));
        // Every client, and only clients, has stats: sorts by them list every client.
        expect((await storage.query('clientStats', { limit: 1000 })).records.map((r) => r.id).sort()).to.deep.equal(items.map((c) => c.id).sort());
        const revenue = (c: Crm) => c.analytics.team().then((team) => team.revenueByOwner.sort((x, y) => `${x.owner}${x.currency}`.localeCompare(`${y.owner}${y.currency}`)));
        expect(await revenue(crm)).to.deep.equal(await revenue(fresh));
      }),
      { numRuns: 40 },
    );

    async function apply(crm: Crm, w: Record<string, unknown>, deletions: Activity[]) {
      const clients = (await crm.clients.list({ limit: 100 })).items;
      const pickClient = (n: unknown) => clients[(n as number) % Math.max(clients.length, 1)];
      switch (w.kind) {
        case 'upsert': {
          const taxId = TAX_IDS[w['tax'] as number];
          const base = shopOrder({ id: `o${w['id']}`, total: w['total'] as number, currency: w['currency'] as string, createdAt: new Date(Date.UTC(2025, 9, 1) + (w['day'] as number) * 86_400_000).toISOString(), billing: { company: 'Buyer', ...(taxId ? { taxId } : {}) } });
          return crm.orders.upsert(w['payment'] ? { ...base, paymentState: w['payment'] as 'paid' } : base);
        }
        case 'unlink':
          return crm.orders.unlink(`o${w['id']}`);
        case 'link':
          return pickClient(w['client']) && crm.orders.link(`o${w['id']}`, pickClient(w['client'])!.id);
        case 'owner':
          return pickClient(w['client']) && crm.clients.update(pickClient(w['client'])!.id, { owner: w['owner'] as string | null });
        case 'lifecycle':
          return pickClient(w['client']) && crm.clients.update(pickClient(w['client'])!.id, { lifecycle: w['lifecycle'] as 'current' });
        case 'delete':
          return pickClient(w['client']) && deletions.push(await crm.clients.delete(pickClient(w['client'])!.id));
        case 'merge':
          return pickClient(w['keep']) && crm.clients.merge(pickClient(w['keep'])!.id, pickClient(w['merged'])!.id);
        default: {
          const undoable = [];
          for (const client of clients) undoable.push(...(await crm.activities.list(client.id)).items.filter((a) => a.undoable && !a.undoneAt));
          const all = [...undoable, ...deletions];
          return all.length ? crm.activities.undo(all[(w['pick'] as number) % all.length]!.id) : undefined;
        }
      }
    }
  });

  it('counts the team: statuses, lifecycles, months, conversions and revenue per owner', async () => {
    const crm = await openCrm({ clock: steppingClock('2026-11-20T08:00:00Z') });
    const [vip] = await crm.statuses.list();
    const a = await crm.clients.create({ name: 'A', taxId: TAX_IDS[0], owner: 'eva', statusId: vip!.id });
    await crm.clients.create({ name: 'B', lifecycle: 'potential' });
    const c = await crm.clients.create({ name: 'C', lifecycle: 'potential', owner: 'jan' });
    await crm.clients.update(c.id, { lifecycle: 'current' });
    await crm.orders.upsert(shopOrder({ id: 't1', total: 7000, billing: { company: 'A', taxId: TAX_IDS[0] } }));
    let team = await crm.analytics.team({ from: '2026-10', to: '2026-11' });
    expect(team.clients).to.equal(3);
    expect(team.byStatus.find((s) => s.statusId === vip!.id)!.count).to.equal(1);
    expect(team.byStatus.find((s) => s.statusId === null)!.count).to.equal(2);
    expect(team.byLifecycle).to.deep.equal({ current: 1, potential: 2 });
    expect(team.months).to.deep.equal([
      { month: '2026-10', newClients: 0, newPotential: 0, converted: 0 },
      { month: '2026-11', newClients: 3, newPotential: 3, converted: 1 },
    ]);
    expect(team.revenueByOwner).to.deep.equal([{ owner: 'eva', currency: 'CZK', total: 7000 }]);
    await crm.clients.update(a.id, { owner: 'jan' });
    team = await crm.analytics.team();
    expect(team.months).to.have.length(12);
    expect(team.revenueByOwner).to.deep.equal([{ owner: 'jan', currency: 'CZK', total: 7000 }]);
  });

  it('sorts the client list by last order, order count and value, every client included, page by page', async () => {
    const crm = await openCrm();
    const [a, b, c] = [await crm.clients.create({ name: 'A', taxId: TAX_IDS[0] }), await crm.clients.create({ name: 'B', taxId: TAX_IDS[1], owner: 'eva' }), await crm.clients.create({ name: 'C (no orders)' })];
    const order = (id: string, taxId: string, total: number, createdAt: string) => crm.orders.upsert(shopOrder({ id, total, createdAt, billing: { company: 'X', taxId } }));
    await order('s1', TAX_IDS[0]!, 100, '2026-01-01T10:00:00Z');
    await order('s2', TAX_IDS[0]!, 100, '2026-02-01T10:00:00Z');
    await order('s3', TAX_IDS[1]!, 900, '2026-03-01T10:00:00Z');
    const names = async (by: 'lastOrder' | 'orderCount' | 'totalValue', direction: 'asc' | 'desc', filter = {}) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await crm.clients.list({ sort: { by, direction }, limit: 1, filter, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((item) => item.name));
        cursor = page.cursor;
      } while (cursor);
      return seen;
    };
    expect(await names('lastOrder', 'desc')).to.deep.equal(['B', 'A', 'C (no orders)']);
    expect(await names('orderCount', 'desc')).to.deep.equal(['A', 'B', 'C (no orders)']);
    expect(await names('totalValue', 'asc')).to.deep.equal(['C (no orders)', 'A', 'B']);
    expect(await names('totalValue', 'desc', { owner: 'eva' })).to.deep.equal(['B']);
    expect((await crm.clients.list({ sort: { by: 'lastOrder', direction: 'desc' }, offset: 2 })).items.map((x) => x.id)).to.deep.equal([c.id]);
    await crm.orders.upsert(shopOrder({ id: 's4', createdAt: '2026-04-01T10:00:00Z', billing: { company: 'X', taxId: TAX_IDS[0]! } }));
    expect((await crm.clients.list({ sort: { by: 'lastOrder', direction: 'desc' }, limit: 1 })).items[0]!.id).to.equal(a.id);
    await crm.clients.delete(b.id);
    expect(await names('orderCount', 'desc')).to.deep.equal(['A', 'C (no orders)']);
  });

  it('counts a store written before analytics once, on open', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage });
    const client = await crm.clients.create({ name: 'A', taxId: TAX_IDS[0] });
    for (let i = 0; i < 3; i++) await crm.orders.upsert(shopOrder({ id: `old${i}`, billing: { company: 'A', taxId: TAX_IDS[0] } }));
    const reopened = await openCrm({ storage: await withoutAnalytics(storage) });
    expect((await reopened.analytics.client(client.id)).orderCount).to.equal(3);
  });

  it('counts a client created as potential once, through a delete and its undo, a merge and its undo', async () => {
    const crm = await openCrm({ clock: steppingClock('2026-11-20T08:00:00Z') });
    const client = await crm.clients.create({ name: 'A', lifecycle: 'potential' });
    await crm.activities.undo((await crm.clients.delete(client.id)).id);
    const other = await crm.clients.create({ name: 'B', lifecycle: 'potential' });
    const keep = await crm.clients.create({ name: 'C', lifecycle: 'current' });
    await crm.clients.merge(keep.id, other.id);
    await crm.activities.undo((await crm.activities.list(keep.id)).items.find((a) => a.type === 'clients_merged')!.id);
    const { months } = await crm.analytics.team({ from: '2026-11', to: '2026-11' });
    expect(months[0]).to.include({ newClients: 3, newPotential: 2 });
  });

  it('does not keep figures a write overtook while they were read', async () => {
    // Stats reads that arrive late, as a slow IndexedDB's can.
    const inner = memoryAdapter();
    const storage = new Proxy(inner, {
      get(target, property) {
        if (property !== 'get') return typeof Reflect.get(target, property) === 'function' ? (Reflect.get(target, property) as () => unknown).bind(target) : Reflect.get(target, property);
        return async (collection: string, id: string) => {
          const value = await target.get(collection, id);
          if (collection === 'clientStats') await new Promise((resolve) => setTimeout(resolve, 30));
          return value;
        };
      },
    });
    const crm = await openCrm({ storage });
    const client = await crm.clients.create({ name: 'A', taxId: TAX_IDS[0] });
    const reading = crm.analytics.client(client.id);
    await crm.orders.upsert(shopOrder({ id: 'r1', billing: { company: 'A', taxId: TAX_IDS[0] } }));
    await reading;
    expect((await crm.analytics.client(client.id)).orderCount).to.equal(1);
  });

  it('refuses what it should', async () => {
    const storage = memoryAdapter();
    const admin = await openCrm({ storage });
    const client = await admin.clients.create({ name: 'A', owner: 'eva' });
    const member = await openCrm({ storage, principal: { userId: 'jan', role: 'member' } });
    expect((await rejection(member.analytics.client(client.id))).code).to.equal('forbidden');
    expect((await rejection(member.analytics.team())).code).to.equal('forbidden');
    expect((await rejection(admin.analytics.client('cli_nope'))).code).to.equal('not_found');
    const bad = await rejection(admin.analytics.team({ from: '2026-12', to: '2026-01' }));
    expect(bad.fields[0]!.path).to.deep.equal(['from']);
    expect((await rejection(admin.analytics.team({ from: '2026-13' }))).fields[0]!.path).to.deep.equal(['from']);
  });
});
