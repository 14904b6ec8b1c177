import { formatTaxId, type Client } from '../../src/index.ts';
import type { Translation } from '../translations/en.ts';

/**
 * What `crm.clients.label` says (name, tax ID, number), with the number worded in the user's
 * language: the SDK's label is English by design.
 */
export function clientLabel(client: Pick<Client, 'name' | 'number' | 'taxId'>, t: Translation, number: (value: number) => string): string {
  const taxId = client.taxId ? `, ${formatTaxId(client.taxId)}` : '';
  return `${client.name}${taxId} (${t.clientLabel(number(client.number))})`;
}
