import * as z from 'zod/mini';
import { recordClientChange } from './clients/changes.ts';
import { requireAdmin } from './clients/access.ts';
import { patchedClient } from './clients/client-record.ts';
import { checkVersion, transact, type CrmContext, type UnitOfWork } from './context.ts';
import { compact } from './compact.ts';
import { CrmError, invalid, notFound } from './errors.ts';
import type { CatalogChange } from './events.ts';
import type { Client } from './model/client.ts';
import type { IdKind } from './model/ids.ts';
import { readAll } from './storage/read-all.ts';
import { foldText } from './text.ts';
import { parse } from './validation.ts';
import { expectedVersionOf, type UpdateOptions } from './update-options.ts';

interface Entry {
  id: string;
  name: string;
  position: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CatalogDefinition<T extends Entry, I, P> {
  collection: string;
  idKind: IdKind;
  idSchema: z.ZodMiniType<string>;
  input: z.ZodMiniType<Omit<T, 'id' | 'position' | 'createdAt' | 'updatedAt' | 'version'> & { position?: number | undefined }, I>;
  patch: z.ZodMiniType<Partial<Omit<T, 'id' | 'createdAt' | 'updatedAt' | 'version'>>, P>;
  /** The client field that refers to entries: one id, or a list of them. */
  clientField: 'statusId' | 'stars';
  announce: (uow: UnitOfWork, entry: T, change: CatalogChange) => void;
  /** Stages what else must follow a delete; may return what to do once it is committed. */
  onDelete?: (uow: UnitOfWork, entry: T, replacementId: string | null) => Promise<(() => void) | undefined>;
}

/** Gives a catalog definition its types (the entry type comes from `announce`). */
export const defineCatalog = <T extends Entry, I, P>(def: CatalogDefinition<T, I, P>) => def;

type EntryData<T extends Entry> = Omit<T, 'id' | 'position' | 'createdAt' | 'updatedAt' | 'version'> & { position?: number | undefined };

function stageEntry<T extends Entry, I, P>(ctx: CrmContext, def: CatalogDefinition<T, I, P>, uow: UnitOfWork, data: EntryData<T>, position: number): T {
  const now = ctx.now();
  const entry = uow.put<T>(def.collection, compact({ position, ...data, id: ctx.newId(def.idKind), createdAt: now, updatedAt: now }) as unknown as Omit<T, 'version'>, 'absent');
  def.announce(uow, entry, 'created');
  return entry;
}

/**
 * Writes a catalog's default set into a new store, once (a flag remembers it, so deleting them
 * all sticks). Internal: `createCrm` calls it on open.
 */
export async function seedCatalog<T extends Entry, I, P>(ctx: CrmContext, def: CatalogDefinition<T, I, P>, defaults: EntryData<T>[]): Promise<void> {
  const flagId = `seeded:${def.collection}`;
  await transact(ctx, async (uow) => {
    if (await ctx.storage.get('meta', flagId)) return;
    uow.put('meta', { id: flagId }, 'absent');
    defaults.forEach((data, position) => stageEntry(ctx, def, uow, data, position));
  });
}

const DeleteOptions = (idSchema: z.ZodMiniType<string>) =>
  z.optional(z.strictObject({ replacementId: z.optional(z.nullable(idSchema)), expectedVersion: z.optional(z.int()) }));

/**
 * A user-defined, ordered list clients refer to: statuses (one per client) and star kinds
 * (a set per client). Deleting an entry in use needs a replacement (or `null` for none). Names
 * are unique within a catalog; only admins change it.
 */
export function catalogService<T extends Entry, I, P>(ctx: CrmContext, def: CatalogDefinition<T, I, P>) {
  const all = async () => ((await readAll<T>(ctx, def.collection))).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  const read = async (id: string) => {
    const entry = (await ctx.storage.get(def.collection, id)) as T | undefined;
    if (!entry) throw notFound(def.idKind, id);
    return entry;
  };
  const usedBy = (id: string) => readAll<Client>(ctx, 'clients', def.clientField, { eq: id });
  /** A catalog is the whole team's, and deleting an entry changes every owner's clients. */
  const adminOnly = () => requireAdmin(ctx, 'Statuses and star kinds are shared by every owner\'s clients');
  /**
   * Two entries of one name (case and diacritics ignored, as the CSV import reads names) would
   * read the same on a client, and an import could pick either. Every new name also writes the
   * catalog's guard record, version-checked: of two tabs naming entries alike at once, the second
   * conflicts, and its retry finds the first's name.
   */
  const checkNameFree = async (uow: UnitOfWork, name: string, id?: string): Promise<T[]> => {
    const guardId = `names:${def.collection}`;
    const guard = (await ctx.storage.get('meta', guardId)) as { id: string; version: number } | undefined;
    uow.put('meta', { id: guardId }, guard ?? 'absent');
    const entries = await all();
    if (!entries.some((entry) => entry.id !== id && foldText(entry.name) === foldText(name))) return entries;
    throw invalid(['name'], `Another ${def.idKind === 'star' ? 'star kind' : 'status'} is named ${name}`, 'name_taken');
  };

  return {
    /** Every entry, in display order. */
    list: all,

    async create(input: I): Promise<T> {
      adminOnly();
      const data = parse(def.input, input);
      return transact(ctx, async (uow) => {
        const entries = await checkNameFree(uow, data.name);
        return stageEntry(ctx, def, uow, data, Math.max(0, ...entries.map((e) => e.position + 1)));
      });
    },

    /** Renames, regroups, recolours or moves (`position`) an entry. */
    async update(id: string, patch: P, options?: UpdateOptions): Promise<T> {
      adminOnly();
      const entryId = parse(def.idSchema, id, ['id']);
      const data = parse(def.patch, patch);
      const expectedVersion = expectedVersionOf(options);
      return transact(ctx, async (uow) => {
        const previous = await read(entryId);
        checkVersion(previous, expectedVersion);
        // Its own name in other letters is no new name: a store may hold it twice from before names were unique.
        if (data.name !== undefined && foldText(data.name) !== foldText(previous.name)) await checkNameFree(uow, data.name, entryId);
        const entry = uow.put<T>(def.collection, { ...previous, ...compact(data), updatedAt: ctx.now() }, previous);
        def.announce(uow, entry, 'updated');
        return entry;
      });
    },

    /**
     * Puts entries in the given order, all in one write: `ids` lists some or all of them, the
     * rest keep their order after them. Returns every entry in the new order.
     * @example
     * ```ts
     * const [lead, partner] = await crm.statuses.list();
     * await crm.statuses.reorder([partner.id, lead.id]); // partner first, the rest after
     * ```
     */
    async reorder(ids: string[]): Promise<T[]> {
      adminOnly();
      const wanted = parse(z.array(def.idSchema).check(z.maxLength(1000)), ids, ['ids']);
      return transact(ctx, async (uow) => {
        const entries = await all();
        const byId = new Map(entries.map((entry) => [entry.id, entry]));
        wanted.forEach((id, i) => {
          if (!byId.has(id)) throw notFound(def.idKind, id);
          if (wanted.indexOf(id) !== i) throw invalid(['ids', i], 'Listed twice');
        });
        const ordered = [...wanted.map((id) => byId.get(id)!), ...entries.filter((entry) => !wanted.includes(entry.id))];
        return ordered.map((entry, position) => {
          if (entry.position === position) return entry;
          const moved = uow.put<T>(def.collection, { ...entry, position, updatedAt: ctx.now() }, entry);
          def.announce(uow, moved, 'updated');
          return moved;
        });
      });
    },

    /**
     * Deletes an entry. When clients use it, `replacementId` says what they get instead
     * (`null`: nothing); without it the call fails with `validation` on `replacementId`.
     */
    async delete(id: string, options?: { replacementId?: string | null; expectedVersion?: number }): Promise<void> {
      adminOnly();
      const entryId = parse(def.idSchema, id, ['id']);
      const { replacementId, expectedVersion } = parse(DeleteOptions(def.idSchema), options) ?? {};
      if (replacementId === entryId) throw invalid(['replacementId'], 'Choose an entry other than the one being deleted');
      const afterCommit = await transact(ctx, async (uow) => {
        const entry = await read(entryId);
        checkVersion(entry, expectedVersion);
        if (replacementId) await read(replacementId);
        const clients = await usedBy(entry.id);
        if (clients.length && replacementId === undefined) {
          throw new CrmError('validation', `${entry.name} is used by ${clients.length} client(s): choose a replacement`, {
            fields: [{ path: ['replacementId'], message: `Used by ${clients.length} client(s): choose a replacement` }],
            details: { inUse: clients.length },
          });
        }
        const batchId = ctx.newId('batch');
        for (const previous of clients) {
          const value =
            def.clientField === 'statusId'
              ? { statusId: replacementId ?? null }
              : { stars: [...new Set(previous.stars.map((s) => (s === entry.id ? replacementId : s)).filter((s) => typeof s === 'string'))] };
          const client = uow.put<Client>('clients', await patchedClient(ctx, previous, value), previous);
          recordClientChange(ctx, uow, previous, client, batchId);
        }
        uow.delete(def.collection, entry);
        def.announce(uow, entry, 'deleted');
        return def.onDelete?.(uow, entry, replacementId ?? null);
      });
      afterCommit?.();
    },
  };
}
