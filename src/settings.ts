import { requireAdmin } from './clients/access.ts';
import { transact, type CrmContext, type UnitOfWork } from './context.ts';
import { invalid } from './errors.ts';
import { SettingsPatch, SettingsSchema, type Settings } from './model/settings.ts';
import { sameJson } from './same-json.ts';
import { parse } from './validation.ts';

export interface StoredSettings extends Settings {
  id: 'settings';
  version: number;
}

/** Applies a validated patch: `null` clears a field; the default status must exist. */
async function applied(ctx: CrmContext, base: Settings, patch: SettingsPatch): Promise<Settings> {
  const next: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  const settings = parse(SettingsSchema, next);
  if (settings.defaultStatusId && !(await ctx.storage.get('statuses', settings.defaultStatusId))) {
    throw invalid(['defaultStatusId'], `No status ${settings.defaultStatusId}`);
  }
  return settings;
}

/** Stages `patch` over the stored settings; the caller makes the result the context's once committed. */
export async function stageSettings(ctx: CrmContext, uow: UnitOfWork, patch: SettingsPatch): Promise<Settings> {
  const data = parse(SettingsPatch, patch, ['settings']);
  const stored = (await ctx.storage.get('meta', 'settings')) as StoredSettings | undefined;
  const { id: _, version: __, ...base } = stored ?? { id: 'settings', version: 0, ...parse(SettingsSchema, {}) };
  const next = await applied(ctx, base, data);
  // Every open passes its settings: when they change nothing, nothing is written (nor told to other tabs).
  if (!stored || !sameJson(next, base)) {
    uow.put<StoredSettings>('meta', { ...next, id: 'settings' }, stored ?? 'absent');
    uow.emit({ type: 'settings.changed', settings: next });
  }
  return next;
}

/** Stores `patch` over the stored settings and makes them the context's. */
export async function saveSettings(ctx: CrmContext, patch: SettingsPatch): Promise<Settings> {
  ctx.settings = await transact(ctx, (uow) => stageSettings(ctx, uow, patch));
  return ctx.settings;
}

/** `crm.settings`: B8's auto-create switch and default status, and the default tax-ID country; admins change them. */
export function settingsService(ctx: CrmContext) {
  return {
    get: (): Settings => ({ ...ctx.settings }),
    /**
     * @example
     * ```ts
     * await crm.settings.update({ autoCreateClients: true, defaultStatusId: newPartner.id });
     * ```
     */
    async update(patch: SettingsPatch): Promise<Settings> {
      requireAdmin(ctx, 'The settings are the whole team\'s');
      return saveSettings(ctx, patch);
    },
  };
}
export type SettingsService = ReturnType<typeof settingsService>;
