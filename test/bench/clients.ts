import * as z from 'zod/mini';
import { newClientDefaults } from '../../src/clients/client-record.ts';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm, generateSampleData, validateTaxId, type Client, type Crm } from '../../src/index.ts';
import { ClientSchema } from '../../src/model/client.ts';
import type { StorageAdapter, WriteOperation } from '../../src/storage/adapter.ts';
import { FIXED_NOW, progress } from './harness.ts';

/**
 * `count` stored-form clients built straight from the sample data, as `crm.clients.create` would
 * store them (tax ID normalised, numbered, defaults filled in) but without 100k service calls:
 * the read benches need the records in place, not the time it takes to put them there.
 * Deterministic: ids are `cli_` + the number. With `statusIds` (default status key → id, from the
 * store the records go into) each client gets its sample status.
 */
export function clientRecords(count: number, statusIds?: ReadonlyMap<string, string>): Client[] {
  const { clients } = generateSampleData({ seed: 1, clients: count, orders: 0, now: FIXED_NOW });
  const at = FIXED_NOW.toISOString();
  const records = clients.map(({ input: { taxId, vatId: _, ...rest }, status }, i): Client => {
    const checked = taxId === undefined ? undefined : validateTaxId(taxId);
    const statusId = statusIds?.get(status);
    return {
      ...newClientDefaults(),
      ...rest,
      ...(taxId && checked ? { taxId: { input: taxId, country: checked.country, value: checked.value, verified: checked.valid && checked.verified } } : {}),
      ...(statusId ? { statusId } : {}),
      id: `cli_${String(i + 1).padStart(9, '0')}`,
      number: i + 1,
      createdAt: at,
      updatedAt: at,
      version: 1,
    } as Client;
  });
  // A sample is enough to catch records drifting from the stored schema.
  for (const record of records.slice(0, 200)) z.parse(ClientSchema, record);
  return records;
}

/**
 * Writes `clients` through `storage` (opened by a Crm, so the schema and tallies exist), 1,000
 * per batch, then the client-number counter and the client tally, as crm.clients.create would
 * have left them.
 */
export async function storeClients(storage: StorageAdapter, clients: Client[], label: string): Promise<void> {
  for (let i = 0; i < clients.length; i += 1000) {
    const puts: WriteOperation[] = clients.slice(i, i + 1000).map((record) => ({ type: 'put', collection: 'clients', record: record as never, expectedVersion: 'absent' }));
    await storage.write(puts);
    if (i % 20_000 === 0) progress(`${label}: storing clients, ${i} done`);
  }
  const tally = (await storage.get('meta', 'tally:clients'))!;
  await storage.write([
    { type: 'put', collection: 'meta', record: { id: 'counter:clients', value: clients.length, version: 1 }, expectedVersion: 'absent' },
    { type: 'put', collection: 'meta', record: { id: 'tally:clients', value: clients.length, version: tally.version + 1 }, expectedVersion: tally.version },
  ]);
}

/**
 * A Crm on the memory adapter holding `count` clients with their sample statuses, for the
 * element benches. The Crm that filled the store is closed: the one returned starts with no
 * caches or search index, as a page that has just opened.
 */
export async function memoryCrmWithClients(count: number, label: string): Promise<{ crm: Crm; clients: Client[] }> {
  const storage = memoryAdapter();
  const filler = await createCrm({ storage });
  const statusIds = new Map((await filler.statuses.list()).map((status) => [status.key ?? status.name, status.id]));
  const clients = clientRecords(count, statusIds);
  await storeClients(storage, clients, label);
  await filler.close();
  return { crm: await createCrm({ storage }), clients };
}
