import type { CrmContext } from './context.ts';
import { SettingsSchema } from './model/settings.ts';
import type { StoredSettings } from './settings.ts';
import type { ChangeSet } from './storage/adapter.ts';

/**
 * Settings another instance on the store saved: taken over, so every instance works by the same
 * ones. Apart from `settings.ts`, which needs `transact` from `context.ts`, which calls this.
 */
export function applySettingsChanges(ctx: CrmContext, changes: Pick<ChangeSet, 'puts'>): void {
  for (const { collection, record } of changes.puts) {
    if (collection !== 'meta' || record.id !== 'settings') continue;
    const { id: _, version: __, ...settings } = record as unknown as StoredSettings;
    ctx.settings = SettingsSchema.parse(settings);
  }
}
