/**
 * Rows gathered into chunks, one transaction each: a chunk is written once it holds `size` rows,
 * or before a row that shares a key with one of its rows (two writes of one record in one
 * transaction would race, and a row must find what an earlier one stored: the first is stored first).
 */
export class RowChunks<R> {
  #rows: R[] = [];
  readonly #keys = new Set<string>();

  constructor(
    private readonly size: number,
    private readonly write: (rows: R[]) => Promise<void>,
  ) {}

  /** `keys`: what the row may write or be found by. */
  async add(row: R, keys: readonly string[]): Promise<void> {
    if (keys.some((key) => this.#keys.has(key))) await this.end();
    this.#rows.push(row);
    for (const key of keys) this.#keys.add(key);
    if (this.#rows.length >= this.size) await this.end();
  }

  /** Writes the rows gathered so far. */
  async end(): Promise<void> {
    const rows = this.#rows;
    this.#rows = [];
    this.#keys.clear();
    if (rows.length) await this.write(rows);
  }
}
