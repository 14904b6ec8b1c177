import { KtCsvImport } from '../csv-import/csv-import.ts';

KtCsvImport.define('kt-csv-import');
