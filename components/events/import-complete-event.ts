import type { ClientCsvImportReport } from '../../src/index.ts';

/**
 * A CSV import finished: `detail` (also `report`) is the SDK's report — the counts of created,
 * updated, unchanged and failed rows and the per-row errors. Bubbles and crosses shadow roots.
 */
export class KtImportCompleteEvent extends CustomEvent<ClientCsvImportReport> {
  static readonly type = 'kt-import-complete';

  constructor(report: ClientCsvImportReport) {
    super(KtImportCompleteEvent.type, { bubbles: true, composed: true, detail: report });
  }

  get report(): ClientCsvImportReport {
    return this.detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kt-import-complete': KtImportCompleteEvent;
  }
}
