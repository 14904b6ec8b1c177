import * as z from 'zod/mini';
import { CrmError, type FieldIssue } from './errors.ts';

/** What zod/mini says of every issue a schema gives no words of its own (it carries no locale). */
const ZOD_DEFAULT = 'Invalid input';

/**
 * One zod issue as a `FieldIssue`: its path after `path`, its message, its code and bound (and
 * what the bound is of). `missing`: the field was not given at all, which is `required`.
 */
export function fieldIssue(issue: z.core.$ZodIssue, path: (string | number)[] = [], missing = false): FieldIssue {
  const bound =
    issue.code === 'too_big' ? { limit: issue.maximum, of: issue.origin, inclusive: issue.inclusive } : issue.code === 'too_small' ? { limit: issue.minimum, of: issue.origin, inclusive: issue.inclusive } : undefined;
  const required = missing && issue.code === 'invalid_type';
  const limits = bound === undefined ? undefined : { limit: Number(bound.limit), inclusive: bound.inclusive !== false, ...limitOf(bound.of) };
  return {
    path: [...path, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
    message: required ? 'Required' : issue.message === ZOD_DEFAULT ? englishMessage(issue, limits) : issue.message,
    code: required ? 'required' : issue.code,
    ...limits,
  };
}

/** A developer's words for an issue zod/mini left as "Invalid input". */
function englishMessage(issue: z.core.$ZodIssue, limits: Pick<FieldIssue, 'limit' | 'limitOf' | 'inclusive'> | undefined): string {
  const list = (values: readonly unknown[]) => values.map((value) => (typeof value === 'string' ? `'${value}'` : String(value))).join(', ');
  switch (issue.code) {
    case 'invalid_type':
      return `Expected ${issue.expected === 'int' ? 'a whole number' : `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`}`;
    case 'invalid_value':
      return `Expected ${issue.values.length === 1 ? list(issue.values) : `one of ${list(issue.values)}`}`;
    case 'unrecognized_keys':
      return `Unknown ${issue.keys.length === 1 ? 'key' : 'keys'}: ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return `Expected ${issue.format === 'regex' ? 'another format' : `a valid ${issue.format}`}`;
    case 'not_multiple_of':
      return `Expected a multiple of ${String(issue.divisor)}`;
    case 'too_big':
    case 'too_small': {
      const { limit, limitOf, inclusive } = limits!;
      const most = issue.code === 'too_big';
      if (limitOf === 'length') return most ? `At most ${limit} characters` : limit === 1 ? 'Required' : `At least ${limit} characters`;
      if (limitOf === 'items') return `${most ? 'At most' : 'At least'} ${limit} ${limit === 1 ? 'item' : 'items'}`;
      return `${most ? (inclusive ? 'At most' : 'Less than') : inclusive ? 'At least' : 'More than'} ${limit}`;
    }
    default:
      return issue.message;
  }
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
  const fields = result.error.issues.map((issue) => fieldIssue(issue, path, valueAt(input, issue.path) === undefined));
  const summary = fields.map((f) => `${f.path.join('.') || 'input'}: ${f.message}`).join('; ');
  throw new CrmError('validation', `Invalid input — ${summary}`, { fields });
}

/** The value at a path inside `input`, `undefined` where any step is missing. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
