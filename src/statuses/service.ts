import { catalogService, defineCatalog, seedCatalog } from '../catalog.ts';
import type { CrmContext } from '../context.ts';
import { stageSettings } from '../settings.ts';
import { StatusId } from '../model/ids.ts';
import { StatusInput, StatusPatch, type Status } from '../model/status.ts';
import { seedName, type SeedLanguage } from '../seed-names.ts';

/** B4: the default B2B set a new store starts with, named in `language`. */
function defaultStatuses(language: SeedLanguage): Omit<Status, 'id' | 'position' | 'createdAt' | 'updatedAt' | 'version'>[] {
  const status = (key: 'lead' | 'new_partner' | 'regular_customer' | 'vip' | 'individual_terms', group: 'prospects' | 'partners' | 'key_accounts', color: string) =>
    ({ key, name: seedName(key, language), group: seedName(group, language), color });
  return [
    status('lead', 'prospects', '#90a4ae'),
    status('new_partner', 'partners', '#42a5f5'),
    status('regular_customer', 'partners', '#66bb6a'),
    status('vip', 'key_accounts', '#ffb300'),
    status('individual_terms', 'key_accounts', '#ab47bc'),
  ];
}

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
export const seedStatuses = (ctx: CrmContext, language: SeedLanguage) => seedCatalog(ctx, statusCatalog(ctx), defaultStatuses(language));

function statusCatalog(ctx: CrmContext) {
  return defineCatalog({
    collection: 'statuses',
    idKind: 'status',
    idSchema: StatusId,
    input: StatusInput,
    patch: StatusPatch,
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
