import { css } from 'lit';

export const clientCardStyles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space) calc(var(--_space) * 2);
    margin-block-end: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.5em;
  }
  h3 {
    margin: 0 0 var(--_space);
    font-size: 1.1em;
  }
  h4 {
    margin: 0 0 calc(var(--_space) / 2);
    font-size: 1em;
    color: var(--_muted);
  }
  a {
    color: var(--_accent);
  }
  .number,
  .empty {
    color: var(--_muted);
  }
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(16em, 2fr);
    gap: calc(var(--_space) * 2);
  }
  @container (max-width: 50em) {
    .columns {
      /* minmax(0, …): a wide table scrolls in its own box instead of widening the card. */
      grid-template-columns: minmax(0, 1fr);
    }
  }
  :host {
    container-type: inline-size;
  }
  .section-head {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
  }
  dl {
    margin: 0;
    display: grid;
    gap: 2px;
  }
  dl div {
    display: grid;
    /* minmax(0, …): a long status name or e-mail wraps or shrinks in its column instead of widening the card. */
    grid-template-columns: minmax(8em, 1fr) minmax(0, 2fr);
    gap: var(--_space);
  }
  dd select {
    max-width: 100%;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .item {
    display: block;
  }
  .item a {
    font-size: 0.85em;
    margin-inline-start: 0.4em;
  }
  .message {
    padding: calc(var(--_space) / 2) var(--_space);
    background: var(--_surface-alt);
    border-radius: var(--_radius);
  }
  .conflict {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    padding: var(--_space);
    margin-block-end: var(--_space);
    border: 1px solid var(--_warning);
    border-radius: var(--_radius);
    color: var(--_warning);
  }
  form.edit {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14em, 1fr));
    gap: var(--_space) calc(var(--_space) * 1.5);
  }
  .field {
    display: grid;
    gap: 2px;
    align-content: start;
    min-width: 0;
  }
  .field input,
  .field select,
  .field textarea {
    width: 100%;
    box-sizing: border-box;
  }
  .field .check input {
    width: auto;
  }
  fieldset.field {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
  }
  .field label {
    font-weight: 500;
  }
  .field small {
    color: var(--_muted);
    font-weight: normal;
  }
  .field-error {
    margin: 0;
  }
  .check {
    display: inline-flex;
    gap: 0.3em;
    margin-inline-end: var(--_space);
    font-weight: normal;
  }
  .buttons {
    grid-column: 1 / -1;
    display: flex;
    gap: var(--_space);
  }
  .primary {
    background: var(--_accent);
    color: var(--_accent-text);
    border-color: var(--_accent);
  }
  .addresses {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12em, 1fr));
    gap: calc(var(--_space) * 2);
  }
  address {
    font-style: normal;
    margin-block-end: var(--_space);
  }
  .table-wrap {
    overflow-x: auto;
    /* Holds the table's visually hidden labels, which would otherwise stretch the page on a phone. */
    position: relative;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    padding: 3px calc(var(--_space) / 2);
    border-bottom: 1px solid var(--_border);
    white-space: nowrap;
  }
  /* Long channel, status and payment names and document lists wrap, so the Unlink buttons stay in view in every language. */
  td.wrap {
    white-space: normal;
  }
  /* Each document on a line of its own; a long one breaks between its kind and its number. */
  td.wrap .item {
    display: block;
  }
  .money {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .unpaid {
    color: var(--_danger);
    font-weight: 600;
  }
  td button {
    padding: 0 0.5em;
  }
  .figures div {
    grid-template-columns: 1fr auto;
  }
  .chart-title {
    margin: var(--_space) 0 2px;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .chart {
    width: 100%;
    height: 4.5em;
  }
  .chart rect {
    fill: var(--_accent);
  }
  .chart line {
    stroke: var(--_border);
  }
  form.log {
    display: flex;
    gap: calc(var(--_space) / 2);
    margin-block-end: var(--_space);
  }
  form.log input {
    flex: 1;
    min-width: 0;
  }
  .timeline {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .timeline li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: baseline;
    padding: 3px 0;
    border-bottom: 1px solid var(--_border);
  }
  .timeline .when {
    color: var(--_muted);
    min-width: 9.5em;
  }
  .timeline .what {
    flex: 1;
  }
  .timeline .detail {
    flex-basis: 100%;
    padding-inline-start: calc(9.5em + var(--_space));
    color: var(--_muted);
    font-size: 0.9em;
  }
  .timeline .undone {
    color: var(--_muted);
    text-decoration: line-through;
  }
  .timeline button {
    padding: 0 0.5em;
  }
  .badge.overdue {
    margin-inline-start: 0.5em;
    padding: 0 0.4em;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    color: var(--_danger);
    font-size: 0.85em;
  }
  .pipeline {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2);
    margin-block-end: calc(var(--_space) / 2);
  }
  /* Status and stars, changed in place. */
  .stars {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .star {
    padding: 0 0.6em;
    border-radius: 999px;
  }
  .star .glyph {
    /* The colour is the shop's choice (yellow on white is 1.4:1): an outline keeps the shape visible. */
    -webkit-text-stroke: 0.5px var(--_muted);
  }
  .star[aria-pressed='true'] {
    border-color: var(--_accent);
    font-weight: 600;
  }
`;
