/**
 * Reads of which only the newest may land: an element that reloads on every change (a client
 * switched, an event from another tab) must not let a slower, older read overwrite a newer one.
 */
export class NewestRead {
  #ticket = 0;

  /** Runs `read`; `land` gets its result, `fail` its error, unless a newer read started meanwhile. */
  async run<T>(read: () => Promise<T>, land: (value: T) => void, fail: (error: unknown) => void): Promise<void> {
    const ticket = ++this.#ticket;
    try {
      const value = await read();
      if (ticket === this.#ticket) land(value);
    } catch (error) {
      if (ticket === this.#ticket) fail(error);
    }
  }

  /** Lets none of the reads under way land, e.g. once a save has put newer data in place. */
  drop(): void {
    this.#ticket += 1;
  }
}
