/**
 * Kartoteka's web components: classes only; `kartoteka/define/*` registers the tags.
 * @packageDocumentation
 */
export { KtElement } from './base/kt-element.ts';
export { crmContext } from './base/crm-context.ts';
export { registerTranslation, supportedLanguages } from './base/locale.ts';
export { KtCrmProvider } from './crm-provider/crm-provider.ts';
export { KtClientTable, type Owner } from './client-table/client-table.ts';
export { ALL_COLUMNS, type ColumnKey } from './client-table/columns.ts';
export type { TableSort } from './client-table/row-source.ts';
export type { Words } from './base/words.ts';
export { KtClientPicker } from './client-picker/client-picker.ts';
export { KtClientCard } from './client-card/client-card.ts';
export { KtNotes } from './notes/notes.ts';
export { KtTaskList } from './task-list/task-list.ts';
export { KtPipelineBoard } from './pipeline-board/pipeline-board.ts';
export { KtCrmSettings } from './crm-settings/crm-settings.ts';
export { KtCsvImport } from './csv-import/csv-import.ts';
export { KtCsvExport } from './csv-export/csv-export.ts';
export { KtClientOpenEvent } from './events/client-open-event.ts';
export { KtClientSelectEvent } from './events/client-select-event.ts';
export { KtSelectionChangeEvent } from './events/selection-change-event.ts';
export { KtColumnsChangeEvent } from './events/columns-change-event.ts';
export { KtImportCompleteEvent } from './events/import-complete-event.ts';
export { KtExportCompleteEvent, type KtExportCompleteDetail } from './events/export-complete-event.ts';
export { KtRuleEditor } from './rule-editor/rule-editor.ts';
export { KtDuplicates } from './duplicates/duplicates.ts';
export { KtRuleSaveEvent } from './events/rule-save-event.ts';
export { KtRuleDeleteEvent } from './events/rule-delete-event.ts';
export { en, type Translation, type PluralForms } from './translations/en.ts';
