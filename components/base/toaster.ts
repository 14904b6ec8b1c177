import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { focusLost } from './lost-focus.ts';
import { renderToast, type Toast } from './toast.ts';

/**
 * The toast an element shows, and when it goes: a confirmation closes by itself after
 * `duration()` milliseconds (0: never), though not while the pointer or the focus is on it (or
 * `holding()` says the user is still at what it is about); an error stays until closed. A toast
 * closed with the focus in it hands the focus to `refocus`.
 */
export class Toaster implements ReactiveController {
  #toast: Toast | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: {
      duration(): number;
      refocus(): void;
      /** Whether the user is still where the toast's action came from: it waits. */
      holding?(): boolean;
    },
  ) {
    host.addController(this);
  }

  show(toast: Toast): void {
    this.#toast = toast;
    // The new toast takes the old one's place: under the pointer or the focus, it waits for them to leave.
    if (this.host.shadowRoot?.querySelector('.toast')?.matches(':hover, :focus-within')) this.#stop();
    else this.#start();
    this.host.requestUpdate();
  }

  clear(): void {
    this.#stop();
    this.#toast = undefined;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  render(labels: { undo: string; close: string }, undo: (undo: () => Promise<unknown>) => void): TemplateResult {
    return renderToast(this.#toast, labels, {
      undo: (action) => this.#keepingFocus(() => undo(action)),
      close: () => this.#keepingFocus(() => this.clear()),
      hold: () => this.#stop(),
      release: (toast) =>
        // Once the pointer and the focus have settled: moving between its buttons is still on it.
        setTimeout(() => {
          if (!toast.matches(':hover, :focus-within')) this.#start();
        }),
    });
  }

  #start(): void {
    this.#stop();
    const duration = this.options.duration();
    if (this.#toast && !this.#toast.error && duration > 0) this.#timer = setTimeout(() => (this.options.holding?.() ? this.#start() : this.clear()), duration);
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Runs `action`, which takes the toast away; focus that was in it goes to `refocus`, not to `<body>`. */
  async #keepingFocus(action: () => void): Promise<void> {
    const inToast = this.host.shadowRoot?.activeElement?.closest('.toast') != null;
    action();
    await this.host.updateComplete;
    if (inToast && focusLost(this.host)) this.options.refocus();
  }
}
