import type { Client, ClientPatch, ContactPerson } from '../../src/index.ts';

/** The fields the card's form edits, by input name. */
export const EDITABLE = [
  'name',
  'accountCode',
  'emails',
  'phones',
  'contacts',
  'note',
  'statusId',
  'stars',
  'lifecycle',
  'temperature',
  'discountPercent',
  'discountClass',
  'currency',
  'language',
  'owner',
  'nextOrderReminder',
] as const;

const lines = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** `name; role; e-mail; phone` per line, the way the form shows contact persons. */
export function contactsText(contacts: readonly ContactPerson[]): string {
  return contacts.map((c) => [c.name, c.role ?? '', c.email ?? '', c.phone ?? ''].join('; ').replace(/(; )+$/, '')).join('\n');
}

function parseContacts(value: FormDataEntryValue | null): ContactPerson[] {
  return lines(value).map((line) => {
    const [name = '', role, email, phone] = line.split(';').map((part) => part.trim());
    return { name, ...(role ? { role } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
  });
}

/**
 * What the form changes of `client`: only fields that differ, an emptied optional field as `null`
 * (which clears it). Numbers that do not parse stay text, so the SDK's validation names them.
 */
export function patchFromForm(form: FormData, client: Client): ClientPatch {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const optional = (name: string) => text(name) || null;
  // Long text keeps its lines and spaces; only an empty field clears it.
  const longText = (name: string) => (text(name) === '' ? null : String(form.get(name)));
  const number = (name: string) => (text(name) === '' ? null : Number.isFinite(Number(text(name))) ? Number(text(name)) : text(name));
  const next: Record<string, unknown> = {
    name: text('name'),
    accountCode: optional('accountCode'),
    emails: lines(form.get('emails')),
    phones: lines(form.get('phones')),
    contacts: parseContacts(form.get('contacts')),
    note: longText('note'),
    statusId: optional('statusId'),
    stars: form.getAll('stars').map(String),
    lifecycle: text('lifecycle'),
    temperature: optional('temperature'),
    discountPercent: number('discountPercent'),
    discountClass: number('discountClass'),
    currency: optional('currency')?.toUpperCase() ?? null,
    language: optional('language'),
    owner: optional('owner'),
    nextOrderReminder: longText('nextOrderReminder'),
  };
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const current = (client as unknown as Record<string, unknown>)[key];
    // Stars are a set: the same stars in another order are no change.
    const same = key === 'stars' ? sameSet(value as string[], client.stars) : JSON.stringify(value ?? null) === JSON.stringify(current ?? null);
    if (!same) patch[key] = value;
  }
  return patch as ClientPatch;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}
