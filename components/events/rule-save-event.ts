import type { Rule } from '../../src/index.ts';

/**
 * A rule was stored from an editor: created, updated, enabled or disabled. `detail.rule` (also
 * `rule`) is the rule as stored. Bubbles and crosses shadow roots.
 */
export class KtRuleSaveEvent extends CustomEvent<{ rule: Rule }> {
  static readonly type = 'kt-rule-save';

  constructor(rule: Rule) {
    super(KtRuleSaveEvent.type, { bubbles: true, composed: true, detail: { rule } });
  }

  get rule(): Rule {
    return this.detail.rule;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kt-rule-save': KtRuleSaveEvent;
  }
}
