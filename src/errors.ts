import type { TaxIdProblem } from './tax-id/validate.ts';

/** What went wrong, as a literal a caller can switch on. */
export type CrmErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'duplicate'
  | 'forbidden'
  | 'storage'
  | 'quota';

/** One problem with one input field; `path` points into the input as a form would name it. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
  /**
   * What kind of problem, for a message of one's own (another language): zod's issue code
   * (`too_big`, `too_small`, `invalid_format`, `invalid_type`…), or `required`, or `tax_id`
   * for a tax ID its country's rules reject, `tax_id_taken` for one another client has (a
   * `duplicate`; `current` is that client), `name_taken` for a status or star kind name another
   * entry has. A CSV import's mapping: `key_missing` (no column
   * fills name or taxId), `column_missing`, `column_repeated` (several columns under the
   * header), `field_taken` (another column fills the field); a CSV import's row: `unknown` (no
   * status or star kind of that name). Absent for other problems.
   */
  code?: string;
  /** The bound a `too_big` or `too_small` issue crossed: a number's, or a text's length. */
  limit?: number;
  /** What `limit` bounds: the value (`number`), a text's `length`, or a list's `items`. */
  limitOf?: 'number' | 'length' | 'items';
  /** Whether `limit` itself is allowed (`>= 0`) or not (`> 0`: a quantity must be positive). */
  inclusive?: boolean;
  /** For a `tax_id` issue, which kind of rule the number breaks (`TaxIdValidation.problem`). */
  problem?: TaxIdProblem;
}

export interface CrmErrorOptions {
  /** Per-field problems, for `validation`. */
  fields?: FieldIssue[];
  /** The record as it is now in storage, for `conflict` and `duplicate`. */
  current?: unknown;
  /** Machine-readable facts about the failure (collection, id, versions…). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

// A registry-wide symbol, so a CrmError from another copy of this module (two bundles) still counts.
const brand = Symbol.for('kartoteka.CrmError');

/**
 * The only error Kartoteka's public methods throw.
 *
 * @example
 * ```ts
 * try { await crm.clients.update(id, patch, { expectedVersion: 3 }); }
 * catch (e) { if (isCrmError(e) && e.code === 'conflict') showReload(e.current); }
 * ```
 */
export class CrmError extends Error {
  readonly code: CrmErrorCode;
  readonly fields: FieldIssue[];
  readonly current: unknown;
  readonly details: Record<string, unknown>;

  constructor(code: CrmErrorCode, message: string, options: CrmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CrmError';
    this.code = code;
    this.fields = options.fields ?? [];
    this.current = options.current;
    this.details = options.details ?? {};
    Object.defineProperty(this, brand, { value: true });
  }
}

/** True for any `CrmError`, also one thrown by another bundled copy of Kartoteka. */
export function isCrmError(value: unknown): value is CrmError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/** A validation error for one field; `code` and `more` name the kind of problem (see `FieldIssue`). */
export function invalid(path: (string | number)[], message: string, code?: string, more: Pick<FieldIssue, 'problem'> = {}): CrmError {
  return new CrmError('validation', `${path.join('.') || 'input'}: ${message}`, { fields: [{ path, message, ...(code ? { code } : {}), ...more }] });
}

export function notFound(what: string, id: string): CrmError {
  return new CrmError('not_found', `${what} ${id} does not exist`, { details: { what, id } });
}

/** Anything that is not already a CrmError becomes a `storage` error, keeping the original as `cause`. */
export function toCrmError(error: unknown): CrmError {
  if (isCrmError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CrmError('storage', `Storage failed: ${message}`, { cause: error });
}
