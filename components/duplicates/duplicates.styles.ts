import { css } from 'lit';

export const duplicatesStyles = css`
  h3 {
    margin: 0 0 calc(var(--_space) / 2);
    font-size: 1.1em;
  }
  .intro,
  .hint {
    color: var(--_muted);
    margin: 0 0 var(--_space);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    margin-block-end: var(--_space);
  }
  .status {
    margin: 0;
  }
  .bar progress {
    inline-size: 12em;
    max-inline-size: 100%;
    accent-color: var(--_accent);
  }
  .status.empty {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
    margin: 0 0 var(--_space);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  li {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  h4 {
    margin: 0 0 var(--_space);
    font-size: 1em;
  }
  h4 .count {
    color: var(--_muted);
    font-weight: normal;
  }
  fieldset {
    border: 0;
    margin: 0 0 var(--_space);
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  legend {
    padding: 0;
    margin-block-end: calc(var(--_space) / 2);
    color: var(--_muted);
    font-size: 0.9em;
  }
  .client {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) var(--_space);
    align-items: baseline;
    overflow-wrap: anywhere;
  }
  /* The radio sits on the name's line, not on the middle of a wrapped block. */
  .client input[type='radio'] {
    margin: 0;
    align-self: center;
  }
  .client + table {
    margin-block-start: var(--_space);
  }
  .details {
    color: var(--_muted);
    font-size: 0.9em;
  }
  /* A detail wraps whole (an e-mail address is not broken mid-word) unless it alone is too wide. */
  .detail {
    display: inline-block;
    max-width: 100%;
  }
  .kept {
    font-size: 0.85em;
    font-weight: 600;
    color: var(--_accent);
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    padding: 0 0.4em;
  }
  /* A client's name: it opens the client, as a link would. */
  .name {
    all: unset;
    cursor: pointer;
    color: var(--_accent);
    text-decoration: underline;
    font-weight: 600;
  }
  .name:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  table {
    border-collapse: collapse;
    margin-block-end: var(--_space);
    font-size: 0.9em;
  }
  th,
  td {
    text-align: start;
    padding: 2px var(--_space) 2px 0;
    border-block-end: 1px solid var(--_border);
    vertical-align: baseline;
  }
  th {
    color: var(--_muted);
    font-weight: 600;
  }
  .total {
    text-align: end;
    white-space: nowrap;
  }
  /* After an action far down the list, the message and its Undo stay in view while the list is. */
  .toast-region {
    position: sticky;
    inset-block-start: var(--_space);
    z-index: 1;
  }
  td:last-child {
    overflow-wrap: anywhere;
  }
`;
