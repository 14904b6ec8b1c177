import { css, html, nothing, type TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import { foldText, isCrmError, taxIdCountries, type Crm, type CrmEvent, type Settings, type StarKind, type Status } from '../../src/index.ts';
import { KtElement } from '../base/kt-element.ts';
import { fieldOfPath } from '../base/issue-text.ts';
import { themeStyles } from '../base/theme.styles.ts';
import { feedbackStyles } from '../base/toast.ts';
import { CatalogController } from '../base/catalog.ts';
import { panelHeadingStyles } from '../base/panel-headings.styles.ts';
import { displayName } from '../base/locale.ts';
import { focusLost } from '../base/lost-focus.ts';
import type { Words } from '../base/words.ts';
import { confirmedChoice } from '../base/confirmed-choice.ts';

type Catalog = 'statuses' | 'stars';
type Entry = Status | StarKind;
/** The fields of an entry and of the add form, in their order on screen. */
const FIELDS = ['color', 'name', 'group'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The CRM's settings (B8, B4): create clients from B2B orders automatically and the status they
 * get; the statuses (in groups) and star kinds: add, rename, regroup, recolour, reorder, delete
 * (asking what clients that use one get instead).
 *
 * @tagname kt-crm-settings
 * @summary Settings, statuses and star kinds.
 * @csspart section - Each of the three sections.
 * @csspart entry - A status or star kind row.
 * @csspart field-error - What is wrong with a field, below its row or add form.
 * @csspart dialog - The delete dialog.
 */
export class KtCrmSettings extends KtElement {
  /** The shared tokens, then the panel's own styles. */
  static override styles = [
    themeStyles,
    feedbackStyles,
    panelHeadingStyles,
    css`
      .line {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        align-items: center;
        margin-block-end: calc(var(--_space) / 2);
      }
      .hint,
      .message {
        color: var(--_muted);
        margin: 0 0 var(--_space);
      }
      .error {
        color: var(--_danger);
      }
      .field-error {
        flex-basis: 100%;
      }
      input[type='color'] {
        padding: 0;
        width: 2.4em;
        height: 2em;
      }
      ul {
        list-style: none;
        margin: 0 0 var(--_space);
        padding: 0;
      }
      li button {
        padding: 0 0.5em;
      }
    `,
  ];

  @state() private settings: Settings | undefined;
  @state() private message: { text: Words; error?: boolean } | undefined;
  /**
   * What is wrong with fields, shown next to them: keyed `scope-field`, the scope being an entry's
   * id or `new-statuses` / `new-stars` (the add forms); with `-error` the message's id.
   */
  @state() private errors: ReadonlyMap<string, Words> = new Map();
  /** The entry the delete dialog asks about, the × that opened it, and how many clients have it once counted. */
  @state() private deleting: { catalog: Catalog; entry: Entry; opener: HTMLButtonElement; inUse?: number } | undefined;

  @query('dialog') private dialog?: HTMLDialogElement;

  readonly #catalog = new CatalogController(this, () => this.activeCrm);

  protected override crmChanged(crm: Crm | undefined): void {
    this.settings = crm?.settings.get();
    this.errors = new Map();
  }

  protected override crmEvent(event: CrmEvent): void {
    if (event.type === 'settings.changed') this.settings = event.settings;
  }

  /** After a change made here: the catalog and settings as they now are, before the message shows. */
  async #load(): Promise<void> {
    await this.#catalog.load();
    this.settings = this.activeCrm?.settings.get();
  }

  /** Runs a change; a failure shows next to the field `fieldOf` names for it (see `errors`), else above the panel. */
  async #run(action: (crm: Crm) => Promise<unknown>, fieldOf?: (error: unknown) => string | undefined): Promise<boolean> {
    const crm = this.activeCrm;
    if (!crm) return false;
    try {
      await action(crm);
      this.message = { text: () => this.t.settings.saved };
      await this.#load();
      return true;
    } catch (error) {
      const text = this.failure(error);
      const key = fieldOf?.(error);
      if (key) this.#showError(key, text);
      else this.message = { text, error: true };
      return false;
    }
  }

  #showError(key: string, text: Words): void {
    this.errors = new Map(this.errors).set(key, text);
    this.message = undefined;
  }

  #clearErrors(keys: string[]): void {
    if (!keys.some((key) => this.errors.has(key))) return;
    const errors = new Map(this.errors);
    for (const key of keys) errors.delete(key);
    this.errors = errors;
  }

  /** The countries tax IDs are checked for, by name in the UI language; also `current`, when it is another. */
  #countries(current: string | undefined): { code: string; label: string }[] {
    const countries = taxIdCountries();
    if (current && !countries.some((country) => country.code === current)) countries.push({ code: current, name: current });
    // Greece's VAT prefix is EL; XI (Northern Ireland) is no region, so it is named here.
    const named = (code: string) => (code === 'XI' ? this.t.settings.northernIreland : displayName(code === 'EL' ? 'GR' : code, 'region', this.language));
    const label = ({ code, name }: { code: string; name: string }) => `${named(code) ?? name} (${code})`;
    return countries.map((country) => ({ code: country.code, label: label(country) })).sort((a, b) => a.label.localeCompare(b.label, this.language));
  }

  #service(crm: Crm, catalog: Catalog) {
    return catalog === 'statuses' ? crm.statuses : crm.stars;
  }

  /**
   * Whether another entry of the catalog has `name`, as the SDK and the CSV import compare names
   * (case and diacritics ignored, any group): said at once, in the catalog's words, without
   * asking the SDK, which refuses it too (`name_taken`).
   */
  #taken(catalog: Catalog, name: string, id?: string): boolean {
    const entries: Entry[] = catalog === 'statuses' ? this.#catalog.statuses : this.#catalog.starKinds;
    return entries.some((entry) => entry.id !== id && foldText(entry.name) === foldText(name));
  }

  /** Saves a field of an entry. A failure shows next to it, which keeps what was typed, to correct. */
  async #update(catalog: Catalog, entry: Entry, field: Field, value: string): Promise<void> {
    const key = `${entry.id}-${field}`;
    this.#clearErrors([key]);
    if (field === 'name' && this.#taken(catalog, value, entry.id)) this.#showError(key, () => this.t.settings.entry[catalog].taken);
    else await this.#run((crm) => this.#service(crm, catalog).update(entry.id, { [field]: value } as never, { expectedVersion: entry.version }), () => key);
  }

  /** A catalog's section as now rendered. */
  #section(catalog: Catalog): HTMLElement | null {
    return this.renderRoot.querySelector(`section[aria-labelledby="${catalog}-title"]`);
  }

  /** An entry's row as now rendered. */
  #row(id: string): HTMLElement | null {
    return this.renderRoot.querySelector(`li[data-id="${CSS.escape(id)}"]`);
  }

  /** Swaps an entry with its neighbour in `entries` (as shown), in one write; the focus moves with it, so a second press moves it on. */
  async #move(catalog: Catalog, entries: Entry[], index: number, by: -1 | 1, pressed: HTMLButtonElement): Promise<void> {
    const entry = entries[index]!;
    if (!entries[index + by]) return;
    const ids = entries.map(({ id }) => id);
    [ids[index], ids[index + by]] = [ids[index + by]!, ids[index]!];
    if (!(await this.#run((crm) => this.#service(crm, catalog).reorder(ids)))) return;
    await this.updateComplete;
    // Rows are rendered by position: the button pressed is now the neighbour's. Focus put elsewhere since stays.
    if (this.shadowRoot?.activeElement !== pressed && !focusLost(this)) return;
    const row = this.#row(entry.id);
    const [same, other] = [row?.querySelector<HTMLButtonElement>(by < 0 ? '.up' : '.down'), row?.querySelector<HTMLButtonElement>(by < 0 ? '.down' : '.up')];
    // At the top (or bottom) its arrow that way is disabled: the other one.
    (same?.disabled ? other : same)?.focus();
  }

  async #add(e: SubmitEvent, catalog: Catalog): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const keys = FIELDS.map((field) => `new-${catalog}-${field}`);
    // A field's problem shows next to it; another (storage, say) above the panel.
    const fieldOf = (error: unknown) => {
      const issue = isCrmError(error) ? error.fields[0] : undefined;
      const key = issue && `new-${catalog}-${fieldOfPath(issue.path)}`;
      return key && keys.includes(key) ? key : undefined;
    };
    this.#clearErrors(keys);
    if (this.#taken(catalog, data['name'] ?? '')) this.#showError(`new-${catalog}-name`, () => this.t.settings.entry[catalog].taken);
    else if (await this.#run((crm) => this.#service(crm, catalog).create(data as never), fieldOf)) return form.reset();
    // As the browser does for a field left empty: the focus goes to the one to correct.
    await this.updateComplete;
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  async #askDelete(catalog: Catalog, entry: Entry, opener: HTMLButtonElement): Promise<void> {
    this.deleting = { catalog, entry, opener };
    await this.updateComplete;
    if (!this.dialog) return;
    this.dialog.returnValue = '';
    this.dialog.showModal();
    // From an index, so cheap. A member counts only their own clients: said only when some, it is never "none" wrongly.
    const inUse = await this.activeCrm?.clients.count(catalog === 'statuses' ? { statusId: entry.id } : { star: entry.id }).catch(() => undefined);
    if (inUse && this.deleting?.entry === entry) this.deleting = { ...this.deleting, inUse };
  }

  /** The dialog closed: deletes when its Delete button closed it (the focus is back on the × by then). */
  async #closed(): Promise<void> {
    const deleting = this.deleting;
    const value = this.dialog?.querySelector('select')?.value ?? '';
    this.deleting = undefined;
    if (!deleting || this.dialog?.returnValue !== 'delete') return;
    const { catalog, entry, opener } = deleting;
    const section = this.#section(catalog);
    const rows = [...(section?.querySelectorAll<HTMLElement>('li[data-id]') ?? [])];
    const at = rows.findIndex((row) => row.dataset.id === entry.id);
    const next = (rows[at + 1] ?? rows[at - 1])?.dataset.id;
    if (!(await this.#run((crm) => this.#service(crm, catalog).delete(entry.id, { replacementId: value || null, expectedVersion: entry.version })))) return;
    await this.updateComplete;
    // The dialog gave the focus back to its ×, which rows rendered by position now give the next entry:
    // its name instead (the one shown after, else before, else the add form's), where Enter deletes nothing.
    if (this.shadowRoot?.activeElement !== opener && !focusLost(this)) return;
    ((next && this.#row(next)?.querySelector<HTMLInputElement>('input.name')) || section?.querySelector<HTMLInputElement>('form input[name="name"]'))?.focus();
  }

  protected override render(): TemplateResult {
    const t = this.t.settings;
    const settings = this.settings;
    // The SDK lets only admins change these: a member sees them, and why they cannot.
    const admin = this.isAdmin;
    return html`
      <h2 class="visually-hidden">${t.title}</h2>
      ${admin ? nothing : html`<p class="hint" part="admins-only" id="admins-only">${t.adminsOnly}</p>`}
      ${this.message ? html`<p class=${this.message.error ? 'message error' : 'message'} role=${this.message.error ? 'alert' : 'status'}>${this.message.text()}</p>` : nothing}
      <fieldset class="plain" ?disabled=${!admin} aria-describedby=${admin ? nothing : 'admins-only'}>
      <section class="panel" part="section" aria-labelledby="general">
        <h3 id="general">${t.title}</h3>
        <label class="line"
          ><input
            type="checkbox"
            .checked=${settings?.autoCreateClients ?? false}
            @change=${(e: Event) => this.#run((crm) => crm.settings.update({ autoCreateClients: (e.target as HTMLInputElement).checked }))}
          />
          ${t.autoCreate}</label
        >
        <p class="hint">${t.autoCreateHint}</p>
        <label class="line"
          >${t.defaultStatus}
          <!-- .selected, not ?selected: an option the user picked no longer follows its attribute. -->
          <select ${confirmedChoice((statusId) => this.#run((crm) => crm.settings.update({ defaultStatusId: statusId || null })))}>
            <option value="" .selected=${!settings?.defaultStatusId}>${this.t.card.none}</option>
            ${this.#catalog.statuses.map((status) => html`<option value=${status.id} .selected=${settings?.defaultStatusId === status.id}>${status.group} › ${status.name}</option>`)}
          </select>
        </label>
        <label class="line"
          >${t.defaultCountry}
          <select ${confirmedChoice((country) => this.#run((crm) => crm.settings.update({ defaultCountry: country || null })))}>
            <option value="" .selected=${!settings?.defaultCountry}>${t.noDefaultCountry}</option>
            ${this.#countries(settings?.defaultCountry).map(({ code, label }) => html`<option value=${code} .selected=${settings?.defaultCountry === code}>${label}</option>`)}
          </select>
        </label>
      </section>
      ${this.#renderCatalog('statuses', t.statuses, this.#catalog.statuses)} ${this.#renderCatalog('stars', t.stars, this.#catalog.starKinds)}
      </fieldset>
      ${this.#renderDialog()}
    `;
  }

  #renderCatalog(catalog: Catalog, title: string, entries: Entry[]): TemplateResult {
    const t = this.t.settings;
    // Statuses by group, the groups in the order their first status comes. ↑ and ↓ move a status among
    // its group's (its group field moves it to another), storing the order shown: a status added to an
    // earlier group, stored last, moves among its neighbours.
    const groups = new Map<string | undefined, Entry[]>();
    for (const entry of entries) {
      const group = catalog === 'statuses' ? (entry as Status).group : undefined;
      groups.set(group, [...(groups.get(group) ?? []), entry]);
    }
    const shown = [...groups.values()].flat();
    const id = `${catalog}-title`;
    const adding = this.#invalid(`new-${catalog}`);
    return html`<section class="panel" part="section" aria-labelledby=${id}>
      <h3 id=${id}>${title}</h3>
      ${[...groups].map(
        ([group, members]) => html`${group !== undefined ? html`<h4>${group}</h4>` : nothing}
          <ul>
            ${members.map((entry, position) => {
              const index = shown.indexOf(entry);
              const save = (field: Field) => (e: Event) => this.#update(catalog, entry, field, (e.target as HTMLInputElement).value);
              const aria = this.#invalid(entry.id);
              return html`<li class="line" part="entry" data-id=${entry.id}>
                <input aria-label=${t.color} type="color" .value=${entry.color ?? '#888888'} aria-invalid=${aria.color.invalid} aria-describedby=${aria.color.describedBy} @change=${save('color')} />
                <input class="name" aria-label=${t.name} .value=${entry.name} aria-invalid=${aria.name.invalid} aria-describedby=${aria.name.describedBy} @change=${save('name')} />
                ${catalog === 'statuses'
                  ? html`<input aria-label=${t.group} .value=${(entry as Status).group} aria-invalid=${aria.group.invalid} aria-describedby=${aria.group.describedBy} @change=${save('group')} />`
                  : nothing}
                <button type="button" class="up" aria-label=${t.moveUp(entry.name)} ?disabled=${position === 0} @click=${(e: Event) => this.#move(catalog, shown, index, -1, e.currentTarget as HTMLButtonElement)}>↑</button>
                <button type="button" class="down" aria-label=${t.moveDown(entry.name)} ?disabled=${position === members.length - 1} @click=${(e: Event) => this.#move(catalog, shown, index, 1, e.currentTarget as HTMLButtonElement)}>↓</button>
                <button type="button" aria-label=${t.delete(entry.name)} @click=${(e: Event) => this.#askDelete(catalog, entry, e.currentTarget as HTMLButtonElement)}>×</button>
                ${this.#fieldErrors(entry.id)}
              </li>`;
            })}
          </ul>`,
      )}
      <!-- A member adds nothing: no form to fill in vain. -->
      ${this.isAdmin
        ? html`<form class="line" @submit=${(e: SubmitEvent) => this.#add(e, catalog)}>
            <input aria-label=${t.color} type="color" name="color" value="#1f5fbf" aria-invalid=${adding.color.invalid} aria-describedby=${adding.color.describedBy} />
            <input aria-label=${t.name} name="name" aria-required="true" placeholder=${t.name} aria-invalid=${adding.name.invalid} aria-describedby=${adding.name.describedBy} />
            ${catalog === 'statuses' ? html`<input aria-label=${t.group} name="group" aria-required="true" placeholder=${t.group} aria-invalid=${adding.group.invalid} aria-describedby=${adding.group.describedBy} />` : nothing}
            <button type="submit">${t.add}</button>
            ${this.#fieldErrors(`new-${catalog}`)}
          </form>`
        : nothing}
    </section>`;
  }

  /** `aria-invalid` and `aria-describedby` of the fields of an entry or add form (`scope`; see `errors`). */
  #invalid(scope: string): Record<Field, { invalid: 'true' | 'false'; describedBy: string | typeof nothing }> {
    const of = (field: Field) => (this.errors.has(`${scope}-${field}`) ? { invalid: 'true', describedBy: `${scope}-${field}-error` } as const : { invalid: 'false', describedBy: nothing } as const);
    return { color: of('color'), name: of('name'), group: of('group') };
  }

  /** What is wrong with the fields of an entry or add form (`scope`), each on a line below them; read out as it comes, the focus being elsewhere by then. */
  #fieldErrors(scope: string): (TemplateResult | typeof nothing)[] {
    return FIELDS.map((field) => {
      const text = this.errors.get(`${scope}-${field}`);
      return text ? html`<span class="field-error" part="field-error" id=${`${scope}-${field}-error`} role="alert">${text()}</span>` : nothing;
    });
  }

  #renderDialog(): TemplateResult {
    const t = this.t.settings;
    const deleting = this.deleting;
    const others = deleting ? (deleting.catalog === 'statuses' ? this.#catalog.statuses : this.#catalog.starKinds).filter((entry) => entry.id !== deleting.entry.id) : [];
    // A question that quotes the name after a noun, so no language has to inflect it.
    const words = t.entry[deleting?.catalog ?? 'statuses'];
    return html`<dialog part="dialog" aria-labelledby="delete-question" @close=${this.#closed}>
      <p id="delete-question">${deleting ? words.deleteQuestion(deleting.entry.name) : ''}</p>
      ${deleting?.inUse ? html`<p>${this.plural(words.inUse, deleting.inUse)}</p>` : nothing}
      <label class="line"
        >${words.replaceWith}
        <select>
          <option value="">${t.nothing}</option>
          ${others.map((entry) => html`<option value=${entry.id}>${entry.name}</option>`)}
        </select>
      </label>
      <form method="dialog" class="line">
        <button value="cancel" autofocus>${t.cancel}</button>
        <button value="delete" class="danger">${t.confirm}</button>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kt-crm-settings': KtCrmSettings;
  }
}
