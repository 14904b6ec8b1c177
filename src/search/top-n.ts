/** Whether document `a` with score `aScore` ranks above `b` with `bScore`; a strict total order. */
export type RanksAbove = (a: number, aScore: number, b: number, bScore: number) => boolean;

/**
 * The best `limit` documents seen so far: a heap with the worst kept one at the root, so each
 * offer costs O(log limit) and a query never sorts all its matches.
 */
export class TopN {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];
  private readonly kept = new Set<number>();

  constructor(
    private readonly limit: number,
    private readonly ranksAbove: RanksAbove,
  ) {}

  /** Whether the heap holds `limit` documents. */
  get full(): boolean {
    return this.docs.length >= this.limit;
  }

  /** The score of the worst document kept; meaningful when not empty. */
  get worstScore(): number {
    return this.scores[0] ?? 0;
  }

  /** Whether `doc` is kept now. */
  has(doc: number): boolean {
    return this.kept.has(doc);
  }

  /** Whether `doc` would be kept now, so the caller can run costlier checks (permissions) only then. */
  admits(doc: number, score: number): boolean {
    return !this.full || this.ranksAbove(doc, score, this.docs[0]!, this.scores[0]!);
  }

  /** Keeps a document that {@link admits} said would be kept, dropping the worst when full. */
  add(doc: number, score: number): void {
    this.kept.add(doc);
    if (!this.full) {
      this.docs.push(doc);
      this.scores.push(score);
      this.siftUp(this.docs.length - 1);
    } else {
      this.kept.delete(this.docs[0]!);
      this.docs[0] = doc;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** The kept documents, best first. */
  sorted(): { doc: number; score: number }[] {
    return this.docs
      .map((doc, i) => ({ doc, score: this.scores[i]! }))
      .sort((a, b) => (this.ranksAbove(a.doc, a.score, b.doc, b.score) ? -1 : 1));
  }

  // Heap order: every parent ranks below its children.
  private below(i: number, j: number): boolean {
    return this.ranksAbove(this.docs[j]!, this.scores[j]!, this.docs[i]!, this.scores[i]!);
  }

  private swap(i: number, j: number): void {
    [this.docs[i], this.docs[j]] = [this.docs[j]!, this.docs[i]!];
    [this.scores[i], this.scores[j]] = [this.scores[j]!, this.scores[i]!];
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.below(parent, i)) return;
      this.swap(parent, i);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.docs.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < n && this.below(left, worst)) worst = left;
      if (right < n && this.below(right, worst)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
}
