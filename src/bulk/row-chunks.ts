/**
 * Rows gathered into chunks, one transaction each: a chunk is written once it holds `size` rows,
 * or before a row whose key one of its rows already has (two writes of one record in one
 * transaction would race; the first is stored first).
 */
export class RowChunks<R> {
  #rows: R[] = [];
  readonly #keys = new Set<string>();

  constructor(
    private readonly size: number,
    private readonly write: (rows: R[]) => Promise<void>,
  ) {}

  async add(row: R, key: string | undefined): Promise<void> {
    if (key !== undefined && this.#keys.has(key)) await this.end();
    this.#rows.push(row);
    if (key !== undefined) this.#keys.add(key);
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
