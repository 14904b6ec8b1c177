import { expect } from 'chai';
import { NewestRead } from '../../components/base/newest-read.ts';

const after = <T>(ms: number, value: T, fails = false) => new Promise<T>((resolve, reject) => setTimeout(() => (fails ? reject(new Error(String(value))) : resolve(value)), ms));

describe('NewestRead', () => {
  it('lets only the newest read land, its value or its error; drop lets none land', async () => {
    const reads = new NewestRead();
    const landed: string[] = [];
    const land = (value: string) => landed.push(value);
    const fail = (error: unknown) => landed.push(`error ${(error as Error).message}`);
    await Promise.all([reads.run(() => after(30, 'old'), land, fail), reads.run(() => after(5, 'new'), land, fail)]);
    expect(landed).to.deep.equal(['new']);
    await Promise.all([reads.run(() => after(20, 'slow', true), land, fail), reads.run(() => after(5, 'bad', true), land, fail)]);
    expect(landed).to.deep.equal(['new', 'error bad']);
    const pending = reads.run(() => after(5, 'dropped'), land, fail);
    reads.drop();
    await pending;
    expect(landed).to.deep.equal(['new', 'error bad']);
  });
});
