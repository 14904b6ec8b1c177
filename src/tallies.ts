import type { CrmContext, UnitOfWork } from './context.ts';
import { isCrmError } from './errors.ts';

/** How many records a collection holds, kept in `meta` beside the records. */
interface Tally {
  id: string;
  value: number;
  version: number;
}

/**
 * Collections whose size is tallied: counting 100k records in IndexedDB takes ~200 ms, reading
 * the tally one `get`.
 */
const TALLIED = ['clients'];
export const tallyId = (collection: string) => `tally:${collection}`;

/**
 * Stages the tally changes of a unit of work into it: each record it creates adds one, each one it
 * deletes takes one away (every write of a unit of work checks versions, so these are exact).
 */
export async function stageTallies(ctx: CrmContext, uow: UnitOfWork): Promise<void> {
  for (const collection of TALLIED) {
    let delta = 0;
    for (const op of uow.operations) {
      if (op.collection !== collection) continue;
      if (op.type === 'delete') delta -= 1;
      else if (op.expectedVersion === 'absent') delta += 1;
    }
    if (delta === 0) continue;
    const id = tallyId(collection);
    const tally = uow.staged<Tally>('meta', id) ?? ((await ctx.storage.get('meta', id)) as Tally | undefined);
    // No tally yet: the store predates tallies and `ensureTallies` has not counted it.
    if (tally) uow.put<Tally>('meta', { id, value: tally.value + delta }, tally);
  }
}

/** The tallied size of `collection`, or `undefined` when it is not tallied. */
export async function readTally(ctx: CrmContext, collection: string): Promise<number | undefined> {
  if (!TALLIED.includes(collection)) return undefined;
  return ((await ctx.storage.get('meta', tallyId(collection))) as Tally | undefined)?.value;
}

/**
 * Starts the tallies of a store that has none (a new one, or one written before tallies) by
 * counting once. Another instance writing in that moment can leave the tally off; stores made
 * since start with theirs at zero.
 */
export async function ensureTallies(ctx: CrmContext): Promise<void> {
  for (const collection of TALLIED) {
    const id = tallyId(collection);
    if (await ctx.storage.get('meta', id)) continue;
    const value = await ctx.storage.count(collection);
    try {
      await ctx.storage.write([{ type: 'put', collection: 'meta', record: { id, value, version: 1 }, expectedVersion: 'absent' }]);
    } catch (error) {
      // Another instance started it first.
      if (!isCrmError(error) || error.code !== 'conflict') throw error;
    }
  }
}
