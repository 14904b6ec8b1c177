import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Activity, Client, Crm, CrmEvent, Note, Order } from '../../src/index.ts';
import { KtElement } from '../base/kt-element.ts';
import { clientLabel } from '../base/client-label.ts';
import { themeStyles } from '../base/theme.styles.ts';
import { feedbackStyles, type Toast } from '../base/toast.ts';
import { Toaster } from '../base/toaster.ts';
import { focusLost } from '../base/lost-focus.ts';
import { KtClientSelectEvent } from '../events/client-select-event.ts';
import { billingChanges, type BillingChange } from './billing-diff.ts';
import { clientPickerStyles } from './client-picker.styles.ts';
import { likelyClients } from './likely-clients.ts';
import type { Words } from '../base/words.ts';
import { recentEntries } from '../base/recent-entries.ts';

const SUGGESTIONS = 8;
const RECENT_ORDERS = 5;

/** What is shown beside the chosen client (K9, K11). */
interface ClientContext {
  orders: Order[];
  notes: Note[];
}

/**
 * The order-side client picker: type part of a tax ID or a company name and choose the client;
 * given an `order-id`, link the order to the client, create a client from the order's billing,
 * replace the order's billing with the client's, or unlink it. A form control: in a `<form>` its
 * value is the client id.
 *
 * @tagname kt-client-picker
 * @summary Chooses the client of an order (B9–B14, K2, K9, K11).
 * @fires kt-client-select - A client was chosen or the choice cleared: `client`, `clientId`.
 * @fires input - The value changed (native, as form controls fire it).
 * @fires change - The value changed (native).
 * @csspart input - The text field.
 * @csspart listbox - The suggestions.
 * @csspart option - One suggestion; `option active` for the highlighted one.
 * @csspart chosen - The chosen client.
 * @csspart actions - The order actions.
 * @csspart context - Recent orders, reminder and important notes of the chosen client.
 * @csspart dialog - The billing replacement dialog.
 * @csspart toast - The message after an action, with its undo.
 */
export class KtClientPicker extends KtElement {
  /** The shared tokens, then the picker's own styles. */
  static override styles = [themeStyles, feedbackStyles, clientPickerStyles];
  /** Takes part in forms like a native control. */
  static formAssociated = true;
  /** `picker.focus()` and a `<label for>` outside reach the text field. */
  static override shadowRootOptions = { ...KtElement.shadowRootOptions, delegatesFocus: true };

  /** The form field name. */
  @property({ reflect: true }) name = '';

  /** The chosen client's id (the form value); the `value` attribute is the default a form reset returns to. */
  @property({ attribute: false }) value = '';

  /** A form must have a client chosen. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Not usable and left out of the form. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The shop order this picker chooses the client of: shows the order actions (B9, B10, B12). */
  @property({ attribute: 'order-id', reflect: true }) orderId = '';

  /** Order statuses (as the shop names them) that count as not collected (K9). */
  @property({ attribute: false }) uncollectedStatuses: string[] = ['uncollected', 'not_collected', 'returned'];

  /** The visible label; defaults to "Client" in the page's language. */
  @property() label = '';

  /** How long a confirmation stays on screen, in milliseconds (0: until closed); errors stay until closed. */
  @property({ type: Number, attribute: 'toast-duration' }) toastDuration = 6000;

  @state() private text = '';
  @state() private suggestions: Client[] = [];
  @state() private open = false;
  @state() private activeIndex = -1;
  @state() private chosen: Client | undefined;
  @state() private order: Order | undefined;
  /** Clients an unlinked order's buyer may be. */
  @state() private likely: Client[] = [];
  @state() private context: ClientContext | undefined;
  @state() private changes: BillingChange[] | undefined;
  @state() private announcement: Words | undefined;
  @state() private busy = false;

  @query('input') private input?: HTMLInputElement;
  @query('dialog') private dialog?: HTMLDialogElement;

  readonly #toasts = new Toaster(this, { duration: () => this.toastDuration, refocus: () => this.#focusActions() });
  readonly #internals = this.attachInternals();
  #formDisabled = false;
  /** Which read of the order is the newest: a late answer for an earlier `order-id` is dropped. */
  #orderReads = 0;
  #defaultValue = '';
  #searchSequence = 0;

  /** The form this picker belongs to. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  get validity(): ValidityState {
    return this.#internals.validity;
  }

  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'value') {
      this.#defaultValue = value ?? '';
      if (!this.hasUpdated) this.value = this.#defaultValue;
    }
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'value'];
  }

  formResetCallback(): void {
    this.value = this.#defaultValue;
  }

  /** A disabled `<fieldset>` around it: kept apart from the element's own `disabled`, so enabling the fieldset enables it again. */
  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
    this.#validate();
  }

  get #inactive(): boolean {
    return this.disabled || this.#formDisabled;
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.value = state;
  }

  protected override crmChanged(): void {
    void this.#loadOrder();
    void this.#loadChosen();
    // The first search of a store builds its index (seconds at 100k clients): start it once the
    // picker has painted, not on the first keystroke.
    const crm = this.activeCrm;
    if (crm) setTimeout(() => void crm.prepareSearch().catch(() => undefined), 200);
  }

  protected override crmEvent(event: CrmEvent): void {
    if ('order' in event && event.order.id === this.orderId) void this.#loadOrder();
    if (this.chosen && (('client' in event && event.client.id === this.chosen.id) || ('order' in event && event.order.clientId === this.chosen.id) || ('note' in event && event.note.clientId === this.chosen.id))) {
      void this.#loadChosen();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('value')) {
      this.#internals.setFormValue(this.value || null, this.value);
      if (this.chosen?.id !== this.value && this.hasUpdated) void this.#loadChosen();
    }
    if (changed.has('orderId') && this.hasUpdated) {
      // Another order: its own client shows, not the previous order's, nor what was done to that one.
      if (!changed.has('value')) this.value = '';
      this.#toasts.clear();
      void this.#loadOrder();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('value') || changed.has('required') || changed.has('disabled')) this.#validate();
  }

  #validate(): void {
    if (this.required && !this.value && !this.#inactive) this.#internals.setValidity({ valueMissing: true }, this.t.picker.required, this.input);
    else this.#internals.setValidity({});
  }

  async #loadOrder(): Promise<void> {
    const crm = this.activeCrm;
    const ticket = ++this.#orderReads;
    if (!crm || !this.orderId) {
      this.order = undefined;
      return;
    }
    try {
      const order = await crm.orders.get(this.orderId);
      if (ticket !== this.#orderReads) return;
      this.order = order;
      this.likely = [];
      if (!order.clientId) {
        const likely = await likelyClients(crm, order);
        if (ticket === this.#orderReads) this.likely = likely;
        return;
      }
      // An order that has a client shows it, unless the user has chosen one meanwhile.
      if (this.value) return;
      const client = await crm.clients.get(order.clientId);
      if (ticket === this.#orderReads && !this.value) this.#choose(client, false);
    } catch {
      // The order (or its client) is gone or not this user's: the picker works without it.
      if (ticket === this.#orderReads) this.order = undefined;
    }
  }

  async #loadChosen(): Promise<void> {
    const crm = this.activeCrm;
    if (!crm || !this.value) {
      this.chosen = this.context = undefined;
      return;
    }
    const id = this.value;
    try {
      const [client, orders, notes] = await Promise.all([crm.clients.get(id), crm.orders.list({ clientId: id, limit: RECENT_ORDERS }), crm.notes.list({ clientId: id })]);
      if (this.value !== id) return;
      this.chosen = client;
      this.context = { orders: orders.items, notes: notes.filter((note) => note.priority === 'high') };
    } catch {
      if (this.value === id) this.chosen = this.context = undefined;
    }
  }

  // ——— the combobox ———

  async #onInput(e: Event): Promise<void> {
    // Typing is not a change of value: only choosing a client fires `input` on the picker.
    e.stopPropagation();
    this.text = (e.target as HTMLInputElement).value;
    const crm = this.activeCrm;
    const sequence = ++this.#searchSequence;
    if (!crm || this.text.trim() === '') {
      this.suggestions = [];
      this.open = false;
      this.announcement = undefined;
      return;
    }
    let found: Client[];
    try {
      found = await crm.clients.search(this.text, { limit: SUGGESTIONS });
    } catch {
      // Text the search refuses (over 200 characters): nothing matches it.
      found = [];
    }
    // Typing runs ahead of the answers: only the newest one shows.
    if (sequence !== this.#searchSequence) return;
    this.suggestions = found;
    this.activeIndex = found.length ? 0 : -1;
    this.open = true;
    this.announcement = () => this.plural(this.t.picker.suggestions, found.length);
  }

  #onKeydown(e: KeyboardEvent): void {
    const last = this.suggestions.length - 1;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!this.open && this.suggestions.length) this.open = true;
        else this.activeIndex = Math.min(last, this.activeIndex + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        this.activeIndex = Math.max(0, this.activeIndex - 1);
        break;
      case 'Home':
      case 'End':
        if (!this.open || last < 0) return;
        e.preventDefault();
        this.activeIndex = e.key === 'Home' ? 0 : last;
        break;
      case 'Enter': {
        const client = this.open ? this.suggestions[this.activeIndex] : undefined;
        if (!client) return;
        e.preventDefault();
        this.#choose(client, true);
        break;
      }
      case 'Escape':
        if (this.open) {
          e.preventDefault();
          this.open = false;
        } else if (this.text) {
          e.preventDefault();
          this.text = '';
          this.suggestions = [];
        }
        break;
      default:
    }
  }

  /** Makes `client` the value; `byUser` fires the events a form control fires. */
  #choose(client: Client | undefined, byUser: boolean): void {
    this.chosen = client;
    this.value = client?.id ?? '';
    this.text = '';
    this.suggestions = [];
    this.open = false;
    this.activeIndex = -1;
    this.context = undefined;
    if (client) void this.#loadChosen();
    if (byUser) {
      this.emit(new Event('input', { bubbles: true, composed: true }));
      this.emit(new Event('change', { bubbles: true }));
      this.emit(new KtClientSelectEvent(client));
    }
  }

  async #clear(): Promise<void> {
    this.#choose(undefined, true);
    await this.updateComplete;
    this.input?.focus();
  }

  // ——— order actions ———

  async #act(action: (crm: Crm) => Promise<Toast>): Promise<void> {
    const crm = this.activeCrm;
    if (!crm || this.busy) return;
    this.busy = true;
    try {
      // The toast is a live region of its own: screen readers hear it.
      this.#toasts.show(await action(crm));
      await this.#loadOrder();
      await this.#loadChosen();
    } catch (error) {
      this.#toasts.show({ message: this.failure(error), error: true });
    } finally {
      this.busy = false;
    }
    // The button pressed gives way to the ones that now apply (Link to Unlink): focus goes there, not to <body>.
    await this.updateComplete;
    if (focusLost(this)) this.#focusActions();
  }

  /** The first order action that applies now (the clients the buyer may be are suggestions, not actions), else the text field. */
  #focusActions(): void {
    (this.renderRoot.querySelector<HTMLElement>('[part="actions"] > button:enabled') ?? this.input)?.focus();
  }

  /** Links the order to the client chosen; Undo takes the link back to how the order was before (the choice stays). */
  #link(): Promise<void> {
    const clientId = this.value;
    const client = this.chosen;
    return this.#act(async (crm) => {
      await crm.orders.link(this.orderId, clientId, { expectedVersion: this.order!.version });
      // Named, so a screen reader hears which client (the button said only "this client").
      return { message: () => this.t.picker.linked(client ? this.#label(client) : clientId), ...(await this.#undoOf(crm, clientId, 'order_linked')) };
    });
  }

  #unlink(): Promise<void> {
    return this.#act(async (crm) => {
      await crm.orders.unlink(this.orderId, { expectedVersion: this.order!.version });
      this.#choose(undefined, true);
      return { message: () => this.t.picker.unlinked };
    });
  }

  #createFromOrder(): Promise<void> {
    return this.#act(async (crm) => {
      const client = await crm.clients.createFromOrder(this.orderId);
      this.#choose(client, true);
      return {
        message: () => this.t.picker.created(this.#label(client)),
        // Made by mistake (the buyer was a client already): Undo unlinks the order by hand, so the
        // shop sending it again does not make the client again (B8), and deletes the client, with
        // what rules for new clients did to it since (a tag, a status).
        undo: async () => {
          await crm.orders.unlink(this.orderId);
          const current = await crm.clients.get(client.id);
          await crm.clients.delete(client.id, { expectedVersion: current.version });
          if (this.value === client.id) this.#choose(undefined, true);
        },
      };
    });
  }

  async #askReplace(): Promise<void> {
    if (!this.order || !this.chosen) return;
    this.changes = billingChanges(this.order.billing, this.chosen);
    await this.updateComplete;
    this.dialog?.showModal();
  }

  #replace(): Promise<void> {
    const clientId = this.value;
    return this.#act(async (crm) => {
      await crm.orders.applyClientBilling(this.orderId, clientId, { expectedVersion: this.order!.version });
      return { message: () => this.t.picker.replaced, ...(await this.#undoOf(crm, clientId, 'billing_replaced')) };
    });
  }

  /** The Undo of what was just done to the order: its newest entry of `type` on the client's timeline. */
  async #undoOf(crm: Crm, clientId: string, type: Activity['type']): Promise<{ undo?: () => Promise<unknown> }> {
    const [entry] = await recentEntries(crm, clientId, 1, (activity) => activity.type === type && activity.orderId === this.orderId && activity.undoable === true);
    return entry ? { undo: () => crm.activities.undo(entry.id) } : {};
  }

  async #undo(undo: () => Promise<unknown>): Promise<void> {
    await this.#act(async () => {
      await undo();
      return { message: () => this.t.table.undone };
    });
  }

  // ——— rendering ———

  protected override render(): TemplateResult {
    const { t } = this;
    const label = this.label || t.picker.label;
    const activeId = this.open && this.activeIndex >= 0 ? `option-${this.activeIndex}` : undefined;
    return html`
      <label class="label" for="input">${label}</label>
      ${this.chosen
        ? html`<div class="chosen" part="chosen">
            <span>${this.#label(this.chosen)}</span>
            <button type="button" class="clear" aria-label=${t.picker.clear} ?disabled=${this.#inactive} @click=${this.#clear}>×</button>
          </div>`
        : nothing}
      <div class="combobox">
        <input
          id="input"
          part="input"
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded=${this.open}
          aria-controls="listbox"
          aria-activedescendant=${activeId ?? nothing}
          aria-required=${this.required}
          placeholder=${t.picker.placeholder}
          .value=${this.text}
          ?disabled=${this.#inactive}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
          @blur=${() => setTimeout(() => (this.open = false), 150)}
        />
        <ul id="listbox" part="listbox" role="listbox" aria-label=${label} ?hidden=${!this.open}>
          ${this.suggestions.map(
            (client, i) => html`<li
              id=${`option-${i}`}
              role="option"
              part=${i === this.activeIndex ? 'option active' : 'option'}
              class=${i === this.activeIndex ? 'active' : ''}
              aria-selected=${i === this.activeIndex}
              @mousedown=${(e: Event) => e.preventDefault()}
              @click=${() => this.#choose(client, true)}
            >
              ${this.#label(client)}
            </li>`,
          )}
          ${this.open && this.suggestions.length === 0 ? html`<li class="none" role="option" aria-disabled="true" aria-selected="false">${t.picker.noMatch}</li>` : nothing}
        </ul>
      </div>
      ${this.#renderOrderActions()} ${this.#renderContext()} ${this.#toasts.render({ undo: this.t.table.undo, close: this.t.table.close }, (undo) => this.#undo(undo))} ${this.#renderDialog()}
      <div class="visually-hidden announcer" role="status" aria-live="polite">${this.announcement?.() ?? ''}</div>
    `;
  }

  #renderOrderActions(): TemplateResult | typeof nothing {
    const { order, chosen } = this;
    if (!order) return nothing;
    const { t } = this;
    const linkedHere = chosen !== undefined && order.clientId === chosen.id;
    const billing = order.billing.company ?? order.billing.name;
    // The clients the buyer may be come before "Create a client": picking one of them avoids a duplicate (B15).
    return html`<div class="actions" part="actions" role="group" aria-label=${t.picker.orderClient}>
      ${!order.clientId ? html`<p class="hint">${chosen ? t.picker.chosenNotLinked : t.picker.notLinked} ${billing ? html`${t.picker.buyer}: <strong>${billing}</strong>` : nothing}</p>` : nothing}
      ${!order.clientId && !chosen && this.likely.length
        ? html`<div class="likely" part="likely" role="group" aria-labelledby="likely-title">
            <p class="hint" id="likely-title">${t.picker.likely}</p>
            ${this.likely.map((client) => html`<button type="button" @click=${() => this.#chooseLikely(client)}>${this.#label(client)}</button>`)}
          </div>`
        : nothing}
      ${chosen && !linkedHere ? html`<button type="button" ?disabled=${this.busy || this.#inactive} @click=${this.#link}>${t.picker.link}</button>` : nothing}
      ${chosen ? html`<button type="button" ?disabled=${this.busy || this.#inactive} @click=${this.#askReplace}>${t.picker.replaceBilling}</button>` : nothing}
      ${!order.clientId && !chosen ? html`<button type="button" ?disabled=${this.busy || this.#inactive} @click=${this.#createFromOrder}>${t.picker.createFromOrder}</button>` : nothing}
      ${order.clientId ? html`<button type="button" ?disabled=${this.busy || this.#inactive} @click=${this.#unlink}>${t.picker.unlink}</button>` : nothing}
    </div>`;
  }

  /** The group of suggestions goes once one is chosen: the focus goes on to Link, not to <body>. */
  async #chooseLikely(client: Client): Promise<void> {
    this.#choose(client, true);
    await this.updateComplete;
    this.#focusActions();
  }

  #renderContext(): TemplateResult | typeof nothing {
    const { chosen, context } = this;
    if (!chosen || !context) return nothing;
    const { t } = this;
    return html`<aside class="context" part="context" aria-label=${this.#label(chosen)}>
      ${chosen.nextOrderReminder ? html`<p class="reminder"><strong>${t.picker.reminder}:</strong> ${chosen.nextOrderReminder}</p>` : nothing}
      ${context.notes.length
        ? html`<section>
            <h4>${t.picker.importantNotes}</h4>
            <ul class="notes">
              ${context.notes.map((note) => html`<li>${note.text}</li>`)}
            </ul>
          </section>`
        : nothing}
      <section>
        <h4>${t.picker.recentOrders}</h4>
        ${context.orders.length
          ? html`<ul class="orders">
              ${context.orders.map((order) => this.#orderLine(order))}
            </ul>`
          : html`<p class="hint">${t.picker.noOrders}</p>`}
      </section>
    </aside>`;
  }

  #label(client: Client): string {
    return clientLabel(client, this.t, (value) => this.number(value));
  }

  #orderLine(order: Order): TemplateResult {
    const { t } = this;
    const unpaid = order.paymentState === 'unpaid' || order.paymentState === 'partially_paid';
    const uncollected = order.status !== undefined && this.uncollectedStatuses.includes(order.status);
    return html`<li class=${unpaid || uncollected ? 'flagged' : ''}>
      <span>${order.number ?? order.id}</span>
      <span>${this.date(order.createdAt)}</span>
      <span>${order.status ? (t.order.statuses[order.status] ?? order.status) : ''}</span>
      <span class="money">${this.money(order.total, order.currency)}</span>
      ${unpaid ? html`<span class="flag">${t.picker.unpaid}</span>` : nothing}
      ${uncollected ? html`<span class="flag">${t.picker.uncollected}</span>` : nothing}
    </li>`;
  }

  #renderDialog(): TemplateResult {
    const { t } = this;
    const changes = this.changes ?? [];
    return html`<dialog part="dialog" aria-labelledby="replace-title">
      <h3 id="replace-title">${t.picker.replaceTitle}</h3>
      ${changes.length
        ? html`<table>
            <tbody>
              ${changes.map(
                (change) => html`<tr>
                  <th scope="row">${t.picker.field[change.field]}</th>
                  <td class="before"><del>${change.before || '—'}</del></td>
                  <td class="after"><ins>${change.after || '—'}</ins></td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${t.picker.nothingChanges}</p>`}
      <p class="hint">${t.picker.replaceHint}</p>
      <form method="dialog" class="dialog-actions">
        <button value="cancel">${t.table.cancel}</button>
        <button value="replace" class="primary" ?disabled=${changes.length === 0} @click=${this.#replace}>${t.picker.replace}</button>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kt-client-picker': KtClientPicker;
  }
}
