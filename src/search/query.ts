import { normalizeTaxId } from '../tax-id/index.ts';
import { phonePrefixes } from './phone.ts';
import { Tag, compactNumber, searchFold } from './terms.ts';

/** How well a record matched; higher ranks first. */
export const Tier = {
  /** The text is the inner part of a name word. */
  substring: 1,
  /** A word of a contact, a note, an e-mail, tax ID or phone starts with the text. */
  secondary: 2,
  /** A word of the main name or the order number starts with the text. */
  primary: 3,
  /** The whole text is the record's tax ID or number. */
  exact: 4,
} as const;

/** Slot of the probes that match the whole text exactly. */
export const EXACT_SLOT = -1;
/** A query fills at most this many slots (3 bits each in a 32-bit mask); later words are ignored. */
export const MAX_SLOTS = 10;

/** Terms starting with (or, when `prefix` is false, equal to) `term` fill `slot` at `tier`. */
export interface Probe {
  term: string;
  prefix: boolean;
  slot: number;
  tier: number;
}

/** Terms with `tag` (a name field) that contain `needle` fill `slot` at {@link Tier.substring}. */
export interface SubstringProbe {
  tag: string;
  needle: string;
  slot: number;
}

/**
 * One word of the query; a record matches it when its identifier slot matches (e-mail, tax ID,
 * phone, order number) or each of its text slots does (its letter-and-digit parts, all by name
 * and note words). A single-part word has one slot serving both.
 */
export interface QueryGroup {
  identSlot: number;
  textSlots: number[];
}

/** A search text turned into term lookups; a record must match every group (AND). */
export interface CompiledQuery {
  probes: Probe[];
  substrings: SubstringProbe[];
  groups: QueryGroup[];
  /** The whole text read as a record number, when it is digits alone. */
  number?: number;
}

const nonWord = /[^\p{L}\p{N}]+/u;
const numeric = (piece: string) => /^[+\d()./-]+$/u.test(piece) && /\d/u.test(piece);
const countryLike = /^[a-z]{2}$/u;

/**
 * Splits folded text at spaces, keeping a run of digit groups (with a two-letter country code
 * before it) together, as people type phones and tax IDs: `cz 270 82 440` is one word,
 * `+420 777 123 456` another.
 */
export function queryWords(text: string): string[][] {
  const words: string[][] = [];
  for (const piece of searchFold(text).split(' ')) {
    const last = words[words.length - 1];
    const joins =
      last !== undefined &&
      numeric(piece) &&
      (numeric(last[last.length - 1]!) || (last.length === 1 && countryLike.test(last[0]!)));
    if (joins) last.push(piece);
    else if (piece !== '') words.push([piece]);
  }
  return words;
}

/**
 * Compiles a search text: every word by prefix in each field (by substring too in names), and the
 * whole text as an exact tax ID or record number.
 */
export function compileQuery(text: string, defaultCountry: string | undefined): CompiledQuery {
  const probes: Probe[] = [];
  const substrings: SubstringProbe[] = [];
  const groups: QueryGroup[] = [];
  const countryOptions = defaultCountry === undefined ? {} : { defaultCountry };
  const prefix = (term: string, slot: number, tier: number) => probes.push({ term, prefix: true, slot, tier });
  let slots = 0;

  for (const pieces of queryWords(text)) {
    const parts = pieces.flatMap((piece) => piece.split(nonWord)).filter((part) => part !== '');
    if (parts.length === 0) continue;
    if (slots + (parts.length === 1 ? 1 : parts.length + 1) > MAX_SLOTS) break;
    const identSlot = slots++;
    const textSlots = parts.length === 1 ? [identSlot] : parts.map(() => slots++);
    groups.push({ identSlot, textSlots });

    parts.forEach((part, i) => {
      const slot = textSlots[i]!;
      prefix(Tag.name + part, slot, Tier.primary);
      prefix(Tag.contact + part, slot, Tier.secondary);
      prefix(Tag.word + part, slot, Tier.secondary);
      if (part.length >= 3) {
        substrings.push({ tag: Tag.name, needle: part, slot }, { tag: Tag.contact, needle: part, slot });
      }
    });

    const compact = pieces.join('');
    prefix(Tag.email + compact.replace(/^@+/u, ''), identSlot, Tier.secondary);
    prefix(Tag.number + compact, identSlot, Tier.primary);
    const tax = normalizeTaxId(compact, countryOptions).value.toLowerCase();
    if (tax.length >= 3 && /\d/u.test(tax)) prefix(Tag.tax + tax, identSlot, Tier.secondary);
    if (numeric(compact)) {
      for (const key of phonePrefixes(compact, defaultCountry)) if (key.length >= 3) prefix(Tag.phone + key, identSlot, Tier.secondary);
    }
  }
  if (groups.length === 0) return { probes: [], substrings: [], groups };

  const exact = (term: string, isPrefix = false) => probes.push({ term, prefix: isPrefix, slot: EXACT_SLOT, tier: Tier.exact });
  const whole = compactNumber(text);
  exact(Tag.number + whole);
  const taxId = normalizeTaxId(text, countryOptions);
  const value = taxId.value.toLowerCase();
  if (/\d/u.test(value)) {
    // A stored tax ID without a country matches any country; a query without one matches every country.
    if (taxId.country === null) {
      exact(`${Tag.tax}${value} `, true);
    } else {
      exact(`${Tag.tax}${value} ${taxId.country.toLowerCase()}`);
      exact(`${Tag.tax}${value} `);
    }
  }
  return /^\d{1,15}$/u.test(whole) ? { probes, substrings, groups, number: Number(whole) } : { probes, substrings, groups };
}
