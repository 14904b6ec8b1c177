import type { Crm } from '../../src/index.ts';
import type { Translation } from '../translations/en.ts';

/** A user id as staff read it: "You" for the user the CRM acts as, else the id the host gave. */
export function personLabel(userId: string, crm: Crm | undefined, t: Translation): string {
  return crm !== undefined && userId === crm.principal.userId ? t.you : userId;
}
