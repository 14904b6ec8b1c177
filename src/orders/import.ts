import * as z from 'zod/mini';
import { transact, type CrmContext } from '../context.ts';
import { isCrmError, toCrmError, type FieldIssue } from '../errors.ts';
import { OrderInput } from '../model/order.ts';
import { parse } from '../validation.ts';
import { ReadAhead } from '../storage/read-ahead.ts';
import { readAheadForUpserts } from './read-ahead.ts';
import { stageUpsert, type PendingClients } from './stage-upsert.ts';
import { LinkSummary } from './link.ts';

export interface ImportProgress {
  /** Rows read so far. */
  processed: number;
  created: number;
  updated: number;
  /** Rows equal to what was stored: nothing written. */
  unchanged: number;
  failed: number;
  /** Orders linked to a client by this import. */
  linked: number;
  clientsCreated: number;
}

/** A row that was not imported, and why. */
export interface ImportRowError {
  /** Position in the source, from 0. */
  index: number;
  id?: string;
  message: string;
  fields: FieldIssue[];
}

export interface ImportReport extends ImportProgress {
  errors: ImportRowError[];
}

export const ImportOptions = z.optional(z.strictObject({
  /** Rows per transaction. */
  chunkSize: z.optional(z.int().check(z.gte(1), z.lte(10_000))),
  /** Called after each chunk is stored. */
  onProgress: z.optional(z.custom<(progress: ImportProgress) => void>((value) => typeof value === 'function', 'Expected a function')),
}));
export type ImportOptions = z.input<typeof ImportOptions>;

type Row = { index: number; data: z.output<typeof OrderInput> };

/**
 * Upserts many orders, a chunk per transaction: each row validated and linked as `upsert` does.
 * A bad row is reported with its index and reason and leaves the rest alone; running the same
 * import again changes nothing.
 */
export async function importOrders(ctx: CrmContext, source: Iterable<unknown> | AsyncIterable<unknown>, options: ImportOptions): Promise<ImportReport> {
  const { chunkSize = 500, onProgress } = parse(ImportOptions, options) ?? {};
  if (source === null || typeof source !== 'object' || !(Symbol.iterator in source || Symbol.asyncIterator in source)) {
    parse(z.never('Expected an iterable of orders'), source, ['source']);
  }
  const report: ImportReport = { processed: 0, created: 0, updated: 0, unchanged: 0, failed: 0, linked: 0, clientsCreated: 0, errors: [] };
  const fail = (index: number, error: unknown, id?: string) => {
    const crmError = toCrmError(error);
    report.failed += 1;
    report.errors.push({ index, ...(id === undefined ? {} : { id }), message: crmError.message, fields: crmError.fields });
  };

  let chunk: Row[] = [];
  const flush = async () => {
    if (!chunk.length) return;
    const rows = chunk;
    chunk = [];
    const outcomes = await transact(ctx, async (uow) => {
      // One bulk read per collection instead of a few round trips per row.
      const ahead = new ReadAhead(ctx.storage);
      await readAheadForUpserts(ctx, ahead, rows.map((row) => row.data));
      const chunkCtx: CrmContext = { ...ctx, storage: ahead.storage };
      const pending: PendingClients = new Map();
      const summary = new LinkSummary();
      const results: { row: Row; outcome?: Awaited<ReturnType<typeof stageUpsert>>; error?: unknown }[] = [];
      for (const row of rows) {
        const rollback = uow.savepoint();
        try {
          results.push({ row, outcome: await stageUpsert(chunkCtx, uow, row.data, pending, summary) });
        } catch (error) {
          if (!isCrmError(error) || error.code === 'storage') throw error;
          rollback();
          summary.drop(row.data.id);
          results.push({ row, error });
        }
      }
      summary.record(ctx, uow);
      return results;
    });
    for (const { row, outcome, error } of outcomes) {
      if (!outcome) fail(row.index, error, row.data.id);
      else {
        report[outcome.change] += 1;
        if (outcome.linked) report.linked += 1;
        if (outcome.clientCreated) report.clientsCreated += 1;
      }
    }
    const { errors: _, ...progress } = report;
    try {
      onProgress?.(progress);
    } catch (error) {
      console.error('kartoteka: an import onProgress callback failed', error);
    }
  };

  let index = 0;
  for await (const input of source) {
    report.processed += 1;
    try {
      const data = parse(OrderInput, input);
      // Two versions of one order in a chunk would race each other: store the first one first.
      if (chunk.some((row) => row.data.id === data.id)) await flush();
      chunk.push({ index, data });
      if (chunk.length >= chunkSize) await flush();
    } catch (error) {
      fail(index, error, typeof (input as { id?: unknown })?.id === 'string' ? (input as { id: string }).id : undefined);
    }
    index += 1;
  }
  await flush();
  return report;
}
