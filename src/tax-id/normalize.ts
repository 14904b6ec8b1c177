import { canonicalCountry, countryRule } from './countries.ts';

/** A tax ID split into its country prefix and the number without it. */
export interface NormalizedTaxId {
  /** Upper-case VAT prefix (`'CZ'`, `'EL'`, `'XI'`…) or another given country code; null when unknown. */
  country: string | null;
  /** The number without prefix, upper-cased, without spaces or punctuation. */
  value: string;
}

export interface TaxIdOptions {
  /** The country the user picked for this number; a prefix typed in the number still wins. */
  country?: string;
  /** The country to assume when neither the number nor `country` names one (e.g. the shop's own). */
  defaultCountry?: string;
}

/** Upper-cases and drops the separators people type inside tax IDs: whitespace . - / : _ */
export function cleanTaxIdText(text: string): string {
  return text.toUpperCase().replace(/[\s._:/-]+/gu, '');
}

/** The normalised tax ID and whether its country was typed as a prefix. */
export interface ParsedTaxId extends NormalizedTaxId {
  prefixed: boolean;
}

/**
 * Splits a typed tax ID; {@link normalizeTaxId} without dropping whether a prefix was typed.
 *
 * A leading known country code is taken as the prefix. The one exception: when the given
 * (or default) country's numbers can start with letters (French keys such as `AT…`) and the
 * whole input fits that country but the rest does not fit the prefix's country, the letters
 * belong to the number.
 */
export function parseTaxId(input: string, options: TaxIdOptions = {}): ParsedTaxId {
  const text = cleanTaxIdText(input);
  const fallback = canonicalCountry(options.country ?? '') || canonicalCountry(options.defaultCountry ?? '') || null;

  const prefix = canonicalCountry(text.slice(0, 2));
  const prefixRule = countryRule(prefix);
  if (prefixRule !== undefined) {
    const rest = text.slice(2);
    const fallbackRule = prefix === fallback ? undefined : countryRule(fallback);
    const belongsToFallback =
      fallbackRule !== undefined && fallbackRule.shape.test(text) && !prefixRule.shape.test(rest);
    if (!belongsToFallback) return { country: prefix, value: rest, prefixed: true };
  }
  return { country: fallback, value: text, prefixed: false };
}

/**
 * Normalises a typed tax ID: strips spaces, dots, dashes, slashes, colons and underscores,
 * upper-cases, and splits off a leading EU VAT country prefix (`GR` is read as `EL`).
 * The prefix in the input wins over `options.country`, which wins over `options.defaultCountry`.
 *
 * @example
 * ```ts
 * normalizeTaxId('CZ 270 82 440');                       // { country: 'CZ', value: '27082440' }
 * normalizeTaxId('270-82-440', { country: 'CZ' });       // { country: 'CZ', value: '27082440' }
 * normalizeTaxId('EL: 094014201');                       // { country: 'EL', value: '094014201' }
 * normalizeTaxId('x1234567l', { defaultCountry: 'ES' }); // { country: 'ES', value: 'X1234567L' }
 * ```
 */
export function normalizeTaxId(input: string, options?: TaxIdOptions): NormalizedTaxId {
  const { country, value } = parseTaxId(input, options);
  return { country, value };
}
