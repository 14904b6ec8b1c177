import type { CrmContext } from '../context.ts';
import { CrmError, notFound } from '../errors.ts';
import type { Client } from '../model/client.ts';
import { readAll } from '../storage/read-all.ts';

/** W7: members see only the clients they own; admins see all. */
export function canSee(ctx: CrmContext, client: Pick<Client, 'owner'>): boolean {
  return ctx.principal.role === 'admin' || client.owner === ctx.principal.userId;
}

/** Throws `forbidden` for members: `why` says what the action reaches beyond their own clients. */
export function requireAdmin(ctx: CrmContext, why: string): void {
  if (ctx.principal.role !== 'admin') throw new CrmError('forbidden', `${why}: admins only`);
}

/** Reads a client the principal may see, or throws `not_found` / `forbidden`. */
export async function readClient(ctx: CrmContext, id: string): Promise<Client> {
  const client = (await ctx.storage.get('clients', id)) as Client | undefined;
  if (!client) throw notFound('Client', id);
  if (!canSee(ctx, client)) {
    throw new CrmError('forbidden', `Client ${id} belongs to another owner`, { details: { id, owner: client.owner } });
  }
  return client;
}

/**
 * The ids of the clients a member owns, to filter other collections' records by (tasks,
 * placements); `undefined` for an admin, who sees every client.
 */
export async function ownedClientIds(ctx: CrmContext): Promise<Set<string> | undefined> {
  if (ctx.principal.role === 'admin') return undefined;
  const owned = await readAll<Client>(ctx, 'clients', 'owner', { eq: ctx.principal.userId });
  return new Set(owned.map((client) => client.id));
}
