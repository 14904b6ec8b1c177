import { css } from 'lit';

/** The rule editor's own styles, on top of the shared tokens and panels. */
export const ruleEditorStyles = css`
  :host {
    container-type: inline-size;
  }
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.25em;
  }
  .muted,
  .hint {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .field-error {
    flex-basis: 100%;
  }
  .line,
  .toolbar,
  .buttons,
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  /* A select as wide as its longest template or status name shrinks with a phone's screen, and so does its line. */
  select,
  .line {
    max-width: 100%;
  }
  .toolbar {
    margin-block-end: var(--_space);
  }
  .toolbar h3 {
    margin: 0 auto 0 0;
  }
  .fields label,
  .fields .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .fields .name input {
    min-width: 20em;
  }
  .layout {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  @container (min-width: 62em) {
    .layout {
      grid-template-columns: minmax(0, 3fr) minmax(18em, 2fr);
      align-items: start;
    }
    .preview {
      position: sticky;
      top: var(--_space);
    }
  }
  fieldset.row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    margin: 0 0 var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  fieldset.choices {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) var(--_space);
    border: 0;
    margin: 0;
    padding: 0;
  }
  .check {
    display: inline-flex;
    gap: 4px;
    align-items: center;
  }
  input.number {
    width: 8em;
  }
  /* An action's field after its label; a text area takes the rest of the row, or a line of its own on a phone. */
  label.labelled {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 4px;
    align-items: center;
    max-width: 100%;
  }
  label.labelled:has(textarea) {
    flex: 1;
    align-items: start;
  }
  textarea {
    min-width: 16em;
    flex: 1;
  }
  textarea.json {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace;
    min-height: 5em;
  }
  pre {
    overflow: auto;
    padding: var(--_space);
    background: var(--_surface-alt);
    border-radius: var(--_radius);
  }
  button.icon {
    margin-inline-start: auto;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-text);
    border-color: var(--_accent);
  }
  ul.rules,
  .records ul,
  ul.tree {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li.rule {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    padding: var(--_space) 0;
    border-block-end: 1px solid var(--_border);
  }
  .rule-name {
    font-weight: 600;
  }
  .rule-buttons {
    margin-inline-start: auto;
    display: flex;
    gap: var(--_space);
  }
  .summary-line {
    display: flex;
    gap: var(--_space);
    align-items: center;
  }
  .summary {
    margin: 0;
    font-weight: 600;
  }
  .records li {
    margin-block-end: calc(var(--_space) / 2);
  }
  button.record {
    text-align: start;
    border-color: transparent;
    padding-inline: calc(var(--_space) / 2);
  }
  button.record[aria-pressed='true'] {
    background: var(--_selected);
    border-color: var(--_accent);
  }
  ul.changes {
    margin: 0;
    padding-inline-start: calc(var(--_space) * 3);
    font-size: 0.92em;
  }
  .why {
    margin-block-start: var(--_space);
    padding-block-start: var(--_space);
    border-block-start: 1px solid var(--_border);
  }
  ul.tree ul {
    list-style: none;
    padding-inline-start: calc(var(--_space) * 2.5);
  }
  .mark {
    display: inline-block;
    width: 1.2em;
    font-weight: 700;
  }
  li.ok > .mark {
    color: light-dark(#1b7f3b, #7ee2a0);
  }
  li.bad > .mark {
    color: var(--_danger);
  }
  .message {
    margin: 0 0 var(--_space);
  }
  /* Why Save did nothing, on a line of its own under it. */
  .buttons .message {
    flex-basis: 100%;
    margin: 0;
  }
  dialog progress {
    width: 100%;
  }
`;
