import { expect } from 'chai';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import type { Crm, CrmEventMap } from '../../src/index.ts';
import { openCrm, rejection, snapshot } from './fixtures.ts';

const salesInput = { name: 'Sales', stages: [{ name: 'Lead' }, { name: 'Offer', color: '#ffb300' }, { name: 'Negotiation' }, { name: 'Won' }] };

async function salesWorld(crm?: Crm) {
  crm ??= await openCrm();
  const sales = await crm.pipelines.create(salesInput);
  const [lead, offer, negotiation, won] = sales.stages.map((stage) => stage.id) as [string, string, string, string];
  return { crm, sales, lead, offer, negotiation, won };
}

const stageHistory = async (crm: Crm, clientId: string) =>
  (await crm.activities.list(clientId)).items.filter((a) => a.type === 'stage_changed').map((a) => a.data).reverse();

describe('pipelines', () => {
  it('creates several pipelines with ordered custom stages, and refuses bad ones', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage });
    const changes: string[] = [];
    crm.on('pipelines.changed', ({ pipeline, change }) => changes.push(`${change} ${pipeline.name}`));
    const { sales } = await salesWorld(crm);
    const renewals = await crm.pipelines.create({ name: 'Renewals', stages: [{ name: 'Due' }, { name: 'Renewed' }] });
    expect(sales.id).to.match(/^pip_/);
    expect(sales.stages.map((s) => s.name)).to.deep.equal(['Lead', 'Offer', 'Negotiation', 'Won']);
    expect(sales.stages[1]).to.include({ color: '#ffb300' });
    expect(sales.stages.every((s) => s.id.startsWith('stg_'))).to.equal(true);
    expect((await crm.pipelines.list()).map((p) => p.name)).to.deep.equal(['Sales', 'Renewals']);
    expect(await crm.pipelines.get(renewals.id)).to.deep.equal(renewals);
    expect(changes).to.deep.equal(['created Sales', 'created Renewals']);

    const before = await snapshot(storage);
    const paths = async (input: unknown) => (await rejection(crm.pipelines.create(input as never))).fields.map((f) => f.path.join('.'));
    expect(await paths({ name: 'Empty', stages: [] })).to.deep.equal(['stages']);
    expect(await paths({ name: ' ', stages: [{ name: 'A' }] })).to.deep.equal(['name']);
    expect(await paths({ name: 'Twice', stages: [{ name: 'A' }, { name: 'a' }] })).to.deep.equal(['stages.1.name']);
    expect(await paths({ name: 'Colour', stages: [{ name: 'A', color: 'red' }] })).to.deep.equal(['stages.0.color']);
    expect((await rejection(crm.pipelines.get('pip_nobody'))).code).to.equal('not_found');
    expect(await snapshot(storage)).to.equal(before);
  });

  it('places clients, moves them freely, one stage per pipeline, in several pipelines; history on the timeline', async () => {
    const { crm, sales, lead, offer, won } = await salesWorld();
    const renewals = await crm.pipelines.create({ name: 'Renewals', stages: [{ name: 'Due' }] });
    const events: CrmEventMap['pipeline.stage_changed'][] = [];
    crm.on('pipeline.stage_changed', (event) => events.push(event));
    const client = await crm.clients.create({ name: 'Alza' });

    const placed = await crm.pipelines.place(client.id, sales.id, lead);
    expect(placed).to.include({ id: `${sales.id}:${client.id}`, pipelineId: sales.id, clientId: client.id, stageId: lead, version: 1 });
    const moved = await crm.pipelines.move(client.id, sales.id, won, { expectedVersion: 1 });
    expect(moved).to.include({ stageId: won, placedAt: placed.placedAt, version: 2 });
    expect(moved.enteredAt > placed.enteredAt).to.equal(true);
    expect((await rejection(crm.pipelines.move(client.id, sales.id, offer, { expectedVersion: 1 }))).code).to.equal('conflict');
    // Backwards too, and `place` moves a client already in the pipeline.
    await crm.pipelines.place(client.id, sales.id, offer);
    await crm.pipelines.place(client.id, renewals.id, renewals.stages[0]!.id);
    expect((await crm.pipelines.placements(client.id)).map((p) => [p.pipelineId, p.stageId])).to.have.deep.members([[sales.id, offer], [renewals.id, renewals.stages[0]!.id]]);

    // The same stage again changes nothing.
    expect(await crm.pipelines.place(client.id, sales.id, offer)).to.include({ version: 3 });
    await crm.pipelines.remove(client.id, sales.id);
    expect((await rejection(crm.pipelines.move(client.id, sales.id, lead))).code).to.equal('not_found');
    expect((await rejection(crm.pipelines.remove(client.id, sales.id))).code).to.equal('not_found');
    expect((await rejection(crm.pipelines.place(client.id, sales.id, renewals.stages[0]!.id))).code).to.equal('not_found');

    expect(await stageHistory(crm, client.id)).to.deep.equal([
      { pipelineId: sales.id, from: null, to: lead, toName: 'Lead' },
      { pipelineId: sales.id, from: lead, to: won, fromName: 'Lead', toName: 'Won' },
      { pipelineId: sales.id, from: won, to: offer, fromName: 'Won', toName: 'Offer' },
      { pipelineId: renewals.id, from: null, to: renewals.stages[0]!.id, toName: 'Due' },
      { pipelineId: sales.id, from: offer, to: null, fromName: 'Offer' },
    ]);
    expect(events.map((e) => [e.from, e.to])).to.deep.equal([[null, lead], [lead, won], [won, offer], [null, renewals.stages[0]!.id], [offer, null]]);
  });

  it('undoes a stage change like a status change, and refuses when the client moved since', async () => {
    const { crm, sales, lead, offer, won } = await salesWorld();
    const client = await crm.clients.create({ name: 'Alza' });
    await crm.pipelines.place(client.id, sales.id, lead);
    await crm.pipelines.move(client.id, sales.id, offer);
    const [toOffer, entered] = (await crm.activities.list(client.id)).items.filter((a) => a.type === 'stage_changed');
    expect(toOffer).to.include({ undoable: true, subject: 'Sales' });
    await crm.activities.undo(toOffer!.id);
    expect((await crm.pipelines.placements(client.id))[0]).to.include({ stageId: lead });
    // Undoing the entry into the pipeline takes the client out of it.
    await crm.activities.undo(entered!.id);
    expect(await crm.pipelines.placements(client.id)).to.deep.equal([]);

    await crm.pipelines.place(client.id, sales.id, lead);
    await crm.pipelines.move(client.id, sales.id, offer);
    const step = (await crm.activities.list(client.id)).items.find((a) => a.type === 'stage_changed')!;
    await crm.pipelines.move(client.id, sales.id, won);
    expect((await rejection(crm.activities.undo(step.id))).code).to.equal('conflict');
  });

  it('lists a stage\'s or a pipeline\'s clients a page at a time, and counts them', async () => {
    const { crm, sales, lead, offer } = await salesWorld();
    const clients = [];
    for (const name of ['A', 'B', 'C', 'D', 'E']) clients.push(await crm.clients.create({ name }));
    for (const client of clients) await crm.pipelines.place(client.id, sales.id, lead);
    await crm.pipelines.move(clients[1]!.id, sales.id, offer);

    const first = await crm.pipelines.clients(sales.id, lead, { limit: 2 });
    const rest = await crm.pipelines.clients(sales.id, lead, { limit: 2, cursor: first.cursor! });
    const last = await crm.pipelines.clients(sales.id, lead, { limit: 2, cursor: rest.cursor! });
    expect([...first.items, ...rest.items, ...last.items].map(({ client }) => client.name)).to.deep.equal(['A', 'C', 'D', 'E']);
    expect(last.cursor).to.equal(undefined);
    // Across the pipeline: by when they entered their stage.
    expect((await crm.pipelines.clients(sales.id)).items.map(({ client, placement }) => [client.name, placement.stageId])).to.deep.equal([
      ['A', lead], ['C', lead], ['D', lead], ['E', lead], ['B', offer],
    ]);
    expect((await crm.pipelines.stats(sales.id)).stages.map((s) => s.count)).to.deep.equal([4, 1, 0, 0]);
    expect((await rejection(crm.pipelines.clients(sales.id, 'stg_nowhere'))).code).to.equal('not_found');
  });

  it('derives per-stage conversion from the stage history', async () => {
    const { crm, sales, lead, offer, negotiation, won } = await salesWorld();
    const make = async (name: string, path: string[]) => {
      const client = await crm.clients.create({ name });
      for (const stage of path) await crm.pipelines.place(client.id, sales.id, stage);
      return client;
    };
    await make('straight through', [lead, offer, negotiation, won]);
    await make('skipped to won', [lead, won]);
    await make('stuck at offer', [lead, offer]);
    await make('back and stuck', [lead, offer, lead]);
    await make('placed at negotiation', [negotiation]);
    const undone = await make('undone advance', [lead, offer]);
    const advance = (await crm.activities.list(undone.id)).items.find((a) => a.type === 'stage_changed')!;
    await crm.activities.undo(advance.id);

    const stats = await crm.pipelines.stats(sales.id);
    expect(stats.clients).to.equal(6);
    expect(stats.stages.map(({ name, count, entered, advanced, reachedLast }) => ({ name, count, entered, advanced, reachedLast }))).to.deep.equal([
      { name: 'Lead', count: 2, entered: 5, advanced: 4, reachedLast: 2 },
      { name: 'Offer', count: 1, entered: 3, advanced: 1, reachedLast: 1 },
      { name: 'Negotiation', count: 1, entered: 2, advanced: 1, reachedLast: 1 },
      { name: 'Won', count: 2, entered: 2, advanced: 0, reachedLast: 0 },
    ]);
    expect(stats.stages.map((s) => s.conversion)).to.deep.equal([4 / 5, 1 / 3, 1 / 2, null]);
    expect(stats.stages.map((s) => s.conversionToLast)).to.deep.equal([2 / 5, 1 / 3, 1 / 2, null]);
  });

  it('follows a client\'s moves in order even when they share a timestamp', async () => {
    // A frozen clock: every move happens in the same millisecond.
    const { crm, sales, lead, offer, won } = await salesWorld(await openCrm({ clock: () => new Date('2026-11-01T08:00:00Z') }));
    for (let i = 0; i < 4; i++) {
      const client = await crm.clients.create({ name: `C${i}` });
      for (const stage of [lead, offer, won]) await crm.pipelines.place(client.id, sales.id, stage);
    }
    const stats = await crm.pipelines.stats(sales.id);
    expect(stats.stages.map((s) => [s.entered, s.advanced])).to.deep.equal([[4, 4], [4, 4], [0, 0], [4, 0]]);
  });

  it('renames, adds, reorders and removes stages; removing one that holds clients needs a target', async () => {
    const storage = memoryAdapter();
    const { crm, sales, lead, offer, negotiation, won } = await salesWorld(await openCrm({ storage }));
    const client = await crm.clients.create({ name: 'Alza' });
    await crm.pipelines.place(client.id, sales.id, offer);

    const before = await snapshot(storage);
    const refusal = await rejection(crm.pipelines.update(sales.id, { stages: [{ id: lead, name: 'Lead' }, { id: won, name: 'Won' }] }));
    expect(refusal.code).to.equal('validation');
    expect(refusal.fields.map((f) => f.path)).to.deep.equal([['moveClientsTo', offer]]);
    const stale = await rejection(crm.pipelines.update(sales.id, { name: 'Old' }, { expectedVersion: 0 }));
    expect(stale.code).to.equal('conflict');
    expect((await rejection(crm.pipelines.update(sales.id, { stages: [{ id: lead, name: 'A' }, { id: lead, name: 'B' }] }))).fields[0]!.path).to.deep.equal(['stages', 1, 'id']);
    expect((await rejection(crm.pipelines.update(sales.id, { stages: [{ id: 'stg_elsewhere', name: 'A' }] }))).fields[0]!.path).to.deep.equal(['stages', 0, 'id']);
    expect(
      (await rejection(crm.pipelines.update(sales.id, { stages: [{ id: lead, name: 'Lead' }] }, { moveClientsTo: { [offer]: negotiation } }))).fields[0]!.path,
    ).to.deep.equal(['moveClientsTo', offer]);
    expect(await snapshot(storage)).to.equal(before);

    const updated = await crm.pipelines.update(
      sales.id,
      { name: 'B2B sales', stages: [{ id: won, name: 'Closed', color: '#66bb6a' }, { name: 'Meeting' }, { id: lead, name: 'Lead' }] },
      { expectedVersion: sales.version, moveClientsTo: { [offer]: lead } },
    );
    expect(updated.name).to.equal('B2B sales');
    expect(updated.stages.map((s) => s.name)).to.deep.equal(['Closed', 'Meeting', 'Lead']);
    expect(updated.stages[0]).to.deep.equal({ id: won, name: 'Closed', color: '#66bb6a' });
    expect((await crm.pipelines.placements(client.id))[0]).to.include({ stageId: lead });
    const moved = (await crm.activities.list(client.id)).items.find((a) => a.type === 'stage_changed')!;
    // The stage it came from is gone: history only.
    expect(moved).to.include({ undoable: false });
    // The names as they were: the stage left is gone, and stays readable in the history.
    expect(moved.data).to.deep.equal({ pipelineId: sales.id, from: offer, to: lead, fromName: 'Offer', toName: 'Lead' });

    // `null` takes the clients of a removed stage out of the pipeline.
    await crm.pipelines.update(sales.id, { stages: [{ id: won, name: 'Closed' }] }, { moveClientsTo: { [lead]: null } });
    expect(await crm.pipelines.placements(client.id)).to.deep.equal([]);
  });

  it('deletes a pipeline only with removePlacements when it holds clients', async () => {
    const storage = memoryAdapter();
    const { crm, sales, lead } = await salesWorld(await openCrm({ storage }));
    const client = await crm.clients.create({ name: 'Alza' });
    await crm.pipelines.place(client.id, sales.id, lead);
    const before = await snapshot(storage);
    const refusal = await rejection(crm.pipelines.delete(sales.id));
    expect(refusal.fields[0]!.path).to.deep.equal(['removePlacements']);
    // The option is named as it is spelled, to copy from the message.
    expect(refusal.message).to.match(/^Pipeline Sales holds \d client\(s\): pass removePlacements: true/);
    expect(await snapshot(storage)).to.equal(before);
    await crm.pipelines.delete(sales.id, { removePlacements: true });
    expect(await crm.pipelines.list()).to.deep.equal([]);
    expect(await crm.pipelines.placements(client.id)).to.deep.equal([]);
    expect(await stageHistory(crm, client.id)).to.deep.equal([
      { pipelineId: sales.id, from: null, to: lead, toName: 'Lead' },
      { pipelineId: sales.id, from: lead, to: null, fromName: 'Lead' },
    ]);
    const empty = await crm.pipelines.create({ name: 'Empty', stages: [{ name: 'Only' }] });
    await crm.pipelines.delete(empty.id);
    expect((await rejection(crm.pipelines.get(empty.id))).code).to.equal('not_found');
  });

  it('a deleted client leaves its pipelines and comes back into them on undo', async () => {
    const { crm, sales, offer } = await salesWorld();
    const client = await crm.clients.create({ name: 'Alza' });
    await crm.pipelines.place(client.id, sales.id, offer);
    const deletion = await crm.clients.delete(client.id);
    expect((await crm.pipelines.stats(sales.id)).clients).to.equal(0);
    expect((await crm.pipelines.clients(sales.id)).items).to.deep.equal([]);
    await crm.activities.undo(deletion.id);
    expect((await crm.pipelines.clients(sales.id)).items.map(({ client: c, placement }) => [c.id, placement.stageId])).to.deep.equal([[client.id, offer]]);
  });

  it('a merge gives the kept client the merged one\'s places, keeps its own, and undo splits them again', async () => {
    const { crm, sales, lead, offer } = await salesWorld();
    const renewals = await crm.pipelines.create({ name: 'Renewals', stages: [{ name: 'Due' }] });
    const due = renewals.stages[0]!.id;
    const keep = await crm.clients.create({ name: 'Keep' });
    const gone = await crm.clients.create({ name: 'Gone' });
    await crm.pipelines.place(keep.id, sales.id, lead);
    await crm.pipelines.place(gone.id, sales.id, offer);
    await crm.pipelines.place(gone.id, renewals.id, due);

    await crm.clients.merge(keep.id, gone.id);
    const where = async (clientId: string) => (await crm.pipelines.placements(clientId)).map((p) => [p.pipelineId, p.stageId, p.id]).sort();
    expect(await where(keep.id)).to.deep.equal([[renewals.id, due, `${renewals.id}:${keep.id}`], [sales.id, lead, `${sales.id}:${keep.id}`]].sort());
    expect((await crm.pipelines.stats(sales.id)).clients).to.equal(1);

    const merge = (await crm.activities.list(keep.id)).items.find((a) => a.type === 'clients_merged')!;
    await crm.activities.undo(merge.id);
    expect(await where(keep.id)).to.deep.equal([[sales.id, lead, `${sales.id}:${keep.id}`]]);
    expect(await where(gone.id)).to.deep.equal([[renewals.id, due, `${renewals.id}:${gone.id}`], [sales.id, offer, `${sales.id}:${gone.id}`]].sort());
  });

  it('after a merge, the merged client\'s moves in a pipeline where the kept client stays are history, not undoable', async () => {
    const { crm, sales, lead } = await salesWorld();
    const keep = await crm.clients.create({ name: 'Alza' });
    const dup = await crm.clients.create({ name: 'Alza dup' });
    await crm.pipelines.place(keep.id, sales.id, lead);
    await crm.pipelines.place(dup.id, sales.id, lead);
    await crm.clients.merge(keep.id, dup.id);
    const entries = (await crm.activities.list(keep.id)).items.filter((a) => a.type === 'stage_changed');
    expect(entries.map((a) => a.undoable)).to.have.members([true, false]);
    // The kept client's own entry still undoes; the merged one's cannot take the kept client out.
    expect((await crm.pipelines.placements(keep.id)).map((p) => p.stageId)).to.deep.equal([lead]);
    const merge = (await crm.activities.list(keep.id)).items.find((a) => a.type === 'clients_merged')!;
    await crm.activities.undo(merge.id);
    expect((await crm.pipelines.placements(dup.id)).map((p) => p.stageId)).to.deep.equal([lead]);
  });

  it('shows a member only the clients they own, in lists, counts and conversion (W7)', async () => {
    const storage = memoryAdapter();
    const admin = await openCrm({ storage, principal: { userId: 'boss', role: 'admin' } });
    const eva = await openCrm({ storage, principal: { userId: 'eva', role: 'member' } });
    const { sales, lead, offer } = await salesWorld(admin);
    const hers = await admin.clients.create({ name: 'Hers', owner: 'eva' });
    const other = await admin.clients.create({ name: 'Other', owner: 'jan' });
    for (const client of [hers, other]) await admin.pipelines.place(client.id, sales.id, lead);
    await admin.pipelines.move(other.id, sales.id, offer);

    expect((await eva.pipelines.clients(sales.id)).items.map(({ client }) => client.name)).to.deep.equal(['Hers']);
    expect((await eva.pipelines.clients(sales.id, offer)).items).to.deep.equal([]);
    const stats = await eva.pipelines.stats(sales.id);
    expect(stats.stages.map((s) => [s.count, s.entered, s.advanced])).to.deep.equal([[1, 1, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    expect((await admin.pipelines.stats(sales.id)).stages.map((s) => [s.count, s.entered, s.advanced])).to.deep.equal([[1, 2, 1], [1, 1, 0], [0, 0, 0], [0, 0, 0]]);
    expect((await rejection(eva.pipelines.place(other.id, sales.id, lead))).code).to.equal('forbidden');
    expect((await rejection(eva.pipelines.placements(other.id))).code).to.equal('forbidden');
    // Reshaping a pipeline moves every owner's clients: admins only.
    expect((await rejection(eva.pipelines.delete(sales.id, { removePlacements: true }))).code).to.equal('forbidden');
    expect((await rejection(eva.pipelines.update(sales.id, { name: 'Mine' }))).code).to.equal('forbidden');
    expect((await rejection(eva.pipelines.create({ name: 'Mine', stages: [{ name: 'A' }] }))).code).to.equal('forbidden');
    expect((await admin.pipelines.stats(sales.id)).clients).to.equal(2);
  });
});

