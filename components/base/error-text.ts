import { isCrmError } from '../../src/index.ts';
import { fieldOfPath, issueText } from './issue-text.ts';

/**
 * What to tell the user of a failure: the first field's problem when the SDK names one, in
 * `locale` when the SDK gives its kind (see `issueText`), else the SDK's words.
 */
export function errorText(error: unknown, locale = 'en'): string {
  if (isCrmError(error)) {
    const [issue] = error.fields;
    return issue ? issueText(fieldOfPath(issue.path), issue, locale) : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
