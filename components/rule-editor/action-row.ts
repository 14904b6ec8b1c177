import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { RuleAction } from '../../src/index.ts';
import { ACTION_TYPES, LIFECYCLES, newAction, TEMPERATURES, toCount, type ActionRow, type ActionType } from './rule-draft.ts';
import { fieldError, invalid, type FieldErrors, type RowContext } from './row-context.ts';

export interface ActionRowEvents {
  change(row: ActionRow): void;
  remove(): void;
}

const inputValue = (e: Event): string => (e.target as HTMLInputElement).value;

/** A field an action's type alone does not explain (a title, a number of days, a text) says what it is on screen. */
const labelled = (label: string, control: TemplateResult): TemplateResult => html`<label class="labelled">${label} ${control}</label>`;

/** The payload of an `emit_event` action as typed: an object, or undefined when the text is not one. */
export function parsePayload(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** One action of the rule: its type, and the fields that type takes. */
export function renderActionRow(row: ActionRow, index: number, ctx: RowContext, errors: FieldErrors, on: ActionRowEvents): TemplateResult {
  const { t } = ctx;
  const scope = `a${row.key}`;
  return html`<fieldset class="row" part="action">
    <legend class="visually-hidden">${t.actionLabel(index + 1)}</legend>
    <select aria-label=${t.actionType} part="action-type" @change=${(e: Event) => on.change({ key: row.key, action: newAction(inputValue(e) as ActionType, ctx.defaults) })}>
      ${ACTION_TYPES.map((type) => html`<option value=${type} ?selected=${type === row.action.type}>${t.actionTypes[type]}</option>`)}
    </select>
    ${keyed(row.action.type, renderFields(row, scope, ctx, errors, on))}
    <button type="button" part="remove" class="icon" aria-label=${t.removeAction(index + 1)} @click=${on.remove}>×</button>
    ${fieldError(scope, 'row', errors)}
  </fieldset>`;
}

function renderFields(row: ActionRow, scope: string, ctx: RowContext, errors: FieldErrors, on: ActionRowEvents): TemplateResult {
  const { t, all } = ctx;
  const action = row.action;
  const set = (patch: Record<string, unknown>) => on.change({ ...row, action: { ...action, ...patch } as RuleAction });
  const select = (field: string, label: string, current: string, options: readonly { value: string; label: string }[]) => {
    const state = invalid(scope, field, errors);
    return html`${labelled(
        label,
        html`<select aria-label=${label} aria-invalid=${state.invalid} aria-describedby=${state.describedBy} @change=${(e: Event) => set({ [field]: inputValue(e) })}>
          ${options.some((option) => option.value === current) ? nothing : html`<option value="" selected>${t.none}</option>`}
          ${options.map((option) => html`<option value=${option.value} ?selected=${option.value === current}>${option.label}</option>`)}
        </select>`,
      )}
      ${fieldError(scope, field, errors)}`;
  };
  const text = (field: string, label: string, current: string, options: { optional?: boolean; long?: boolean } = {}) => {
    const state = invalid(scope, field, errors);
    const update = (e: Event) => {
      const typed = inputValue(e);
      set({ [field]: options.optional && !typed ? undefined : typed });
    };
    return html`${labelled(
      label,
      options.long
        ? html`<textarea aria-label=${label} aria-invalid=${state.invalid} aria-describedby=${state.describedBy} .value=${current} @input=${update}></textarea>`
        : html`<input aria-label=${label} value=${current} aria-invalid=${state.invalid} aria-describedby=${state.describedBy} @input=${update} />`,
    )}${fieldError(scope, field, errors)}`;
  };
  const statuses = ctx.statuses.map((status) => ({ value: status.id, label: status.name }));
  const stars = ctx.stars.map((star) => ({ value: star.id, label: star.name }));
  switch (action.type) {
    case 'set_status':
      return select('statusId', t.status, action.statusId, statuses);
    case 'add_star':
    case 'remove_star':
      return select('starId', t.star, action.starId, stars);
    case 'set_lifecycle':
      return select('lifecycle', t.lifecycle, action.lifecycle, LIFECYCLES.map((each) => ({ value: each, label: all.lifecycle[each] })));
    case 'set_temperature':
      return select('temperature', t.temperature, action.temperature, TEMPERATURES.map((each) => ({ value: each, label: all.temperature[each] })));
    case 'add_tag':
      return text('tag', t.tag, action.tag);
    case 'add_note':
      return html`${text('text', t.text, action.text, { long: true })}
      ${labelled(
        t.notePriority,
        html`<select aria-label=${t.notePriority} @change=${(e: Event) => set({ priority: inputValue(e) === 'none' ? undefined : inputValue(e) })}>
          ${(['none', 'medium', 'high'] as const).map((priority) => html`<option value=${priority} ?selected=${(action.priority ?? 'none') === priority}>${all.notes.priorities[priority]}</option>`)}
        </select>`,
      )}`;
    case 'create_task': {
      const due = invalid(scope, 'dueInDays', errors);
      return html`${text('title', t.taskTitle, action.title)}
      ${labelled(
        t.dueInDays,
        html`<input
          type="number"
          min="0"
          step="1"
          class="number"
          aria-label=${t.dueInDays}
          value=${Number.isFinite(action.dueInDays) ? String(action.dueInDays) : ''}
          aria-invalid=${due.invalid}
          aria-describedby=${due.describedBy}
          @input=${(e: Event) => set({ dueInDays: toCount(inputValue(e)) })}
        />`,
      )}${fieldError(scope, 'dueInDays', errors)} ${text('assignee', t.assignee, action.assignee ?? '', { optional: true })}`;
    }
    case 'set_reminder':
      return text('text', t.text, action.text, { long: true });
    case 'emit_event': {
      const state = invalid(scope, 'payload', errors);
      return html`${labelled(
        t.payload,
        html`<textarea
          aria-label=${t.payload}
          class="json"
          aria-invalid=${state.invalid}
          aria-describedby=${state.describedBy}
          .value=${row.payloadText ?? JSON.stringify(action.payload ?? {}, null, 2)}
          @input=${(e: Event) => {
            const typed = inputValue(e);
            const payload = parsePayload(typed);
            on.change({ ...row, payloadText: typed, action: payload ? { type: 'emit_event', payload } : action });
          }}
        ></textarea>`,
      )}${fieldError(scope, 'payload', errors)}`;
    }
  }
}
