import type { UnitOfWork } from '../context.ts';
import { isCrmError, type CrmError } from '../errors.ts';

/**
 * Stages each row of a chunk behind a savepoint: a row refused with a `CrmError` takes back all
 * it staged and comes back as its error, so no row is stored in part and the others go on. A
 * storage failure (or a bug) fails the whole chunk.
 */
export async function stageEach<R, T>(uow: UnitOfWork, rows: readonly R[], stage: (row: R) => Promise<T>, refused?: (row: R) => void): Promise<({ value: T } | { error: CrmError })[]> {
  const outcomes: ({ value: T } | { error: CrmError })[] = [];
  for (const row of rows) {
    const rollback = uow.savepoint();
    try {
      outcomes.push({ value: await stage(row) });
    } catch (error) {
      if (!isCrmError(error) || error.code === 'storage') throw error;
      rollback();
      refused?.(row);
      outcomes.push({ error });
    }
  }
  return outcomes;
}
