import { parseCsv } from '../../src/index.ts';
import { uniqueHeaders } from './unique-headers.ts';

export interface CsvPreview {
  /** The header row's cells, trimmed and made unique (see `uniqueHeaders`): the names a mapping uses. */
  headers: string[];
  /** Whether a repeated header was numbered: the text then goes to the SDK with these headers. */
  renamed: boolean;
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
  const trimmed = (header?.cells ?? []).map((cell) => cell.trim());
  const headers = uniqueHeaders(trimmed);
  return {
    headers,
    renamed: headers.some((name, i) => name !== trimmed[i]),
    rows: data
      .filter((record) => record.cells.some((cell) => cell.trim() !== ''))
      .slice(0, count)
      .map((record) => record.cells),
  };
}
