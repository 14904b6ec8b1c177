import type { CrmContext } from './context.ts';
import { invalid } from './errors.ts';
import type { TaxId } from './model/common.ts';
import { validateTaxId } from './tax-id/index.ts';

/**
 * Turns a typed tax ID into its stored form, normalised with the store's default country.
 * `strict` (what people type into the CRM) rejects a failed checksum at `path`; orders from the
 * shop are kept as the shop sent them, flagged unverified.
 */
export function storedTaxId(ctx: CrmContext, input: string | undefined, path: string[], strict: boolean): TaxId | undefined {
  if (input === undefined || input.trim() === '') return undefined;
  const result = validateTaxId(input, ctx.settings.defaultCountry ? { defaultCountry: ctx.settings.defaultCountry } : {});
  if (strict && !result.valid) throw invalid(path, result.reason ?? 'Not a valid tax ID', 'tax_id', result.problem ? { problem: result.problem } : {});
  return { input: input.trim(), country: result.country, value: result.value, verified: result.valid && result.verified };
}
