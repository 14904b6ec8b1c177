import * as z from 'zod/mini';

/** The languages a new store's default statuses and star kinds can be named in. */
export const SEED_LANGUAGES = ['en', 'cs', 'pl', 'sl'] as const;
export const SeedLanguage = z.enum(SEED_LANGUAGES);
export type SeedLanguage = z.infer<typeof SeedLanguage>;

/** Keys of the default statuses, their groups and the default star kinds. */
export type SeedName =
  | 'lead' | 'new_partner' | 'regular_customer' | 'vip' | 'individual_terms'
  | 'prospects' | 'partners' | 'key_accounts'
  | 'red' | 'yellow' | 'green' | 'blue';

/** What the defaults are called in each language; staff rename them as they like. */
const NAMES: Record<SeedLanguage, Record<SeedName, string>> = {
  en: {
    lead: 'Lead', new_partner: 'New partner', regular_customer: 'Regular customer', vip: 'VIP', individual_terms: 'Individual terms',
    prospects: 'Prospects', partners: 'Partners', key_accounts: 'Key accounts',
    red: 'Red', yellow: 'Yellow', green: 'Green', blue: 'Blue',
  },
  cs: {
    lead: 'Zájemce', new_partner: 'Nový partner', regular_customer: 'Stálý zákazník', vip: 'VIP', individual_terms: 'Individuální podmínky',
    prospects: 'Potenciální', partners: 'Partneři', key_accounts: 'Klíčoví zákazníci',
    red: 'Červená', yellow: 'Žlutá', green: 'Zelená', blue: 'Modrá',
  },
  pl: {
    lead: 'Potencjalny klient', new_partner: 'Nowy partner', regular_customer: 'Stały klient', vip: 'VIP', individual_terms: 'Warunki indywidualne',
    prospects: 'Potencjalni', partners: 'Partnerzy', key_accounts: 'Kluczowi klienci',
    red: 'Czerwona', yellow: 'Żółta', green: 'Zielona', blue: 'Niebieska',
  },
  sl: {
    lead: 'Potencialna stranka', new_partner: 'Nov partner', regular_customer: 'Stalna stranka', vip: 'VIP', individual_terms: 'Posebni pogoji',
    prospects: 'Potencialni', partners: 'Partnerji', key_accounts: 'Ključne stranke',
    red: 'Rdeča', yellow: 'Rumena', green: 'Zelena', blue: 'Modra',
  },
};

/** The name of a default status, group or star kind in `language`. */
export function seedName(key: SeedName, language: SeedLanguage): string {
  return NAMES[language][key];
}

/**
 * The entry that is the default `key`: the one carrying that key. In a store seeded before
 * defaults had keys (no entry has one), the one still under the default's English name.
 */
export function findSeeded<T extends { key?: string | undefined; name: string }>(entries: readonly T[], key: string): T | undefined {
  if (entries.some((entry) => entry.key !== undefined)) return entries.find((entry) => entry.key === key);
  const english = NAMES.en[key as SeedName];
  return entries.find((entry) => entry.name === english);
}
