// Robustness (from the issue): "no input to any public write throws anything but `CrmError` and a
// rejected write changes nothing"; "`isCrmError(e)` guards it. Nothing else is ever thrown from a
// public method."
//
// Every property below calls public methods of a CRM that already holds data (clients with and
// without tax IDs, auto-linked, hand-linked, unlinked and unlinked-by-hand orders, notes, undoable
// and already-undone timeline entries, a deleted and a merged-away client) with a mix of
//   (a) random values of any shape (`fc.anything`, symbols, functions, boxed values, prototype keys…),
//   (b) valid inputs and near-valid ones: a valid input with one field, anywhere in it, set to a
//       wrong type, an out-of-range number, a bad tax ID, e-mail or date, removed, or an unknown key
//       (`__proto__` and `constructor` included) added,
//   (c) ids: existing ones, ones that used to exist, unknown but well-formed ones, malformed ones,
// and checks that each call either resolves or rejects with a `CrmError` of a documented code
// (`validation` with non-empty, well-formed `fields`), that a rejected call left every stored record
// as it was and emitted no event, and that reads never write.
//
// `storage` and `quota` are not accepted here: the memory store cannot fail, and `guard` turns any
// unexpected exception (a TypeError from a bug) into a `storage` CrmError, so accepting that code
// would let exactly the bugs this file hunts for pass.
import { expect } from 'chai';
import fc from 'fast-check';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import {
  clientCsvExportFields,
  encodeCursor,
  idPrefixes,
  isCrmError,
  type Crm,
  type CrmErrorCode,
  type CrmEvent,
  type IdGenerator,
  type StorageAdapter,
  writeCsv,
} from '../../src/index.ts';
import { openCrm, shopOrder, snapshot } from './fixtures.ts';

/** The codes a call may reject with, against a healthy in-memory store (see the top of the file). */
const expectedCodes: readonly CrmErrorCode[] = ['validation', 'not_found', 'conflict', 'duplicate', 'forbidden'];

const writes = [
  'clients.create',
  'clients.update',
  'clients.delete',
  'clients.setStatus',
  'clients.createFromOrder',
  'clients.merge',
  'clients.importCsv',
  'orders.upsert',
  'orders.import',
  'orders.link',
  'orders.unlink',
  'orders.applyClientBilling',
  'notes.add',
  'notes.update',
  'notes.delete',
  'activities.add',
  'activities.undo',
  'statuses.create',
  'statuses.update',
  'statuses.delete',
  'statuses.reorder',
  'stars.create',
  'stars.update',
  'stars.delete',
  'stars.reorder',
  'settings.update',
  'sampleData.insert',
  'sampleData.remove',
  'tasks.create',
  'tasks.update',
  'tasks.complete',
  'tasks.reopen',
  'tasks.delete',
  'pipelines.create',
  'pipelines.update',
  'pipelines.delete',
  'pipelines.place',
  'pipelines.move',
  'pipelines.remove',
  'rules.create',
  'rules.update',
  'rules.delete',
  'rules.enable',
  'rules.disable',
  'rules.applyToExisting',
  'rules.runDaily',
  'rules.drain',
  'rules.deliver',
] as const;
const reads = [
  'clients.get',
  'clients.list',
  'clients.search',
  'clients.count',
  'clients.findDuplicates',
  'clients.exportCsv',
  'orders.get',
  'orders.list',
  'orders.search',
  'notes.list',
  'activities.list',
  'statuses.list',
  'stars.list',
  'sampleData.has',
  'analytics.client',
  'analytics.team',
  'rules.list',
  'rules.get',
  'rules.templates',
  'rules.dryRun',
  'tasks.get',
  'tasks.list',
  'tasks.due',
  'pipelines.list',
  'pipelines.get',
  'pipelines.placements',
  'pipelines.clients',
  'pipelines.stats',
] as const;
/** Synchronous helpers that take no stored-data input: not part of these properties. */
const notCovered = ['clients.label', 'settings.get'];

type Write = (typeof writes)[number];
type Read = (typeof reads)[number];
type Call = Write | Read;
interface Op {
  call: Call;
  args: unknown[];
}

// ---------------------------------------------------------------------------------------------
// The world: a CRM with data, the storage under it, and the events it emitted.

interface World {
  crm: Crm;
  storage: StorageAdapter;
  events: CrmEvent[];
}

/** The ids a fresh world holds; the same in every world, since its ids and clock are deterministic. */
interface Pools {
  /** Live clients. */
  clients: string[];
  /** A deleted and a merged-away client. */
  goneClients: string[];
  orders: string[];
  notes: string[];
  activities: string[];
  statuses: string[];
  stars: string[];
  tasks: string[];
  pipelines: string[];
  stages: string[];
  rules: string[];
  /** Cursors of real pages (clients, orders, activities). */
  cursors: string[];
}

/** Ids `cli_t1`, `sts_t2`, …: deterministic, so every world has the same ones. */
function countingIds(): IdGenerator {
  let n = 0;
  return (kind) => `${idPrefixes[kind]}_t${++n}`;
}

async function openWorld(): Promise<{ world: World; pools: Pools }> {
  const storage = memoryAdapter();
  // Rules run when `rules.drain` or `rules.deliver` is called, not in the background while a later call (a read) is checked.
  const crm = await openCrm({ storage, ids: countingIds(), rules: { autoRun: false } });
  const [lead, newPartner, regular, vip] = await crm.statuses.list();
  const [red, yellow, green] = await crm.stars.list();
  await crm.settings.update({ autoCreateClients: true, defaultStatusId: newPartner!.id });
  const dormant = await crm.statuses.create({ name: 'Dormant', group: 'Other', color: '#607d8b' });
  const purple = await crm.stars.create({ name: 'Purple', color: '#8e24aa' });

  const alza = await crm.clients.create({
    name: 'Alza.cz a.s.',
    taxId: 'CZ27082440',
    statusId: vip!.id,
    stars: [red!.id],
    emails: ['nakup@alza.cz'],
    contacts: [{ name: 'Jana Nováková', email: 'jana@alza.cz', phone: '+420 601 000 111' }],
    nextOrderReminder: 'Offer the 2027 price list',
    customFields: { segment: 'retail', credit: 50_000 },
  });
  const kovo = await crm.clients.create({ name: 'Kovo Brno s.r.o.', statusId: lead!.id, tags: ['metal'], accountCode: 'kovo' });
  const person = await crm.clients.create({ kind: 'person', name: 'Petr Svoboda', phones: ['+420 601 123 456'], stars: [red!.id, yellow!.id] });

  const order = (id: string, overrides: Parameters<typeof shopOrder>[0]) => crm.orders.upsert(shopOrder({ id, number: `N-${id}`, ...overrides }));
  await order('O-auto', { billing: { company: 'ALZA', taxId: 'CZ 270 82 440', email: 'nakup@alza.cz' } }); // auto-linked to Alza
  await order('O-free', { billing: { company: 'Kovo Brno s.r.o.', email: 'x@kovo.cz' } }); // unlinked, no tax ID
  await order('O-hand', { accountCode: 'buyer-7', billing: { name: 'Eva Malá', phone: '+420 777 000 000' } });
  await crm.orders.link('O-hand', kovo.id); // linked by hand: teaches account:buyer-7
  await crm.orders.applyClientBilling('O-hand', kovo.id); // billing_replaced, undoable
  await order('O-created', { billing: { company: 'Nová firma s.r.o.', taxId: 'CZ27082415' } }); // auto-creates a client
  await order('O-badtax', { billing: { company: 'Překlep a.s.', taxId: 'CZ27082441' } }); // kept unverified, unlinked
  await order('O-unlinked', { billing: { company: 'Alza', taxId: 'CZ27082440' } });
  await crm.orders.unlink('O-unlinked'); // unlinked by hand; creating a client from it is a duplicate
  await order('O-person', { billing: { name: 'Petr Svoboda', phone: '+420 601 123 456' }, delivery: { city: 'Brno', name: 'Petr' } });
  await order('__proto__', { billing: { company: 'Prototyp s.r.o.' } }); // an order id is the shop's: any text

  await crm.notes.add({ clientId: alza.id }, { text: 'Pays late: ask for prepayment', priority: 'high' });
  await crm.notes.add({ orderId: 'O-free' }, { text: 'Deliver before 10 am', visibility: 'private' });
  await crm.notes.add({ clientId: kovo.id }, { text: 'Prefers e-mail' });
  await crm.activities.add(alza.id, { type: 'call', subject: 'Price list', orderId: 'O-auto' });

  await crm.clients.setStatus([kovo.id, person.id], regular!.id); // one batch, undoable as a whole
  await crm.clients.update(person.id, { stars: [yellow!.id, green!.id] }); // stars_changed, undoable
  const gone = await crm.clients.create({ name: 'Zrušená s.r.o.', taxId: 'CZ27082423' });
  await crm.clients.delete(gone.id); // client_deleted, undoable
  const twinA = await crm.clients.create({ name: 'Twin s.r.o.', emails: ['a@twin.cz'], stars: [purple.id] });
  const twinB = await crm.clients.create({ name: 'Twin s.r.o.', emails: ['b@twin.cz'], taxId: 'CZ27082458', statusId: dormant.id });
  await crm.notes.add({ clientId: twinB.id }, { text: 'Twin B note' });
  await crm.clients.merge(twinA.id, twinB.id); // clients_merged, undoable
  const changed = await crm.clients.update(alza.id, { temperature: 'hot', statusId: dormant.id });
  const statusChange = (await crm.activities.list(changed.id)).items.find((a) => a.type === 'status_changed')!;
  await crm.activities.undo(statusChange.id); // undone: undoing it again is a conflict

  const sales = await crm.pipelines.create({ name: 'Sales', stages: [{ name: 'Lead' }, { name: 'Offer', color: '#ffb300' }, { name: 'Won' }] });
  const [entry, offer] = sales.stages;
  const renewals = await crm.pipelines.create({ name: 'Renewals', stages: [{ name: 'Due' }] });
  await crm.pipelines.place(alza.id, sales.id, entry!.id);
  await crm.pipelines.move(alza.id, sales.id, offer!.id); // stage_changed, undoable
  await crm.pipelines.place(kovo.id, sales.id, entry!.id);
  await crm.pipelines.place(kovo.id, renewals.id, renewals.stages[0]!.id);
  await crm.tasks.create({ clientId: alza.id, title: 'Send the price list', due: '2026-11-05T09:00:00Z', assignee: 'eva' });
  await crm.tasks.create({ orderId: 'O-free', title: 'Check the delivery', due: '2026-10-20T09:00:00Z', note: 'Gate B' }); // on an unlinked order
  const finished = await crm.tasks.create({ clientId: kovo.id, title: 'Call back', due: '2026-10-01T09:00:00Z' });
  await crm.tasks.complete(finished.id);
  const dropped = await crm.tasks.create({ orderId: 'O-auto', title: 'Dropped', due: '2026-11-09T09:00:00Z' });
  await crm.tasks.delete(dropped.id); // task_deleted, undoable
  const [firstPaid, bigOrder] = await crm.rules.templates();
  await crm.rules.enable((await crm.rules.create(firstPaid!.rule)).id);
  await crm.rules.create(bigOrder!.rule);

  const all = async (collection: string) => (await storage.query(collection)).records.map((r) => r.id);
  const cursors = [
    (await crm.clients.list({ limit: 1 })).cursor,
    (await crm.clients.list({ limit: 2, sort: { by: 'name', direction: 'desc' } })).cursor,
    (await crm.orders.list({ limit: 1 })).cursor,
    (await crm.activities.list(alza.id, { limit: 1 })).cursor,
    (await crm.pipelines.clients(sales.id, undefined, { limit: 1 })).cursor,
  ].filter((c) => c !== undefined);
  const pools: Pools = {
    clients: await all('clients'),
    goneClients: [gone.id, twinB.id],
    orders: await all('orders'),
    notes: await all('notes'),
    activities: await all('activities'),
    statuses: await all('statuses'),
    stars: await all('starKinds'),
    tasks: [...(await all('tasks')), dropped.id],
    pipelines: await all('pipelines'),
    stages: [...sales.stages, ...renewals.stages].map((stage) => stage.id),
    rules: await all('rules'),
    cursors,
  };
  const events: CrmEvent[] = [];
  crm.on('*', (event) => events.push(event));
  return { world: { crm, storage, events }, pools };
}

// ---------------------------------------------------------------------------------------------
// Checking one call.

function show(value: unknown): string {
  if (value instanceof Error) {
    const cause = (value as { cause?: unknown }).cause;
    return `${value.name}: ${value.message}\n${value.stack ?? ''}${cause === undefined ? '' : `\ncaused by ${show(cause)}`}`;
  }
  return fc.stringify(value);
}

function expectCrmError(error: unknown, op: Op): void {
  const what = `${op.call}(${op.args.map((a) => fc.stringify(a)).join(', ')})`;
  if (!isCrmError(error)) expect.fail(`${what} rejected with something that is not a CrmError: ${show(error)}`);
  expect(error, what).to.be.instanceOf(Error);
  expect(error.message, what).to.be.a('string');
  if (!expectedCodes.includes(error.code)) expect.fail(`${what} rejected with code ${error.code}: ${show(error)}`);
  if (error.code === 'validation') {
    expect(error.fields, `${what}: validation fields`).to.be.an('array').that.is.not.empty;
    for (const field of error.fields) {
      expect(field.path, `${what}: ${JSON.stringify(field)}`).to.be.an('array');
      for (const step of field.path) expect(['string', 'number'], `${what}: path ${JSON.stringify(field.path)}`).to.include(typeof step);
      expect(field.message, `${what}: ${JSON.stringify(field)}`).to.be.a('string').that.is.not.empty;
    }
  }
}

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayPrototypeKeys = Object.getOwnPropertyNames(Array.prototype).sort();

function invoke(crm: Crm, op: Op): unknown {
  const [service, method] = op.call.split('.') as [string, string];
  const fn = (crm as unknown as Record<string, Record<string, (...args: unknown[]) => unknown>>)[service]![method]!;
  return fn(...op.args);
}

/**
 * Runs one call on `world` and checks the contract. Returns whether the stored data is as it was
 * (always, for a rejected call or a read; maybe, for a resolved write).
 */
async function check(world: World, op: Op): Promise<boolean> {
  const before = await snapshot(world.storage);
  world.events.length = 0;
  let returned: unknown;
  try {
    returned = invoke(world.crm, op);
  } catch (error) {
    expect.fail(`${op.call} threw synchronously instead of returning a promise: ${show(error)}`);
  }
  expect(returned, `${op.call} returns a promise`).to.be.instanceOf(Promise);
  let rejected = false;
  try {
    await returned;
  } catch (error) {
    rejected = true;
    expectCrmError(error, op);
  }
  const after = await snapshot(world.storage);
  expect(Object.getOwnPropertyNames(Object.prototype).sort(), 'Object.prototype untouched').to.deep.equal(prototypeKeys);
  expect(Object.getOwnPropertyNames(Array.prototype).sort(), 'Array.prototype untouched').to.deep.equal(arrayPrototypeKeys);
  const isRead = (reads as readonly string[]).includes(op.call);
  if ((rejected || isRead) && after !== before) {
    const [was, is] = [JSON.parse(before) as Record<string, unknown>, JSON.parse(after) as Record<string, unknown>];
    const changed = Object.keys(is).filter((collection) => JSON.stringify(was[collection]) !== JSON.stringify(is[collection]));
    expect.fail(`${op.call} ${rejected ? 'rejected' : 'is a read'} but changed stored data in ${changed.join(', ')}`);
  }
  if (rejected || isRead) {
    expect(world.events.map((e) => e.type), `${op.call} ${rejected ? 'rejected' : 'is a read'} but emitted events`).to.deep.equal([]);
  }
  return after === before;
}

/**
 * A fresh world per run, except that a world a run left unchanged (every rejected call and read
 * is checked to leave it so) is reused: world setup is most of the cost of a run.
 */
function worlds(template: string) {
  let current: World | undefined;
  return async (run: (world: World) => Promise<boolean>) => {
    const world = current ?? (await fresh(template));
    current = undefined;
    if (await run(world)) current = world;
  };
}

async function fresh(template: string): Promise<World> {
  const { world } = await openWorld();
  expect(await snapshot(world.storage), 'worlds are deterministic').to.equal(template);
  return world;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

const protoKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'toJSON'];
const fieldKeys = ['id', 'name', 'version', 'clientId', 'orderId', 'type', 'billing', 'taxId', 'statusId', 'stars', 'text', 'expectedVersion', 'replacementId', 'filter', 'cursor', 'limit', 'sort'];
const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...protoKeys, ...fieldKeys));

/** Own `__proto__`/`constructor` keys, as `JSON.parse` of a request body makes them. */
const polluting = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('{"__proto__":null}'),
  JSON.parse('{"name":"x","__proto__":{"name":"y"}}'),
  JSON.parse('[{"__proto__":{"polluted":true}}]'),
);

const oddities = fc.constantFrom<unknown>(
  undefined, null, NaN, Infinity, -Infinity, -0, 0, 1.5, 2 ** 53, -1, 10n,
  '', ' ', '\u0000', '\ud800', 'x'.repeat(201), '%', 'null', 'undefined', '{}',
  true, false, [], {}, [[]], [undefined], new Array(3),
  Symbol('kartoteka'), () => 'fn', new Date(NaN), new Date(0), Object.create(null),
  new Map([['name', 'x']]), new Set(['x']), /re/, new Error('boom'), new Uint8Array(2),
  new String('cli_t1'), new Number(1), Object.freeze({ name: 'frozen' }),
);

/** (a): values of any shape. */
const garbage = fc.oneof(
  { weight: 6, arbitrary: fc.anything({ key, maxDepth: 3, maxKeys: 5, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withSparseArray: true, withTypedArray: true }) },
  { weight: 3, arbitrary: oddities },
  { weight: 1, arbitrary: polluting },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.maxSafeInteger()) },
);

/** Typed mistakes a form or a shop integration makes. */
const mistakes = fc.constantFrom<unknown>(
  -1, 0, 101, 100.5, 1.5, 1e21, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -0, '1', '12.5',
  '', '   ', 'x'.repeat(101), 'x'.repeat(201), 'x'.repeat(2001), 'x'.repeat(10_001),
  'CZ27082441', 'CZ1', 'CZ', 'DE123456789', '12345678901234567890123456789012345678901', // bad tax IDs
  'not-an-email', 'a@', '@b.cz', 'a b@c.cz', // bad e-mails
  '2026-13-45T09:00:00Z', '2026-02-30T10:00:00Z', '2026-10-15', '2026-10-15T09:00:00', 'yesterday', '2026-10-15T09:00:00+25:00', // bad dates
  'czk', 'EURO', '#zzzzzz', 'red', 'cs_CZ', 'CZE', 'urgent', 'public', 'VIP', 'client_deleted',
  'cli_unknown', 'sts_unknown', 'str_unknown', 'not_unknown', 'act_unknown',
  true, null, undefined, [], {}, [null], ['x'], [{}],
);

const malformedId = fc.oneof(
  fc.constantFrom('', ' ', 'cli_', 'cli_é', 'cli___proto__', `cli_${'a'.repeat(61)}`, 'CLI_t1', ' cli_t1', 'cli_t1 ', 'cli_t1\n', 'cli-t1', 'x'.repeat(101), 'sts_t1 ', '\u0000'),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const unknownId = fc.oneof(
  fc.stringMatching(/^(cli|not|act|sts|str|bat|tsk|pip|stg)_[A-Za-z0-9]{1,12}$/),
  fc.constantFrom('O-unknown', 'constructor', 'toString', 'hasOwnProperty', 'cli_constructor', 'cli_proto'),
);

/** One field of a valid object, anywhere in it, made wrong. */
interface Mutation {
  target: number;
  field: number;
  kind: 'set' | 'delete' | 'add';
  key: string;
  value: unknown;
}

const isContainer = (value: unknown): value is Record<string, unknown> =>
  Array.isArray(value) || (typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value)));

/** Copies plain objects and arrays (own keys such as `__proto__` included); other values stay shared. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return Array.from(value, copy);
  if (!isContainer(value)) return value;
  const result = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) Object.defineProperty(result, k, { value: copy(v), enumerable: true, writable: true, configurable: true });
  return result;
}

function applyMutation(valid: unknown, m: Mutation): unknown {
  const copied = copy(valid);
  const containers: Record<string, unknown>[] = [];
  const collect = (value: unknown) => {
    if (!isContainer(value)) return;
    containers.push(value);
    for (const child of Object.values(value)) collect(child);
  };
  collect(copied);
  const target = containers[m.target % containers.length];
  if (target === undefined) return m.value; // a scalar: replace it
  const keys = Object.keys(target);
  // JSON has no named keys on arrays: an added key goes into an object, or the array gets an element.
  const added = Array.isArray(target) ? String(target.length) : m.key;
  const field = m.kind === 'add' || !keys.length ? added : keys[m.field % keys.length]!;
  if (m.kind === 'delete') delete target[field];
  else Object.defineProperty(target, field, { value: m.value, enumerable: true, writable: true, configurable: true });
  return copied;
}

function arbitraries(pools: Pools) {
  const allIds = [...pools.clients, ...pools.goneClients, ...pools.orders, ...pools.notes, ...pools.activities, ...pools.statuses, ...pools.stars, ...pools.tasks, ...pools.pipelines, ...pools.stages];
  /** (c): an id for a parameter of one kind: mostly existing ones, sometimes any other. */
  const id = (pool: string[]) =>
    fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...pool) },
      { weight: 2, arbitrary: fc.constantFrom(...allIds) },
      { weight: 2, arbitrary: unknownId },
      { weight: 2, arbitrary: malformedId },
      { weight: 1, arbitrary: garbage },
    );
  /** An existing id, as a valid input refers to (mutations bring in the others). */
  const ref = (pool: string[]) => fc.constantFrom(...pool);
  const clientRef = ref(pools.clients);
  const orderRef = ref(pools.orders);
  const statusRef = ref(pools.statuses);
  const starRef = ref(pools.stars);
  const clientId = id([...pools.clients, ...pools.goneClients]);
  const orderId = id(pools.orders);
  const noteId = id(pools.notes);
  const activityId = id(pools.activities);
  const statusId = id(pools.statuses);
  const starId = id(pools.stars);
  const taskId = id(pools.tasks);
  const pipelineId = id(pools.pipelines);
  const stageId = id(pools.stages);
  const stageRef = ref(pools.stages);
  const value = fc.oneof({ weight: 3, arbitrary: mistakes }, { weight: 2, arbitrary: garbage }, { weight: 1, arbitrary: fc.constantFrom(...allIds) }, { weight: 1, arbitrary: unknownId });
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    target: fc.nat(),
    field: fc.nat(),
    kind: fc.constantFrom('set', 'set', 'delete', 'add'),
    key,
    value,
  });
  /** (b): a valid input, or the same made wrong in one place. */
  const nearly = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
    fc.oneof(valid, fc.tuple(valid, mutation).map(([v, m]) => applyMutation(v, m)), fc.tuple(valid, mutation, mutation).map(([v, a, b]) => applyMutation(applyMutation(v, a), b)));
  const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

  const text = (max: number) =>
    fc.oneof(fc.string({ minLength: 1, maxLength: Math.min(max, 30) }), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 })).filter((t) => t.trim() !== '');
  const name = fc.oneof(fc.constantFrom('Alza.cz a.s.', 'Kovo Brno s.r.o.', 'ŠKODA AUTO a.s.', 'Petr Svoboda', 'Twin s.r.o.', 'ALZA'), text(200));
  // Valid tax IDs, some of them already taken (Alza's, the auto-created client's, the merged twin's, the deleted client's).
  const ruleId = id(pools.rules);
  const ruleInput = fc.record({
    name,
    enabled: fc.boolean(),
    priority: fc.integer({ min: -5, max: 5 }),
    trigger: fc.constantFrom('order.created', 'order.paid', 'client.status_changed', 'schedule.daily'),
    conditions: fc.constantFrom(
      { fact: 'client.paidOrders', op: 'eq', value: 1 },
      { all: [{ fact: 'order.total', op: 'gte', value: 1000, currency: 'CZK' }, { not: { fact: 'client.tag', op: 'has', value: 'x' } }] },
      { any: [{ fact: 'client.daysSinceLastOrder', op: 'gte', value: 90 }, { fact: 'client.overdue', value: true }] },
    ),
    actions: fc.array(fc.oneof(statusRef.map((statusId) => ({ type: 'set_status', statusId })), starRef.map((starId) => ({ type: 'add_star', starId })), fc.constant({ type: 'add_tag', tag: 'Rule' }), fc.constant({ type: 'create_task', title: 'Call', dueInDays: 3 })), { minLength: 1, maxLength: 3 }),
  }, { requiredKeys: ['name', 'trigger', 'actions'] });
  const taxId = fc.constantFrom('CZ27082440', 'CZ 270 82 440', '27082440', 'CZ27082415', 'CZ27082423', 'CZ27082458', 'CZ27082466', 'CZ27082474', 'SK2020317068', 'CHE-123.456.788', '');
  /** What a shop may send: anything up to 40 characters is kept, unverified when it fails its checksum. */
  const shopTaxId = fc.oneof(taxId, fc.constantFrom('CZ27082441', 'DE123456789', 'CZ', '   ', 'x'.repeat(40)), fc.string({ maxLength: 40 }));
  const email = fc.oneof(fc.constantFrom('nakup@alza.cz', 'a@twin.cz'), fc.stringMatching(/^[a-z0-9]{1,8}(\.[a-z0-9]{1,5})?@[a-z0-9]{1,8}\.(cz|com)$/));
  const phone = fc.oneof(fc.constantFrom('+420 601 123 456', '601123456', '(02) 123-456'), fc.stringMatching(/^\+?[0-9]{3,12}$/));
  const date = fc.oneof(
    fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom('2026-10-15T09:00:00Z', '2026-10-15T09:00:00+02:00', '2026-11-01T08:00:00.123Z'),
  );
  const money = fc.oneof(fc.integer(), fc.maxSafeInteger());
  const currency = fc.constantFrom('CZK', 'EUR', 'USD');
  const color = fc.oneof(fc.constantFrom('#e53935', '#000000', '#FFFFFF'), fc.stringMatching(/^#[0-9a-fA-F]{6}$/));
  const address = fc.record(
    { label: text(100), street: text(200), city: text(100), postalCode: text(20), region: text(100), country: fc.constantFrom('CZ', 'SK', 'DE') },
    { requiredKeys: [] },
  );
  const customFields = fc.dictionary(fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom(...protoKeys)), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 3 });
  const writeOptions = fc.oneof(
    fc.constant(undefined),
    fc.constant({}),
    fc.record({ expectedVersion: fc.integer({ min: 0, max: 5 }) }),
    nearly(fc.record({ expectedVersion: fc.integer({ min: 1, max: 3 }) })),
  );
  const cursor = fc.oneof(
    fc.constantFrom(...pools.cursors),
    fc.tuple(fc.oneof(fc.integer(), fc.string(), fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 })), fc.string()).map(([k, i]) => encodeCursor(k, i)),
    fc.constantFrom('%', '%E0%A4%A', 'W10', encodeURIComponent('[null,"x"]'), encodeURIComponent('[1]'), encodeURIComponent('[[1,[]],1]')),
    fc.string({ maxLength: 20 }),
  );

  const clientFields = {
    kind: fc.constantFrom('company', 'person'),
    name,
    taxId,
    vatId: taxId,
    contacts: fc.array(fc.record({ name, role: text(100), email, phone }, { requiredKeys: ['name'] }), { maxLength: 2 }),
    emails: fc.array(email, { maxLength: 2 }),
    phones: fc.array(phone, { maxLength: 2 }),
    deliveryAddresses: fc.array(address, { maxLength: 2 }),
    billingAddress: address,
    stars: fc.array(starRef, { maxLength: 3 }),
    statusId: statusRef,
    lifecycle: fc.constantFrom('current', 'potential'),
    temperature: fc.constantFrom('hot', 'warm', 'cold', 'not_interested'),
    discountPercent: fc.double({ min: 0, max: 100, noNaN: true }),
    discountClass: fc.integer({ min: 1, max: 99 }),
    currency,
    language: fc.constantFrom('cs', 'en-GB', 'de'),
    owner: fc.constantFrom('system', 'alice'),
    accountCode: fc.constantFrom('kovo', 'buyer-7', 'new-buyer'),
    externalLinks: fc.array(fc.record({ integration: text(100), accountId: text(200) }), { maxLength: 2 }),
    tags: fc.array(text(50), { maxLength: 3 }),
    customFields,
    nextOrderReminder: fc.string({ maxLength: 40 }),
    note: fc.string({ maxLength: 40 }),
  };
  const clearable = ['taxId', 'vatId', 'billingAddress', 'statusId', 'temperature', 'discountPercent', 'discountClass', 'currency', 'language', 'owner', 'accountCode', 'nextOrderReminder', 'note'];
  const clientInput = fc.record(clientFields, { requiredKeys: ['name'] });
  const clientPatch = fc.record(
    Object.fromEntries(Object.entries(clientFields).map(([k, arb]) => [k, clearable.includes(k) ? fc.option(arb as fc.Arbitrary<unknown>, { nil: null }) : arb])),
    { requiredKeys: [] },
  );

  const billing = fc.record({ company: name, name, taxId: shopTaxId, vatId: shopTaxId, email, phone, address }, { requiredKeys: ['company'] });
  const orderInput = fc.record(
    {
      id: fc.oneof(orderRef, fc.string({ minLength: 1, maxLength: 12 }).map((s) => `N-${s}`)),
      number: text(100),
      channel: fc.constantFrom('eshop', 'b2b-portal'),
      accountCode: fc.constantFrom('kovo', 'buyer-7', 'new-buyer'),
      delivery: fc.record({ name, company: name, city: text(100), country: fc.constantFrom('CZ', 'SK') }, { requiredKeys: [] }),
      items: fc.array(
        fc.record({ sku: text(100), name, quantity: fc.double({ min: 0.001, max: 1000, noNaN: true }), unitPrice: money, discount: money }, { requiredKeys: ['name', 'quantity', 'unitPrice'] }),
        { maxLength: 2 },
      ),
      currency,
      total: money,
      subtotal: money,
      shipping: money,
      tax: money,
      status: text(100),
      paymentState: fc.constantFrom('unpaid', 'partially_paid', 'paid', 'refunded'),
      documents: fc.array(fc.record({ kind: fc.constantFrom('receipt', 'invoice', 'credit_note'), number: text(100), issuedAt: date }), { maxLength: 2 }),
      notes: fc.record({ customer: fc.string(), shopPublic: fc.string(), shopPrivate: fc.string() }, { requiredKeys: [] }),
      couponCode: text(100),
      createdAt: date,
      billing,
    },
    { requiredKeys: ['id', 'currency', 'total', 'createdAt', 'billing'] },
  );

  const noteTarget = fc.oneof(fc.record({ clientId: clientRef }), fc.record({ orderId: orderRef }), fc.record({ clientId }), fc.record({ orderId }));
  const noteFields = { text: fc.oneof(fc.constantFrom('Call back', 'Pays late'), fc.string({ minLength: 1, maxLength: 40 })), priority: fc.constantFrom('high', 'medium', 'none'), visibility: fc.constantFrom('private', 'shared') };
  const activityInput = fc.record(
    { type: fc.constantFrom('call', 'meeting', 'email', 'letter'), subject: text(200), text: fc.string({ maxLength: 40 }), at: date, orderId: fc.oneof(orderRef, orderId) },
    { requiredKeys: ['type'] },
  );
  const statusFields = { name: text(100), group: text(100), color, position: fc.integer({ min: -5, max: 20 }) };
  const starFields = { name: text(100), color, position: fc.integer({ min: -5, max: 20 }) };
  const deleteOptions = (ref: fc.Arbitrary<unknown>) =>
    fc.oneof(fc.constant(undefined), nearly(fc.record({ replacementId: fc.oneof(ref, fc.constant(null)), expectedVersion: fc.integer({ min: 1, max: 3 }) }, { requiredKeys: [] })));
  const settingsPatch = fc.record(
    { autoCreateClients: fc.boolean(), defaultStatusId: fc.oneof(statusRef, fc.constant(null)), defaultCountry: fc.constantFrom('CZ', 'SK', 'DE', null) },
    { requiredKeys: [] },
  );
  const clientListOptions = fc.record(
    {
      filter: fc.record(
        { statusId: statusRef, statusGroup: fc.constantFrom('Partners', 'Key accounts', 'None'), star: starRef, lifecycle: fc.constantFrom('current', 'potential'), temperature: fc.constantFrom('hot', 'cold'), owner: fc.constantFrom('system', 'alice'), tag: fc.constantFrom('metal', 'x'), taxId: shopTaxId },
        { requiredKeys: [] },
      ),
      sort: fc.record({ by: fc.constantFrom('number', 'name', 'createdAt', 'updatedAt'), direction: opt(fc.constantFrom('asc', 'desc')) }),
      limit: fc.integer({ min: 1, max: 1000 }),
      cursor,
    },
    { requiredKeys: [] },
  );
  const orderListOptions = fc.record(
    { clientId: clientRef, taxId: shopTaxId, accountCode: fc.constantFrom('kovo', 'buyer-7'), linked: fc.boolean(), from: date, to: date, direction: fc.constantFrom('asc', 'desc'), limit: fc.integer({ min: 1, max: 1000 }), cursor },
    { requiredKeys: [] },
  );

  const taskFields = {
    title: fc.oneof(fc.constantFrom('Call back', 'Send the offer'), text(200)),
    due: date,
    assignee: fc.oneof(fc.constantFrom('system', 'eva'), text(100)),
    note: fc.string({ maxLength: 40 }),
  };
  const taskInput = fc.oneof(
    fc.record({ clientId: fc.oneof(clientRef, clientId), ...taskFields }, { requiredKeys: ['clientId', 'title', 'due'] }),
    fc.record({ orderId: fc.oneof(orderRef, orderId), ...taskFields }, { requiredKeys: ['orderId', 'title', 'due'] }),
  );
  const taskPatch = fc.record({ ...taskFields, note: fc.option(taskFields.note, { nil: null }) }, { requiredKeys: [] });
  const taskFilter = fc.oneof(
    fc.record({ clientId: fc.oneof(clientRef, clientId), done: fc.boolean() }, { requiredKeys: ['clientId'] }),
    fc.record({ orderId: fc.oneof(orderRef, orderId), done: fc.boolean() }, { requiredKeys: ['orderId'] }),
    fc.record({ assignee: taskFields.assignee, done: fc.boolean() }, { requiredKeys: ['assignee'] }),
  );
  const stageInput = fc.record({ name: text(100), color }, { requiredKeys: ['name'] });
  const pipelineInput = fc.record({ name: text(100), stages: fc.array(stageInput, { minLength: 1, maxLength: 4 }) });
  const pipelinePatch = fc.record(
    { name: text(100), stages: fc.array(fc.record({ id: stageRef, name: text(100), color }, { requiredKeys: ['name'] }), { minLength: 1, maxLength: 4 }) },
    { requiredKeys: [] },
  );
  const pipelineUpdateOptions = fc.oneof(
    writeOptions,
    nearly(fc.record({ expectedVersion: fc.integer({ min: 1, max: 3 }), moveClientsTo: fc.dictionary(stageRef, fc.oneof(stageRef, fc.constant(null)), { maxKeys: 2 }) }, { requiredKeys: [] })),
  );
  const csvHeader = ['Firma', 'IČO', 'DIČ', 'E-mail', 'Telefon', 'Stav', 'Hvězdy', 'Město', 'Stát', 'Segment'];
  const csvCell = fc.oneof(
    { weight: 3, arbitrary: fc.oneof(name, taxId, email, phone, fc.constantFrom('VIP', 'lead', 'Red', 'Yellow; blue', 'CZ', 'cz', 'Praha', "'+420 601 123 456", '=1+1')) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...pools.statuses, ...pools.stars), mistakes.filter((m): m is string => typeof m === 'string'), fc.string({ maxLength: 12 })) },
  );
  const csvRow = fc.oneof({ weight: 4, arbitrary: fc.array(csvCell, { minLength: csvHeader.length, maxLength: csvHeader.length }) }, { weight: 1, arbitrary: fc.array(csvCell, { maxLength: 12 }) });
  /** A file of the header's columns, sometimes with a row of another width, joined by a delimiter, or any text. */
  const csvText = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.array(csvRow, { maxLength: 5 }), fc.constantFrom(',', ';', '\t'), fc.boolean()).map(([rows, delimiter, bom]) => writeCsv([csvHeader, ...rows], { delimiter, bom })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom('', 'Firma\n', '"Firma\n', 'Firma,IČO\n"Alza,CZ27082440\n', 'Firma,Firma\nA,B\n') },
  );
  const csvField = fc.constantFrom('name', 'taxId', 'vatId', 'email', 'phone', 'status', 'stars', 'city', 'country', 'customFields.segment', 'tags', 'note', 'lifecycle');
  const csvImportOptions = fc.record(
    {
      mapping: fc.dictionary(fc.constantFrom(...csvHeader, 'Missing'), csvField, { minKeys: 1, maxKeys: 5 }).map((m) => ({ Firma: 'name', 'IČO': 'taxId', ...m })),
      delimiter: fc.constantFrom(',', ';', '\t'),
      chunkSize: fc.integer({ min: 1, max: 3 }),
      onProgress: fc.constant(() => undefined),
    },
    { requiredKeys: ['mapping'] },
  );
  const csvExportOptions = fc.record(
    {
      fields: fc.array(fc.constantFrom(...clientCsvExportFields, 'customFields.segment'), { minLength: 1, maxLength: 6 }),
      lastOrderFrom: fc.oneof(date, fc.constantFrom('2026-10-15', '2026-01-01')),
      lastOrderTo: fc.oneof(date, fc.constantFrom('2026-10-16', '2027-01-01')),
      statusIds: fc.array(statusRef, { maxLength: 2 }),
      stars: fc.array(starRef, { maxLength: 2 }),
      emails: fc.constantFrom('rows', 'joined'),
      delimiter: fc.constantFrom(',', ';', '\t'),
      bom: fc.boolean(),
    },
    { requiredKeys: [] },
  );

  const op = <C extends Call>(call: C, ...args: fc.Arbitrary<unknown>[]): fc.Arbitrary<Op> => fc.tuple(...args).map((values) => ({ call, args: values }));

  /** Per write: its arguments, valid or near-valid, with ids of every sort. */
  const nearValidWrites: Record<Write, fc.Arbitrary<Op>> = {
    'clients.create': op('clients.create', nearly(clientInput)),
    'clients.update': op('clients.update', clientId, nearly(clientPatch), writeOptions),
    'clients.delete': op('clients.delete', clientId, writeOptions),
    'clients.setStatus': op('clients.setStatus', fc.oneof(nearly(fc.array(clientRef, { minLength: 1, maxLength: 4 })), fc.array(clientId, { maxLength: 4 })), fc.oneof(statusId, fc.constant(null))),
    'clients.createFromOrder': op('clients.createFromOrder', orderId),
    'clients.merge': op('clients.merge', clientId, clientId),
    // Bad rows are reported, not thrown: the call rejects only for bad text, mapping or options.
    'clients.importCsv': op('clients.importCsv', fc.oneof(csvText, garbage), fc.oneof(nearly(csvImportOptions), garbage)),
    'orders.upsert': op('orders.upsert', nearly(orderInput)),
    // Bad rows are reported, not thrown: the call rejects only for a bad source or options.
    'orders.import': op('orders.import', fc.oneof(fc.array(nearly(orderInput), { maxLength: 4 }), garbage), fc.oneof(fc.constant(undefined), fc.record({ chunkSize: fc.integer({ min: -1, max: 3 }) }), garbage)),
    'orders.link': op('orders.link', orderId, clientId, writeOptions),
    'orders.unlink': op('orders.unlink', orderId, writeOptions),
    'orders.applyClientBilling': op('orders.applyClientBilling', orderId, clientId, writeOptions),
    'notes.add': op('notes.add', nearly(noteTarget), nearly(fc.record(noteFields, { requiredKeys: ['text'] }))),
    'notes.update': op('notes.update', noteId, nearly(fc.record(noteFields, { requiredKeys: [] })), writeOptions),
    'notes.delete': op('notes.delete', noteId, writeOptions),
    'activities.add': op('activities.add', clientId, nearly(activityInput)),
    'activities.undo': op('activities.undo', activityId),
    'statuses.create': op('statuses.create', nearly(fc.record(statusFields, { requiredKeys: ['name', 'group'] }))),
    'statuses.update': op('statuses.update', statusId, nearly(fc.record(statusFields, { requiredKeys: [] })), writeOptions),
    'statuses.delete': op('statuses.delete', statusId, deleteOptions(statusRef)),
    'statuses.reorder': op('statuses.reorder', fc.oneof(nearly(fc.array(statusRef, { maxLength: 4 })), fc.array(statusId, { maxLength: 4 }))),
    'stars.create': op('stars.create', nearly(fc.record(starFields, { requiredKeys: ['name', 'color'] }))),
    'stars.update': op('stars.update', starId, nearly(fc.record(starFields, { requiredKeys: [] })), writeOptions),
    'stars.delete': op('stars.delete', starId, deleteOptions(starRef)),
    'stars.reorder': op('stars.reorder', fc.oneof(nearly(fc.array(starRef, { maxLength: 4 })), fc.array(starId, { maxLength: 4 }))),
    'settings.update': op('settings.update', nearly(settingsPatch)),
    'sampleData.insert': op('sampleData.insert', nearly(fc.record({ seed: fc.integer(), clients: fc.integer({ min: 1, max: 3 }), orders: fc.integer({ min: 0, max: 6 }) }))),
    'sampleData.remove': op('sampleData.remove'),
    'rules.create': op('rules.create', nearly(ruleInput)),
    'rules.update': op('rules.update', ruleId, nearly(ruleInput.map(({ name: _, ...patch }) => patch)), writeOptions),
    'rules.delete': op('rules.delete', ruleId, writeOptions),
    'rules.enable': op('rules.enable', ruleId),
    'rules.disable': op('rules.disable', ruleId),
    'rules.applyToExisting': op('rules.applyToExisting', ruleId),
    'rules.runDaily': op('rules.runDaily', fc.oneof(fc.constant(undefined), nearly(fc.record({ at: fc.constant('2026-12-01T06:00:00Z') })))),
    'rules.drain': op('rules.drain'),
    'rules.deliver': op('rules.deliver', fc.oneof(fc.constantFrom('order.paid:O-auto:1', 'client.created:cli_t1:1'), garbage)),
    'tasks.create': op('tasks.create', nearly(taskInput)),
    'tasks.update': op('tasks.update', taskId, nearly(taskPatch), writeOptions),
    'tasks.complete': op('tasks.complete', taskId, writeOptions),
    'tasks.reopen': op('tasks.reopen', taskId, writeOptions),
    'tasks.delete': op('tasks.delete', taskId, writeOptions),
    'pipelines.create': op('pipelines.create', nearly(pipelineInput)),
    'pipelines.update': op('pipelines.update', pipelineId, nearly(pipelinePatch), pipelineUpdateOptions),
    'pipelines.delete': op('pipelines.delete', pipelineId, fc.oneof(writeOptions, nearly(fc.record({ removePlacements: fc.boolean(), expectedVersion: fc.integer({ min: 1, max: 3 }) }, { requiredKeys: [] })))),
    'pipelines.place': op('pipelines.place', clientId, pipelineId, stageId),
    'pipelines.move': op('pipelines.move', clientId, pipelineId, stageId, writeOptions),
    'pipelines.remove': op('pipelines.remove', clientId, pipelineId, writeOptions),
  };

  const readArgs: Record<Read, fc.Arbitrary<Op>> = {
    'clients.get': op('clients.get', fc.oneof(clientId, garbage)),
    'clients.list': op('clients.list', fc.oneof(nearly(clientListOptions), garbage)),
    'clients.search': op(
      'clients.search',
      fc.oneof(name, taxId, email, phone, fc.constantFrom('1', '270', 'alza', 'x'.repeat(200), 'x'.repeat(201)), garbage),
      fc.oneof(fc.constant(undefined), nearly(fc.record({ limit: fc.integer({ min: 1, max: 500 }) })), garbage),
    ),
    'clients.count': op('clients.count', fc.oneof(nearly(clientListOptions.map((o) => o.filter ?? {})), garbage)),
    'clients.findDuplicates': op('clients.findDuplicates', garbage),
    'clients.exportCsv': op('clients.exportCsv', fc.oneof(fc.constant(undefined), nearly(csvExportOptions), garbage)),
    'orders.get': op('orders.get', fc.oneof(orderId, garbage)),
    'orders.list': op('orders.list', fc.oneof(nearly(orderListOptions), garbage)),
    'orders.search': op('orders.search', fc.oneof(name, taxId, email, fc.constantFrom('2026', 'gate', 'x'.repeat(201)), garbage), fc.oneof(fc.constant(undefined), garbage)),
    'notes.list': op('notes.list', fc.oneof(nearly(noteTarget), garbage)),
    'activities.list': op('activities.list', clientId, fc.oneof(fc.constant(undefined), nearly(fc.record({ limit: fc.integer({ min: 1, max: 1000 }), cursor }, { requiredKeys: [] })), garbage)),
    'statuses.list': op('statuses.list', garbage),
    'stars.list': op('stars.list', garbage),
    'sampleData.has': op('sampleData.has', garbage),
    'rules.list': op('rules.list', garbage),
    'rules.get': op('rules.get', fc.oneof(ruleId, garbage)),
    'rules.templates': op('rules.templates', fc.oneof(fc.constant(undefined), nearly(fc.record({ currency: fc.constantFrom('EUR', 'CZK') })), garbage)),
    'rules.dryRun': op('rules.dryRun', fc.oneof(ruleId, nearly(ruleInput), garbage), fc.oneof(fc.constant(undefined), nearly(fc.record({ limit: fc.integer({ min: 0, max: 5 }) })), garbage)),
    'analytics.client': op('analytics.client', fc.oneof(clientId, garbage)),
    'analytics.team': op('analytics.team', fc.oneof(fc.constant(undefined), nearly(fc.record({ from: fc.constantFrom('2026-01', '2026-13', '2025-12'), to: fc.constantFrom('2026-11', '26-1') }, { requiredKeys: [] })), garbage)),
    'tasks.get': op('tasks.get', fc.oneof(taskId, garbage)),
    'tasks.list': op('tasks.list', fc.oneof(nearly(taskFilter), garbage)),
    'tasks.due': op('tasks.due', fc.oneof(fc.constant(undefined), date, garbage), fc.oneof(fc.constant(undefined), nearly(fc.record({ assignee: taskFields.assignee, limit: fc.integer({ min: 1, max: 10_000 }) }, { requiredKeys: [] })), garbage)),
    'pipelines.list': op('pipelines.list', garbage),
    'pipelines.get': op('pipelines.get', fc.oneof(pipelineId, garbage)),
    'pipelines.placements': op('pipelines.placements', clientId),
    'pipelines.clients': op(
      'pipelines.clients',
      pipelineId,
      fc.oneof(fc.constant(undefined), stageId),
      fc.oneof(fc.constant(undefined), nearly(fc.record({ limit: fc.integer({ min: 1, max: 1000 }), cursor }, { requiredKeys: [] })), garbage),
    ),
    'pipelines.stats': op('pipelines.stats', pipelineId),
  };

  /** (a)+(c): any write, with zero to four arguments of any shape or ids of any kind. */
  const anyArg = fc.oneof({ weight: 3, arbitrary: garbage }, { weight: 2, arbitrary: id(allIds) }, { weight: 1, arbitrary: mistakes });
  const garbageWrites = fc.tuple(fc.constantFrom(...writes), fc.array(anyArg, { maxLength: 4 })).map(([call, args]): Op => ({ call, args }));

  return {
    garbageWrites,
    nearValidWrites: fc.oneof(...Object.values(nearValidWrites)),
    nearValidWrite: nearValidWrites,
    reads: fc.oneof(...Object.values(readArgs)),
  };
}

// ---------------------------------------------------------------------------------------------

let shared: Promise<{ pools: Pools; template: string; arb: ReturnType<typeof arbitraries> }> | undefined;
function setup() {
  shared ??= openWorld().then(async ({ world, pools }) => ({ pools, template: await snapshot(world.storage), arb: arbitraries(pools) }));
  return shared;
}

describe('robustness: public methods reject only with CrmError, and a rejected write changes nothing', () => {
  it('covers every public method of every service', async () => {
    const { world } = await openWorld();
    const methods = Object.entries(world.crm).flatMap(([service, members]) =>
      typeof members === 'object' && members !== null
        ? Object.entries(members as Record<string, unknown>).filter(([, m]) => typeof m === 'function').map(([m]) => `${service}.${m}`)
        : [],
    );
    expect([...methods].sort()).to.deep.equal([...writes, ...reads, ...notCovered].sort());
  });

  it('the world holds the data the properties need', async () => {
    const { pools } = await setup();
    expect(pools.clients).to.have.length(5);
    expect(pools.goneClients).to.have.length(2);
    expect(pools.orders).to.include.members(['O-auto', 'O-free', 'O-hand', 'O-badtax', 'O-unlinked', 'O-person', '__proto__']);
    expect(pools.cursors).to.have.length(5);
    expect(pools.tasks).to.have.length(4);
    const { world } = await openWorld();
    const activities = (await world.storage.query('activities')).records;
    const undoable = activities.filter((a) => a['undoable'] === true && a['undoneAt'] === undefined).map((a) => a['type']);
    expect(undoable).to.include.members(['billing_replaced', 'status_changed', 'stars_changed', 'client_deleted', 'clients_merged', 'stage_changed', 'task_deleted']);
    expect(activities.some((a) => a['undoneAt'] !== undefined)).to.equal(true);
  });

  it('every write survives random values of any shape and any ids', async () => {
    const { template, arb } = await setup();
    const within = worlds(template);
    await fc.assert(
      fc.asyncProperty(arb.garbageWrites, (op) => within((world) => check(world, op))),
      { numRuns: 300 },
    );
  });

  it('every write survives valid and near-valid inputs on existing, unknown and malformed ids', async () => {
    const { template, arb } = await setup();
    const within = worlds(template);
    await fc.assert(
      fc.asyncProperty(arb.nearValidWrites, (op) => within((world) => check(world, op))),
      { numRuns: 300 },
    );
  });

  it('each write in turn, near-valid (so that every write gets its share of runs)', async () => {
    const { template, arb } = await setup();
    const within = worlds(template);
    for (const write of writes) {
      await fc.assert(
        fc.asyncProperty(arb.nearValidWrite[write], (op) => within((world) => check(world, op))),
        { numRuns: 20 },
      );
    }
  });

  it('reads with any arguments reject only with CrmError and never write', async () => {
    const { template, arb } = await setup();
    const within = worlds(template);
    await fc.assert(
      fc.asyncProperty(arb.reads, (op) => within((world) => check(world, op))),
      { numRuns: 300 },
    );
  });

  it('sequences of calls keep the contract in the states earlier writes leave', async () => {
    const { template, arb } = await setup();
    const step = fc.oneof({ weight: 4, arbitrary: arb.nearValidWrites }, { weight: 1, arbitrary: arb.garbageWrites }, { weight: 1, arbitrary: arb.reads });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 8 }), async (ops) => {
        const world = await fresh(template);
        for (const op of ops) await check(world, op);
      }),
      { numRuns: 40 },
    );
  });

  it('a status or star kind cannot be its own replacement (that left clients pointing at a deleted entry)', async () => {
    const { world } = await openWorld();
    const client = (await world.crm.clients.list()).items.find((c) => c.statusId !== undefined && c.stars.length > 0)!;
    const before = await snapshot(world.storage);
    for (const [catalog, entryId] of [[world.crm.statuses, client.statusId!], [world.crm.stars, client.stars[0]!]] as const) {
      const error = await catalog.delete(entryId, { replacementId: entryId }).then(() => undefined, (e: unknown) => e);
      expect(isCrmError(error) && error.code === 'validation' && error.fields.map((f) => f.path.join('.'))).to.deep.equal(['replacementId']);
    }
    expect(await snapshot(world.storage)).to.equal(before);
    expect(world.events).to.deep.equal([]);
  });

  it('hostile inputs (throwing getters, proxies, cycles) still reject with a CrmError and change nothing', async () => {
    const { world } = await openWorld();
    const before = await snapshot(world.storage);
    const throwing = Object.defineProperty({}, 'name', { enumerable: true, get: () => { throw new TypeError('getter'); } });
    const proxy = new Proxy({}, { ownKeys: () => { throw new RangeError('ownKeys'); }, get: () => { throw new RangeError('get'); } });
    const cyclic: Record<string, unknown> = { name: 'Cyclic s.r.o.' };
    cyclic['customFields'] = cyclic;
    const hostile = [throwing, proxy, cyclic];
    for (const input of hostile) {
      for (const call of [() => world.crm.clients.create(input as never), () => world.crm.clients.update('cli_t1', input as never), () => world.crm.orders.upsert(input as never), () => world.crm.settings.update(input as never)]) {
        const error = await call().then(() => undefined, (e: unknown) => e);
        expect(isCrmError(error), show(error)).to.equal(true);
      }
    }
    expect(await snapshot(world.storage)).to.equal(before);
    expect(world.events).to.deep.equal([]);
  });
});
