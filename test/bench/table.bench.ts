import '@vaadin/grid/vaadin-grid.js';
import type { Grid } from '@vaadin/grid/vaadin-grid.js';
import '../../components/define/all.ts';
import type { KtClientTable } from '../../components/client-table/client-table.ts';
import { formatTaxId, type Client, type Crm } from '../../src/index.ts';
import { memoryCrmWithClients } from './clients.ts';
import { forceGc, progress, rotated, scaled, sleep, type BenchOptions } from './harness.ts';

/** The columns both grids show, with ours's widths (vaadin gets the same ones). */
const COLUMNS = [
  ['number', '4.5em'],
  ['name', '17em'],
  ['taxId', '9.5em'],
  ['status', '10em'],
  ['email', '15em'],
  ['phone', '10em'],
] as const;
const HEIGHT = 560;
const SCROLL_MS = 5000;
/** Both grids get this long to fill in what the scroll left behind before we call it never. */
const FILL_LIMIT_MS = 30_000;

/**
 * The two scroll speeds, in rows per frame: `wheel` is a fast wheel or trackpad fling (3 rows a
 * frame, 180 rows/s at 60 Hz); `drag` is the scrollbar dragged from top to bottom in 5 s (the
 * whole list over 300 frames), which shows whether a grid keeps up and reaches the end.
 */
const SPEEDS = { wheel: () => 3, drag: (total: number) => total / 300 } as const;
type Speed = keyof typeof SPEEDS;

/** One grid as the bench drives it: how to mount it and where its scroller and rows are. */
interface Variant {
  mount(): HTMLElement;
  scroller(element: HTMLElement): HTMLElement;
  /** The bottom edge of the header: rows above it are covered. */
  headerBottom(element: HTMLElement): number;
  rows(element: HTMLElement): Element[];
  isPlaceholder(row: Element): boolean;
  /** Whether the first data row is in the DOM, content included. */
  hasDataRow(element: HTMLElement): boolean;
}

function ours(crm: Crm): Variant {
  const rows = (element: HTMLElement) => [...element.shadowRoot!.querySelectorAll('.body [role="row"]')];
  return {
    mount() {
      const table = document.createElement('kt-client-table') as KtClientTable;
      table.columns = COLUMNS.map(([key]) => key);
      table.style.setProperty('--kt-table-height', `${HEIGHT}px`);
      table.crm = crm;
      return table;
    },
    scroller: (element) => element.shadowRoot!.querySelector<HTMLElement>('[role="grid"]')!,
    headerBottom: (element) => element.shadowRoot!.querySelector('.header')!.getBoundingClientRect().bottom,
    rows,
    isPlaceholder: (row) => row.classList.contains('loading'),
    hasDataRow: (element) => element.shadowRoot !== null && rows(element).some((row) => !row.classList.contains('loading')),
  };
}

/** A row of vaadin's: the text each column shows, mapped once from the clients as a host would. */
type FlatRow = Record<(typeof COLUMNS)[number][0], string | number>;

function vaadin(items: FlatRow[]): Variant {
  const rows = (element: HTMLElement) => [...element.shadowRoot!.querySelectorAll('#items > tr')];
  // A row's cells render into light-DOM <vaadin-grid-cell-content> slotted into its <td>s.
  const firstCellText = (row: Element) => (row.querySelector('slot') as HTMLSlotElement | null)?.assignedElements()[0]?.textContent ?? '';
  return {
    mount() {
      const grid = document.createElement('vaadin-grid') as Grid<FlatRow>;
      grid.style.height = `${HEIGHT}px`;
      for (const [key, width] of COLUMNS) {
        const column = document.createElement('vaadin-grid-column');
        column.path = key;
        column.header = key;
        column.width = width;
        column.flexGrow = 0;
        grid.append(column);
      }
      // In-memory data: the `items` array (vaadin's docs: a data provider is for lazy loading).
      grid.items = items;
      return grid;
    },
    scroller: (element) => element.shadowRoot!.querySelector<HTMLElement>('#table')!,
    headerBottom: (element) => element.shadowRoot!.querySelector('#header')!.getBoundingClientRect().bottom,
    rows,
    isPlaceholder: (row) => row.hasAttribute('loading'),
    hasDataRow: (element) => element.shadowRoot !== null && rows(element).some((row) => !row.hasAttribute('loading') && firstCellText(row) !== ''),
  };
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/** Resolves after the next frame is painted: a task queued from its rAF callback runs after the paint. */
const afterNextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

export interface FirstRowsSample {
  /** From creating the element (then inserting it) until its first data row is in its DOM. */
  dom: number;
  /** Until the frame after that is painted. */
  painted: number;
}

/** Mounts the variant's element into `host` and times its first data row; resolves with the element. */
async function mountTimed(variant: Variant, host: HTMLElement): Promise<{ element: HTMLElement; sample: FirstRowsSample }> {
  // From before createElement: property setters that do work up front count too.
  const start = performance.now();
  const element = variant.mount();
  host.append(element);
  let dom = variant.hasDataRow(element) ? performance.now() : undefined;
  if (dom === undefined) {
    // A MutationObserver callback runs right after the DOM change, before any rendering.
    dom = await new Promise<number>((resolve, reject) => {
      const observer = new MutationObserver(() => {
        if (!variant.hasDataRow(element)) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now());
      });
      const timer = setTimeout(() => (observer.disconnect(), reject(new Error(`${element.localName}: no data row after 30 s`))), 30_000);
      const options = { childList: true, subtree: true, characterData: true };
      observer.observe(element, options);
      observer.observe(element.shadowRoot!, options);
    });
  }
  await afterNextPaint();
  return { element, sample: { dom: dom - start, painted: performance.now() - start } };
}

/**
 * What the scroller shows below its header: rows at least partly in view, how many of them are
 * placeholders, and the shares of the view's height covered by rows with data and by no row at
 * all (a grid whose rows have not caught up with the scroll position shows blank space).
 */
function inView(variant: Variant, element: HTMLElement) {
  const scroller = variant.scroller(element);
  const top = variant.headerBottom(element);
  const bottom = scroller.getBoundingClientRect().top + scroller.clientTop + scroller.clientHeight;
  let rows = 0;
  let placeholders = 0;
  let covered = 0;
  let withData = 0;
  for (const row of variant.rows(element)) {
    const box = row.getBoundingClientRect();
    const height = Math.min(bottom, box.bottom) - Math.max(top, box.top);
    if (height <= 0) continue;
    rows++;
    covered += height;
    if (variant.isPlaceholder(row)) placeholders++;
    else withData += height;
  }
  return { rows, placeholders, blank: Math.max(0, 1 - covered / (bottom - top)), withData: withData / (bottom - top) };
}

export interface ScrollSample {
  /** rAF-to-rAF milliseconds over the scroll. */
  frames: number[];
  /** Most row elements in the DOM at any frame. */
  maxRows: number;
  /** Share of the scrollable height covered (1 = reached the bottom). */
  reached: number;
  /** Right after the last frame: rows in view, how many were placeholders, share of the view blank. */
  visible: number;
  placeholders: number;
  blank: number;
  /** Milliseconds after the scroll until rows with data filled the view (Infinity: not within FILL_LIMIT_MS). */
  fillMs: number;
}

/** Scrolls the element's scroller by a fixed step each frame for SCROLL_MS, from the top down. */
async function scrollTimed(variant: Variant, element: HTMLElement, rowsPerFrame: number, total: number): Promise<ScrollSample> {
  const scroller = variant.scroller(element);
  const scrollable = scroller.scrollHeight - scroller.clientHeight;
  // The same rows per frame for both: each grid's own pixels per row.
  const step = Math.max(1, Math.round((rowsPerFrame * scroller.scrollHeight) / total));
  const frames: number[] = [];
  let maxRows = 0;
  let position = 0;
  let previous = await nextFrame();
  const start = previous;
  while (previous - start < SCROLL_MS) {
    position = Math.min(scrollable, position + step);
    scroller.scrollTop = position;
    const now = await nextFrame();
    frames.push(now - previous);
    previous = now;
    maxRows = Math.max(maxRows, variant.rows(element).length);
  }
  const reached = scroller.scrollTop / scrollable;
  const end = inView(variant, element);
  // Rounding at the view's edges leaves a pixel or two uncovered.
  const filled = () => inView(variant, element).withData >= 0.99;
  const settleStart = performance.now();
  let fillMs = filled() ? 0 : Infinity;
  while (fillMs === Infinity && performance.now() - settleStart < FILL_LIMIT_MS) {
    await nextFrame();
    if (filled()) fillMs = performance.now() - settleStart;
  }
  return { frames, maxRows, reached, visible: end.rows, placeholders: end.placeholders, blank: end.blank, fillMs };
}

export interface TableBenchResult {
  clients: number;
  reps: number;
  /** Rows per frame of each scroll speed. */
  speeds: Record<Speed, number>;
  firstRows: Record<string, FirstRowsSample[]>;
  scroll: Record<Speed, Record<string, ScrollSample[]>>;
}

const flatRow = (client: Client, statusName: (id: string | undefined) => string): FlatRow => ({
  number: client.number,
  name: client.name,
  taxId: client.taxId ? formatTaxId(client.taxId) : '',
  status: statusName(client.statusId),
  email: client.emails[0] ?? '',
  phone: client.phones[0] ?? '',
});

/** Bench 4: <kt-client-table> over a Crm on the memory adapter vs <vaadin-grid> over the same clients as an array. */
export async function tableBench(options: BenchOptions): Promise<TableBenchResult> {
  const { scale, reps = 3 } = options;
  const { crm, clients } = await memoryCrmWithClients(scaled(100_000, scale), 'table');
  const statuses = new Map((await crm.statuses.list()).map((status) => [status.id, status.name]));
  const items = clients.map((client) => flatRow(client, (id) => (id ? (statuses.get(id) ?? '') : '')));
  progress(`table: ${clients.length} clients stored`);

  const variants: Record<string, Variant> = { kartoteka: ours(crm), vaadin: vaadin(items) };
  const speeds = { wheel: SPEEDS.wheel(), drag: SPEEDS.drag(clients.length) };
  const result: TableBenchResult = { clients: clients.length, reps, speeds, firstRows: {}, scroll: { wheel: {}, drag: {} } };
  const host = document.createElement('div');
  host.style.width = '1200px';
  document.body.append(host);
  for (let rep = 0; rep < reps; rep++) {
    for (const name of rotated(Object.keys(variants), rep)) {
      const variant = variants[name]!;
      // A fresh element per scroll, so each starts at the top with nothing loaded but its first rows.
      for (const speed of Object.keys(speeds) as Speed[]) {
        forceGc();
        const { element, sample } = await mountTimed(variant, host);
        (result.firstRows[name] ??= []).push(sample);
        // Past the first rows' follow-up work (vaadin measures its rows, ours loads its catalogs).
        await sleep(500);
        (result.scroll[speed][name] ??= []).push(await scrollTimed(variant, element, speeds[speed], clients.length));
        // Its deferred work (vaadin reorders its rows on a debounce) runs before the next grid's timing.
        await sleep(500);
        element.remove();
      }
      progress(`table: rep ${rep + 1}/${reps} ${name}`);
    }
  }
  host.remove();
  await crm.close();
  return result;
}
