import * as z from 'zod/mini';
import { recordActivity } from '../activities/record.ts';
import { transact, type CrmContext, type UnitOfWork } from '../context.ts';
import { detectDelimiter } from '../csv/delimiter.ts';
import { restoreFormula } from '../csv/formula.ts';
import { parseCsv, type CsvRecord } from '../csv/parse.ts';
import { CrmError, invalid, type FieldIssue } from '../errors.ts';
import { ClientPatch, CreateClientInput, type Client } from '../model/client.ts';
import { Address } from '../model/common.ts';
import { sameJson } from '../same-json.ts';
import { ReadAhead } from '../storage/read-ahead.ts';
import { readAll } from '../storage/read-all.ts';
import { taxIdKey, validateTaxId, type TaxIdProblem } from '../tax-id/index.ts';
import { foldText } from '../text.ts';
import { fieldIssue, parse } from '../validation.ts';
import { canSee } from './access.ts';
import { recordClientChange } from './changes.ts';
import { newClientRecord, patchedClient } from './client-record.ts';
import { ClientCsvImportField, CsvDelimiter, clientEmails, customFieldKey, listFields } from './csv-fields.ts';
import { RowChunks } from '../bulk/row-chunks.ts';
import { stageEach } from '../bulk/stage-each.ts';
import { tellProgress } from '../bulk/tell-progress.ts';

export interface ClientCsvImportProgress {
  /** Data rows in the file (the header and blank lines left out). */
  total: number;
  /** Rows imported or rejected so far. */
  processed: number;
  created: number;
  updated: number;
  /** Rows that matched a client and changed nothing in it. */
  unchanged: number;
  /** Rows rejected whole; `errors` says why. */
  failed: number;
}

/** One problem of a rejected row; a row with several bad cells has one per cell. */
export interface ClientCsvImportError {
  /** The physical line of the file the row starts on, from 1 (the header is line 1). */
  line: number;
  /** The column's header, when the problem is in one cell. */
  column?: string;
  /** The client field the problem is about. */
  field?: string;
  message: string;
  /** What kind of problem, as `FieldIssue.code` says it, when the row broke a field's rule. */
  code?: string;
  /** The bound a `too_big` or `too_small` problem crossed. */
  limit?: number;
  /** For a `tax_id` problem, which kind of rule the number breaks, as `FieldIssue.problem` says it. */
  problem?: TaxIdProblem;
  /** For an `unknown` problem, the status or star kind name the store does not have. */
  name?: string;
}

/** Why a cell cannot be read: a message, and the kind and bound when known. */
type CellProblem = Pick<FieldIssue, 'message' | 'code' | 'limit' | 'problem'> & Pick<ClientCsvImportError, 'name'>;

export interface ClientCsvImportReport extends ClientCsvImportProgress {
  /** By line. */
  errors: ClientCsvImportError[];
}

export const ClientCsvImportOptions = z.strictObject({
  /** `{ [column header]: client field }`; columns not named here are ignored. */
  mapping: z.record(z.string().check(z.minLength(1)), ClientCsvImportField),
  /** The file's delimiter; detected from the header row when not given. */
  delimiter: z.optional(CsvDelimiter),
  /** Rows per transaction. */
  chunkSize: z.optional(z.int().check(z.gte(1), z.lte(10_000))),
  /** Called after each chunk is stored, for a progress bar. */
  onProgress: z.optional(z.custom<(progress: ClientCsvImportProgress) => void>((value) => typeof value === 'function', 'Expected a function')),
});
export type ClientCsvImportOptions = z.input<typeof ClientCsvImportOptions>;

type Field = z.output<typeof ClientCsvImportField>;

/** A mapped column: where it is in each row and what it fills. */
interface Column {
  index: number;
  header: string;
  field: Field;
}

/** What one row says about its client; fields whose cells were empty are absent. */
interface RowValues {
  scalars: Record<string, string>;
  address: Record<string, string>;
  emails: string[];
  phones: string[];
  tags: string[];
  stars: string[];
  customFields: Record<string, string>;
}

interface Row {
  line: number;
  values: RowValues;
  /** The key of its tax ID: the client it updates, if one has it. */
  taxKey?: string;
  /** Without a tax ID, its first e-mail, lower-cased: the client it updates, if exactly one has it. */
  emailKey?: string;
}

const addressFields = new Set(['street', 'city', 'postalCode', 'region', 'country']);
const upperCase = new Set(['country', 'currency']);
const lowerCase = new Set(['kind', 'lifecycle', 'temperature']);
const listKeys = { email: 'emails', phone: 'phones', tags: 'tags', stars: 'stars' } as const;

/** The clients in a CSV file, created or updated; see `crm.clients.importCsv`. */
export async function importClientsCsv(ctx: CrmContext, text: string, input: ClientCsvImportOptions): Promise<ClientCsvImportReport> {
  const { mapping, delimiter, chunkSize = 500, onProgress } = parse(ClientCsvImportOptions, input);
  const csv = parse(z.string('Expected the CSV file as text'), text, ['text']);
  const [header, ...records] = parseCsv(csv, { delimiter: delimiter ?? detectDelimiter(csv) });
  if (!header) throw new CrmError('validation', 'The file is empty: expected a header row', { fields: [{ path: ['text'], message: 'The file is empty: expected a header row' }] });
  const columns = mappedColumns(header, mapping);
  const lookup = await catalogLookup(ctx, columns);
  const rows = records.filter((record) => record.problem || record.cells.some((cell) => cell.trim() !== ''));

  const report: ClientCsvImportReport = { total: rows.length, processed: 0, created: 0, updated: 0, unchanged: 0, failed: 0, errors: [] };
  let reported = -1;
  const progress = () => {
    if (reported === report.processed) return;
    reported = report.processed;
    const { errors: _, ...figures } = report;
    tellProgress(onProgress, figures);
  };
  const fail = (issues: ClientCsvImportError[]) => {
    report.failed += 1;
    report.errors.push(...issues);
  };

  const chunks = new RowChunks<Row>(chunkSize, async (pending) => {
    const outcomes = await transact(ctx, (uow) => stageChunk(ctx, uow, pending));
    pending.forEach((row, i) => {
      const outcome = outcomes[i]!;
      if ('value' in outcome) report[outcome.value] += 1;
      else fail(rowErrors(row.line, outcome.error, columns));
    });
    report.processed += pending.length;
    progress();
  });

  for (const record of rows) {
    const read = readRow(ctx, record, header.cells.length, columns, lookup);
    if ('errors' in read) {
      report.processed += 1;
      fail(read.errors);
      continue;
    }
    // A row goes after an earlier one with its tax ID or any of its e-mails: it finds what that one stored.
    await chunks.add(read, [...(read.taxKey === undefined ? [] : [read.taxKey]), ...read.values.emails.map((email) => `email:${email.toLowerCase()}`)]);
  }
  await chunks.end();
  progress();
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}

/** Checks the mapping against the header row: every mapped header there once, every single-valued field filled by one column. */
function mappedColumns(header: CsvRecord, mapping: Record<string, Field>): Column[] {
  const headers = header.cells.map((cell) => cell.trim());
  const issues: FieldIssue[] = [];
  if (header.problem) issues.push({ path: ['text'], message: `Line ${header.line}: ${header.problem}` });
  const fields = Object.values(mapping);
  if (!fields.includes('name') && !fields.includes('taxId')) {
    issues.push({ path: ['mapping'], code: 'key_missing', message: 'Map a column to name (to create clients) or taxId (to find and update them)' });
  }
  const columns: Column[] = [];
  for (const [name, field] of Object.entries(mapping)) {
    const positions = headers.flatMap((h, index) => (h === name.trim() ? [index] : []));
    const taken = listFields.has(field) ? undefined : columns.find((column) => column.field === field);
    const path = ['mapping', name];
    if (positions.length === 0) issues.push({ path, code: 'column_missing', message: `The file has no column "${name}"; its columns are ${headers.map((h) => `"${h}"`).join(', ')}` });
    else if (positions.length > 1) issues.push({ path, code: 'column_repeated', message: `The file has ${positions.length} columns "${name}"` });
    else if (taken) issues.push({ path, code: 'field_taken', message: `Column "${taken.header}" already fills ${field}` });
    else columns.push({ index: positions[0]!, header: name, field });
  }
  if (issues.length) {
    throw new CrmError('validation', `Cannot import — ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { fields: issues });
  }
  return columns;
}

/** Status and star-kind ids by id and by name (case and diacritics ignored), read when a column names them. */
async function catalogLookup(ctx: CrmContext, columns: Column[]): Promise<Record<'status' | 'stars', Map<string, string>>> {
  const lookup = { status: new Map<string, string>(), stars: new Map<string, string>() };
  for (const [field, collection] of [['status', 'statuses'], ['stars', 'starKinds']] as const) {
    if (!columns.some((column) => column.field === field)) continue;
    for (const { id, name } of await readAll<{ id: string; name: string }>(ctx, collection)) {
      lookup[field].set(foldText(name), id);
      lookup[field].set(id, id);
    }
  }
  return lookup;
}

/** Reads and checks every mapped cell of a row: its values, or one error per bad cell. */
function readRow(ctx: CrmContext, record: CsvRecord, width: number, columns: Column[], lookup: Record<'status' | 'stars', Map<string, string>>): Row | { errors: ClientCsvImportError[] } {
  const { line } = record;
  if (record.problem) return { errors: [{ line, message: record.problem }] };
  if (record.cells.length !== width) return { errors: [{ line, message: `Expected ${width} cells as in the header, found ${record.cells.length}` }] };
  const values: RowValues = { scalars: {}, address: {}, emails: [], phones: [], tags: [], stars: [], customFields: {} };
  const errors: ClientCsvImportError[] = [];
  for (const { index, header, field } of columns) {
    const cell = restoreFormula(record.cells[index]!).replace(/\r\n?/g, '\n').trim();
    if (cell === '') continue;
    const problem = readCell(ctx, values, field, cell, lookup);
    if (problem !== undefined) errors.push({ line, column: header, field, ...problem });
  }
  if (errors.length) return { errors };
  const taxId = values.scalars['taxId'];
  if (taxId !== undefined) return { line, values, taxKey: taxIdKey(validateTaxId(taxId, taxIdOptions(ctx))) };
  return { line, values, ...(values.emails[0] === undefined ? {} : { emailKey: values.emails[0].toLowerCase() }) };
}

const taxIdOptions = (ctx: CrmContext) => (ctx.settings.defaultCountry ? { defaultCountry: ctx.settings.defaultCountry } : {});

/** Puts one cell's value into `values`; returns why it cannot, if it cannot. */
function readCell(ctx: CrmContext, values: RowValues, field: Field, cell: string, lookup: Record<'status' | 'stars', Map<string, string>>): CellProblem | undefined {
  const customKey = customFieldKey(field);
  if (customKey !== undefined) {
    values.customFields[customKey] = cell;
    return undefined;
  }
  const text = upperCase.has(field) ? cell.toUpperCase() : lowerCase.has(field) ? cell.toLowerCase() : cell;
  switch (field) {
    case 'taxId':
    case 'vatId': {
      const result = validateTaxId(text, taxIdOptions(ctx));
      if (!result.valid) return { message: result.reason ?? 'Not a valid tax ID', code: 'tax_id', ...(result.problem ? { problem: result.problem } : {}) };
      return check(CreateClientInput.shape[field], text, (value) => (values.scalars[field] = value));
    }
    case 'email':
      return list(text.split(/[;,\s]+/), CreateClientInput.shape.emails, values.emails);
    case 'phone':
      return list(text.split(/[;,]/), CreateClientInput.shape.phones, values.phones);
    case 'tags':
      return list(text.split(';'), CreateClientInput.shape.tags, values.tags);
    case 'status':
    case 'stars': {
      const names = field === 'status' ? [text] : text.split(/[;,]/).map((s) => s.trim()).filter(Boolean);
      for (const name of names) {
        const id = lookup[field].get(lookup[field].has(name) ? name : foldText(name));
        if (id === undefined) return { message: `No ${field === 'status' ? 'status' : 'star kind'} "${name}"`, code: 'unknown', name };
        if (field === 'status') values.scalars['statusId'] = id;
        else values.stars.push(id);
      }
      return undefined;
    }
    default:
      if (addressFields.has(field)) return check(Address.shape[field as keyof typeof Address.shape], text, (value) => (values.address[field] = value));
      return check(CreateClientInput.shape[field as keyof typeof CreateClientInput.shape], text, (value) => (values.scalars[field] = value));
  }
}

function check(schema: z.ZodMiniType, text: string, keep: (value: string) => void): CellProblem | undefined {
  const result = schema.safeParse(text);
  if (!result.success) return problemOf(result.error.issues[0]);
  keep(result.data as string);
  return undefined;
}

/** Checks the values of a list cell against the field's list schema; names the bad value. */
function list(parts: string[], schema: z.ZodMiniType, into: string[]): CellProblem | undefined {
  const items = parts.map((part) => part.trim()).filter(Boolean);
  const result = schema.safeParse(items);
  if (result.success) {
    into.push(...(result.data as string[]));
    return undefined;
  }
  const issue = result.error.issues[0];
  const at = issue?.path[0];
  const problem = problemOf(issue);
  return { ...problem, message: `${typeof at === 'number' ? `${items[at]}: ` : ''}${problem.message}` };
}

function problemOf(issue: z.core.$ZodIssue | undefined): CellProblem {
  if (!issue) return { message: 'Invalid value' };
  const { path: _, ...problem } = fieldIssue(issue);
  return problem;
}

/** Stages a chunk of rows in one unit of work, each row whole or not at all (see `stageEach`). */
async function stageChunk(ctx: CrmContext, uow: UnitOfWork, rows: Row[]) {
  // One bulk read of the clients the rows' tax IDs or e-mails name, instead of one round trip per row.
  const ahead = new ReadAhead(ctx.storage);
  await ahead.load('clients', rows.flatMap(matchLookup));
  const chunkCtx: CrmContext = { ...ctx, storage: ahead.storage };
  return stageEach(uow, rows, (row) => stageRow(chunkCtx, uow, row));
}

/** How a row finds the client it updates: by tax ID, else by its first e-mail (two clients with it: none is the one). */
function matchLookup(row: Row): { index: string; key: string; limit: number }[] {
  if (row.taxKey !== undefined) return [{ index: 'taxKey', key: row.taxKey, limit: 2 }];
  return row.emailKey === undefined ? [] : [{ index: 'emails', key: row.emailKey, limit: 2 }];
}

async function stageRow(ctx: CrmContext, uow: UnitOfWork, row: Row): Promise<'created' | 'updated' | 'unchanged'> {
  const [lookup] = matchLookup(row);
  const { records } = lookup ? await ctx.storage.query('clients', { index: lookup.index, range: { eq: lookup.key }, limit: lookup.limit }) : { records: [] };
  const found = records.length === 1 ? (records[0] as unknown as Client) : undefined;
  // A client an earlier row of this chunk changed: go on from that row's version, not the stored one.
  const existing = found && (uow.staged<Client>('clients', found.id) ?? found);
  if (existing) {
    if (!canSee(ctx, existing)) {
      throw new CrmError('forbidden', `Client ${existing.number} with this ${row.taxKey ? 'tax ID' : 'e-mail'} belongs to another owner`, { details: { id: existing.id } });
    }
    const draft = await patchedClient(ctx, existing, parse(ClientPatch, patchOf(ctx, existing, row.values)));
    if (sameJson({ ...draft, updatedAt: existing.updatedAt, version: existing.version }, existing)) return 'unchanged';
    const client = uow.put<Client>('clients', draft, existing);
    recordClientChange(ctx, uow, existing, client);
    return 'updated';
  }
  const { scalars, address, emails, phones, tags, stars, customFields } = row.values;
  if (scalars['name'] === undefined) throw invalid(['name'], 'A new client needs a name', 'required');
  const input = parse(CreateClientInput, {
    ...scalars,
    ...(Object.keys(address).length ? { billingAddress: address } : {}),
    emails: unique(emails),
    phones: unique(phones),
    tags: unique(tags),
    stars: unique(stars),
    customFields,
  });
  const client = await newClientRecord(ctx, uow, input, { strictTaxId: true });
  recordActivity(ctx, uow, { clientId: client.id, type: 'client_created', data: { imported: 'csv' } });
  uow.emit({ type: 'client.created', client });
  return 'created';
}

/**
 * What a row changes in a client it matched: the fields it fills replace the stored ones, lists
 * gain the values they lack, and empty cells leave fields alone. The tax ID it matched by stays
 * as stored, however the row types it.
 */
function patchOf(ctx: CrmContext, client: Client, values: RowValues): ClientPatch {
  const { taxId: _, ...scalars } = values.scalars;
  const known = new Set(clientEmails(client).map((email) => email.toLowerCase()));
  const patch: Record<string, unknown> = { ...scalars };
  if (Object.keys(values.address).length) patch['billingAddress'] = { ...client.billingAddress, ...values.address };
  if (scalars['vatId'] !== undefined && client.vatId && taxIdKey(client.vatId) === taxIdKey(validateTaxId(scalars['vatId'], taxIdOptions(ctx)))) delete patch['vatId'];
  patch['emails'] = [...client.emails, ...unique(values.emails).filter((email) => !known.has(email.toLowerCase()))];
  patch['phones'] = unique([...client.phones, ...values.phones]);
  patch['tags'] = unique([...client.tags, ...values.tags]);
  patch['stars'] = unique([...client.stars, ...values.stars]);
  const typed = Object.entries(values.customFields).map(([key, cell]) => [key, asStoredType(client.customFields[key], cell)]);
  patch['customFields'] = { ...client.customFields, ...Object.fromEntries(typed) };
  return patch as ClientPatch;
}

/**
 * A custom-field cell as the type the client already holds there: an export writes `5` and
 * `true`, and reading them back must not turn numbers and flags into text. A cell that does not
 * read as that type stays text.
 */
function asStoredType(stored: unknown, cell: string): string | number | boolean {
  if (typeof stored === 'number' && cell.trim() !== '' && Number.isFinite(Number(cell))) return Number(cell);
  if (typeof stored === 'boolean' && (cell === 'true' || cell === 'false')) return cell === 'true';
  return cell;
}

/** Each value once, compared without case; the first spelling kept. */
function unique(values: string[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) if (!seen.has(value.toLowerCase())) seen.set(value.toLowerCase(), value);
  return [...seen.values()];
}

/** A rejected row's errors, each at the column of the field it names. */
function rowErrors(line: number, error: CrmError, columns: Column[]): ClientCsvImportError[] {
  const issues = error.fields.length ? error.fields : [{ path: [], message: error.message }];
  return issues.map(({ path, ...problem }) => {
    const field = fieldOfPath(path);
    const column = columns.find((c) => c.field === field)?.header;
    return { line, ...(column === undefined ? {} : { column }), ...(field === undefined ? {} : { field }), ...problem };
  });
}

/** The CSV field a validation path into a client points at. */
function fieldOfPath(path: (string | number)[]): string | undefined {
  const [head, next] = path;
  if (head === undefined) return undefined;
  if (head === 'billingAddress') return typeof next === 'string' ? next : undefined;
  if (head === 'customFields') return typeof next === 'string' ? `customFields.${next}` : undefined;
  if (head === 'statusId') return 'status';
  const list = Object.entries(listKeys).find(([, key]) => key === head);
  return list ? list[0] : String(head);
}
