import type { Rule } from '../../src/index.ts';

/** A rule was deleted from an editor; `detail.rule` is the rule as it was. Bubbles and crosses shadow roots. */
export class KtRuleDeleteEvent extends CustomEvent<{ rule: Rule }> {
  static readonly type = 'kt-rule-delete';

  constructor(rule: Rule) {
    super(KtRuleDeleteEvent.type, { bubbles: true, composed: true, detail: { rule } });
  }

  get rule(): Rule {
    return this.detail.rule;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kt-rule-delete': KtRuleDeleteEvent;
  }
}
