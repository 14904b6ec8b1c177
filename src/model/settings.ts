import * as z from 'zod/mini';
import { CountryCode } from './common.ts';
import { StatusId } from './ids.ts';
import { canonicalCountry, countryRule } from '../tax-id/countries.ts';

/** One whose tax IDs are checked (`taxIdCountries()`): under any other, no tax ID typed without a prefix could be. */
const DefaultCountry = CountryCode.check(
  z.refine((code) => countryRule(canonicalCountry(code)) !== undefined, 'Expected a country whose tax IDs are checked, such as CZ: see taxIdCountries()'),
);

export const SettingsSchema = z.strictObject({
  /** B8: a B2B order (one with a tax ID) that matches no client creates one. Off by default. */
  autoCreateClients: z._default(z.boolean(), false),
  /** The status clients created from orders get. */
  defaultStatusId: z.optional(StatusId),
  /** The country a tax ID typed without a prefix belongs to. */
  defaultCountry: z.optional(CountryCode),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const SettingsPatch = z.partial(z.strictObject({
  autoCreateClients: z.boolean(),
  defaultStatusId: z.nullable(StatusId),
  defaultCountry: z.nullable(DefaultCountry),
}));
export type SettingsPatch = z.input<typeof SettingsPatch>;
