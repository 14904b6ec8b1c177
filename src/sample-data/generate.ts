import * as z from 'zod/mini';
import type { CreateClientInput } from '../model/client.ts';
import type { NoteInput } from '../model/note.ts';
import type { OrderInput } from '../model/order.ts';
import { SeedLanguage } from '../seed-names.ts';
import { foldText } from '../text.ts';
import { parse } from '../validation.ts';
import { seededRandom, type Random } from './random.ts';
import { sampleTaxId, typedVariant } from './tax-ids.ts';
import { vocabularies, type CountryVocabulary } from './vocabulary.ts';
import { SAMPLE_TEXTS, type SampleTexts } from './texts.ts';

/** A client of the sample set; its status and stars by the key of the default they are (`regular_customer`, `red`): ids and names differ per store. */
export interface SampleClient {
  input: Omit<CreateClientInput, 'statusId' | 'stars'>;
  status: string;
  stars: string[];
  notes: NoteInput[];
}

export interface SampleData {
  clients: SampleClient[];
  orders: OrderInput[];
}

export interface SampleDataOptions {
  seed?: number;
  clients?: number;
  orders?: number;
  /** The newest order date; orders spread over the 18 months before it. */
  now?: Date;
  /** The shop's language, which its products, notes and contact roles are written in: `'en'` (default), `'cs'`, `'pl'`, `'sl'`. The data is otherwise the same. */
  language?: SeedLanguage;
}

/** The catalogue; each product's name is in {@link SampleTexts.products}, at the same place. */
const products = [
  { sku: 'KAV-1000', price: 45_900 },
  { sku: 'PAP-A4', price: 54_900 },
  { sku: 'TON-285', price: 129_000 },
  { sku: 'RUK-L', price: 23_900 },
  { sku: 'SRB-M8', price: 38_500 },
  { sku: 'LAM-LED', price: 89_900 },
  { sku: 'CIS-5L', price: 19_900 },
];
const channels = ['eshop', 'b2b-portal', 'phone', 'marketplace'];
const orderStatuses = ['new', 'processing', 'shipped', 'delivered', 'delivered', 'delivered', 'cancelled'];
const statusWeights = ['lead', 'new_partner', 'regular_customer', 'regular_customer', 'regular_customer', 'vip', 'individual_terms'];
const starKeys = ['red', 'yellow', 'green', 'blue'];

const slug = (text: string) => foldText(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const phone = (random: Random, v: CountryVocabulary) => `${v.phonePrefix} ${random.int(600, 799)} ${random.digits(3)} ${random.digits(3)}`;

/** A person's name, the surname in the form that agrees with the first name: Jana Nováková, Petr Novák. */
function personName(random: Random, v: CountryVocabulary): string {
  const first = random.pick(v.firstNames);
  const [man, woman] = random.pick(v.lastNames);
  return `${first} ${v.womensNames.includes(first) ? woman : man}`;
}

function address(random: Random, v: CountryVocabulary) {
  const place = random.pick(v.cities);
  return { street: `${random.pick(v.streets)} ${random.int(1, 120)}`, city: place.city, postalCode: place.postalCode, country: v.country };
}

function sampleClient(random: Random, index: number, usedTaxIds: Set<string>, texts: SampleTexts): SampleClient {
  const v = vocabularies[index % vocabularies.length]!;
  const round = Math.floor(index / (vocabularies.length * v.stems.length));
  const stem = v.stems[Math.floor(index / vocabularies.length) % v.stems.length]!;
  // Beyond the first round of stems, a branch town tells the companies apart, then a number.
  const branch = round ? ` ${v.cities[(round - 1) % v.cities.length]!.city}${round > v.cities.length ? ` ${Math.ceil(round / v.cities.length)}` : ''}` : '';
  const name = `${stem}${branch} ${random.pick(v.legalForms)}`;
  let taxId = sampleTaxId(random, v);
  while (usedTaxIds.has(taxId)) taxId = sampleTaxId(random, v);
  usedTaxIds.add(taxId);
  const contact = personName(random, v);
  const domain = `${slug(stem + branch)}.${v.domain}`;
  const billingAddress = address(random, v);
  const current = random.chance(0.7);
  return {
    input: {
      name,
      taxId,
      contacts: [{ name: contact, role: random.pick(texts.contactRoles), email: `${slug(contact).replace(/-/g, '.')}@${domain}`, phone: phone(random, v) }],
      emails: [`info@${domain}`],
      phones: [phone(random, v)],
      billingAddress,
      deliveryAddresses: random.chance(0.3) ? [{ label: texts.warehouse, ...address(random, v) }] : [billingAddress],
      lifecycle: current ? 'current' : 'potential',
      ...(current ? {} : { temperature: random.pick(['hot', 'warm', 'cold', 'not_interested'] as const) }),
      ...(random.chance(0.4) ? { discountPercent: random.pick([3, 5, 7.5, 10]) } : {}),
      ...(random.chance(0.2) ? { discountClass: random.int(1, 3) } : {}),
      ...(random.chance(0.3) ? { accountCode: `${slug(stem).slice(0, 8)}-${index}` } : {}),
      ...(random.chance(0.15) ? { nextOrderReminder: texts.nextOrderReminder } : {}),
      currency: v.currency,
      language: v.language,
      tags: random.chance(0.3) ? [texts.wholesaleTag] : [],
    },
    status: current ? random.pick(statusWeights.slice(1)) : 'lead',
    stars: random.chance(0.25) ? [random.pick(starKeys)] : [],
    notes: Array.from({ length: random.int(0, 2) }, (): NoteInput => ({ ...random.pick(texts.clientNotes) })),
  };
}

function sampleOrder(random: Random, index: number, clients: SampleClient[], newest: number, texts: SampleTexts): OrderInput {
  const createdAt = new Date(newest - random.int(0, 547) * 86_400_000 - random.int(0, 86_399) * 1000).toISOString();
  const lines = Array.from({ length: random.int(1, 4) }, () => {
    const at = random.int(0, products.length - 1);
    const product = products[at]!;
    return { sku: product.sku, name: texts.products[at]!, quantity: random.int(1, 20), unitPrice: product.price };
  });
  const total = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const client = random.pick(clients).input;
  const kind = random.next();
  // Mostly the clients' own orders; some retail buyers; some of a client's orders typed without its tax ID (B15).
  const billing =
    kind < 0.08
      ? { name: personName(random, vocabularies[0]!), email: `buyer${index}@example.com` }
      : kind < 0.12
        ? { company: client.name, email: client.emails![0]! }
        : { company: client.name, name: client.contacts![0]!.name, taxId: typedVariant(random, client.taxId!), email: client.contacts![0]!.email!, address: client.billingAddress! };
  const paymentState = random.pick(['paid', 'paid', 'paid', 'unpaid', 'partially_paid'] as const);
  return {
    id: `sample-${String(index + 1).padStart(7, '0')}`,
    number: `S${String(index + 1).padStart(6, '0')}`,
    channel: random.pick(channels),
    ...(client.accountCode && kind >= 0.08 ? { accountCode: client.accountCode } : {}),
    billing,
    items: lines,
    currency: kind < 0.08 ? 'CZK' : client.currency!,
    total,
    status: random.pick(orderStatuses),
    paymentState,
    documents: [
      ...(paymentState === 'paid' ? [{ kind: 'invoice' as const, number: `FV${String(index + 1).padStart(6, '0')}`, issuedAt: createdAt }] : []),
      ...(random.chance(0.1) ? [{ kind: 'receipt' as const, number: `R${index + 1}`, issuedAt: createdAt }] : []),
      ...(random.chance(0.03) ? [{ kind: 'credit_note' as const, number: `D${index + 1}`, issuedAt: createdAt }] : []),
    ],
    notes: {
      ...(random.chance(0.2) ? { customer: texts.orderNotes.customer } : {}),
      ...(random.chance(0.15) ? { shopPublic: texts.orderNotes.shopPublic } : {}),
      ...(random.chance(0.1) ? { shopPrivate: texts.orderNotes.shopPrivate } : {}),
    },
    createdAt,
  };
}

/**
 * A deterministic, realistic data set: B2B clients in CZ, SK, PL and SI with valid tax IDs and
 * local names, their orders over 18 months, retail orders, and orders that duplicate a client.
 * @example
 * ```ts
 * const { clients, orders } = generateSampleData({ seed: 7, clients: 30_000, orders: 100_000 });
 * ```
 */
export function generateSampleData(options: SampleDataOptions = {}): SampleData {
  const { seed = 1, clients: clientCount = 40, orders: orderCount = 300, now = new Date() } = options;
  const texts = SAMPLE_TEXTS[parse(z.optional(SeedLanguage), options.language, ['language']) ?? 'en'];
  const random = seededRandom(seed);
  const usedTaxIds = new Set<string>();
  const clients = Array.from({ length: clientCount }, (_, i) => sampleClient(random, i, usedTaxIds, texts));
  const orders = clientCount ? Array.from({ length: orderCount }, (_, i) => sampleOrder(random, i, clients, now.getTime(), texts)) : [];
  return { clients, orders };
}
