import { expect } from 'chai';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import type { CrmEvent } from '../../src/index.ts';
import { openCrm, rejection, shopOrder, snapshot, steppingClock } from './fixtures.ts';

/** The clock starts at 2026-11-01T08:00:00Z and moves a second per reading. */
const day = (n: number, time = '09:00:00') => `2026-11-${String(n).padStart(2, '0')}T${time}Z`;

describe('tasks', () => {
  it('creates tasks on a client and on an order, with the creator as default assignee, on the timeline (A7, W6)', async () => {
    const crm = await openCrm({ principal: { userId: 'eva', role: 'admin' } });
    const events: CrmEvent[] = [];
    crm.on('*', (event) => events.push(event));
    const client = await crm.clients.create({ name: 'Alza', taxId: 'CZ27082440' });
    const order = await crm.orders.upsert(shopOrder());
    const onClient = await crm.tasks.create({ clientId: client.id, title: ' Send the price list ', due: '2026-11-05T10:00:00+01:00', note: 'PDF' });
    expect(onClient).to.include({ clientId: client.id, title: 'Send the price list', due: '2026-11-05T09:00:00.000Z', assignee: 'eva', createdBy: 'eva', done: false, note: 'PDF', version: 1 });
    expect(onClient.id).to.match(/^tsk_/);
    const onOrder = await crm.tasks.create({ orderId: order.id, title: 'Check the delivery', due: day(3), assignee: 'jan' });
    expect(onOrder).to.include({ orderId: order.id, assignee: 'jan' });
    expect(onOrder.clientId).to.equal(undefined);

    expect(events.filter((e) => e.type === 'task.created').map((e) => e.type === 'task.created' && e.task.id)).to.deep.equal([onClient.id, onOrder.id]);
    const timeline = (await crm.activities.list(client.id)).items.filter((a) => a.type === 'task_created');
    // The order task lands on the timeline of the client its order is linked to.
    expect(timeline.map((a) => [a.subject, a.orderId, (a.data as { taskId: string }).taskId])).to.deep.equal([
      ['Check the delivery', order.id, onOrder.id],
      ['Send the price list', undefined, onClient.id],
    ]);
    expect(await crm.tasks.get(onOrder.id)).to.deep.equal(onOrder);
  });

  it('refuses bad input with field paths and changes nothing', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage });
    const client = await crm.clients.create({ name: 'A' });
    const order = await crm.orders.upsert(shopOrder({ billing: { company: 'Nobody s.r.o.' } }));
    const before = await snapshot(storage);
    const paths = async (input: unknown) => (await rejection(crm.tasks.create(input as never))).fields.map((f) => f.path.join('.'));
    expect(await paths({ title: 'x', due: day(2) })).to.deep.equal(['clientId']);
    expect(await paths({ clientId: client.id, orderId: order.id, title: 'x', due: day(2) })).to.deep.equal(['orderId']);
    expect(await paths({ clientId: client.id, title: '  ', due: day(2) })).to.deep.equal(['title']);
    expect(await paths({ clientId: client.id, title: 'x', due: '2026-11-02' })).to.deep.equal(['due']);
    expect(await paths({ clientId: client.id, title: 'x', due: day(2), priority: 'high' })).to.deep.equal(['']);
    expect((await rejection(crm.tasks.create({ clientId: 'cli_nobody', title: 'x', due: day(2) }))).code).to.equal('not_found');
    expect((await rejection(crm.tasks.create({ orderId: 'nope', title: 'x', due: day(2) }))).code).to.equal('not_found');
    expect((await rejection(crm.tasks.list({}))).fields[0]!.path).to.deep.equal(['filter']);
    expect((await rejection(crm.tasks.list({ clientId: client.id, assignee: 'eva' }))).fields[0]!.path).to.deep.equal(['filter']);
    expect((await rejection(crm.tasks.due('tomorrow'))).fields[0]!.path).to.deep.equal(['at']);
    expect(await snapshot(storage)).to.equal(before);
  });

  it('lists what is due by a time, open only, the overdue first and flagged', async () => {
    const crm = await openCrm({ clock: steppingClock('2026-11-10T12:00:00Z') });
    const client = await crm.clients.create({ name: 'A' });
    const order = await crm.orders.upsert(shopOrder({ billing: { company: 'Nobody s.r.o.' } }));
    const make = (title: string, due: string, assignee = 'eva') => crm.tasks.create({ clientId: client.id, title, due, assignee });
    await make('next week', day(17));
    await make('tomorrow', day(11));
    await make('last week', day(3), 'jan');
    const done = await make('done long ago', day(1));
    await crm.tasks.complete(done.id);
    await make('this morning', day(10, '08:00:00'));
    await crm.tasks.create({ orderId: order.id, title: 'order, yesterday', due: day(9) });

    const due = await crm.tasks.due();
    expect(due.map((t) => [t.title, t.overdue])).to.deep.equal([['last week', true], ['order, yesterday', true], ['this morning', true]]);
    const byTomorrow = await crm.tasks.due('2026-11-11T23:59:59+01:00');
    expect(byTomorrow.map((t) => [t.title, t.overdue])).to.deep.equal([['last week', true], ['order, yesterday', true], ['this morning', true], ['tomorrow', false]]);
    expect((await crm.tasks.due(day(30), { assignee: 'eva', limit: 2 })).map((t) => t.title)).to.deep.equal(['this morning', 'tomorrow']);
  });

  it('reschedules, reassigns and retitles with versions; completes and reopens', async () => {
    const crm = await openCrm();
    const events: CrmEvent[] = [];
    crm.on('*', (event) => events.push(event));
    const client = await crm.clients.create({ name: 'A' });
    const task = await crm.tasks.create({ clientId: client.id, title: 'Call', due: day(5), note: 'about prices' });
    const moved = await crm.tasks.update(task.id, { due: day(6), assignee: 'jan', title: 'Call back', note: null }, { expectedVersion: 1 });
    expect(moved).to.include({ due: day(6).replace('Z', '.000Z'), assignee: 'jan', title: 'Call back', version: 2 });
    expect(moved).not.to.have.property('note');
    const stale = await rejection(crm.tasks.update(task.id, { title: 'lost' }, { expectedVersion: 1 }));
    expect(stale.code).to.equal('conflict');
    expect(stale.current).to.deep.equal(moved);

    const done = await crm.tasks.complete(task.id);
    expect(done).to.include({ done: true, completedBy: 'system', version: 3 });
    expect(done.completedAt).to.be.a('string');
    expect(await crm.tasks.complete(task.id)).to.deep.equal(done);
    expect(await crm.tasks.due(day(30))).to.deep.equal([]);
    const open = await crm.tasks.reopen(task.id);
    expect(open).to.include({ done: false, version: 4 });
    expect(open).not.to.have.property('completedAt');
    expect((await crm.tasks.due(day(30))).map((t) => t.id)).to.deep.equal([task.id]);

    expect(events.filter((e) => e.type.startsWith('task.')).map((e) => e.type)).to.deep.equal(['task.created', 'task.updated', 'task.completed', 'task.updated']);
    const timeline = (await crm.activities.list(client.id)).items.map((a) => a.type).filter((t) => t.startsWith('task_'));
    expect(timeline).to.deep.equal(['task_reopened', 'task_completed', 'task_created']);
  });

  it('lists a client\'s, an order\'s or an assignee\'s tasks, open first, by due time', async () => {
    const crm = await openCrm();
    const client = await crm.clients.create({ name: 'A' });
    const order = await crm.orders.upsert(shopOrder({ billing: { company: 'Nobody s.r.o.' } }));
    const late = await crm.tasks.create({ clientId: client.id, title: 'late', due: day(9), assignee: 'eva' });
    await crm.tasks.create({ clientId: client.id, title: 'early', due: day(2), assignee: 'jan' });
    const finished = await crm.tasks.create({ clientId: client.id, title: 'finished', due: day(1), assignee: 'eva' });
    await crm.tasks.complete(finished.id);
    await crm.tasks.create({ orderId: order.id, title: 'on the order', due: day(4), assignee: 'eva' });
    expect((await crm.tasks.list({ clientId: client.id })).map((t) => t.title)).to.deep.equal(['early', 'late', 'finished']);
    expect((await crm.tasks.list({ clientId: client.id, done: true })).map((t) => t.title)).to.deep.equal(['finished']);
    expect((await crm.tasks.list({ orderId: order.id })).map((t) => t.title)).to.deep.equal(['on the order']);
    expect((await crm.tasks.list({ assignee: 'eva', done: false })).map((t) => t.title)).to.deep.equal(['on the order', 'late']);
    await crm.tasks.delete(late.id);
    expect((await crm.tasks.list({ assignee: 'eva' })).map((t) => t.title)).to.deep.equal(['on the order', 'finished']);
  });

  it('deletes a task with an undoable timeline entry; a task on an unlinked order has none', async () => {
    const crm = await openCrm();
    const deleted: string[] = [];
    crm.on('task.deleted', ({ task }) => deleted.push(task.id));
    const client = await crm.clients.create({ name: 'A' });
    const task = await crm.tasks.create({ clientId: client.id, title: 'Call', due: day(5) });
    expect((await rejection(crm.tasks.delete(task.id, { expectedVersion: 7 }))).code).to.equal('conflict');
    const entry = (await crm.tasks.delete(task.id))!;
    expect(entry).to.include({ type: 'task_deleted', undoable: true, subject: 'Call', clientId: client.id });
    expect(deleted).to.deep.equal([task.id]);
    expect((await rejection(crm.tasks.get(task.id))).code).to.equal('not_found');
    await crm.activities.undo(entry.id);
    expect(await crm.tasks.get(task.id)).to.include({ title: 'Call', version: 1 });

    const order = await crm.orders.upsert(shopOrder({ billing: { company: 'Nobody s.r.o.' } }));
    const onOrder = await crm.tasks.create({ orderId: order.id, title: 'Pack', due: day(5) });
    expect(await crm.tasks.delete(onOrder.id)).to.equal(null);
    expect(await crm.tasks.list({ orderId: order.id })).to.deep.equal([]);
  });

  it('goes with its client: deleted with it (and back on undo), moved to the kept client on a merge', async () => {
    const crm = await openCrm();
    const a = await crm.clients.create({ name: 'A' });
    const b = await crm.clients.create({ name: 'B' });
    const onA = await crm.tasks.create({ clientId: a.id, title: 'A task', due: day(2) });
    const onB = await crm.tasks.create({ clientId: b.id, title: 'B task', due: day(3) });

    const deletion = await crm.clients.delete(a.id);
    expect(await crm.tasks.due(day(30))).to.have.length(1);
    expect((await rejection(crm.tasks.get(onA.id))).code).to.equal('not_found');
    await crm.activities.undo(deletion.id);
    expect((await crm.tasks.list({ clientId: a.id })).map((t) => t.id)).to.deep.equal([onA.id]);

    const kept = await crm.clients.merge(a.id, b.id);
    expect((await crm.tasks.list({ clientId: kept.id })).map((t) => t.id)).to.deep.equal([onA.id, onB.id]);
    const merge = (await crm.activities.list(kept.id)).items.find((x) => x.type === 'clients_merged')!;
    await crm.activities.undo(merge.id);
    expect((await crm.tasks.list({ clientId: b.id })).map((t) => t.id)).to.deep.equal([onB.id]);
  });

  it('undoes a task\'s delete onto the client a merge moved its timeline to', async () => {
    const crm = await openCrm();
    const keep = await crm.clients.create({ name: 'A' });
    const merged = await crm.clients.create({ name: 'B' });
    const task = await crm.tasks.create({ clientId: merged.id, title: 'Call', due: '2026-11-20T09:00:00Z' });
    const entry = (await crm.tasks.delete(task.id))!;
    await crm.clients.merge(keep.id, merged.id);
    await crm.activities.undo(entry.id);
    expect((await crm.tasks.list({ clientId: keep.id })).map((t) => t.title)).to.deep.equal(['Call']);
  });

  it('shows a member only the tasks of clients they own and of unlinked orders (W7)', async () => {
    const storage = memoryAdapter();
    const admin = await openCrm({ storage, principal: { userId: 'boss', role: 'admin' } });
    const eva = await openCrm({ storage, principal: { userId: 'eva', role: 'member' } });
    const hers = await admin.clients.create({ name: 'Hers', owner: 'eva' });
    const other = await admin.clients.create({ name: 'Other', owner: 'jan', taxId: 'CZ27082440' });
    const linked = await admin.orders.upsert(shopOrder()); // auto-linked to Other by tax ID
    expect(linked.clientId).to.equal(other.id);
    const free = await admin.orders.upsert(shopOrder({ billing: { company: 'Nobody s.r.o.' } }));
    await admin.tasks.create({ clientId: hers.id, title: 'hers', due: day(2), assignee: 'eva' });
    const secret = await admin.tasks.create({ clientId: other.id, title: 'secret', due: day(2), assignee: 'eva' });
    const secretOnOrder = await admin.tasks.create({ orderId: linked.id, title: 'secret order', due: day(2), assignee: 'eva' });
    await admin.tasks.create({ orderId: free.id, title: 'free order', due: day(2), assignee: 'eva' });

    expect((await eva.tasks.due(day(30))).map((t) => t.title)).to.have.members(['hers', 'free order']);
    expect((await eva.tasks.list({ assignee: 'eva' })).map((t) => t.title)).to.have.members(['hers', 'free order']);
    expect((await admin.tasks.list({ assignee: 'eva' }))).to.have.length(4);
    expect((await rejection(eva.tasks.get(secret.id))).code).to.equal('forbidden');
    expect((await rejection(eva.tasks.get(secretOnOrder.id))).code).to.equal('forbidden');
    expect((await rejection(eva.tasks.complete(secret.id))).code).to.equal('forbidden');
    expect((await rejection(eva.tasks.list({ clientId: other.id }))).code).to.equal('forbidden');
    expect((await rejection(eva.tasks.list({ orderId: linked.id }))).code).to.equal('forbidden');
    expect((await rejection(eva.tasks.create({ orderId: linked.id, title: 'x', due: day(2) }))).code).to.equal('forbidden');
  });
});

describe('next-order reminder (K11)', () => {
  it('surfaces on the timeline and in the event when the client\'s next order links, in one write', async () => {
    const crm = await openCrm();
    const reminders: (string | undefined)[] = [];
    crm.on('order.linked', ({ reminder }) => reminders.push(reminder));
    const client = await crm.clients.create({ name: 'Alza', taxId: 'CZ27082440', nextOrderReminder: 'Offer the 2027 price list' });
    const plain = await crm.clients.create({ name: 'Plain' });
    const order = await crm.orders.upsert(shopOrder());
    expect(order.clientId).to.equal(client.id);
    expect(reminders).to.deep.equal(['Offer the 2027 price list']);
    const [surfaced, linked] = (await crm.activities.list(client.id)).items;
    expect(linked).to.include({ type: 'order_linked', orderId: order.id });
    expect(surfaced).to.include({ type: 'reminder_surfaced', orderId: order.id, text: 'Offer the 2027 price list', undoable: false });

    const other = await crm.orders.upsert(shopOrder({ billing: { company: 'Nobody s.r.o.' } }));
    await crm.orders.link(other.id, plain.id);
    expect(reminders).to.deep.equal(['Offer the 2027 price list', undefined]);
    expect((await crm.activities.list(plain.id)).items.map((a) => a.type)).not.to.include('reminder_surfaced');
  });
});
