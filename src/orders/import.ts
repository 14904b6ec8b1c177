import * as z from 'zod/mini';
import { transact, type CrmContext, type UnitOfWork } from '../context.ts';
import { toCrmError, type FieldIssue } from '../errors.ts';
import { OrderInput } from '../model/order.ts';
import { parse } from '../validation.ts';
import { ReadAhead } from '../storage/read-ahead.ts';
import { crmSchema } from '../storage/schema.ts';
import { readAheadForUpserts } from './read-ahead.ts';
import { stageUpsert } from './stage-upsert.ts';
import { StagedClients } from './staged-clients.ts';
import { LinkSummary } from './link.ts';
import { RowChunks } from '../bulk/row-chunks.ts';
import { stageEach } from '../bulk/stage-each.ts';
import { tellProgress } from '../bulk/tell-progress.ts';

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
 * What a chunk read that the next one is likely to read again: the figures of repeat buyers, the
 * team figures guarding them, the client tally and counters. A chunk that relies on any of them
 * also writes it with a version check (client figures through the team figures, see
 * `stageAnalytics`), so a change another writer made in between fails its commit and the retry
 * reads afresh. Client look-ups and link keys decide links without being written: every chunk
 * reads them again.
 */
const carried = ['clientStats', 'meta'];

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

  // Clients this import created, in chunks already stored: their timeline gets no link entries.
  const createdClients = new Set<string>();
  // What the last chunk read and wrote, for the next chunk's first attempt.
  let carriedOver: ReadAhead | undefined;
  const chunks = new RowChunks<Row>(chunkSize, async (rows) => {
    let last: { ahead: ReadAhead; uow: UnitOfWork } | undefined;
    const outcomes = await transact(ctx, async (uow) => {
      // One bulk read per collection instead of a few round trips per row; a retry reads afresh.
      const ahead = (last === undefined && carriedOver) || new ReadAhead(ctx.storage);
      carriedOver = undefined;
      last = { ahead, uow };
      await readAheadForUpserts(ctx, ahead, rows.map((row) => row.data));
      const chunkCtx: CrmContext = { ...ctx, storage: ahead.storage };
      uow.readThrough = ahead.storage;
      const staged = new StagedClients(uow);
      const summary = new LinkSummary(createdClients);
      const results = await stageEach(uow, rows, (row) => stageUpsert(chunkCtx, uow, row.data, staged, summary), (row) => summary.drop(row.data.id));
      summary.record(ctx, uow);
      return results;
    });
    const { ahead, uow } = last!;
    carriedOver = ahead.carryOver(crmSchema, carried, (collection) => uow.changes(collection));
    rows.forEach((row, i) => {
      const outcome = outcomes[i]!;
      if ('error' in outcome) return fail(row.index, outcome.error, row.data.id);
      report[outcome.value.change] += 1;
      if (outcome.value.linked) report.linked += 1;
      if (outcome.value.clientCreated) {
        report.clientsCreated += 1;
        createdClients.add(outcome.value.linked!.id);
      }
    });
    const { errors: _, ...progress } = report;
    tellProgress(onProgress, progress);
  });

  let index = 0;
  for await (const input of source) {
    const at = index++;
    report.processed += 1;
    let data: Row['data'];
    try {
      data = parse(OrderInput, input);
    } catch (error) {
      fail(at, error, typeof (input as { id?: unknown })?.id === 'string' ? (input as { id: string }).id : undefined);
      continue;
    }
    // A chunk that cannot be stored fails the import: its rows are not bad rows.
    await chunks.add({ index: at, data }, [data.id]);
  }
  await chunks.end();
  return report;
}
