import type { ChangeSet, StorageAdapter } from '../src/storage/adapter.ts';

type Held = 'reads' | 'pages';

/**
 * A view of `storage` for another instance (another tab) whose batches from other instances reach
 * it only when the test hands them over, in the order it chooses: a tab busy when it committed
 * posts its batch after a newer one of another tab. `hold('reads')` (a get) or `hold('pages')` (a
 * query) makes the view's next read of that kind answer only once released: what storage held
 * when read, handed over late, after reads made since.
 */
export function deliveredByHand(storage: StorageAdapter) {
  let listener: (changes: ChangeSet) => void = () => {};
  const gates = new Map<Held, Promise<void>>();
  const late =
    (held: Held, read: (...args: never[]) => Promise<unknown>) =>
    async (...args: never[]) => {
      const gate = gates.get(held);
      gates.delete(held);
      const answer = await read(...args);
      await gate;
      return answer;
    };
  const view = new Proxy(storage, {
    get(target, property) {
      if (property === 'onExternalChange') {
        return (heard: (changes: ChangeSet) => void) => {
          listener = heard;
          return () => {};
        };
      }
      const value = Reflect.get(target, property) as unknown;
      if (typeof value !== 'function') return value;
      const bound = value.bind(target) as (...args: never[]) => Promise<unknown>;
      if (property === 'get' || property === 'readMany') return late('reads', bound);
      return property === 'query' ? late('pages', bound) : bound;
    },
  }) as StorageAdapter;
  return {
    storage: view,
    hear: (changes: ChangeSet) => listener(structuredClone(changes)),
    /** Holds the view's next read of that kind back; returns what releases it. */
    hold(held: Held): () => void {
      let release!: () => void;
      gates.set(held, new Promise<void>((resolve) => (release = resolve)));
      return release;
    },
  };
}
