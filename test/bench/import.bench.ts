import { openDB } from 'idb';
import Dexie from 'dexie/dist/modern/dexie.min.mjs';
import { indexedDbAdapter } from '../../adapters/indexeddb/index.ts';
import { recordIndexKeys, rowOf } from '../../adapters/indexeddb/row.ts';
import { crmSchema } from '../../src/storage/schema.ts';
import type { WriteOperation } from '../../src/storage/adapter.ts';
import { createCrm, generateSampleData, type ImportReport, type OrderInput as OrderRow } from '../../src/index.ts';
import { OrderInput } from '../../src/model/order.ts';
import { parse } from '../../src/validation.ts';
import { FIXED_NOW, deleteDatabase, progress, rotated, timed, type BenchOptions } from './harness.ts';
import { timingAdapter, type CallStats } from './timing-adapter.ts';

export interface ImportBenchOptions extends BenchOptions {
  orders: number;
  clients: number;
}

export interface ImportBenchResult {
  orders: number;
  clients: number;
  chunkSize: number;
  /** Milliseconds per repetition, by variant. */
  samples: Record<string, number[]>;
  /** Storage calls of our median repetition, by method and collection. */
  storage: { label: string; calls: number; ms: number }[];
  /** Our median repetition's total, and `parse(OrderInput)` over every row timed on its own. */
  oursMs: number;
  validationMs: number;
  report: Omit<ImportReport, 'errors'>;
}

// The peers index the fields a shop would look orders up by, as our orders collection does
// (created date, account code, tax ID, buyer); they link nothing and create no clients.
const dexieSchema = { orders: 'id, createdAt, accountCode, billing.taxId, billing.company' };
const peerIndexes = ['createdAt', 'accountCode', 'billing.taxId', 'billing.company'];

const chunksOf = <T>(rows: T[], size: number) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/** Ours: the whole import through the public API, on a fresh database, storage calls timed (and, with `written`, its batches kept). */
async function runOurs(name: string, rows: OrderRow[], chunkSize: number, written?: WriteOperation[][]) {
  const timing = timingAdapter(indexedDbAdapter({ name }), written);
  const crm = await createCrm({ storage: timing.adapter, settings: { autoCreateClients: true } });
  timing.reset();
  let report: ImportReport | undefined;
  const ms = await timed(async () => (report = await crm.orders.import(rows, { chunkSize })));
  const storage = [...timing.stats].map(([label, stats]: [string, CallStats]) => ({ label, ...stats }));
  await crm.close();
  const { errors, ...summary } = report!;
  if (errors.length) throw new Error(`import failed rows, first: ${JSON.stringify(errors[0])}`);
  return { ms, storage, report: summary };
}

/** Dexie: bulkPut per chunk, each its own transaction. */
async function runDexie(name: string, rows: OrderRow[], chunkSize: number) {
  const db = new Dexie(name);
  db.version(1).stores(dexieSchema);
  await db.open();
  const table = db.table('orders');
  const ms = await timed(async () => {
    for (const chunk of chunksOf(rows, chunkSize)) await table.bulkPut(chunk);
  });
  db.close();
  return ms;
}

/** Raw idb: one readwrite transaction per chunk, every put issued at once, then `tx.done`. */
async function runIdb(name: string, rows: OrderRow[], chunkSize: number) {
  const db = await openDB(name, 1, {
    upgrade(database) {
      const store = database.createObjectStore('orders', { keyPath: 'id' });
      for (const index of peerIndexes) store.createIndex(index, index);
    },
  });
  const ms = await timed(async () => {
    for (const chunk of chunksOf(rows, chunkSize)) {
      const tx = db.transaction('orders', 'readwrite');
      for (const row of chunk) void tx.store.put(row);
      await tx.done;
    }
  });
  db.close();
  return ms;
}

/** One IndexedDB request of a batch our import wrote: a row in the adapter's layout (`add`ed when new, as ours does), or a delete. */
type Replayed = { collection: string; row: object; add: boolean } | { collection: string; id: string };

/** Our import's batches as IndexedDB requests, index keys and all, made before any timing. */
function replayable(batches: WriteOperation[][]): Replayed[][] {
  return batches.map((batch) =>
    batch.map((operation) => {
      if (operation.type === 'delete') return { collection: operation.collection, id: operation.id };
      const definition = crmSchema.collections[operation.collection]!;
      const row = rowOf(definition, operation.record, recordIndexKeys(operation.collection, definition, operation.record));
      return { collection: operation.collection, row, add: operation.expectedVersion === 'absent' };
    }),
  );
}

/**
 * The floor under ours: raw idb replaying exactly the batches our import wrote (every order,
 * client, figure and timeline entry, one transaction per batch), into our schema, with nothing
 * read, checked or validated. What IndexedDB alone costs for what the import stores.
 */
async function runFloor(name: string, batches: Replayed[][]) {
  const storage = indexedDbAdapter({ name, broadcast: false });
  await storage.open(crmSchema);
  await storage.close();
  const db = await openDB(name);
  const ms = await timed(async () => {
    for (const batch of batches) {
      const tx = db.transaction([...new Set(batch.map((request) => request.collection))], 'readwrite');
      for (const request of batch) {
        const store = tx.objectStore(request.collection);
        if (!('row' in request)) void store.delete(request.id);
        else void (request.add ? store.add(request.row) : store.put(request.row));
      }
      await tx.done;
    }
  });
  db.close();
  return ms;
}

/** Bench 1: importing orders into IndexedDB, ours vs Dexie vs raw idb, same rows, same chunk size. */
export async function importBench(options: ImportBenchOptions): Promise<ImportBenchResult> {
  const { orders, clients, reps = 3, chunkSize = 1000 } = options;
  const rows = generateSampleData({ seed: 1, clients, orders, now: FIXED_NOW }).orders;
  progress(`import: ${orders} orders of ${clients} clients generated, chunks of ${chunkSize}, ${reps} reps`);

  const samples: Record<string, number[]> = { kartoteka: [], dexie: [], idb: [], 'idb, our writes': [] };
  const ours: Awaited<ReturnType<typeof runOurs>>[] = [];
  let ourWrites: Replayed[][] | undefined;
  const variants = {
    kartoteka: async (name: string) => {
      const written: WriteOperation[][] | undefined = ourWrites ? undefined : [];
      const run = await runOurs(name, rows, chunkSize, written);
      if (written) ourWrites = replayable(written);
      ours.push(run);
      return run.ms;
    },
    dexie: (name: string) => runDexie(name, rows, chunkSize),
    idb: (name: string) => runIdb(name, rows, chunkSize),
    // Last in the first rep's order, so our first run has kept the batches it replays.
    'idb, our writes': (name: string) => runFloor(name, ourWrites!),
  };
  for (let rep = 0; rep < reps; rep++) {
    for (const variant of rotated(Object.keys(variants) as (keyof typeof variants)[], rep)) {
      const name = `bench-import-${variant}-${orders}-${rep}`;
      await deleteDatabase(name);
      const ms = await variants[variant](name);
      samples[variant]!.push(ms);
      progress(`import ${orders}: rep ${rep + 1}/${reps} ${variant} ${Math.round(ms)} ms`);
      // Each variant starts on an empty disk footprint, not on the previous variant's files.
      await deleteDatabase(name);
    }
  }

  // Validation alone, for the breakdown: the same zod parse import runs on every row.
  const validation: number[] = [];
  for (let i = 0; i < 3; i++) validation.push(await timed(() => rows.forEach((row) => parse(OrderInput, row))));
  const median = [...ours].sort((a, b) => a.ms - b.ms)[Math.floor((ours.length - 1) / 2)]!;
  return {
    orders,
    clients,
    chunkSize,
    samples,
    storage: median.storage,
    oursMs: median.ms,
    validationMs: validation.sort((a, b) => a - b)[1]!,
    report: median.report,
  };
}
