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

const opener = (popover: HTMLElement) => (popover.getRootNode() as ShadowRoot).querySelector<HTMLElement>('[popovertarget="column-chooser"]');

/** Lists following their button now: a list closed and opened again within a frame is followed once. */
const following = new WeakSet<HTMLElement>();

/**
 * Keeps the open list beside its button: popovers open in the top layer, away from it. The list
 * goes under the button, or above it when there is more room there, and scrolls within the
 * screen. It follows the button each frame while open, whatever moves it: the page, a scrolling
 * container (in another element's shadow root too), a toolbar that wraps.
 */
function placeUnderButton(event: Event): void {
  const popover = event.currentTarget as HTMLElement;
  if ((event as ToggleEvent).newState !== 'open' || following.has(popover)) return;
  following.add(popover);
  // Frame callbacks run before the frame is drawn: the list is shown where it belongs, measured.
  const follow = () => {
    if (!popover.isConnected || !popover.matches(':popover-open')) {
      following.delete(popover);
      return;
    }
    place(popover);
    requestAnimationFrame(follow);
  };
  requestAnimationFrame(follow);
}

const GAP = 4;

function place(popover: HTMLElement): void {
  const anchor = opener(popover);
  if (!anchor) return;
  const button = anchor.getBoundingClientRect();
  const { clientWidth, clientHeight } = document.documentElement;
  const below = clientHeight - button.bottom - 2 * GAP;
  const above = button.top - 2 * GAP;
  const downwards = below >= popover.scrollHeight || below >= above;
  // Aligned with the button's end (its right edge, its left in a right-to-left page), within the screen.
  const width = popover.offsetWidth;
  const start = getComputedStyle(anchor).direction === 'rtl' ? button.left : button.right - width;
  Object.assign(popover.style, {
    left: `${Math.max(GAP, Math.min(start, clientWidth - width - GAP))}px`,
    top: downwards ? `${button.bottom + GAP}px` : 'auto',
    bottom: downwards ? 'auto' : `${clientHeight - button.top + GAP}px`,
    maxHeight: `${Math.max(downwards ? below : above, 0)}px`,
  });
}

/** Closed with the focus on a checkbox in it (Escape), the keyboard goes back to the button. */
function focusButtonOnClose(event: Event): void {
  const popover = event.currentTarget as HTMLElement;
  if ((event as ToggleEvent).newState === 'closed' && focusLost((popover.getRootNode() as ShadowRoot).host as HTMLElement)) opener(popover)?.focus();
}
