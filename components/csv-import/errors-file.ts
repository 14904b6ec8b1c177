import { neutralizeFormula, writeCsv, type ClientCsvImportError } from '../../src/index.ts';

/** The rows an import rejected, as a CSV file to fix them by: line, column, problem (headers and problems in the UI's language). */
export function errorsCsv(errors: readonly ClientCsvImportError[], headers: { line: string; column: string; problem: string }, problem: (error: ClientCsvImportError) => string, delimiter: string): string {
  const rows = [[headers.line, headers.column, headers.problem], ...errors.map((error) => [String(error.line), error.column ?? '', problem(error)])];
  return writeCsv(
    rows.map((row) => row.map(neutralizeFormula)),
    { delimiter, bom: true },
  );
}
