import type { Address } from '../../src/index.ts';
import { addressLine } from '../base/address.ts';

/**
 * K7: where staff look a client up. Built from fixed https addresses with the client's text
 * encoded as a query, so no client data can become a `javascript:` or other link.
 */
export const lookupLinks = {
  mailbox: (email: string) => `https://mail.google.com/mail/u/0/#search/${encodeURIComponent(email)}`,
  web: (company: string) => `https://duckduckgo.com/?q=${encodeURIComponent(company)}`,
  map: (address: Address) => `https://www.openstreetmap.org/search?query=${encodeURIComponent(addressLine(address))}`,
};
