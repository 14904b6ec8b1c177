import { css, html, nothing, type TemplateResult } from 'lit';
import type { Words } from './words.ts';

/** A message after an action, maybe with its undo. */
export interface Toast {
  message: string | Words;
  undo?: () => Promise<unknown>;
  /** A failure: it stays until closed, where a confirmation closes by itself. */
  error?: boolean;
}

/**
 * Renders the toast region: always in the page (a live region that appears together with its
 * text is often not read out), holding the toast while there is one.
 */
export function renderToast(
  toast: Toast | undefined,
  labels: { undo: string; close: string },
  on: { undo(undo: () => Promise<unknown>): void; close(): void; hold(): void; release(toast: HTMLElement): void },
): TemplateResult {
  const release = (e: Event) => on.release(e.currentTarget as HTMLElement);
  return html`<div class="toast-region" role="status">
    ${toast
      ? html`<div class=${toast.error ? 'toast error' : 'toast'} part="toast" @mouseenter=${on.hold} @focusin=${on.hold} @mouseleave=${release} @focusout=${release}>
          <span>${typeof toast.message === 'function' ? toast.message() : toast.message}</span>
          ${toast.undo ? html`<button type="button" @click=${() => on.undo(toast.undo!)}>${labels.undo}</button>` : nothing}
          <button type="button" class="close" aria-label=${labels.close} @click=${() => on.close()}>×</button>
        </div>`
      : nothing}
  </div>`;
}

/** Toasts, dialogs and the panels elements are built of, styled alike in every element. */
export const feedbackStyles = css`
  .toast {
    display: flex;
    gap: var(--_space);
    align-items: center;
    width: fit-content;
    margin-block-start: var(--_space);
    padding: calc(var(--_space) / 2) var(--_space);
    background: var(--_text);
    color: var(--_surface);
    border-radius: var(--_radius);
  }
  .toast button {
    background: transparent;
    color: inherit;
    border-color: currentColor;
    white-space: nowrap;
  }
  /* A failure does not look like a confirmation. */
  .toast.error {
    border-inline-start: 0.4em solid var(--_danger);
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    max-width: 40em;
  }
  /* A modal question dims the page behind it: the one thing to answer now. */
  dialog::backdrop {
    background: var(--kt-color-backdrop, rgb(0 0 0 / 0.4));
  }
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 2) var(--_space);
    min-height: 3em;
  }
  .panel {
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    margin-block-end: calc(var(--_space) * 1.5);
  }
`;
