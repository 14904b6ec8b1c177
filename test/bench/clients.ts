import * as z from 'zod/mini';
import { generateSampleData, validateTaxId, type Client } from '../../src/index.ts';
import { ClientSchema } from '../../src/model/client.ts';
import { FIXED_NOW } from './harness.ts';

/**
 * `count` stored-form clients built straight from the sample data, as `crm.clients.create` would
 * store them (tax ID normalised, numbered, defaults filled in) but without 100k service calls:
 * the read benches need the records in place, not the time it takes to put them there.
 * Deterministic: ids are `cli_` + the number.
 */
export function clientRecords(count: number): Client[] {
  const { clients } = generateSampleData({ seed: 1, clients: count, orders: 0, now: FIXED_NOW });
  const at = FIXED_NOW.toISOString();
  const records = clients.map(({ input: { taxId, vatId: _, ...rest } }, i): Client => {
    const checked = taxId === undefined ? undefined : validateTaxId(taxId);
    return {
      kind: 'company',
      contacts: [],
      emails: [],
      phones: [],
      deliveryAddresses: [],
      stars: [],
      lifecycle: 'potential',
      externalLinks: [],
      tags: [],
      customFields: {},
      ...rest,
      ...(taxId && checked ? { taxId: { input: taxId, country: checked.country, value: checked.value, verified: checked.valid && checked.verified } } : {}),
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
