import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { confirmedChoice } from '../base/confirmed-choice.ts';
import { cssProperties } from '../base/css-properties.ts';
import { formatTaxId, type Client, type ClientFilter, type Crm, type CrmEvent, type StarKind, type Status } from '../../src/index.ts';
import { KtElement } from '../base/kt-element.ts';
import { themeStyles } from '../base/theme.styles.ts';
import { feedbackStyles } from '../base/toast.ts';
import { Toaster } from '../base/toaster.ts';
import { focusLost } from '../base/lost-focus.ts';
import { KtClientOpenEvent } from '../events/client-open-event.ts';
import { KtSelectionChangeEvent } from '../events/selection-change-event.ts';
import { ClientCardsView } from './client-cards.ts';
import { clientTableStyles } from './client-table.styles.ts';
import { ALL_COLUMNS, FIGURE_COLUMNS, isSortable, parseColumns, withColumn, type ColumnKey } from './columns.ts';
import { renderColumnChooser } from './column-chooser.ts';
import { KtColumnsChangeEvent } from '../events/columns-change-event.ts';
import { OrderFiguresCache } from '../base/order-figures.ts';
import { RowSource, type TableSort } from './row-source.ts';
import { Selection } from './selection.ts';
import { runBulk, type BulkAction } from './bulk-actions.ts';
import { readCatalog } from '../base/catalog.ts';
import type { Words } from '../base/words.ts';

/** A person a client can be owned by, for the owner filter and column. */
export interface Owner {
  id: string;
  name: string;
}

const OVERSCAN = 6;

/**
 * The shop's B2B clients: sortable, filterable, searchable, with multi-select and bulk actions,
 * virtualised for 100k clients; or as cards, current clients above potential ones.
 *
 * @tagname kt-client-table
 * @summary The client list (B16, C1–C3).
 * @fires kt-client-open - A row was activated (the name clicked, a double-click, Enter): `clientId`.
 * @fires kt-selection-change - The selection changed: `clientIds`, or `allMatching`.
 * @fires kt-columns-change - The user showed or hid a column with the Columns button: `columns`, for the host to keep and give back in `columns`.
 * @csspart toolbar - The search box, filters, view switch and Columns button.
 * @csspart columns-button - The button that opens the list of columns to show.
 * @csspart column-chooser - That list: a checkbox per column.
 * @csspart search - The search box.
 * @csspart filter - Each filter select.
 * @csspart count - How many clients match.
 * @csspart bulk-bar - The bar of bulk actions, shown while rows are selected.
 * @csspart grid - The scrolling grid.
 * @csspart header - The header row.
 * @csspart row - Each client row; `row selected` when selected.
 * @csspart cell - Each cell.
 * @csspart empty - The message when there are no clients or no match.
 * @csspart toast - The message after a bulk action, with its undo.
 * @csspart dialog - The delete confirmation.
 * @csspart cards - The cards view; `card` each card.
 * @csspart card - One client card in the cards view.
 * @cssproperty --kt-table-height - Height of the grid (default 560px).
 */
export class KtClientTable extends KtElement {
  /** The shared tokens, then the table's own styles. */
  static override styles = [themeStyles, feedbackStyles, clientTableStyles];

  /** Which columns, in which order: a comma- or space-separated list of column keys. */
  @property({ converter: { fromAttribute: parseColumns, toAttribute: (value: ColumnKey[]) => value.join(',') } })
  columns: ColumnKey[] = [...ALL_COLUMNS];

  /** `table` (rows) or `cards` (current clients above potential ones). */
  @property({ reflect: true }) view: 'table' | 'cards' = 'table';

  /** The search text (the SDK's search: names without diacritics, tax IDs, e-mails, phones). */
  @property() search = '';

  /** Filters, combined (C3): `{ statusId | statusGroup, star, lifecycle, temperature, owner }`. */
  @property({ attribute: false }) filter: ClientFilter = {};

  /** Sort column and direction; unset lists by client number. */
  @property({ attribute: false }) sort: TableSort | undefined = undefined;

  /** The people clients can be owned by; the owner filter shows when there are any. */
  @property({ attribute: false }) owners: Owner[] = [];

  /** Height of a row in pixels (rows are virtualised, so all have the same height). */
  @property({ type: Number, attribute: 'row-height' }) rowHeight = 40;

  /** How long a confirmation stays on screen, in milliseconds (0: until closed); errors stay until closed. */
  @property({ type: Number, attribute: 'toast-duration' }) toastDuration = 6000;

  @state() private source: RowSource | undefined;
  /** A source still starting (counting, or reading sort keys for a large sort): shows its progress. */
  @state() private pending: RowSource | undefined;
  @state() private statuses: Status[] = [];
  @state() private starKinds: StarKind[] = [];
  @state() private loadError: Words | undefined;
  @state() private active = 0;
  @state() private gridScrollTop = 0;
  @state() private viewportHeight = 560;
  @state() private busy: string | undefined;
  @state() private confirming: string[] | undefined;
  @state() private announcement: Words | undefined;

  @query('.scroller') private scroller?: HTMLElement;
  @query('dialog') private dialog?: HTMLDialogElement;

  // A bulk change's Undo waits while the keyboard is still in the bulk bar, a few Tabs before it.
  readonly #toasts = new Toaster(this, {
    duration: () => this.toastDuration,
    refocus: () => this.#focusList(),
    holding: () => this.renderRoot.querySelector('[part="bulk-bar"]')?.matches(':focus-within') === true,
  });
  private readonly selection = new Selection();
  private readonly cards = new ClientCardsView(this, () => this.activeCrm);
  private figures: OrderFiguresCache | undefined;
  #reloadTimer: ReturnType<typeof setTimeout> | undefined;
  #resizeObserver: ResizeObserver | undefined;
  #observed: HTMLElement | undefined;

  /** The ids of the selected clients (every matching client's, with "select all matching"). */
  async selectedIds(): Promise<string[]> {
    return this.selection.allMatching ? ((await this.source?.allIds()) ?? []) : this.selection.ids;
  }

  /** Reads everything again (e.g. after the host changed data the CRM cannot announce). */
  refresh(): void {
    this.figures?.forget();
    void this.#reload({ keepPosition: true });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resizeObserver = new ResizeObserver(() => {
      if (this.scroller) this.viewportHeight = this.scroller.clientHeight;
    });
    this.#observed = undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
    clearTimeout(this.#reloadTimer);
  }

  /** The grid element comes and goes (empty states, the cards view): measure the one shown. */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.scroller === this.#observed) return;
    if (this.#observed) this.#resizeObserver?.unobserve(this.#observed);
    this.#observed = this.scroller ?? undefined;
    if (this.#observed) this.#resizeObserver?.observe(this.#observed);
  }

  protected override crmChanged(crm: Crm | undefined): void {
    this.figures = crm ? new OrderFiguresCache(crm, () => this.requestUpdate()) : undefined;
    void this.#loadCatalogs()
      .then(() => this.#reload({ keepPosition: false }))
      .catch((error: unknown) => this.#failed(error));
  }

  protected override crmEvent(event: CrmEvent): void {
    switch (event.type) {
      case 'statuses.changed':
      case 'star_kinds.changed':
        void this.#loadCatalogs();
        return;
      case 'order.created':
      case 'order.updated':
      case 'order.linked':
      case 'order.unlinked': {
        const clientIds = [event.order.clientId, 'previous' in event ? event.previous.clientId : undefined, 'clientId' in event ? event.clientId : undefined];
        for (const id of clientIds) if (id) this.figures?.forget(id);
        this.requestUpdate();
        return;
      }
      case 'note.added':
      case 'note.updated':
      case 'note.deleted':
        this.cards.forgetNotes(event.note.clientId);
        this.requestUpdate();
        return;
      case 'client.updated': {
        // By number, unfiltered, a changed client stays where it is: show it there, read nothing.
        const { filter, search, sort } = this.source?.query ?? {};
        const inPlace = !search && Object.values(filter ?? {}).every((value) => value === undefined) && (!sort || sort.by === 'number');
        if (inPlace && this.source?.replace(event.client)) {
          this.requestUpdate();
          return;
        }
        this.#scheduleReload();
        return;
      }
      case 'client.created':
      case 'client.deleted':
      case 'clients.merged':
        this.#scheduleReload();
        return;
      default:
    }
  }

  /** Bulk actions change many clients at once: read again once they are done. */
  #scheduleReload(): void {
    clearTimeout(this.#reloadTimer);
    this.#reloadTimer = setTimeout(() => void this.#reload({ keepPosition: true }), 120);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('search') || changed.has('filter') || changed.has('sort') || changed.has('view')) && this.hasUpdated) void this.#reload({ keepPosition: false });
  }

  async #loadCatalogs(): Promise<void> {
    const crm = this.activeCrm;
    if (!crm) return;
    [this.statuses, this.starKinds] = await readCatalog(crm);
  }

  /**
   * Starts a new row source for the current query; only the newest one shows, however late an
   * older one answers. `keepPosition`: the same query read again (data changed), so the view stays
   * where the user is; otherwise it starts at the top and "all matching" no longer applies.
   */
  async #reload({ keepPosition }: { keepPosition: boolean }): Promise<void> {
    const crm = this.activeCrm;
    if (!crm) return;
    if (this.view === 'cards') void this.cards.load(this.filter, this.search.trim()).catch((error: unknown) => this.#failed(error));
    const source: RowSource = new RowSource(
      crm,
      { filter: this.filter, search: this.search.trim(), sort: this.sort },
      { status: positionIn(this.statuses), star: positionIn(this.starKinds) },
      () => {
        if (this.source === source || this.pending === source) this.requestUpdate();
      },
    );
    this.pending = source;
    try {
      await source.start();
    } catch (error) {
      if (this.pending === source) {
        this.pending = undefined;
        this.#failed(error);
      }
      return;
    }
    if (this.pending !== source) return;
    this.pending = undefined;
    this.loadError = undefined;
    this.source = source;
    if (keepPosition) this.active = Math.min(this.active, Math.max(0, (source.total ?? 1) - 1));
    else {
      this.active = 0;
      this.gridScrollTop = 0;
      if (this.scroller) this.scroller.scrollTop = 0;
      if (this.selection.allMatching) this.#clearSelection();
    }
    const total = source.total ?? 0;
    this.announcement = () => this.plural(this.t.table.count, total);
  }

  #failed(error: unknown): void {
    this.loadError = this.failure(error);
  }

  // ——— rendering ———

  protected override render(): TemplateResult {
    return html`
      ${this.#renderToolbar()} ${this.#renderBulkBar()}
      <!-- Right after the bulk bar: a bulk change's Undo is the next Tab stops away, not past the grid. -->
      ${this.#toasts.render({ undo: this.t.table.undo, close: this.t.table.close }, (undo) => this.#undo(undo))}
      ${this.view === 'cards' ? this.cards.render({ t: this.t, filtered: this.#filtered(), number: (value) => this.number(value), open: (id) => this.#open(id) }) : this.#renderGrid()}
      ${this.#renderDialog()}
      <div class="visually-hidden announcer" role="status" aria-live="polite">${this.announcement?.() ?? ''}</div>
    `;
  }

  #renderToolbar(): TemplateResult {
    const { t } = this;
    const groups = [...new Set(this.statuses.map((status) => status.group))];
    const statusValue = this.filter.statusId ?? (this.filter.statusGroup !== undefined ? `group:${this.filter.statusGroup}` : '');
    const filtered = this.#filtered();
    return html`
      <div class="toolbar" part="toolbar">
        <input
          part="search"
          type="search"
          aria-label=${t.table.search}
          placeholder=${t.table.searchPlaceholder}
          .value=${this.search}
          @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}
          @keydown=${this.#onSearchKey}
        />
        <select part="filter" aria-label=${t.table.statusFilter} @change=${this.#onStatusFilter} .value=${statusValue}>
          <option value="" ?selected=${statusValue === ''}>${t.table.anyStatus}</option>
          ${groups.map(
            (group) => html`
              <optgroup label=${group}>
                <option value=${`group:${group}`} ?selected=${statusValue === `group:${group}`}>${t.table.group(group)}</option>
                ${this.statuses
                  .filter((status) => status.group === group)
                  .map((status) => html`<option value=${status.id} ?selected=${statusValue === status.id}>${status.name}</option>`)}
              </optgroup>
            `,
          )}
        </select>
        ${this.#filterSelect('star', t.table.starFilter, t.table.anyStar, this.starKinds.map((star) => [star.id, star.name]))}
        ${this.#filterSelect('lifecycle', t.table.lifecycleFilter, t.table.anyLifecycle, Object.entries(t.lifecycle))}
        ${this.#filterSelect('temperature', t.table.temperatureFilter, t.table.anyTemperature, Object.entries(t.temperature))}
        ${this.owners.length ? this.#filterSelect('owner', t.table.ownerFilter, t.table.anyOwner, this.owners.map((owner) => [owner.id, owner.name])) : nothing}
        ${filtered
          ? html`<button type="button" @click=${this.#clearFilters}>${t.table.clearFilters}</button>`
          : nothing}
        ${this.pending?.progress !== undefined
          ? html`<progress class="count" max="1" .value=${this.pending.progress} aria-label=${t.table.sorting}></progress>`
          : html`<span class="count" part="count">${this.source?.total === undefined ? t.table.loading : this.plural(t.table.count, this.source.total)}</span>`}
        <div class="view-switch" role="group" aria-label=${t.table.view}>
          <button type="button" aria-pressed=${this.view === 'table'} @click=${() => (this.view = 'table')}>${t.table.viewTable}</button>
          <button type="button" aria-pressed=${this.view === 'cards'} @click=${() => (this.view = 'cards')}>${t.table.viewCards}</button>
        </div>
        ${this.view === 'table'
          ? renderColumnChooser({ label: t.table.columns, names: t.columns, shown: this.columns, toggle: (column, show) => this.#showColumn(column, show) })
          : nothing}
      </div>
    `;
  }

  #showColumn(column: ColumnKey, show: boolean): void {
    this.columns = show ? withColumn(this.columns, column) : this.columns.filter((shown) => shown !== column);
    this.emit(new KtColumnsChangeEvent(this.columns));
  }

  #filtered(): boolean {
    return this.search.trim() !== '' || Object.values(this.filter).some((value) => value !== undefined);
  }

  #filterSelect(key: 'star' | 'lifecycle' | 'temperature' | 'owner', label: string, any: string, options: [string, string][]): TemplateResult {
    const value = (this.filter[key] as string | undefined) ?? '';
    return html`
      <select
        part="filter"
        aria-label=${label}
        .value=${value}
        @change=${(e: Event) => {
          const chosen = (e.target as HTMLSelectElement).value;
          this.filter = { ...this.filter, [key]: chosen || undefined };
        }}
      >
        <option value="" ?selected=${value === ''}>${any}</option>
        ${options.map(([id, name]) => html`<option value=${id} ?selected=${value === id}>${name}</option>`)}
      </select>
    `;
  }

  #onStatusFilter(e: Event): void {
    const value = (e.target as HTMLSelectElement).value;
    const { statusId: _, statusGroup: __, ...rest } = this.filter;
    this.filter = value.startsWith('group:') ? { ...rest, statusGroup: value.slice(6) } : value ? { ...rest, statusId: value } : rest;
  }

  #renderBulkBar(): TemplateResult | typeof nothing {
    const total = this.source?.total ?? 0;
    const count = this.selection.size(total);
    if (count === 0) return nothing;
    const { t } = this;
    // Back on its prompt once chosen: the select names an action, not a state.
    const choose = (action: (id: string) => BulkAction) =>
      confirmedChoice((value, select) => {
        select.value = '';
        if (value) void this.#bulk(action(value));
      });
    return html`
      <div class="bulk-bar" part="bulk-bar" role="toolbar" aria-label=${this.plural(t.table.selected, count)}>
        <strong>${this.plural(t.table.selected, count)}</strong>
        ${!this.selection.allMatching && count < total
          ? html`<button type="button" @click=${this.#selectAllMatching}>${this.plural(t.table.selectAllMatching, total)}</button>`
          : nothing}
        <select aria-label=${t.table.setStatus} ?disabled=${this.busy !== undefined} ${choose((statusId) => ({ kind: 'status', statusId }))}>
          <option value="">${t.table.setStatus}</option>
          ${this.statuses.map((status) => html`<option value=${status.id}>${status.group} › ${status.name}</option>`)}
        </select>
        <select aria-label=${t.table.addStar} ?disabled=${this.busy !== undefined} ${choose((starId) => ({ kind: 'addStar', starId }))}>
          <option value="">${t.table.addStar}</option>
          ${this.starKinds.map((star) => html`<option value=${star.id}>${star.name}</option>`)}
        </select>
        <select aria-label=${t.table.removeStar} ?disabled=${this.busy !== undefined} ${choose((starId) => ({ kind: 'removeStar', starId }))}>
          <option value="">${t.table.removeStar}</option>
          ${this.starKinds.map((star) => html`<option value=${star.id}>${star.name}</option>`)}
        </select>
        <button type="button" class="danger" ?disabled=${this.busy !== undefined} @click=${this.#askDelete}>${t.table.delete}</button>
        <button type="button" @click=${this.#clearSelectionFromBar}>${t.table.clearSelection}</button>
        ${this.busy ? html`<span class="busy" role="progressbar" aria-label=${this.busy}>${this.busy}</span>` : nothing}
      </div>
    `;
  }

  #renderGrid(): TemplateResult {
    const { t } = this;
    const source = this.source;
    const total = source?.total ?? 0;
    if (this.loadError) return html`<p class="empty" part="empty" role="alert">${t.table.error(this.loadError())}</p>`;
    if (source && total === 0) return html`<p class="empty" part="empty">${this.#filtered() ? t.table.noMatch : t.table.empty}</p>`;
    const rowHeight = this.rowHeight;
    const first = Math.max(0, Math.floor(this.gridScrollTop / rowHeight) - OVERSCAN);
    const last = Math.min(total, Math.ceil((this.gridScrollTop + this.viewportHeight) / rowHeight) + OVERSCAN);
    if (source) void source.want(first, last).catch((error: unknown) => this.#failed(error));
    const indexes = Array.from({ length: Math.max(0, last - first) }, (_, i) => first + i);
    const allSelected = total > 0 && this.selection.size(total) === total;
    return html`
      <div
        class="scroller"
        part="grid"
        role="grid"
        tabindex="0"
        aria-label=${t.table.label}
        aria-multiselectable="true"
        aria-rowcount=${total + 1}
        aria-colcount=${this.columns.length + 1}
        aria-busy=${source === undefined}
        aria-activedescendant=${total ? `row-${this.active}` : nothing}
        ${cssProperties({ '--_columns': this.#gridTemplate(), '--_content-height': `${(total + 1) * rowHeight + 24}px` })}
        @scroll=${this.#onScroll}
        @keydown=${this.#onKeydown}
      >
        <div role="rowgroup" class="header" part="header">
          <div role="row" class="row" aria-rowindex="1">
            <div role="columnheader" class="cell select" aria-colindex="1">
              <input
                type="checkbox"
                tabindex="-1"
                aria-label=${t.table.selectAll}
                .checked=${allSelected}
                .indeterminate=${!allSelected && this.selection.size(total) > 0}
                @change=${(e: Event) => ((e.target as HTMLInputElement).checked ? this.#selectAllMatching() : this.#clearSelection())}
              />
            </div>
            ${this.columns.map((column, i) => this.#renderHeader(column, i + 2))}
          </div>
        </div>
        <div role="rowgroup" class="body" ${cssProperties({ height: `${total * rowHeight}px` })}>
          ${
            // By position, not keyed: scrolling then updates the rows in place instead of building new ones.
            indexes.map((index) => this.#renderRow(index, source?.rows[index]))
          }
        </div>
      </div>
    `;
  }

  #gridTemplate(): string {
    const widths: Record<ColumnKey, string> = {
      number: '4.5em',
      name: '16em',
      taxId: '9.5em',
      status: '11em',
      stars: '7em',
      lifecycle: '7.5em',
      temperature: '8.5em',
      email: '12em',
      phone: '11.5em',
      lastOrder: '8.5em',
      orderCount: '8.5em',
      totalValue: '9.5em',
      owner: '8em',
      info: '7em',
    };
    return ['2.5em', ...this.columns.map((column) => widths[column])].join(' ');
  }

  #renderHeader(column: ColumnKey, colIndex: number): TemplateResult {
    const label = this.t.columns[column];
    const sorted = this.sort?.by === column ? this.sort.direction : undefined;
    const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
    return html`
      <div role="columnheader" class="cell" part="cell" aria-colindex=${colIndex} aria-sort=${isSortable(column) ? ariaSort : nothing}>
        ${isSortable(column)
          ? html`<button type="button" class="sort" title=${this.t.table.sortBy(label)} aria-disabled=${this.pending !== undefined} @click=${() => this.#sortBy(column)}>
              ${label}<span aria-hidden="true" class="arrow">${sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
            </button>`
          : label}
      </div>
    `;
  }

  #renderRow(index: number, client: Client | undefined): TemplateResult {
    const top = cssProperties({ transform: `translateY(${index * this.rowHeight}px)`, height: `${this.rowHeight}px` });
    if (!client) {
      return html`<div role="row" class="row loading" id=${`row-${index}`} aria-rowindex=${index + 2} ${top}>
        <div role="gridcell" class="cell" aria-colindex="1">${this.t.table.loadingRow}</div>
      </div>`;
    }
    const selected = this.selection.has(client.id);
    const active = index === this.active;
    return html`
      <div
        role="row"
        class=${`row${selected ? ' selected' : ''}${active ? ' active' : ''}`}
        part=${selected ? 'row selected' : 'row'}
        id=${`row-${index}`}
        aria-rowindex=${index + 2}
        aria-selected=${selected}
        ${top}
        @click=${(e: MouseEvent) => this.#onRowClick(e, index, client)}
        @dblclick=${() => this.#open(client.id)}
      >
        <div role="gridcell" class="cell select" aria-colindex="1">
          <input
            type="checkbox"
            tabindex="-1"
            aria-label=${client.name}
            .checked=${selected}
            @click=${(e: MouseEvent) => {
              e.stopPropagation();
              this.#toggle(index, client);
            }}
          />
        </div>
        ${this.columns.map((column, i) => html`<div role="gridcell" class=${`cell ${column}`} part="cell" aria-colindex=${i + 2}>${this.#cell(column, client, active)}</div>`)}
      </div>
    `;
  }

  #cell(column: ColumnKey, client: Client, active: boolean): unknown {
    const figures = FIGURE_COLUMNS.has(column) ? this.figures?.get(client.id) : undefined;
    switch (column) {
      case 'number':
        return this.number(client.number);
      case 'name':
        return html`<button type="button" class="client-name" tabindex=${active ? 0 : -1} @click=${(e: Event) => (e.stopPropagation(), this.#open(client.id))}>${client.name}</button>${client.externalLinks.map(
          (link) => html` <span class="connect" role="img" title=${this.t.table.connected(link.integration)} aria-label=${this.t.table.connected(link.integration)}>⇄</span>`,
        )}`;
      case 'taxId':
        return client.taxId ? formatTaxId(client.taxId) : '';
      case 'status': {
        const status = this.statuses.find((s) => s.id === client.statusId);
        return status ? html`<span class="swatch" ${cssProperties({ background: status.color ?? 'transparent' })}></span>${status.name}` : '';
      }
      case 'stars': {
        const stars = client.stars.map((id) => this.starKinds.find((star) => star.id === id)).filter((star) => star !== undefined);
        if (stars.length === 0) return '';
        return html`<span role="img" aria-label=${stars.map((star) => star.name).join(', ')}>${stars.map(
          (star) => html`<span class="star" ${cssProperties({ color: star.color })} title=${star.name}>★</span>`,
        )}</span>`;
      }
      case 'lifecycle':
        return this.t.lifecycle[client.lifecycle];
      case 'temperature':
        return client.temperature ? html`<span class=${`temperature ${client.temperature}`}>${this.t.temperature[client.temperature]}</span>` : '';
      case 'email':
        return client.emails[0] ?? '';
      case 'phone':
        return client.phones[0] ?? '';
      case 'owner':
        return this.owners.find((owner) => owner.id === client.owner)?.name ?? client.owner ?? '';
      case 'lastOrder':
        return figures?.lastOrderAt ? this.date(figures.lastOrderAt) : figures ? '—' : '…';
      case 'orderCount':
        return figures ? this.number(figures.orderCount) : '…';
      case 'totalValue':
        return figures ? figures.currencies.map((m) => this.money(m.total, m.currency)).join(' + ') || '—' : '…';
      case 'info':
        return this.#infoButtons(client, active);
    }
  }

  #infoButtons(client: Client, active: boolean): TemplateResult {
    const { t } = this;
    const copyable: [string, string, string | undefined][] = [
      ['☎', t.table.phone, client.phones[0] ?? client.contacts.find((c) => c.phone)?.phone],
      ['✉', t.table.email, client.emails[0] ?? client.contacts.find((c) => c.email)?.email],
      ['✎', t.table.note, client.note],
    ];
    return html`${copyable.map(
      ([icon, what, value]) => html`<button
        type="button"
        class="copy"
        tabindex=${active ? 0 : -1}
        aria-label=${t.table.copy(what)}
        title=${value ? `${t.table.copy(what)}: ${value}` : t.table.copy(what)}
        ?disabled=${!value}
        @click=${(e: Event) => (e.stopPropagation(), void this.#copy(value!))}
      >
        ${icon}
      </button>`,
    )}`;
  }

  #renderDialog(): TemplateResult {
    const count = this.confirming?.length ?? 0;
    return html`<dialog part="dialog" aria-labelledby="confirm-text" @close=${this.#onDialogClose}>
      <p id="confirm-text">${count ? this.plural(this.t.table.confirmDelete, count) : ''}</p>
      <form method="dialog" class="actions">
        <button value="cancel" autofocus>${this.t.table.cancel}</button>
        <button value="delete" class="danger" @click=${this.#confirmDelete}>${this.t.table.confirm}</button>
      </form>
    </dialog>`;
  }

  // ——— interaction ———

  /** The dialog gives the focus back to its opener, unless a quick delete took the bar with it: then to the list. */
  #onDialogClose(): void {
    this.confirming = undefined;
    if (focusLost(this)) this.#focusList();
  }

  #onScroll(e: Event): void {
    this.gridScrollTop = (e.target as HTMLElement).scrollTop;
  }

  /** ↓ from the search box goes to the clients found, as staff on the phone expect. */
  #onSearchKey(e: KeyboardEvent): void {
    if (e.key !== 'ArrowDown' || !this.source?.total) return;
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('[role="grid"]')?.focus();
  }

  /** The button goes with the filters: the keyboard goes to the search box, never to `<body>`. */
  async #clearFilters(): Promise<void> {
    this.filter = {};
    this.search = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('[part="search"]')?.focus();
  }

  /** Waits out a sort under way: its button stays focusable (`aria-disabled`), so the keyboard stays on it for the next press. */
  #sortBy(column: ColumnKey): void {
    if (this.pending !== undefined) return;
    const direction = this.sort?.by === column && this.sort.direction === 'asc' ? 'desc' : 'asc';
    this.sort = { by: column, direction };
  }

  #onRowClick(e: MouseEvent, index: number, client: Client): void {
    if (e.shiftKey) this.#extendTo(index, !(e.ctrlKey || e.metaKey));
    else if (e.ctrlKey || e.metaKey) this.#toggle(index, client);
    else {
      this.selection.only(client.id, index);
      this.#selectionChanged();
    }
    this.active = index;
    this.scroller?.focus({ preventScroll: true });
  }

  async #toggle(index: number, client: Client): Promise<void> {
    // Leaving "all matching" for a list of ids: every matching client's (read if need be), but this one.
    if (this.selection.allMatching) this.selection.extend((await this.source?.allIds()) ?? [], true);
    this.selection.toggle(client.id, index);
    this.active = index;
    this.#selectionChanged();
  }

  async #extendTo(index: number, replace: boolean): Promise<void> {
    const anchor = this.selection.anchor ?? this.active;
    const [from, to] = [Math.min(anchor, index), Math.max(anchor, index)];
    await this.source?.want(from, to);
    const ids: string[] = [];
    for (let i = from; i <= to; i++) {
      const id = this.source?.idAt(i);
      if (id) ids.push(id);
    }
    this.selection.extend(ids, replace);
    this.selection.anchor = anchor;
    this.#selectionChanged();
  }

  #selectAllMatching(): void {
    this.selection.selectAllMatching();
    this.#selectionChanged();
  }

  #clearSelection(): void {
    this.selection.clear();
    this.#selectionChanged();
  }

  /** The bar goes with the selection: the focus goes back to the list, at the row the user was on. */
  async #clearSelectionFromBar(): Promise<void> {
    this.#clearSelection();
    await this.updateComplete;
    this.#focusList();
  }

  /** The list: the grid (its active row), in the cards view the search box. */
  #focusList(): void {
    (this.scroller ?? this.renderRoot.querySelector<HTMLElement>('[part="search"]'))?.focus();
  }

  #selectionChanged(): void {
    this.requestUpdate();
    this.emit(new KtSelectionChangeEvent(this.selection.ids, this.selection.allMatching));
  }

  #open(clientId: string): void {
    this.emit(new KtClientOpenEvent(clientId));
  }

  #onKeydown(e: KeyboardEvent): void {
    const total = this.source?.total ?? 0;
    if (total === 0 || e.target !== this.scroller) return;
    const page = Math.max(1, Math.floor(this.viewportHeight / this.rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    const client = this.source?.rows[this.active];
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.min(total - 1, Math.max(0, this.active + moves[e.key]!));
      if (e.shiftKey) {
        this.selection.anchor ??= this.active;
        void this.#extendTo(next, true);
      }
      this.#moveTo(next);
    } else if (e.key === ' ' && client) {
      e.preventDefault();
      this.#toggle(this.active, client);
    } else if (e.key === 'Enter' && client) {
      e.preventDefault();
      this.#open(client.id);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      this.#selectAllMatching();
    } else if (e.key === 'Escape' && this.selection.size(total) > 0) {
      e.preventDefault();
      this.#clearSelection();
    }
  }

  /** Makes a row the active one and scrolls it into view. */
  #moveTo(index: number): void {
    this.active = index;
    const scroller = this.scroller;
    if (!scroller) return;
    const header = this.rowHeight;
    const top = index * this.rowHeight;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + this.rowHeight > scroller.scrollTop + scroller.clientHeight - header) scroller.scrollTop = top + 2 * this.rowHeight - scroller.clientHeight;
    this.gridScrollTop = scroller.scrollTop;
  }

  async #copy(value: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard permission (an embedded frame, an old browser): copy through a selection.
      const area = document.createElement('textarea');
      area.value = value;
      this.renderRoot.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    // The toast is a live region of its own: screen readers hear it.
    this.#toasts.show({ message: () => this.t.table.copied(value) });
  }

  // ——— bulk actions ———

  /** Runs a bulk action on `ids` (by default the selection as it is now). */
  async #bulk(action: BulkAction, ids?: string[]): Promise<void> {
    const crm = this.activeCrm;
    if (!crm) return;
    ids ??= await this.selectedIds();
    try {
      const result = await runBulk(crm, ids, action, (done) => (this.busy = `${this.number(done)} / ${this.number(ids.length)}`));
      const message = () => {
        const done = action.kind === 'delete' ? this.plural(this.t.table.deleted, result.changed) : this.plural(this.t.table.updated, result.changed);
        return result.missing ? `${done} ${this.plural(this.t.table.missing, result.missing)}` : done;
      };
      this.#toasts.show({ message, ...(result.undo ? { undo: result.undo } : {}) });
      if (action.kind === 'delete') this.#clearSelection();
    } catch (error) {
      this.#toasts.show({ message: this.failure(error), error: true });
    } finally {
      this.busy = undefined;
    }
    // A delete takes the bar (and the dialog's opener) away: back to the list rather than <body>.
    await this.updateComplete;
    if (focusLost(this)) this.#focusList();
  }

  async #askDelete(): Promise<void> {
    this.confirming = await this.selectedIds();
    await this.updateComplete;
    this.dialog?.showModal();
  }

  /** Deletes exactly the clients the dialog counted, whatever the selection has become since. */
  #confirmDelete(): void {
    const ids = this.confirming;
    if (ids?.length) void this.#bulk({ kind: 'delete' }, ids);
  }

  async #undo(undo: () => Promise<unknown>): Promise<void> {
    this.#toasts.clear();
    try {
      await undo();
      this.#toasts.show({ message: () => this.t.table.undone });
    } catch (error) {
      this.#toasts.show({ message: this.failure(error), error: true });
    }
  }
}

/** Where an entry stands in its list, by id; one the list lacks sorts last. */
function positionIn(entries: readonly { id: string }[]): (id: string) => number {
  const positions = new Map(entries.map((entry, i) => [entry.id, i]));
  return (id) => positions.get(id) ?? Infinity;
}

declare global {
  interface HTMLElementTagNameMap {
    'kt-client-table': KtClientTable;
  }
}
