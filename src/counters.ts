import type { CrmContext, UnitOfWork } from './context.ts';

interface Counter {
  id: string;
  value: number;
  version: number;
}

/**
 * The next number of a per-store sequence ("Client: 45"). The counter is written in the same
 * batch as the record that takes the number, so two writers can never get the same one.
 */
export async function nextNumber(ctx: CrmContext, uow: UnitOfWork, sequence: string): Promise<number> {
  const id = `counter:${sequence}`;
  // Several records of one batch may each take a number: count on from the one staged last.
  const counter = uow.staged<Counter>('meta', id) ?? ((await ctx.storage.get('meta', id)) as Counter | undefined);
  const value = (counter?.value ?? 0) + 1;
  uow.put<Counter>('meta', { id, value }, counter ?? 'absent');
  return value;
}
