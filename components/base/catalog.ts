import type { Crm, CrmEvent, StarKind, Status } from '../../src/index.ts';

/** The store's statuses and star kinds, in their order: what filters, pickers and labels offer. */
export const readCatalog = (crm: Crm): Promise<[Status[], StarKind[]]> => Promise.all([crm.statuses.list(), crm.stars.list()]);

/** A change to the statuses or star kinds: time to read the catalog again. */
export const isCatalogEvent = (event: CrmEvent): boolean => event.type === 'statuses.changed' || event.type === 'star_kinds.changed';
