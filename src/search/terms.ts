import { foldText } from '../text.ts';

/**
 * Every indexed term starts with one letter naming its field, so one sorted dictionary serves all
 * fields and a prefix lookup stays inside one field (`'n' + 'skod'` finds only name words).
 */
export const Tag = {
  /** A word of the record's main name: a client's name, an order's billing company or name. */
  name: 'n',
  /** A word of a contact person's name. */
  contact: 'c',
  /** Any other word: order notes, the parts of an order number. */
  word: 'w',
  /** A whole e-mail address, and separately its domain. */
  email: 'e',
  /** A tax ID as `value country`, lower-case. */
  tax: 't',
  /** A phone number as international digits (see `phoneKey`). */
  phone: 'p',
  /** An order number, folded, without spaces. */
  number: 'o',
} as const;
export type Tag = (typeof Tag)[keyof typeof Tag];

// Letters NFD cannot split into a base letter and a mark (Polish ł, Croatian đ, Danish ø…).
const ascii = /^[\x00-\x7f]*$/u;
const unsplittable: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', ħ: 'h', þ: 'th' };

/** {@link foldText} plus the letters it keeps (`Łódź` → `lodz`): how search compares text. */
export function searchFold(value: string): string {
  // Most terms (e-mails, numbers, many names) are ASCII: skip the Unicode normalisation for them.
  if (ascii.test(value)) return value.toLowerCase().replace(/\s+/gu, ' ').trim();
  return foldText(value).replace(/[łđøßæœıħþ]/gu, (letter) => unsplittable[letter] ?? letter);
}

const nonWord = /[^\p{L}\p{N}]+/u;

/** The folded words of a text, split at anything that is neither letter nor digit: `ŠKODA a.s.` → skoda, a, s. */
export function wordsOf(value: string): string[] {
  return searchFold(value).split(nonWord).filter((word) => word !== '');
}

/** Adds `tag + word` for every word of `value`. */
export function addWords(terms: Set<string>, tag: Tag, value: string | undefined): void {
  if (value === undefined) return;
  for (const word of wordsOf(value)) terms.add(tag + word);
}

/** Adds the address and its domain, so `jan.no` and `alza` both find `jan.novak@alza.cz` by prefix. */
export function addEmail(terms: Set<string>, email: string | undefined): void {
  if (email === undefined) return;
  const address = searchFold(email).replace(/\s/g, '');
  if (address === '') return;
  terms.add(Tag.email + address);
  const at = address.lastIndexOf('@');
  if (at >= 0 && at < address.length - 1) terms.add(Tag.email + address.slice(at + 1));
}

/**
 * The term of a stored tax ID: value first, so digit prefixes find it whatever the country, then
 * the country, so an exact search can still tell CZ 12345678 from SK 12345678.
 */
export function taxTerm(value: string, country: string | null): string {
  return `${Tag.tax}${value.toLowerCase()} ${(country ?? '').toLowerCase()}`;
}

/** An order number as typed in a search box compares: folded, spaces dropped (`OBJ 2026/15` → `obj2026/15`). */
export function compactNumber(value: string): string {
  return searchFold(value).replace(/ /g, '');
}
