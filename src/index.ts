/**
 * Kartoteka: an embeddable B2B CRM for online shops.
 * @packageDocumentation
 */
export { createCrm, type Crm, type CrmOptions } from './crm.ts';
export { SEED_LANGUAGES, SeedLanguage } from './seed-names.ts';
export { CrmError, isCrmError, type CrmErrorCode, type CrmErrorOptions, type FieldIssue } from './errors.ts';
export { CrmEvents, type CrmEvent, type CrmEventMap, type CrmEventName, type CatalogChange } from './events.ts';
export type { IdGenerator } from './ids.ts';
export * from './model/index.ts';
export * from './tax-id/index.ts';
export type { ClientFilter, ClientListOptions, ClientPage, ClientSearchOptions } from './clients/list.ts';
export type { DuplicateGroup, DuplicateReason, DuplicateSearchOptions, DuplicateSearchProgress } from './clients/duplicates.ts';
export { clientCsvExportFields, clientCsvImportFields, type ClientCsvExportField, type ClientCsvImportField } from './clients/csv-fields.ts';
export type { ClientCsvExportOptions } from './clients/csv-export.ts';
export type { ClientCsvImportError, ClientCsvImportOptions, ClientCsvImportProgress, ClientCsvImportReport } from './clients/csv-import.ts';
export { parseCsv, type CsvParseOptions, type CsvRecord } from './csv/parse.ts';
export { writeCsv, type CsvWriteOptions } from './csv/write.ts';
export { neutralizeFormula, restoreFormula } from './csv/formula.ts';
export { detectDelimiter } from './csv/delimiter.ts';
export type { OrderListOptions, OrderPage } from './orders/service.ts';
export type { ImportOptions, ImportProgress, ImportReport, ImportRowError } from './orders/import.ts';
export type * from './storage/adapter.ts';
export { compareKeys, encodeCursor, decodeCursor, type CursorPosition } from './storage/keys.ts';
export { foldText, digitsOf } from './text.ts';
export { billingFromClient } from './clients/from-billing.ts';
export type { UpdateOptions } from './update-options.ts';
export type { PipelineClient, PipelineClientPage, PipelineClientsOptions, PipelineDeleteOptions, PipelineUpdateOptions } from './pipelines/service.ts';
export type { PipelineStats, StageStats } from './pipelines/stats.ts';
export type { SearchIndexStats } from './search/text-index.ts';
export type { SearchOptions } from './search/found.ts';
export { generateSampleData, type SampleData, type SampleDataOptions, type SampleClient } from './sample-data/generate.ts';
export type { SampleDataRemoval, SampleDataSummary } from './sample-data/service.ts';
export type { ClientAnalytics, RfmSegment } from './analytics/client-figures.ts';
export type { TeamAnalytics, TeamAnalyticsOptions } from './analytics/service.ts';
export type { RuleTemplate } from './rules/templates.ts';
export type { DryRunReport, DryRunMatch, DryRunMiss } from './rules/dry-run.ts';
export type { ApplyReport, RunReport } from './rules/apply-existing.ts';
export type { ConditionExplanation } from './rules/evaluate.ts';
export type { RuleChange, RuleField } from './rules/fire.ts';
export type { DryRunOptions, ApplyOptions, DailyOptions, TemplateOptions } from './rules/service.ts';
