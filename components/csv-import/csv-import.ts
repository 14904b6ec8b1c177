import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  clientCsvImportFields,
  detectDelimiter,
  isCrmError,
  type ClientCsvImportError,
  type ClientCsvImportField,
  type ClientCsvImportProgress,
  type ClientCsvImportReport,
  type FieldIssue,
} from '../../src/index.ts';
import { KtElement } from '../base/kt-element.ts';
import { csvType } from '../base/download.ts';
import { errorText } from '../base/error-text.ts';
import { themeStyles } from '../base/theme.styles.ts';
import { feedbackStyles } from '../base/toast.ts';
import { KtImportCompleteEvent } from '../events/import-complete-event.ts';
import { csvImportStyles } from './csv-import.styles.ts';
import { errorsCsv } from './errors-file.ts';
import { issueText } from '../base/issue-text.ts';
import { guessMapping } from './guess-field.ts';
import { previewCsv, type CsvPreview } from './preview.ts';
import { readCsvFile } from './read-file.ts';
import { NewestRead } from '../base/newest-read.ts';
import { focusLost } from '../base/lost-focus.ts';
import type { Words } from '../base/words.ts';
import { withHeaderRow } from './unique-headers.ts';

type Mapped = ClientCsvImportField | '';

const delimiters = [',', ';', '\t'] as const;

/**
 * Imports clients from a CSV file (K12): pick or drop a file, check the detected delimiter and
 * the first rows, say which client field each column fills (guessed from English, Czech, Polish
 * and Slovenian headers such as "Název", "IČO", "E-mail", "PSČ"), import with a progress bar,
 * then read what was created, updated, left unchanged and rejected — each rejected row by its
 * line in the file, with its errors also offered as a CSV to download.
 *
 * A plain panel: a host that wants it in a dialog puts it in its own `<dialog>` (and may close
 * that on `kt-import-complete`). Rows whose tax ID is a client's update that client; others
 * create clients (see `crm.clients.importCsv`).
 *
 * @tagname kt-csv-import
 * @summary CSV import of clients: column mapping, progress, per-row errors.
 * @fires kt-import-complete - The import finished; `detail` is the SDK's report (`KtImportCompleteEvent`).
 * @csspart title - The heading.
 * @csspart drop-zone - The file picker, also a drop target.
 * @csspart file - The chosen file's name and the delimiter.
 * @csspart preview - The first rows of the file.
 * @csspart mapping - The table of columns and the fields they fill.
 * @csspart mapping-error - A column's mapping problem.
 * @csspart import-button - The Import button.
 * @csspart progress - The progress bar and its text.
 * @csspart summary - The counts after an import.
 * @csspart errors - The table of rejected rows.
 * @csspart download-errors - The link to the rejected rows as CSV.
 * @csspart error - A failure of the whole import or of reading the file.
 * @cssproperty --kt-csv-drop-height - The drop zone's minimum height.
 */
export class KtCsvImport extends KtElement {
  /** The shared tokens, then the import's own styles. */
  static override styles = [themeStyles, feedbackStyles, csvImportStyles];

  /** Rows per transaction (500 by default); smaller gives a finer progress bar on big files. */
  @property({ type: Number, attribute: 'chunk-size' }) chunkSize?: number;

  @state() private file: { name: string; text: string } | undefined;
  @state() private reading = false;
  @state() private delimiter = ',';
  @state() private preview: CsvPreview = { headers: [], renamed: false, rows: [] };
  @state() private mapping: Mapped[] = [];
  @state() private importing = false;
  @state() private progress: ClientCsvImportProgress | undefined;
  @state() private report: ClientCsvImportReport | undefined;
  /** The SDK's mapping problems by column index, worded at render: a change of language rewords them. */
  @state() private columnErrors = new Map<number, FieldIssue>();
  @state() private error: Words | undefined;
  @state() private dragging = false;
  /** The rejected rows as a file, in the language it was made in. */
  #errorsFile: { language: string; url: string } | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#revoke();
  }

  #revoke(): void {
    if (this.#errorsFile) URL.revokeObjectURL(this.#errorsFile.url);
    this.#errorsFile = undefined;
  }

  /** The rejected rows as a CSV file in the user's language: made again after a change of language. */
  #errorsUrl(errors: readonly ClientCsvImportError[]): string {
    if (this.#errorsFile?.language !== this.language) {
      this.#revoke();
      const t = this.t.csvImport;
      const text = errorsCsv(errors, { line: t.line, column: t.column, problem: t.problem }, (error) => this.#problem(error), this.delimiter === '\t' ? ';' : this.delimiter);
      this.#errorsFile = { language: this.language, url: URL.createObjectURL(new Blob([text], { type: csvType })) };
    }
    return this.#errorsFile.url;
  }

  readonly #files = new NewestRead();

  async #open(file: File | undefined): Promise<void> {
    if (!file) return;
    this.#reset();
    this.reading = true;
    // A file chosen while an earlier one is still being read wins.
    await this.#files.run(
      () => readCsvFile(file),
      (text) => {
        this.reading = false;
        if (text.replace(/^\uFEFF/, '').trim() === '') {
          this.error = () => this.t.csvImport.empty;
          return;
        }
        this.file = { name: file.name, text };
        this.#parse(detectDelimiter(text));
      },
      (error) => {
        this.reading = false;
        this.error = () => this.t.csvImport.unreadable(errorText(error, this.language));
      },
    );
  }

  #parse(delimiter: string): void {
    if (!this.file) return;
    this.delimiter = delimiter;
    const previous = this.preview.headers;
    this.preview = previewCsv(this.file.text, delimiter);
    // The columns changed with the delimiter: guess again; the same columns keep what the user chose.
    if (previous.join('\n') !== this.preview.headers.join('\n')) this.mapping = guessMapping(this.preview.headers);
    this.columnErrors = new Map();
  }

  #reset(): void {
    this.#revoke();
    this.file = undefined;
    this.preview = { headers: [], renamed: false, rows: [] };
    this.mapping = [];
    this.progress = undefined;
    this.report = undefined;
    this.columnErrors = new Map();
    this.error = undefined;
  }

  #setField(index: number, field: Mapped): void {
    this.mapping = this.mapping.map((each, i) => (i === index ? field : each));
    const errors = new Map(this.columnErrors);
    errors.delete(index);
    this.columnErrors = errors;
  }

  /** `{ [header]: field }` for the SDK: the columns not skipped (a column without a header cannot be named). */
  #sdkMapping(): Record<string, ClientCsvImportField> {
    const mapping: Record<string, ClientCsvImportField> = {};
    this.preview.headers.forEach((header, i) => {
      const field = this.mapping[i];
      if (field && header) mapping[header] = field;
    });
    return mapping;
  }

  get #hasKey(): boolean {
    const fields = Object.values(this.#sdkMapping());
    return fields.includes('name') || fields.includes('taxId');
  }

  async #import(): Promise<void> {
    const crm = this.activeCrm;
    const file = this.file;
    if (!crm || !file || this.importing) return;
    this.importing = true;
    this.progress = undefined;
    this.error = undefined;
    this.columnErrors = new Map();
    try {
      const text = this.preview.renamed ? withHeaderRow(file.text, this.preview.headers, this.delimiter) : file.text;
      const report = await crm.clients.importCsv(text, {
        mapping: this.#sdkMapping(),
        delimiter: this.delimiter as (typeof delimiters)[number],
        ...(this.chunkSize ? { chunkSize: this.chunkSize } : {}),
        onProgress: (progress) => (this.progress = progress),
      });
      this.report = report;
      this.emit(new KtImportCompleteEvent(report));
    } catch (error) {
      this.#showFailure(error);
    } finally {
      this.importing = false;
    }
    // The Import button gives way to the report (or comes back enabled): focus goes to what shows now.
    await this.updateComplete;
    if (focusLost(this)) this.renderRoot.querySelector<HTMLElement>('#done-title, [part="import-button"]')?.focus();
  }

  /** Back to choosing a file: the report and its button go, the file picker comes. */
  async #again(): Promise<void> {
    this.#reset();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input[type="file"]')?.focus();
  }

  /** A rejected row's problem in the user's language: the SDK's message is English. */
  #problem(error: ClientCsvImportError): string {
    if (error.code === 'unknown' && error.name !== undefined) return error.field === 'stars' ? this.t.csvImport.unknownStar(error.name) : this.t.csvImport.unknownStatus(error.name);
    return issueText(error.field ?? '', error, this.language);
  }

  /** A column's mapping problem in the user's language: the SDK's message is English. */
  #mappingProblem(issue: FieldIssue, index: number): string {
    const t = this.t.csvImport;
    const field = this.mapping[index];
    // The SDK names the column that fills the field first: the first other column mapped to it.
    const other = this.preview.headers.find((header, i) => i !== index && this.mapping[i] === field);
    if (issue.code === 'field_taken' && field && other !== undefined) return t.fieldTaken(other);
    return issue.message;
  }

  /** A mapping problem goes to its column's row; anything else above the button. */
  #showFailure(error: unknown): void {
    if (!isCrmError(error) || error.code !== 'validation') {
      this.error = () => this.t.csvImport.importFailed(errorText(error, this.language));
      return;
    }
    const columns = new Map<number, FieldIssue>();
    const general: string[] = [];
    for (const issue of error.fields) {
      const header = issue.path[0] === 'mapping' ? issue.path[1] : undefined;
      const indexes = typeof header === 'string' ? this.preview.headers.flatMap((h, i) => (h === header.trim() ? [i] : [])) : [];
      if (indexes.length) indexes.forEach((i) => columns.set(i, issue));
      else general.push(issue.message);
    }
    this.columnErrors = columns;
    if (general.length || !columns.size) this.error = () => this.t.csvImport.importFailed(general.join(' ') || errorText(error, this.language));
  }

  #onDrop(e: DragEvent): void {
    e.preventDefault();
    this.dragging = false;
    if (this.importing) return;
    void this.#open(e.dataTransfer?.files[0]);
  }

  #onDragOver(e: DragEvent): void {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  protected override render(): TemplateResult {
    const t = this.t.csvImport;
    const done = this.report !== undefined;
    return html`
      <h2 part="title">${t.title}</h2>
      ${done || this.importing ? nothing : this.#renderPicker()}
      ${this.reading ? html`<p class="muted" role="status">${t.reading}</p>` : nothing}
      ${this.file ? this.#renderFile(done) : nothing}
      <div role="alert">${this.error ? html`<p class="error" part="error">${this.error()}</p>` : nothing}</div>
      ${this.importing ? this.#renderProgress() : nothing} ${done ? this.#renderReport(this.report!) : nothing}
    `;
  }

  #renderPicker(): TemplateResult {
    const t = this.t.csvImport;
    return html`<label
      class=${this.dragging ? 'drop-zone dragging' : 'drop-zone'}
      part="drop-zone"
      @dragenter=${this.#onDragOver}
      @dragover=${this.#onDragOver}
      @dragleave=${() => (this.dragging = false)}
      @drop=${this.#onDrop}
    >
      <span>${t.drop}</span> <span class="choose">${t.choose}</span>
      <input
        class="visually-hidden"
        type="file"
        accept=".csv,text/csv"
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          void this.#open(input.files?.[0]);
          input.value = '';
        }}
      />
    </label>`;
  }

  #renderFile(done: boolean): TemplateResult {
    const t = this.t.csvImport;
    const labels: Record<string, string> = { ',': t.comma, ';': t.semicolon, '\t': t.tab };
    return html`<div class="line" part="file">
        <span>${t.file(this.file!.name)}</span>
        <label
          >${t.delimiter}
          <select ?disabled=${this.importing || done} @change=${(e: Event) => this.#parse((e.target as HTMLSelectElement).value)}>
            ${delimiters.map((d) => html`<option value=${d} ?selected=${d === this.delimiter}>${labels[d]}</option>`)}
          </select></label
        >
      </div>
      ${done ? nothing : html`${this.#renderPreview()} ${this.#renderMapping()}`}`;
  }

  #renderPreview(): TemplateResult {
    const t = this.t.csvImport;
    const { headers, rows } = this.preview;
    return html`<div class="scroll" part="preview" role="region" aria-labelledby="preview-caption" tabindex="0">
      <table class="preview">
        <caption id="preview-caption">${t.preview}</caption>
        <thead>
          <tr>
            ${headers.map((header) => html`<th scope="col">${header || t.noHeader}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => html`<tr>${headers.map((_, i) => html`<td title=${row[i] ?? ''}>${row[i] ?? ''}</td>`)}</tr>`)}
        </tbody>
      </table>
    </div>`;
  }

  #renderMapping(): TemplateResult {
    const t = this.t.csvImport;
    const fields = this.t.csvFields;
    const { headers, rows } = this.preview;
    const hasKey = this.#hasKey;
    return html`<div class="scroll">
        <table class="mapping" part="mapping">
          <caption>${t.mapping}</caption>
          <thead>
            <tr>
              <th scope="col">${t.column}</th>
              <th scope="col">${t.example}</th>
              <th scope="col">${t.field}</th>
            </tr>
          </thead>
          <tbody>
            ${headers.map((header, i) => {
              const example = rows.map((row) => row[i]?.trim() ?? '').find(Boolean) ?? '';
              const issue = this.columnErrors.get(i);
              const problem = issue && this.#mappingProblem(issue, i);
              const custom = header && header.length <= 100 && header !== '__proto__' ? (`customFields.${header}` as const) : undefined;
              const value = this.mapping[i] ?? '';
              return html`<tr>
                <th scope="row">${header || html`<span class="muted">${t.noHeader}</span>`}</th>
                <td class="example">${example}</td>
                <td>
                  <select
                    aria-label=${header ? `${t.field}: ${header}` : t.noHeader}
                    aria-invalid=${problem ? 'true' : 'false'}
                    aria-describedby=${problem ? `mapping-error-${i}` : nothing}
                    ?disabled=${!header || this.importing}
                    @change=${(e: Event) => this.#setField(i, (e.target as HTMLSelectElement).value as Mapped)}
                  >
                    <option value="" ?selected=${value === ''}>${t.skip}</option>
                    ${clientCsvImportFields.map((field) => html`<option value=${field} ?selected=${value === field}>${fields[field]}</option>`)}
                    ${custom ? html`<option value=${custom} ?selected=${value === custom}>${fields.custom(header)}</option>` : nothing}
                  </select>
                  ${problem ? html`<div class="error" part="mapping-error" id=${`mapping-error-${i}`}>${problem}</div>` : nothing}
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <div class="line">
        <button
          type="button"
          class="primary"
          part="import-button"
          ?disabled=${!hasKey || this.importing || !this.activeCrm}
          aria-describedby=${hasKey ? nothing : 'key-hint'}
          @click=${this.#import}
        >
          ${t.import}
        </button>
        ${hasKey ? nothing : html`<span class="hint" id="key-hint">${t.needKey}</span>`}
      </div>`;
  }

  #renderProgress(): TemplateResult {
    const t = this.t.csvImport;
    const progress = this.progress;
    return html`<div part="progress">
      <label
        >${t.importing}
        ${progress ? html`<progress max=${Math.max(progress.total, 1)} .value=${progress.processed}></progress>` : html`<progress></progress>`}
      </label>
      <p class="muted" role="status">${progress ? t.progress(this.number(progress.processed), this.number(progress.total)) : ''}</p>
    </div>`;
  }

  #renderReport(report: ClientCsvImportReport): TemplateResult {
    const t = this.t.csvImport;
    const figures = [
      ['created', t.created, report.created],
      ['updated', t.updated, report.updated],
      ['unchanged', t.unchanged, report.unchanged],
      ['failed', t.failed, report.failed],
    ] as const;
    const base = this.file?.name.replace(/\.[^.]*$/, '') || 'import';
    return html`<section part="summary" aria-labelledby="done-title">
        <h3 id="done-title" tabindex="-1">${t.done}</h3>
        <div role="status">
          <dl class="figures">
            ${figures.map(([key, label, count]) => html`<div class=${key === 'failed' && count > 0 ? key : ''} data-figure=${key}><dt>${label}</dt><dd>${this.number(count)}</dd></div>`)}
          </dl>
        </div>
      </section>
      ${report.errors.length
        ? html`<div class="scroll" role="region" aria-labelledby="errors-caption" tabindex="0">
              <table part="errors">
                <caption id="errors-caption">${t.errors}</caption>
                <thead>
                  <tr>
                    <th scope="col">${t.line}</th>
                    <th scope="col">${t.column}</th>
                    <th scope="col">${t.problem}</th>
                  </tr>
                </thead>
                <tbody>
                  ${report.errors.map((error) => html`<tr><td>${error.line}</td><td>${error.column ?? ''}</td><td>${this.#problem(error)}</td></tr>`)}
                </tbody>
              </table>
            </div>
            <p><a part="download-errors" href=${this.#errorsUrl(report.errors)} download=${`${base}-errors.csv`}>${t.downloadErrors}</a></p>`
        : html`<p>${t.noErrors}</p>`}
      <div class="line"><button type="button" @click=${this.#again}>${t.again}</button></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kt-csv-import': KtCsvImport;
  }
}
