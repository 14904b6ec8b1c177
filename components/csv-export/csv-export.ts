import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { clientCsvExportFields, parseCsv, type ClientCsvExportField, type ClientCsvExportOptions } from '../../src/index.ts';
import { KtElement } from '../base/kt-element.ts';
import { csvType, downloadBlob } from '../base/download.ts';
import { cssProperties } from '../base/css-properties.ts';
import { errorText } from '../base/error-text.ts';
import { focusLost } from '../base/lost-focus.ts';
import { themeStyles } from '../base/theme.styles.ts';
import { feedbackStyles } from '../base/toast.ts';
import { KtExportCompleteEvent } from '../events/export-complete-event.ts';
import { csvExportStyles } from './csv-export.styles.ts';
import { exportFileName, nextDay } from './file-name.ts';
import { CatalogController } from '../base/catalog.ts';
import type { Words } from '../base/words.ts';

type Field = (typeof clientCsvExportFields)[number];

const defaultFields: Field[] = ['number', 'name', 'email', 'taxId'];

/** Languages whose Excel takes `;` between cells (`,` is their decimal mark). */
const semicolonLanguages = new Set(['cs', 'pl', 'sl']);

/**
 * Exports clients to a CSV file (K12): the columns (in the order ticked), which clients (last
 * order between two dates, statuses, stars), a row per e-mail address for a mailing list or a row
 * per client, and the format — `;` and a byte-order mark are what Excel opens as is in Czech,
 * Polish and Slovenian, so `;` is the default in those languages. Export downloads
 * `clients-YYYY-MM-DD.csv` and says how many rows it holds; with no matching client nothing is
 * downloaded.
 *
 * A plain panel: a host that wants it in a dialog puts it in its own `<dialog>` (and may close
 * that on `kt-export-complete`).
 *
 * @tagname kt-csv-export
 * @summary CSV export of clients: columns, filters, format.
 * @fires kt-export-complete - The export finished; `detail` is `{ rows, csv, fileName }` (`KtExportCompleteEvent`).
 * @csspart title - The heading.
 * @csspart fields - The columns to export.
 * @csspart filters - Which clients to export.
 * @csspart format - E-mail rows, delimiter and byte-order mark.
 * @csspart export-button - The Export button.
 * @csspart result - How many rows were exported, or why none.
 */
export class KtCsvExport extends KtElement {
  /** The shared tokens, then the export's own styles. */
  static override styles = [themeStyles, feedbackStyles, csvExportStyles];

  @state() private fields: Field[] = [...defaultFields];
  @state() private from = '';
  @state() private to = '';
  @state() private statusIds: string[] = [];
  @state() private starIds: string[] = [];
  @state() private emails: 'rows' | 'joined' = 'rows';
  /** Chosen by the user; until then, by language. */
  @state() private chosenDelimiter: ',' | ';' | undefined;
  @state() private bom = true;
  @state() private exporting = false;
  @state() private result: { text: Words; error?: boolean } | undefined;

  readonly #catalog = new CatalogController(this, () => this.activeCrm);
  #url: string | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#revoke();
  }

  #revoke(): void {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#url = undefined;
  }

  get #delimiter(): ',' | ';' {
    return this.chosenDelimiter ?? (semicolonLanguages.has(this.language.toLowerCase().split('-')[0]!) ? ';' : ',');
  }

  get #badRange(): boolean {
    return this.from !== '' && this.to !== '' && this.to < this.from;
  }

  #toggle<T>(list: T[], value: T, on: boolean): T[] {
    return on ? (list.includes(value) ? list : [...list, value]) : list.filter((each) => each !== value);
  }

  async #export(): Promise<void> {
    const crm = this.activeCrm;
    if (!crm || this.exporting || !this.fields.length || this.#badRange) return;
    const delimiter = this.#delimiter;
    const options: ClientCsvExportOptions = {
      fields: [...this.fields] as ClientCsvExportField[],
      emails: this.emails,
      delimiter,
      bom: this.bom,
      // Headed as the fields are labelled here, in the user's language; the import dialog reads these headers back.
      headers: Object.fromEntries(this.fields.map((field) => [field, this.t.csvFields[field]])),
      ...(this.from ? { lastOrderFrom: this.from } : {}),
      ...(this.to ? { lastOrderTo: nextDay(this.to) } : {}),
      ...(this.statusIds.length ? { statusIds: this.statusIds } : {}),
      ...(this.starIds.length ? { stars: this.starIds } : {}),
    };
    this.exporting = true;
    this.result = undefined;
    try {
      const csv = await crm.clients.exportCsv(options);
      const rows = parseCsv(csv, { delimiter }).length - 1;
      let fileName = '';
      if (rows > 0) {
        fileName = exportFileName();
        this.#revoke();
        this.#url = downloadBlob(this.renderRoot as ShadowRoot, new Blob([csv], { type: csvType }), fileName);
        this.result = { text: () => this.plural(this.t.csvExport.exported, rows) };
      } else {
        this.result = { text: () => this.t.csvExport.empty };
      }
      this.emit(new KtExportCompleteEvent({ rows, csv, fileName }));
    } catch (error) {
      this.result = { text: () => this.t.csvExport.exportFailed(errorText(error, this.language)), error: true };
    } finally {
      this.exporting = false;
    }
    // Disabled while it exported, the button dropped the focus: it gets it back, enabled again.
    await this.updateComplete;
    if (focusLost(this)) this.renderRoot.querySelector<HTMLElement>('[part="export-button"]')?.focus();
  }

  protected override render(): TemplateResult {
    const t = this.t.csvExport;
    const labels = this.t.csvFields;
    const blocked = !this.fields.length || this.#badRange;
    return html`
      <h2 part="title">${t.title}</h2>
      <fieldset part="fields">
        <legend>${t.fields}</legend>
        <div class="choices">
          ${clientCsvExportFields.map(
            (field) =>
              html`<label
                ><input
                  type="checkbox"
                  value=${field}
                  .checked=${this.fields.includes(field)}
                  @change=${(e: Event) => (this.fields = this.#toggle(this.fields, field, (e.target as HTMLInputElement).checked))}
                />
                ${labels[field]}</label
              >`,
          )}
        </div>
        <p class="hint" id="fields-order">${this.fields.length ? t.order(this.fields.map((field) => labels[field]).join(', ')) : nothing}</p>
        ${this.fields.length ? nothing : html`<p class="error" id="no-fields">${t.noFields}</p>`}
      </fieldset>
      <fieldset part="filters">
        <legend>${t.filters}</legend>
        <div class="line">
          <label
            >${t.lastOrderFrom}
            <input type="date" name="lastOrderFrom" .value=${this.from} @change=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)}
          /></label>
          <label
            >${t.lastOrderTo}
            <input
              type="date"
              name="lastOrderTo"
              .value=${this.to}
              aria-invalid=${this.#badRange ? 'true' : 'false'}
              aria-describedby=${this.#badRange ? 'bad-range' : nothing}
              @change=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)}
          /></label>
        </div>
        ${this.#badRange ? html`<p class="error" id="bad-range">${t.badRange}</p>` : nothing}
        ${this.#catalog.statuses.length ? this.#renderChoices(t.statuses, 'statusIds', this.#catalog.statuses.map((s) => ({ id: s.id, label: `${s.group} › ${s.name}`, color: s.color }))) : nothing}
        ${this.#catalog.starKinds.length ? this.#renderChoices(t.stars, 'starIds', this.#catalog.starKinds.map((s) => ({ id: s.id, label: s.name, color: s.color }))) : nothing}
      </fieldset>
      <fieldset part="format">
        <legend>${t.format}</legend>
        <fieldset class="stack">
          <legend>${t.emails}</legend>
          ${(['rows', 'joined'] as const).map(
            (mode) =>
              html`<label
                ><input type="radio" name="emails" value=${mode} .checked=${this.emails === mode} @change=${() => (this.emails = mode)} />
                ${mode === 'rows' ? t.emailRows : t.emailJoined}</label
              >`,
          )}
        </fieldset>
        <fieldset class="stack">
          <legend>${t.delimiter}</legend>
          ${([',', ';'] as const).map(
            (delimiter) =>
              html`<label
                ><input type="radio" name="delimiter" value=${delimiter} .checked=${this.#delimiter === delimiter} @change=${() => (this.chosenDelimiter = delimiter)} />
                ${delimiter === ',' ? t.comma : t.semicolon}</label
              >`,
          )}
        </fieldset>
        <div class="stack bom">
          <label><input type="checkbox" name="bom" .checked=${this.bom} @change=${(e: Event) => (this.bom = (e.target as HTMLInputElement).checked)} /> ${t.bom}</label>
        </div>
      </fieldset>
      <div class="line">
        <button
          type="button"
          class="primary"
          part="export-button"
          ?disabled=${blocked || this.exporting || !this.activeCrm}
          aria-describedby=${!this.fields.length ? 'no-fields' : this.#badRange ? 'bad-range' : nothing}
          @click=${this.#export}
        >
          ${this.exporting ? t.exporting : t.export}
        </button>
      </div>
      <div role=${this.result?.error ? 'alert' : 'status'} part="result">
        ${this.result ? html`<p class=${this.result.error ? 'result error' : 'result'}>${this.result.text()}</p>` : nothing}
      </div>
    `;
  }

  #renderChoices(legend: string, key: 'statusIds' | 'starIds', entries: { id: string; label: string; color: string | undefined }[]): TemplateResult {
    const chosen = this[key];
    return html`<fieldset>
      <legend>${legend}</legend>
      <div class="choices">
        ${entries.map(
          (entry) =>
            html`<label
              ><input type="checkbox" value=${entry.id} .checked=${chosen.includes(entry.id)} @change=${(e: Event) => (this[key] = this.#toggle(this[key], entry.id, (e.target as HTMLInputElement).checked))} />
              <span class="dot" ${cssProperties({ '--_dot': entry.color })}></span> ${entry.label}</label
            >`,
        )}
      </div>
      <p class="hint">${this.t.csvExport.anyHint}</p>
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kt-csv-export': KtCsvExport;
  }
}
