import { catalogService, defineCatalog, seedCatalog } from '../catalog.ts';
import type { CrmContext } from '../context.ts';
import { StarId } from '../model/ids.ts';
import { StarKindInput, StarKindPatch, type StarKind } from '../model/star.ts';

/** B4: four colours a new store starts with. */
export const defaultStarKinds: Omit<StarKind, 'id' | 'position' | 'createdAt' | 'updatedAt' | 'version'>[] = [
  { name: 'Red', color: '#e53935' },
  { name: 'Yellow', color: '#fdd835' },
  { name: 'Green', color: '#43a047' },
  { name: 'Blue', color: '#1e88e5' },
];

/** `crm.stars`: star kinds, a second axis of segmentation beside statuses (B4). */
export function starKindsService(ctx: CrmContext) {
  return catalogService(ctx, starCatalog());
}
export type StarKindsService = ReturnType<typeof starKindsService>;

/** Writes the default star kinds into a new store, once; `createCrm` calls it on open. */
export const seedStarKinds = (ctx: CrmContext) => seedCatalog(ctx, starCatalog());

function starCatalog() {
  return defineCatalog({
    collection: 'starKinds',
    idKind: 'star',
    idSchema: StarId,
    input: StarKindInput,
    patch: StarKindPatch,
    defaults: defaultStarKinds,
    clientField: 'stars',
    announce: (uow, starKind: StarKind, change) => uow.emit({ type: 'star_kinds.changed', starKind, change }),
  });
}
