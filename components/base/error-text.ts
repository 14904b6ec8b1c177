import { isCrmError } from '../../src/index.ts';

/** What to tell the user of a failure: the first field's message when the SDK names one. */
export function errorText(error: unknown): string {
  if (isCrmError(error)) return error.fields[0]?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
}
