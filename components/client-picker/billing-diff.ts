import { billingFromClient, formatTaxId, type Address, type Billing, type Client, type TaxId } from '../../src/index.ts';
import { addressLine } from '../base/address.ts';

/** One line of the B10 dialog: a billing field, what the order has, what it will have. */
export interface BillingChange {
  field: 'company' | 'name' | 'taxId' | 'vatId' | 'email' | 'phone' | 'address';
  before: string;
  after: string;
}

const show = (value: string | TaxId | Address | undefined): string => {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if ('value' in value) return formatTaxId(value);
  return addressLine(value);
};

/** What replacing the order's billing with the client's changes (B10), field by field. */
export function billingChanges(current: Billing, client: Client): BillingChange[] {
  const next = billingFromClient(client, current);
  const fields: BillingChange['field'][] = ['company', 'name', 'taxId', 'vatId', 'email', 'phone', 'address'];
  return fields
    .map((field) => ({ field, before: show(current[field]), after: show(next[field]) }))
    .filter((change) => change.before !== change.after);
}
