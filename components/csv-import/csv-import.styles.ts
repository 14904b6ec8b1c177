import { css } from 'lit';

export const csvImportStyles = css`
  :host {
    --_drop-height: var(--kt-csv-drop-height, 7em);
    /* Its own surface: readable in either scheme whatever the page or dialog behind it paints. */
    background: var(--_surface);
    padding: var(--_space);
  }
  h2 {
    margin: 0 0 var(--_space);
    font-size: 1.15em;
  }
  h3 {
    margin: var(--_space) 0;
    font-size: 1em;
  }
  .drop-zone {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em;
    align-items: center;
    justify-content: center;
    min-height: var(--_drop-height);
    padding: var(--_space);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    color: var(--_muted);
    text-align: center;
    cursor: pointer;
  }
  .drop-zone.dragging {
    border-color: var(--_accent);
    background: var(--_selected);
    color: var(--_text);
  }
  .drop-zone:focus-within {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .choose {
    color: var(--_accent);
    text-decoration: underline;
  }
  .line {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    margin: var(--_space) 0;
  }
  .muted,
  .hint {
    color: var(--_muted);
  }
  .hint {
    margin: calc(var(--_space) / 2) 0;
  }
  .error {
    color: var(--_danger);
  }
  .scroll {
    max-width: 100%;
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin-block-end: var(--_space);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: calc(var(--_space) / 2) var(--_space);
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: calc(var(--_space) / 2) var(--_space);
    border-top: 1px solid var(--_border);
  }
  thead th {
    background: var(--_surface-alt);
    font-weight: 600;
    white-space: nowrap;
  }
  .preview td {
    max-width: 16em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* On a phone the field select takes what is left: the example gives way first, cut short. */
  .mapping select {
    width: 100%;
    min-width: 8em;
  }
  .mapping .example {
    color: var(--_muted);
    max-width: min(14em, 25vw);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .primary {
    background: var(--_accent);
    color: var(--_accent-text);
    border-color: var(--_accent);
  }
  progress {
    width: 100%;
    accent-color: var(--_accent);
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(7em, 1fr));
    gap: var(--_space);
    margin: 0 0 var(--_space);
  }
  .figures div {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .figures dt {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .figures dd {
    margin: 0;
    font-size: 1.4em;
    font-weight: 600;
  }
  .figures .failed dd {
    color: var(--_danger);
  }
  a {
    color: var(--_accent);
  }
`;
