import { KtCrmSettings } from '../crm-settings/crm-settings.ts';

KtCrmSettings.define('kt-crm-settings');
