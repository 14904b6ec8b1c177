/** Tells a long job's progress; a throwing callback, or an async one that rejects, is logged, never fails the job. */
export function tellProgress<P>(onProgress: ((progress: P) => void) | undefined, progress: P): void {
  const failed = (error: unknown) => console.error('kartoteka: an onProgress callback failed', error);
  try {
    const result: unknown = onProgress?.(progress);
    if (result instanceof Promise) result.catch(failed);
  } catch (error) {
    failed(error);
  }
}
