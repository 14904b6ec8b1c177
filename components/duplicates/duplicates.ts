import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
// Keyed groups: a group going or coming back keeps the others' radios and focus where they are.
import { repeat } from 'lit/directives/repeat.js';
import { formatTaxId, isCrmError, type Activity, type Client, type Crm, type DuplicateSearchProgress, type Order } from '../../src/index.ts';
import { KtElement } from '../base/kt-element.ts';
import { focusLost } from '../base/lost-focus.ts';
import { NewestRead } from '../base/newest-read.ts';
import { OrderFiguresCache } from '../base/order-figures.ts';
import { recentEntries } from '../base/recent-entries.ts';
import { themeStyles } from '../base/theme.styles.ts';
import { feedbackStyles, type Toast } from '../base/toast.ts';
import { Toaster } from '../base/toaster.ts';
import type { Words } from '../base/words.ts';
import { KtClientOpenEvent } from '../events/client-open-event.ts';
import { duplicatesStyles } from './duplicates.styles.ts';
import { findGroups, withOrders, withoutClients, withoutOrders, type ClientsGroup, type FoundGroup, type OrdersGroup } from './found-groups.ts';

/**
 * B15: the same company in the CRM twice, found on request (finding reads every client): clients
 * sharing a tax ID or a name, whom staff merge into the one they keep (the oldest unless they
 * choose another), and orders without a client whose tax ID or company name is a client's, which
 * they link to it. A merge or link takes its group off the list and can be undone from the
 * message it leaves; "Look again" searches anew.
 *
 * @tagname kt-duplicates
 * @summary Finds the same company entered twice and merges the clients or links the orders.
 * @fires kt-client-open - A client's name was activated: `clientId`.
 * @csspart heading - The title.
 * @csspart find - The Find duplicates / Look again button.
 * @csspart status - The live line saying what the search is doing or found, the empty state included.
 * @csspart groups - The list of groups found.
 * @csspart group - Each group: `group clients` (clients to merge) or `group orders` (orders to link).
 * @csspart group-heading - A group's title: why its records look alike.
 * @csspart client - A client in a group: its name, number, tax ID, e-mail and order count.
 * @csspart client-name - A client's name: a button that opens it.
 * @csspart keeper - In a group of clients, the radios choosing the client to keep.
 * @csspart kept - The mark beside the client that is kept.
 * @csspart orders - The table of an order group's orders.
 * @csspart action - A group's Merge into … / Link to … button.
 * @csspart error - Why the search failed.
 * @csspart toast - The message after an action, with its undo.
 * @csspart more - Show more: the next `page-size` groups.
 * @csspart progress - The search's progress bar, while it runs.
 */
export class KtDuplicates extends KtElement {
  /** The shared tokens, then the element's own styles. */
  static override styles = [themeStyles, feedbackStyles, duplicatesStyles];

  /** How long a confirmation stays on screen, in milliseconds (0: until closed). */
  @property({ type: Number, attribute: 'toast-duration' }) toastDuration = 6000;
  /** Groups shown at first and added by each Show more: a large store can find thousands. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /** The groups found, less those merged or linked since; `undefined` before the first search ends. */
  @state() private groups: FoundGroup[] | undefined;
  @state() private searching = false;
  /** How far the search under way has got, as the SDK tells it. */
  @state() private progress: DuplicateSearchProgress | undefined;
  /** A merge, link or undo under way: the other actions wait for it. */
  @state() private acting = false;
  @state() private error: Words | undefined;
  /** Per group of clients, the client staff chose to keep; the oldest when not chosen. */
  @state() private keepers = new Map<string, string>();
  /** How many of the groups show. */
  @state() private shown = 0;
  /** Whether the list has been worked on since it was found: then an empty one has none left, not none found. */
  @state() private worked = false;
  /** The order counts of the clients shown, read on first sight, as the table reads them. */
  #figures: OrderFiguresCache | undefined;

  readonly #searches = new NewestRead();
  // A toast closed from the keyboard hands the focus to the first group, else the status line.
  readonly #toasts = new Toaster(this, { duration: () => this.toastDuration, refocus: () => this.#focusGroup(0) });
  /** Where the focus goes once the list is drawn again: the heading of the group at this index (none there: the status line). */
  #refocus: number | undefined;

  protected override crmChanged(crm: Crm | undefined): void {
    // What was found was another CRM's.
    this.#searches.drop();
    this.groups = undefined;
    this.searching = false;
    this.error = undefined;
    this.keepers = new Map();
    this.#figures = crm ? new OrderFiguresCache(crm, () => this.requestUpdate()) : undefined;
    this.#toasts.clear();
  }

  async #find(): Promise<void> {
    const crm = this.activeCrm;
    if (!crm || this.searching || this.acting) return;
    this.searching = true;
    this.progress = undefined;
    this.error = undefined;
    // A new list: what was said, and the Undo of the last action, were about the old one.
    this.#toasts.clear();
    await this.#searches.run(
      () =>
        findGroups(crm, (progress) => {
          // A search of a CRM given up meanwhile tells nothing.
          if (crm === this.activeCrm) this.progress = progress;
        }),
      (groups) => {
        this.groups = groups;
        this.worked = false;
        this.shown = this.#pageSize;
        this.keepers = new Map();
      },
      (error) => (this.error = this.failure(error)),
    );
    this.searching = false;
    // The button was disabled while it ran, which drops the focus: it goes back there.
    await this.updateComplete;
    if (focusLost(this)) this.#findButton()?.focus();
  }

  /** `page-size` as given when it is a positive whole number, else 50. */
  get #pageSize(): number {
    return Number.isInteger(this.pageSize) && this.pageSize > 0 ? this.pageSize : 50;
  }

  #keeperOf(group: ClientsGroup): Client {
    const chosen = this.keepers.get(group.key);
    return group.clients.find((client) => client.id === chosen) ?? group.clients[0]!;
  }

  #choose(group: ClientsGroup, clientId: string): void {
    this.keepers = new Map(this.keepers).set(group.key, clientId);
  }

  // ——— actions ———

  /**
   * Runs a merge or link of `group` and shows the list as it leaves it, with what happened. Its
   * Undo puts the list back as it was: it is offered only until the next action or search.
   */
  async #act(group: FoundGroup, action: (crm: Crm) => Promise<{ toast: Toast; groups: FoundGroup[] }>): Promise<void> {
    const crm = this.activeCrm;
    if (!crm || this.acting || !this.groups) return;
    this.acting = true;
    const index = this.groups.findIndex((shown) => shown.key === group.key);
    const { toast, groups } = await action(crm);
    this.groups = groups;
    this.worked = true;
    this.#toasts.show(toast);
    // The kept or linked-to client has more orders now.
    this.#figures?.forget();
    this.acting = false;
    // The button pressed went with its group, or was disabled meanwhile: the keyboard goes on at
    // the same group when a failure left it, else at the one now in its place (the next one, else
    // the one before), else at the status line.
    const stayed = groups.findIndex((shown) => shown.key === group.key);
    this.#refocus = stayed === -1 ? Math.min(index, groups.length - 1) : stayed;
  }

  /** Merges every other client of the group into the one kept, one by one; Undo splits them, the latest first. */
  #merge(group: ClientsGroup): Promise<void> {
    const keeper = this.#keeperOf(group);
    return this.#act(group, async (crm) => {
      const before = this.groups!;
      const merged: Client[] = [];
      let failure: unknown;
      for (const client of group.clients) {
        if (client.id === keeper.id) continue;
        try {
          await crm.clients.merge(keeper.id, client.id);
          merged.push(client);
        } catch (error) {
          failure = error;
          break;
        }
      }
      const entries = merged.length ? await this.#mergeEntries(crm, keeper.id, merged) : [];
      const undo = entries.length ? () => this.#undoMerge(crm, before, group, entries) : undefined;
      const message: Words = failure ? this.#failed(failure) : () => this.plural(this.t.duplicates.merged, merged.length).replace('{name}', keeper.name);
      return {
        toast: { message, error: failure !== undefined, ...(undo ? { undo } : {}) },
        groups: withoutClients(before, new Set(merged.map((client) => client.id))),
      };
    });
  }

  /**
   * The `clients_merged` entries the merges wrote on the kept client's timeline, the latest first:
   * in the order merged, as merges within one millisecond share their time.
   */
  async #mergeEntries(crm: Crm, keeperId: string, merged: Client[]): Promise<Activity[]> {
    const entries = await recentEntries(crm, keeperId, merged.length, (entry) => entry.type === 'clients_merged');
    const byMerged = new Map(entries.map((entry) => [(entry.data as { merged: Client }).merged.id, entry]));
    return merged.toReversed().flatMap((client) => byMerged.get(client.id) ?? []);
  }

  async #undoMerge(crm: Crm, before: FoundGroup[], group: FoundGroup, entries: Activity[]): Promise<void> {
    for (const entry of entries) await crm.activities.undo(entry.id);
    this.#restore(before, group);
  }

  /** Links each order of the group to its client, one by one; Undo takes the links back. */
  #link(group: OrdersGroup): Promise<void> {
    const { client } = group;
    return this.#act(group, async (crm) => {
      const before = this.groups!;
      const linked: Order[] = [];
      let failure: unknown;
      for (const order of group.orders) {
        try {
          // The order as shown: linked elsewhere since, it is not taken from that client.
          linked.push(await crm.orders.link(order.id, client.id, { expectedVersion: order.version }));
        } catch (error) {
          failure = error;
          break;
        }
      }
      const undo = linked.length ? () => this.#undoLink(crm, before, group, linked) : undefined;
      const message: Words = failure ? this.#failed(failure) : () => this.plural(this.t.duplicates.linked, linked.length).replace('{name}', client.name);
      return {
        toast: { message, error: failure !== undefined, ...(undo ? { undo } : {}) },
        groups: withoutOrders(before, new Set(linked.map((order) => order.id))),
      };
    });
  }

  /**
   * Undoes the links' timeline entries, the latest first: each order goes back to how the shop
   * sent it (not unlinked by hand, so it links and is offered again as before), and one that moved
   * on since is refused.
   */
  async #undoLink(crm: Crm, before: FoundGroup[], group: OrdersGroup, linked: Order[]): Promise<void> {
    const ids = new Set(linked.map((order) => order.id));
    const entries = await recentEntries(crm, group.client.id, linked.length, (entry) => entry.type === 'order_linked' && entry.undoable === true && ids.has(entry.orderId ?? ''));
    const byOrder = new Map(entries.map((entry) => [entry.orderId!, entry]));
    const restored: Order[] = [];
    for (const order of linked.toReversed()) {
      const entry = byOrder.get(order.id);
      if (entry) await crm.activities.undo(entry.id);
      restored.push(await crm.orders.get(order.id));
    }
    this.#restore(withOrders(before, restored), group);
  }

  /** Why an action failed; when a record it needed is gone or changed, the list is out of date, and Look again says so. */
  #failed(error: unknown): Words {
    const words = this.failure(error);
    const stale = isCrmError(error) && (error.code === 'not_found' || error.code === 'conflict');
    return stale ? () => `${words()} ${this.t.duplicates.stale}` : words;
  }

  /** Shows the list as it was before the action Undo took back, the keyboard on the group acted on. */
  #restore(groups: FoundGroup[], group: FoundGroup): void {
    this.groups = groups;
    this.#figures?.forget();
    this.#refocus = groups.findIndex((shown) => shown.key === group.key);
  }

  async #undo(undo: () => Promise<unknown>): Promise<void> {
    if (this.acting) return;
    this.acting = true;
    try {
      await undo();
      this.#toasts.show({ message: () => this.t.duplicates.undone });
    } catch (error) {
      this.#toasts.show({ message: this.failure(error), error: true });
      // The Undo pressed went with its toast: the keyboard goes to the error's Close, which says why.
      await this.updateComplete;
      if (focusLost(this)) this.renderRoot.querySelector<HTMLElement>('[part="toast"] button')?.focus();
    } finally {
      this.acting = false;
    }
  }

  /** Shows the next page of groups, the keyboard on the first of them (the button may go). */
  async #showMore(): Promise<void> {
    const from = this.shown;
    this.shown += this.#pageSize;
    await this.updateComplete;
    this.#focusGroup(from);
  }

  // ——— focus ———

  #findButton(): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>('[part="find"]');
  }

  /** The heading of the group at `index` (a target, not a stop in the Tab order), else the status line. */
  #focusGroup(index: number): void {
    const heading = index < 0 ? undefined : this.renderRoot.querySelectorAll<HTMLElement>('[part="group-heading"]')[index];
    (heading ?? this.renderRoot.querySelector<HTMLElement>('[part="status"]'))?.focus();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#refocus === undefined || this.acting) return;
    const target = this.#refocus;
    this.#refocus = undefined;
    // Only when the change dropped it, never taking the focus from where the user has put it since.
    if (focusLost(this)) this.#focusGroup(target);
  }

  // ——— rendering ———

  protected override render(): TemplateResult {
    const t = this.t.duplicates;
    const { groups } = this;
    return html`
      <h3 part="heading">${t.title}</h3>
      <p class="intro">${t.intro}</p>
      <div class="bar">
        <button type="button" part="find" ?disabled=${this.searching || !this.activeCrm} @click=${this.#find}>${groups ? t.findAgain : t.find}</button>
        <p part="status" class=${groups?.length === 0 && !this.searching ? 'status empty' : 'status'} role="status" tabindex="-1">${this.#statusText()}</p>
        ${this.searching ? this.#progressBar() : nothing}
      </div>
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error()}</p>` : nothing}
      <!-- Before the groups: the group after the one acted on has the keyboard, and Undo is two Shift+Tabs back. -->
      ${this.#toasts.render({ undo: t.undo, close: t.close }, (undo) => void this.#undo(undo))}
      ${groups?.length
        ? html`<ul part="groups" aria-label=${t.title} aria-busy=${this.searching ? 'true' : 'false'}>
            ${repeat(groups.slice(0, this.shown), (group) => group.key, (group, index) => html`<li part=${`group ${group.kind === 'clients' ? 'clients' : 'orders'}`}>${group.kind === 'clients' ? this.#clientsGroup(group, index) : this.#ordersGroup(group, index)}</li>`)}
          </ul>`
        : nothing}
      ${groups && groups.length > this.shown
        ? html`<button type="button" part="more" @click=${this.#showMore}>${this.plural(t.showMore, Math.min(this.#pageSize, groups.length - this.shown))}</button>`
        : nothing}
    `;
  }

  /** Reading the clients fills the first half, looking up their orders the second. */
  #progressBar(): TemplateResult {
    const progress = this.progress;
    const label = this.t.duplicates.searching;
    if (!progress) return html`<progress part="progress" aria-label=${label}></progress>`;
    const share = progress.total ? progress.done / progress.total : 1;
    return html`<progress part="progress" aria-label=${label} max="100" .value=${Math.round(progress.step === 'clients' ? share * 50 : 50 + share * 50)}></progress>`;
  }

  #statusText(): string {
    const t = this.t.duplicates;
    if (this.searching) return t.searching;
    if (this.groups?.length === 0 && this.worked) return t.noneLeft;
    return this.groups ? this.plural(t.found, this.groups.length) : '';
  }

  #heading(group: FoundGroup, index: number, count: string): TemplateResult {
    const t = this.t.duplicates;
    return html`<h4 part="group-heading" id=${`group-${index}`} tabindex="-1">
      ${group.reason === 'tax_id' ? t.sameTaxId : t.sameName} <span class="count">· ${count}</span>
    </h4>`;
  }

  #clientsGroup(group: ClientsGroup, index: number): TemplateResult {
    const t = this.t.duplicates;
    const keeper = this.#keeperOf(group);
    const name = `keep-${index}`;
    return html`${this.#heading(group, index, this.plural(t.clients, group.clients.length))}
      <fieldset part="keeper">
        <legend>${t.keep}</legend>
        ${group.clients.map(
          (client) => html`<div class="client" part="client">
            <input type="radio" name=${name} aria-labelledby=${`${name}-${client.id}`} .checked=${client.id === keeper.id} ?disabled=${this.acting} @change=${() => this.#choose(group, client.id)} />
            ${this.#clientDetails(client, `${name}-${client.id}`)}
            ${client.id === keeper.id ? html`<span class="kept" part="kept">${t.kept}</span>` : nothing}
          </div>`,
        )}
      </fieldset>
      <p class="hint">${t.mergeHint(keeper.name)}</p>
      <button type="button" part="action" ?disabled=${this.acting} @click=${() => this.#merge(group)}>${t.mergeInto(keeper.name)}</button>`;
  }

  #ordersGroup(group: OrdersGroup, index: number): TemplateResult {
    const t = this.t.duplicates;
    return html`${this.#heading(group, index, this.plural(t.unlinked, group.orders.length))}
      <div class="client" part="client">${this.#clientDetails(group.client)}</div>
      <table part="orders" aria-labelledby=${`group-${index}`}>
        <thead>
          <tr><th scope="col">${t.order}</th><th scope="col">${t.date}</th><th scope="col" class="total">${t.total}</th><th scope="col">${t.company}</th></tr>
        </thead>
        <tbody>
          ${group.orders.map(
            (order) => html`<tr>
              <td>${order.number ?? order.id}</td>
              <td>${this.date(order.createdAt)}</td>
              <td class="total">${this.money(order.total, order.currency)}</td>
              <td>${order.billing.company ?? order.billing.name ?? ''}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <button type="button" part="action" ?disabled=${this.acting} @click=${() => this.#link(group)}>${t.linkTo(group.client.name)}</button>`;
  }

  /** The client's name (a button that opens it; `id` for a radio it labels) and what tells it apart. */
  #clientDetails(client: Client, id?: string): TemplateResult {
    const count = this.#figures?.get(client.id)?.orderCount;
    const details = [
      this.t.clientLabel(this.number(client.number)),
      client.taxId && formatTaxId(client.taxId),
      // A tax ID group can be one client's tax ID as another's VAT ID: both show, the VAT ID named.
      client.vatId && `${this.t.picker.field.vatId} ${formatTaxId(client.vatId)}`,
      client.emails[0],
      count === undefined ? undefined : this.plural(this.t.duplicates.orders, count),
    ].filter((detail) => detail);
    return html`<button type="button" id=${id ?? nothing} class="name" part="client-name" @click=${() => this.emit(new KtClientOpenEvent(client.id))}>${client.name}</button>
      <span class="details">${details.map((detail, i) => html`${i ? ' · ' : ''}<span class="detail">${detail}</span>`)}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kt-duplicates': KtDuplicates;
  }
}
