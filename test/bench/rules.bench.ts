// Node-side benches for issue 5, run by run.mjs as a child process (`node --import tsx`): it
// prints one JSON line on stdout for run.mjs to tabulate, progress on stderr.
//
//   rules:     100k order events through 20 rules, the SDK's compiled conditions vs
//              json-rules-engine evaluating the same conditions on the same facts.
//   analytics: crm.analytics.client(id) for a client with 5k orders, cold and after warm-up.
import { Engine, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { clientFigures, ordersWithin } from '../../src/analytics/client-figures.ts';
import type { ClientStats } from '../../src/analytics/client-stats.ts';
import { dayOf } from '../../src/analytics/order-share.ts';
import { createCrm, type OrderInput } from '../../src/index.ts';
import type { Client } from '../../src/model/client.ts';
import type { Order } from '../../src/model/order.ts';
import type { RuleCondition, RuleFactCondition } from '../../src/model/rule.ts';
import { compileCondition } from '../../src/rules/evaluate.ts';
import type { OrderCounters, RuleFacts } from '../../src/rules/facts.ts';
import { seededRandom } from '../../src/sample-data/random.ts';

const FIXED_NOW = new Date('2026-06-01T00:00:00Z');
const TODAY = dayOf(FIXED_NOW.toISOString());
const scale = Number(process.env.BENCH_SCALE ?? 1);
const repsOverride = process.env.BENCH_REPS ? Number(process.env.BENCH_REPS) : undefined;
const scaled = (size: number) => Math.max(1, Math.round(size * scale));
const progress = (message: string) => process.stderr.write(`  bench: ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Data: ~10k clients, 100k orders over two years, the facts of each order event built once.

const STATUSES = ['sta_new', 'sta_regular', 'sta_vip', 'sta_dormant', 'sta_blocked'];
const STATUS_GROUPS = new Map([['sta_new', 'prospect'], ['sta_regular', 'active'], ['sta_vip', 'active'], ['sta_dormant', 'inactive'], ['sta_blocked', 'inactive']]);
const TAGS = ['wholesale', 'retail', 'eu', 'newsletter', 'reseller', 'school', 'gov', 'b2b-portal'];
const STARS = ['str_key', 'str_payer', 'str_risk'];
const CHANNELS = ['eshop', 'phone', 'marketplace', 'b2b-portal', 'pos'];
const COUNTRIES = ['CZ', 'SK', 'DE', 'PL', 'AT'];
const PAYMENT = ['unpaid', 'partially_paid', 'paid', 'paid', 'paid', 'refunded'] as const;

function generateFacts(clientCount: number, orderCount: number): RuleFacts[] {
  const random = seededRandom(5);
  const at = FIXED_NOW.toISOString();
  const clients: Client[] = Array.from({ length: clientCount }, (_, i) => {
    const tags = TAGS.filter(() => random.chance(0.2));
    return {
      id: `cli_${i + 1}`, number: i + 1, kind: 'company', name: `Client ${i + 1}`, contacts: [], emails: [], phones: [], deliveryAddresses: [],
      stars: STARS.filter(() => random.chance(0.15)),
      lifecycle: random.chance(0.8) ? 'current' : 'potential',
      externalLinks: [], tags,
      customFields: random.chance(0.6) ? { creditLimit: random.int(0, 20) * 10_000, region: random.pick(['north', 'south']) } : {},
      ...(random.chance(0.9) ? { statusId: random.pick(STATUSES) } : {}),
      ...(random.chance(0.7) ? { temperature: random.pick(['hot', 'warm', 'cold', 'not_interested'] as const) } : {}),
      ...(random.chance(0.85) ? { taxId: { input: 'x', country: random.pick(COUNTRIES), value: 'x', verified: true } } : {}),
      createdAt: at, updatedAt: at, version: 1,
    } as Client;
  });
  // Orders over the last two years, oldest first; a skewed spread over clients (some order a lot).
  const orders: Order[] = Array.from({ length: orderCount }, (_, i) => {
    const client = clients[Math.floor(random.next() ** 2 * clientCount)]!;
    const day = TODAY - random.int(0, 730);
    const createdAt = new Date(day * 86_400_000 + random.int(0, 86_399) * 1000).toISOString();
    return {
      id: `ord_${i + 1}`, currency: random.chance(0.85) ? 'CZK' : 'EUR', total: random.int(1, 400) * 500,
      channel: random.pick(CHANNELS), paymentState: random.pick(PAYMENT), createdAt,
      billing: { company: client.name }, clientId: client.id, updatedAt: at, version: 1,
    } as Order;
  }).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const byId = new Map(clients.map((client) => [client.id, client]));
  // The stats now (what rules see for recency and rhythm), and the counters as of each event.
  const stats = new Map<string, ClientStats>();
  const running = new Map<string, OrderCounters>();
  const events: RuleFacts[] = [];
  for (const order of orders) {
    const day = dayOf(order.createdAt);
    const paid = order.paymentState === 'paid';
    const s = stats.get(order.clientId!) ?? stats.set(order.clientId!, { id: order.clientId!, version: 1, orders: 0, paid: 0, currencies: {}, days: [], paidDays: [], months: {} }).get(order.clientId!)!;
    s.orders += 1;
    s.days.push(day); // orders come oldest first: the lists stay sorted
    if (paid) { s.paid += 1; s.paidDays.push(day); }
    const before = running.get(order.clientId!) ?? { orders: 0, paid: 0, value: {} };
    const counters: OrderCounters = { orders: before.orders + 1, paid: before.paid + (paid ? 1 : 0), value: { ...before.value } };
    if (order.paymentState !== 'refunded') counters.value[order.currency] = (counters.value[order.currency] ?? 0) + order.total;
    running.set(order.clientId!, counters);
    events.push({ client: byId.get(order.clientId!), order, counters, stats: s, today: TODAY, statusGroups: STATUS_GROUPS });
  }
  return events;
}

// ---------------------------------------------------------------------------------------------
// 20 rules as a shop would write them (priority: higher first).

interface BenchRule { name: string; priority: number; conditions: RuleCondition }

const RULES: BenchRule[] = [
  { name: 'first paid order → regular', priority: 90, conditions: { all: [{ fact: 'client.paidOrders', op: 'eq', value: 1 }, { fact: 'order.paymentState', op: 'in', value: ['paid'] }] } },
  { name: 'big order from a new client', priority: 80, conditions: { all: [{ fact: 'client.status', op: 'in', value: ['sta_new'] }, { fact: 'order.total', op: 'gte', value: 100_000, currency: 'CZK' }] } },
  { name: 'VIP by lifetime value', priority: 80, conditions: { all: [{ fact: 'client.lifetimeValue', op: 'gte', value: 1_000_000, currency: 'CZK' }, { fact: 'client.status', op: 'not_in', value: ['sta_vip', 'sta_blocked'] }] } },
  { name: 'frequent buyer', priority: 70, conditions: { all: [{ fact: 'client.ordersInLastDays', days: 90, op: 'gte', value: 5 }, { not: { fact: 'client.tag', op: 'has', value: 'wholesale' } }] } },
  { name: 'frequent payer', priority: 70, conditions: { fact: 'client.ordersInLastDays', days: 30, op: 'gte', value: 3, paidOnly: true } },
  { name: 'marketplace or phone, big', priority: 60, conditions: { all: [{ fact: 'order.channel', op: 'in', value: ['marketplace', 'phone'] }, { fact: 'order.total', op: 'gte', value: 150_000, currency: 'CZK' }] } },
  { name: 'EUR order from abroad', priority: 60, conditions: { all: [{ fact: 'order.total', op: 'gte', value: 1, currency: 'EUR' }, { fact: 'client.taxCountry', op: 'not_in', value: ['CZ'] }] } },
  { name: 'reseller or wholesale tagged', priority: 50, conditions: { any: [{ fact: 'client.tag', op: 'has', value: 'reseller' }, { fact: 'client.tag', op: 'has', value: 'wholesale' }, { fact: 'order.channel', op: 'in', value: ['b2b-portal'] }] } },
  { name: 'unpaid from a risky client', priority: 50, conditions: { all: [{ fact: 'client.star', op: 'has', value: 'str_risk' }, { fact: 'order.paymentState', op: 'in', value: ['unpaid', 'partially_paid'] }] } },
  { name: 'refund from a key client', priority: 50, conditions: { all: [{ fact: 'order.paymentState', op: 'in', value: ['refunded'] }, { any: [{ fact: 'client.star', op: 'has', value: 'str_key' }, { fact: 'client.status', op: 'in', value: ['sta_vip'] }] }] } },
  { name: 'inactive group is back', priority: 40, conditions: { all: [{ fact: 'client.statusGroup', op: 'in', value: ['inactive'] }, { fact: 'client.ordersInLastDays', days: 30, op: 'gte', value: 1 }] } },
  { name: 'potential now buying', priority: 40, conditions: { all: [{ fact: 'client.lifecycle', op: 'in', value: ['potential'] }, { fact: 'order.paymentState', op: 'in', value: ['paid'] }] } },
  { name: 'cold lead ordered', priority: 30, conditions: { all: [{ fact: 'client.temperature', op: 'in', value: ['cold', 'not_interested'] }, { not: { fact: 'order.paymentState', op: 'in', value: ['refunded'] } }] } },
  { name: 'over credit limit', priority: 30, conditions: { all: [{ fact: 'client.customField', field: 'creditLimit', op: 'lte', value: 50_000 }, { fact: 'order.total', op: 'gte', value: 50_000, currency: 'CZK' }, { fact: 'order.paymentState', op: 'not_in', value: ['paid'] }] } },
  { name: 'southern region, no newsletter', priority: 20, conditions: { all: [{ fact: 'client.customField', field: 'region', op: 'eq', value: 'south' }, { fact: 'client.tag', op: 'lacks', value: 'newsletter' }] } },
  { name: 'small first orders', priority: 20, conditions: { all: [{ fact: 'client.paidOrders', op: 'lte', value: 2 }, { fact: 'order.total', op: 'lte', value: 5_000, currency: 'CZK' }] } },
  { name: 'loyal, many paid', priority: 10, conditions: { all: [{ fact: 'client.paidOrders', op: 'gte', value: 20 }, { not: { any: [{ fact: 'client.status', op: 'in', value: ['sta_vip'] }, { fact: 'client.star', op: 'has', value: 'str_key' }] } }] } },
  { name: 'back after a long gap', priority: 10, conditions: { all: [{ fact: 'client.daysSinceLastOrder', op: 'lte', value: 0 }, { fact: 'client.ordersInLastDays', days: 180, op: 'lte', value: 1 }, { fact: 'client.paidOrders', op: 'gte', value: 3 }] } },
  { name: 'overdue regular from the portal', priority: 5, conditions: { all: [{ fact: 'order.channel', op: 'in', value: ['b2b-portal'] }, { fact: 'client.overdue', value: true }] } },
  { name: 'hot, Slovak or Polish', priority: 1, conditions: { all: [{ fact: 'client.temperature', op: 'in', value: ['hot'] }, { fact: 'client.taxCountry', op: 'in', value: ['SK', 'PL'] }, { fact: 'client.lifetimeValue', op: 'gte', value: 5_000, currency: 'EUR' }] } },
];

/** The rules in the order the SDK runs them (CompiledRules: higher priority first, then older). */
const ordered = RULES.map((rule, index) => ({ ...rule, index })).sort((a, b) => b.priority - a.priority || a.index - b.index);

// ---------------------------------------------------------------------------------------------
// The same conditions in json-rules-engine's format: plain fields through its `path` (JSONPath),
// derived figures as dynamic facts with params, computed from the same RuleFacts.

const OPS = { eq: 'equal', ne: 'notEqual', gte: 'greaterThanInclusive', lte: 'lessThanInclusive', in: 'in', not_in: 'notIn', has: 'contains', lacks: 'doesNotContain' } as const;

function translateFact(condition: RuleFactCondition): NestedCondition {
  if (condition.fact === 'client.overdue') return { fact: 'overdue', operator: 'equal', value: condition.value };
  const operator = OPS[condition.op];
  const value = condition.value;
  switch (condition.fact) {
    case 'client.status': return { fact: 'client', path: '$.statusId', operator, value };
    case 'client.star': return { fact: 'client', path: '$.stars', operator, value };
    case 'client.lifecycle': return { fact: 'client', path: '$.lifecycle', operator, value };
    case 'client.temperature': return { fact: 'client', path: '$.temperature', operator, value };
    case 'client.taxCountry': return { fact: 'client', path: '$.taxId.country', operator, value };
    case 'client.tag': return { fact: 'client', path: '$.tags', operator, value };
    case 'client.customField': return { fact: 'client', path: `$.customFields.${condition.field}`, operator, value };
    case 'client.paidOrders': return { fact: 'counters', path: '$.paid', operator, value };
    case 'order.channel': return { fact: 'order', path: '$.channel', operator, value };
    case 'order.paymentState': return { fact: 'order', path: '$.paymentState', operator, value };
    case 'client.statusGroup': return { fact: 'statusGroup', operator, value };
    case 'client.lifetimeValue': return { fact: 'lifetimeValue', params: { currency: condition.currency }, operator, value };
    case 'client.ordersInLastDays': return { fact: 'ordersInLastDays', params: { days: condition.days, paidOnly: condition.paidOnly ?? false }, operator, value };
    case 'client.daysSinceLastOrder': return { fact: 'daysSinceLastOrder', operator, value };
    case 'order.total': return { fact: 'orderTotal', params: { currency: condition.currency }, operator, value };
  }
}

function translate(condition: RuleCondition): NestedCondition {
  if ('all' in condition) return { all: condition.all.map(translate) };
  if ('any' in condition) return { any: condition.any.map(translate) };
  if ('not' in condition) return { not: translate(condition.not) };
  return translateFact(condition);
}

function jsonRulesEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const rule of RULES) {
    const conditions = translate(rule.conditions);
    const top = ('all' in conditions || 'any' in conditions || 'not' in conditions ? conditions : { all: [conditions] }) as TopLevelCondition;
    engine.addRule({ name: rule.name, priority: rule.priority, conditions: top, event: { type: 'fired', params: { rule: rule.name } } });
  }
  type A = { factValue<T>(name: string): Promise<T> };
  const facts = async (almanac: A) => (await almanac.factValue<RuleFacts['stats']>('stats'));
  engine.addFact('statusGroup', async (_params, almanac: A) => {
    const client = await almanac.factValue<Client>('client');
    const groups = await almanac.factValue<ReadonlyMap<string, string>>('statusGroups');
    return client.statusId ? groups.get(client.statusId) ?? null : null;
  });
  engine.addFact('lifetimeValue', async (params, almanac: A) => (await almanac.factValue<OrderCounters>('counters')).value[params.currency] ?? 0);
  engine.addFact('ordersInLastDays', async (params, almanac: A) =>
    ordersWithin(await facts(almanac), await almanac.factValue<number>('today'), params.days, params.paidOnly));
  engine.addFact('daysSinceLastOrder', async (_params, almanac: A) => {
    const stats = await facts(almanac);
    return stats ? (await almanac.factValue<number>('today')) - stats.days[stats.days.length - 1]! : null;
  });
  engine.addFact('overdue', async (_params, almanac: A) => {
    const client = await almanac.factValue<Client>('client');
    return clientFigures(client.id, await facts(almanac), await almanac.factValue<number>('today')).overdue;
  });
  engine.addFact('orderTotal', async (params, almanac: A) => {
    const order = await almanac.factValue<Order>('order');
    return order.currency === params.currency ? order.total : null;
  });
  return engine;
}

// ---------------------------------------------------------------------------------------------

const now = () => performance.now();
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function rulesBench() {
  const orderCount = scaled(100_000);
  const clientCount = scaled(10_000);
  let started = now();
  const events = generateFacts(clientCount, orderCount);
  progress(`rules: ${events.length} events, ${clientCount} clients generated in ${Math.round(now() - started)} ms`);

  const compiled = ordered.map((rule) => ({ rule, test: compileCondition(rule.conditions) }));
  const engine = jsonRulesEngine();
  const runOurs = (facts: RuleFacts, fired: number[]) => {
    for (const { rule, test } of compiled) if (test(facts)) fired.push(rule.index);
  };
  const runTheirs = async (facts: RuleFacts) => (await engine.run(facts as unknown as Record<string, unknown>)).results.map((result) => RULES.findIndex((rule) => rule.name === result.name));

  // Honesty check: both engines fire the same rules on every sampled event.
  const sampleEvery = Math.max(1, Math.floor(events.length / 2000));
  let checked = 0;
  let agreed = 0;
  const firedPerRule = new Array<number>(RULES.length).fill(0);
  const disagreements: string[] = [];
  for (let i = 0; i < events.length; i += sampleEvery) {
    const ours: number[] = [];
    runOurs(events[i]!, ours);
    const theirs = await runTheirs(events[i]!);
    for (const index of ours) firedPerRule[index]! += 1;
    checked += 1;
    const [a, b] = [[...ours].sort((x, y) => x - y).join(','), [...theirs].sort((x, y) => x - y).join(',')];
    if (a === b) agreed += 1;
    else if (disagreements.length < 5) disagreements.push(`event ${i}: ours [${a}] vs json-rules-engine [${b}]`);
  }
  if (agreed !== checked) throw new Error(`the engines disagree on ${checked - agreed}/${checked} events: ${disagreements.join('; ')}`);
  progress(`rules: engines agree on ${agreed}/${checked} sampled events`);

  const oursReps = repsOverride ?? 10;
  const theirsReps = repsOverride ?? 3;
  const ours: number[] = [];
  const theirs: number[] = [];
  let oursFired = 0;
  let theirsFired = 0;
  // Warm-up: one pass each over a tenth of the events.
  const warm = events.slice(0, Math.ceil(events.length / 10));
  for (const facts of warm) runOurs(facts, []);
  for (const facts of warm) await runTheirs(facts);
  for (let rep = 0; rep < Math.max(oursReps, theirsReps); rep++) {
    if (rep < oursReps) {
      gc();
      const fired: number[] = [];
      started = now();
      for (const facts of events) runOurs(facts, fired);
      ours.push(now() - started);
      oursFired = fired.length;
    }
    if (rep < theirsReps) {
      gc();
      let count = 0;
      started = now();
      for (const facts of events) count += (await engine.run(facts as unknown as Record<string, unknown>)).events.length;
      theirs.push(now() - started);
      theirsFired = count;
      progress(`rules: rep ${rep + 1}: json-rules-engine ${Math.round(theirs.at(-1)!)} ms`);
    }
  }
  if (oursFired !== theirsFired) throw new Error(`the engines fired ${oursFired} vs ${theirsFired} rules over the whole replay`);
  return {
    events: events.length, clients: clientCount, rules: RULES.length, checked, agreed, fired: oursFired,
    firedPerRule: ordered.map((rule) => [rule.name, rule.priority, firedPerRule[rule.index]]),
    samples: { kartoteka: ours, 'json-rules-engine': theirs },
  };
}

async function analyticsBench() {
  const orderCount = scaled(5_000);
  const crm = await createCrm({ storage: memoryAdapter(), clock: () => FIXED_NOW, settings: { autoCreateClients: false } });
  const billing = { company: 'Alza.cz a.s.', taxId: 'CZ27082440' };
  const client = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: billing.taxId });
  const random = seededRandom(7);
  const rows: OrderInput[] = Array.from({ length: orderCount }, (_, i) => ({
    id: `A-${i + 1}`, channel: 'eshop', currency: random.chance(0.9) ? 'CZK' : 'EUR', total: random.int(1, 400) * 500,
    paymentState: random.pick(PAYMENT),
    createdAt: new Date((TODAY - random.int(1, 1500)) * 86_400_000 + random.int(0, 86_399) * 1000).toISOString(), billing,
  }));
  let started = now();
  const report = await crm.orders.import(rows);
  const importMs = now() - started;
  started = now();
  let figures = await crm.analytics.client(client.id);
  const coldMs = now() - started;
  if (figures.orderCount !== orderCount) throw new Error(`analytics counts ${figures.orderCount} orders, expected ${orderCount} (import: ${JSON.stringify({ ...report, errors: report.errors?.slice(0, 3) })})`);
  for (let i = 0; i < 200; i++) figures = await crm.analytics.client(client.id);
  const reads = repsOverride ? repsOverride * 100 : 1000;
  const samples: number[] = [];
  for (let i = 0; i < reads; i++) {
    started = now();
    figures = await crm.analytics.client(client.id);
    samples.push(now() - started);
  }
  await crm.close();
  return { orders: orderCount, linked: figures.orderCount, months: figures.months.length, importMs, coldMs, samples };
}

const which = new Set((process.argv[2] ?? 'rules,analytics').split(','));
const result: Record<string, unknown> = {};
if (which.has('rules')) result.rules = await rulesBench();
if (which.has('analytics')) result.analytics = await analyticsBench();
process.stdout.write(`${JSON.stringify(result)}\n`);
