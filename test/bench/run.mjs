// `npm run bench`: serves the bench page, runs each bench in headless Chromium on a new persistent
// profile (incognito keeps IndexedDB in memory and flatters writes), and each import run on one of
// its own; prints one table per bench.
// Not part of `npm test`: nothing here asserts a timing.
//
//   BENCH_SCALE=0.1     data sizes × 0.1 (default 1: 100k orders / 100k clients)
//   BENCH_ONLY=search   a comma-separated subset of import,search,cold,table,picker,size,rules,analytics
//                       (rules: 100k orders through 20 rules vs json-rules-engine, then analytics;
//                       both run in Node, in a child process under tsx: rules.bench.ts)
//   BENCH_REPS=5        repetitions (each bench has its own default)
//   BENCH_CHUNK=1000    rows per import transaction, for every import variant
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/chromium-path.mjs';
import { startBenchServer } from './server.mjs';
import { measureSizes } from './size.mjs';
import { bytes, kilobytes, median, ms, p95, quantile, ratio, table } from './stats.mjs';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const only = new Set((process.env.BENCH_ONLY ?? 'import,search,cold,table,picker,size,rules').split(','));
const reps = process.env.BENCH_REPS ? Number(process.env.BENCH_REPS) : undefined;
const chunkSize = Number(process.env.BENCH_CHUNK ?? 1000);
const scaled = (size) => Math.max(1, Math.round(size * scale));
const withReps = (options) => (reps ? { ...options, reps } : options);

function printImport(result) {
  const { orders, clients, chunkSize, samples } = result;
  const peer = median(samples.dexie);
  table(`1. Import ${orders} orders (${clients} clients in the data), chunks of ${chunkSize}, ${samples.dexie.length} reps`, [
    ['variant', 'median', 'p95', 'vs Dexie', 'orders/s'],
    ...Object.entries(samples).map(([name, values]) => [name, ms(median(values)), ms(p95(values)), ratio(median(values), peer), Math.round(orders / (median(values) / 1000))]),
  ]);
  console.log(`target: kartoteka ≤ 1.20× Dexie; measured ${ratio(median(samples.kartoteka), peer)}`);
  const floor = median(samples['idb, our writes']);
  const dexieFloor = median(samples['dexie, our writes']);
  console.log(`'idb, our writes' and 'dexie, our writes' store exactly the records kartoteka's import stores (orders, clients, figures, timeline), one transaction per batch, nothing read or checked: ${ratio(floor, peer)} and ${ratio(dexieFloor, peer)} Dexie`);
  console.log(`kartoteka takes ${ratio(median(samples.kartoteka), floor)} of raw idb's time and ${ratio(median(samples.kartoteka), dexieFloor)} of Dexie's for the same records: what reading, validating and linking add`);
  // The records the peers store, in our layout and indexes: what no import of ours can go below.
  console.log(`'idb, our orders alone' stores only the orders of those batches (our row layout and 5 order indexes, one holding only orders without a client, against the peers' 4): ${ratio(median(samples['idb, our orders alone']), peer)} Dexie`);
  // An import that creates the data's clients stores at least these two; no figures, timeline, reads or checks.
  console.log(`'idb, our orders and clients' stores the orders and the clients the import created, nothing else: ${ratio(median(samples['idb, our orders and clients']), peer)} Dexie, the least any import that creates its clients can take`);
  const { report } = result;
  console.log(`kartoteka's import: ${report.created} created, ${report.linked} linked, ${report.clientsCreated} clients created, ${report.failed} failed`);

  const storage = result.storage.filter((row) => Number.isFinite(row.ms));
  const storageMs = storage.reduce((sum, row) => sum + row.ms, 0);
  const other = result.oursMs - storageMs - result.validationMs;
  const share = (value) => `${((value / result.oursMs) * 100).toFixed(1)}%`;
  table(`Where kartoteka's import time goes (its median rep, ${ms(result.oursMs)})`, [
    ['part', 'calls', 'time', 'share', 'per call'],
    ...storage.sort((a, b) => b.ms - a.ms).map((row) => [`storage ${row.label}`, row.calls, ms(row.ms), share(row.ms), ms(row.ms / row.calls)]),
    ['storage, all calls', storage.reduce((sum, row) => sum + row.calls, 0), ms(storageMs), share(storageMs), ''],
    ['validation (zod OrderInput per row, timed alone)', orders, ms(result.validationMs), share(result.validationMs), ms(result.validationMs / orders)],
    // A chunk's bulk reads run side by side, so their times add up to more than the wall time they take.
    other >= 0 ? ['rest of the JS (staging, matching, tax IDs, events)', '', ms(other), share(other), ''] : ['rest of the JS', '', 'n/a: the bulk reads of a chunk overlap', '', ''],
    ...result.storage.filter((row) => !Number.isFinite(row.ms)).map((row) => [row.label, row.calls, '', '', '']),
  ]);
}

function printSearch(result) {
  const { kartoteka, minisearch } = result.variants;
  const timing = result.isolated ? 'cross-origin isolated, each query timed alone' : `not isolated, each query timed as a batch of ${result.batch}`;
  table(`2. Client search: ${result.queries} queries over ${result.documents} clients, ${kartoteka.buildMs.length} reps (${timing})`, [
    ['engine', 'p50/query', 'p95/query', 'p95 vs MiniSearch', 'build', 'heap', 'with hits', 'source in top 20'],
    ...Object.entries(result.variants).map(([name, v]) => [
      name, ms(median(v.queryMs)), ms(p95(v.queryMs)), ratio(p95(v.queryMs), p95(minisearch.queryMs)),
      ms(median(v.buildMs)), bytes(median(v.heapBytes)), `${v.answered}/${result.queries}`, `${v.sourceFound}/${result.queries}`,
    ]),
  ]);
  console.log(`target: kartoteka p95 ≤ 2 ms and below MiniSearch's; measured ${ms(p95(kartoteka.queryMs))} vs ${ms(p95(minisearch.queryMs))}`);
  console.log('build includes the first query (ours sorts its dictionary lazily); heap = used JS heap after 2 forced GCs, with the index minus without');
  table('By kind of query', [
    ['kind', 'kartoteka p50', 'kartoteka p95', 'with hits', 'minisearch p50', 'minisearch p95', 'with hits'],
    ...Object.keys(kartoteka.byKind).map((kind) => [
      kind,
      ms(median(kartoteka.byKind[kind])), ms(p95(kartoteka.byKind[kind])), `${kartoteka.answeredByKind[kind]}/${kartoteka.byKind[kind].length / kartoteka.buildMs.length}`,
      ms(median(minisearch.byKind[kind])), ms(p95(minisearch.byKind[kind])), `${minisearch.answeredByKind[kind]}/${minisearch.byKind[kind].length / minisearch.buildMs.length}`,
    ]),
  ]);
}

function printCold(result) {
  const about = {
    reconnect: 'reconnect: closed and reopened at once (Chromium still holds the db files open)',
    idle: 'idle: reopened after 3.5 s idle (Chromium had closed the db files)',
  };
  for (const [coldness, variants] of Object.entries(result.samples)) {
    const rows = [['variant', 'step', 'median', 'p95', 'vs Dexie (median)']];
    for (const [name, samples] of Object.entries(variants)) {
      for (const step of ['open', 'first50', 'count', 'total']) {
        const values = samples.map((sample) => sample[step]);
        const peer = median(variants.dexie.map((sample) => sample[step]));
        rows.push([name, step, ms(median(values)), ms(p95(values)), ratio(median(values), peer)]);
      }
    }
    table(`3. Cold open + first 50 by name + count of ${result.clients} clients, ${about[coldness]}, ${variants.dexie.length} reps`, rows);
    const step = (name, which) => variants[name].map((sample) => sample[which]);
    console.log(`target: kartoteka total p95 ≤ 80 ms; measured ${ms(p95(step('kartoteka', 'total')))}`);
    // idb counts record by record, where we read a tally: its open alone is the floor under our total.
    console.log(`the floor: raw idb's open alone, on the same database, p50 ${ms(median(step('idb', 'open')))} / p95 ${ms(p95(step('idb', 'open')))}`);
  }
}

// A frame at 60 Hz: rAF deltas come as multiples of 16.67 ms, so a dropped frame shows as 33.3 ms.
const FRAME_MS = 16.7;

function printTable(result) {
  const { kartoteka, vaadin } = result.firstRows;
  const share = (part, whole) => `${((part / whole) * 100).toFixed(1)}%`;
  table(`4. <kt-client-table> vs <vaadin-grid>: first rows over ${result.clients} clients (6 columns; from createElement + insert), ${kartoteka.length} mounts each`, [
    ['grid', 'first row in DOM p50', 'p95', 'vs vaadin (p50)', 'painted p50', 'p95'],
    ...Object.entries(result.firstRows).map(([name, samples]) => {
      const dom = samples.map((sample) => sample.dom);
      const painted = samples.map((sample) => sample.painted);
      return [name, ms(median(dom)), ms(p95(dom)), ratio(median(dom), median(vaadin.map((sample) => sample.dom))), ms(median(painted)), ms(p95(painted))];
    }),
  ]);
  const rows = [['grid', 'scroll', 'frames', 'p50 frame', 'p95 frame', `> ${FRAME_MS} ms`, 'max DOM rows', 'reached', 'placeholders at end', 'blank at end', 'view filled after']];
  for (const [speed, variants] of Object.entries(result.scroll)) {
    for (const [name, samples] of Object.entries(variants)) {
      const frames = samples.flatMap((sample) => sample.frames);
      const fills = samples.map((sample) => sample.fillMs);
      rows.push([
        name, `${speed}, ${+result.speeds[speed].toFixed(1)} rows/frame`, frames.length, ms(median(frames)), ms(p95(frames)),
        share(frames.filter((frame) => frame > FRAME_MS).length, frames.length),
        Math.max(...samples.map((sample) => sample.maxRows)),
        `${(Math.min(...samples.map((sample) => sample.reached)) * 100).toFixed(1)}% (least)`,
        samples.map((sample) => `${sample.placeholders}/${sample.visible}`).join(', '),
        samples.map((sample) => `${Math.round(sample.blank * 100)}%`).join(', '),
        fills.every((fill) => fill === 0)
          ? 'at once'
          : fills.every(Number.isFinite)
            ? `${ms(median(fills))} (p50)`
            : `never in 30 s (${fills.filter((fill) => !Number.isFinite(fill)).length}/${fills.length} reps)`,
      ]);
    }
  }
  table(`Scrolling 5 s from the top, a fixed step per frame (rAF deltas of every rep pooled; the state at the end per rep: placeholders / rows in view, share of the view with no row), ${result.reps} reps`, rows);
  const oursFrames = (speed) => result.scroll[speed].kartoteka.flatMap((sample) => sample.frames);
  console.log(
    `target: first rows ≤ 100 ms, p95 frame ≤ ${FRAME_MS} ms; measured kartoteka first rows p50 ${ms(median(kartoteka.map((sample) => sample.dom)))} / p95 ${ms(p95(kartoteka.map((sample) => sample.dom)))}, ` +
      `p95 frame ${Object.keys(result.scroll).map((speed) => `${speed} ${ms(p95(oursFrames(speed)))}`).join(', ')}`,
  );
}

function printPicker(result) {
  const { picker, sdk } = result;
  const dom = (samples) => samples.map((sample) => sample.dom);
  const row = (what, values, peer, painted) => [
    what, values.length, ms(median(values)), ms(p95(values)), ms(quantile(values, 1)),
    painted ? ms(median(painted)) : '', painted ? ms(p95(painted)) : '', peer ? ratio(median(values), median(peer)) : '',
  ];
  const paintedOf = (samples) => samples.map((sample) => sample.painted);
  table(
    `5. <kt-client-picker>: input event to suggestions in the DOM, ${result.clients} clients, ${result.queries} whole queries + ${result.typedQueries} typed a character at a time (${result.keystrokes} keystrokes), ${result.reps} reps`,
    [
      ['what', 'samples', 'p50', 'p95', 'max', 'painted p50', 'painted p95', 'p50 vs SDK'],
      row('kt-client-picker, whole query', dom(picker.whole), sdk.whole, paintedOf(picker.whole)),
      row(`crm.clients.search(text, { limit: 8 }) alone`, sdk.whole),
      row('kt-client-picker, per keystroke', dom(picker.typed), sdk.typed, paintedOf(picker.typed)),
      row(`crm.clients.search(prefix, { limit: 8 }) alone`, sdk.typed),
    ],
  );
  console.log(`target: p95 ≤ 50 ms; measured ${ms(p95(dom(picker.whole)))} whole queries, ${ms(p95(dom(picker.typed)))} per keystroke`);
  console.log(`the first search on a fresh Crm builds its client index: ${ms(result.firstSearchMs)} (not in the table)`);
}

function printSize(rows) {
  table('6. Bundle sizes: rollup + esbuild minify (browser/production exports), gzip level 9', [
    ['bundle', 'contents', 'min', 'min+gzip'],
    ...rows.map((row) => [row.bundle, row.contents, kilobytes(row.min), kilobytes(row.gzip)]),
  ]);
}

function printRules(result) {
  const { kartoteka } = result.samples;
  const peer = median(result.samples['json-rules-engine']);
  table(`7. Rules: replay ${result.events} order events (${result.clients} clients) through ${result.rules} rules, all evaluated per event in priority order; reps: kartoteka ${kartoteka.length}, json-rules-engine ${result.samples['json-rules-engine'].length}`, [
    ['engine', 'median', 'p95', 'vs json-rules-engine', 'per event', 'events/s', 'rules fired'],
    ...Object.entries(result.samples).map(([name, values]) => [
      name, ms(median(values)), ms(p95(values)), ratio(median(values), peer), ms(median(values) / result.events), Math.round(result.events / (median(values) / 1000)), result.fired,
    ]),
  ]);
  console.log(`target: ≤ 1 s and faster than json-rules-engine; measured ${ms(median(kartoteka))} median (p95 ${ms(p95(kartoteka))}) vs ${ms(peer)}, ${ratio(median(kartoteka), peer)} (json-rules-engine ${(peer / median(kartoteka)).toFixed(0)}× slower)`);
  console.log(`both engines fire the same rules on ${result.agreed}/${result.checked} sampled events and the same ${result.fired} firings over the whole replay`);
  console.log('same facts objects for both; json-rules-engine reads plain fields by JSONPath and derived figures (lifetime value, orders in N days, overdue, …) as dynamic facts');
  table('Firings per rule over one replay (rules in priority order)', [
    ['rule', 'priority', 'fired'],
    ...result.firedPerRule.map(([name, priority, fired]) => [name, priority, `${fired} of ${result.checked} sampled`]),
  ]);
}

function printAnalytics(result) {
  const { samples } = result;
  table(`8. crm.analytics.client(id), memory adapter, a client with ${result.orders} orders (imported with crm.orders.import in ${ms(result.importMs)})`, [
    ['read', 'samples', 'median', 'p95', 'max'],
    ['first (cold)', 1, ms(result.coldMs), '', ''],
    ['after warm-up (200 reads)', samples.length, ms(median(samples)), ms(p95(samples)), ms(quantile(samples, 1))],
  ]);
  console.log(`target: ≤ 1 ms after warm-up; measured p50 ${ms(median(samples))}, p95 ${ms(p95(samples))} (figures over ${result.linked} orders, ${result.months} months)`);
}

/** Runs rules.bench.ts in a child Node under tsx: it prints one JSON line with the samples. */
function runNodeBench(which) {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'rules.bench.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, which], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_SCALE: String(scale) } });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1))) : reject(new Error(`rules.bench.ts exited with ${code}`))));
  });
}

let failed = false;
const nodeBenches = [...(only.has('rules') ? ['rules', 'analytics'] : only.has('analytics') ? ['analytics'] : [])];
if (nodeBenches.length > 0) {
  const started = Date.now();
  console.log(`kartoteka Node benchmarks (${nodeBenches.join(', ')}): scale ${scale}, Node ${process.version}`);
  try {
    const result = await runNodeBench(nodeBenches.join(','));
    if (result.rules) printRules(result.rules);
    if (result.analytics) printAnalytics(result.analytics);
  } catch (error) {
    failed = true;
    console.log(`\n${nodeBenches.join(', ')}: pending — could not run: ${error.message.split('\n')[0]}`);
  }
  console.error(`  (${nodeBenches.join(', ')} took ${Math.round((Date.now() - started) / 1000)} s)`);
}

const imports = only.has('import')
  ? [
      { orders: scaled(10_000), clients: scaled(3_000), reps: reps ?? 5 },
      { orders: scaled(100_000), clients: scaled(30_000), reps: reps ?? 3 },
    ]
  : [];
const benches = [
  ...(only.has('search') ? [['search', withReps({ scale }), printSearch]] : []),
  ...(only.has('cold') ? [['cold', withReps({ scale }), printCold]] : []),
  ...(only.has('table') ? [['table', withReps({ scale }), printTable]] : []),
  ...(only.has('picker') ? [['picker', withReps({ scale }), printPicker]] : []),
];

// The import variants, in the order of the first rep; each later rep starts one further on.
const importVariants = ['kartoteka', 'dexie', 'idb', 'idb, our writes', 'dexie, our writes', 'idb, our orders alone', 'idb, our orders and clients'];
const rotated = (list, rep) => [...list.slice(rep % list.length), ...list.slice(0, rep % list.length)];

/**
 * Bench 1: every run of every variant in a browser of its own, on a new profile, so no run pays
 * for the disk work a previous one left behind (Chromium compacts an origin's LevelDB after a
 * large database is deleted). Samples by variant, and our median run's storage breakdown.
 */
async function importBench(inFreshBrowser, { orders, clients, reps: runs }) {
  const samples = Object.fromEntries(importVariants.map((variant) => [variant, []]));
  const ours = [];
  for (let rep = 0; rep < runs; rep++) {
    for (const variant of rotated(importVariants, rep)) {
      const run = await inFreshBrowser((page) => page.evaluate((options) => window.kartotekaBench.importRun(options), { orders, clients, chunkSize, variant }));
      samples[variant].push(run.ms);
      if (variant === 'kartoteka') ours.push(run);
      console.error(`  import ${orders}: rep ${rep + 1}/${runs} ${variant} ${Math.round(run.ms)} ms`);
    }
  }
  const validationMs = await inFreshBrowser((page) => page.evaluate((options) => window.kartotekaBench.importValidation(options), { orders, clients }));
  const middle = [...ours].sort((a, b) => a.ms - b.ms)[Math.floor((ours.length - 1) / 2)];
  return { orders, clients, chunkSize, samples, storage: middle.storage, oursMs: middle.ms, validationMs, report: middle.report };
}

// Only the browser benches need Chromium: BENCH_ONLY=size runs without it.
if (benches.length + imports.length > 0) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chrome or Chromium found: install chromium or set CHROME_PATH');
  const { server, url } = await startBenchServer();
  /** Runs `work` on the bench page of a browser launched for it on a new profile, then removes both. */
  async function inFreshBrowser(work) {
    const profile = await mkdtemp(join(tmpdir(), 'kartoteka-bench-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...chromiumArgs.filter((arg) => !arg.startsWith('--headless')), '--js-flags=--expose-gc', '--enable-precise-memory-info'],
    });
    try {
      const page = await context.newPage();
      page.on('console', (message) => message.text().startsWith('bench:') && console.error(`  ${message.text()}`));
      page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
      await page.goto(url);
      await page.waitForFunction(() => window.kartotekaBench !== undefined);
      return await work(page);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  }
  console.log(`kartoteka benchmarks: scale ${scale}, Chromium ${await inFreshBrowser(async (page) => page.context().browser()?.version() ?? '')}, a new browser profile per run`);
  const measure = async (name, run, print) => {
    const started = Date.now();
    try {
      print(await run());
    } catch (error) {
      failed = true;
      console.log(`\n${name}: pending — could not run: ${error.message.split('\n')[0]}`);
    }
    console.error(`  (${name} took ${Math.round((Date.now() - started) / 1000)} s)`);
  };
  try {
    for (const size of imports) await measure('import', () => importBench(inFreshBrowser, size), printImport);
    for (const [name, options, print] of benches) {
      await measure(name, () => inFreshBrowser((page) => page.evaluate(([bench, benchOptions]) => window.kartotekaBench[bench](benchOptions), [name, options])), print);
    }
  } finally {
    await server.stop();
  }
}
if (only.has('size')) {
  const started = Date.now();
  try {
    printSize(await measureSizes());
  } catch (error) {
    failed = true;
    console.log(`\nsize: pending — could not run: ${error.message.split('\n')[0]}`);
  }
  console.error(`  (size took ${Math.round((Date.now() - started) / 1000)} s)`);
}
process.exitCode = failed ? 1 : 0;
