import { html, type TemplateResult } from 'lit';
import { focusLost } from '../base/lost-focus.ts';
import { ALL_COLUMNS, type ColumnKey } from './columns.ts';

export interface ColumnChooserOptions {
  label: string;
  names: Record<ColumnKey, string>;
  shown: readonly ColumnKey[];
  toggle(column: ColumnKey, show: boolean): void;
}

/**
 * A "Columns" button opening a list of every column with a checkbox to show or hide it. The list
 * is a popover: Escape or a click elsewhere closes it. The name column stays: it is how a client
 * is opened.
 */
export function renderColumnChooser({ label, names, shown, toggle }: ColumnChooserOptions): TemplateResult {
  return html`
    <button type="button" part="columns-button" popovertarget="column-chooser">${label}</button>
    <fieldset id="column-chooser" popover part="column-chooser" @beforetoggle=${placeUnderButton} @toggle=${focusButtonOnClose}>
      <legend class="visually-hidden">${label}</legend>
      ${ALL_COLUMNS.map(
        (column) => html`<label>
          <input
            type="checkbox"
            .checked=${shown.includes(column)}
            ?disabled=${column === 'name'}
            @change=${(e: Event) => toggle(column, (e.target as HTMLInputElement).checked)}
          />
          ${names[column]}
        </label>`,
      )}
    </fieldset>
  `;
}

const opener = (popover: HTMLElement) => (popover.getRootNode() as ShadowRoot).querySelector<HTMLElement>('[popovertarget="column-chooser"]')!;

/** Opens the list under its button, right-aligned with it: popovers open in the top layer, away from their button. */
function placeUnderButton(event: Event): void {
  const popover = event.currentTarget as HTMLElement;
  if ((event as ToggleEvent).newState !== 'open') return;
  const button = opener(popover).getBoundingClientRect();
  popover.style.top = `${button.bottom + 4}px`;
  popover.style.right = `${document.documentElement.clientWidth - button.right}px`;
}

/** Closed with the focus on a checkbox in it (Escape), the keyboard goes back to the button. */
function focusButtonOnClose(event: Event): void {
  const popover = event.currentTarget as HTMLElement;
  if ((event as ToggleEvent).newState === 'closed' && focusLost((popover.getRootNode() as ShadowRoot).host as HTMLElement)) opener(popover).focus();
}
