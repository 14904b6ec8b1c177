/**
 * Run by duplicates-merge.test.ts in a node of a small heap: findDuplicates over clients
 * who share a name with many unlinked orders. Prints "ok <groups>" when it completes.
 */
import { createCrm } from '../../src/index.ts';
import { memoryAdapter } from '../../adapters/memory/index.ts';

const clients = Number(process.argv[2] ?? 600);
const orders = Number(process.argv[3] ?? 400);
const crm = await createCrm({ storage: memoryAdapter(), rules: { autoRun: false } });
await crm.orders.import(
  Array.from({ length: orders }, (_, i) => ({
    id: `o${i}`,
    number: `N${i}`,
    currency: 'CZK',
    total: 100,
    createdAt: '2026-10-15T09:00:00Z',
    billing: { name: 'Jan Novák' },
    items: Array.from({ length: 5 }, (_, j) => ({ name: `Item ${j} ${'y'.repeat(100)}`, quantity: 1, unitPrice: 100 })),
  })),
);
for (let i = 0; i < clients; i++) await crm.clients.create({ name: 'Jan Novák', kind: 'person' });
const groups = await crm.clients.findDuplicates();
console.log(`ok ${groups.length}`);
