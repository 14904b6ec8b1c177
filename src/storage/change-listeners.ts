import type { ChangeSet } from './adapter.ts';

type ChangeListener = (changes: ChangeSet) => void;

/**
 * The listeners of an adapter's `onExternalChange`, and how a committed batch reaches them:
 * asynchronously, each on its own copy, skipping the origin a listener asked not to hear.
 */
export class ChangeListeners {
  readonly #listeners = new Map<ChangeListener, string | undefined>();

  /** `ignoreOrigin`: batches written with this origin are not delivered to this listener. */
  subscribe(listener: ChangeListener, ignoreOrigin?: string): () => void {
    // A fresh function per subscription, so subscribing one listener twice needs two unsubscribes.
    const subscription: ChangeListener = (changes) => listener(changes);
    this.#listeners.set(subscription, ignoreOrigin);
    return () => {
      this.#listeners.delete(subscription);
    };
  }

  deliver(changes: ChangeSet): void {
    for (const [listener, ignoreOrigin] of this.#listeners) {
      if (ignoreOrigin !== undefined && changes.origin === ignoreOrigin) continue;
      // A throwing or mutating listener neither fails the write nor spoils what the others get.
      queueMicrotask(() => {
        if (this.#listeners.has(listener)) listener(structuredClone(changes));
      });
    }
  }
}
