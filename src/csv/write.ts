export interface CsvWriteOptions {
  /** Separates cells: `,` (default, RFC 4180) or `;` (what Excel expects where `,` is the decimal mark, e.g. Czech). */
  delimiter?: string;
  /** Starts the text with a byte-order mark, so Excel reads it as UTF-8 rather than the system code page. */
  bom?: boolean;
}

/**
 * Writes rows of cells as RFC 4180 CSV: CRLF after every row, and a cell quoted (its quotes
 * doubled) when it holds the delimiter, a quote or a line break. Cells go out as given: neutralise
 * formulas first (`neutralizeFormula`) when a spreadsheet will open the file.
 *
 * @example
 * ```ts
 * writeCsv([['name', 'note'], ['Alza', 'says "hi",\nthen leaves']]);
 * // 'name,note\r\nAlza,"says ""hi"",\nthen leaves"\r\n'
 * writeCsv([['a', 'b;c']], { delimiter: ';', bom: true }); // '\uFEFFa;"b;c"\r\n'
 * ```
 */
export function writeCsv(rows: Iterable<readonly string[]>, options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const parts: string[] = options.bom ? ['\uFEFF'] : [];
  for (const row of rows) parts.push(row.map((cell) => quoted(cell, delimiter)).join(delimiter), '\r\n');
  return parts.join('');
}

function quoted(cell: string, delimiter: string): string {
  // A leading BOM would be taken for the file's own and dropped by a reader.
  const needsQuotes = cell.includes(delimiter) || /["\r\n]/.test(cell) || cell.startsWith('\uFEFF');
  return needsQuotes ? `"${cell.replaceAll('"', '""')}"` : cell;
}
