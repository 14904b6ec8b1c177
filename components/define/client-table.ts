import { KtClientTable } from '../client-table/client-table.ts';

KtClientTable.define('kt-client-table');
