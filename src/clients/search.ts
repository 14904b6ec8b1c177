import type { CrmContext } from '../context.ts';
import type { Client } from '../model/client.ts';
import { normalizeTaxId, taxIdKey } from '../tax-id/index.ts';
import { digitsOf, foldText } from '../text.ts';
import { canSee } from './access.ts';

/**
 * Finds clients by name, contact person, tax ID (any formatting), e-mail or phone digits.
 * Ranked: exact tax ID or number first, then a word of the name starting with the text, then a
 * contact's name or a tax-ID digit prefix, then any substring. A scan of the name index; the indexed search replaces it for large stores.
 */
export async function searchClients(ctx: CrmContext, text: string, limit: number): Promise<Client[]> {
  const query = foldText(text);
  if (!query) return [];
  const digits = digitsOf(text);
  const exactTaxKey = taxIdKey(normalizeTaxId(text, ctx.settings.defaultCountry ? { defaultCountry: ctx.settings.defaultCountry } : {}));
  const scored: { client: Client; score: number }[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.storage.query('clients', { index: 'name', limit: 500, ...(cursor ? { cursor } : {}) });
    for (const client of page.records as unknown as Client[]) {
      const score = rank(client, query, digits, exactTaxKey);
      if (score > 0 && canSee(ctx, client)) scored.push({ client, score });
    }
    cursor = page.cursor;
  } while (cursor);
  return scored.sort((a, b) => b.score - a.score).slice(0, limit).map((entry) => entry.client);
}

function rank(client: Client, query: string, digits: string, exactTaxKey: string): number {
  if ((client.taxId && taxIdKey(client.taxId) === exactTaxKey) || String(client.number) === query) return 4;
  const startsWord = (name: string) => foldText(name).split(' ').some((word) => word.startsWith(query));
  if (startsWord(client.name)) return 3;
  if (client.contacts.some((c) => startsWord(c.name))) return 2;
  const taxDigits = [client.taxId?.value, client.vatId?.value].filter((v) => v !== undefined).map(digitsOf);
  if (digits.length >= 3 && taxDigits.some((value) => value.startsWith(digits))) return 2;
  if ([client.name, ...client.contacts.map((c) => c.name)].some((name) => foldText(name).includes(query))) return 1;
  if (client.emails.some((email) => email.toLowerCase().includes(query))) return 1;
  if (digits.length >= 3 && client.phones.some((phone) => digitsOf(phone).includes(digits))) return 1;
  return 0;
}
