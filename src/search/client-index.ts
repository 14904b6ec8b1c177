import type { Client } from '../model/client.ts';
import { phoneKey } from './phone.ts';
import { TextIndex, type Indexer } from './text-index.ts';
import { Tag, addEmail, addWords, searchFold, taxTerm } from './terms.ts';

export interface ClientSearchOptions {
  /** The shop's country (e.g. `'CZ'`): numbers typed without a country code or tax prefix are read as its. */
  defaultCountry?: string;
}

/**
 * Among equal matches the shorter name is the closer one ("Alza" before "Alza Trade"), then the
 * alphabetically first: the length plus a fraction spelling the first 8 letters and digits.
 */
function nameOrder(name: string): number {
  const folded = searchFold(name);
  let fraction = 0;
  let scale = 1;
  for (const char of folded.replace(/[^a-z0-9]/gu, '').slice(0, 8)) {
    scale /= 37;
    fraction += (char <= '9' ? char.charCodeAt(0) - 47 : char.charCodeAt(0) - 86) * scale;
  }
  return folded.length + fraction;
}

function clientIndexer(defaultCountry: string | undefined): Indexer<Client> {
  return {
    id: (client) => client.id,
    terms(client) {
      const terms = new Set<string>();
      addWords(terms, Tag.name, client.name);
      for (const email of client.emails) addEmail(terms, email);
      for (const phone of client.phones) terms.add(Tag.phone + phoneKey(phone, defaultCountry));
      for (const contact of client.contacts) {
        addWords(terms, Tag.contact, contact.name);
        addEmail(terms, contact.email);
        if (contact.phone !== undefined) terms.add(Tag.phone + phoneKey(contact.phone, defaultCountry));
      }
      for (const taxId of [client.taxId, client.vatId]) if (taxId) terms.add(taxTerm(taxId.value, taxId.country));
      return terms;
    },
    numberKey: (client) => client.number,
    tieKey: (client) => nameOrder(client.name),
  };
}

/**
 * Finds clients while the customer is on the phone: by words of the name and of contact persons'
 * names (prefix, else substring; case and diacritics ignored), tax or VAT ID in any formatting or
 * by its first digits, e-mail address or domain prefix, phone digits with or without the calling
 * code, and the client number.
 *
 * Scores: 4 exact tax ID or client number, 3 a name word starts with every query word, 2 other
 * fields' prefixes, 1 substrings; ties go to the shorter name, then the id. Keep it current with
 * {@link ClientSearchIndex.put} / {@link ClientSearchIndex.remove} on every write.
 *
 * @example
 * ```ts
 * const index = new ClientSearchIndex({ defaultCountry: 'CZ' });
 * index.rebuild(await readAllClients());
 * index.search('skoda');                       // finds "ŠKODA AUTO a.s."
 * index.search('CZ 270 82 440');               // exact tax ID: score 4
 * index.search('777 123 456', { limit: 10, filter: (id) => canSee(id) });
 * index.put(updatedClient);                    // after every write
 * index.stats();                               // { documents, terms, approxBytes }
 * ```
 */
export class ClientSearchIndex extends TextIndex<Client> {
  constructor(options: ClientSearchOptions = {}) {
    super(clientIndexer(options.defaultCountry), options.defaultCountry);
  }
}
