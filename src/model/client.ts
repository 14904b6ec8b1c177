import * as z from 'zod/mini';
import { Address, CurrencyCode, CustomFields, Email, IsoDateTime, LanguageCode, Phone, TaxId, longText, text } from './common.ts';
import { ClientId, StarId, StatusId } from './ids.ts';
import { nullable } from './nullable.ts';

export const ClientKind = z.enum(['company', 'person']);
/** C1: a current client buys; a potential one does not yet. */
export const Lifecycle = z.enum(['current', 'potential']);
/** C3: how likely a potential client is to buy. */
export const Temperature = z.enum(['hot', 'warm', 'cold', 'not_interested']);

/** A person to talk to at a client company (A4). */
export const ContactPerson = z.strictObject({
  name: text(),
  role: z.optional(text(100)),
  email: z.optional(Email),
  phone: z.optional(Phone),
});
export type ContactPerson = z.infer<typeof ContactPerson>;

/** The client's account at an external trading-partner integration (B5, Base "Connect"). */
export const ExternalLink = z.strictObject({
  integration: text(100),
  accountId: text(200),
});
export type ExternalLink = z.infer<typeof ExternalLink>;


/** Fields every client has (lists may be empty). */
const alwaysPresent = {
  kind: ClientKind,
  name: text(),
  contacts: z.array(ContactPerson),
  emails: z.array(Email),
  phones: z.array(Phone),
  deliveryAddresses: z.array(Address),
  stars: z.array(StarId),
  lifecycle: Lifecycle,
  externalLinks: z.array(ExternalLink),
  tags: z.array(text(50)),
  customFields: CustomFields,
};

/** Fields a client may lack; an update clears one with `null`. */
const optional = {
  billingAddress: Address,
  accountCode: text(100),
  statusId: StatusId,
  temperature: Temperature,
  discountPercent: z.number().check(z.gte(0), z.lte(100)),
  discountClass: z.int().check(z.gte(1), z.lte(99)),
  currency: CurrencyCode,
  language: LanguageCode,
  owner: text(100),
  nextOrderReminder: longText(2000),
  note: longText(),
};

/** Tax and VAT IDs arrive as typed text and are stored normalised. */
const TypedTaxId = z.string().check(z.maxLength(40));

/** What `crm.clients.create` accepts: a name, and whatever else is known. */
export const CreateClientInput = z.extend(
  z.partial(z.strictObject({ ...alwaysPresent, ...optional, taxId: TypedTaxId, vatId: TypedTaxId })),
  { name: alwaysPresent.name },
);
export type CreateClientInput = z.input<typeof CreateClientInput>;

/** What `crm.clients.update` accepts: any create field; `null` clears an optional one. */
export const ClientPatch = z.partial(
  z.strictObject({ ...alwaysPresent, ...nullable({ ...optional, taxId: TypedTaxId, vatId: TypedTaxId }) }),
);
export type ClientPatch = z.input<typeof ClientPatch>;

/** A B2B client as stored: keyed by its normalised tax ID, numbered per store ("Client: 45"). */
export const ClientSchema = z.extend(
  z.strictObject({
    id: ClientId,
    number: z.int().check(z.positive()),
    ...alwaysPresent,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    version: z.int().check(z.positive()),
  }),
  z.partial(z.strictObject({ ...optional, taxId: TaxId, vatId: TaxId })).shape,
);
export type Client = z.infer<typeof ClientSchema>;
