import * as z from 'zod/mini';
import { Address, CurrencyCode, Email, IsoDateTime, MinorUnits, Phone, TaxId, longText, text } from './common.ts';
import { ClientId, OrderId } from './ids.ts';

/** Who pays: the billing block of a shop order; `company` or `name` must be given. */
const billingFields = {
  company: z.optional(text()),
  name: z.optional(text()),
  email: z.optional(Email),
  phone: z.optional(Phone),
  address: z.optional(Address),
};
const hasCompanyOrName = z.refine<{ company?: string | undefined; name?: string | undefined }>(
  (billing) => Boolean(billing.company || billing.name),
  { message: 'Give the company or the buyer\'s name', path: ['company'] },
);

export const BillingInput = z
  .strictObject({ ...billingFields, taxId: z.optional(z.string().check(z.maxLength(40))), vatId: z.optional(z.string().check(z.maxLength(40))) })
  .check(hasCompanyOrName);
export type BillingInput = z.input<typeof BillingInput>;

export const Billing = z
  .strictObject({ ...billingFields, taxId: z.optional(TaxId), vatId: z.optional(TaxId) })
  .check(hasCompanyOrName);
export type Billing = z.infer<typeof Billing>;

export const DeliveryAddress = z.extend(Address, { name: z.optional(text()), company: z.optional(text()) });

export const OrderItem = z.strictObject({
  sku: z.optional(text(100)),
  name: text(),
  quantity: z.number().check(z.positive()),
  /** Price of one unit in minor units. */
  unitPrice: MinorUnits,
  /** Discount on the whole line, in minor units. */
  discount: z.optional(MinorUnits),
});
export type OrderItem = z.infer<typeof OrderItem>;

export const PaymentState = z.enum(['unpaid', 'partially_paid', 'paid', 'refunded']);

export const OrderDocument = z.strictObject({
  kind: z.enum(['receipt', 'invoice', 'credit_note']),
  number: text(100),
  issuedAt: IsoDateTime,
});
export type OrderDocument = z.infer<typeof OrderDocument>;

/** K5: the customer's note, the shop's note the customer sees, and the shop's private one. */
export const OrderNotes = z.strictObject({
  customer: z.optional(longText()),
  shopPublic: z.optional(longText()),
  shopPrivate: z.optional(longText()),
});

/** The shop's fields of an order; the shop stays their source of truth. */
const shopFields = {
  id: OrderId,
  number: z.optional(text(100)),
  channel: z.optional(text(100)),
  /** The buyer's account/login code in the shop (K2). */
  accountCode: z.optional(text(100)),
  delivery: z.optional(DeliveryAddress),
  items: z.optional(z.array(OrderItem)),
  currency: CurrencyCode,
  total: MinorUnits,
  subtotal: z.optional(MinorUnits),
  shipping: z.optional(MinorUnits),
  tax: z.optional(MinorUnits),
  status: z.optional(text(100)),
  paymentState: z.optional(PaymentState),
  documents: z.optional(z.array(OrderDocument)),
  notes: z.optional(OrderNotes),
  couponCode: z.optional(text(100)),
  createdAt: IsoDateTime,
};

/** What `crm.orders.upsert` accepts. */
export const OrderInput = z.strictObject({ ...shopFields, billing: BillingInput });
export type OrderInput = z.input<typeof OrderInput>;

/** How an order came to belong to its client. */
export const LinkSource = z.enum(['auto', 'manual', 'created']);

/** An order as stored: the shop's data plus the CRM's link to a client. */
export const OrderSchema = z.strictObject({
  ...shopFields,
  billing: Billing,
  clientId: z.optional(ClientId),
  linkSource: z.optional(LinkSource),
  /** Set when staff unlinked the order: later upserts of it must not link it again. */
  unlinkedByHand: z.optional(z.boolean()),
  updatedAt: IsoDateTime,
  version: z.int().check(z.positive()),
});
export type Order = z.infer<typeof OrderSchema>;
