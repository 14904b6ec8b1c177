/**
 * The few assertions the conformance suite needs, so that it ships without a test library.
 * Each throws a plain `Error` whose message says what was expected and what came instead.
 */
import { isCrmError, type CrmError, type CrmErrorCode } from '../../src/errors.ts';

/**
 * JSON with object keys sorted, so records compare equal whatever order a store keeps fields in.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [2] }); // '{"a":[2],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const json: string | undefined = JSON.stringify(value, (_key, nested: unknown) =>
    typeof nested === 'object' && nested !== null && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : nested,
  );
  return json ?? 'undefined';
}

/**
 * Throws unless `condition` holds.
 *
 * @example
 * ```ts
 * assert(page.cursor !== undefined, 'a full page has a cursor');
 * ```
 */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}

/**
 * Throws unless `actual` and `expected` are equal as canonical JSON.
 *
 * @example
 * ```ts
 * assertEqual(await adapter.get('people', 'ada'), ada, 'get returns what put stored');
 * ```
 */
export function assertEqual(actual: unknown, expected: unknown, message: string): void {
  const actualJson = canonicalJson(actual);
  const expectedJson = canonicalJson(expected);
  if (actualJson !== expectedJson) {
    throw new Error(`Assertion failed: ${message}\n  expected: ${expectedJson}\n  actual:   ${actualJson}`);
  }
}

/**
 * Awaits `action` and throws unless it rejects with a `CrmError` of `code`; returns that error.
 *
 * @example
 * ```ts
 * const error = await assertRejects(() => adapter.write([staleWrite]), 'conflict', 'stale write');
 * assertEqual(error.current, stored, 'conflict carries the stored record');
 * ```
 */
export async function assertRejects(action: () => Promise<unknown>, code: CrmErrorCode, message: string): Promise<CrmError> {
  let outcome: unknown;
  try {
    outcome = await action();
  } catch (error) {
    if (!isCrmError(error)) {
      throw new Error(`Assertion failed: ${message}: expected a CrmError '${code}', got ${describeError(error)}`);
    }
    if (error.code !== code) {
      throw new Error(`Assertion failed: ${message}: expected CrmError '${code}', got '${error.code}': ${error.message}`);
    }
    return error;
  }
  throw new Error(`Assertion failed: ${message}: expected CrmError '${code}', but it resolved to ${canonicalJson(outcome)}`);
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : canonicalJson(error);
}
