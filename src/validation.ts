import * as z from 'zod/mini';
import { CrmError, type FieldIssue } from './errors.ts';

/** One zod issue as a `FieldIssue`: its path after `path`, its message, its code and bound (and what the bound is of). */
export function fieldIssue(issue: z.core.$ZodIssue, path: (string | number)[] = []): FieldIssue {
  const bound =
    issue.code === 'too_big' ? { limit: issue.maximum, of: issue.origin, inclusive: issue.inclusive } : issue.code === 'too_small' ? { limit: issue.minimum, of: issue.origin, inclusive: issue.inclusive } : undefined;
  return {
    path: [...path, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
    message: issue.message,
    code: issue.code,
    ...(bound === undefined ? {} : { limit: Number(bound.limit), inclusive: bound.inclusive !== false, ...limitOf(bound.of) }),
  };
}

/** What zod says a bound is of, as a `FieldIssue` tells it. */
function limitOf(origin: string): Pick<FieldIssue, 'limitOf'> {
  if (origin === 'number' || origin === 'int' || origin === 'bigint') return { limitOf: 'number' };
  if (origin === 'array' || origin === 'set') return { limitOf: 'items' };
  return origin === 'string' ? { limitOf: 'length' } : {};
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
