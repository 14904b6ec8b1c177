/**
 * Which rows are selected: a set of ids, or every client matching the query ("select all
 * matching", which may be more than are loaded). `anchor` is where a shift-range starts.
 */
export class Selection {
  #ids = new Set<string>();
  allMatching = false;
  anchor: number | undefined;

  has(id: string): boolean {
    return this.allMatching || this.#ids.has(id);
  }

  /** How many are selected, `total` being how many match. */
  size(total: number): number {
    return this.allMatching ? total : this.#ids.size;
  }

  get ids(): string[] {
    return [...this.#ids];
  }

  /** Plain click: this row alone. */
  only(id: string, index: number): void {
    this.allMatching = false;
    this.#ids = new Set([id]);
    this.anchor = index;
  }

  /** Ctrl/Cmd-click, Space, the row's checkbox: this row in or out, the rest kept (the caller turns "all matching" into ids first). */
  toggle(id: string, index: number): void {
    if (this.#ids.has(id)) this.#ids.delete(id);
    else this.#ids.add(id);
    this.anchor = index;
  }

  /** Shift-click, Shift+arrows: the rows from the anchor to here (given as ids), added to the rest unless `replace`. */
  extend(ids: string[], replace: boolean): void {
    this.allMatching = false;
    if (replace) this.#ids = new Set();
    for (const id of ids) this.#ids.add(id);
  }

  selectAllMatching(): void {
    this.allMatching = true;
    this.#ids = new Set();
  }

  clear(): void {
    this.allMatching = false;
    this.#ids = new Set();
    this.anchor = undefined;
  }
}
