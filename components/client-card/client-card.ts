import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { property, state } from 'lit/decorators.js';
import { formatTaxId, isCrmError, type Activity, type Address, type Client, type ClientPatch, type CrmError, type ClientAnalytics, type Crm, type CrmEvent, type Order, type Pipeline, type Placement, type RuleChange, type StarKind, type Status } from '../../src/index.ts';
import { KtElement } from '../base/kt-element.ts';
import { themeStyles } from '../base/theme.styles.ts';
import { feedbackStyles } from '../base/toast.ts';
import { clientCardStyles } from './client-card.styles.ts';
import { lastTwelveMonths } from '../base/last-twelve-months.ts';
import { allOrdersOf } from '../base/client-orders.ts';
import { errorText } from '../base/error-text.ts';
import { fieldOfPath, issueText } from '../base/issue-text.ts';
import { displayName } from '../base/locale.ts';
import { EDITABLE, contactsText, patchFromForm } from './client-patch.ts';
import { lookupLinks } from './lookup-links.ts';
import { describeChange } from '../rule-editor/describe.ts';
import { isCatalogEvent } from '../base/catalog.ts';
import { NewestRead } from '../base/newest-read.ts';
import type { Words } from '../base/words.ts';
import { confirmedChoice } from '../base/confirmed-choice.ts';
import { cssProperties } from '../base/css-properties.ts';

type Editable = (typeof EDITABLE)[number];
const RECENT_MS = 92 * 86_400_000;
/** How many records an entry stands for: an import links a client's orders in one entry. */
const countOf = (activity: Activity) => (typeof activity.data?.['count'] === 'number' ? activity.data['count'] : 1);

const USER_ACTIVITIES = ['call', 'meeting', 'email', 'letter'] as const;

/**
 * One client on one page (B3, B7, B17, C4, K7, K11): the info, edited in place with the SDK's
 * messages at each field and someone else's save shown as a conflict; billing and delivery
 * addresses side by side; the order history (older than 3 months on demand); figures with a
 * 12-month chart; notes; the timeline with manual entries and undo.
 *
 * @tagname kt-client-card
 * @summary A client's card.
 * @csspart header - Name, number and look-up links.
 * @csspart info - The info section (a form while editing).
 * @csspart field-error - A validation message under a field.
 * @csspart conflict - The banner when someone else saved first.
 * @csspart addresses - Billing and delivery addresses.
 * @csspart figures - The figures and the monthly chart.
 * @csspart orders - The order history.
 * @csspart timeline - The activity timeline.
 */
export class KtClientCard extends KtElement {
  /** The shared tokens, then the card's own styles. */
  static override styles = [themeStyles, feedbackStyles, clientCardStyles];

  /** The client to show. */
  @property({ attribute: 'client-id', reflect: true }) clientId = '';

  @state() private client: Client | undefined | null;
  @state() private statuses: Status[] = [];
  @state() private starKinds: StarKind[] = [];
  @state() private orders: Order[] = [];
  @state() private figures: ClientAnalytics | undefined;
  @state() private pipelines: Pipeline[] = [];
  @state() private placements: Placement[] = [];
  @state() private showOlder = false;
  @state() private activities: Activity[] = [];
  @state() private editing = false;
  /** Each field's message, composed at render: a change of language reaches it. */
  @state() private fieldErrors = new Map<string, () => string>();
  @state() private conflict: { patch: ClientPatch; current: Client } | undefined;
  @state() private message: Words | undefined;
  readonly #reads = new NewestRead();
  #loadScheduled = false;
  /** A `focus()` waiting for the client to show. */
  #focusWish: FocusOptions | undefined;
  /** The timeline entry just undone: the keyboard goes to it once the reload its events start shows it undone. */
  #undoneEntry: string | undefined;

  /**
   * Moves the focus to the client's name, once the client shows if it is still loading: a host
   * that opens the card at the user's request calls it, so the next Tab continues in the card.
   */
  override focus(options: FocusOptions = {}): void {
    this.#focusWish = options;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#undoneEntry !== undefined) {
      const entry = this.renderRoot.querySelector<HTMLElement>(`li.undone[data-id="${CSS.escape(this.#undoneEntry)}"] .what`);
      if (entry) {
        this.#undoneEntry = undefined;
        entry.focus();
      }
    }
    if (!this.#focusWish) return;
    const target = this.client === null ? this.renderRoot.querySelector<HTMLElement>('.empty') : this.client?.id === this.clientId ? this.renderRoot.querySelector<HTMLElement>('#title') : null;
    if (!target) return;
    target.focus(this.#focusWish);
    this.#focusWish = undefined;
  }

  protected override crmChanged(): void {
    void this.#load();
  }

  protected override crmEvent(event: CrmEvent): void {
    const id = this.clientId;
    const mine =
      ('client' in event && event.client.id === id) ||
      ('clientId' in event && event.clientId === id) ||
      ('order' in event && (event.order.clientId === id || ('previous' in event && event.previous.clientId === id))) ||
      ('activity' in event && event.activity.clientId === id) ||
      event.type === 'pipelines.changed' ||
      isCatalogEvent(event);
    if (!mine || this.#loadScheduled) return;
    // One change brings several events (the client, its activity, its orders): read once after them.
    this.#loadScheduled = true;
    setTimeout(() => {
      this.#loadScheduled = false;
      // While editing, the form keeps what the user typed; a save then reports the conflict.
      void this.#load(!this.editing);
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('clientId') && this.hasUpdated) {
      this.editing = false;
      this.showOlder = false;
      // Messages about the previous client do not carry over to this one, nor does a focus owed to its timeline.
      this.message = this.conflict = this.#undoneEntry = undefined;
      this.fieldErrors = new Map();
      void this.#load();
    }
  }

  /** Reads what the card shows; `withClient` false leaves the client alone (the user is editing it). Only the newest read lands. */
  async #load(withClient = true): Promise<void> {
    const crm = this.activeCrm;
    const id = this.clientId;
    if (!crm || !id) return;
    await this.#reads.run(
      () => Promise.all([
        withClient ? crm.clients.get(id) : undefined,
        crm.statuses.list(),
        crm.stars.list(),
        allOrdersOf(crm, id),
        crm.activities.list(id, { limit: 50 }),
        crm.analytics.client(id),
        crm.pipelines.list(),
        crm.pipelines.placements(id),
      ]),
      ([client, statuses, starKinds, orders, activities, figures, pipelines, placements]) => {
        Object.assign(this, { statuses, starKinds, orders, activities: activities.items, figures, pipelines, placements });
        if (client) this.client = client;
      },
      (error) => {
        // An id that is not a client id (`validation`) names no client either.
        if (isCrmError(error) && (error.code === 'not_found' || error.code === 'forbidden' || error.code === 'validation')) this.client = null;
        else this.message = this.failure(error);
      },
    );
  }

  // ——— editing ———

  async #save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const client = this.client;
    if (!client) return;
    const form = e.target as HTMLFormElement;
    // A number the browser could not read reaches the form as empty: say so rather than clear the field.
    const unreadable = [...form.querySelectorAll<HTMLInputElement>('input[type="number"]')].filter((input) => input.validity.badInput);
    if (unreadable.length) this.fieldErrors = new Map(unreadable.map((input) => [input.name, () => this.t.card.badNumber]));
    else await this.#update(patchFromForm(new FormData(form), client), client.version);
    // Refused: to the first field to fix, its message read with it, rather than staying on Save.
    await this.updateComplete;
    if (this.editing) form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  async #update(patch: ClientPatch, version: number): Promise<void> {
    if (Object.keys(patch).length === 0) {
      await this.#stopEditing();
      return;
    }
    if (await this.#store(patch, version)) await this.#stopEditing();
  }

  /** Saves `patch` over `version`; a refusal shows, as a conflict or at the fields. True when saved. */
  async #store(patch: ClientPatch, version: number): Promise<boolean> {
    const crm = this.activeCrm;
    if (!crm || !this.client) return false;
    try {
      const saved = await crm.clients.update(this.client.id, patch, { expectedVersion: version });
      // Reads started before the save (its own event starts one) must not put the old client back.
      this.#reads.drop();
      this.client = saved;
      void this.#load(false);
      this.conflict = undefined;
      this.message = () => this.t.card.saved;
      return true;
    } catch (error) {
      if (!isCrmError(error)) throw error;
      this.#showError(error, patch);
      return false;
    }
  }

  #showError(error: CrmError, patch: ClientPatch): void {
    if (error.code === 'conflict' && error.current) {
      this.conflict = { patch, current: error.current as Client };
      return;
    }
    const errors = new Map<string, () => string>();
    // The SDK's messages are English: each says its kind, worded here in the user's language.
    for (const issue of error.fields) errors.set(String(issue.path[0] ?? ''), () => issueText(fieldOfPath(issue.path), issue, this.language));
    this.fieldErrors = errors;
    this.message = errors.size ? undefined : () => error.message;
  }

  #reloadTheirs(): void {
    this.client = this.conflict?.current;
    this.conflict = undefined;
    this.editing = false;
  }

  #overwrite(): Promise<void> {
    const { patch, current } = this.conflict!;
    this.client = current;
    return this.#update(patch, current.version);
  }

  /** Escape leaves the form unsaved, as Cancel does. */
  #onFormKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    void this.#stopEditing();
  }

  async #startEditing(): Promise<void> {
    this.editing = true;
    this.message = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#f-name')?.focus();
  }

  /** Leaves the form; focus goes back to the Edit button, where the user started. */
  async #stopEditing(): Promise<void> {
    this.editing = false;
    this.fieldErrors = new Map();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('button.edit')?.focus();
  }

  // ——— orders and timeline ———

  async #unlink(order: Order): Promise<void> {
    try {
      await this.activeCrm?.orders.unlink(order.id, { expectedVersion: order.version });
    } catch (error) {
      this.message = this.failure(error);
    }
  }

  async #logActivity(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const subject = String(data.get('subject') ?? '').trim();
    const text = String(data.get('text') ?? '').trim();
    try {
      await this.activeCrm?.activities.add(this.clientId, {
        type: data.get('type') as (typeof USER_ACTIVITIES)[number],
        ...(subject ? { subject } : {}),
        ...(text ? { text } : {}),
      });
      form.reset();
    } catch (error) {
      this.message = this.failure(error);
    }
  }

  /** The button goes once pressed: the keyboard goes to the orders' heading, the table all of them now, never to `<body>`. */
  async #showOlderOrders(): Promise<void> {
    this.showOlder = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#orders-title')?.focus();
  }

  /**
   * Undoes a timeline entry. Its Undo goes, and the undo writes an entry of its own above it:
   * the keyboard goes to the entry undone, never to `<body>` nor to the new entry's Undo, where
   * a second Enter would do the change again.
   */
  async #undo(activity: Activity): Promise<void> {
    try {
      await this.activeCrm?.activities.undo(activity.id);
      this.message = () => this.t.card.undoneNotice;
      this.#undoneEntry = activity.id;
    } catch (error) {
      // A refused undo: what it would restore changed since.
      const name = isCrmError(error) && error.code === 'conflict' ? this.client?.name : undefined;
      this.message = () => (name === undefined ? errorText(error, this.language) : this.t.card.cannotUndo(name));
    }
  }

  // ——— rendering ———

  protected override render(): TemplateResult {
    const { t } = this;
    if (this.client === null) return html`<p class="empty" role="alert" tabindex="-1">${t.card.notFound}</p>`;
    const client = this.client;
    // A load that failed says why, rather than loading for ever.
    if (!client) return this.message ? html`<p class="message" role="alert">${this.message()}</p>` : html`<p class="empty" aria-busy="true">${t.card.loading}</p>`;
    return html`
      <article aria-labelledby="title">
        <header part="header">
          <h2 id="title" tabindex="-1">${client.name}</h2>
          <span class="number">${t.clientLabel(this.number(client.number))}${client.taxId ? ` · ${formatTaxId(client.taxId)}` : ''}</span>
          <a href=${lookupLinks.web(client.name)} target="_blank" rel="noopener noreferrer">${t.card.lookup.web}</a>
        </header>
        ${this.message ? html`<p class="message" role="status">${this.message()}</p>` : nothing} ${this.#renderConflict()}
        <div class="columns">
          <div class="main">
            ${this.editing ? this.#renderForm(client) : this.#renderInfo(client)} ${this.#renderAddresses(client)} ${this.#renderOrders()}
          </div>
          <div class="side">
            ${this.#renderFigures()}
            <section class="panel" part="tasks"><kt-task-list client-id=${client.id} .crm=${this.activeCrm}></kt-task-list></section>
            ${this.#renderPipelines(client)}
            <section class="panel"><kt-notes client-id=${client.id} .crm=${this.activeCrm}></kt-notes></section>
            ${this.#renderTimeline()}
          </div>
        </div>
      </article>
    `;
  }

  #renderConflict(): TemplateResult | typeof nothing {
    if (!this.conflict) return nothing;
    const { t } = this;
    return html`<div class="conflict" part="conflict" role="alert">
      <span>${t.card.conflict}</span>
      <button type="button" @click=${this.#reloadTheirs}>${t.card.reload}</button>
      <button type="button" @click=${this.#overwrite}>${t.card.overwrite}</button>
    </div>`;
  }

  #renderInfo(client: Client): TemplateResult {
    const { t } = this;
    const f = t.card.fields;
    const rows: [string, unknown][] = [
      [f.accountCode, client.accountCode],
      [f.emails, client.emails.length ? client.emails.map((email) => html`<span class="item">${email} <a href=${lookupLinks.mailbox(email)} target="_blank" rel="noopener noreferrer">${t.card.lookup.mailbox}</a></span>`) : undefined],
      [f.phones, client.phones.join(', ')],
      [f.contacts, client.contacts.length ? client.contacts.map((c) => html`<span class="item">${[c.name, c.role, c.email, c.phone].filter(Boolean).join(' · ')}</span>`) : undefined],
      [f.note, client.note],
      [f.status, this.#statusSelect(client)],
      [f.stars, this.#starToggles(client)],
      [f.lifecycle, t.lifecycle[client.lifecycle]],
      [f.temperature, client.temperature && t.temperature[client.temperature]],
      [f.discountPercent, client.discountPercent !== undefined ? `${this.number(client.discountPercent)} %` : undefined],
      [f.discountClass, client.discountClass],
      [f.currency, client.currency],
      // `sk` as "slovenština" in Czech; a tag Intl cannot read as it is.
      [f.language, client.language && (displayName(client.language, 'language', this.language) ?? client.language)],
      [f.owner, client.owner],
      [f.externalLinks, client.externalLinks.map((link) => `${link.integration}: ${link.accountId}`).join(', ')],
      [f.nextOrderReminder, client.nextOrderReminder],
    ];
    return html`<section class="panel" part="info" aria-labelledby="info-title">
      <div class="section-head">
        <h3 id="info-title">${t.card.info}</h3>
        <button type="button" class="edit" @click=${this.#startEditing}>${t.card.edit}</button>
      </div>
      <dl>
        ${rows.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value === undefined || value === '' ? t.card.none : value}</dd></div>`)}
      </dl>
    </section>`;
  }

  /** Status, set right here: staff change it many times a day, without opening the whole form. */
  #statusSelect(client: Client): TemplateResult {
    const f = this.t.card.fields;
    return html`<select
      class="quick"
      aria-label=${f.status}
      ${confirmedChoice((statusId) => void this.#quickUpdate({ statusId: statusId || null }))}
    >
      <option value="" .selected=${!client.statusId}>${this.t.card.none}</option>
      ${this.statuses.map((status) => html`<option value=${status.id} .selected=${status.id === client.statusId}>${status.group} › ${status.name}</option>`)}
    </select>`;
  }

  /** Stars, each a toggle button: pressed when the client has it. */
  #starToggles(client: Client): TemplateResult {
    return html`<span class="stars" role="group" aria-label=${this.t.card.fields.stars}>
      ${this.starKinds.map((star) => {
        const has = client.stars.includes(star.id);
        const stars = has ? client.stars.filter((id) => id !== star.id) : [...client.stars, star.id];
        return html`<button type="button" class="star" aria-pressed=${has ? 'true' : 'false'} @click=${() => void this.#quickUpdate({ stars })}>
          <span class="glyph" aria-hidden="true" ${cssProperties({ color: star.color })}>${has ? '★' : '☆'}</span> ${star.name}
        </button>`;
      })}
    </span>`;
  }

  /** A change made outside the form: saved at once against the version shown; the focus stays where it is. */
  async #quickUpdate(patch: ClientPatch): Promise<void> {
    if (this.client) await this.#store(patch, this.client.version);
  }

  #renderForm(client: Client): TemplateResult {
    const { t } = this;
    const f = t.card.fields;
    const field = (name: Editable, label: string, control: TemplateResult, hint?: string) => {
      const error = this.fieldErrors.get(name)?.();
      return html`<div class="field">
        <label for=${`f-${name}`}>${label}${hint ? html` <small>(${hint})</small>` : nothing}</label>
        ${control}
        ${error ? html`<p class="field-error" part="field-error" id=${`e-${name}`}>${error}</p>` : nothing}
      </div>`;
    };
    const aria = (name: Editable) => ({ invalid: this.fieldErrors.has(name) ? 'true' : 'false', describedby: this.fieldErrors.has(name) ? `e-${name}` : '' });
    const input = (name: Editable, value: string | number | undefined, type = 'text') =>
      html`<input id=${`f-${name}`} name=${name} type=${type} step=${type === 'number' ? 'any' : nothing} .value=${value === undefined ? '' : String(value)} aria-invalid=${aria(name).invalid} aria-describedby=${aria(name).describedby || nothing} />`;
    const area = (name: Editable, value: string) =>
      html`<textarea id=${`f-${name}`} name=${name} .value=${value} aria-invalid=${aria(name).invalid} aria-describedby=${aria(name).describedby || nothing}></textarea>`;
    const select = (name: Editable, value: string | undefined, options: [string, string][], empty: boolean) =>
      html`<select id=${`f-${name}`} name=${name} aria-invalid=${aria(name).invalid} aria-describedby=${aria(name).describedby || nothing}>
        ${empty ? html`<option value="" ?selected=${!value}>${t.card.none}</option>` : nothing}
        ${options.map(([id, label]) => html`<option value=${id} ?selected=${value === id}>${label}</option>`)}
      </select>`;
    return html`<section class="panel" part="info" aria-labelledby="info-title">
      <h3 id="info-title">${t.card.info}</h3>
      <form class="edit" @submit=${this.#save} @keydown=${this.#onFormKeydown} novalidate>
        ${field('name', f.name, input('name', client.name))} ${field('accountCode', f.accountCode, input('accountCode', client.accountCode))}
        ${field('emails', f.emails, area('emails', client.emails.join('\n')), t.card.onePerLine)}
        ${field('phones', f.phones, area('phones', client.phones.join('\n')), t.card.onePerLine)}
        ${field('contacts', f.contacts, area('contacts', contactsText(client.contacts)), t.card.contactsHint)} ${field('note', f.note, area('note', client.note ?? ''))}
        ${field('statusId', f.status, select('statusId', client.statusId, this.statuses.map((s) => [s.id, `${s.group} › ${s.name}`]), true))}
        <fieldset class="field">
          <legend>${f.stars}</legend>
          ${this.starKinds.map((star) => html`<label class="check"><input type="checkbox" name="stars" value=${star.id} ?checked=${client.stars.includes(star.id)} /> ${star.name}</label>`)}
        </fieldset>
        ${field('lifecycle', f.lifecycle, select('lifecycle', client.lifecycle, Object.entries(t.lifecycle), false))}
        ${field('temperature', f.temperature, select('temperature', client.temperature, Object.entries(t.temperature), true))}
        ${field('discountPercent', f.discountPercent, input('discountPercent', client.discountPercent, 'number'))}
        ${field('discountClass', f.discountClass, input('discountClass', client.discountClass, 'number'))}
        ${field('currency', f.currency, input('currency', client.currency))} ${field('language', f.language, input('language', client.language))}
        ${field('owner', f.owner, input('owner', client.owner))} ${field('nextOrderReminder', f.nextOrderReminder, area('nextOrderReminder', client.nextOrderReminder ?? ''))}
        <div class="buttons">
          <button type="submit" class="primary">${t.card.save}</button>
          <button type="button" @click=${() => this.#stopEditing()}>${t.card.cancel}</button>
        </div>
      </form>
    </section>`;
  }

  #renderAddresses(client: Client): TemplateResult {
    const { t } = this;
    const address = (value: Address) => html`<address>
      ${value.label ? html`<strong>${value.label}</strong><br />` : nothing}${[value.street, [value.postalCode, value.city].filter(Boolean).join(' '), value.region, value.country]
        .filter(Boolean)
        .map((line) => html`${line}<br />`)}
      <a href=${lookupLinks.map(value)} target="_blank" rel="noopener noreferrer">${t.card.lookup.map}</a>
    </address>`;
    return html`<section class="panel" part="addresses" aria-labelledby="addresses-title">
      <h3 id="addresses-title">${t.card.addresses}</h3>
      <div class="addresses">
        <div>
          <h4>${t.card.billingAddress}</h4>
          ${client.billingAddress ? address(client.billingAddress) : html`<p class="empty">${t.card.noAddress}</p>`}
        </div>
        <div>
          <h4>${t.card.deliveryAddresses}</h4>
          ${client.deliveryAddresses.length ? client.deliveryAddresses.map(address) : html`<p class="empty">${t.card.noAddress}</p>`}
        </div>
      </div>
    </section>`;
  }

  #renderOrders(): TemplateResult {
    const { t } = this;
    const c = t.card.orderColumns;
    const since = new Date(Date.now() - RECENT_MS).toISOString();
    const shown = this.showOlder ? this.orders : this.orders.filter((order) => order.createdAt >= since);
    const older = this.orders.length - shown.length;
    return html`<section class="panel" part="orders" aria-labelledby="orders-title">
      <h3 id="orders-title" tabindex="-1">${t.card.orders}</h3>
      ${shown.length
        ? html`<div class="table-wrap"><table>
            <thead>
              <tr>
                <th scope="col">${c.number}</th><th scope="col">${c.date}</th><th scope="col">${c.channel}</th><th scope="col">${c.status}</th>
                <th scope="col">${c.payment}</th><th scope="col" class="money">${c.value}</th><th scope="col">${c.documents}</th><th scope="col"><span class="visually-hidden">${t.card.unlink}</span></th>
              </tr>
            </thead>
            <tbody>
              ${shown.map(
                (order) => html`<tr>
                  <td>${order.number ?? order.id}</td>
                  <td>${this.date(order.createdAt)}</td>
                  <td class="wrap">${order.channel ? (t.order.channels[order.channel] ?? order.channel) : ''}</td>
                  <td class="wrap">${order.status ? (t.order.statuses[order.status] ?? order.status) : ''}</td>
                  <td class=${order.paymentState === 'unpaid' || order.paymentState === 'partially_paid' ? 'wrap unpaid' : 'wrap'}>${order.paymentState ? t.card.payment[order.paymentState] : ''}</td>
                  <td class="money">${this.money(order.total, order.currency)}</td>
                  <td class="wrap">${(order.documents ?? []).map((doc) => html`<span class="item">${t.card.documents[doc.kind]} ${doc.number}</span>`)}</td>
                  <td><button type="button" aria-label=${`${t.card.unlink} ${order.number ?? order.id}`} @click=${() => this.#unlink(order)}>${t.card.unlink}</button></td>
                </tr>`,
              )}
            </tbody>
          </table></div>`
        : html`<p class="empty">${t.card.noOrders}</p>`}
      ${older > 0 ? html`<button type="button" @click=${this.#showOlderOrders}>${t.card.olderOrders} (${this.number(older)})</button>` : nothing}
    </section>`;
  }

  #renderFigures(): TemplateResult | typeof nothing {
    const { t, figures } = this;
    if (!figures) return nothing;
    const g = t.card.figure;
    const perMonth = lastTwelveMonths(figures, new Date());
    const max = Math.max(1, ...perMonth.map((m) => m.orders));
    const summary = perMonth.map((m) => `${m.month}: ${m.orders}`).join(', ');
    const days = (value: number | undefined) => (value === undefined ? t.card.none : this.number(Math.round(value)));
    return html`<section class="panel" part="figures" aria-labelledby="figures-title">
      <h3 id="figures-title">${t.card.figures}</h3>
      <dl class="figures">
        <div><dt>${g.count}</dt><dd>${this.number(figures.orderCount)}</dd></div>
        ${figures.currencies.map(
          (m) => html`<div><dt>${g.total} ${m.currency}</dt><dd>${this.money(m.total, m.currency)}</dd></div>
            <div><dt>${g.average} ${m.currency}</dt><dd>${this.money(m.average, m.currency)}</dd></div>`,
        )}
        <div><dt>${g.first}</dt><dd>${figures.firstOrderAt ? this.date(figures.firstOrderAt) : t.card.none}</dd></div>
        <div><dt>${g.last}</dt><dd>${figures.lastOrderAt ? this.date(figures.lastOrderAt) : t.card.none}</dd></div>
        <div><dt>${g.meanDays}</dt><dd>${days(figures.meanDaysBetweenOrders)}</dd></div>
        <div><dt>${g.medianDays}</dt><dd>${days(figures.medianDaysBetweenOrders)}</dd></div>
        <div>
          <dt>${g.nextOrder}</dt>
          <dd>${figures.expectedNextOrderAt ? this.date(figures.expectedNextOrderAt) : t.card.none}
            ${figures.overdue ? html`<span class="badge overdue" part="overdue">${g.overdue}</span>` : nothing}</dd>
        </div>
        ${figures.orderCount ? html`<div><dt>${g.segment}</dt><dd>${t.card.segments[figures.rfm.segment]}</dd></div>` : nothing}
      </dl>
      <p class="chart-title">${g.perMonth}</p>
      <svg class="chart" viewBox="0 0 240 60" role="img" aria-label=${`${g.perMonth}: ${summary}`}>
        ${perMonth.map((m, i) => {
          const height = (m.orders / max) * 52;
          return svg`<rect x=${i * 20 + 3} y=${56 - height} width="14" height=${Math.max(height, 0.5)} rx="2"><title>${m.month}: ${m.orders}</title></rect>`;
        })}
        <line x1="0" y1="56.5" x2="240" y2="56.5"></line>
      </svg>
    </section>`;
  }

  #renderPipelines(client: Client): TemplateResult | typeof nothing {
    const { t, pipelines, placements } = this;
    if (!pipelines.length) return nothing;
    const placed = new Map(placements.map((p) => [p.pipelineId, p]));
    const others = pipelines.filter((p) => !placed.has(p.id));
    return html`<section class="panel" part="pipelines" aria-labelledby="pipelines-title">
      <h3 id="pipelines-title">${t.card.pipelines}</h3>
      ${placements.length ? nothing : html`<p class="empty">${t.card.noPipelines}</p>`}
      ${pipelines.filter((p) => placed.has(p.id)).map((pipeline) => {
        const placement = placed.get(pipeline.id)!;
        return html`<div class="pipeline" part="pipeline">
          <label for=${`stage-${pipeline.id}`}>${t.card.stageIn(pipeline.name)}</label>
          <select id=${`stage-${pipeline.id}`} ${confirmedChoice((stageId) => void this.#move(placement, stageId))}>
            ${pipeline.stages.map((stage) => html`<option value=${stage.id} .selected=${live(stage.id === placement.stageId)}>${stage.name}</option>`)}
          </select>
          <button type="button" @click=${() => this.#leave(placement)}>${t.card.leavePipeline(pipeline.name)}</button>
        </div>`;
      })}
      ${others.length
        ? html`<form class="pipeline" @submit=${(e: SubmitEvent) => this.#addToPipeline(e, client.id)}>
            <label for="add-pipeline">${t.card.addToPipeline}</label>
            <select id="add-pipeline" name="pipeline">${others.map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select>
            <button type="submit">${t.card.add}</button>
          </form>`
        : nothing}
    </section>`;
  }

  /** Runs a pipeline change; a refused one (someone moved the client meanwhile) says why and shows the place as it is. */
  async #pipelineChange(change: (crm: Crm) => Promise<unknown>): Promise<void> {
    const crm = this.activeCrm;
    if (!crm) return;
    try {
      await change(crm);
    } catch (error) {
      this.message = this.failure(error);
      await this.#load(false);
    }
  }

  #move(placement: Placement, stageId: string): Promise<void> {
    return this.#pipelineChange((crm) => crm.pipelines.move(placement.clientId, placement.pipelineId, stageId, { expectedVersion: placement.version }));
  }

  #leave(placement: Placement): Promise<void> {
    return this.#pipelineChange((crm) => crm.pipelines.remove(placement.clientId, placement.pipelineId, { expectedVersion: placement.version }));
  }

  #addToPipeline(e: SubmitEvent, clientId: string): void {
    e.preventDefault();
    const pipelineId = new FormData(e.target as HTMLFormElement).get('pipeline') as string;
    const first = this.pipelines.find((p) => p.id === pipelineId)?.stages[0];
    if (first) void this.#pipelineChange((crm) => crm.pipelines.place(clientId, pipelineId, first.id));
  }

  /** What an entry changed, in words: "Status: Lead → VIP"; nothing for one that changed no field. */
  #changesOf(activity: Activity): string | undefined {
    const data = activity.data ?? {};
    const names = { t: this.t.ruleEditor, all: this.t, statuses: this.statuses, stars: this.starKinds };
    switch (activity.type) {
      case 'rule_applied':
        return ((data['changes'] ?? []) as RuleChange[]).map((change) => describeChange(change, names)).join(' · ');
      case 'status_changed':
      case 'stars_changed':
        return describeChange({ field: activity.type === 'status_changed' ? 'statusId' : 'stars', from: data['from'], to: data['to'] }, names);
      case 'stage_changed': {
        const stages = this.pipelines.find((pipeline) => pipeline.id === data['pipelineId'])?.stages ?? [];
        // Not in the pipeline (entering or leaving it); else the stage's name now, or as the entry kept it.
        const stage = (id: unknown, kept: unknown) =>
          id === null ? this.t.ruleEditor.none : (stages.find((each) => each.id === id)?.name ?? (kept as string | undefined) ?? this.t.ruleEditor.gone);
        return `${stage(data['from'], data['fromName'])} → ${stage(data['to'], data['toName'])}`;
      }
      default:
        return undefined;
    }
  }

  #renderTimeline(): TemplateResult {
    const { t } = this;
    return html`<section class="panel" part="timeline" aria-labelledby="timeline-title">
      <h3 id="timeline-title">${t.card.timeline}</h3>
      <form class="log" @submit=${this.#logActivity}>
        <label class="visually-hidden" for="activity-type">${t.card.addActivity}</label>
        <select id="activity-type" name="type">
          ${USER_ACTIVITIES.map((type) => html`<option value=${type}>${t.card.activityTypes[type]}</option>`)}
        </select>
        <label class="visually-hidden" for="activity-subject">${t.card.subject}</label>
        <input id="activity-subject" name="subject" placeholder=${t.card.subject} />
        <button type="submit">${t.card.addActivity}</button>
      </form>
      ${this.activities.length === 0 ? html`<p class="empty">${t.card.noActivity}</p>` : nothing}
      <ol class="timeline">
        ${repeat(
          this.activities,
          (activity) => activity.id,
          (activity) => html`<li class=${activity.undoneAt ? 'undone' : ''} data-id=${activity.id}>
            <time class="when" datetime=${activity.at}>${this.dateTime(activity.at)}</time>
            <span class="what" tabindex="-1">${t.card.activityTypes[activity.type]}${countOf(activity) > 1 ? ` (${this.number(countOf(activity))})` : ''}${activity.subject ? `: ${activity.subject}` : ''}${activity.undoneAt ? ` (${t.card.undone})` : ''}</span>
            ${activity.undoable && !activity.undoneAt ? html`<button type="button" @click=${() => this.#undo(activity)}>${t.card.undo}</button>` : nothing}
            ${detail(this.#changesOf(activity))}
          </li>`,
        )}
      </ol>
    </section>`;
  }
}

const detail = (text: string | undefined) => (text ? html`<span class="detail">${text}</span>` : nothing);

declare global {
  interface HTMLElementTagNameMap {
    'kt-client-card': KtClientCard;
  }
}
