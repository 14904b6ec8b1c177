import type { CrmContext } from '../context.ts';
import { compact } from '../compact.ts';
import type { Client, CreateClientInput } from '../model/client.ts';
import type { Billing, Order } from '../model/order.ts';

/** B9: a new client made of an order's billing data, its buyer account and delivery address. */
export function clientInputFromBilling(ctx: CrmContext, order: Order): CreateClientInput {
  const { billing, delivery } = order;
  const isCompany = billing.company !== undefined;
  const contact = isCompany && billing.name ? [compact({ name: billing.name, email: billing.email, phone: billing.phone })] : [];
  const deliveryAddress = delivery && compact({ ...delivery, name: undefined, company: undefined });
  return compact({
    kind: isCompany ? 'company' : 'person',
    name: (billing.company ?? billing.name)!,
    taxId: billing.taxId?.input,
    vatId: billing.vatId?.input,
    contacts: contact,
    emails: billing.email ? [billing.email] : [],
    phones: billing.phone ? [billing.phone] : [],
    billingAddress: billing.address,
    deliveryAddresses: deliveryAddress && Object.keys(deliveryAddress).length ? [deliveryAddress] : [],
    accountCode: order.accountCode,
    statusId: ctx.settings.defaultStatusId,
    lifecycle: 'current',
    currency: order.currency,
  });
}

/** B10: the order billing that the saved client's data gives; what the client lacks stays as it was. */
export function billingFromClient(client: Client, current: Billing): Billing {
  const isCompany = client.kind === 'company';
  return compact({
    company: isCompany ? client.name : undefined,
    name: isCompany ? (client.contacts[0]?.name ?? current.name) : client.name,
    taxId: client.taxId,
    vatId: client.vatId,
    email: client.emails[0] ?? current.email,
    phone: client.phones[0] ?? current.phone,
    address: client.billingAddress ?? current.address,
  });
}
