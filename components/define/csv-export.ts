import { KtCsvExport } from '../csv-export/csv-export.ts';

KtCsvExport.define('kt-csv-export');
