import { css } from 'lit';

/**
 * The design tokens every element shares. Each `--kt-*` property a page sets (on the element or
 * any ancestor) wins; otherwise the default applies, in the light or dark scheme. The scheme is
 * the `color-scheme` the element inherits from the page, so it matches the text and background
 * around it (`light dark` there follows `prefers-color-scheme`); `theme="dark"` or
 * `theme="light"` on the element forces one.
 */
export const themeStyles = css`
  :host {
    --_text: var(--kt-color-text, light-dark(#1c2430, #e4e8ef));
    --_muted: var(--kt-color-muted, light-dark(#5b6675, #a3adbb));
    --_surface: var(--kt-color-surface, light-dark(#ffffff, #161b22));
    --_surface-alt: var(--kt-color-surface-alt, light-dark(#f4f6f9, #1f2630));
    --_border: var(--kt-color-border, light-dark(#d5dbe3, #343d4a));
    --_accent: var(--kt-color-accent, light-dark(#1f5fbf, #6ea8ff));
    --_accent-text: var(--kt-color-accent-text, light-dark(#ffffff, #0b1220));
    --_selected: var(--kt-color-selected, light-dark(#e3edfb, #1d3354));
    --_danger: var(--kt-color-danger, light-dark(#b42318, #ff8a80));
    --_warning: var(--kt-color-warning, light-dark(#a15c00, #ffc46b));
    --_focus: var(--kt-color-focus, light-dark(#1f5fbf, #9cc3ff));
    --_radius: var(--kt-radius, 6px);
    --_space: var(--kt-space, 8px);
    --_font: var(--kt-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--kt-font-size, 14px);
    display: block;
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([hidden]) {
    display: none;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  /* A long option (a language's "None: every tax ID needs a country prefix") must not widen a phone's page. */
  select {
    max-inline-size: 100%;
  }
  button,
  select,
  input {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 2) var(--_space);
  }
  /* The browser's own placeholder grey is too faint on the dark surface. */
  ::placeholder {
    color: var(--_muted);
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
    opacity: 0.55;
  }
  /* A destructive action, and a field to correct with what is wrong with it. */
  button.danger {
    color: var(--_danger);
    border-color: currentColor;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.9em;
  }
  /* Disables every control within at once (what a member may only look at); no box of its own. */
  fieldset.plain {
    border: 0;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
