import * as z from 'zod/mini';

/** A required single-line text: trimmed, not empty, bounded. */
export const text = (max = 200) => z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(max));

/** A free-text field such as a note: trimmed, may be long. */
export const longText = (max = 10_000) => z.string().check(z.trim(), z.maxLength(max));

export const IsoDateTime = z.iso.datetime({ offset: true, message: 'Expected an ISO date-time such as 2026-01-31T09:30:00Z' });

/** Money is always an integer count of the currency's minor units (cents, haléře). */
export const MinorUnits = z.int('Expected an integer amount in minor units (e.g. cents)');

export const CurrencyCode = z.string().check(
  z.regex(/^[A-Z]{3}$/, 'Expected a three-letter ISO 4217 currency code such as CZK'),
);

export const CountryCode = z.string().check(z.regex(/^[A-Z]{2}$/, 'Expected a two-letter country code such as CZ'));

export const LanguageCode = z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Expected a language tag such as cs or en-GB'));

export const Email = z.email('Expected an e-mail address');

export const Phone = z.string().check(
  z.trim(),
  z.regex(/^\+?[0-9 ()./-]{3,30}$/, 'Expected a phone number of digits, spaces and an optional leading +'),
);

export const Address = z.strictObject({
  label: z.optional(text(100)),
  street: z.optional(text()),
  city: z.optional(text(100)),
  postalCode: z.optional(text(20)),
  region: z.optional(text(100)),
  country: z.optional(CountryCode),
});
export type Address = z.infer<typeof Address>;

/** A tax ID as the user typed it plus its normalised form. `verified` means a checksum rule was applied. */
export const TaxId = z.strictObject({
  input: z.string(),
  country: z.nullable(CountryCode),
  value: z.string(),
  verified: z.boolean(),
});
export type TaxId = z.infer<typeof TaxId>;

export const CustomFieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const CustomFields = z.record(z.string().check(z.minLength(1), z.maxLength(100)), CustomFieldValue);

export const Color = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour such as #d32f2f'));
