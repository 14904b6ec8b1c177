import type { StorageSchema, WriteOperation } from './adapter.ts';

const uniqueBySchema = new WeakMap<StorageSchema, ReadonlySet<string>>();

/** The collections with a unique index, worked out once per schema: every write asks. */
function uniqueIndexed(schema: StorageSchema): ReadonlySet<string> {
  let names = uniqueBySchema.get(schema);
  if (!names) {
    names = new Set(Object.entries(schema.collections).filter(([, c]) => Object.values(c.indexes).some((i) => i.unique)).map(([name]) => name));
    uniqueBySchema.set(schema, names);
  }
  return names;
}

/**
 * One write per record: several writes of the same record in a batch (a counter taken by 500 new
 * clients, a client's stats adjusted 40 times) become the last one, checked against the version
 * the first one expected. Collections with a unique index keep every write, in order: there the
 * order of writes can decide whether a key is free.
 */
export function collapseWrites(operations: WriteOperation[], schema: StorageSchema): WriteOperation[] {
  const ordered = uniqueIndexed(schema);
  const result: (WriteOperation | undefined)[] = [];
  const at = new Map<string, number>();
  for (const op of operations) {
    if (ordered.has(op.collection)) {
      result.push(op);
      continue;
    }
    const key = `${op.collection}\u0000${op.type === 'put' ? op.record.id : op.id}`;
    const index = at.get(key);
    if (index === undefined) {
      at.set(key, result.length);
      result.push(op);
      continue;
    }
    // The first write's check is the one against storage; later ones were against this batch.
    const first = result[index] ?? { expectedVersion: 'absent' as const };
    const expectedVersion = first.expectedVersion;
    if (op.type === 'put') result[index] = { ...op, ...(expectedVersion === undefined ? {} : { expectedVersion }) } as WriteOperation;
    // Created and deleted in the same batch: nothing to write.
    else if (expectedVersion === 'absent') result[index] = undefined;
    else result[index] = { ...op, ...(expectedVersion === undefined ? {} : { expectedVersion }) } as WriteOperation;
  }
  return result.filter((op): op is WriteOperation => op !== undefined);
}
