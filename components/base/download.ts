/**
 * Hands `blob` to the browser as a download named `fileName`: through a link clicked inside
 * `root`, so the page sees the click as it sees a user's (and a host or a test may cancel it).
 * Returns the object URL; the caller revokes it when the element goes away.
 */
export function downloadBlob(root: ShadowRoot, blob: Blob, fileName: string): string {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  root.append(link);
  link.click();
  link.remove();
  return url;
}

/** The CSV media type, UTF-8: how every file the kit offers is labelled. */
export const csvType = 'text/csv;charset=utf-8';
