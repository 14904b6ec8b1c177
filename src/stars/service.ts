import { catalogService, defineCatalog, seedCatalog } from '../catalog.ts';
import type { CrmContext } from '../context.ts';
import { StarId } from '../model/ids.ts';
import { StarKindInput, StarKindPatch, type StarKind } from '../model/star.ts';
import { seedName, type SeedLanguage } from '../seed-names.ts';

/** B4: four colours a new store starts with, named in `language`. */
function defaultStarKinds(language: SeedLanguage): Omit<StarKind, 'id' | 'position' | 'createdAt' | 'updatedAt' | 'version'>[] {
  const star = (key: 'red' | 'yellow' | 'green' | 'blue', color: string) => ({ key, name: seedName(key, language), color });
  return [star('red', '#e53935'), star('yellow', '#fdd835'), star('green', '#43a047'), star('blue', '#1e88e5')];
}

/** `crm.stars`: star kinds, a second axis of segmentation beside statuses (B4). */
export function starKindsService(ctx: CrmContext) {
  return catalogService(ctx, starCatalog());
}
export type StarKindsService = ReturnType<typeof starKindsService>;

/** Writes the default star kinds into a new store, once; `createCrm` calls it on open. */
export const seedStarKinds = (ctx: CrmContext, language: SeedLanguage) => seedCatalog(ctx, starCatalog(), defaultStarKinds(language));

function starCatalog() {
  return defineCatalog({
    collection: 'starKinds',
    idKind: 'star',
    idSchema: StarId,
    input: StarKindInput,
    patch: StarKindPatch,
    clientField: 'stars',
    announce: (uow, starKind: StarKind, change) => uow.emit({ type: 'star_kinds.changed', starKind, change }),
  });
}
