import type { Address } from '../../src/index.ts';

/** An address on one line: street, postal code and town, country (what is known of them). */
export function addressLine(address: Address): string {
  return [address.street, [address.postalCode, address.city].filter(Boolean).join(' '), address.country].filter(Boolean).join(', ');
}
