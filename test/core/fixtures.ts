import { expect } from 'chai';
import { createCrm, idPrefixes, isCrmError, type CrmError, type CrmOptions, type IdGenerator, type OrderInput } from '../../src/index.ts';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { crmSchema } from '../../src/storage/schema.ts';

/** A clock that starts at a fixed time and moves one second per reading: timelines sort predictably. */
export function steppingClock(start = '2026-11-01T08:00:00Z') {
  let time = Date.parse(start);
  return () => new Date((time += 1000));
}

/** Ids numbered in creation order: two runs of the same steps store the same records. */
export function countingIds(): IdGenerator {
  let n = 0;
  return (kind) => `${idPrefixes[kind]}_t${++n}`;
}

/** A CRM on a fresh memory store, with a stepping clock. */
export function openCrm(options: Partial<CrmOptions> = {}) {
  return createCrm({ storage: memoryAdapter(), clock: steppingClock(), ...options });
}

let orderSequence = 0;
/** A valid shop order; override what the test is about. */
export function shopOrder(overrides: Partial<OrderInput> = {}): OrderInput {
  orderSequence += 1;
  return {
    id: `shop-${orderSequence}`,
    number: `2026/${1000 + orderSequence}`,
    channel: 'eshop',
    currency: 'CZK',
    total: 125_000,
    createdAt: '2026-10-15T09:00:00Z',
    billing: { company: 'Alza.cz a.s.', name: 'Jana Nováková', taxId: 'CZ27082440', email: 'nakup@alza.cz' },
    ...overrides,
  };
}

/** Every record of every collection, to prove a rejected write changed nothing. */
export async function snapshot(storage: CrmOptions['storage']): Promise<string> {
  const collections = Object.keys(crmSchema.collections);
  const all: Record<string, unknown> = {};
  for (const collection of collections) all[collection] = (await storage.query(collection, { limit: 100_000 })).records;
  return JSON.stringify(all);
}

/** The CrmError a promise rejects with; fails the test when it resolves, rethrows anything else. */
export async function rejection(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  );
  if (!isCrmError(error)) throw error;
  return error;
}
