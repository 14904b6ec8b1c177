import { css } from 'lit';

/** Headings of a panel built of sections (settings, rules): section titles, and the groups within. */
export const panelHeadingStyles = css`
  h3 {
    margin: 0 0 var(--_space);
    font-size: 1.1em;
  }
  h4 {
    margin: var(--_space) 0 calc(var(--_space) / 2);
    color: var(--_muted);
    font-size: 0.95em;
  }
`;
