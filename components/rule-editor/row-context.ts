import { html, nothing, type TemplateResult } from 'lit';
import type { StarKind, Status } from '../../src/index.ts';
import type { PluralForms, Translation } from '../translations/en.ts';

/** What the condition and action rows need from the editor around them. */
export interface RowContext {
  t: Translation['ruleEditor'];
  /** The kit's strings (lifecycle and temperature names). */
  all: Translation;
  statuses: Status[];
  stars: StarKind[];
  currencies: readonly string[];
  defaults: { statusId?: string; starId?: string; currency: string };
  money(minor: number, currency: string): string;
  number(value: number): string;
  plural(forms: PluralForms, count: number): string;
}

/** The SDK's message for one field of a row, by the field's name (`value`, `currency`, `statusId`…). */
export type FieldErrors = (field: string) => string | undefined;

/** The id of the message shown next to a field, for `aria-describedby`. */
export const errorId = (scope: string, field: string): string => `${scope}-${field}-error`;

/** A field's message, next to it; nothing when the field is fine. */
export function fieldError(scope: string, field: string, errors: FieldErrors): TemplateResult | typeof nothing {
  const message = errors(field);
  return message ? html`<span class="field-error" part="field-error" id=${errorId(scope, field)}>${message}</span>` : nothing;
}

/** `aria-invalid` and `aria-describedby` for a field with a message. */
export function invalid(scope: string, field: string, errors: FieldErrors): { invalid: 'true' | 'false'; describedBy: string | typeof nothing } {
  const bad = errors(field) !== undefined;
  return { invalid: bad ? 'true' : 'false', describedBy: bad ? errorId(scope, field) : nothing };
}
