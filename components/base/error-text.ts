import { isCrmError, type CrmErrorCode } from '../../src/index.ts';
import { fieldOfPath, issueText } from './issue-text.ts';
import { translationFor } from './locale.ts';

/**
 * What to tell the user of a failure: the first field's problem when the SDK names one, in
 * `locale` when the SDK gives its kind (see `issueText`); else a conflict, a missing or forbidden
 * record or full storage in `locale`; else the SDK's words.
 */
export function errorText(error: unknown, locale = 'en'): string {
  if (isCrmError(error)) {
    const [issue] = error.fields;
    if (!issue) return codeText(error.code, locale) ?? error.message;
    const text = issueText(fieldOfPath(issue.path), issue, locale);
    // A tax ID another client has: that client (`current`) is named, as the one to pick instead.
    const holder = issue.code === 'tax_id_taken' ? (error.current as { name?: unknown } | undefined)?.name : undefined;
    return typeof holder === 'string' ? `${text.replace(/\.$/, '')}: ${holder}.` : text;
  }
  if (error instanceof Error) return error.message;
  // Worded at each render: a rejection that cannot be made a string must not break the element.
  try {
    return String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}

/** A failure's kind in `locale`, for the kinds whose SDK message (English, with record ids) says nothing more to staff. */
function codeText(code: CrmErrorCode, locale: string): string | undefined {
  const t = translationFor(locale).errors;
  if (code === 'conflict') return t.conflict;
  if (code === 'not_found') return t.notFound;
  if (code === 'forbidden') return t.forbidden;
  if (code === 'quota') return t.quota;
  return undefined;
}
