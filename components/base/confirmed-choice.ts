import { noChange, type ElementPart } from 'lit';
import { Directive, PartType, directive, type PartInfo } from 'lit/directive.js';

/** Keys that step a closed select from option to option (so does typing an option's first letter); Chromium on Linux and Windows fires `change` for each. */
const STEPS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);
/** Acts on the value chosen; may put the select back on a prompt. */
type Choose = (value: string, select: HTMLSelectElement) => void;

// Space opens the list instead: a pick there is a confirmed one.
const steps = (e: KeyboardEvent) => !e.altKey && !e.ctrlKey && !e.metaKey && (STEPS.has(e.key) || e.key.length === 1) && e.key !== ' ';

/**
 * Makes a `<select>` act (`choose`) only on a choice the user confirmed: a pick from its opened
 * list (pointer, or Alt+↓ / Space then Enter) acts at once, as before; a value reached by stepping
 * through the closed select with the keyboard acts on Enter, and is put back when the focus leaves
 * without one. Without it, ↓↓↓ to reach the third status set the first two on the way.
 */
class ConfirmedChoice extends Directive {
  #select: HTMLSelectElement | undefined;
  #choose: Choose = () => {};
  /** The value the select had when it got the focus, or last acted on. */
  #settled = '';
  /** Whether the value now shown was reached by stepping, not yet confirmed. */
  #stepped = false;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('confirmedChoice() goes on a <select> element');
  }

  render(_choose: Choose): unknown {
    return noChange;
  }

  override update(part: ElementPart, [choose]: [Choose]): unknown {
    this.#choose = choose;
    if (this.#select === undefined) this.#listen(part.element as HTMLSelectElement);
    return noChange;
  }

  #listen(select: HTMLSelectElement): void {
    this.#select = select;
    select.addEventListener('focus', () => {
      this.#settled = select.value;
      this.#stepped = false;
    });
    select.addEventListener('pointerdown', () => (this.#stepped = false));
    select.addEventListener('keydown', (e) => {
      if (steps(e)) this.#stepped = true;
      else if (e.key === 'Enter' && this.#stepped) {
        // Not also open the list, which would take the next arrow and pick on leaving.
        e.preventDefault();
        this.#act();
      } else this.#stepped = false;
    });
    select.addEventListener('change', () => {
      if (!this.#stepped) this.#act();
    });
    select.addEventListener('blur', () => {
      if (this.#stepped && select.value !== this.#settled) select.value = this.#settled;
      this.#stepped = false;
    });
  }

  #act(): void {
    const select = this.#select!;
    this.#stepped = false;
    if (select.value === this.#settled) return;
    this.#choose(select.value, select);
    // As the choice left it: a bulk action puts its select back on the prompt.
    this.#settled = select.value;
  }
}

/** `<select ${confirmedChoice((value) => …)}>`: see {@link ConfirmedChoice}. */
export const confirmedChoice = directive(ConfirmedChoice);
