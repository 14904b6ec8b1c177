import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { SEED_LANGUAGES, isCrmError, type SeedLanguage, type Crm, type CrmEvent, type DryRunReport, type FieldIssue, type Rule, type RuleTemplate, type StarKind, type Status } from '../../src/index.ts';
import { fieldOfPath, issueText } from '../base/issue-text.ts';
import { KtElement } from '../base/kt-element.ts';
import { focusLost } from '../base/lost-focus.ts';
import { themeStyles } from '../base/theme.styles.ts';
import { feedbackStyles } from '../base/toast.ts';
import { KtRuleDeleteEvent } from '../events/rule-delete-event.ts';
import { KtRuleSaveEvent } from '../events/rule-save-event.ts';
import { parsePayload, renderActionRow } from './action-row.ts';
import { renderConditionRow } from './condition-row.ts';
import { renderDryRun, type DryRunSelection } from './dry-run-view.ts';
import { ruleEditorStyles } from './rule-editor.styles.ts';
import { renderRuleList, renderTemplateSelect } from './rule-list.ts';
import { conditionRowIndex, emptyDraft, newAction, newCondition, newKey, ruleOf, toDraft, TRIGGERS, type ConditionDraft, type RuleDraft } from './rule-draft.ts';
import { errorId, type FieldErrors, type RowContext } from './row-context.ts';
import { isCatalogEvent } from '../base/catalog.ts';
import { NewestRead } from '../base/newest-read.ts';
import { panelHeadingStyles } from '../base/panel-headings.styles.ts';
import type { Words } from '../base/words.ts';

const CURRENCIES = ['CZK', 'EUR', 'PLN', 'HUF', 'USD', 'GBP'] as const;
const DEBOUNCE = 300;

/** What the confirm dialog asks about. */
type Confirming = { kind: 'delete'; rule: Rule } | { kind: 'apply'; rule: Rule; preview?: DryRunReport } | { kind: 'discard' };

/**
 * Automation rules (B6): a list of the rules in run order, each with an on/off switch and
 * "Apply to existing", and an editor that builds a rule from dropdowns — trigger, conditions,
 * actions — showing live what its dry run matches on existing data, then saves, enables, applies
 * or deletes it. Both views live in this one element: `rule-id` opens a rule, no `rule-id` shows
 * the list (or, after "New rule" or "Start from template", the editor of an unsaved rule).
 *
 * Conditions are edited as one "all" or "any" group of rows, each a fact test that can be negated;
 * a stored rule that nests deeper is shown read-only as JSON and saved back unchanged.
 *
 * @tagname kt-rule-editor
 * @summary Build, preview, enable and apply automation rules.
 * @fires kt-rule-save - A rule was created, updated, enabled or disabled (`detail.rule`).
 * @fires kt-rule-delete - A rule was deleted (`detail.rule`).
 * @csspart list - The rule list.
 * @csspart toolbar - New rule and Start from template.
 * @csspart template - The "Start from template" label and select.
 * @csspart rules - The list of rules.
 * @csspart rule - One rule in the list.
 * @csspart rule-name - A rule's name in the list.
 * @csspart empty - "No rules yet".
 * @csspart new - The New rule button.
 * @csspart editor - The edit view.
 * @csspart fields - Name, trigger and priority.
 * @csspart conditions - The condition builder.
 * @csspart condition - One condition row.
 * @csspart not - A row's "not" checkbox.
 * @csspart fact - A row's fact select.
 * @csspart op - A row's comparison select.
 * @csspart choices - Checkboxes of a set value (statuses, lifecycles…).
 * @csspart json - Conditions too deep for the builder, read-only.
 * @csspart actions - The actions list.
 * @csspart action - One action row.
 * @csspart action-type - An action's type select.
 * @csspart remove - A row's remove button.
 * @csspart field-error - The SDK's message next to a field.
 * @csspart buttons - Save, Enable/Disable, Apply to existing, Delete.
 * @csspart save-error - By Save, why it was refused: fields to fix.
 * @csspart preview - The live dry run.
 * @csspart summary - "N of M records match · K clients would change".
 * @csspart progress - Shown while the dry run runs, and in the apply dialog.
 * @csspart matches - Matching records.
 * @csspart match - One matching record.
 * @csspart changes - What a match would change.
 * @csspart misses - Records that do not match.
 * @csspart miss - One record that does not match.
 * @csspart explanation - Why the selected record matches or not.
 * @csspart reason - One condition of the explanation, ✓ or ✗.
 * @csspart message - The outcome of the last action.
 * @csspart dialog - The confirm dialog (delete, apply to existing).
 */
export class KtRuleEditor extends KtElement {
  static override styles = [themeStyles, feedbackStyles, panelHeadingStyles, ruleEditorStyles];

  /** The rule to edit; without it the element shows the rule list. Set to a new rule's id after its first save. */
  @property({ attribute: 'rule-id', reflect: true }) ruleId?: string;

  /** How many matches and misses the dry run lists (all are counted). */
  @property({ attribute: 'dry-run-limit', type: Number }) dryRunLimit = 20;

  /** The currency of new money conditions; by default the one the templates use (from the default country). */
  @property() currency?: string;

  @state() private view: 'list' | 'edit' = 'list';
  @state() private rules: Rule[] | undefined;
  @state() private templates: RuleTemplate[] = [];
  /** The language `templates` were last asked for in. */
  #templatesIn: SeedLanguage | undefined;
  @state() private statuses: Status[] = [];
  @state() private stars: StarKind[] = [];
  /** The stored rule being edited; undefined for one not saved yet. */
  @state() private rule: Rule | undefined;
  @state() private draft: RuleDraft = emptyDraft();
  @state() private errors: FieldIssue[] = [];
  @state() private report: DryRunReport | undefined;
  @state() private checking = false;
  @state() private blocked = false;
  @state() private dryError: Words | undefined;
  @state() private selected: DryRunSelection | undefined;
  @state() private message: { text: Words; error?: boolean; conflict?: boolean } | undefined;
  /** A save was refused for the marked fields: said by Save until every one is fixed. */
  @state() private refused = false;
  @state() private confirming: Confirming | undefined;
  @state() private applying: { evaluated: number; total?: number } | undefined;

  @query('dialog') private dialog?: HTMLDialogElement;

  #timer: ReturnType<typeof setTimeout> | undefined;
  #run = 0;
  /** The draft as the editor opened or last saved it: leaving it as it is loses nothing. */
  #pristine = '';
  /** Opening a rule by id: a later open, a new rule or a template wins over a read still under way. */
  readonly #opening = new NewestRead();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override crmChanged(): void {
    void this.#loadCatalog();
    // A `rule-id` given before the CRM opens once the CRM is there.
    if (this.ruleId && this.ruleId !== this.rule?.id) void this.#open(this.ruleId);
    else if (this.view === 'edit') this.#scheduleDryRun(0);
  }

  protected override crmEvent(event: CrmEvent): void {
    if (isCatalogEvent(event)) void this.#loadCatalog();
    else if (event.type === 'rules.changed') void this.#loadRules();
    // The templates' amounts are in the currency of the shop's country: a new country reads them again.
    else if (event.type === 'settings.changed') void this.#loadTemplates();
    else if (this.view === 'edit' && /^(client|order|clients)\./.test(event.type) && !this.applying) this.#scheduleDryRun();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The templates speak the UI's language: a switch of it reads them again.
    if (this.#templatesIn !== undefined && this.#templatesIn !== this.#templateLanguage) void this.#loadTemplates();
    // Every field fixed: the reason Save gave goes.
    if (!this.errors.length) this.refused = false;
    if (changed.has('ruleId')) {
      if (this.ruleId && this.ruleId !== this.rule?.id) void this.#open(this.ruleId);
      else if (!this.ruleId && changed.get('ruleId') && this.rule) void this.#showList();
    }
  }

  async #loadCatalog(): Promise<void> {
    const crm = this.activeCrm;
    if (!crm) return;
    [this.statuses, this.stars] = await Promise.all([crm.statuses.list(), crm.stars.list(), this.#loadTemplates()]);
    await this.#loadRules();
  }

  /** The language templates come in: the UI's, where the SDK has it. */
  get #templateLanguage(): SeedLanguage {
    const base = this.language.split('-')[0]!.toLowerCase();
    return SEED_LANGUAGES.find((language) => language === base) ?? 'en';
  }

  async #loadTemplates(): Promise<void> {
    const crm = this.activeCrm;
    if (!crm) return;
    const language = (this.#templatesIn = this.#templateLanguage);
    const templates = await crm.rules.templates({ language });
    if (language === this.#templatesIn) this.templates = templates;
  }

  async #loadRules(): Promise<void> {
    const crm = this.activeCrm;
    if (!crm) return;
    try {
      this.rules = await crm.rules.list();
    } catch (error) {
      this.rules = [];
      this.message = { text: this.failure(error), error: true };
    }
  }

  async #open(id: string): Promise<void> {
    const crm = this.activeCrm;
    if (!crm) return;
    await this.#opening.run(
      () => crm.rules.get(id),
      (rule) => this.#edit(rule),
      (error) => (this.message = { text: this.failure(error), error: true }),
    );
  }

  #edit(rule: Rule | undefined, draft: RuleDraft = rule ? toDraft(rule) : emptyDraft()): void {
    this.#opening.drop();
    this.rule = rule;
    this.ruleId = rule?.id;
    this.draft = draft;
    this.#pristine = JSON.stringify(draft);
    this.errors = [];
    this.report = undefined;
    this.selected = undefined;
    this.message = undefined;
    this.view = 'edit';
    this.#scheduleDryRun(0);
  }

  /** Whether leaving the editor would lose something typed since it opened or saved, a payload not yet valid JSON included. */
  #unsaved(): boolean {
    return JSON.stringify(this.draft) !== this.#pristine;
  }

  /** Opens the editor at the user's asking: the control pressed may be gone with the list, so the keyboard goes to the name. */
  async #start(rule: Rule | undefined, draft?: RuleDraft): Promise<void> {
    this.#edit(rule, draft);
    await this.#focus('input[part="name"]');
  }

  #back(): void {
    if (this.#unsaved()) void this.#ask({ kind: 'discard' });
    else void this.#showList();
  }

  /**
   * The list again. The keyboard, dropped with the editor, goes to the rule's Edit button, or to the
   * list's heading for a rule deleted or never saved; the list is read first, so as not to land on
   * a row that is about to go.
   */
  async #showList(): Promise<void> {
    const id = this.rule?.id;
    clearTimeout(this.#timer);
    this.#run += 1;
    this.view = 'list';
    this.rule = undefined;
    this.ruleId = undefined;
    this.checking = false;
    await this.#loadRules();
    await this.updateComplete;
    if (!focusLost(this)) return;
    const row = id === undefined ? null : this.renderRoot.querySelector<HTMLElement>(`[data-edit="${CSS.escape(id)}"]`);
    (row ?? this.renderRoot.querySelector<HTMLElement>('#list-title'))?.focus();
  }

  async #startFromTemplate(key: string): Promise<void> {
    const template = this.templates.find((each) => each.key === key);
    if (template) await this.#start(undefined, toDraft(template.rule));
  }

  async #newRule(): Promise<void> {
    const draft = emptyDraft();
    draft.actions = [{ key: newKey(), action: newAction('set_status', this.#defaults) }];
    await this.#start(undefined, draft);
  }

  get #defaults(): RowContext['defaults'] {
    const fromTemplate = this.templates.map((template) => template.rule.conditions as { currency?: string } | undefined).find((condition) => condition?.currency)?.currency;
    return {
      currency: this.currency ?? fromTemplate ?? 'EUR',
      ...(this.statuses[0] ? { statusId: this.statuses[0].id } : {}),
      ...(this.stars[0] ? { starId: this.stars[0].id } : {}),
    };
  }

  #change(draft: RuleDraft, touched?: 'name'): void {
    this.draft = draft;
    if (touched === 'name') this.errors = this.errors.filter((issue) => issue.path[0] !== 'name');
    this.#scheduleDryRun();
  }

  #setConditions(conditions: ConditionDraft): void {
    this.#change({ ...this.draft, conditions });
  }

  /** Problems the form knows of before asking the SDK: a payload that is not JSON. */
  #localErrors(): FieldIssue[] {
    return this.draft.actions.flatMap((row, index) => (row.payloadText !== undefined && !parsePayload(row.payloadText) ? [{ path: ['actions', index, 'payload'], message: this.t.ruleEditor.badJson }] : []));
  }

  #scheduleDryRun(delay = DEBOUNCE): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#dryRun(), delay);
  }

  async #dryRun(): Promise<void> {
    const crm = this.activeCrm;
    if (!crm || this.view !== 'edit') return;
    const run = ++this.#run;
    const local = this.#localErrors();
    const kept = this.errors.filter((issue) => issue.path[0] === 'name');
    if (local.length) {
      this.errors = [...kept, ...local];
      this.blocked = true;
      this.checking = false;
      return;
    }
    this.checking = true;
    // The name does not change what the rule matches: an unnamed draft is previewed too.
    const input = { ...ruleOf(this.draft, true), name: this.draft.name.trim() || this.t.ruleEditor.newTitle };
    try {
      const report = await crm.rules.dryRun(input, { limit: this.dryRunLimit });
      if (run !== this.#run) return;
      this.report = report;
      this.errors = kept;
      this.blocked = false;
      this.dryError = undefined;
      if (this.selected && !report[this.selected.list][this.selected.index]) this.selected = undefined;
    } catch (error) {
      if (run !== this.#run) return;
      if (isCrmError(error) && error.code === 'validation') {
        this.errors = [...kept, ...error.fields.map((issue) => ({ ...issue, path: issue.path[0] === 'rule' ? issue.path.slice(1) : issue.path }))];
        this.blocked = true;
      } else {
        this.dryError = this.failure(error);
      }
    } finally {
      if (run === this.#run) this.checking = false;
    }
  }

  /**
   * An issue in the user's words, as the SDK's are English: by its kind and bound, as every field
   * of the kit says them (a blank name, a number out of range, no status ticked). A rule without
   * actions says what to add; an issue of no kind (a status the store lacks) keeps the SDK's
   * words, and zod's generic "Invalid input" becomes the kit's own.
   */
  #say(issue: FieldIssue | undefined, field?: string): string | undefined {
    if (!issue) return undefined;
    if (issue.path.length === 1 && issue.path[0] === 'actions' && issue.code === 'too_small') return this.t.ruleEditor.needsAction;
    if (issue.code !== undefined) return issueText(field ?? fieldOfPath(issue.path), issue, this.language);
    return issue.message === 'Invalid input' ? this.t.ruleEditor.invalid : issue.message;
  }

  /** The first issue `match` picks, worded; `field` says what its value is where the path's last name does not (a condition's `value`). */
  #issue(match: (path: FieldIssue['path']) => boolean, field?: string): string | undefined {
    return this.#say(this.errors.find((issue) => match(issue.path)), field);
  }

  #conditionErrors(index: number): FieldErrors {
    const draft = this.draft.conditions;
    // A tax-ID country condition's value is a list of country codes: said as a country field is.
    const fact = draft.kind === 'rows' ? draft.rows[index]?.condition.fact : undefined;
    return (field) =>
      this.#issue(
        (path) => {
          if (conditionRowIndex(draft, path) !== index) return false;
          const rest = path.slice(path[1] === 'all' || path[1] === 'any' ? 3 : 1).filter((key) => key !== 'not');
          const named = rest.find((key): key is string => typeof key === 'string');
          return (named ?? 'row') === field;
        },
        fact === 'client.taxCountry' && field === 'value' ? 'country' : undefined,
      );
  }

  #actionErrors(index: number): FieldErrors {
    return (field) => this.#issue((path) => path[0] === 'actions' && path[1] === index && ((path[2] as string | undefined) ?? 'row') === field);
  }

  get #rowContext(): RowContext {
    return {
      t: this.t.ruleEditor,
      all: this.t,
      statuses: this.statuses,
      stars: this.stars,
      currencies: CURRENCIES,
      defaults: this.#defaults,
      money: (minor, currency) => this.money(minor, currency),
      number: (value) => this.number(value),
      plural: (forms, count) => this.plural(forms, count),
    };
  }

  async #act(action: (crm: Crm) => Promise<void>): Promise<void> {
    const crm = this.activeCrm;
    if (!crm) return;
    try {
      await action(crm);
    } catch (error) {
      if (isCrmError(error) && error.code === 'conflict') this.message = { text: () => this.t.ruleEditor.conflict, error: true, conflict: true };
      else this.message = { text: this.failure(error), error: true };
    }
  }

  /** Refuses a save: marks the fields, says why by Save, and puts the keyboard on the first field to fix. */
  async #refuse(issues: FieldIssue[]): Promise<void> {
    this.errors = issues;
    this.refused = true;
    this.message = undefined;
    // A set of checkboxes is marked on its fieldset: its first box takes the keyboard.
    await this.#focus('[aria-invalid="true"], fieldset.choices[aria-describedby] input');
  }

  #save(): Promise<void> {
    return this.#act(async (crm) => {
      const local = this.#localErrors();
      if (local.length) return this.#refuse(local);
      const input = ruleOf(this.draft);
      let saved: Rule;
      try {
        if (this.rule) {
          const { template: _template, ...patch } = input;
          saved = await crm.rules.update(this.rule.id, patch, { expectedVersion: this.rule.version });
        } else {
          saved = await crm.rules.create(input);
        }
      } catch (error) {
        if (isCrmError(error) && error.code === 'validation') return this.#refuse(error.fields);
        throw error;
      }
      this.rule = saved;
      this.ruleId = saved.id;
      this.#pristine = JSON.stringify(this.draft);
      this.errors = [];
      this.message = { text: () => this.t.ruleEditor.saved };
      this.emit(new KtRuleSaveEvent(saved));
    });
  }

  #setEnabled(rule: Rule, enabled: boolean): Promise<void> {
    return this.#act(async (crm) => {
      const saved = enabled ? await crm.rules.enable(rule.id) : await crm.rules.disable(rule.id);
      if (this.rule?.id === saved.id) this.rule = saved;
      this.message = { text: () => (enabled ? this.t.ruleEditor.isEnabled : this.t.ruleEditor.isDisabled) };
      this.emit(new KtRuleSaveEvent(saved));
      await this.#loadRules();
    });
  }

  async #reload(): Promise<void> {
    if (this.rule) await this.#open(this.rule.id);
  }

  async #ask(confirming: Confirming): Promise<void> {
    this.confirming = confirming;
    await this.updateComplete;
    this.dialog?.showModal();
    if (confirming.kind === 'apply') {
      // How much it would do, said before the admin confirms.
      const crm = this.activeCrm;
      const preview = await crm?.rules.dryRun(confirming.rule.id, { limit: 0 }).catch(() => undefined);
      if (this.confirming === confirming && preview) this.confirming = { ...confirming, preview };
    }
  }

  async #confirm(): Promise<void> {
    const confirming = this.confirming;
    if (!confirming) return;
    if (confirming.kind === 'discard') {
      this.dialog?.close();
      await this.#showList();
      return;
    }
    if (confirming.kind === 'delete') {
      this.dialog?.close();
      await this.#act(async (crm) => {
        await crm.rules.delete(confirming.rule.id, { expectedVersion: confirming.rule.version });
        this.emit(new KtRuleDeleteEvent(confirming.rule));
        this.message = { text: () => this.t.ruleEditor.deleted };
        await this.#showList();
      });
      return;
    }
    const total = confirming.preview?.evaluated;
    this.applying = { evaluated: 0, ...(total !== undefined ? { total } : {}) };
    await this.#act(async (crm) => {
      const report = await crm.rules.applyToExisting(confirming.rule.id, {
        onProgress: (progress) => (this.applying = { evaluated: progress.evaluated, ...(total !== undefined ? { total: Math.max(total, progress.evaluated) } : {}) }),
      });
      this.message = { text: () => `${this.plural(this.t.ruleEditor.applied, report.fired)} ${this.plural(this.t.ruleEditor.clientsChanged, report.clientsChanged)}` };
    });
    this.applying = undefined;
    this.dialog?.close();
    if (this.view === 'edit') this.#scheduleDryRun(0);
  }

  protected override render(): TemplateResult {
    const t = this.t.ruleEditor;
    return html`
      ${this.view === 'list' ? html`<h2 class="visually-hidden">${t.title}</h2>` : nothing}
      <div role="status" class="message-region">${this.message && !this.message.error ? html`<p class="message" part="message">${this.message.text()}</p>` : nothing}</div>
      ${this.message?.error
        ? html`<p class="message error" part="message" role="alert">
            ${this.message.text()} ${this.message.conflict ? html`<button type="button" @click=${this.#reload}>${t.reload}</button>` : nothing}
          </p>`
        : nothing}
      ${this.view === 'list'
        ? renderRuleList(this.rules, this.templates, t, {
            create: () => void this.#newRule(),
            fromTemplate: (key) => void this.#startFromTemplate(key),
            edit: (rule) => void this.#start(rule),
            toggle: (rule, enabled) => void this.#setEnabled(rule, enabled),
            apply: (rule) => void this.#ask({ kind: 'apply', rule }),
          }, this.isAdmin)
        : this.#renderEditor()}
      ${this.#renderDialog()}
    `;
  }

  #renderEditor(): TemplateResult {
    const t = this.t.ruleEditor;
    const ctx = this.#rowContext;
    const draft = this.draft;
    const rule = this.rule;
    const dirty = this.#unsaved();
    const nameError = this.#issue((path) => path[0] === 'name' && path.length === 1);
    const priorityError = this.#issue((path) => path[0] === 'priority');
    return html`<div part="editor">
      <div class="toolbar">
        <h2>${rule ? t.editTitle(rule.name) : t.newTitle}</h2>
        <button type="button" part="back" @click=${this.#back}>${t.back}</button>
      </div>
      <div class="layout">
        <fieldset class="plain" ?disabled=${!this.isAdmin} aria-describedby=${this.isAdmin ? nothing : 'admins-only'}>
          ${this.isAdmin ? nothing : html`<p class="muted" part="admins-only" id="admins-only">${t.adminsOnly}</p>`}
          <section class="panel" aria-labelledby="rule-title">
            <h3 id="rule-title" class="visually-hidden">${t.name}</h3>
            ${rule ? nothing : html`<div class="line">${renderTemplateSelect(this.templates, draft.template, t, (key) => void this.#startFromTemplate(key))}</div>`}
            <div class="fields" part="fields">
              <div class="field name">
                <label
                  >${t.name}
                  <input
                    part="name"
                    required
                    .value=${draft.name}
                    aria-invalid=${nameError ? 'true' : 'false'}
                    aria-describedby=${nameError ? errorId('rule', 'name') : nothing}
                    @input=${(e: Event) => this.#change({ ...draft, name: (e.target as HTMLInputElement).value }, 'name')}
                /></label>
                ${nameError ? html`<span class="field-error" part="field-error" id=${errorId('rule', 'name')}>${nameError}</span>` : nothing}
              </div>
              <label
                >${t.trigger}
                <select part="trigger" @change=${(e: Event) => this.#change({ ...draft, trigger: (e.target as HTMLSelectElement).value as RuleDraft['trigger'] })}>
                  ${TRIGGERS.map((trigger) => html`<option value=${trigger} ?selected=${trigger === draft.trigger}>${t.triggers[trigger]}</option>`)}
                </select></label
              >
              <label
                >${t.priority}
                <input
                  part="priority"
                  class="number"
                  type="number"
                  step="1"
                  min="-1000"
                  max="1000"
                  value=${String(draft.priority)}
                  aria-describedby="priority-hint"
                  @input=${(e: Event) => this.#change({ ...draft, priority: (e.target as HTMLInputElement).valueAsNumber })}
              /></label>
              <span class="hint" id="priority-hint">${t.priorityHint}</span>
              ${priorityError ? html`<span class="field-error" part="field-error">${t.priority}: ${priorityError}</span>` : nothing}
            </div>
          </section>
          ${this.#renderConditions(ctx)} ${this.#renderActions(ctx)}
          <div class="buttons" part="buttons">
            <button type="button" class="primary" part="save" @click=${this.#save}>${t.save}</button>
            <button type="button" part="toggle" ?disabled=${!rule || dirty} aria-describedby="rule-state" @click=${() => rule && this.#setEnabled(rule, !rule.enabled)}>
              ${rule?.enabled ? t.disable : t.enable}
            </button>
            <button type="button" part="apply" ?disabled=${!rule || dirty} aria-describedby="rule-state" @click=${() => rule && this.#ask({ kind: 'apply', rule })}>${t.applyExisting}</button>
            <button type="button" class="danger" part="delete" ?disabled=${!rule} @click=${() => rule && this.#ask({ kind: 'delete', rule })}>${t.delete}</button>
            <span class="hint" id="rule-state">${!rule || dirty ? t.saveFirst : rule.enabled ? t.isEnabled : t.isDisabled}</span>
            ${this.refused ? html`<p class="message error" part="save-error" role="alert">${t.fixToSave}</p>` : nothing}
          </div>
        </fieldset>
        ${renderDryRun(
          { report: this.report, checking: this.checking, blocked: this.blocked, error: this.dryError?.(), selected: this.selected },
          ctx,
          (selection) => (this.selected = selection),
        )}
      </div>
    </div>`;
  }

  #renderConditions(ctx: RowContext): TemplateResult {
    const t = this.t.ruleEditor;
    const conditions = this.draft.conditions;
    const groupError = this.#issue((path) => path[0] === 'conditions' && conditionRowIndex(conditions, path) === 'group');
    return html`<section class="panel" part="conditions" aria-labelledby="conditions-title">
      <h3 id="conditions-title">${t.conditions}</h3>
      ${conditions.kind === 'advanced'
        ? html`<p class="hint">${t.advanced}</p>
            <pre part="json" tabindex="0" aria-label=${t.conditions}>${JSON.stringify(conditions.tree, null, 2)}</pre>`
        : html`<label class="line"
              >${t.match}
              <select part="mode" @change=${(e: Event) => this.#setConditions({ ...conditions, mode: (e.target as HTMLSelectElement).value as 'all' | 'any' })}>
                <option value="all" ?selected=${conditions.mode === 'all'}>${t.modes.all}</option>
                <option value="any" ?selected=${conditions.mode === 'any'}>${t.modes.any}</option>
              </select></label
            >
            ${conditions.rows.length ? nothing : html`<p class="hint">${t.noConditions}</p>`}
            ${repeat(
              conditions.rows,
              (row) => row.key,
              (row, index) =>
                renderConditionRow(row, index, ctx, this.#conditionErrors(index), {
                  change: (next) => this.#setConditions({ ...conditions, rows: conditions.rows.map((each) => (each.key === row.key ? next : each)) }),
                  remove: () => {
                    this.#setConditions({ ...conditions, rows: conditions.rows.filter((each) => each.key !== row.key) });
                    this.#focus('button[part="add-condition"]');
                  },
                }),
            )}
            ${groupError ? html`<p class="field-error" part="field-error">${groupError}</p>` : nothing}
            <button
              type="button"
              part="add-condition"
              @click=${() => {
                this.#setConditions({ ...conditions, rows: [...conditions.rows, { key: newKey(), not: false, condition: newCondition('client.status', ctx.defaults) }] });
                this.#focus('fieldset[part="condition"]:last-of-type select[part="fact"]');
              }}
            >
              ${t.addCondition}
            </button>`}
    </section>`;
  }

  #renderActions(ctx: RowContext): TemplateResult {
    const t = this.t.ruleEditor;
    const actions = this.draft.actions;
    const listError = this.#issue((path) => path[0] === 'actions' && path.length === 1);
    return html`<section class="panel" part="actions" aria-labelledby="actions-title">
      <h3 id="actions-title">${t.actions}</h3>
      ${actions.length ? nothing : html`<p class="hint">${t.noActions}</p>`}
      ${repeat(
        actions,
        (row) => row.key,
        (row, index) =>
          renderActionRow(row, index, ctx, this.#actionErrors(index), {
            change: (next) => this.#change({ ...this.draft, actions: actions.map((each) => (each.key === row.key ? next : each)) }),
            remove: () => {
              this.#change({ ...this.draft, actions: actions.filter((each) => each.key !== row.key) });
              this.#focus('button[part="add-action"]');
            },
          }),
      )}
      ${listError ? html`<p class="field-error" part="field-error">${listError}</p>` : nothing}
      <button
        type="button"
        part="add-action"
        @click=${() => {
          this.#change({ ...this.draft, actions: [...actions, { key: newKey(), action: newAction('set_status', ctx.defaults) }] });
          this.#focus('fieldset[part="action"]:last-of-type select[part="action-type"]');
        }}
      >
        ${t.addAction}
      </button>
    </section>`;
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #renderDialog(): TemplateResult {
    const t = this.t.ruleEditor;
    const confirming = this.confirming;
    const applying = this.applying;
    const question = !confirming
      ? ''
      : confirming.kind === 'discard'
        ? t.confirmDiscard
        : confirming.kind === 'delete'
          ? t.confirmDelete(confirming.rule.name)
          : t.confirmApply(confirming.rule.name);
    const destructive = confirming?.kind === 'delete' || confirming?.kind === 'discard';
    const preview = confirming?.kind === 'apply' ? confirming.preview : undefined;
    return html`<dialog
      part="dialog"
      aria-label=${question}
      @cancel=${(e: Event) => applying && e.preventDefault()}
      @close=${() => {
        if (!this.applying) this.confirming = undefined;
      }}
    >
      <p>${question}</p>
      ${preview
        ? html`<p class="muted">
            ${t.recordsMatch(this.number(preview.matched), this.number(preview.evaluated))} · ${this.plural(t.clientsChange, preview.clientsChanged)}${preview.alreadyFired
              ? ` · ${t.alreadyFired(this.number(preview.alreadyFired))}`
              : ''}
          </p>`
        : nothing}
      ${applying
        ? html`<p role="status">${t.applying}</p>
            ${applying.total !== undefined
              ? html`<progress part="progress" aria-label=${t.applying} max=${Math.max(applying.total, 1)} .value=${applying.evaluated}></progress>`
              : html`<progress part="progress" aria-label=${t.applying}></progress>`}`
        : nothing}
      <form method="dialog" class="line">
        <button value="cancel" ?disabled=${!!applying} autofocus>${t.cancel}</button>
        <button
          type="button"
          part="confirm"
          class=${destructive ? 'danger' : 'primary'}
          ?disabled=${!!applying || (confirming?.kind === 'apply' && preview?.matched === 0)}
          @click=${this.#confirm}
        >
          ${confirming?.kind === 'discard' ? t.discard : confirming?.kind === 'delete' ? t.delete : t.apply}
        </button>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kt-rule-editor': KtRuleEditor;
  }
}
