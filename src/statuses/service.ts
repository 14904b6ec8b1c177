import { catalogService, defineCatalog, seedCatalog } from '../catalog.ts';
import type { CrmContext } from '../context.ts';
import { stageSettings } from '../settings.ts';
import { StatusId } from '../model/ids.ts';
import { StatusInput, StatusPatch, type Status } from '../model/status.ts';

/** B4: the default B2B set a new store starts with. */
export const defaultStatuses: Omit<Status, 'id' | 'position' | 'createdAt' | 'updatedAt' | 'version'>[] = [
  { name: 'Lead', group: 'Prospects', color: '#90a4ae' },
  { name: 'New partner', group: 'Partners', color: '#42a5f5' },
  { name: 'Regular customer', group: 'Partners', color: '#66bb6a' },
  { name: 'VIP', group: 'Key accounts', color: '#ffb300' },
  { name: 'Individual terms', group: 'Key accounts', color: '#ab47bc' },
];

/**
 * `crm.statuses`: user-defined client statuses in groups (B4).
 * @example
 * ```ts
 * const vip = (await crm.statuses.list()).find((s) => s.name === 'VIP');
 * await crm.statuses.update(vip.id, { name: 'Key account', group: 'Top' });
 * await crm.statuses.delete(lead.id, { replacementId: vip.id }); // clients in "Lead" move to VIP
 * ```
 */
export function statusesService(ctx: CrmContext) {
  return catalogService(ctx, statusCatalog(ctx));
}
export type StatusesService = ReturnType<typeof statusesService>;

/** Writes the default statuses into a new store, once; `createCrm` calls it on open. */
export const seedStatuses = (ctx: CrmContext) => seedCatalog(ctx, statusCatalog(ctx));

function statusCatalog(ctx: CrmContext) {
  return defineCatalog({
    collection: 'statuses',
    idKind: 'status',
    idSchema: StatusId,
    input: StatusInput,
    patch: StatusPatch,
    defaults: defaultStatuses,
    clientField: 'statusId',
    announce: (uow, status: Status, change) => uow.emit({ type: 'statuses.changed', status, change }),
    // The status new clients get follows its replacement, or is cleared.
    async onDelete(uow, status, replacementId) {
      if (ctx.settings.defaultStatusId !== status.id) return undefined;
      const settings = await stageSettings(ctx, uow, { defaultStatusId: replacementId });
      return () => void (ctx.settings = settings);
    },
  });
}
