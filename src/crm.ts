import { activitiesService } from './activities/service.ts';
import { ensureAnalytics } from './analytics/rebuild.ts';
import { analyticsService } from './analytics/service.ts';
import { StatsCache } from './analytics/stats-cache.ts';
import { RuleEngine } from './rules/engine.ts';
import { rulesService } from './rules/service.ts';
import { clientsService } from './clients/service.ts';
import type { CrmContext } from './context.ts';
import { Principal } from './model/principal.ts';
import { ExternalChanges } from './external-changes.ts';
import { CrmError } from './errors.ts';
import { EventBus, type CrmEvent, type CrmEventMap, type CrmEventName } from './events.ts';
import { guard } from './guard.ts';
import { randomIds, type IdGenerator } from './ids.ts';
import { SettingsSchema, type SettingsPatch } from './model/settings.ts';
import { notesService } from './notes/service.ts';
import { ordersService } from './orders/service.ts';
import { pipelinesService } from './pipelines/service.ts';
import { sampleDataService } from './sample-data/service.ts';
import { StoreSearch } from './search/store-search.ts';
import { saveSettings, settingsService } from './settings.ts';
import { seedStarKinds, starKindsService } from './stars/service.ts';
import { seedStatuses, statusesService } from './statuses/service.ts';
import { SeedLanguage } from './seed-names.ts';
import { parse } from './validation.ts';
import * as z from 'zod/mini';
import type { StorageAdapter } from './storage/adapter.ts';
import { crmSchema } from './storage/schema.ts';
import { tasksService } from './tasks/service.ts';
import { ensureTallies } from './tallies.ts';

export interface CrmOptions {
  /** Where data lives: `memoryAdapter()`, `indexedDbAdapter({ name })`, … */
  storage: StorageAdapter;
  /** Settings to apply (and store) on open; the stored ones apply otherwise. */
  settings?: SettingsPatch;
  /**
   * The language a new store's default statuses and star kinds are named in: `'en'` (default),
   * `'cs'`, `'pl'` or `'sl'`. An existing store keeps its names; staff rename them as they like.
   */
  language?: SeedLanguage;
  /** Who is acting; an admin called `system` when not given. */
  principal?: Principal;
  /** The time source, for tests and replays. */
  clock?: () => Date;
  /** The id source, for deterministic tests. */
  ids?: IdGenerator;
  /**
   * `autoRun: false` leaves rule events queued until `crm.rules.drain()`, e.g. on a server that
   * runs rules in a worker. On by default: rules run right after each write commits.
   */
  rules?: { autoRun?: boolean };
}

/**
 * Opens a Kartoteka CRM on a storage adapter. On a new store it writes the default statuses
 * and star kinds.
 * @example
 * ```ts
 * import { createCrm } from 'kartoteka';
 * import { memoryAdapter } from 'kartoteka/adapters/memory';
 * const crm = await createCrm({ storage: memoryAdapter(), settings: { autoCreateClients: true, defaultCountry: 'CZ' } });
 * crm.on('order.linked', ({ order, client, reminder }) => reminder && alert(reminder));
 * ```
 */
export async function createCrm(options: CrmOptions) {
  if (!options || typeof options.storage?.open !== 'function') {
    throw new CrmError('validation', 'createCrm needs a storage adapter, e.g. { storage: memoryAdapter() }', {
      fields: [{ path: ['storage'], message: 'Required: a storage adapter' }],
    });
  }
  const seedLanguage = parse(z.optional(SeedLanguage), options.language, ['language']) ?? 'en';
  // Checked: a role other than these two would silently act as a member.
  const principal = parse(z.optional(Principal), options.principal, ['principal']) ?? { userId: 'system', role: 'admin' };
  const clock = options.clock ?? (() => new Date());
  const ctx: CrmContext = {
    storage: options.storage,
    search: new StoreSearch(options.storage, () => ctx.settings.defaultCountry),
    analytics: new StatsCache(options.storage),
    rules: new RuleEngine(() => ctx, { autoRun: options.rules?.autoRun ?? true }),
    events: new EventBus(),
    newId: options.ids ?? randomIds,
    principal,
    settings: SettingsSchema.parse({}),
    origin: randomIds('batch'),
    now: () => clock().toISOString(),
  };
  // Writes of other instances on the same store (other tabs, other crm objects) reach our listeners too.
  const external = new ExternalChanges(ctx);
  const stopListening = ctx.storage.onExternalChange?.((changes) => changes.origin !== ctx.origin && external.receive(changes), { ignoreOrigin: ctx.origin });
  const statuses = guard(statusesService(ctx));
  const stars = guard(starKindsService(ctx));
  const settings = guard(settingsService(ctx));
  await guard({
    async open() {
      await ctx.storage.open(crmSchema);
      // Independent reads (and, on a new store, writes) side by side: each is a round trip.
      // The settings may name a status, so they wait for the statuses.
      await Promise.all([
        seedStatuses(ctx, seedLanguage).then(() => saveSettings(ctx, options.settings ?? {})),
        seedStarKinds(ctx, seedLanguage),
        ensureTallies(ctx),
        ensureAnalytics(ctx),
        ctx.rules.load(),
      ]);
      // Events queued by an instance that closed before running them.
      ctx.rules.kick();
    },
  }).open();

  return {
    clients: guard(clientsService(ctx)),
    orders: guard(ordersService(ctx)),
    notes: guard(notesService(ctx)),
    activities: guard(activitiesService(ctx)),
    analytics: guard(analyticsService(ctx)),
    rules: guard(rulesService(ctx)),
    tasks: guard(tasksService(ctx)),
    pipelines: guard(pipelinesService(ctx)),
    statuses,
    stars,
    settings,
    sampleData: guard(sampleDataService(ctx)),
    /** Who this instance acts as: what it writes as author or assignee, and whose private notes it sees. */
    principal: { ...ctx.principal } as Readonly<Principal>,
    /** Size of the search indexes (held in memory, built on the first search). */
    searchStats: () => ctx.search.stats(),
    /**
     * Builds the search indexes now rather than on the first search (100k clients: a few
     * seconds), e.g. while a page with a search box is idle. Resolves once they are built.
     */
    prepareSearch: () => guard({ prepareSearch: async () => void (await ctx.search.indexes()) }).prepareSearch(),
    /**
     * Listens to a domain event, delivered after the change is stored; returns the unsubscribe function.
     * `'*'` receives every event.
     */
    on: ctx.events.on.bind(ctx.events) as {
      <K extends CrmEventName>(type: K, handler: (event: { type: K } & CrmEventMap[K]) => void): () => void;
      (type: '*', handler: (event: CrmEvent) => void): () => void;
    },
    /** Closes the storage connection. */
    close: () => {
      stopListening?.();
      external.stop();
      return guard({ close: () => ctx.storage.close() }).close();
    },
  };
}

/** A Kartoteka CRM, as `createCrm` returns it. */
export type Crm = Awaited<ReturnType<typeof createCrm>>;
