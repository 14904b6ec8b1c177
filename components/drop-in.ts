/**
 * The drop-in file for pages without a build step: registers every element and hands out what a
 * page needs to open a CRM for them.
 *
 * @example
 * ```html
 * <!-- A module file of the page's, not an inline script: a strict Content-Security-Policy allows it. -->
 * <script type="module" src="crm.js"></script>
 * <kt-crm-provider><kt-client-table></kt-client-table></kt-crm-provider>
 * ```
 * ```js
 * // crm.js
 * import { createCrm, indexedDbAdapter } from './kartoteka-elements.js';
 * document.querySelector('kt-crm-provider').crm = await createCrm({ storage: indexedDbAdapter({ name: 'crm' }) });
 * ```
 */
import './define/all.ts';

export { createCrm, isCrmError } from '../src/index.ts';
export { indexedDbAdapter, requestPersistentStorage } from '../adapters/indexeddb/index.ts';
export { memoryAdapter } from '../adapters/memory/index.ts';
