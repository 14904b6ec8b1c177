/**
 * A client was activated (a row clicked or Enter pressed): the host opens its card.
 * Bubbles and crosses shadow roots.
 */
export class KtClientOpenEvent extends Event {
  static readonly type = 'kt-client-open';

  constructor(readonly clientId: string) {
    super(KtClientOpenEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kt-client-open': KtClientOpenEvent;
  }
}
