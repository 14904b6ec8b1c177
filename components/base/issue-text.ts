import type { FieldIssue } from '../../src/index.ts';
import { formatNumber, plural, translationFor } from './locale.ts';

/** What a field holds, where a bad format has a message of its own; keys as in paths and CSV fields. */
const FORMATS = { email: 'email', emails: 'email', phone: 'phone', phones: 'phone', currency: 'currency', language: 'language', country: 'country' } as const;
/** Number fields: their bounds are values, not lengths. */
const NUMBERS = { discountPercent: 'number', discountClass: 'wholeNumber' } as const;

/** The field an issue path is about: its last name (`contacts.0.email` → `email`, `emails.1` → `emails`). */
export function fieldOfPath(path: readonly (string | number)[]): string {
  return String([...path].reverse().find((key) => typeof key === 'string') ?? '');
}

/**
 * A field's problem in the user's language, from the kind the SDK names (`FieldIssue.code`), its
 * bound and the field: the SDK's own messages are English. Another kind is "not valid"; an issue
 * of no kind (another owner's client, a status the store lacks) keeps the SDK's words, which
 * alone say what is wrong.
 */
export function issueText(field: string, issue: Pick<FieldIssue, 'code' | 'limit' | 'limitOf' | 'inclusive' | 'message' | 'problem'>, locale: string): string {
  if (issue.code === undefined) return issue.message;
  const t = translationFor(locale).issues;
  const format = FORMATS[field as keyof typeof FORMATS];
  const number = NUMBERS[field as keyof typeof NUMBERS] ?? (issue.limitOf === 'number' ? 'number' : undefined);
  const { code, limit } = issue;
  if (code === 'required') return t.required;
  if (code === 'tax_id') return issue.problem === 'check_digit' ? t.taxIdCheckDigit : issue.problem === 'format' ? t.taxIdFormat : t.taxId;
  if (code === 'tax_id_taken') return t.taxIdTaken;
  if (code === 'name_taken') return t.nameTaken;
  if (code === 'invalid_format' && format) return t[format];
  if (code === 'invalid_type' && number) return t[number];
  if (code === 'too_big' && limit !== undefined) {
    if (issue.limitOf === 'items') return t.atMostItems(formatNumber(limit, locale));
    if (number) return issue.inclusive === false ? t.lessThan(formatNumber(limit, locale)) : t.atMost(formatNumber(limit, locale));
    return plural(t.tooLong, limit, locale);
  }
  if (code === 'too_small' && limit !== undefined) {
    if (issue.limitOf === 'items') return t.atLeastItems(formatNumber(limit, locale));
    if (number) return issue.inclusive === false ? t.moreThan(formatNumber(limit, locale)) : t.atLeast(formatNumber(limit, locale));
    return t.required;
  }
  return t.invalid;
}
