import { css } from 'lit';

export const csvExportStyles = css`
  :host {
    /* Its own surface: readable in either scheme whatever the page or dialog behind it paints. */
    background: var(--_surface);
    padding: var(--_space);
  }
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.15em;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 var(--_space);
    padding: var(--_space);
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.3em;
  }
  fieldset fieldset {
    border: 0;
    padding: 0;
    margin-block-start: var(--_space);
  }
  fieldset fieldset legend {
    font-weight: normal;
    color: var(--_muted);
    padding: 0;
  }
  .choices {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12em, 1fr));
    gap: calc(var(--_space) / 2) var(--_space);
  }
  .choices label,
  .stack label {
    display: flex;
    gap: 0.4em;
    align-items: baseline;
  }
  .stack {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .line {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  .line label {
    display: grid;
    gap: 0.2em;
  }
  input[type='checkbox'],
  input[type='radio'] {
    padding: 0;
    margin: 0;
  }
  .dot {
    flex: none;
    display: inline-block;
    width: 0.7em;
    height: 0.7em;
    border-radius: 50%;
    background: var(--_dot, var(--_muted));
  }
  .hint {
    color: var(--_muted);
    margin: calc(var(--_space) / 2) 0 0;
    font-size: 0.9em;
  }
  .error {
    color: var(--_danger);
  }
  .primary {
    background: var(--_accent);
    color: var(--_accent-text);
    border-color: var(--_accent);
  }
  .bom {
    margin-block-start: var(--_space);
  }
  .result {
    margin: var(--_space) 0 0;
  }
`;
