// Browser-side helpers every bench shares.

/** The "now" of the generated data, fixed so every run stores the same records. */
export const FIXED_NOW = new Date('2026-06-01T00:00:00Z');

/** Options run.mjs hands to every bench. */
export interface BenchOptions {
  /** Multiplies every data size: 0.1 for a quick run. */
  scale: number;
  /** Repetitions; each bench has its own default when absent. */
  reps?: number;
  chunkSize?: number;
}

export const scaled = (size: number, scale: number) => Math.max(1, Math.round(size * scale));

/**
 * The variants in the order repetition `rep` runs them: rotated by one each time, so no variant
 * always runs first (cold caches) or last (a disk busy flushing the previous variant's writes).
 */
export function rotated<T>(variants: readonly T[], rep: number): T[] {
  const shift = rep % variants.length;
  return [...variants.slice(shift), ...variants.slice(0, shift)];
}

/** Two forced collections (the second one frees what the first one's finalizers let go). Needs --js-flags=--expose-gc. */
export function forceGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('window.gc is missing: launch Chromium with --js-flags=--expose-gc');
  gc();
  gc();
}

/** JS heap in use after forced GCs (Chromium's non-standard performance.memory). */
export function heapUsed(): number {
  forceGc();
  return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`deleting ${name} is blocked by an open connection`));
  });
}

/** Progress for the terminal: run.mjs prints the page's console lines that start with "bench:". */
export function progress(message: string): void {
  console.log(`bench: ${message}`);
}

/** Milliseconds `work` takes. */
export async function timed(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}
