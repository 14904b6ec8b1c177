import * as z from 'zod/mini';
import { recordActivity } from '../activities/record.ts';
import { newClientRecord } from '../clients/client-record.ts';
import { clientInputFromBilling } from '../clients/from-billing.ts';
import type { CrmContext, UnitOfWork } from '../context.ts';
import { compact } from '../compact.ts';
import type { Client } from '../model/client.ts';
import type { Billing, Order, OrderInput } from '../model/order.ts';
import { sameJson } from '../same-json.ts';
import { storedTaxId } from '../tax-id-field.ts';
import { validateTaxId } from '../tax-id/index.ts';
import { LinkSummary, announceLink, linkedOrder } from './link.ts';
import { matchClient } from './matching.ts';
import type { StagedClients } from './staged-clients.ts';

export interface UpsertOutcome {
  order: Order;
  change: 'created' | 'updated' | 'unchanged';
  /** The client the order was linked to by this upsert. */
  linked?: Client;
  clientCreated: boolean;
}

function storedBilling(ctx: CrmContext, billing: z.output<typeof OrderInput>['billing']): Billing {
  return compact({
    ...billing,
    taxId: storedTaxId(ctx, billing.taxId, ['billing', 'taxId'], false),
    vatId: storedTaxId(ctx, billing.vatId, ['billing', 'vatId'], false),
  });
}

/** The shop's part of a stored order: what an upsert may change. */
const shopPart = ({ clientId: _, linkSource: __, unlinkedByHand: ___, updatedAt: ____, version: _____, ...rest }: Omit<Order, 'version'> & { version?: number }) => rest;

/**
 * Stages one validated order: stores it (or leaves it alone when nothing changed), links it to
 * its client, or creates the client when `autoCreateClients` is on (B8, B11, K2).
 */
export async function stageUpsert(ctx: CrmContext, uow: UnitOfWork, data: z.output<typeof OrderInput>, staged?: StagedClients, summary?: LinkSummary): Promise<UpsertOutcome> {
  const previous = (await ctx.storage.get('orders', data.id)) as Order | undefined;
  let draft: Omit<Order, 'version'> = compact({
    ...data,
    billing: storedBilling(ctx, data.billing),
    clientId: previous?.clientId,
    linkSource: previous?.linkSource,
    unlinkedByHand: previous?.unlinkedByHand,
    updatedAt: ctx.now(),
  });
  let client: Client | undefined;
  let clientCreated = false;
  if (!draft.clientId && !draft.unlinkedByHand) {
    client = await matchClient(ctx, draft as Order, staged);
    if (client) {
      draft = linkedOrder(ctx, draft, client, 'auto');
    } else if (ctx.settings.autoCreateClients && data.billing.taxId && validateTaxId(data.billing.taxId, ctx.settings.defaultCountry ? { defaultCountry: ctx.settings.defaultCountry } : {}).valid) {
      client = await newClientRecord(ctx, uow, clientInputFromBilling(ctx, draft as Order), { strictTaxId: false });
      clientCreated = true;
      staged?.add(client);
      summary?.created(client.id, draft.id);
      recordActivity(ctx, uow, { clientId: client.id, orderId: draft.id, type: 'client_created', data: { fromOrder: draft.id, automatic: true } });
      uow.emit({ type: 'client.created', client });
      draft = linkedOrder(ctx, draft, client, 'created');
    }
  }
  if (previous && !client && sameJson(shopPart(previous), shopPart(draft))) return { order: previous, change: 'unchanged', clientCreated };
  const order = uow.put<Order>('orders', draft, previous ?? 'absent');
  uow.emit(previous ? { type: 'order.updated', order, previous } : { type: 'order.created', order });
  // A client this order created has it on its `client_created` entry already: no second entry.
  if (client) announceLink(ctx, uow, order, client, clientCreated ? 'none' : summary);
  return { order, change: previous ? 'updated' : 'created', ...(client ? { linked: client } : {}), clientCreated };
}
