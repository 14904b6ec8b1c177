import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { RuleFactCondition } from '../../src/index.ts';
import { FACTS, LIFECYCLES, newCondition, opsOf, PAYMENT_STATES, TEMPERATURES, toCount, toMajor, toMinor, type ConditionRow, type Fact } from './rule-draft.ts';
import { fieldError, invalid, type FieldErrors, type RowContext } from './row-context.ts';

export interface ConditionRowEvents {
  change(row: ConditionRow): void;
  remove(): void;
}

const inputValue = (e: Event): string => (e.target as HTMLInputElement).value;
const list = (text: string, upper = false): string[] =>
  text
    .split(',')
    .map((part) => (upper ? part.trim().toUpperCase() : part.trim()))
    .filter(Boolean);
/** A custom field value as typed: a number when it reads as one, else the text. */
const customValue = (text: string): string | number => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);

/**
 * One row of the condition builder: "not", the fact, its comparison and a value input that suits
 * the fact (checkboxes for a set, a select for a star, numbers for counts and days, amount and
 * currency for money).
 */
export function renderConditionRow(row: ConditionRow, index: number, ctx: RowContext, errors: FieldErrors, on: ConditionRowEvents): TemplateResult {
  const { t } = ctx;
  const condition = row.condition;
  const scope = `c${row.key}`;
  const set = (patch: Partial<Record<string, unknown>>) => on.change({ ...row, condition: { ...condition, ...patch } as RuleFactCondition });
  const ops = opsOf(condition.fact);
  const op = 'op' in condition ? condition.op : undefined;
  return html`<fieldset class="row" part="condition">
    <legend class="visually-hidden">${t.conditionLabel(index + 1)}</legend>
    <label class="check" part="not"><input type="checkbox" .checked=${row.not} @change=${(e: Event) => on.change({ ...row, not: (e.target as HTMLInputElement).checked })} />${t.not}</label>
    <select aria-label=${t.fact} part="fact" @change=${(e: Event) => on.change({ ...row, condition: newCondition(inputValue(e) as Fact, ctx.defaults) })}>
      ${FACTS.map((fact) => html`<option value=${fact} ?selected=${fact === condition.fact}>${t.facts[fact]}</option>`)}
    </select>
    ${ops.length
      ? html`<select aria-label=${t.op} part="op" @change=${(e: Event) => set({ op: inputValue(e) })}>
          ${ops.map((each) => html`<option value=${each} ?selected=${each === op}>${t.ops[each as keyof typeof t.ops]}</option>`)}
        </select>`
      : nothing}
    ${keyed(condition.fact, renderValue(condition, scope, ctx, errors, set))}
    <button type="button" part="remove" class="icon" aria-label=${t.removeCondition(index + 1)} @click=${on.remove}>×</button>
    ${fieldError(scope, 'row', errors)}
  </fieldset>`;
}

function renderValue(condition: RuleFactCondition, scope: string, ctx: RowContext, errors: FieldErrors, set: (patch: Record<string, unknown>) => void): TemplateResult {
  const { t, all } = ctx;
  const value = invalid(scope, 'value', errors);
  const number = (field: string, label: string, current: number, parse: (text: string) => number, step = '1', visible = false) => {
    const state = invalid(scope, field, errors);
    const input = html`<input
        type="number"
        min="0"
        step=${step}
        inputmode=${step === '1' ? 'numeric' : 'decimal'}
        aria-label=${label}
        class="number"
        value=${step === '1' ? (Number.isFinite(current) ? String(current) : '') : toMajor(current)}
        aria-invalid=${state.invalid}
        aria-describedby=${state.describedBy}
        @input=${(e: Event) => set({ [field]: parse(inputValue(e)) })}
      />`;
    // A second number in a row says what it is on screen too.
    return html`${visible ? html`<label class="check">${label} ${input}</label>` : input}${fieldError(scope, field, errors)}`;
  };
  const text = (field: string, label: string, current: string, parse: (text: string) => unknown = (x) => x) => {
    const state = invalid(scope, field, errors);
    return html`<input
        aria-label=${label}
        value=${current}
        aria-invalid=${state.invalid}
        aria-describedby=${state.describedBy}
        @input=${(e: Event) => set({ [field]: parse(inputValue(e)) })}
      />${fieldError(scope, field, errors)}`;
  };
  const choices = (options: readonly { value: string; label: string }[], chosen: readonly string[]) =>
    html`<fieldset class="choices" part="choices" aria-describedby=${value.describedBy}>
        <legend class="visually-hidden">${t.value}</legend>
        ${options.map(
          (option) =>
            html`<label class="check"
              ><input
                type="checkbox"
                .checked=${chosen.includes(option.value)}
                @change=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  set({ value: options.map((o) => o.value).filter((v) => (v === option.value ? on : chosen.includes(v))) });
                }}
              />${option.label}</label
            >`,
        )}
      </fieldset>
      ${fieldError(scope, 'value', errors)}`;
  const money = (current: number, currency: string) => html`${number('value', t.amount, current, toMinor, '0.01')}
    <select aria-label=${t.currency} @change=${(e: Event) => set({ currency: inputValue(e) })}>
      ${[...new Set([currency, ...ctx.currencies])].map((code) => html`<option value=${code} ?selected=${code === currency}>${code}</option>`)}
    </select>`;

  switch (condition.fact) {
    case 'client.status':
      return choices(
        ctx.statuses.map((status) => ({ value: status.id, label: status.name })),
        condition.value,
      );
    case 'client.statusGroup':
      return choices(
        [...new Set([...ctx.statuses.map((status) => status.group), ...condition.value])].map((group) => ({ value: group, label: group })),
        condition.value,
      );
    case 'client.lifecycle':
      return choices(
        LIFECYCLES.map((each) => ({ value: each, label: all.lifecycle[each] })),
        condition.value,
      );
    case 'client.temperature':
      return choices(
        TEMPERATURES.map((each) => ({ value: each, label: all.temperature[each] })),
        condition.value,
      );
    case 'order.paymentState':
      return choices(
        PAYMENT_STATES.map((each) => ({ value: each, label: t.paymentStates[each] })),
        condition.value,
      );
    case 'client.star':
      return html`<select aria-label=${t.star} aria-invalid=${value.invalid} aria-describedby=${value.describedBy} @change=${(e: Event) => set({ value: inputValue(e) })}>
          ${condition.value ? nothing : html`<option value="" selected>${t.none}</option>`}
          ${ctx.stars.map((star) => html`<option value=${star.id} ?selected=${star.id === condition.value}>${star.name}</option>`)}
        </select>
        ${fieldError(scope, 'value', errors)}`;
    case 'client.tag':
      return text('value', t.tag, condition.value);
    case 'client.taxCountry':
      return text('value', t.countries, condition.value.join(', '), (typed) => list(typed, true));
    case 'order.channel':
      return text('value', t.channels, condition.value.join(', '), (typed) => list(typed));
    case 'client.customField':
      return html`${text('field', t.field, condition.field)} ${text('value', t.value, condition.value === null ? '' : String(condition.value), customValue)}`;
    case 'client.paidOrders':
    case 'client.daysSinceLastOrder':
      return number('value', t.count, condition.value, toCount);
    case 'client.ordersInLastDays':
      return html`${number('value', t.count, condition.value, toCount)} ${number('days', t.days, condition.days, toCount, '1', true)}
        <label class="check"><input type="checkbox" .checked=${condition.paidOnly ?? false} @change=${(e: Event) => set({ paidOnly: (e.target as HTMLInputElement).checked })} />${t.paidOnly}</label>`;
    case 'client.lifetimeValue':
    case 'order.total':
      return money(condition.value, condition.currency);
    case 'client.overdue':
      return html`<select aria-label=${t.value} @change=${(e: Event) => set({ value: inputValue(e) === 'true' })}>
        <option value="true" ?selected=${condition.value}>${t.yes}</option>
        <option value="false" ?selected=${!condition.value}>${t.no}</option>
      </select>`;
  }
}
