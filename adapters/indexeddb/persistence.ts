/** Whether the browser keeps this origin's data under storage pressure. */
export interface PersistenceResult {
  /** The browser promised to keep the data until the user deletes it. */
  persisted: boolean;
  /** The browser offers the choice at all (`navigator.storage.persist`). */
  supported: boolean;
}

/**
 * Asks the browser not to evict this origin's IndexedDB data when disk space runs low. Browsers
 * decide by their own rules (an installed app, a bookmark, site engagement, a prompt), so the
 * answer may be `false`; it never throws.
 *
 * @example
 * ```ts
 * const { persisted, supported } = await requestPersistentStorage();
 * if (supported && !persisted) showNotice('The browser may clear CRM data when the disk fills up.');
 * ```
 */
export async function requestPersistentStorage(): Promise<PersistenceResult> {
  const storage = globalThis.navigator?.storage;
  if (typeof storage?.persist !== 'function') return { persisted: false, supported: false };
  try {
    return { persisted: await storage.persist(), supported: true };
  } catch {
    return { persisted: false, supported: true };
  }
}
