import { css } from 'lit';

export const clientPickerStyles = css`
  :host {
    max-width: 40em;
  }
  .label {
    display: block;
    font-weight: 600;
    margin-block-end: calc(var(--_space) / 2);
  }
  .combobox {
    position: relative;
  }
  input {
    width: 100%;
    box-sizing: border-box;
  }
  [role='listbox'] {
    position: absolute;
    z-index: 2;
    inset-inline: 0;
    margin: 2px 0 0;
    padding: 2px;
    list-style: none;
    max-height: 20em;
    overflow: auto;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 6px 18px rgb(0 0 0 / 0.18);
  }
  [role='listbox'][hidden] {
    display: none;
  }
  [role='option'] {
    padding: calc(var(--_space) / 2) var(--_space);
    border-radius: calc(var(--_radius) - 2px);
    cursor: pointer;
  }
  [role='option'].active {
    background: var(--_selected);
  }
  [role='option'].none {
    color: var(--_muted);
    cursor: default;
  }
  .chosen {
    display: flex;
    align-items: center;
    gap: var(--_space);
    margin-block-end: calc(var(--_space) / 2);
    padding: calc(var(--_space) / 2) var(--_space);
    background: var(--_selected);
    border-radius: var(--_radius);
    font-weight: 500;
  }
  .chosen .clear {
    margin-inline-start: auto;
    padding: 0 0.5em;
  }
  .actions,
  .likely {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-block-start: var(--_space);
    align-items: center;
  }
  .hint {
    color: var(--_muted);
    margin: 0;
    flex-basis: 100%;
  }
  /* The clients the buyer may be: a line of their own, above "Create a client". */
  .actions > .likely {
    flex-basis: 100%;
    margin-block-start: 0;
  }
  .context {
    margin-block-start: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .context h4 {
    margin: var(--_space) 0 calc(var(--_space) / 2);
    font-size: 0.95em;
  }
  .context h4:first-child,
  .reminder {
    margin-block-start: 0;
  }
  .reminder {
    padding: calc(var(--_space) / 2) var(--_space);
    border-inline-start: 3px solid var(--_accent);
  }
  .notes {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .notes li::marker {
    color: var(--_danger);
  }
  .orders {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .orders li {
    display: flex;
    flex-wrap: wrap;
    column-gap: var(--_space);
    padding: 2px 0;
    align-items: baseline;
  }
  .orders li > :first-child {
    min-width: 6.5em;
  }
  .money {
    margin-inline-start: auto;
    font-variant-numeric: tabular-nums;
  }
  .flag {
    color: var(--_danger);
    font-weight: 600;
    font-size: 0.85em;
  }
  dialog h3 {
    margin-block-start: 0;
  }
  dialog table {
    border-collapse: collapse;
    margin-block-end: var(--_space);
  }
  dialog .hint {
    margin-block-end: var(--_space);
  }
  dialog th,
  dialog td {
    text-align: start;
    padding: 2px var(--_space);
    vertical-align: top;
  }
  del {
    color: var(--_danger);
  }
  ins {
    color: light-dark(#116329, #7ee2a8);
    text-decoration: none;
    font-weight: 600;
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
  }
  .primary {
    background: var(--_accent);
    color: var(--_accent-text);
    border-color: var(--_accent);
  }
`;
