import { createContext } from '@lit/context';
import type { Crm } from '../../src/index.ts';

/**
 * The `Crm` that elements under a provider share, so a page hands it over once
 * (`<kt-crm-provider .crm=${crm}>`, or `new ContextProvider(host, { context: crmContext })`).
 */
export const crmContext = createContext<Crm | undefined>(Symbol.for('kartoteka.crm'));
