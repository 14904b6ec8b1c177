/**
 * A CSV file's text: UTF-8 (with or without a byte-order mark) when it is valid UTF-8, else
 * Windows-1250 — what Czech, Polish and Slovenian Excel save "CSV" in without being asked.
 */
export async function readCsvFile(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1250').decode(bytes);
  }
}
