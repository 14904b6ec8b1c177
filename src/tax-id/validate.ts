import { countryRule } from './countries.ts';
import { parseTaxId, type TaxIdOptions } from './normalize.ts';

export interface TaxIdValidation {
  /** False only when the number is empty or breaks its country's rules; unknown countries are not errors. */
  valid: boolean;
  country: string | null;
  /** The normalised number without prefix. */
  value: string;
  /**
   * Which form matched: `'vat'`; for CZ `'ico'`, `'dic'` or `'birth_number'`; for SK `'ico'`,
   * `'dic'` or `'vat'` (IČ DPH); for PL `'nip'`; for SI `'tax_number'`. Null when not valid or not verified.
   */
  kind: string | null;
  /** Why the number is invalid (`'empty'` for no input) or why it was not verified; null when valid and verified. */
  reason: string | null;
  /**
   * What kind of rule an invalid number breaks, for a message of one's own: `empty`, `format`
   * (its country's length, or a character it cannot hold), `check_digit` (a mistyped digit) or
   * `rule` (another of its country's rules; `reason` says which). Null when valid.
   */
  problem: TaxIdProblem | null;
  /** True when the country's checksum rules were applied. */
  verified: boolean;
}

export type TaxIdProblem = 'empty' | 'format' | 'check_digit' | 'rule';

/**
 * Validates a tax ID offline against its country's published format and checksum rules
 * (all EU VAT prefixes, Northern Ireland `XI`, and the CZ, SK, PL and SI national forms).
 * A number of a country without rules, or without a country, is accepted unverified.
 *
 * @example
 * ```ts
 * validateTaxId('CZ 270 82 440');
 * // { valid: true, country: 'CZ', value: '27082440', kind: 'dic', reason: null, problem: null, verified: true }
 * validateTaxId('123-456-32-18', { country: 'PL' }).kind; // 'nip'
 * validateTaxId('CZ27082441').reason; // 'The check digit does not match; the number is probably mistyped.'
 * validateTaxId('CZ27082441').problem; // 'check_digit'
 * validateTaxId('CHE-123.456.788', { country: 'CH' }).verified; // false (valid: true)
 * ```
 */
export function validateTaxId(input: string, options?: TaxIdOptions): TaxIdValidation {
  const { country, value, prefixed } = parseTaxId(input, options);
  const result = (valid: boolean, verified: boolean, kind: string | null, reason: string | null, problem: TaxIdProblem | null = null): TaxIdValidation => ({
    valid,
    country,
    value,
    kind,
    reason,
    problem,
    verified,
  });

  if (value === '') return result(false, false, null, 'empty', 'empty');
  const rule = countryRule(country);
  if (rule === undefined) {
    return result(
      true,
      false,
      null,
      country === null
        ? 'No country given, so no checksum rule applies; stored as typed.'
        : 'No checksum rule for this country; stored as typed.',
    );
  }
  if (!rule.shape.test(value)) {
    return result(false, true, null, `Wrong format for ${rule.name}: expected ${rule.expected}.`, 'format');
  }
  const outcome = rule.check(value, prefixed);
  if ('kind' in outcome) return result(true, true, outcome.kind, null);
  return result(false, true, null, outcome.reason, outcome.problem ?? 'rule');
}
