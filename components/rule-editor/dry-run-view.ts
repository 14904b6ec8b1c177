import { html, nothing, type TemplateResult } from 'lit';
import type { ConditionExplanation, DryRunMatch, DryRunMiss, DryRunReport } from '../../src/index.ts';
import { describeAction, describeActual, describeChange, describeCondition } from './describe.ts';
import type { PluralForms } from '../translations/en.ts';
import type { RowContext } from './row-context.ts';

/** The match or miss whose explanation is open. */
export interface DryRunSelection {
  list: 'matches' | 'misses';
  index: number;
}

export interface DryRunViewState {
  report: DryRunReport | undefined;
  checking: boolean;
  /** The draft does not validate: the fields say why. */
  blocked: boolean;
  /** A failure other than the draft's fields. */
  error: string | undefined;
  selected: DryRunSelection | undefined;
}

const subject = (record: DryRunMatch | DryRunMiss, ctx: RowContext) =>
  [record.clientName ?? ctx.t.noClient, record.orderId ? `(${ctx.t.order(record.orderNumber ?? record.orderId)})` : ''].filter(Boolean).join(' ');

/**
 * The live dry run: how many existing records the draft matches and how many clients it would
 * change, the matches with their changes, the misses, and for the one selected, why, condition by
 * condition.
 */
export function renderDryRun(state: DryRunViewState, ctx: RowContext, select: (selection: DryRunSelection | undefined) => void): TemplateResult {
  const { t } = ctx;
  const { report } = state;
  const summary = state.blocked
    ? t.fixErrors
    : state.error
      ? state.error
      : report
        ? `${t.recordsMatch(ctx.number(report.matched), ctx.number(report.evaluated))} · ${plural(ctx, t.clientsChange, report.clientsChanged)}`
        : state.checking
          ? t.checking
          : '';
  // Right under the record pressed: below both lists it was drawn out of sight, as if nothing happened.
  const why = (record: DryRunMatch | DryRunMiss) =>
    html`<div class="why" part="explanation" role="region" aria-label=${t.why(subject(record, ctx))}>
      <h4>${t.why(subject(record, ctx))}</h4>
      <ul class="tree">
        ${renderExplanation(unwrapped(record.explanation), ctx)}
      </ul>
    </div>`;
  const item = (list: DryRunSelection['list'], record: DryRunMatch | DryRunMiss, index: number) => {
    const pressed = state.selected?.list === list && state.selected.index === index;
    const match = list === 'matches' ? (record as DryRunMatch) : undefined;
    return html`<li part=${list === 'matches' ? 'match' : 'miss'}>
      <button type="button" class="record" aria-pressed=${pressed ? 'true' : 'false'} @click=${() => select(pressed ? undefined : { list, index })}>${subject(record, ctx)}</button>
      ${match
        ? html`<ul class="changes" part="changes">
            ${match.changes.length ? match.changes.map((change) => html`<li>${describeChange(change, ctx)}</li>`) : match.actions.length ? nothing : html`<li class="muted">${t.nothingChanges}</li>`}
            ${match.actions.map((action) => html`<li>${describeAction(action, ctx)}</li>`)}
            ${match.skipped.map((action) => html`<li class="muted">${t.skipped}: ${describeAction(action, ctx)}</li>`)}
          </ul>`
        : nothing}
      ${pressed ? why(record) : nothing}
    </li>`;
  };
  const more = (shown: number, total: number) => (total > shown ? html`<p class="muted">${plural(ctx, t.more, total - shown)}</p>` : nothing);
  return html`<section class="panel preview" part="preview" aria-labelledby="preview-title" aria-busy=${state.checking ? 'true' : 'false'}>
    <h3 id="preview-title">${t.preview}</h3>
    <div class="summary-line">
      <p part="summary" class=${state.blocked || state.error ? 'summary error' : 'summary'} role="status">${summary}</p>
      ${state.checking ? html`<progress part="progress" aria-label=${t.checking}></progress>` : nothing}
    </div>
    ${report && !state.blocked && !state.error
      ? html`<div class="records">
          <div>
            <h4 id="matches-title">${t.matches}</h4>
            ${report.matches.length
              ? html`<ul part="matches" aria-labelledby="matches-title">
                    ${report.matches.map((record, index) => item('matches', record, index))}
                  </ul>
                  ${more(report.matches.length, report.matched)}`
              : html`<p class="muted empty">${t.noMatches}</p>`}
          </div>
          <div>
            <h4 id="misses-title">${t.misses}</h4>
            ${report.misses.length
              ? html`<ul part="misses" aria-labelledby="misses-title">
                    ${report.misses.map((record, index) => item('misses', record, index))}
                  </ul>
                  ${more(report.misses.length, report.evaluated - report.matched)}`
              : html`<p class="muted empty">${t.noMisses}</p>`}
          </div>
        </div>`
      : nothing}
  </section>`;
}

const plural = (ctx: RowContext, forms: PluralForms, count: number): string => ctx.plural(forms, count);

/** A group of one says no more than its condition: the editor previews a lone condition as such a group. */
const unwrapped = (node: ConditionExplanation): ConditionExplanation => ('combinator' in node && node.combinator !== 'not' && node.parts.length === 1 ? node.parts[0]! : node);

/** ✓ or ✗ for each condition, with the value the record had. */
function renderExplanation(node: ConditionExplanation, ctx: RowContext): TemplateResult {
  const { t } = ctx;
  const mark = html`<span class="mark" aria-hidden="true">${node.matched ? '✓' : '✗'}</span><span class="visually-hidden">${node.matched ? t.holds : t.fails}:</span>`;
  if ('combinator' in node) {
    return html`<li class=${node.matched ? 'ok' : 'bad'} part="reason">
      ${mark} ${t.combinators[node.combinator]}
      <ul>
        ${node.parts.map((part) => renderExplanation(part, ctx))}
      </ul>
    </li>`;
  }
  return html`<li class=${node.matched ? 'ok' : 'bad'} part="reason">
    ${mark} ${describeCondition(node.condition, ctx)} <span class="muted">(${t.actual}: ${describeActual(node.condition, node.actual, ctx)})</span>
  </li>`;
}
