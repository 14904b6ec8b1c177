import { parseCsv } from '../../src/index.ts';

export interface CsvPreview {
  /** The header row's cells, trimmed: the names a mapping uses. */
  headers: string[];
  /** The first data rows (blank lines left out). */
  rows: string[][];
}

/** Enough of the text to show `count` rows, without parsing a large file whole on every change of delimiter. */
const sliceLength = 64 * 1024;

/** The header and the first `count` rows of a CSV text. */
export function previewCsv(text: string, delimiter: string, count = 5): CsvPreview {
  const whole = text.length <= sliceLength;
  const records = parseCsv(whole ? text : text.slice(0, sliceLength), { delimiter });
  // A cut text may end inside a record: drop the last one.
  if (!whole) records.pop();
  const [header, ...data] = records;
  return {
    headers: (header?.cells ?? []).map((cell) => cell.trim()),
    rows: data
      .filter((record) => record.cells.some((cell) => cell.trim() !== ''))
      .slice(0, count)
      .map((record) => record.cells),
  };
}
