import { html, nothing, type TemplateResult } from 'lit';
import type { Rule, RuleTemplate } from '../../src/index.ts';
import type { Translation } from '../translations/en.ts';
import { confirmedChoice } from '../base/confirmed-choice.ts';

export interface RuleListEvents {
  create(): void;
  fromTemplate(key: string): void;
  edit(rule: Rule): void;
  toggle(rule: Rule, enabled: boolean): void;
  apply(rule: Rule): void;
}

/** "Start from template": a select whose choice opens a new rule made from that template. */
export function renderTemplateSelect(templates: RuleTemplate[], chosen: string | undefined, t: Translation['ruleEditor'], choose: (key: string) => void): TemplateResult {
  return html`<label class="line" part="template"
    >${t.fromTemplate}
    <select
      ${confirmedChoice((key) => {
        if (key) choose(key);
      })}
    >
      <option value="" ?selected=${!chosen}>${t.chooseTemplate}</option>
      ${templates.map((template) => html`<option value=${template.key} title=${template.description} ?selected=${template.key === chosen}>${template.name}</option>`)}
    </select></label
  >`;
}

/**
 * The rules in the order they run, each with its on/off switch, Edit and Apply to existing. For
 * a member (`canChange` false) only View: rules are admins' to change.
 */
export function renderRuleList(rules: Rule[] | undefined, templates: RuleTemplate[], t: Translation['ruleEditor'], on: RuleListEvents, canChange: boolean): TemplateResult {
  return html`<section class="panel" part="list" aria-labelledby="list-title">
    <div class="toolbar" part="toolbar">
      <h3 id="list-title" tabindex="-1">${t.list}</h3>
      ${canChange
        ? html`<button type="button" part="new" @click=${on.create}>${t.newRule}</button> ${renderTemplateSelect(templates, undefined, t, on.fromTemplate)}`
        : html`<p class="muted" part="admins-only" id="admins-only">${t.adminsOnly}</p>`}
    </div>
    ${rules === undefined
      ? html`<p class="muted" role="status">${t.loading}</p>`
      : rules.length === 0
        ? html`<p class="empty" part="empty">${t.empty}</p>`
        : html`<ul class="rules" part="rules">
            ${rules.map(
              (rule) => html`<li class="rule" part="rule">
                <label class="check"
                  ><input
                    type="checkbox"
                    role="switch"
                    aria-label=${t.enabledOf(rule.name)}
                    .checked=${rule.enabled}
                    ?disabled=${!canChange}
                    @change=${(e: Event) => on.toggle(rule, (e.target as HTMLInputElement).checked)}
                  />${rule.enabled ? t.on : t.off}</label
                >
                <span class="rule-name" part="rule-name">${rule.name}</span>
                <span class="muted">${t.triggers[rule.trigger]}</span>
                <span class="rule-buttons">
                  <button type="button" data-edit=${rule.id} aria-label=${canChange ? t.editOf(rule.name) : t.viewOf(rule.name)} @click=${() => on.edit(rule)}>${canChange ? t.edit : t.view}</button>
                  ${canChange ? html`<button type="button" aria-label=${t.applyOf(rule.name)} @click=${() => on.apply(rule)}>${t.applyExisting}</button>` : nothing}
                </span>
              </li>`,
            )}
          </ul>`}
  </section>`;
}
