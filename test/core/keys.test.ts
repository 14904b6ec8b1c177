import { expect } from 'chai';
import fc from 'fast-check';
import type { IndexKey } from '../../src/storage/adapter.ts';
import {
  assertValidRange,
  compareKeys,
  comparePositions,
  decodeCursor,
  encodeCursor,
  inRange,
  isValidKey,
  meetsLowerBounds,
  meetsUpperBounds,
} from '../../src/storage/keys.ts';
import { isCrmError } from '../../src/errors.ts';

/** Any valid key, with strings of arbitrary UTF-16 code units (lone surrogates included). */
const { key } = fc.letrec<{ key: IndexKey }>((tie) => ({
  key: fc.oneof(
    { depthSize: 'small' },
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -3, max: 3 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 4 }),
    fc.array(tie('key'), { maxLength: 3 }),
  ),
}));

const sign = (n: number) => Math.sign(n) + 0;

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('compareKeys', () => {
  it('puts numbers before strings before arrays', () => {
    expect([['a'], 'a', 1, [], '', -5].sort(compareKeys)).to.deep.equal([-5, 1, '', 'a', [], ['a']]);
  });

  it('orders numbers by value, -0 equal to 0', () => {
    expect(sign(compareKeys(-1, 2))).to.equal(-1);
    expect(sign(compareKeys(10, 9))).to.equal(1);
    expect(compareKeys(-0, 0)).to.equal(0);
  });

  it('orders strings by UTF-16 code units, not code points', () => {
    expect(sign(compareKeys('B', 'a'))).to.equal(-1);
    expect(sign(compareKeys('ab', 'abc'))).to.equal(-1);
    // U+1F600 is stored as the surrogates D83D DE00, which sort below U+FFFF.
    expect(sign(compareKeys('\u{1F600}', '\uFFFF'))).to.equal(-1);
  });

  it('orders arrays element by element, then the shorter first', () => {
    expect(sign(compareKeys(['Praha', 30], ['Praha', 4]))).to.equal(1);
    expect(sign(compareKeys(['Praha'], ['Praha', 0]))).to.equal(-1);
    expect(sign(compareKeys(['Praha', 1e9], ['Praha', []]))).to.equal(-1);
    expect(sign(compareKeys([[1]], [[1, 2]]))).to.equal(-1);
    expect(compareKeys([1, ['a']], [1, ['a']])).to.equal(0);
  });

  it('is a total order that sorting agrees with', () => {
    fc.assert(
      fc.property(key, key, key, (a, b, c) => {
        expect(compareKeys(a, a)).to.equal(0);
        expect(sign(compareKeys(a, b))).to.equal(-sign(compareKeys(b, a)));
        if (compareKeys(a, b) <= 0 && compareKeys(b, c) <= 0) expect(compareKeys(a, c)).to.be.at.most(0);
        // Equal keys are the same key: they have the same JSON (where -0 is 0).
        expect(compareKeys(a, b) === 0).to.equal(JSON.stringify(a) === JSON.stringify(b));
      }),
    );
    fc.assert(
      fc.property(fc.array(key), (keys) => {
        const sorted = [...keys].sort(compareKeys);
        for (let i = 1; i < sorted.length; i++) expect(compareKeys(sorted[i - 1]!, sorted[i]!)).to.be.at.most(0);
      }),
    );
  });
});

describe('isValidKey', () => {
  it('accepts finite numbers, strings and arrays of keys', () => {
    for (const valid of [0, -1.5, '', 'Praha', [], ['Praha', 30], [[1], ['a', []]]]) expect(isValidKey(valid), JSON.stringify(valid)).to.equal(true);
    fc.assert(fc.property(key, (generated) => isValidKey(generated)));
  });

  it('refuses everything else', () => {
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    const invalid = [NaN, Infinity, -Infinity, null, undefined, true, {}, new Date(0), [1, null], [1, , 3], cyclic, () => 1];
    for (const value of invalid) expect(isValidKey(value), String(value)).to.equal(false);
  });

  it('accepts an array that holds the same array twice', () => {
    const shared = ['a'];
    expect(isValidKey([shared, shared])).to.equal(true);
  });
});

describe('ranges', () => {
  it('holds every key in an empty range', () => {
    fc.assert(fc.property(key, (k) => inRange(k, {})));
  });

  it('combines bounds', () => {
    expect(inRange(30, { gte: 18, lt: 65 })).to.equal(true);
    expect(inRange(65, { gte: 18, lt: 65 })).to.equal(false);
    expect(inRange(18, { gt: 18 })).to.equal(false);
    expect(inRange(18, { lte: 18 })).to.equal(true);
    expect(inRange('Praha', { eq: 'Praha' })).to.equal(true);
    expect(inRange('Praha', { eq: 'Praha', lt: 'Praha' })).to.equal(false);
    expect(inRange(['Praha', 30], { gte: ['Praha', 0], lt: ['Praha', 1e9] })).to.equal(true);
    expect(inRange(['Praha'], { gte: ['Praha', 0] })).to.equal(false);
  });

  it('splits into lower and upper bounds', () => {
    expect(meetsLowerBounds(5, { gt: 5 })).to.equal(false);
    expect(meetsLowerBounds(9, { lt: 5 })).to.equal(true);
    expect(meetsUpperBounds(5, { lte: 5 })).to.equal(true);
    expect(meetsUpperBounds(1, { gt: 5 })).to.equal(true);
    expect(meetsUpperBounds(6, { eq: 5 })).to.equal(false);
    expect(meetsLowerBounds(4, { eq: 5 })).to.equal(false);
  });

  it('refuses a range with an invalid bound, naming it', () => {
    expect(() => assertValidRange({ gte: ['Praha', 0], lt: ['Praha', 1e9] })).not.to.throw();
    const error = errorOf(() => assertValidRange({ gt: 1, lte: NaN }));
    expect(isCrmError(error) && error.code).to.equal('validation');
    expect(isCrmError(error) && error.fields).to.deep.equal([{ path: ['range', 'lte'], message: 'is not a valid index key' }]);
  });
});

describe('cursors', () => {
  it('orders positions by key, then id', () => {
    expect(sign(comparePositions({ key: 'Praha', id: 'b' }, { key: 'Praha', id: 'a' }))).to.equal(1);
    expect(sign(comparePositions({ key: 'Brno', id: 'z' }, { key: 'Praha', id: 'a' }))).to.equal(-1);
  });

  it('round-trips any key and id through a URL-safe string', () => {
    fc.assert(
      fc.property(key, fc.string(), (k, id) => {
        const cursor = encodeCursor(k, id);
        expect(cursor).to.match(/^[A-Za-z0-9\-_.!~*'()%]*$/);
        const decoded = decodeCursor(cursor);
        expect(compareKeys(decoded.key, k)).to.equal(0);
        expect(decoded.id).to.equal(id);
      }),
    );
  });

  it('refuses a cursor it did not make', () => {
    const foreign = ['', 'abc', '%E0%A4%A', '[1]', '[1,2,3]', encodeURIComponent('[true,"p1"]'), encodeURIComponent('[1,2]'), encodeURIComponent('{"key":1,"id":"p1"}')];
    for (const cursor of foreign) {
      const error = errorOf(() => decodeCursor(cursor));
      expect(isCrmError(error) && error.code, cursor).to.equal('validation');
      expect(isCrmError(error) && error.fields[0]?.path, cursor).to.deep.equal(['cursor']);
    }
  });
});
