import { expect } from 'chai';
import type { StorageSchema, WriteOperation } from '../../src/index.ts';
import { collapseWrites } from '../../src/storage/collapse.ts';

const schema: StorageSchema = {
  version: 1,
  collections: { meta: { indexes: {} }, clients: { indexes: { taxKey: { key: (r) => r['taxKey'] as string, unique: true } } } },
};
const put = (collection: string, id: string, value: number, expectedVersion?: number | 'absent'): WriteOperation => ({
  type: 'put',
  collection,
  record: { id, version: 1, value },
  ...(expectedVersion === undefined ? {} : { expectedVersion }),
});

describe('collapseWrites', () => {
  it('keeps the last state of a record, checked against the version its first write expected', () => {
    const ops = [put('meta', 'counter', 1, 4), put('meta', 'other', 1, 'absent'), put('meta', 'counter', 2, 5), put('meta', 'counter', 3, 6)];
    expect(collapseWrites(ops, schema)).to.deep.equal([put('meta', 'counter', 3, 4), put('meta', 'other', 1, 'absent')]);
  });

  it('drops a record created and deleted in the same batch, and deletes one that existed', () => {
    const ops: WriteOperation[] = [put('meta', 'temp', 1, 'absent'), { type: 'delete', collection: 'meta', id: 'temp', expectedVersion: 1 }, put('meta', 'old', 9, 3), { type: 'delete', collection: 'meta', id: 'old', expectedVersion: 4 }];
    expect(collapseWrites(ops, schema)).to.deep.equal([{ type: 'delete', collection: 'meta', id: 'old', expectedVersion: 3 }]);
    const recreated: WriteOperation[] = [put('meta', 'x', 1, 'absent'), { type: 'delete', collection: 'meta', id: 'x', expectedVersion: 1 }, put('meta', 'x', 2, 'absent')];
    expect(collapseWrites(recreated, schema)).to.deep.equal([put('meta', 'x', 2, 'absent')]);
  });

  it('keeps every write, in order, in a collection with a unique index', () => {
    const ops = [put('clients', 'a', 1, 1), put('clients', 'b', 1, 1), put('clients', 'a', 2, 2)];
    expect(collapseWrites(ops, schema)).to.deep.equal(ops);
  });
});
