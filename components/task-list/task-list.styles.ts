import { css } from 'lit';

export const taskListStyles = css`
  :host {
    --kt-task-overdue: var(--_danger);
  }
  h3 {
    margin: 0 0 var(--_space);
    font-size: 1em;
  }
  ul {
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  li {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) var(--_space);
    align-items: baseline;
    padding: calc(var(--_space) / 1.5) var(--_space);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  li.overdue {
    border-inline-start-color: var(--kt-task-overdue);
  }
  li.done .title {
    text-decoration: line-through;
    color: var(--_muted);
  }
  label.check {
    display: flex;
    gap: calc(var(--_space) / 2);
    align-items: baseline;
    flex: 1 1 12em;
    overflow-wrap: anywhere;
  }
  input[type='checkbox'] {
    padding: 0;
    inline-size: 1.1em;
    block-size: 1.1em;
  }
  .badge {
    font-size: 0.85em;
    font-weight: 600;
    color: var(--kt-task-overdue);
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    padding: 0 0.4em;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.9em;
  }
  li.overdue time {
    color: var(--kt-task-overdue);
    font-weight: 600;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: end;
  }
  form label {
    display: grid;
    gap: 2px;
    font-size: 0.9em;
  }
  form label.grow {
    flex: 1 1 14em;
  }
  .error {
    color: var(--_danger);
    margin: 0 0 var(--_space);
  }
  .empty {
    color: var(--_muted);
  }
  /* A client's name in the due list: it opens the client, as a link would. */
  .client {
    all: unset;
    cursor: pointer;
    color: var(--_accent);
    text-decoration: underline;
  }
  .client:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;
