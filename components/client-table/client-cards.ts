import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Client, ClientFilter, Crm, Note } from '../../src/index.ts';
import { addressLine } from '../base/address.ts';
import type { Translation } from '../translations/en.ts';

type Lifecycle = Client['lifecycle'];

interface Section {
  clients: Client[];
  cursor?: string | undefined;
  /** More clients follow ("Show more"). */
  more: boolean;
}

/** What the cards view needs from the table that shows it, when it renders. */
export interface CardsUi {
  t: Translation;
  /** A search or filter is in force (for the empty-state message). */
  filtered: boolean;
  number(value: number): string;
  open(clientId: string): void;
}

const PAGE = 24;

/**
 * The seed-003 layout of the client list: current clients above potential ones, each a card with
 * name, e-mail, phone, address, the newest note and the discount. Loads a page per section and
 * more on "Show more"; a search shows its best matches per section.
 */
export class ClientCardsView implements ReactiveController {
  sections: Partial<Record<Lifecycle, Section>> = {};
  readonly #notes = new Map<string, Note | null>();
  #query: { filter: ClientFilter; search: string } = { filter: {}, search: '' };
  #generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly crm: () => Crm | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Loads the first page of both sections for this query. */
  async load(filter: ClientFilter, search: string): Promise<void> {
    this.#query = { filter, search };
    const generation = ++this.#generation;
    const lifecycles: Lifecycle[] = filter.lifecycle ? [filter.lifecycle] : ['current', 'potential'];
    const sections: Partial<Record<Lifecycle, Section>> = {};
    for (const lifecycle of lifecycles) sections[lifecycle] = await this.#page(lifecycle, undefined, PAGE);
    if (generation !== this.#generation) return;
    this.sections = sections;
    this.host.requestUpdate();
  }

  /** The newest highest-priority notes may have changed. */
  forgetNotes(clientId?: string): void {
    if (clientId === undefined) this.#notes.clear();
    else this.#notes.delete(clientId);
  }

  async #page(lifecycle: Lifecycle, cursor: string | undefined, limit: number): Promise<Section> {
    const crm = this.crm();
    if (!crm) return { clients: [], more: false };
    const filter = { ...this.#query.filter, lifecycle };
    if (this.#query.search) {
      const clients = await crm.clients.search(this.#query.search, { limit: Math.min(limit, 500), filter });
      return { clients, more: clients.length === limit && limit < 500 };
    }
    const page = await crm.clients.list({ filter, sort: { by: 'name' }, limit, ...(cursor ? { cursor } : {}) });
    return { clients: page.items, cursor: page.cursor, more: page.cursor !== undefined };
  }

  async #more(lifecycle: Lifecycle): Promise<void> {
    const section = this.sections[lifecycle];
    if (!section) return;
    const generation = this.#generation;
    const next = this.#query.search
      ? await this.#page(lifecycle, undefined, section.clients.length + PAGE)
      : await this.#page(lifecycle, section.cursor, PAGE);
    if (generation !== this.#generation) return;
    const clients = this.#query.search ? next.clients : [...section.clients, ...next.clients];
    this.sections = { ...this.sections, [lifecycle]: { ...next, clients } };
    this.host.requestUpdate();
  }

  #latestNote(clientId: string): Note | null | undefined {
    if (this.#notes.has(clientId)) return this.#notes.get(clientId);
    this.#notes.set(clientId, null);
    void this.crm()
      ?.notes.list({ clientId })
      .then((notes) => {
        this.#notes.set(clientId, notes[0] ?? null);
        this.host.requestUpdate();
      })
      .catch(() => undefined);
    return undefined;
  }

  render(ui: CardsUi): TemplateResult {
    const { t } = ui;
    const headings: Record<Lifecycle, string> = { current: t.table.currentClients, potential: t.table.potentialClients };
    const sections = Object.values(this.sections);
    if (sections.length > 0 && sections.every((section) => section.clients.length === 0)) {
      return html`<p class="empty" part="empty">${ui.filtered ? t.table.noMatch : t.table.empty}</p>`;
    }
    return html`<div class="cards-view" part="cards">
      ${(Object.keys(this.sections) as Lifecycle[]).map((lifecycle) => {
        const section = this.sections[lifecycle]!;
        const id = `cards-${lifecycle}`;
        return html`<section aria-labelledby=${id}>
          <h3 id=${id}>${headings[lifecycle]}</h3>
          ${section.clients.length === 0
            ? html`<p class="empty" part="empty">${t.table.noMatch}</p>`
            : html`<ul class="cards">
                ${section.clients.map((client) => this.#card(client, ui))}
              </ul>`}
          ${section.more ? html`<button type="button" class="more" @click=${() => this.#more(lifecycle)}>${t.table.showMore}</button>` : nothing}
        </section>`;
      })}
    </div>`;
  }

  #card(client: Client, ui: CardsUi): TemplateResult {
    const { t } = ui;
    const note = this.#latestNote(client.id);
    const address = client.billingAddress ?? client.deliveryAddresses[0];
    return html`<li class="card" part="card">
      <button type="button" class="client-name" @click=${() => ui.open(client.id)}>${client.name}</button>
      <dl>
        ${row(t.columns.email, client.emails[0])} ${row(t.columns.phone, client.phones[0])}
        ${row(t.table.address, (address && addressLine(address)) || undefined)}
      </dl>
      <p class=${`note ${note?.priority ?? ''}`}>${note ? note.text : t.table.noNote}</p>
      ${client.discountPercent !== undefined ? html`<p class="discount">${t.table.discount(`${ui.number(client.discountPercent)} %`)}</p>` : nothing}
    </li>`;
  }
}

function row(label: string, value: string | undefined): TemplateResult | typeof nothing {
  return value ? html`<div><dt>${label}</dt><dd>${value}</dd></div>` : nothing;
}
