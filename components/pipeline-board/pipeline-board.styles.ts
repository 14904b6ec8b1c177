import { css } from 'lit';

export const pipelineBoardStyles = css`
  :host {
    --kt-board-column-width: 16em;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    margin-block-end: var(--_space);
  }
  .help {
    color: var(--_muted);
    font-size: 0.9em;
    margin: 0 0 var(--_space);
  }
  .columns {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(var(--kt-board-column-width), 1fr);
    gap: var(--_space);
    overflow-x: auto;
    padding-block-end: var(--_space);
  }
  section {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-block-start: 4px solid var(--_stage-color, var(--_border));
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    min-block-size: 8em;
  }
  section.drop {
    outline: 2px dashed var(--_accent);
    outline-offset: -2px;
  }
  h3 {
    margin: 0;
    font-size: 1em;
  }
  .figures {
    color: var(--_muted);
    font-size: 0.85em;
    margin: 0;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  li {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) / 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: grab;
  }
  li.dragging {
    opacity: 0.5;
  }
  .open {
    text-align: start;
    font-weight: 600;
    border: 0;
    padding: 0;
    background: transparent;
    color: var(--_accent);
    overflow-wrap: anywhere;
  }
  .move {
    display: flex;
    gap: calc(var(--_space) / 2);
  }
  .move select {
    flex: 1;
    min-inline-size: 0;
  }
  .since {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .empty,
  .more {
    color: var(--_muted);
    font-size: 0.9em;
    margin: 0;
  }
  .error {
    color: var(--_danger);
    margin: 0 0 var(--_space);
  }
`;
