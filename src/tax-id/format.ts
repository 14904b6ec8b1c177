import { canonicalCountry, countryRule } from './countries.ts';
import { cleanTaxIdText, type NormalizedTaxId } from './normalize.ts';

// Hand-built objects ({ country: 'cz', value: '270 82 440' }) format and match like parsed ones.
function canonical(taxId: NormalizedTaxId): NormalizedTaxId {
  return {
    country: taxId.country === null ? null : canonicalCountry(taxId.country) || null,
    value: cleanTaxIdText(taxId.value),
  };
}

/**
 * Writes a tax ID for display or export.
 *
 * - `'vat'` (default): prefix and number without spaces, as VIES and invoices show it. Only known
 *   VAT prefixes are written; for other or unknown countries the number is returned as typed, so
 *   normalising the output with the same country gives the same tax ID back.
 * - `'national'`: the local written form without prefix; PL NIP as `123-456-32-18`, others as plain number.
 *
 * @example
 * ```ts
 * formatTaxId({ country: 'CZ', value: '27082440' });             // 'CZ27082440'
 * formatTaxId({ country: 'EL', value: '094014201' });            // 'EL094014201'
 * formatTaxId({ country: 'PL', value: '1234563218' }, 'national'); // '123-456-32-18'
 * formatTaxId({ country: null, value: 'ABC123' });               // 'ABC123'
 * ```
 */
export function formatTaxId(taxId: NormalizedTaxId, style: 'vat' | 'national' = 'vat'): string {
  const { country, value } = canonical(taxId);
  if (style === 'national') {
    return country === 'PL' && /^\d{10}$/.test(value)
      ? `${value.slice(0, 3)}-${value.slice(3, 6)}-${value.slice(6, 8)}-${value.slice(8)}`
      : value;
  }
  return country !== null && countryRule(country) !== undefined ? country + value : value;
}

/**
 * A stable key for matching and de-duplicating tax IDs: `COUNTRY:VALUE`, with an empty
 * country part when the country is unknown.
 *
 * @example
 * ```ts
 * taxIdKey(normalizeTaxId('CZ 270 82 440'));                 // 'CZ:27082440'
 * taxIdKey(normalizeTaxId('27082440', { country: 'cz' }));   // 'CZ:27082440'
 * taxIdKey({ country: null, value: 'abc-123' });             // ':ABC123'
 * ```
 */
export function taxIdKey(taxId: NormalizedTaxId): string {
  const { country, value } = canonical(taxId);
  return `${country ?? ''}:${value}`;
}
