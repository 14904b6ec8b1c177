/** One record of a CSV text. */
export interface CsvRecord {
  /** The physical line the record starts on, from 1: a quoted cell with line breaks makes the next record start further down. */
  line: number;
  cells: string[];
  /** Why the record is malformed (an unclosed quote, text after a closing quote); its cells are a best guess. */
  problem?: string;
}

export interface CsvParseOptions {
  /** Separates cells; `,` by default. */
  delimiter?: string;
}

/**
 * Reads RFC 4180 CSV: quoted cells with doubled quotes, delimiters and line breaks inside them;
 * CRLF, LF or CR line ends; an optional byte-order mark and final line break. Cells are kept
 * exactly as written (no trimming). A malformed record is returned with a `problem` rather than
 * thrown, so one bad row does not lose the rest of the file; a quote inside an unquoted cell is
 * kept as text, as spreadsheets do.
 *
 * @example
 * ```ts
 * parseCsv('name,note\r\nAlza,"two\nlines"\r\nCEZ,x\n');
 * // [{ line: 1, cells: ['name', 'note'] }, { line: 2, cells: ['Alza', 'two\nlines'] }, { line: 4, cells: ['CEZ', 'x'] }]
 * parseCsv('\uFEFFa;b', { delimiter: ';' }); // [{ line: 1, cells: ['a', 'b'] }]
 * ```
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): CsvRecord[] {
  const delimiter = options.delimiter ?? ',';
  const end = text.length;
  const records: CsvRecord[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  let line = 1;
  while (i < end) {
    const record: CsvRecord = { line, cells: [] };
    for (;;) {
      let cell: string;
      if (text[i] === '"') {
        cell = '';
        i += 1;
        for (;;) {
          const quote = text.indexOf('"', i);
          const piece = text.slice(i, quote === -1 ? end : quote);
          cell += piece;
          line += lineBreaks(piece);
          if (quote === -1) {
            record.problem ??= 'A quoted cell is not closed';
            i = end;
            break;
          }
          if (text[quote + 1] === '"') {
            cell += '"';
            i = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
        const rest = i;
        while (i < end && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i += 1;
        if (i > rest) {
          record.problem ??= 'Text follows a closing quote';
          cell += text.slice(rest, i);
        }
      } else {
        const start = i;
        while (i < end && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i += 1;
        cell = text.slice(start, i);
      }
      record.cells.push(cell);
      if (i < end && text[i] === delimiter) {
        i += 1;
        continue;
      }
      if (text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1;
      else if (text[i] === '\n') i += 1;
      line += 1;
      break;
    }
    records.push(record);
  }
  return records;
}

/** Line breaks in `text`, a CRLF counting once. */
function lineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) count += 1;
  }
  return count;
}
