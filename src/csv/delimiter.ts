const candidates = [',', ';', '\t'] as const;

/**
 * Guesses a CSV file's delimiter from its first record: whichever of `,` `;` and tab occurs most
 * outside quotes (`,` on a tie). Czech and other Excels save `;` where `,` is the decimal mark.
 *
 * @example
 * ```ts
 * detectDelimiter('Název;IČO;"Ulice, č. p."\r\n…'); // ';'
 * detectDelimiter('name,taxId\n');                   // ','
 * ```
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(candidates.map((c) => [c, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best: string = ',';
  for (const [candidate, count] of counts) if (count > counts.get(best)!) best = candidate;
  return best;
}
