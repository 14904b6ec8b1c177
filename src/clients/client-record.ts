import type { CrmContext, UnitOfWork } from '../context.ts';
import { compact } from '../compact.ts';
import { nextNumber } from '../counters.ts';
import { CrmError, invalid } from '../errors.ts';
import type { Client, ClientPatch, CreateClientInput } from '../model/client.ts';
import type { TaxId } from '../model/common.ts';
import { storedTaxId } from '../tax-id-field.ts';
import { taxIdKey } from '../tax-id/index.ts';

type ParsedCreate = Omit<CreateClientInput, 'taxId' | 'vatId'> & { taxId?: string | undefined; vatId?: string | undefined };

/** What a new client has where its input says nothing (fresh lists each call). */
export function newClientDefaults(): Pick<Client, 'kind' | 'contacts' | 'emails' | 'phones' | 'deliveryAddresses' | 'stars' | 'lifecycle' | 'externalLinks' | 'tags' | 'customFields'> {
  return { kind: 'company', contacts: [], emails: [], phones: [], deliveryAddresses: [], stars: [], lifecycle: 'potential', externalLinks: [], tags: [], customFields: {} };
}

/** Builds a new client from validated input: numbered, tax IDs normalised and checked for duplicates. */
export async function newClientRecord(ctx: CrmContext, uow: UnitOfWork, input: ParsedCreate, options: { strictTaxId: boolean }): Promise<Client> {
  const { taxId, vatId, ...rest } = input;
  const now = ctx.now();
  const draft: Omit<Client, 'version'> = compact({
    ...newClientDefaults(),
    ...compact(rest),
    taxId: storedTaxId(ctx, taxId, ['taxId'], options.strictTaxId),
    vatId: storedTaxId(ctx, vatId, ['vatId'], options.strictTaxId),
    id: ctx.newId('client'),
    number: await nextNumber(ctx, uow, 'clients'),
    createdAt: now,
    updatedAt: now,
  });
  await checkReferences(ctx, draft);
  await assertTaxIdFree(ctx, draft.taxId, draft.id);
  return uow.put<Client>('clients', draft, 'absent');
}

/** Applies a validated patch: `null` removes a field, tax IDs are normalised, references checked. */
export async function patchedClient(ctx: CrmContext, client: Client, patch: ClientPatch): Promise<Omit<Client, 'version'>> {
  const next: Record<string, unknown> = { ...client, updatedAt: ctx.now() };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else if (key === 'taxId' || key === 'vatId') next[key] = storedTaxId(ctx, value as string, [key], true);
    else next[key] = value;
  }
  const result = compact(next) as unknown as Omit<Client, 'version'>;
  await checkReferences(ctx, result);
  if (patch.taxId !== undefined) await assertTaxIdFree(ctx, result.taxId, client.id);
  return result;
}

/** A client may point only at statuses and star kinds that exist. */
export async function checkReferences(ctx: CrmContext, client: Pick<Client, 'statusId' | 'stars'>): Promise<void> {
  if (client.statusId && !(await ctx.storage.get('statuses', client.statusId))) {
    throw invalid(['statusId'], `No status ${client.statusId}`);
  }
  for (const [index, star] of client.stars.entries()) {
    if (!(await ctx.storage.get('starKinds', star))) throw invalid(['stars', index], `No star kind ${star}`);
  }
}

/** One tax ID, one client: a second client with the same normalised tax ID is a `duplicate`. */
export async function assertTaxIdFree(ctx: CrmContext, taxId: TaxId | undefined, ownId: string): Promise<void> {
  if (!taxId) return;
  const { records } = await ctx.storage.query('clients', { index: 'taxKey', range: { eq: taxIdKey(taxId) }, limit: 2 });
  const other = records.find((record) => record.id !== ownId) as Client | undefined;
  if (other) {
    throw new CrmError('duplicate', `Client ${other.number} (${other.name}) already has tax ID ${taxId.input}`, {
      current: other,
      fields: [{ path: ['taxId'], code: 'tax_id_taken', message: `Client ${other.number} (${other.name}) already has this tax ID` }],
      details: { clientId: other.id },
    });
  }
}
