import { clientCsvImportFields, foldText, type ClientCsvImportField } from '../../src/index.ts';
import { en } from '../translations/en.ts';

type Field = (typeof clientCsvImportFields)[number];

/**
 * What headers say for each field beyond the field's own name and its English label: the words shops, accounting programs and Excel sheets in English, Czech, Polish and
 * Slovenian use. Compared folded (no case, no diacritics, no punctuation).
 */
const synonyms: Record<Field, string[]> = {
  name: ['company', 'company name', 'firma', 'nazev', 'nazev firmy', 'obchodni jmeno', 'jmeno', 'odberatel', 'zakaznik', 'customer', 'client', 'nazwa', 'nazwa firmy', 'naziv', 'podjetje'],
  kind: ['kind', 'druh', 'rodzaj', 'vrsta'],
  taxId: ['tax id', 'ico', 'ic', 'company id', 'company number', 'registration number', 'crn', 'nip', 'regon', 'maticna stevilka', 'davcna stevilka', 'davcna'],
  vatId: ['vat', 'vat id', 'vat number', 'dic', 'ic dph', 'nip ue', 'vat ue', 'id za ddv', 'ddv'],
  email: ['email', 'e mail', 'mail', 'emails', 'e maily', 'emailova adresa', 'adres email', 'e posta', 'eposta'],
  phone: ['phone', 'telephone', 'tel', 'telefon', 'mobil', 'mobile', 'telefonni cislo', 'telefon komorkowy', 'gsm'],
  street: ['street', 'address', 'adresa', 'ulice', 'ulice a cislo', 'ulica', 'adres', 'naslov'],
  city: ['city', 'town', 'mesto', 'obec', 'miasto', 'miejscowosc', 'posta'],
  postalCode: ['postal code', 'postcode', 'zip', 'zip code', 'psc', 'kod pocztowy', 'postna stevilka', 'postna st'],
  region: ['region', 'state', 'province', 'wojewodztwo', 'regija'],
  country: ['country', 'zeme', 'stat', 'panstwo', 'drzava'],
  accountCode: ['account', 'account code', 'login', 'customer code', 'kod zakaznika', 'zakaznicke cislo', 'ucet', 'konto', 'racun'],
  owner: ['owner', 'salesperson', 'sales rep', 'obchodnik', 'vlastnik', 'opiekun', 'handlowiec', 'skrbnik', 'prodajalec'],
  tags: ['tags', 'tag', 'labels', 'stitky', 'tagy', 'tagi', 'oznake'],
  note: ['note', 'notes', 'comment', 'poznamka', 'poznamky', 'notatka', 'uwagi', 'opomba', 'komentar'],
  lifecycle: ['lifecycle'],
  temperature: ['temperature', 'teplota', 'temperatura'],
  status: ['status', 'stav', 'stan'],
  stars: ['stars', 'hvezdy', 'gwiazdki', 'zvezdice'],
  currency: ['currency', 'mena', 'waluta', 'valuta'],
  language: ['language', 'lang', 'jazyk', 'jezyk', 'jezik'],
};

/** The fields several columns may fill (their cells are lists). */
const listFields = new Set<string>(['email', 'phone', 'tags', 'stars']);

const fold = (text: string) => foldText(text.replace(/[^\p{L}\p{N}]+/gu, ' '));

/**
 * Folded header → field, built once: the field names, the synonyms, then the English labels (the
 * other languages' labels would bring all their strings into this element: the synonyms cover them).
 */
let index: Map<string, Field> | undefined;
function headerIndex(): Map<string, Field> {
  if (index) return index;
  index = new Map();
  const add = (word: string, field: Field) => {
    const key = fold(word);
    if (key && !index!.has(key)) index!.set(key, field);
  };
  for (const field of clientCsvImportFields) add(field, field);
  for (const [field, words] of Object.entries(synonyms) as [Field, string[]][]) words.forEach((word) => add(word, field));
  for (const field of clientCsvImportFields) add(en.csvFields[field], field);
  return index;
}

/**
 * A first guess at the field each column fills, by its header (`''`: skip it). A single-valued
 * field goes to the first column that names it; e-mail, phone, tags and stars may take several.
 *
 * @example
 * ```ts
 * guessMapping(['Název', 'IČO', 'E-mail', 'Poznámka k objednávce']); // ['name', 'taxId', 'email', '']
 * ```
 */
export function guessMapping(headers: readonly string[]): (ClientCsvImportField | '')[] {
  const taken = new Set<string>();
  return headers.map((header) => {
    const field = headerIndex().get(fold(header));
    if (!field || (taken.has(field) && !listFields.has(field))) return '';
    taken.add(field);
    return field;
  });
}
