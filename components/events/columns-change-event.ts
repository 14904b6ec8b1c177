import type { ColumnKey } from '../client-table/columns.ts';

/** The user showed or hid a column of `<kt-client-table>`; `columns` is what shows now, in order, for the host to keep. */
export class KtColumnsChangeEvent extends Event {
  static readonly type = 'kt-columns-change';

  constructor(readonly columns: readonly ColumnKey[]) {
    super(KtColumnsChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kt-columns-change': KtColumnsChangeEvent;
  }
}
