import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CrmEvent, Pipeline, PipelineClient, PipelineStage, PipelineStats } from '../../src/index.ts';
import { cssProperties } from '../base/css-properties.ts';
import { KtElement } from '../base/kt-element.ts';
import { themeStyles } from '../base/theme.styles.ts';
import { feedbackStyles } from '../base/toast.ts';
import { KtClientOpenEvent } from '../events/client-open-event.ts';
import { pipelineBoardStyles } from './pipeline-board.styles.ts';
import { NewestRead } from '../base/newest-read.ts';
import type { Words } from '../base/words.ts';

interface Column {
  stage: PipelineStage;
  items: PipelineClient[];
  /** More clients stand in the stage than `limit` let through. */
  more: boolean;
}

/**
 * A pipeline as a board (W5): one column per stage with its client count and conversion (the
 * share of clients that ever entered the stage and went further), a card per client.
 *
 * Moving a card: drag it to another column (native drag and drop), or, from the keyboard and
 * for assistive technology, choose the stage in the card's "Move to" select and press its Move
 * button. A select with an explicit button was chosen over Alt+Arrow shortcuts: it is visible,
 * needs no instructions, works the same in every screen reader, does not clash with the
 * browser's Alt+Arrow history keys, and arrowing through its options moves nothing by accident.
 * After a keyboard move the focus follows the card into its new column. Every move is announced
 * in a polite live region.
 *
 * Without `pipeline-id` the board shows the first pipeline, with a select to switch when there
 * are several.
 *
 * @tagname kt-pipeline-board
 * @summary A pipeline's stages as columns of client cards; move clients by drag and drop or keyboard.
 * @fires kt-client-open - A card's client name was activated (clicked, Enter): `clientId`.
 * @csspart toolbar - The pipeline chooser.
 * @csspart columns - The row of stage columns.
 * @csspart column - Each stage column; `column drop` while a card is dragged over it.
 * @csspart column-header - A column's name, count and conversion.
 * @csspart cards - The list of cards in a column.
 * @csspart card - Each client card.
 * @csspart open - The client name on a card, a button that opens the client.
 * @csspart move - The card's "Move to" select and button.
 * @csspart status - The live region announcing moves.
 * @csspart empty - The text when there is no pipeline, or a stage is empty.
 * @csspart error - An error message.
 * @cssproperty --kt-board-column-width - The least width of a column (16em).
 */
export class KtPipelineBoard extends KtElement {
  /** The shared tokens, then the board's own styles. */
  static override styles = [themeStyles, feedbackStyles, pipelineBoardStyles];

  /** The pipeline to show; the first one (by creation) when not set. */
  @property({ attribute: 'pipeline-id', reflect: true }) pipelineId = '';

  /** At most this many cards per column. */
  @property({ type: Number }) limit = 50;

  @state() private pipelines: Pipeline[] | undefined;
  @state() private columns: Column[] = [];
  @state() private stats: PipelineStats | undefined;
  @state() private chosen = '';
  @state() private error: Words | undefined;
  /** What the last move was, composed at render: a change of language reaches it. */
  @state() private announcement: (() => string) | undefined;
  @state() private dropStage: string | undefined;
  @state() private dragging: string | undefined;

  readonly #reads = new NewestRead();

  /** The pipeline on screen. */
  get #pipeline(): Pipeline | undefined {
    const id = this.chosen || this.pipelineId;
    return this.pipelines?.find((p) => p.id === id) ?? (id ? undefined : this.pipelines?.[0]);
  }

  protected override crmChanged(): void {
    void this.#load();
  }

  protected override crmEvent(event: CrmEvent): void {
    // A bulk change of a thousand clients is a thousand events: only those about cards shown reload.
    const shown = (clientId: string) => this.columns.some((column) => column.items.some((item) => item.client.id === clientId));
    if (event.type === 'pipelines.changed') void this.#load();
    else if (event.type === 'pipeline.stage_changed' && event.pipelineId === this.#pipeline?.id) void this.#load();
    else if ((event.type === 'client.updated' || event.type === 'client.deleted') && shown(event.client.id)) void this.#load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('pipelineId') || changed.has('limit')) && this.hasUpdated) {
      if (changed.has('pipelineId')) this.chosen = '';
      void this.#load();
    }
  }

  /** Reads the pipelines, then the shown one's columns and figures; only the newest read lands. */
  async #load(): Promise<void> {
    const crm = this.activeCrm;
    if (!crm) return;
    await this.#reads.run(async () => {
      const pipelines = await crm.pipelines.list();
      const id = this.chosen || this.pipelineId;
      const pipeline = pipelines.find((p) => p.id === id) ?? (id ? undefined : pipelines[0]);
      let columns: Column[] = [];
      let stats: PipelineStats | undefined;
      if (pipeline) {
        [columns, stats] = await Promise.all([
          Promise.all(
            pipeline.stages.map(async (stage) => {
              const page = await crm.pipelines.clients(pipeline.id, stage.id, { limit: this.limit });
              return { stage, items: page.items, more: page.cursor !== undefined };
            }),
          ),
          crm.pipelines.stats(pipeline.id),
        ]);
      }
      return { pipelines, columns, stats, missing: Boolean(id && !pipeline) };
    }, ({ pipelines, columns, stats, missing }) => {
      this.pipelines = pipelines;
      this.columns = columns;
      this.stats = stats;
      this.error = missing ? () => this.t.board.notFound : undefined;
    }, (error) => (this.error = this.failure(error)));
  }

  /** Moves a client to `stageId`; `refocus` puts the focus back on its card, on the control named (keyboard moves). */
  async #move(item: PipelineClient, stageId: string, refocus?: 'select' | 'open'): Promise<void> {
    const crm = this.activeCrm;
    const pipeline = this.#pipeline;
    if (!crm || !pipeline || item.placement.stageId === stageId) return;
    const stage = pipeline.stages.find((s) => s.id === stageId);
    try {
      await crm.pipelines.move(item.client.id, pipeline.id, stageId, { expectedVersion: item.placement.version });
      this.error = undefined;
      this.announcement = () => this.t.board.moved(item.client.name, stage?.name ?? stageId);
    } catch (error) {
      this.error = this.failure(error);
    }
    await this.#load();
    if (refocus) {
      await this.updateComplete;
      const target = this.renderRoot.querySelector<HTMLElement>(`li[data-client="${CSS.escape(item.client.id)}"] ${refocus === 'open' ? '.open' : 'select'}`);
      if (target) focusInView(target);
    }
  }

  /**
   * Keys on a card's client: arrows go to the card above, below or in the next column, Home and
   * End to a column's first and last; Alt with ← or → moves the client a stage back or on.
   */
  #cardKey(e: KeyboardEvent, item: PipelineClient): void {
    const stages = this.#pipeline?.stages ?? [];
    const step = e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0;
    if (e.altKey) {
      const target = stages[stages.findIndex((stage) => stage.id === item.placement.stageId) + step];
      if (!step || !target) return;
      e.preventDefault();
      void this.#move(item, target.id, 'open');
      return;
    }
    const grid = [...this.renderRoot.querySelectorAll('section')].map((column) => [...column.querySelectorAll<HTMLElement>('li .open')]);
    const at = grid.findIndex((cards) => cards.includes(e.currentTarget as HTMLElement));
    const row = grid[at]!.indexOf(e.currentTarget as HTMLElement);
    let next: HTMLElement | undefined;
    if (e.key === 'ArrowUp') next = grid[at]![row - 1];
    else if (e.key === 'ArrowDown') next = grid[at]![row + 1];
    else if (e.key === 'Home') next = grid[at]![0];
    else if (e.key === 'End') next = grid[at]!.at(-1);
    else if (step) {
      // The nearest column that way with a card in it, at the same height or its last.
      for (let column = at + step; column >= 0 && column < grid.length && !next; column += step) next = grid[column]![Math.min(row, grid[column]!.length - 1)];
    } else return;
    e.preventDefault();
    if (next) focusInView(next);
  }

  #open(clientId: string): void {
    this.emit(new KtClientOpenEvent(clientId));
  }

  #dragStart(e: DragEvent, item: PipelineClient): void {
    e.dataTransfer?.setData('text/plain', item.client.id);
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
    this.dragging = item.client.id;
  }

  #dragOver(e: DragEvent, stageId: string): void {
    if (!this.dragging) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
    this.dropStage = stageId;
  }

  #dragLeave(e: DragEvent, stageId: string): void {
    const to = e.relatedTarget as Node | null;
    if (this.dropStage === stageId && !(to && (e.currentTarget as Node).contains(to))) this.dropStage = undefined;
  }

  #drop(e: DragEvent, stageId: string): void {
    e.preventDefault();
    const clientId = this.dragging ?? e.dataTransfer?.getData('text/plain');
    this.dragging = this.dropStage = undefined;
    const item = this.columns.flatMap((c) => c.items).find((i) => i.client.id === clientId);
    if (item) void this.#move(item, stageId);
  }

  protected override render(): TemplateResult {
    const t = this.t.board;
    const pipelines = this.pipelines;
    const pipeline = this.#pipeline;
    return html`
      ${pipelines && pipelines.length > 1
        ? html`<div class="toolbar" part="toolbar">
            <label>${t.choose}
              <select @change=${(e: Event) => {
                this.chosen = (e.target as HTMLSelectElement).value;
                void this.#load();
              }}>
                ${pipelines.map((p) => html`<option value=${p.id} ?selected=${p.id === pipeline?.id}>${p.name}</option>`)}
              </select>
            </label>
          </div>`
        : nothing}
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error()}</p>` : nothing}
      ${pipelines?.length === 0 ? html`<p class="empty" part="empty">${t.empty}</p>` : nothing}
      ${pipeline
        ? html`<p class="help" id="help">${t.help}</p>
            <div class="columns" part="columns" role="group" aria-label=${`${t.label}: ${pipeline.name}`}>
              ${this.columns.map((column) => this.#column(column))}
            </div>`
        : nothing}
      <div class="visually-hidden" part="status" role="status" aria-live="polite">${this.announcement?.()}</div>
    `;
  }

  #column({ stage, items, more }: Column): TemplateResult {
    const t = this.t.board;
    const figures = this.stats?.stages.find((s) => s.stageId === stage.id);
    const count = figures?.count ?? items.length;
    const headingId = `stage-${stage.id}`;
    const drop = this.dropStage === stage.id;
    return html`<section
      class=${drop ? 'drop' : ''}
      part=${drop ? 'column drop' : 'column'}
      aria-labelledby=${headingId}
      ${cssProperties({ '--_stage-color': stage.color })}
      @dragover=${(e: DragEvent) => this.#dragOver(e, stage.id)}
      @dragleave=${(e: DragEvent) => this.#dragLeave(e, stage.id)}
      @drop=${(e: DragEvent) => this.#drop(e, stage.id)}
    >
      <header part="column-header">
        <h3 id=${headingId}>${stage.name}</h3>
        <p class="figures">
          ${this.plural(t.clients, count)}${figures?.conversion != null ? html` · ${t.conversion(this.percent(figures.conversion))}` : nothing}
        </p>
      </header>
      ${items.length
        ? html`<ul part="cards" aria-labelledby=${headingId}>
            ${repeat(items, (item) => item.client.id, (item) => this.#card(item))}
          </ul>`
        : html`<p class="empty" part="empty">${t.emptyStage}</p>`}
      ${more ? html`<p class="more">${t.more}</p>` : nothing}
    </section>`;
  }

  #card(item: PipelineClient): TemplateResult {
    const t = this.t.board;
    const stages = this.#pipeline?.stages ?? [];
    const selectId = `move-${item.client.id}`;
    return html`<li
      part="card"
      class=${this.dragging === item.client.id ? 'dragging' : ''}
      data-client=${item.client.id}
      draggable="true"
      @dragstart=${(e: DragEvent) => this.#dragStart(e, item)}
      @dragend=${() => (this.dragging = this.dropStage = undefined)}
    >
      <button
        type="button"
        class="open"
        part="open"
        aria-describedby="help"
        @click=${() => this.#open(item.client.id)}
        @keydown=${(e: KeyboardEvent) => this.#cardKey(e, item)}
      >${item.client.name}</button>
      <div class="move" part="move">
        <select id=${selectId} aria-label=${t.moveTo(item.client.name)}>
          ${stages.map((s) => html`<option value=${s.id} ?selected=${s.id === item.placement.stageId}>${s.name}</option>`)}
        </select>
        <button
          type="button"
          @click=${() => {
            const select = this.renderRoot.querySelector<HTMLSelectElement>(`#${CSS.escape(selectId)}`);
            if (select) void this.#move(item, select.value, 'select');
          }}
        >${t.move}</button>
      </div>
    </li>`;
  }
}

/**
 * Focuses a card and brings it into the board's view: on a phone the columns scroll sideways,
 * and the focus alone left a card moved a column on out of sight.
 */
function focusInView(card: HTMLElement): void {
  card.focus({ preventScroll: true });
  card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

declare global {
  interface HTMLElementTagNameMap {
    'kt-pipeline-board': KtPipelineBoard;
  }
}
