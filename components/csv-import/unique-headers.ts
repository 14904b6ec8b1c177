import { writeCsv } from '../../src/index.ts';

/**
 * The headers with each repeated one numbered by its place among its namesakes ("Název (2)"): the
 * SDK maps columns by header, so two columns under one header could not be told apart.
 */
export function uniqueHeaders(headers: readonly string[]): string[] {
  const taken = new Set(headers);
  const seen = new Set<string>();
  return headers.map((header) => {
    if (header === '' || !seen.has(header)) {
      seen.add(header);
      return header;
    }
    let n = 2;
    while (taken.has(`${header} (${n})`)) n++;
    const unique = `${header} (${n})`;
    taken.add(unique);
    return unique;
  });
}

/** `text` with its header row (up to the first line break outside quotes) written anew as `headers`. */
export function withHeaderRow(text: string, headers: readonly string[], delimiter: string): string {
  const row = writeCsv([headers], { delimiter }).slice(0, -2);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) return row + text.slice(i);
  }
  return row;
}
