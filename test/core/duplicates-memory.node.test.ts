import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// In Node only (a heap of its own): web-test-runner leaves out *.node.test.ts.
describe('finding duplicates in a small heap', () => {
  it('finds the duplicates of 600 people named alike with 400 unlinked orders of that name within a 256 MB heap', () => {
    // Each distinct name is looked up once: one look-up per client held 600 copies of the 400 orders at once.
    const child = fileURLToPath(new URL('./duplicates-memory.child.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', '--import', './test/node-globals.ts', child, '600', '400'], { encoding: 'utf8', timeout: 240_000 });
    expect({ status: run.status, signal: run.signal, out: run.stdout.trim() }).to.deep.equal({ status: 0, signal: null, out: 'ok 601' });
  });
});
