import * as z from 'zod/mini';
import { CrmError, type FieldIssue } from './errors.ts';

/** One zod issue as a `FieldIssue`: its path after `path`, its message, its code and bound. */
export function fieldIssue(issue: z.core.$ZodIssue, path: (string | number)[] = []): FieldIssue {
  const limit = issue.code === 'too_big' ? issue.maximum : issue.code === 'too_small' ? issue.minimum : undefined;
  return {
    path: [...path, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
    message: issue.message,
    code: issue.code,
    ...(limit === undefined ? {} : { limit: Number(limit) }),
  };
}

/**
 * Parses `input` with `schema`, or throws a `validation` CrmError whose `fields` name every
 * problem by its path, prefixed with `path` (so a form can show each message at its field).
 */
export function parse<S extends z.ZodMiniType>(schema: S, input: unknown, path: (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => fieldIssue(issue, path));
  const summary = fields.map((f) => `${f.path.join('.') || 'input'}: ${f.message}`).join('; ');
  throw new CrmError('validation', `Invalid input — ${summary}`, { fields });
}
