import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
// Keyed rows: a completed task moves down the list with its own checkbox.
import { repeat } from 'lit/directives/repeat.js';
import type { CrmEvent, Task } from '../../src/index.ts';
import { KtElement } from '../base/kt-element.ts';
import { themeStyles } from '../base/theme.styles.ts';
import { feedbackStyles } from '../base/toast.ts';
import { Toaster } from '../base/toaster.ts';
import { focusLost } from '../base/lost-focus.ts';
import { taskListStyles } from './task-list.styles.ts';
import { NewestRead } from '../base/newest-read.ts';
import { KtClientOpenEvent } from '../events/client-open-event.ts';
import type { Words } from '../base/words.ts';

type Row = Task & { overdue: boolean };

/** The end of the local day `date` (`2026-11-05`) falls in, as a UTC ISO string. */
const endOfDay = (date: string) => new Date(`${date}T23:59:59.999`).toISOString();
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** Open overdue tasks first, then the other open ones, then the done ones; each group by due time. */
const byUrgency = (a: Row, b: Row) =>
  Number(a.done) - Number(b.done) || Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due) || a.id.localeCompare(b.id);

/**
 * The tasks of a client (with `client-id`), or, without it, the open tasks due by the end of
 * today for everyone or for one `assignee` (A7, W6). Overdue tasks come first and say so.
 * A checkbox completes or reopens a task (Space on it, as on any checkbox); with `client-id` a
 * small form adds one, due at the end of the chosen local day. A task completed in the due list
 * stays on screen, ticked, so it can be reopened.
 *
 * @tagname kt-task-list
 * @fires kt-client-open - A task's client name in the due list was activated: `clientId`.
 * @summary A client's tasks, or the tasks due, with complete/reopen and add.
 * @csspart heading - The title.
 * @csspart list - The list of tasks.
 * @csspart task - Each task; `task overdue` / `task done` by state.
 * @csspart checkbox - A task's complete/reopen checkbox.
 * @csspart title - A task's title.
 * @csspart badge - The "Overdue" mark.
 * @csspart due - A task's due date.
 * @csspart assignee - A task's assignee.
 * @csspart client - In the due list, the name of the task's client: a button that opens it.
 * @csspart empty - The empty-state text.
 * @csspart error - An error message.
 * @csspart form - The new-task form.
 * @csspart toast - The message after an action, with its undo.
 * @cssproperty --kt-task-overdue - Colour of overdue marks (the danger colour by default).
 */
export class KtTaskList extends KtElement {
  /** The shared tokens, then the list's own styles. */
  static override styles = [themeStyles, feedbackStyles, taskListStyles];

  /** The client whose tasks these are; without it the list shows the tasks due. */
  @property({ attribute: 'client-id', reflect: true }) clientId = '';

  /** Without `client-id`: only the tasks due of this user id (everyone's when empty). */
  @property({ reflect: true }) assignee = '';

  /** How long a confirmation stays on screen, in milliseconds (0: until closed). */
  @property({ type: Number, attribute: 'toast-duration' }) toastDuration = 6000;

  @state() private tasks: Row[] | undefined;
  @state() private error: Words | undefined;
  /** In the due list, the names of the tasks' clients. */
  @state() private clientNames = new Map<string, string>();
  /** A client was merged, renamed or deleted: the next read asks for every name afresh. */
  #namesStale = false;

  /** Tasks completed in the due list: no longer due, kept on screen so they can be reopened. */
  #kept = new Map<string, Task>();
  readonly #reads = new NewestRead();
  // A toast closed from the keyboard hands the focus to the first task, else the new-task field.
  readonly #toasts = new Toaster(this, { duration: () => this.toastDuration, refocus: () => this.renderRoot.querySelector('input')?.focus() });

  protected override crmChanged(): void {
    void this.#load();
  }

  protected override crmEvent(event: CrmEvent): void {
    // The due list names clients: a merge moves their tasks (telling no task event), a rename or delete changes the name.
    if (!this.clientId && (event.type === 'clients.merged' || event.type === 'client.updated' || event.type === 'client.deleted')) {
      this.#namesStale = true;
      void this.#load();
      return;
    }
    if (!('task' in event)) return;
    const kept = this.#kept.get(event.task.id);
    // Another tab's late batch can tell of a version older than the one kept.
    if (kept && event.task.version >= kept.version) {
      if (event.type === 'task.deleted' || !event.task.done) this.#kept.delete(event.task.id);
      else this.#kept.set(event.task.id, event.task);
    }
    if (!this.clientId || event.task.clientId === this.clientId) void this.#load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('clientId') || changed.has('assignee')) && this.hasUpdated) {
      this.tasks = undefined;
      this.#kept.clear();
      // What was said was about the previous client's tasks.
      this.#toasts.clear();
      this.error = undefined;
      void this.#load();
    }
  }

  /** Reads the tasks; only the newest read lands. */
  async #load(): Promise<void> {
    const crm = this.activeCrm;
    if (!crm) return;
    await this.#reads.run(
      async () => {
        const now = new Date().toISOString();
        let rows: Row[];
        if (this.clientId) {
          rows = (await crm.tasks.list({ clientId: this.clientId })).map((task) => ({ ...task, overdue: !task.done && task.due < now }));
        } else {
          const due = await crm.tasks.due(endOfDay(today()), this.assignee ? { assignee: this.assignee } : undefined);
          const open = new Set(due.map((task) => task.id));
          rows = [...due, ...[...this.#kept.values()].filter((task) => !open.has(task.id)).map((task) => ({ ...task, overdue: false }))];
        }
        return { rows, names: this.clientId ? new Map<string, string>() : await this.#clientNames(rows) };
      },
      ({ rows, names }) => {
        this.clientNames = names;
        this.tasks = rows.sort(byUrgency);
        this.error = undefined;
      },
      (error) => (this.error = this.failure(error)),
    );
  }

  /** The names of the clients the tasks hang on; a client that cannot be read is left out. */
  async #clientNames(rows: Row[]): Promise<Map<string, string>> {
    const crm = this.activeCrm!;
    const cached = this.#namesStale ? new Map<string, string>() : this.clientNames;
    this.#namesStale = false;
    const ids = [...new Set(rows.flatMap((task) => (task.clientId ? [task.clientId] : [])))];
    const names = new Map<string, string>();
    await Promise.all(
      ids.map(async (id) => {
        const known = cached.get(id);
        if (known) return names.set(id, known);
        try {
          names.set(id, (await crm.clients.get(id)).name);
        } catch {
          // Gone or not visible: the task still shows, without a client name.
        }
        return undefined;
      }),
    );
    return names;
  }

  async #run<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await action();
      this.error = undefined;
      await this.#load();
      return result;
    } catch (error) {
      this.error = this.failure(error);
      return undefined;
    }
  }

  async #toggle(task: Task, done: boolean): Promise<void> {
    const crm = this.activeCrm;
    if (!crm) return;
    // Moving the row to its new place drops the focus: give it back to the same task's checkbox.
    this.#refocus = task.id;
    if (done) {
      const completed = await this.#run(async () => {
        const result = await crm.tasks.complete(task.id, { expectedVersion: task.version });
        if (!this.clientId) this.#kept.set(result.id, result);
        return result;
      });
      if (completed) this.#toasts.show({ message: () => this.t.tasks.completed(task.title), undo: () => this.#undoCompletion(completed) });
    } else if (await this.#reopen(task)) {
      this.#toasts.show({ message: () => this.t.tasks.reopened(task.title) });
    }
    // A refused change puts the box back as the task is (`live` compares with the DOM).
    this.requestUpdate();
  }

  /** Undo from the toast: the keyboard goes to the task's checkbox, and stays with it as the list re-sorts. */
  async #undoCompletion(task: Task): Promise<void> {
    this.#checkbox(task.id)?.focus();
    if (await this.#reopen(task)) this.#refocus = task.id;
    this.requestUpdate();
  }

  #checkbox(taskId: string): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`#task-${CSS.escape(taskId)}-box`);
  }

  async #reopen(task: Task): Promise<Task | undefined> {
    const crm = this.activeCrm;
    if (!crm) return undefined;
    return this.#run(async () => {
      const result = await crm.tasks.reopen(task.id, { expectedVersion: task.version });
      this.#kept.delete(task.id);
      return result;
    });
  }

  async #add(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const crm = this.activeCrm;
    if (!crm || !this.clientId) return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    const due = String(data.get('due') ?? '');
    const assignee = String(data.get('assignee') ?? '').trim();
    const clientId = this.clientId;
    const created = await this.#run(() => crm.tasks.create({ clientId, title, due: due ? endOfDay(due) : '', ...(assignee ? { assignee } : {}) }));
    if (created) {
      form.reset();
      this.#toasts.show({ message: () => this.t.tasks.added(created.title) });
    }
  }

  protected override render(): TemplateResult {
    const t = this.t.tasks;
    const tasks = this.tasks;
    return html`
      <h3 part="heading" id="heading">${this.clientId ? t.title : t.dueTitle}</h3>
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error()}</p>` : nothing}
      ${tasks?.length === 0 ? html`<p class="empty" part="empty">${this.clientId ? t.empty : t.emptyDue}</p>` : nothing}
      ${tasks?.length ? html`<ul part="list" aria-labelledby="heading">${repeat(tasks, (task) => task.id, (task) => this.#row(task))}</ul>` : nothing}
      ${this.clientId ? this.#form() : nothing}
      ${this.#toasts.render({ undo: t.undo, close: t.close }, (undo) => {
        this.#toasts.clear();
        void undo();
      })}
    `;
  }

  #refocus: string | undefined;

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#refocus === undefined) return;
    const box = this.#checkbox(this.#refocus);
    if (!box) return;
    this.#refocus = undefined;
    // Only when the move dropped it, never taking the focus from where the user has put it since.
    if (focusLost(this)) box.focus();
  }

  #row(task: Row): TemplateResult {
    const t = this.t.tasks;
    const state = task.done ? 'done' : task.overdue ? 'overdue' : '';
    const id = `task-${task.id}`;
    return html`<li class=${state} part=${`task ${state}`.trim()}>
      <label class="check">
        <input
          id=${`${id}-box`}
          type="checkbox"
          part="checkbox"
          .checked=${live(task.done)}
          aria-describedby=${`${id}-meta`}
          @change=${(e: Event) => this.#toggle(task, (e.target as HTMLInputElement).checked)}
        />
        <span class="title" part="title">${task.title}</span>
      </label>
      ${task.overdue ? html`<span class="badge" part="badge">${t.overdue}</span>` : nothing}
      <span class="meta" id=${`${id}-meta`}>
        ${task.done ? html`<span>${t.done} · </span>` : nothing}
        <span>${t.due} </span><time part="due" datetime=${task.due}>${this.date(task.due)}</time>
        · <span part="assignee">${this.person(task.assignee)}</span>
        ${!this.clientId && task.clientId && this.clientNames.has(task.clientId)
          ? html` · <button type="button" class="client" part="client" @click=${() => this.emit(new KtClientOpenEvent(task.clientId!))}>${this.clientNames.get(task.clientId)}</button>`
          : nothing}
      </span>
    </li>`;
  }

  #form(): TemplateResult {
    const t = this.t.tasks;
    return html`<form part="form" aria-label=${t.newTask} @submit=${this.#add}>
      <label class="grow">${t.taskTitle}<input name="title" required maxlength="200" autocomplete="off" /></label>
      <label>${t.due}<input name="due" type="date" required value=${today()} /></label>
      <label>${t.assignee}<input name="assignee" maxlength="100" placeholder=${t.assigneeHint} autocomplete="off" /></label>
      <button type="submit">${t.add}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kt-task-list': KtTaskList;
  }
}
