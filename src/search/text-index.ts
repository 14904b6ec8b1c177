import { EXACT_SLOT, Tier, compileQuery, type CompiledQuery, type QueryGroup } from './query.ts';
import { Tag } from './terms.ts';
import { TermDictionary } from './term-dictionary.ts';
import { TopN } from './top-n.ts';

/** How a {@link TextIndex} reads its records. */
export interface Indexer<Doc> {
  id(doc: Doc): string;
  /** The record's tagged terms (see `Tag`). */
  terms(doc: Doc): Set<string>;
  /** Orders records of equal score: lower first, then by id. */
  tieKey(doc: Doc): number;
  /** A record number that a query of digits alone matches exactly (kept in a flat array, not as a term). */
  numberKey?(doc: Doc): number | undefined;
}

export interface SearchOptions {
  /** How many hits to return at most; 20 unless given. */
  limit?: number;
  /** Hides records (e.g. ones the user may not see) before `limit` applies. */
  filter?: (id: string) => boolean;
}

export interface SearchHit {
  id: string;
  /** 4 exact tax ID or number, 3 prefix of a main-name word or order number, 2 prefix of another field, 1 substring. */
  score: number;
}

export interface SearchIndexStats {
  documents: number;
  /** Distinct terms held. */
  terms: number;
  /** Estimated heap bytes of the index (not of the records it was given). */
  approxBytes: number;
}

type Filter = (id: string) => boolean;

const DEFAULT_LIMIT = 20;
/** Marks a document in a slot's tier array as already listed as a candidate (tiers use the low bits). */
const LISTED = 0x80;

/** What one slot of a query matched: sorted-array ranges as (start, end, tier) and single terms as (term, tier). */
interface Matched {
  ranges: number[];
  terms: number[];
  /** Postings summed: how many documents (with repeats) iterating them visits. */
  size: number;
}

/**
 * A synchronous in-memory search index over records of one kind, updated record by record.
 *
 * Each record is reduced to tagged terms at `put` time. A search binary-searches the sorted term
 * dictionary for each word's prefix ranges. A one-word query walks those ranges best tier first
 * straight into a top-`limit` heap. A longer one writes, per word, each matched document's best
 * tier into a byte array (small enough to stay in the CPU cache), then scores only the documents
 * of its most selective word by their weakest word. Substring matches (found through trigrams)
 * are looked up only when prefix matches do not fill the page.
 *
 * @example
 * ```ts
 * const index = new TextIndex<{ id: string; title: string }>({
 *   id: (doc) => doc.id,
 *   terms: (doc) => { const terms = new Set<string>(); addWords(terms, Tag.name, doc.title); return terms; },
 *   tieKey: (doc) => doc.title.length,
 * }, undefined);
 * index.put({ id: 'a', title: 'Žlutý kůň' });
 * index.search('zlu'); // [{ id: 'a', score: 3 }]
 * ```
 */
export class TextIndex<Doc> {
  private readonly dictionary = new TermDictionary(Tag.name + Tag.contact);
  private readonly numbers = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  private docTerms: (number[] | undefined)[] = [];
  private tieKeys = new Float64Array(0);
  /**
   * `rebuild` numbers documents in rank order (tie key, then id), so two of them compare by number
   * without reading their tie keys: documents below `orderedCount` whose bit in `unordered` is clear.
   */
  private orderedCount = 0;
  private unordered = new Uint32Array(0);
  private numberKeys = new Float64Array(0);
  private freeDocs: number[] = [];
  private termRefs = 0;
  private idChars = 0;
  /** Query scratch, reused: per slot, each document's best tier (zero between queries). */
  private slotTiers: Uint8Array[] = [];

  constructor(
    private readonly indexer: Indexer<Doc>,
    private readonly defaultCountry: string | undefined,
  ) {}

  /** Adds a record, or replaces the indexed version of the record with its id (old terms go). */
  put(doc: Doc): void {
    const id = this.indexer.id(doc);
    const wanted = new Set<number>();
    for (const term of this.indexer.terms(doc)) wanted.add(this.dictionary.acquire(term));
    let number = this.numbers.get(id);
    if (number === undefined) {
      number = this.freeDocs.pop() ?? this.ids.length;
      this.numbers.set(id, number);
      this.ids[number] = id;
      this.idChars += id.length;
      if (number >= this.tieKeys.length) {
        this.tieKeys = grown(this.tieKeys, number + 1);
        this.numberKeys = grown(this.numberKeys, number + 1);
      }
    }
    const old = this.docTerms[number] ?? [];
    for (const term of old) if (!wanted.has(term)) this.dictionary.unlink(term, number);
    const had = new Set(old);
    for (const term of wanted) if (!had.has(term)) this.dictionary.link(term, number);
    this.docTerms[number] = [...wanted];
    this.termRefs += wanted.size - old.length;
    const tieKey = this.indexer.tieKey(doc);
    // A reused number was marked by `remove`; here only a changed tie key moves a document out of order.
    if (number < this.orderedCount && this.tieKeys[number] !== tieKey) this.markUnordered(number);
    this.tieKeys[number] = tieKey;
    this.numberKeys[number] = this.indexer.numberKey?.(doc) ?? NaN;
  }

  /** Forgets a record; unknown ids are ignored. */
  remove(id: string): void {
    const number = this.numbers.get(id);
    if (number === undefined) return;
    const terms = this.docTerms[number]!;
    for (const term of terms) this.dictionary.unlink(term, number);
    this.termRefs -= terms.length;
    this.idChars -= id.length;
    this.numbers.delete(id);
    this.ids[number] = undefined;
    this.docTerms[number] = undefined;
    this.numberKeys[number] = NaN;
    if (number < this.orderedCount) this.markUnordered(number);
    this.freeDocs.push(number);
  }

  private markUnordered(number: number): void {
    this.unordered[number >>> 5]! |= 1 << (number & 31);
  }

  clear(): void {
    this.dictionary.clear();
    this.numbers.clear();
    this.ids = [];
    this.docTerms = [];
    this.tieKeys = new Float64Array(0);
    this.orderedCount = 0;
    this.unordered = new Uint32Array(0);
    this.numberKeys = new Float64Array(0);
    this.freeDocs = [];
    this.termRefs = 0;
    this.idChars = 0;
    this.slotTiers = [];
  }

  /** Replaces the whole content with these records (and sorts the dictionary now, not at the first search). */
  rebuild(docs: Iterable<Doc>): void {
    this.clear();
    const ranked = Array.from(docs, (doc) => ({ doc, id: this.indexer.id(doc), tieKey: this.indexer.tieKey(doc) }));
    ranked.sort((a, b) => a.tieKey - b.tieKey || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const { doc } of ranked) this.put(doc);
    this.orderedCount = this.ids.length;
    this.unordered = new Uint32Array((this.orderedCount >>> 5) + 1);
    this.prepare();
  }

  /**
   * Records matching every word of `text` (each by prefix of some field, or by substring of a
   * name), or matching the whole text as an exact tax ID or number; best first, then by the
   * indexer's tie key, then by id.
   */
  search(text: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const query = compileQuery(text, this.defaultCountry);
    if (!(limit >= 1) || query.groups.length === 0 || this.numbers.size === 0) return [];
    this.prepare();
    const numbered = query.number === undefined ? [] : this.numbered(query.number);
    const [group, ...more] = query.groups;
    const top =
      more.length === 0 && group!.textSlots[0] === group!.identSlot
        ? this.searchOneSlot(query, numbered, limit, options.filter)
        : this.searchSlots(query, numbered, limit, options.filter);
    return top.sorted().map(({ doc, score }) => ({ id: this.ids[doc]!, score }));
  }

  stats(): SearchIndexStats {
    return {
      documents: this.numbers.size,
      terms: this.dictionary.size,
      approxBytes:
        this.dictionary.approxBytes() +
        this.numbers.size * (40 + 16 + 48) +
        this.idChars +
        this.ids.length * (8 + 8) +
        this.tieKeys.length * 16 +
        this.slotTiers.reduce((sum, tiers) => sum + tiers.length, 0) +
        this.termRefs * 8,
    };
  }

  /**
   * A one-word query: a document's score is the best tier among its matched terms, so walking
   * the probes from the best tier down scores each document at its first reach, and a tier is
   * skipped once the page is full of better hits. No per-document scratch at all.
   */
  private searchOneSlot(query: CompiledQuery, numbered: number[], limit: number, filter: Filter | undefined): TopN {
    const top = new TopN(limit, this.ranksAbove);
    const dictionary = this.dictionary;
    for (const doc of numbered) this.offer(top, doc, Tier.exact, filter);
    for (const probe of [...query.probes].sort((a, b) => b.tier - a.tier)) {
      if (top.full && top.worstScore > probe.tier) return top;
      if (!probe.prefix) {
        const term = dictionary.find(probe.term);
        if (term !== undefined) this.offerTerm(top, term, probe.tier, filter);
        continue;
      }
      const [start, end] = dictionary.prefixRange(probe.term);
      this.offerRange(top, start, end, probe.tier, filter);
    }
    if (!(top.full && top.worstScore >= Tier.secondary)) {
      for (const { tag, needle } of query.substrings) {
        dictionary.withSubstring(tag, needle, (term) => this.offerTerm(top, term, Tier.substring, filter));
      }
    }
    return top;
  }

  /** The hot loop of one-word queries, a method of its own so that V8 optimises it as a whole. */
  private offerRange(top: TopN, start: number, end: number, tier: number, filter: Filter | undefined): void {
    const dictionary = this.dictionary;
    for (let i = start; i < end; i += 1) {
      const posting = dictionary.posting(dictionary.sortedAt(i));
      if (typeof posting === 'number') {
        if (top.admits(posting, tier)) this.keep(top, posting, tier, filter);
      } else if (posting !== undefined) {
        for (const doc of posting) if (top.admits(doc, tier)) this.keep(top, doc, tier, filter);
      }
    }
  }

  private offerTerm(top: TopN, term: number, tier: number, filter: Filter | undefined): void {
    const posting = this.dictionary.posting(term);
    if (typeof posting === 'number') this.offer(top, posting, tier, filter);
    else if (posting !== undefined) for (const doc of posting) this.offer(top, doc, tier, filter);
  }

  private offer(top: TopN, doc: number, tier: number, filter: Filter | undefined): void {
    if (top.admits(doc, tier)) this.keep(top, doc, tier, filter);
  }

  /** Adds a document {@link TopN.admits} let in, unless already kept (reached again through another term) or filtered out. */
  private keep(top: TopN, doc: number, tier: number, filter: Filter | undefined): void {
    if (!top.has(doc) && (filter === undefined || filter(this.ids[doc]!))) top.add(doc, tier);
  }

  /** A query of several words (or of a word with several parts), see {@link TextIndex}. */
  private searchSlots(query: CompiledQuery, numbered: number[], limit: number, filter: Filter | undefined): TopN {
    const slotCount = Math.max(...query.groups.flatMap((group) => [group.identSlot, ...group.textSlots])) + 1;
    const matched: Matched[] = Array.from({ length: slotCount }, () => ({ ranges: [], terms: [], size: 0 }));
    const exact = new Set(numbered);
    const dictionary = this.dictionary;
    for (const probe of query.probes) {
      if (probe.slot === EXACT_SLOT) {
        const add = (term: number) => this.eachDocument(term, (doc) => exact.add(doc));
        if (!probe.prefix) {
          const term = dictionary.find(probe.term);
          if (term !== undefined) add(term);
        } else {
          const [start, end] = dictionary.prefixRange(probe.term);
          for (let i = start; i < end; i += 1) add(dictionary.sortedAt(i));
        }
        continue;
      }
      const [start, end] = dictionary.prefixRange(probe.term);
      const into = matched[probe.slot]!;
      into.ranges.push(start, end, probe.tier);
      for (let i = start; i < end; i += 1) into.size += this.postingSize(dictionary.sortedAt(i));
    }
    const tiers = this.tiersFor(slotCount);
    try {
      matched.forEach((slot, i) => this.fillTiers(tiers[i]!, slot.ranges, slot.terms));
      const top = this.rank(query, matched, tiers, exact, limit, filter);
      // Substring hits score 1, below every prefix hit: look for them only when the page has room.
      if (query.substrings.length === 0 || (top.full && top.worstScore >= Tier.secondary)) return top;
      for (const { tag, needle, slot } of query.substrings) {
        const found: number[] = [];
        dictionary.withSubstring(tag, needle, (term) => found.push(term, Tier.substring));
        const into = matched[slot]!;
        into.terms.push(...found);
        for (let i = 0; i < found.length; i += 2) into.size += this.postingSize(found[i]!);
        this.fillTiers(tiers[slot]!, [], found);
      }
      return this.rank(query, matched, tiers, exact, limit, filter);
    } finally {
      for (const slotTiers of tiers) slotTiers.fill(0);
    }
  }

  /** Raises each document of the matched terms to the term's tier in a slot's tier array. */
  private fillTiers(tiers: Uint8Array, ranges: number[], terms: number[]): void {
    const dictionary = this.dictionary;
    for (let r = 0; r < ranges.length; r += 3) {
      const tier = ranges[r + 2]!;
      for (let i = ranges[r]!; i < ranges[r + 1]!; i += 1) {
        const posting = dictionary.posting(dictionary.sortedAt(i));
        if (typeof posting === 'number') {
          if (tiers[posting]! < tier) tiers[posting] = tier;
        } else if (posting !== undefined) {
          for (const doc of posting) if (tiers[doc]! < tier) tiers[doc] = tier;
        }
      }
    }
    for (let t = 0; t < terms.length; t += 2) {
      const tier = terms[t + 1]!;
      this.eachDocument(terms[t]!, (doc) => {
        if (tiers[doc]! < tier) tiers[doc] = tier;
      });
    }
  }

  /** Scores the exact hits and the documents of the query's most selective word, each by its weakest word. */
  private rank(query: CompiledQuery, matched: Matched[], tiers: Uint8Array[], exact: Set<number>, limit: number, filter: Filter | undefined): TopN {
    const driver = driverSlots(query.groups, matched);
    const listed = tiers[driver[0]!]!;
    const candidates: number[] = [];
    const list = (doc: number) => {
      if ((listed[doc]! & LISTED) === 0) {
        listed[doc]! |= LISTED;
        candidates.push(doc);
      }
    };
    for (const doc of exact) list(doc);
    const dictionary = this.dictionary;
    for (const slot of driver) {
      const { ranges, terms } = matched[slot]!;
      for (let r = 0; r < ranges.length; r += 3) {
        for (let i = ranges[r]!; i < ranges[r + 1]!; i += 1) this.eachDocument(dictionary.sortedAt(i), list);
      }
      for (let t = 0; t < terms.length; t += 2) this.eachDocument(terms[t]!, list);
    }
    for (const doc of candidates) listed[doc]! &= ~LISTED;

    const top = new TopN(limit, this.ranksAbove);
    for (const doc of candidates) {
      const score = exact.has(doc) ? Tier.exact : scoreOf(doc, query.groups, tiers);
      if (score > 0 && top.admits(doc, score)) this.keep(top, doc, score, filter);
    }
    return top;
  }

  private eachDocument(term: number, visit: (doc: number) => void): void {
    const posting = this.dictionary.posting(term);
    if (typeof posting === 'number') visit(posting);
    else if (posting !== undefined) for (const doc of posting) visit(doc);
  }

  private postingSize(term: number): number {
    const posting = this.dictionary.posting(term);
    return posting === undefined ? 0 : typeof posting === 'number' ? 1 : posting.length;
  }

  /** The first `count` slot tier arrays, each as long as the document numbers. */
  private tiersFor(count: number): Uint8Array[] {
    for (let i = 0; i < count; i += 1) {
      if ((this.slotTiers[i]?.length ?? 0) < this.ids.length) this.slotTiers[i] = new Uint8Array(this.ids.length + 1024);
    }
    return this.slotTiers.slice(0, count);
  }

  private prepare(): void {
    const renumbered = this.dictionary.prepare();
    if (renumbered) {
      for (const terms of this.docTerms) {
        if (terms) for (let i = 0; i < terms.length; i += 1) terms[i] = renumbered[terms[i]!]!;
      }
    }
  }

  /** The documents whose number key is `number`: a scan of a flat array, a few dozen µs per 100k. */
  private numbered(number: number): number[] {
    const found: number[] = [];
    const keys = this.numberKeys;
    for (let doc = 0; doc < this.ids.length; doc += 1) if (keys[doc] === number) found.push(doc);
    return found;
  }

  private readonly ranksAbove = (a: number, aScore: number, b: number, bScore: number): boolean => {
    if (aScore !== bScore) return aScore > bScore;
    const { orderedCount, unordered } = this;
    if (a < orderedCount && b < orderedCount && ((unordered[a >>> 5]! >>> (a & 31)) & 1) === 0 && ((unordered[b >>> 5]! >>> (b & 31)) & 1) === 0) {
      return a < b;
    }
    const tieA = this.tieKeys[a]!;
    const tieB = this.tieKeys[b]!;
    if (tieA !== tieB) return tieA < tieB;
    return this.ids[a]! < this.ids[b]!;
  };
}

/** A document's lowest tier over the query's words (0: some word unmatched). */
function scoreOf(doc: number, groups: QueryGroup[], tiers: Uint8Array[]): number {
  let score: number = Tier.exact;
  for (const { identSlot, textSlots } of groups) {
    let text: number = Tier.exact;
    for (const slot of textSlots) text = Math.min(text, tiers[slot]![doc]!);
    const tier = Math.max(text, tiers[identSlot]![doc]!);
    if (tier === 0) return 0;
    score = Math.min(score, tier);
  }
  return score;
}

/** The slots whose documents include every match of the query: those of its cheapest word. */
function driverSlots(groups: QueryGroup[], matched: Matched[]): number[] {
  let best: number[] = [];
  let bestSize = Infinity;
  for (const { identSlot, textSlots } of groups) {
    let slots = [identSlot];
    if (textSlots[0] !== identSlot) {
      const cheapest = textSlots.reduce((a, b) => (matched[b]!.size < matched[a]!.size ? b : a));
      slots = [identSlot, cheapest];
    }
    const size = slots.reduce((sum, slot) => sum + matched[slot]!.size, 0);
    if (size < bestSize) {
      best = slots;
      bestSize = size;
    }
  }
  return best;
}

function grown(array: Float64Array<ArrayBuffer>, needed: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(Math.max(needed, array.length * 2, 64));
  next.set(array);
  return next;
}
