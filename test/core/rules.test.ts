import { expect } from 'chai';
import fc from 'fast-check';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import type { Crm, CrmEvent, Rule, RuleInput } from '../../src/index.ts';
import { countingIds, openCrm, rejection, shopOrder, steppingClock } from './fixtures.ts';

const ALZA = 'CZ27082440';
const KOVO = 'CZ45274649';
const billing = (taxId = ALZA) => ({ company: 'Buyer', taxId });

async function withTemplates(crm: Crm) {
  const templates = Object.fromEntries((await crm.rules.templates({ currency: 'CZK' })).map((t) => [t.key, t]));
  const statuses = Object.fromEntries((await crm.statuses.list()).map((s) => [s.name, s.id]));
  const stars = Object.fromEntries((await crm.stars.list()).map((s) => [s.name, s.id]));
  return { templates, statuses, stars };
}

async function enabled(crm: Crm, input: RuleInput): Promise<Rule> {
  return crm.rules.enable((await crm.rules.create(input)).id);
}

describe('rules', () => {
  it('ships five templates, each a disabled ready rule with this store\'s statuses and stars', async () => {
    const crm = await openCrm();
    const { templates, statuses, stars } = await withTemplates(crm);
    expect(Object.keys(templates)).to.have.members(['first_paid_order_status', 'big_order_star', 'regular_customer', 'dormant_tag', 'hot_potential']);
    expect(templates['first_paid_order_status']!.rule.actions).to.deep.equal([{ type: 'set_status', statusId: statuses['New partner'] }]);
    expect(templates['big_order_star']!.rule.actions).to.deep.equal([{ type: 'add_star', starId: stars['Yellow'] }]);
    for (const { rule } of Object.values(templates)) expect((await crm.rules.create(rule)).enabled).to.equal(false);
    expect((await crm.rules.templates({ currency: 'EUR' })).find((t) => t.key === 'big_order_star')!.rule.conditions).to.deep.include({ currency: 'EUR', value: 200_000 });
  });

  it('speaks the language asked for: names, descriptions with the store\'s own names and a local amount, the tag it sets', async () => {
    const crm = await openCrm({ language: 'cs' });
    const templates = Object.fromEntries((await crm.rules.templates({ currency: 'CZK', language: 'cs' })).map((t) => [t.key, t]));
    expect(templates['regular_customer']).to.deep.include({ name: 'Stálý zákazník', description: 'Nastaví stav „Stálý zákazník“ po 3 zaplacených objednávkách za 180 dní.' });
    expect(templates['regular_customer']!.rule.name).to.equal('Stálý zákazník');
    expect(templates['big_order_star']!.description.replace(/\s/g, ' ')).to.equal('Udělí hvězdu „Žlutá“ za objednávku od 50 000 Kč.');
    expect(templates['dormant_tag']!.rule.actions).to.deep.equal([{ type: 'add_tag', tag: 'Spící' }]);
    expect((await crm.rules.templates()).find((t) => t.key === 'dormant_tag')!.name).to.equal('Dormant after 90 days');
    expect((await rejection(crm.rules.templates({ language: 'de' as never }))).fields[0]!.path).to.deep.equal(['language']);
  });

  it('template: status after the first paid order, and only the first', async () => {
    const crm = await openCrm();
    const { templates, statuses } = await withTemplates(crm);
    await enabled(crm, templates['first_paid_order_status']!.rule);
    const client = await crm.clients.create({ name: 'Alza', taxId: ALZA });
    await crm.orders.upsert(shopOrder({ id: 'p1', billing: billing(), paymentState: 'unpaid' }));
    await crm.rules.drain();
    expect((await crm.clients.get(client.id)).statusId).to.equal(undefined);
    await crm.orders.upsert(shopOrder({ id: 'p1', billing: billing(), paymentState: 'paid' }));
    await crm.rules.drain();
    expect((await crm.clients.get(client.id)).statusId).to.equal(statuses['New partner']);
    await crm.clients.update(client.id, { statusId: statuses['VIP']! });
    await crm.orders.upsert(shopOrder({ id: 'p2', billing: billing(), paymentState: 'paid' }));
    await crm.rules.drain();
    expect((await crm.clients.get(client.id)).statusId).to.equal(statuses['VIP']);
    const entry = (await crm.activities.list(client.id)).items.find((a) => a.type === 'rule_applied')!;
    expect(entry).to.include({ subject: 'Status after the first paid order', orderId: 'p1', undoable: true });
    // A key account's first paid order does not set it back to a new partner.
    const vip = await crm.clients.create({ name: 'Kovo', taxId: 'CZ25596641', statusId: statuses['VIP']! });
    await crm.orders.upsert(shopOrder({ id: 'k1', billing: { company: 'Kovo', taxId: 'CZ25596641' }, paymentState: 'paid' }));
    await crm.rules.drain();
    expect((await crm.clients.get(vip.id)).statusId).to.equal(statuses['VIP']);
  });

  it('template: a star for an order over the amount, in its currency only', async () => {
    const crm = await openCrm();
    const { templates, stars } = await withTemplates(crm);
    await enabled(crm, templates['big_order_star']!.rule);
    const client = await crm.clients.create({ name: 'Alza', taxId: ALZA });
    await crm.orders.upsert(shopOrder({ id: 'b1', billing: billing(), total: 4_999_999 }));
    await crm.orders.upsert(shopOrder({ id: 'b2', billing: billing(), total: 9_000_000, currency: 'EUR' }));
    await crm.rules.drain();
    expect((await crm.clients.get(client.id)).stars).to.deep.equal([]);
    await crm.orders.upsert(shopOrder({ id: 'b3', billing: billing(), total: 5_000_000 }));
    await crm.rules.drain();
    expect((await crm.clients.get(client.id)).stars).to.deep.equal([stars['Yellow']]);
  });

  it('template: regular customer after 3 paid orders within 180 days', async () => {
    const crm = await openCrm({ clock: steppingClock('2026-11-20T08:00:00Z') });
    const { templates, statuses } = await withTemplates(crm);
    await enabled(crm, templates['regular_customer']!.rule);
    const client = await crm.clients.create({ name: 'Alza', taxId: ALZA });
    const paid = (id: string, createdAt: string) => crm.orders.upsert(shopOrder({ id, billing: billing(), paymentState: 'paid', createdAt }));
    await paid('r1', '2026-01-10T10:00:00Z'); // outside the 180 days
    await paid('r2', '2026-09-01T10:00:00Z');
    await paid('r3', '2026-10-01T10:00:00Z');
    await crm.rules.drain();
    expect((await crm.clients.get(client.id)).statusId).to.equal(undefined);
    await paid('r4', '2026-11-01T10:00:00Z');
    await crm.rules.drain();
    expect((await crm.clients.get(client.id)).statusId).to.equal(statuses['Regular customer']);
  });

  it('template: dormant tag on the daily run, once a day, after 90 days without an order', async () => {
    const crm = await openCrm({ clock: steppingClock('2026-11-20T08:00:00Z') });
    const { templates } = await withTemplates(crm);
    await enabled(crm, templates['dormant_tag']!.rule);
    const [sleepy, busy, never] = [await crm.clients.create({ name: 'Sleepy', taxId: ALZA }), await crm.clients.create({ name: 'Busy', taxId: KOVO }), await crm.clients.create({ name: 'Never' })];
    await crm.orders.upsert(shopOrder({ id: 'd1', billing: billing(ALZA), createdAt: '2026-08-01T10:00:00Z' }));
    await crm.orders.upsert(shopOrder({ id: 'd2', billing: billing(KOVO), createdAt: '2026-11-01T10:00:00Z' }));
    expect(await crm.rules.runDaily()).to.deep.equal({ evaluated: 3, fired: 1 });
    expect((await crm.clients.get(sleepy.id)).tags).to.deep.equal(['Dormant']);
    expect((await crm.clients.get(busy.id)).tags).to.deep.equal([]);
    expect((await crm.clients.get(never.id)).tags).to.deep.equal([]);
    await crm.clients.update(sleepy.id, { tags: [] });
    expect((await crm.rules.runDaily()).fired).to.equal(0);
    expect((await crm.rules.runDaily({ at: '2026-11-21T06:00:00Z' })).fired).to.equal(1);
  });

  it('template: hot temperature when a potential client orders', async () => {
    const crm = await openCrm();
    const { templates } = await withTemplates(crm);
    await enabled(crm, templates['hot_potential']!.rule);
    const lead = await crm.clients.create({ name: 'Lead', taxId: ALZA, lifecycle: 'potential' });
    const current = await crm.clients.create({ name: 'Current', taxId: KOVO, lifecycle: 'current' });
    await crm.orders.upsert(shopOrder({ id: 'h1', billing: billing(ALZA) }));
    await crm.orders.upsert(shopOrder({ id: 'h2', billing: billing(KOVO) }));
    await crm.rules.drain();
    expect((await crm.clients.get(lead.id)).temperature).to.equal('hot');
    expect((await crm.clients.get(current.id)).temperature).to.equal(undefined);
  });

  it('runs rules in priority order, and each sees what the one before did', async () => {
    const crm = await openCrm();
    const { statuses } = await withTemplates(crm);
    await enabled(crm, { name: 'Second', priority: 1, trigger: 'order.created', conditions: { fact: 'client.status', op: 'in', value: [statuses['VIP']!] }, actions: [{ type: 'add_tag', tag: 'seen VIP' }] });
    await enabled(crm, { name: 'First', priority: 5, trigger: 'order.created', actions: [{ type: 'set_status', statusId: statuses['VIP']! }] });
    const client = await crm.clients.create({ name: 'A', taxId: ALZA });
    await crm.orders.upsert(shopOrder({ id: 'q1', billing: billing() }));
    await crm.rules.drain();
    expect(await crm.clients.get(client.id)).to.deep.include({ statusId: statuses['VIP'], tags: ['seen VIP'] });
  });

  it('fires each rule at most once per event, however often and in whatever order events arrive', async () => {
    const run = async (deliver: (crm: Crm, ids: string[]) => Promise<void>) => {
      const storage = memoryAdapter();
      // Counted ids: two runs store the same records.
      const crm = await openCrm({ storage, rules: { autoRun: false }, ids: countingIds() });
      const { statuses, stars } = await withTemplates(crm);
      await enabled(crm, { name: 'Tag paid', trigger: 'order.paid', actions: [{ type: 'add_tag', tag: 'paid' }, { type: 'add_note', text: 'Paid' }] });
      await enabled(crm, { name: 'First paid', trigger: 'order.paid', conditions: { fact: 'client.paidOrders', op: 'eq', value: 1 }, actions: [{ type: 'add_star', starId: stars['Red']! }] });
      await enabled(crm, { name: 'Big', trigger: 'order.created', conditions: { fact: 'order.total', op: 'gte', value: 100_000, currency: 'CZK' }, actions: [{ type: 'set_status', statusId: statuses['VIP']! }] });
      await crm.clients.create({ name: 'A', taxId: ALZA });
      await crm.clients.create({ name: 'K', taxId: KOVO });
      await crm.orders.import([
        shopOrder({ id: 'i1', billing: billing(ALZA), paymentState: 'paid', total: 50_000 }),
        shopOrder({ id: 'i2', billing: billing(ALZA), paymentState: 'paid', total: 150_000 }),
        shopOrder({ id: 'i3', billing: billing(KOVO), total: 10_000 }),
        shopOrder({ id: 'i4', billing: billing(KOVO), paymentState: 'paid', total: 90_000 }),
      ]);
      const queued = (await storage.query('ruleEvents', { index: 'queue' })).records.map((r) => r.id);
      await deliver(crm, queued);
      const runs = (await storage.query('ruleRuns')).records.map((r) => r.id).sort();
      const clients = (await crm.clients.list()).items.map(({ name, statusId, stars: s, tags }) => ({ name, statusId, stars: s, tags }));
      const notes = (await storage.query('notes')).records.length;
      return { queued: queued.length, runs, clients, notes };
    };
    const inOrder = await run(async (crm) => crm.rules.drain());
    expect(inOrder.queued).to.equal(4 + 3);
    // Tag paid: three paid orders; First paid: i1 and i4 (i2 is Alza's second); Big: i2.
    expect(inOrder.runs).to.have.length(3 + 2 + 1);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 7, maxLength: 20 }), fc.boolean(), async (picks, concurrently) => {
        const scrambled = await run(async (crm, ids) => {
          // Every event at least once, some several times, in a shuffled order; maybe all at once.
          const order = [...ids, ...picks.slice(0, 5).map((n) => ids[n % ids.length]!)];
          for (let i = order.length - 1; i > 0; i--) {
            const j = picks[i % picks.length]! % (i + 1);
            [order[i], order[j]] = [order[j]!, order[i]!];
          }
          if (concurrently) await Promise.all(order.map((id) => crm.rules.deliver(id)));
          else for (const id of order) await crm.rules.deliver(id);
        });
        expect(scrambled).to.deep.equal(inOrder);
      }),
      { numRuns: 15 },
    );
  });

  it('stops chains at depth 3 and never re-enters a rule, saying so on the timeline', async () => {
    const crm = await openCrm();
    const { statuses, stars } = await withTemplates(crm);
    // Status → star → status → star …: each rule's change triggers the other.
    await enabled(crm, { name: 'Ping', trigger: 'client.status_changed', actions: [{ type: 'add_star', starId: stars['Red']! }] });
    await enabled(crm, { name: 'Pong', trigger: 'client.star_changed', actions: [{ type: 'set_status', statusId: statuses['VIP']! }, { type: 'remove_star', starId: stars['Red']! }] });
    const client = await crm.clients.create({ name: 'A' });
    await crm.clients.update(client.id, { statusId: statuses['Lead']! });
    await crm.rules.drain();
    const timeline = (await crm.activities.list(client.id)).items;
    const fired = timeline.filter((a) => a.type === 'rule_applied').map((a) => a.subject);
    expect(fired).to.have.members(['Ping', 'Pong']);
    const stopped = timeline.filter((a) => a.type === 'rule_chain_stopped');
    expect(stopped.length).to.be.greaterThan(0);
    expect(stopped.map((a) => (a.data as { reason: string }).reason)).to.include('reentry');
    // A chain of distinct rules stops at depth 3.
    const deep = await openCrm();
    const cat = await withTemplates(deep);
    await enabled(deep, { name: 'R1', trigger: 'client.created', actions: [{ type: 'set_status', statusId: cat.statuses['Lead']! }] });
    await enabled(deep, { name: 'R2', trigger: 'client.status_changed', conditions: { fact: 'client.status', op: 'in', value: [cat.statuses['Lead']!] }, actions: [{ type: 'add_star', starId: cat.stars['Red']! }] });
    await enabled(deep, { name: 'R3', trigger: 'client.star_changed', conditions: { fact: 'client.star', op: 'has', value: cat.stars['Red']! }, actions: [{ type: 'set_status', statusId: cat.statuses['VIP']! }] });
    await enabled(deep, { name: 'R4', trigger: 'client.status_changed', conditions: { fact: 'client.status', op: 'in', value: [cat.statuses['VIP']!] }, actions: [{ type: 'add_tag', tag: 'too deep' }] });
    const c = await deep.clients.create({ name: 'B' });
    await deep.rules.drain();
    const after = await deep.clients.get(c.id);
    expect(after).to.deep.include({ statusId: cat.statuses['VIP'], stars: [cat.stars['Red']], tags: [] });
    const stop = (await deep.activities.list(c.id)).items.find((a) => a.type === 'rule_chain_stopped')!;
    expect(stop.data).to.deep.include({ reason: 'depth' });
  });

  it('undoes what a firing did, as a whole', async () => {
    const crm = await openCrm();
    const { statuses } = await withTemplates(crm);
    await enabled(crm, { name: 'Welcome', trigger: 'order.created', actions: [{ type: 'set_status', statusId: statuses['VIP']! }, { type: 'add_tag', tag: 'new' }, { type: 'add_note', text: 'Say hello', priority: 'high' }, { type: 'create_task', title: 'Call', dueInDays: 2, assignee: 'eva' }] });
    const client = await crm.clients.create({ name: 'A', taxId: ALZA });
    await crm.orders.upsert(shopOrder({ id: 'u1', billing: billing() }));
    await crm.rules.drain();
    expect(await crm.clients.get(client.id)).to.deep.include({ statusId: statuses['VIP'], tags: ['new'] });
    expect(await crm.notes.list({ clientId: client.id })).to.have.length(1);
    expect(await crm.tasks.list({ clientId: client.id })).to.have.length(1);
    const entry = (await crm.activities.list(client.id)).items.find((a) => a.type === 'rule_applied')!;
    await crm.activities.undo(entry.id);
    const undone = await crm.clients.get(client.id);
    expect(undone.statusId).to.equal(undefined);
    expect(undone.tags).to.deep.equal([]);
    expect(await crm.notes.list({ clientId: client.id })).to.have.length(0);
    expect(await crm.tasks.list({ clientId: client.id })).to.have.length(0);
  });

  it('refuses to undo a firing whose old status has been deleted since', async () => {
    const crm = await openCrm();
    const { statuses } = await withTemplates(crm);
    await enabled(crm, { name: 'Promote', trigger: 'order.created', actions: [{ type: 'set_status', statusId: statuses['VIP']! }] });
    const client = await crm.clients.create({ name: 'A', taxId: ALZA, statusId: statuses['Lead']! });
    await crm.orders.upsert(shopOrder({ id: 'd1', billing: billing() }));
    await crm.rules.drain();
    await crm.statuses.delete(statuses['Lead']!);
    const entry = (await crm.activities.list(client.id)).items.find((a) => a.type === 'rule_applied')!;
    expect((await rejection(crm.activities.undo(entry.id))).code).to.equal('conflict');
    expect((await crm.clients.get(client.id)).statusId).to.equal(statuses['VIP']);
  });

  it('announces emit_event actions as rule.fired for the host', async () => {
    const crm = await openCrm();
    await enabled(crm, { name: 'Webhook', trigger: 'order.linked', actions: [{ type: 'emit_event', payload: { template: 'thank-you' } }] });
    const seen: CrmEvent[] = [];
    crm.on('rule.fired', (event) => seen.push(event));
    const client = await crm.clients.create({ name: 'A', taxId: ALZA });
    await crm.orders.upsert(shopOrder({ id: 'w1', billing: billing() }));
    await crm.rules.drain();
    expect(seen).to.have.length(1);
    expect(seen[0]).to.deep.include({ trigger: 'order.linked', clientId: client.id, orderId: 'w1', payload: { template: 'thank-you' } });
  });

  it('dry run: what matches, what would change and why; applying does exactly that', async () => {
    const crm = await openCrm();
    const { statuses } = await withTemplates(crm);
    const [a, k] = [await crm.clients.create({ name: 'Alza', taxId: ALZA }), await crm.clients.create({ name: 'Kovo', taxId: KOVO })];
    await crm.orders.upsert(shopOrder({ id: 'e1', billing: billing(ALZA), total: 200_000 }));
    await crm.orders.upsert(shopOrder({ id: 'e2', billing: billing(ALZA), total: 300_000 }));
    await crm.orders.upsert(shopOrder({ id: 'e3', billing: billing(KOVO), total: 1_000 }));
    const rule: RuleInput = {
      name: 'Big',
      trigger: 'order.created',
      conditions: { all: [{ fact: 'order.total', op: 'gte', value: 100_000, currency: 'CZK' }, { not: { fact: 'client.tag', op: 'has', value: 'vip' } }] },
      actions: [{ type: 'set_status', statusId: statuses['VIP']! }, { type: 'add_tag', tag: 'big' }],
    };
    const before = await crm.rules.dryRun(rule);
    expect(before).to.include({ evaluated: 3, matched: 2, clientsChanged: 1 });
    expect(before.matches.map((m) => [m.orderId, m.changes.map((c) => c.field)])).to.deep.equal([['e1', ['statusId', 'tags']], ['e2', []]]);
    // What staff know an order by.
    expect(before.matches.map((m) => m.orderNumber)).to.deep.equal(await Promise.all(['e1', 'e2'].map(async (id) => (await crm.orders.get(id)).number)));
    expect(before.matches[0]!.orderNumber).to.be.a('string');
    expect(before.misses).to.have.length(1);
    const miss = before.misses[0]!.explanation;
    expect(miss).to.deep.include({ combinator: 'all', matched: false });
    expect((miss as { parts: { matched: boolean; actual: unknown }[] }).parts[0]).to.deep.include({ matched: false, actual: 1_000 });
    const stored = await crm.rules.create(rule);
    expect(await crm.clients.get(a.id)).to.not.have.property('statusId');
    const report = await crm.rules.applyToExisting(stored.id);
    // Fired twice, changed one client: the second order's client was already as the rule wants, as the dry run said.
    expect(report).to.deep.equal({ evaluated: 3, fired: 2, alreadyFired: 0, clientsChanged: before.clientsChanged });
    expect(await crm.clients.get(a.id)).to.deep.include({ statusId: statuses['VIP'], tags: ['big'] });
    expect((await crm.clients.get(k.id)).tags).to.deep.equal([]);
    // Again: nothing left to do, and the dry run agrees.
    expect(await crm.rules.applyToExisting(stored.id)).to.deep.equal({ evaluated: 1, fired: 0, alreadyFired: 2, clientsChanged: 0 });
    expect(await crm.rules.dryRun(stored.id)).to.include({ evaluated: 1, alreadyFired: 2, matched: 0, clientsChanged: 0 });
  });

  it('applies a rule to existing orders without firing again for those it fired for live', async () => {
    const crm = await openCrm();
    await crm.clients.create({ name: 'Alza', taxId: ALZA });
    await crm.orders.upsert(shopOrder({ id: 'old', billing: billing(ALZA) }));
    const rule = await crm.rules.create({ name: 'Call back', trigger: 'order.created', conditions: { all: [] }, actions: [{ type: 'add_note', text: 'Call them back' }] });
    await crm.rules.enable(rule.id);
    await crm.orders.upsert(shopOrder({ id: 'live', billing: billing(ALZA) }));
    await crm.rules.drain();
    // The live order changed since its firing: it is still passed over.
    await crm.orders.upsert(shopOrder({ id: 'live', billing: billing(ALZA), total: 1 }));
    await crm.rules.drain();
    expect(await crm.rules.dryRun(rule.id)).to.include({ evaluated: 1, alreadyFired: 1, matched: 1 });
    expect(await crm.rules.applyToExisting(rule.id)).to.deep.equal({ evaluated: 1, fired: 1, alreadyFired: 1, clientsChanged: 0 });
    // One note from the live firing, one from applying to the old order: none twice.
    const notes = await crm.notes.list({ clientId: (await crm.clients.list()).items[0]!.id });
    expect(notes.map((note) => note.text)).to.deep.equal(['Call them back', 'Call them back']);
  });

  it('passes over what runs stored before runs named their subject fired for, live or applied; a daily rule over nothing', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage });
    const rule = await crm.rules.create({ name: 'Call', trigger: 'client.created', conditions: { all: [] }, actions: [{ type: 'create_task', title: 'Call them', dueInDays: 1 }] });
    await crm.rules.enable(rule.id);
    const live = await crm.clients.create({ name: 'Alza' });
    await crm.rules.drain();
    await crm.clients.create({ name: 'Kovo' });
    await crm.rules.disable(rule.id);
    const applied = await crm.clients.create({ name: 'ČEZ' });
    expect((await crm.rules.applyToExisting(rule.id)).fired).to.equal(1);
    // The runs as the previous release stored them: without `subjectId`; their event ids still name the clients.
    const runs = (await storage.query('ruleRuns', { limit: 100 })).records;
    expect(runs.map((run) => run['eventId']).some((id) => String(id).startsWith(`existing:${rule.id}:${applied.id}:`))).to.equal(true);
    await storage.write(runs.map((run) => {
      const { subjectId: _, ...old } = run as Record<string, unknown>;
      return { type: 'put' as const, collection: 'ruleRuns', record: old as typeof run };
    }));
    await crm.clients.update(live.id, { name: 'Alza a.s.' });
    expect(await crm.rules.applyToExisting(rule.id)).to.deep.equal({ evaluated: 0, fired: 0, alreadyFired: 3, clientsChanged: 0 });
    expect((await crm.tasks.list({ clientId: live.id })).map((task) => task.title)).to.deep.equal(['Call them']);

    // A daily rule fires again each day: applying it passes over nobody.
    const daily = await crm.rules.create({ name: 'Daily', trigger: 'schedule.daily', conditions: { all: [] }, actions: [{ type: 'add_tag', tag: 'seen' }] });
    expect(await crm.rules.applyToExisting(daily.id)).to.include({ evaluated: 3, alreadyFired: 0 });
    expect(await crm.rules.applyToExisting(daily.id)).to.include({ evaluated: 3, alreadyFired: 0 });
  });

  it('dry run equals applying, on random data and rules', async () => {
    const condition = fc.constantFrom<RuleInput['conditions']>(
      { fact: 'order.total', op: 'gte', value: 20_000, currency: 'CZK' },
      { fact: 'client.paidOrders', op: 'gte', value: 1 },
      { any: [{ fact: 'order.paymentState', op: 'in', value: ['paid'] }, { fact: 'client.tag', op: 'has', value: 'x' }] },
      { not: { fact: 'client.lifecycle', op: 'in', value: ['current'] } },
    );
    await fc.assert(
      fc.asyncProperty(condition, fc.constantFrom('order.created', 'order.paid', 'client.created'), fc.array(fc.record({ tax: fc.constantFrom(ALZA, KOVO), total: fc.integer({ min: 0, max: 40_000 }), paid: fc.boolean() }), { maxLength: 6 }), async (conditions, trigger, orders) => {
        const crm = await openCrm();
        await crm.clients.create({ name: 'A', taxId: ALZA });
        await crm.clients.create({ name: 'K', taxId: KOVO, tags: ['x'] });
        for (const [i, o] of orders.entries()) await crm.orders.upsert(shopOrder({ id: `f${i}`, billing: billing(o.tax), total: o.total, ...(o.paid ? { paymentState: 'paid' } : {}) }));
        const rule = await crm.rules.create({ name: 'R', trigger: trigger as 'order.created', conditions, actions: [{ type: 'add_tag', tag: 'hit' }, { type: 'set_temperature', temperature: 'warm' }] });
        const predicted = await crm.rules.dryRun(rule.id, { limit: 1000 });
        const expected = new Map<string, unknown[]>();
        for (const match of predicted.matches) if (match.changes.length) expected.set(match.clientId!, [...(expected.get(match.clientId!) ?? []), ...match.changes]);
        const before = new Map((await crm.clients.list()).items.map((c) => [c.id, c]));
        const report = await crm.rules.applyToExisting(rule.id);
        expect(report.fired).to.equal(predicted.matched);
        for (const client of (await crm.clients.list()).items) {
          const was = before.get(client.id)!;
          const changed = ['tags', 'temperature'].filter((f) => JSON.stringify(was[f as 'tags'] ?? null) !== JSON.stringify(client[f as 'tags'] ?? null));
          expect(changed.sort()).to.deep.equal(((expected.get(client.id) ?? []) as { field: string }[]).map((c) => c.field).sort());
        }
      }),
      { numRuns: 30 },
    );
  });

  it('keeps firing for a client undo brought back, whose versions start again', async () => {
    const crm = await openCrm({ rules: { autoRun: false } });
    const [lead, partner] = await crm.statuses.list();
    await enabled(crm, { name: 'Tag new', trigger: 'client.created', actions: [{ type: 'add_tag', tag: 'new' }] });
    await enabled(crm, { name: 'Seen', trigger: 'client.status_changed', actions: [{ type: 'add_tag', tag: 'seen' }] });
    const client = await crm.clients.create({ name: 'Alza' });
    await crm.clients.update(client.id, { statusId: lead!.id });
    // Deleted and brought back while its events still wait: the restored client raises its own.
    await crm.activities.undo((await crm.clients.delete(client.id)).id);
    await crm.rules.drain();
    await crm.clients.update(client.id, { tags: [], statusId: partner!.id });
    await crm.rules.drain();
    expect((await crm.clients.get(client.id)).tags).to.deep.equal(['seen']);
  });

  it('counts an import\'s orders one by one: a refund later in the chunk does not make an earlier order the first paid one', async () => {
    const crm = await openCrm();
    const { templates, statuses } = await withTemplates(crm);
    await enabled(crm, templates['first_paid_order_status']!.rule);
    const client = await crm.clients.create({ name: 'Alza', taxId: ALZA });
    await crm.orders.upsert(shopOrder({ id: 'o0', billing: billing(), paymentState: 'paid', createdAt: '2026-09-01T10:00:00Z' }));
    await crm.rules.drain();
    await crm.clients.update(client.id, { statusId: statuses['VIP']! });
    await crm.orders.import([
      shopOrder({ id: 'o1', billing: billing(), paymentState: 'paid', createdAt: '2026-10-01T10:00:00Z' }),
      shopOrder({ id: 'o0', billing: billing(), paymentState: 'refunded', createdAt: '2026-09-01T10:00:00Z' }),
    ]);
    await crm.rules.drain();
    const fired = (await crm.activities.list(client.id)).items.filter((a) => a.type === 'rule_applied').map((a) => a.orderId);
    expect(fired).to.deep.equal(['o0']);
    expect((await crm.clients.get(client.id)).statusId).to.equal(statuses['VIP']);
  });

  it('refuses bad rules with field paths, and members', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage });
    const noStatus = await rejection(crm.rules.create({ name: 'X', trigger: 'order.created', actions: [{ type: 'set_status', statusId: 'sts_gone' }] }));
    expect(noStatus.code).to.equal('validation');
    expect(noStatus.fields[0]!.path).to.deep.equal(['actions', 0, 'statusId']);
    const noActions = await rejection(crm.rules.create({ name: 'X', trigger: 'order.created', actions: [] }));
    expect(noActions.fields[0]!.path).to.deep.equal(['actions']);
    const badTrigger = await rejection(crm.rules.create({ name: 'X', trigger: 'order.exploded' as 'order.created', actions: [{ type: 'add_tag', tag: 't' }] }));
    expect(badTrigger.fields[0]!.path).to.deep.equal(['trigger']);
    const rule = await crm.rules.create({ name: 'X', trigger: 'order.created', actions: [{ type: 'add_tag', tag: 't' }] });
    expect((await rejection(crm.rules.update(rule.id, { name: 'Y' }, { expectedVersion: 7 }))).code).to.equal('conflict');
    const member = await openCrm({ storage, principal: { userId: 'jan', role: 'member' } });
    expect((await rejection(member.rules.create({ name: 'X', trigger: 'order.created', actions: [{ type: 'add_tag', tag: 't' }] }))).code).to.equal('forbidden');
    expect((await rejection(member.rules.applyToExisting(rule.id))).code).to.equal('forbidden');
  });
});
