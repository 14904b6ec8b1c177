/** What an export produced. */
export interface KtExportCompleteDetail {
  /** Data rows in the file, the header left out. */
  rows: number;
  /** The file's text (with its byte-order mark when one was asked for). */
  csv: string;
  /** The name it was downloaded under; empty when nothing was downloaded (no rows). */
  fileName: string;
}

/**
 * A CSV export finished: `detail.rows` data rows were written (none: nothing was downloaded).
 * Bubbles and crosses shadow roots.
 */
export class KtExportCompleteEvent extends CustomEvent<KtExportCompleteDetail> {
  static readonly type = 'kt-export-complete';

  constructor(detail: KtExportCompleteDetail) {
    super(KtExportCompleteEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kt-export-complete': KtExportCompleteEvent;
  }
}
