import type { Client } from '../../src/index.ts';

/**
 * A client was chosen in a picker (or the choice cleared: `client` undefined). The picker also
 * fires native `input` and `change`, as form controls do.
 */
export class KtClientSelectEvent extends Event {
  static readonly type = 'kt-client-select';

  constructor(readonly client: Client | undefined) {
    super(KtClientSelectEvent.type, { bubbles: true, composed: true });
  }

  /** The chosen client's id, or `''` when cleared. */
  get clientId(): string {
    return this.client?.id ?? '';
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kt-client-select': KtClientSelectEvent;
  }
}
