import { EXACT_SLOT, MAX_SLOTS, Tier, compileQuery, type CompiledQuery, type QueryGroup } from './query.ts';
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
const EXACT_BIT = 1 << 30;
/** The best tier among a slot's three bits (bit 0 = substring … bit 2 = primary). */
const TIER_OF_BITS = [0, 1, 2, 2, 3, 3, 3, 3];

/** The terms a query matched for one slot: sorted-array ranges and single term numbers. */
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
 * dictionary for each word's prefix ranges and marks the matched terms with a bit per word and
 * tier; it then walks the postings of the most selective word only (plus exact hits), gives each
 * of those documents the OR of its matched terms' marks, scores it by its weakest word, and keeps
 * the best `limit` in a heap. Substring matches (a trigram-driven second pass) are looked up only
 * when prefix matches do not fill the page.
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
  // Query scratch, reused: marks per term (zero between queries, reset through `touched`), per
  // document a pair [epoch it was last reached in, OR of its matched terms' marks], and the list
  // of documents reached (the first `found` entries of `candidates`).
  private marks = new Uint32Array(0);
  private readonly touched: number[] = [];
  private visits = new Uint32Array(0);
  private candidates = new Int32Array(0);
  private found = 0;
  private epoch = 0;

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
    this.marks = new Uint32Array(0);
    this.visits = new Uint32Array(0);
    this.candidates = new Int32Array(0);
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
        this.marks.length * 4 +
        this.numbers.size * (40 + 16 + 48) +
        this.idChars +
        this.ids.length * (8 + 8) +
        this.tieKeys.length * 16 +
        this.visits.length * 4 +
        this.termRefs * 8,
    };
  }

  /**
   * A one-word query: a document's score is the best tier among its matched terms, so walking
   * the probes from the best tier down scores each document at its first reach, and a tier is
   * skipped once the page is full of better hits. No marks, no per-document state.
   */
  private searchOneSlot(query: CompiledQuery, numbered: number[], limit: number, filter: Filter | undefined): TopN {
    const top = new TopN(limit, this.ranksAbove);
    const offer = (doc: number, tier: number) => {
      if (top.admits(doc, tier) && !top.has(doc) && (filter === undefined || filter(this.ids[doc]!))) top.add(doc, tier);
    };
    const dictionary = this.dictionary;
    const walk = (term: number, tier: number) => {
      const posting = dictionary.posting(term);
      if (typeof posting === 'number') offer(posting, tier);
      else if (posting !== undefined) for (const doc of posting) offer(doc, tier);
    };
    for (const doc of numbered) offer(doc, Tier.exact);
    for (const probe of [...query.probes].sort((a, b) => b.tier - a.tier)) {
      if (top.full && top.worstScore > probe.tier) return top;
      if (!probe.prefix) {
        const term = dictionary.find(probe.term);
        if (term !== undefined) walk(term, probe.tier);
        continue;
      }
      const [start, end] = dictionary.prefixRange(probe.term);
      const tier = probe.tier;
      for (let i = start; i < end; i += 1) {
        const posting = dictionary.posting(dictionary.sortedAt(i));
        if (typeof posting === 'number') {
          if (top.admits(posting, tier) && !top.has(posting) && (filter === undefined || filter(this.ids[posting]!))) top.add(posting, tier);
        } else if (posting !== undefined) for (const doc of posting) offer(doc, tier);
      }
    }
    if (!(top.full && top.worstScore >= Tier.secondary)) {
      for (const { tag, needle } of query.substrings) dictionary.withSubstring(tag, needle, (term) => walk(term, Tier.substring));
    }
    return top;
  }

  /** A query of several words (or parts): marks and per-document masks, see {@link TextIndex}. */
  private searchSlots(query: CompiledQuery, numbered: number[], limit: number, filter: Filter | undefined): TopN {
    const matched: Matched[] = Array.from({ length: MAX_SLOTS }, () => ({ ranges: [], terms: [], size: 0 }));
    const exact: Matched = { ranges: [], terms: [], size: 0 };
    try {
      for (const probe of query.probes) {
        this.markProbe(probe.term, probe.prefix, slotBit(probe.slot, probe.tier), probe.slot === EXACT_SLOT ? exact : matched[probe.slot]!);
      }
      const top = this.collect(query, matched, exact, numbered, limit, filter);
      // Substring hits score 1, below every prefix hit: look for them only when the page has room.
      if (query.substrings.length === 0 || (top.full && top.worstScore >= Tier.secondary)) return top;
      for (const { tag, needle, slot } of query.substrings) {
        const bit = slotBit(slot, Tier.substring);
        this.dictionary.withSubstring(tag, needle, (term) => this.markTerm(term, bit, matched[slot]!));
      }
      return this.collect(query, matched, exact, numbered, limit, filter);
    } finally {
      for (const term of this.touched) this.marks[term] = 0;
      this.touched.length = 0;
    }
  }

  private prepare(): void {
    const renumbered = this.dictionary.prepare();
    if (renumbered) {
      for (const terms of this.docTerms) {
        if (terms) for (let i = 0; i < terms.length; i += 1) terms[i] = renumbered[terms[i]!]!;
      }
    }
    if (this.marks.length < this.dictionary.capacity) this.marks = new Uint32Array(this.dictionary.capacity + 1024);
    if (this.candidates.length < this.ids.length) {
      this.candidates = new Int32Array(this.ids.length + 1024);
      this.visits = new Uint32Array(2 * this.candidates.length);
      this.epoch = 0;
    }
  }

  /** The documents whose number key is `number`: a scan of a flat array, a few dozen µs per 100k. */
  private numbered(number: number): number[] {
    const found: number[] = [];
    const keys = this.numberKeys;
    for (let doc = 0; doc < this.ids.length; doc += 1) if (keys[doc] === number) found.push(doc);
    return found;
  }

  private markTerm(term: number, bit: number, into: Matched): void {
    const posting = this.dictionary.posting(term);
    if (posting === undefined) return;
    if (this.marks[term] === 0) this.touched.push(term);
    this.marks[term]! |= bit;
    into.terms.push(term);
    into.size += typeof posting === 'number' ? 1 : posting.length;
  }

  private markProbe(term: string, prefix: boolean, bit: number, into: Matched): void {
    if (!prefix) {
      const id = this.dictionary.find(term);
      if (id !== undefined) this.markTerm(id, bit, into);
      return;
    }
    const { dictionary, marks, touched } = this;
    const [start, end] = dictionary.prefixRange(term);
    for (let i = start; i < end; i += 1) {
      const id = dictionary.sortedAt(i);
      const posting = dictionary.posting(id);
      if (posting === undefined) continue;
      if (marks[id] === 0) touched.push(id);
      marks[id]! |= bit;
      into.size += typeof posting === 'number' ? 1 : posting.length;
    }
    into.ranges.push(start, end);
  }

  /**
   * Scores the documents of the exact hits and of the most selective word. The other words' marks
   * reach those documents either by walking the other words' postings too or, when that is the
   * longer way, by OR-ing the marks of each candidate's own terms.
   */
  private collect(
    query: CompiledQuery,
    matched: Matched[],
    exact: Matched,
    numbered: number[],
    limit: number,
    filter: Filter | undefined,
  ): TopN {
    if (this.epoch === 0xffffffff) {
      this.visits.fill(0);
      this.epoch = 0;
    }
    const epoch = ++this.epoch;
    this.found = 0;
    for (const doc of numbered) this.reach(doc, EXACT_BIT, epoch, true);
    this.gather(exact, epoch, true);
    const driver = driverSlots(query.groups, matched);
    for (const slot of driver) this.gather(matched[slot]!, epoch, true);
    const { visits, marks, candidates, found } = this;

    const others = new Set(query.groups.flatMap((group) => [group.identSlot, ...group.textSlots]));
    for (const slot of driver) others.delete(slot);
    let walkCost = 0;
    for (const slot of others) walkCost += matched[slot]!.size;
    if (walkCost <= found * (this.termRefs / this.numbers.size)) {
      for (const slot of others) this.gather(matched[slot]!, epoch, false);
    } else {
      for (let i = 0; i < found; i += 1) {
        const doc = candidates[i]!;
        let mask = visits[2 * doc + 1]!;
        for (const term of this.docTerms[doc]!) mask |= marks[term]!;
        visits[2 * doc + 1] = mask;
      }
    }

    const top = new TopN(limit, this.ranksAbove);
    for (let i = 0; i < found; i += 1) {
      const doc = candidates[i]!;
      const score = scoreOf(visits[2 * doc + 1]!, query.groups);
      if (score > 0 && top.admits(doc, score) && (filter === undefined || filter(this.ids[doc]!))) top.add(doc, score);
    }
    return top;
  }

  /** ORs `bits` into a document's mask; a document reached first in this epoch becomes a candidate if `admit`, else is skipped. */
  private reach(doc: number, bits: number, epoch: number, admit: boolean): void {
    const visits = this.visits;
    if (visits[2 * doc] === epoch) visits[2 * doc + 1]! |= bits;
    else if (admit) {
      visits[2 * doc] = epoch;
      visits[2 * doc + 1] = bits;
      this.candidates[this.found++] = doc;
    }
  }

  /** {@link reach}es every document of the matched terms with that term's marks. */
  private gather(matched: Matched, epoch: number, admit: boolean): void {
    const { dictionary, marks } = this;
    const visit = (term: number) => {
      const posting = dictionary.posting(term);
      if (typeof posting === 'number') this.reach(posting, marks[term]!, epoch, admit);
      else if (posting !== undefined) for (const doc of posting) this.reach(doc, marks[term]!, epoch, admit);
    };
    const { ranges, terms } = matched;
    for (let r = 0; r < ranges.length; r += 2) {
      for (let i = ranges[r]!; i < ranges[r + 1]!; i += 1) visit(dictionary.sortedAt(i));
    }
    for (const term of terms) visit(term);
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

/** The lowest tier over the query's words (0: some word unmatched), or exact. */
function scoreOf(mask: number, groups: QueryGroup[]): number {
  if (mask & EXACT_BIT) return Tier.exact;
  let score: number = Tier.exact;
  for (const { identSlot, textSlots } of groups) {
    let text: number = Tier.exact;
    for (const slot of textSlots) text = Math.min(text, TIER_OF_BITS[(mask >>> (slot * 3)) & 7]!);
    const tier = Math.max(text, TIER_OF_BITS[(mask >>> (identSlot * 3)) & 7]!);
    if (tier === 0) return 0;
    score = Math.min(score, tier);
  }
  return score;
}

function slotBit(slot: number, tier: number): number {
  return slot === EXACT_SLOT ? EXACT_BIT : 1 << (slot * 3 + tier - 1);
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
