import MiniSearch from 'minisearch';
import { digitsOf, foldText, type Client } from '../../src/index.ts';
import { ClientSearchIndex } from '../../src/search/index.ts';
import { clientRecords } from './clients.ts';
import { heapUsed, progress, rotated, scaled, timed, type BenchOptions } from './harness.ts';
import { benchQueries, type BenchQuery, type QueryKind } from './queries.ts';

const LIMIT = 20;

/** One engine: builds its index over the records, then answers a query with ids, best first. */
interface Engine {
  build(clients: Client[]): void;
  search(text: string): string[];
  release(): void;
}

function kartoteka(): Engine {
  let index: ClientSearchIndex | undefined;
  return {
    build(clients) {
      index = new ClientSearchIndex({ defaultCountry: 'CZ' });
      index.rebuild(clients);
    },
    search: (text) => index!.search(text, { limit: LIMIT }).map((hit) => hit.id),
    release: () => void (index = undefined),
  };
}

/** A phone as MiniSearch can find it by prefix: as typed (digit groups), national digits, all digits. */
const phoneText = (phone: string) => `${phone} ${digitsOf(phone.slice(phone.indexOf(' ') + 1))} ${digitsOf(phone)}`;

function miniSearch(): Engine {
  let index: MiniSearch | undefined;
  return {
    build(clients) {
      index = new MiniSearch({
        fields: ['name', 'contacts', 'taxId', 'emails', 'phones'],
        // Case and diacritics folded as ours folds them, so "skoda" finds "ŠKODA".
        processTerm: (term) => foldText(term) || null,
        searchOptions: { prefix: true, combineWith: 'AND' },
      });
      index.addAll(
        clients.map((client) => ({
          id: client.id,
          name: client.name,
          contacts: client.contacts.map((contact) => contact.name).join(' '),
          taxId: client.taxId ? `${client.taxId.value} ${client.taxId.country ?? ''}` : '',
          emails: [...client.emails, ...client.contacts.flatMap((contact) => contact.email ?? [])].join(' '),
          phones: [...client.phones, ...client.contacts.flatMap((contact) => contact.phone ?? [])].map(phoneText).join(' '),
        })),
      );
    },
    // MiniSearch has no limit: it scores every match, and the page shows the first 20.
    search: (text) => index!.search(text).slice(0, LIMIT).map((hit) => String(hit.id)),
    release: () => void (index = undefined),
  };
}

export interface SearchVariantResult {
  buildMs: number[];
  heapBytes: number[];
  /** Per-query milliseconds, every repetition pooled. */
  queryMs: number[];
  byKind: Record<QueryKind, number[]>;
  /** Queries with at least one hit, and with the client they were cut from among the first 20. */
  answered: number;
  sourceFound: number;
  answeredByKind: Record<QueryKind, number>;
}

export interface SearchBenchResult {
  documents: number;
  queries: number;
  isolated: boolean;
  /** Each query was run this many times per timing (coarse timers need batches). */
  batch: number;
  variants: Record<string, SearchVariantResult>;
}

/** Times every query; returns per-query ms (a batch of `batch` runs each, divided). */
function timeQueries(engine: Engine, queries: BenchQuery[], batch: number): number[] {
  return queries.map(({ text }) => {
    const start = performance.now();
    for (let i = 0; i < batch; i++) engine.search(text);
    return (performance.now() - start) / batch;
  });
}

/** Bench 2: client search over the same records, ours vs MiniSearch. */
export async function searchBench(options: BenchOptions): Promise<SearchBenchResult> {
  const { scale, reps = 3 } = options;
  const clients = clientRecords(scaled(100_000, scale));
  const queries = benchQueries(clients);
  // Cross-origin isolated pages tick in 5 µs; otherwise 100 µs, too coarse for single queries.
  const batch = crossOriginIsolated ? 1 : 20;
  progress(`search: ${clients.length} clients, ${queries.length} queries, isolated=${crossOriginIsolated}`);

  const engines: Record<string, Engine> = { kartoteka: kartoteka(), minisearch: miniSearch() };
  const variants: Record<string, SearchVariantResult> = {};
  for (const name of Object.keys(engines)) {
    variants[name] = { buildMs: [], heapBytes: [], queryMs: [], byKind: {} as Record<QueryKind, number[]>, answered: 0, sourceFound: 0, answeredByKind: {} as Record<QueryKind, number> };
  }
  for (let rep = 0; rep < reps; rep++) {
    for (const name of rotated(Object.keys(engines), rep)) {
      const engine = engines[name]!;
      const result = variants[name]!;
      const before = heapUsed();
      // The first query is part of the build: ours sorts its term dictionary lazily on it.
      result.buildMs.push(await timed(() => (engine.build(clients), engine.search(queries[0]!.text))));
      result.heapBytes.push(heapUsed() - before);
      // One untimed pass warms the JIT; answers are checked on it.
      const answers = queries.map(({ text }) => engine.search(text));
      if (rep === 0) {
        result.answered = answers.filter((ids) => ids.length > 0).length;
        result.sourceFound = answers.filter((ids, i) => ids.includes(queries[i]!.source)).length;
        answers.forEach((ids, i) => (result.answeredByKind[queries[i]!.kind] = (result.answeredByKind[queries[i]!.kind] ?? 0) + (ids.length > 0 ? 1 : 0)));
      }
      const times = timeQueries(engine, queries, batch);
      times.forEach((ms, i) => (result.byKind[queries[i]!.kind] ??= []).push(ms));
      result.queryMs.push(...times);
      engine.release();
      progress(`search: rep ${rep + 1}/${reps} ${name} built in ${Math.round(result.buildMs.at(-1)!)} ms`);
    }
  }
  return { documents: clients.length, queries: queries.length, isolated: crossOriginIsolated, batch, variants };
}
