import { mainValue, type ClientStats } from '../analytics/client-stats.ts';
import type { Client } from '../model/client.ts';
import type { Order } from '../model/order.ts';
import type { Activity } from '../model/activity.ts';
import type { Task } from '../model/task.ts';
import type { TaxId } from '../model/common.ts';
import { taxIdKey } from '../tax-id/index.ts';
import { digitsOf, foldText } from '../text.ts';
import type { IndexKey, StorageSchema, StoredRecord } from './adapter.ts';

const taxKey = (taxId: TaxId | undefined) => (taxId ? taxIdKey(taxId) : undefined);
const asClient = (record: StoredRecord) => record as unknown as Client;
const asOrder = (record: StoredRecord) => record as unknown as Order;
const asActivity = (record: StoredRecord) => record as unknown as Activity;
const asTask = (record: StoredRecord) => record as unknown as Task;
const field = (name: string) => (record: StoredRecord) => record[name] as IndexKey | undefined;

/** The name an order's buyer goes by, folded for matching against client names (B15). */
export function orderBuyerKey(order: Order): string | undefined {
  const name = order.billing.company ?? order.billing.name;
  return name === undefined ? undefined : foldText(name);
}

/** A key of the `unlinked` orders index: a tax ID's, or a folded name's (B15). */
export const unlinkedKey = (kind: 'tax_id' | 'name', key: string) => `${kind} ${key}`;

/** Under which keys an order without a client may be a client's: its buyer's tax ID and name. */
function unlinkedKeys(order: Order): string[] | undefined {
  if (order.clientId) return undefined;
  const tax = taxKey(order.billing.taxId);
  const name = orderBuyerKey(order);
  return [...(tax === undefined ? [] : [unlinkedKey('tax_id', tax)]), ...(name === undefined ? [] : [unlinkedKey('name', name)])];
}

/** Collections and indexes of a Kartoteka store: everything the services look records up by. */
export const crmSchema: StorageSchema = {
  version: 3,
  collections: {
    clients: {
      indexes: {
        number: { key: field('number'), unique: true },
        name: { key: (r) => foldText(asClient(r).name) },
        taxKey: { key: (r) => taxKey(asClient(r).taxId), unique: true },
        vatKey: { key: (r) => taxKey(asClient(r).vatId) },
        emails: { key: (r) => asClient(r).emails.map((e) => e.toLowerCase()), multiEntry: true },
        phones: { key: (r) => asClient(r).phones.map(digitsOf), multiEntry: true },
        statusId: { key: field('statusId') },
        stars: { key: (r) => asClient(r).stars, multiEntry: true },
        lifecycle: { key: field('lifecycle') },
        temperature: { key: field('temperature') },
        owner: { key: field('owner') },
        accountCode: { key: field('accountCode') },
        createdAt: { key: field('createdAt') },
        updatedAt: { key: field('updatedAt') },
      },
    },
    orders: {
      indexes: {
        clientCreated: { key: (r) => (asOrder(r).clientId ? [asOrder(r).clientId!, asOrder(r).createdAt] : undefined) },
        taxKey: { key: (r) => taxKey(asOrder(r).billing.taxId) },
        accountCode: { key: field('accountCode') },
        /** B15: only orders without a client, so a linked order (nearly all) costs it nothing to write. */
        unlinked: { key: (r) => unlinkedKeys(asOrder(r)), multiEntry: true },
        createdAt: { key: field('createdAt') },
      },
    },
    notes: { indexes: { clientId: { key: field('clientId') }, orderId: { key: field('orderId') } } },
    activities: {
      indexes: {
        clientAt: { key: (r) => [r['clientId'] as string, r['at'] as string] },
        batchId: { key: field('batchId') },
        /** W5: a pipeline's stage history in time order, which its conversion figures come from. */
        pipelineAt: {
          key: (r) => (asActivity(r).type === 'stage_changed' ? [(asActivity(r).data as { pipelineId: string }).pipelineId, asActivity(r).at] : undefined),
        },
      },
    },
    tasks: {
      indexes: {
        clientId: { key: field('clientId') },
        orderId: { key: field('orderId') },
        assignee: { key: field('assignee') },
        /** Open tasks only, by due time: what `crm.tasks.due` reads, and nothing else. */
        openDue: { key: (r) => (asTask(r).done ? undefined : asTask(r).due) },
      },
    },
    pipelines: { indexes: {} },
    /** Id `${pipelineId}:${clientId}`, so a client holds one stage per pipeline. */
    placements: {
      indexes: {
        /** A stage's clients, longest there first. */
        pipelineStage: { key: (r) => [r['pipelineId'] as string, r['stageId'] as string, r['enteredAt'] as string] },
        /** A pipeline's clients across its stages, by when they entered their stage. */
        pipelineEntered: { key: (r) => [r['pipelineId'] as string, r['enteredAt'] as string] },
        clientId: { key: field('clientId') },
      },
    },
    statuses: { indexes: {} },
    starKinds: { indexes: {} },
    /** B11: tax IDs and account codes staff tied to a client by linking an order by hand. */
    linkKeys: { indexes: { clientId: { key: field('clientId') }, orderId: { key: field('orderId') } } },
    /** Each client's order figures, kept by every write (`src/analytics`); the client lists sort by them. */
    clientStats: {
      indexes: {
        /** A client that never ordered sorts as the oldest. */
        lastOrder: { key: (r) => (r['days'] as number[]).at(-1) ?? -1 },
        orderCount: { key: field('orders') },
        totalValue: { key: (r) => mainValue(r as unknown as ClientStats) },
      },
    },
    /** Automation rules (`src/rules`). */
    rules: { indexes: {} },
    /** Rule triggers raised by committed writes, waiting for the engine, oldest first. */
    ruleEvents: { indexes: { queue: { key: (r) => [r['at'] as string, r['seq'] as number] } } },
    /** Which rule fired for which event: a rule fires at most once per event. */
    ruleRuns: { indexes: { ruleId: { key: field('ruleId') } } },
    /** Settings and per-store counters. */
    meta: { indexes: {} },
  },
};
