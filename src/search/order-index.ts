import type { Order } from '../model/order.ts';
import { TextIndex, type Indexer } from './text-index.ts';
import { Tag, addEmail, addWords, compactNumber, taxTerm } from './terms.ts';

export interface OrderSearchOptions {
  /** The shop's country (e.g. `'CZ'`): a tax ID typed without prefix is read as its. */
  defaultCountry?: string;
}

const orderIndexer: Indexer<Order> = {
  id: (order) => order.id,
  terms(order) {
    const terms = new Set<string>();
    const { billing, notes } = order;
    if (order.number !== undefined) {
      terms.add(Tag.number + compactNumber(order.number));
      addWords(terms, Tag.word, order.number);
    }
    addWords(terms, Tag.name, billing.company);
    addWords(terms, Tag.name, billing.name);
    addEmail(terms, billing.email);
    for (const taxId of [billing.taxId, billing.vatId]) if (taxId) terms.add(taxTerm(taxId.value, taxId.country));
    addWords(terms, Tag.word, notes?.customer);
    addWords(terms, Tag.word, notes?.shopPublic);
    addWords(terms, Tag.word, notes?.shopPrivate);
    return terms;
  },
  // Among equal matches the newest order first: the one a calling customer most likely means.
  tieKey: (order) => -Date.parse(order.createdAt) || 0,
};

/**
 * Full-text search over orders: the order number (exact, or by prefix, or any of its parts), the
 * billing company and name (prefix, else substring), e-mail, tax or VAT ID, and the words of all
 * three notes (the customer's, the shop's public and private one). Every word of the query must
 * match, each by prefix.
 *
 * Scores: 4 exact number or tax ID, 3 prefix of the number or a billing-name word, 2 other fields,
 * 1 substrings of billing names; ties go to the newer order, then the id.
 *
 * @example
 * ```ts
 * const index = new OrderSearchIndex({ defaultCountry: 'CZ' });
 * index.rebuild(orders);
 * index.search('2026/1001');           // exact order number: score 4
 * index.search('novak paleta');        // billing name and a note word, both required
 * index.remove(order.id);
 * ```
 */
export class OrderSearchIndex extends TextIndex<Order> {
  constructor(options: OrderSearchOptions = {}) {
    super(orderIndexer, options.defaultCountry);
  }
}
