import { css } from 'lit';

export const clientTableStyles = css`
  :host {
    --_table-height: var(--kt-table-height, 560px);
  }
  .toolbar,
  .bulk-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin-block-end: var(--_space);
  }
  .toolbar input[type='search'] {
    flex: 1 1 16em;
    min-width: 12em;
  }
  .count {
    color: var(--_muted);
    margin-inline-start: auto;
  }
  .view-switch {
    display: inline-flex;
  }
  .view-switch button {
    border-radius: 0;
  }
  .view-switch button:first-child {
    border-radius: var(--_radius) 0 0 var(--_radius);
  }
  .view-switch button:last-child {
    border-radius: 0 var(--_radius) var(--_radius) 0;
    margin-inline-start: -1px;
  }
  .view-switch button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-text);
    border-color: var(--_accent);
  }
  /* The column list opens in the top layer, placed beside its button (column-chooser.ts). */
  [popover] {
    position: fixed;
    inset: auto;
    margin: 0;
    overflow: auto;
    /* The height it is given (column-chooser.ts) holds its padding and border too. */
    box-sizing: border-box;
    padding: calc(var(--_space) / 2) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
  }
  [popover] label {
    display: flex;
    gap: 0.5em;
    align-items: center;
    padding: 2px 0;
    white-space: nowrap;
  }
  .bulk-bar {
    padding: var(--_space);
    background: var(--_selected);
    border-radius: var(--_radius);
  }
  .scroller {
    position: relative;
    /* A short list takes the room it needs, a long one scrolls within the set height. */
    height: min(var(--_table-height), var(--_content-height));
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    overscroll-behavior: contain;
  }
  .row {
    display: grid;
    grid-template-columns: var(--_columns);
    align-items: center;
    min-width: max-content;
    box-sizing: border-box;
    border-bottom: 1px solid var(--_border);
  }
  .header {
    position: sticky;
    top: 0;
    z-index: 1;
    background: var(--_surface-alt);
    font-weight: 600;
  }
  .header .row {
    min-height: 2.75em;
  }
  /* A long heading ("Poslední objednávka") takes two lines rather than losing its end. */
  .header .cell {
    white-space: normal;
    line-height: 1.2;
  }
  .body {
    position: relative;
  }
  .body .row {
    position: absolute;
    top: 0;
    left: 0;
    right: 0;
    cursor: default;
  }
  .body .row:hover {
    background: var(--_surface-alt);
  }
  .row.selected,
  .row.selected:hover {
    background: var(--_selected);
  }
  .scroller:focus-visible .row.active {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .row.loading {
    color: var(--_muted);
  }
  .cell {
    padding: 0 calc(var(--_space) / 1.5);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .cell.number,
  .cell.orderCount,
  .cell.totalValue {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .sort {
    all: unset;
    cursor: pointer;
    display: inline-flex;
    gap: 0.25em;
  }
  /* all: unset took the kit's focus ring away too. */
  .sort:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .sort[aria-disabled='true'] {
    cursor: not-allowed;
    color: var(--_muted);
  }
  .client-name {
    all: unset;
    cursor: pointer;
    color: var(--_accent);
    font-weight: 500;
  }
  .client-name:hover {
    text-decoration: underline;
  }
  .client-name:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .connect {
    color: var(--_muted);
  }
  .swatch {
    display: inline-block;
    width: 0.7em;
    height: 0.7em;
    border-radius: 50%;
    margin-inline-end: 0.4em;
    vertical-align: baseline;
  }
  .star {
    font-size: 1.1em;
    /* The colour is the shop's choice (yellow on white is 1.4:1): an outline keeps the shape visible. */
    -webkit-text-stroke: 0.5px var(--_muted);
  }
  .temperature.hot {
    color: var(--_danger);
  }
  .temperature.warm {
    color: var(--_warning);
  }
  .copy {
    padding: 0 0.35em;
    margin-inline-end: 0.2em;
    line-height: 1.5;
  }
  .empty {
    padding: calc(var(--_space) * 3);
    text-align: center;
    color: var(--_muted);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .toast {
    position: sticky;
    bottom: var(--_space);
    margin-inline: auto;
  }
  dialog .actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
  }
  .cards-view section + section {
    margin-block-start: calc(var(--_space) * 2);
  }
  .cards-view h3 {
    margin: 0 0 var(--_space);
  }
  .cards {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(16em, 1fr));
    gap: var(--_space);
  }
  .card {
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .card dl {
    margin: 0.4em 0;
    color: var(--_muted);
  }
  .card dl div {
    display: flex;
    gap: 0.5em;
  }
  .card dt {
    min-width: 4.5em;
  }
  .card dd {
    margin: 0;
    color: var(--_text);
    overflow-wrap: anywhere;
  }
  .card .note {
    margin: 0.4em 0 0;
    padding-inline-start: 0.5em;
    border-inline-start: 3px solid transparent;
    color: var(--_muted);
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .card .note.high {
    border-color: var(--_danger);
  }
  .card .note.medium {
    border-color: var(--_warning);
  }
  .card .discount {
    margin: 0.4em 0 0;
    font-weight: 600;
  }
  .more {
    margin-block-start: var(--_space);
  }
`;
