import { openDB } from 'idb';
import Dexie from 'dexie/dist/modern/dexie.min.mjs';
import { indexedDbAdapter } from '../../adapters/indexeddb/index.ts';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { recordIndexKeys, rowOf } from '../../adapters/indexeddb/row.ts';
import { crmSchema } from '../../src/storage/schema.ts';
import type { WriteOperation } from '../../src/storage/adapter.ts';
import { createCrm, generateSampleData, type ImportReport, type OrderInput as OrderRow } from '../../src/index.ts';
import { OrderInput } from '../../src/model/order.ts';
import { parse } from '../../src/validation.ts';
import { FIXED_NOW, deleteDatabase, forceGc, timed } from './harness.ts';
import { timingAdapter, type CallStats } from './timing-adapter.ts';

export interface ImportRunOptions {
  orders: number;
  clients: number;
  chunkSize: number;
  variant: ImportVariant;
}

export interface ImportRun {
  ms: number;
  /** Ours only: storage calls by method and collection, and the import's report. */
  storage?: { label: string; calls: number; ms: number }[];
  report?: Omit<ImportReport, 'errors'>;
}

// The peers index the fields a shop would look orders up by (created date, account code, tax ID,
// buyer), as our orders collection does, though ours keeps the buyer only of orders without a
// client (B15); they link nothing and create no clients.
const dexieSchema = { orders: 'id, createdAt, accountCode, billing.taxId, billing.company' };
const peerIndexes = ['createdAt', 'accountCode', 'billing.taxId', 'billing.company'];

const chunksOf = <T>(rows: T[], size: number) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/** Ours: the whole import through the public API, on a fresh database, storage calls timed. */
async function runOurs(name: string, rows: OrderRow[], chunkSize: number): Promise<ImportRun> {
  const timing = timingAdapter(indexedDbAdapter({ name }));
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

/** Dexie storing exactly the records our import stored, in our schema's tables and indexes, one transaction per batch. */
async function runDexieFloor(name: string, batches: Replayed[][]) {
  const db = new Dexie(name);
  db.version(1).stores(Object.fromEntries(Object.entries(crmSchema.collections).map(([collection, definition]) => [
    collection,
    ['id', ...Object.entries(definition.indexes).map(([index, { unique, multiEntry }]) => `${unique ? '&' : multiEntry ? '*' : ''}keys.${index}`)].join(', '),
  ])));
  await db.open();
  const ms = await timed(async () => {
    for (const batch of batches) {
      const collections = [...new Set(batch.map((request) => request.collection))];
      // Every table's requests at once, as the raw idb replay makes them.
      await db.transaction('rw', collections, () =>
        Promise.all(
          collections.flatMap((collection) => {
            const requests = batch.filter((request) => request.collection === collection);
            const rows = requests.flatMap((request) => ('row' in request ? [request.row] : []));
            const deleted = requests.flatMap((request) => ('id' in request ? [request.id] : []));
            return [rows.length ? db.table(collection).bulkPut(rows) : undefined, deleted.length ? db.table(collection).bulkDelete(deleted) : undefined];
          }),
        ),
      );
    }
  });
  db.close();
  return ms;
}

/** The batches our import writes for `rows`, made untimed on a memory store: the floor variants replay them. */
async function ourBatches(rows: OrderRow[], chunkSize: number): Promise<Replayed[][]> {
  const written: WriteOperation[][] = [];
  const timing = timingAdapter(memoryAdapter(), written);
  const crm = await createCrm({ storage: timing.adapter, settings: { autoCreateClients: true } });
  written.length = 0;
  await crm.orders.import(rows, { chunkSize });
  await crm.close();
  return replayable(written);
}

/** The variants run.mjs runs, each in a browser of its own. */
export type ImportVariant = 'kartoteka' | 'dexie' | 'idb' | 'idb, our writes' | 'dexie, our writes' | 'idb, our orders alone' | 'idb, our orders and clients';
/** The variants that replay what our import wrote. */
const replays: ReadonlySet<ImportVariant> = new Set(['idb, our writes', 'dexie, our writes', 'idb, our orders alone', 'idb, our orders and clients']);
/** What replaying only `collections` of our batches stores. */
const onlyOf = (batches: Replayed[][], ...collections: string[]) => batches.map((batch) => batch.filter((request) => collections.includes(request.collection)));

/**
 * Bench 1, one run: `variant` imports the generated orders into a new database. run.mjs calls it
 * in a new browser profile for every run, so no run pays for the disk work a previous one left
 * (Chromium keeps one LevelDB per origin, and compacts it after a large database is deleted).
 */
export async function importRun({ orders, clients, chunkSize, variant }: ImportRunOptions): Promise<ImportRun> {
  const rows = generateSampleData({ seed: 1, clients, orders, now: FIXED_NOW }).orders;
  const batches = replays.has(variant) ? await ourBatches(rows, chunkSize) : [];
  const run = (name: string, rows: OrderRow[], batches: Replayed[][]): Promise<ImportRun> => {
    switch (variant) {
      case 'kartoteka':
        return runOurs(name, rows, chunkSize);
      case 'dexie':
        return runDexie(name, rows, chunkSize).then((ms) => ({ ms }));
      case 'idb':
        return runIdb(name, rows, chunkSize).then((ms) => ({ ms }));
      case 'idb, our writes':
        return runFloor(name, batches).then((ms) => ({ ms }));
      case 'dexie, our writes':
        return runDexieFloor(name, batches).then((ms) => ({ ms }));
      case 'idb, our orders alone':
        return runFloor(name, onlyOf(batches, 'orders')).then((ms) => ({ ms }));
      case 'idb, our orders and clients':
        return runFloor(name, onlyOf(batches, 'orders', 'clients')).then((ms) => ({ ms }));
    }
  };
  // One chunk first, into a database thrown away: every variant is timed with its code compiled and warm.
  await run('bench-import-warm-up', rows.slice(0, chunkSize), batches.slice(0, 1));
  await deleteDatabase('bench-import-warm-up');
  const name = `bench-import-${orders}`;
  await deleteDatabase(name);
  // The garbage of making the batches and of the warm-up is not the timed run's to collect.
  forceGc();
  return run(name, rows, batches);
}

/** The median of three timings of `parse(OrderInput)` over every row: what import's validation alone costs. */
export async function importValidation({ orders, clients }: { orders: number; clients: number }): Promise<number> {
  const rows = generateSampleData({ seed: 1, clients, orders, now: FIXED_NOW }).orders;
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) samples.push(await timed(() => rows.forEach((row) => parse(OrderInput, row))));
  return samples.sort((a, b) => a - b)[1]!;
}
