import { KtDuplicates } from '../duplicates/duplicates.ts';

KtDuplicates.define('kt-duplicates');
