/**
 * The selected clients changed. `clientIds` lists them, or is empty with `allMatching` when
 * every client matching the filters is selected (maybe more than are loaded).
 */
export class KtSelectionChangeEvent extends Event {
  static readonly type = 'kt-selection-change';

  constructor(
    readonly clientIds: readonly string[],
    readonly allMatching: boolean,
  ) {
    super(KtSelectionChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kt-selection-change': KtSelectionChangeEvent;
  }
}
