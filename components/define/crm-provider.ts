import { KtCrmProvider } from '../crm-provider/crm-provider.ts';

KtCrmProvider.define('kt-crm-provider');
