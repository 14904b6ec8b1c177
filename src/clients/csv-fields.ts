import * as z from 'zod/mini';
import type { Client } from '../model/client.ts';

/**
 * Client fields a CSV column can fill on import. The address fields are the billing address's;
 * `email`, `phone`, `tags` and `stars` are lists (several values in a cell, several columns may
 * map to one); `status` and `stars` take names or ids; `customFields.<key>` sets one custom field.
 */
export const clientCsvImportFields = [
  'name', 'kind', 'taxId', 'vatId', 'email', 'phone', 'street', 'city', 'postalCode', 'region', 'country',
  'accountCode', 'owner', 'tags', 'note', 'lifecycle', 'temperature', 'status', 'stars', 'currency', 'language',
] as const;

/** Client fields a CSV export can write: every importable one, plus the client number and dates. */
export const clientCsvExportFields = ['number', ...clientCsvImportFields, 'lastOrderAt', 'createdAt'] as const;

/** A column an import fills: a listed field or `customFields.<key>`. */
export type ClientCsvImportField = (typeof clientCsvImportFields)[number] | `customFields.${string}`;
/** A column an export writes: a listed field or `customFields.<key>`. */
export type ClientCsvExportField = (typeof clientCsvExportFields)[number] | `customFields.${string}`;

/** The fields that hold lists: their cells may hold several values, and several columns may fill them. */
export const listFields: ReadonlySet<string> = new Set(['email', 'phone', 'tags', 'stars']);

const customFieldPrefix = 'customFields.';

/** The custom-field key a `customFields.<key>` column names, if it names one. */
export function customFieldKey(field: string): string | undefined {
  return field.startsWith(customFieldPrefix) ? field.slice(customFieldPrefix.length) : undefined;
}

function fieldName<T extends string>(known: readonly string[]) {
  const names = new Set(known);
  const valid = (value: unknown) => {
    if (typeof value !== 'string') return false;
    const key = customFieldKey(value);
    // The model keeps no `__proto__` key in custom fields (zod drops it), so a column for it would vanish.
    return names.has(value) || (key !== undefined && key.length >= 1 && key.length <= 100 && key !== '__proto__');
  };
  return z.custom<T>(valid, `Expected one of ${known.join(', ')}, or customFields.<key>`);
}

export const ClientCsvImportField = fieldName<ClientCsvImportField>(clientCsvImportFields);
export const ClientCsvExportField = fieldName<ClientCsvExportField>(clientCsvExportFields);

/** What `delimiter` options take; a file's own delimiter is detected when an import does not say. */
export const CsvDelimiter = z.enum([',', ';', '\t']);

/** Every e-mail address of a client: its own, then its contact persons', each once whatever its case. */
export function clientEmails(client: Pick<Client, 'emails' | 'contacts'>): string[] {
  const seen = new Map<string, string>();
  for (const email of [...client.emails, ...client.contacts.flatMap((contact) => (contact.email ? [contact.email] : []))]) {
    if (!seen.has(email.toLowerCase())) seen.set(email.toLowerCase(), email);
  }
  return [...seen.values()];
}
