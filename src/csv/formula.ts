// What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP "CSV Injection").
const formulaStart = /^[=+\-@\t\r]/;

/**
 * Makes a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage
 * return first) plain text by putting an apostrophe before it, as OWASP advises; others pass as they are.
 *
 * @example
 * ```ts
 * neutralizeFormula('=HYPERLINK("http://evil")'); // "'=HYPERLINK(\"http://evil\")"
 * neutralizeFormula('+420 777 123 456');           // "'+420 777 123 456"
 * neutralizeFormula('Alza.cz a.s.');               // 'Alza.cz a.s.'
 * ```
 */
export function neutralizeFormula(cell: string): string {
  return formulaStart.test(cell) ? `'${cell}` : cell;
}

/**
 * Undoes {@link neutralizeFormula}: a file exported here and imported back keeps its values.
 *
 * @example
 * ```ts
 * restoreFormula("'+420 777 123 456"); // '+420 777 123 456'
 * restoreFormula("'quoted'");          // "'quoted'": no formula character follows the apostrophe
 * ```
 */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && formulaStart.test(cell.slice(1)) ? cell.slice(1) : cell;
}
