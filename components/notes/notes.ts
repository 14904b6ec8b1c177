import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CrmEvent, Note, NoteInput } from '../../src/index.ts';
import { KtElement } from '../base/kt-element.ts';
import { themeStyles } from '../base/theme.styles.ts';
import { feedbackStyles } from '../base/toast.ts';
import { NewestRead } from '../base/newest-read.ts';
import { focusLost } from '../base/lost-focus.ts';
import type { Words } from '../base/words.ts';

type Priority = Note['priority'];
type Visibility = Note['visibility'];

/**
 * The notes of a client or of an order (C6, W2): by priority (red high, yellow medium), then
 * newest first; add, edit in place, delete after a confirmation; private or shared.
 *
 * @tagname kt-notes
 * @summary Notes on a client or an order.
 * @csspart form - The new-note form.
 * @csspart note - Each note; `note high` / `note medium` by priority.
 * @csspart dialog - The delete confirmation.
 */
export class KtNotes extends KtElement {
  /** The shared tokens, then the notes' own styles. */
  static override styles = [
    themeStyles,
    feedbackStyles,
    css`
      h3 {
        margin: 0 0 var(--_space);
        font-size: 1em;
      }
      form {
        display: grid;
        gap: calc(var(--_space) / 2);
        margin-block-end: var(--_space);
      }
      textarea {
        resize: vertical;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        align-items: center;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: calc(var(--_space) / 1.5);
      }
      li {
        padding: calc(var(--_space) / 1.5) var(--_space);
        border: 1px solid var(--_border);
        border-inline-start: 4px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
      }
      li.high {
        border-inline-start-color: var(--_danger);
      }
      li.medium {
        border-inline-start-color: var(--_warning);
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0 0 calc(var(--_space) / 2);
      }
      .meta {
        color: var(--_muted);
        font-size: 0.9em;
      }
      .meta button {
        padding: 0 0.5em;
      }
      .error {
        color: var(--_danger);
        margin: 0;
      }
      .empty {
        color: var(--_muted);
      }
    `,
  ];

  /** The client whose notes these are. */
  @property({ attribute: 'client-id', reflect: true }) clientId = '';

  /** The order whose notes these are (when no `client-id`). */
  @property({ attribute: 'order-id', reflect: true }) orderId = '';

  @state() private notes: Note[] | undefined;
  @state() private editing: string | undefined;
  @state() private error: Words | undefined;
  @state() private deleting: Note | undefined;

  @query('dialog') private dialog?: HTMLDialogElement;
  readonly #reads = new NewestRead();

  get #target(): { clientId: string } | { orderId: string } | undefined {
    return this.clientId ? { clientId: this.clientId } : this.orderId ? { orderId: this.orderId } : undefined;
  }

  protected override crmChanged(): void {
    void this.#load();
  }

  protected override crmEvent(event: CrmEvent): void {
    if ('note' in event && (event.note.clientId === this.clientId || (this.orderId && event.note.orderId === this.orderId))) void this.#load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('clientId') || changed.has('orderId')) && this.hasUpdated) {
      this.notes = undefined;
      // The previous client's error and open edit do not belong to this one.
      this.error = this.editing = undefined;
      void this.#load();
    }
  }

  /** Reads the notes; only the newest read lands (the card switches clients faster than reads answer). */
  async #load(): Promise<void> {
    const crm = this.activeCrm;
    const target = this.#target;
    if (!crm || !target) return;
    await this.#reads.run(() => crm.notes.list(target), (notes) => (this.notes = notes), (error) => (this.error = this.failure(error)));
  }

  async #run(action: () => Promise<unknown>): Promise<boolean> {
    try {
      // The change's own event reloads the list.
      await action();
      this.error = undefined;
      return true;
    } catch (error) {
      this.error = this.failure(error);
      return false;
    }
  }

  #input(form: HTMLFormElement): NoteInput {
    const data = new FormData(form);
    return { text: String(data.get('text') ?? ''), priority: data.get('priority') as Priority, visibility: data.get('visibility') as Visibility };
  }

  async #add(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const crm = this.activeCrm;
    const target = this.#target;
    if (!crm || !target) return;
    if (await this.#run(() => crm.notes.add(target, this.#input(form)))) form.reset();
  }

  async #save(e: SubmitEvent, note: Note): Promise<void> {
    e.preventDefault();
    const crm = this.activeCrm;
    if (!crm) return;
    if (await this.#run(() => crm.notes.update(note.id, this.#input(e.target as HTMLFormElement), { expectedVersion: note.version }))) await this.#stopEditing(note.id);
  }

  /** Opens a note's form, the keyboard in its text. */
  async #startEditing(noteId: string): Promise<void> {
    this.editing = noteId;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#edit-${CSS.escape(noteId)}-text`)?.focus();
  }

  /** Closes a note's form (saved, cancelled, Escape), the keyboard back on the note's Edit button. */
  async #stopEditing(noteId: string): Promise<void> {
    this.editing = undefined;
    await this.updateComplete;
    if (focusLost(this)) this.renderRoot.querySelector<HTMLElement>(`[data-edit="${CSS.escape(noteId)}"]`)?.focus();
  }

  async #askDelete(note: Note): Promise<void> {
    this.deleting = note;
    await this.updateComplete;
    if (!this.dialog) return;
    this.dialog.returnValue = '';
    this.dialog.showModal();
  }

  /** Deletes once the dialog has closed and handed the keyboard back: then the note and its button go. */
  #onDialogClose(): void {
    const note = this.deleting;
    this.deleting = undefined;
    if (note && this.dialog?.returnValue === 'delete') void this.#confirmDelete(note);
  }

  async #confirmDelete(note: Note): Promise<void> {
    const crm = this.activeCrm;
    if (!crm || !(await this.#run(() => crm.notes.delete(note.id, { expectedVersion: note.version })))) return;
    // The dialog gave the keyboard back to the note's Delete button, which goes with the note: read
    // the list now (the delete's own event may not have reloaded it yet), then the keyboard goes
    // to the new-note text.
    await this.#load();
    await this.updateComplete;
    if (focusLost(this)) this.renderRoot.querySelector<HTMLElement>('#new-text')?.focus();
  }

  protected override render(): TemplateResult {
    const t = this.t.notes;
    return html`
      <h3>${t.title}</h3>
      ${this.#form(undefined)}
      ${this.error ? html`<p class="error" role="alert">${this.error()}</p>` : nothing}
      ${this.notes?.length === 0 ? html`<p class="empty">${t.empty}</p>` : nothing}
      <ul>
        ${repeat(
          this.notes ?? [],
          // Keyed: a note's buttons go with it, so the focus never lands on another note's Delete.
          (note) => note.id,
          (note) =>
            this.editing === note.id
              ? html`<li class=${note.priority}>${this.#form(note)}</li>`
              : html`<li class=${note.priority} part=${`note ${note.priority}`}>
                  <p class="text">${note.text}</p>
                  <div class="meta row">
                    <span>${t.priority}: ${t.priorities[note.priority]} · ${t.visibility}: ${t.visibilities[note.visibility]} · ${t.by(this.person(note.author), this.date(note.updatedAt))}</span>
                    <button type="button" data-edit=${note.id} @click=${() => this.#startEditing(note.id)}>${t.edit}</button>
                    <button type="button" @click=${() => this.#askDelete(note)}>${t.delete}</button>
                  </div>
                </li>`,
        )}
      </ul>
      <dialog part="dialog" aria-label=${t.confirmDelete} @close=${this.#onDialogClose}>
        <p>${t.confirmDelete}</p>
        <p class="text">${this.deleting?.text ?? ''}</p>
        <form method="dialog" class="row">
          <button value="cancel" autofocus>${t.cancel}</button>
          <button value="delete">${t.delete}</button>
        </form>
      </dialog>
    `;
  }

  /** Ctrl+Enter (Cmd+Enter on a Mac) in the text adds or saves the note; Enter alone is a new line. */
  #onTextKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    (e.target as HTMLTextAreaElement).form?.requestSubmit();
  }

  /** The form for a new note, or for editing `note`. */
  #form(note: Note | undefined): TemplateResult {
    const t = this.t.notes;
    const id = note ? `edit-${note.id}` : 'new';
    return html`<form
      part=${note ? nothing : 'form'}
      @submit=${(e: SubmitEvent) => (note ? this.#save(e, note) : this.#add(e))}
      @keydown=${(e: KeyboardEvent) => note && e.key === 'Escape' && !e.defaultPrevented && (e.preventDefault(), e.stopPropagation(), void this.#stopEditing(note.id))}
    >
      <label class="visually-hidden" for=${`${id}-text`}>${t.text}</label>
      <textarea id=${`${id}-text`} name="text" required .value=${note?.text ?? ''} placeholder=${t.text} @keydown=${this.#onTextKeydown}></textarea>
      <div class="row">
        <label>${t.priority}
          <select name="priority">
            ${(['high', 'medium', 'none'] as const).map((p) => html`<option value=${p} ?selected=${(note?.priority ?? 'none') === p}>${t.priorities[p]}</option>`)}
          </select>
        </label>
        <label>${t.visibility}
          <select name="visibility">
            ${(['shared', 'private'] as const).map((v) => html`<option value=${v} ?selected=${(note?.visibility ?? 'shared') === v}>${t.visibilities[v]}</option>`)}
          </select>
        </label>
        <button type="submit">${note ? t.save : t.add}</button>
        ${note ? html`<button type="button" @click=${() => this.#stopEditing(note.id)}>${t.cancel}</button>` : nothing}
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kt-notes': KtNotes;
  }
}
