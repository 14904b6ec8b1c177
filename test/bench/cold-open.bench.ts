import Dexie from 'dexie/dist/modern/dexie.min.mjs';
import { openDB } from 'idb';
import { indexedDbAdapter } from '../../adapters/indexeddb/index.ts';
import { createCrm, type Client } from '../../src/index.ts';
import { clientRecords, storeClients } from './clients.ts';
import { deleteDatabase, progress, rotated, scaled, sleep, type BenchOptions } from './harness.ts';

/** Milliseconds of each step of one cold open; `total` is their sum. */
export interface ColdSample {
  open: number;
  first50: number;
  count: number;
  total: number;
}

/**
 * How cold: `reconnect` closes and reopens right away (the browser still has the database files
 * open); `idle` waits 3.5 s after the last close first, past the ~3 s after which Chromium
 * closes the files, so the open reads them from disk (or the OS page cache) again.
 */
export type Coldness = 'reconnect' | 'idle';

export interface ColdBenchResult {
  clients: number;
  samples: Record<Coldness, Record<string, ColdSample[]>>;
}

const dexieSchema = { clients: 'id, name' };
const IDLE_MS = 3500;

/** Puts the clients into both databases once, untimed: ours through the adapter in its own row layout. */
async function fill(oursName: string, dexieName: string, clients: Client[]): Promise<void> {
  const storage = indexedDbAdapter({ name: oursName });
  const crm = await createCrm({ storage });
  await storeClients(storage, clients, 'cold open');
  await crm.close();

  const db = new Dexie(dexieName);
  db.version(1).stores(dexieSchema);
  for (let i = 0; i < clients.length; i += 1000) await db.table('clients').bulkAdd(clients.slice(i, i + 1000));
  db.close();
}

/** Ours: a new Crm on the existing database, the first 50 clients by name, the total. */
async function ours(name: string, expected: number): Promise<ColdSample> {
  const t0 = performance.now();
  const crm = await createCrm({ storage: indexedDbAdapter({ name }) });
  const t1 = performance.now();
  const page = await crm.clients.list({ sort: { by: 'name' }, limit: 50 });
  const t2 = performance.now();
  const total = await crm.clients.count();
  const t3 = performance.now();
  await crm.close();
  if (page.items.length !== 50 || total !== expected) throw new Error(`ours read ${page.items.length} clients of ${total}`);
  return { open: t1 - t0, first50: t2 - t1, count: t3 - t2, total: t3 - t0 };
}

/** Dexie: open, `orderBy('name').limit(50)`, `count()`. */
async function dexie(name: string, expected: number): Promise<ColdSample> {
  const t0 = performance.now();
  const db = new Dexie(name);
  db.version(1).stores(dexieSchema);
  await db.open();
  const t1 = performance.now();
  const first = await db.table('clients').orderBy('name').limit(50).toArray();
  const t2 = performance.now();
  const total = await db.table('clients').count();
  const t3 = performance.now();
  db.close();
  if (first.length !== 50 || total !== expected) throw new Error(`dexie read ${first.length} clients of ${total}`);
  return { open: t1 - t0, first50: t2 - t1, count: t3 - t2, total: t3 - t0 };
}

/**
 * The floor under ours: raw idb on our database, the same reads with nothing around them (no
 * schema check, no settings, statuses or counters read): open, 50 rows of the name index, count.
 */
async function idb(name: string, expected: number): Promise<ColdSample> {
  const t0 = performance.now();
  const db = await openDB(name);
  const t1 = performance.now();
  const first = await db.transaction('clients').store.index('name').getAll(undefined, 50);
  const t2 = performance.now();
  const total = await db.transaction('clients').store.count();
  const t3 = performance.now();
  db.close();
  if (first.length !== 50 || total !== expected) throw new Error(`idb read ${first.length} clients of ${total}`);
  return { open: t1 - t0, first50: t2 - t1, count: t3 - t2, total: t3 - t0 };
}

/** An untimed open and close, just before a timed `reconnect` run. */
const reopen = {
  kartoteka: async (name: string) => (await createCrm({ storage: indexedDbAdapter({ name }) })).close(),
  dexie: async (name: string) => {
    const db = new Dexie(name);
    db.version(1).stores(dexieSchema);
    await db.open();
    db.close();
  },
  idb: async (name: string) => (await openDB(name)).close(),
};

/** Bench 3: cold open + first page by name + total count, ours vs Dexie, on the same clients. */
export async function coldOpenBench(options: BenchOptions): Promise<ColdBenchResult> {
  // 20 reps: the p95 is then the 19th of 20, not the slowest one.
  const { scale, reps = 20 } = options;
  const clients = clientRecords(scaled(100_000, scale));
  const names = { kartoteka: `bench-cold-ours-${clients.length}`, dexie: `bench-cold-dexie-${clients.length}` };
  for (const name of Object.values(names)) await deleteDatabase(name);
  await fill(names.kartoteka, names.dexie, clients);
  progress(`cold open: ${clients.length} clients stored in both databases`);

  const variants = { kartoteka: ours, dexie, idb };
  const databases = { ...names, idb: names.kartoteka };
  const samples: ColdBenchResult['samples'] = { reconnect: { kartoteka: [], dexie: [], idb: [] }, idle: { kartoteka: [], dexie: [], idb: [] } };
  const plans: [Coldness, number][] = [['reconnect', reps], ['idle', reps]];
  for (const [coldness, count] of plans) {
    for (let rep = 0; rep < count; rep++) {
      for (const variant of rotated(Object.keys(variants) as (keyof typeof variants)[], rep)) {
        const run = variants[variant];
        // Reconnect: the database opened and closed just before the timed run.
        if (coldness === 'reconnect') await reopen[variant](databases[variant]);
        else await sleep(IDLE_MS);
        samples[coldness][variant]!.push(await run(databases[variant], clients.length));
      }
      progress(`cold open: ${coldness} rep ${rep + 1}/${count}`);
    }
  }
  for (const name of Object.values(names)) await deleteDatabase(name);
  return { clients: clients.length, samples };
}
