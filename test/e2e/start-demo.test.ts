// `npm start` as a newcomer runs it: on a port another program already holds.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

const script = new URL('../../scripts/start-demo.mjs', import.meta.url).pathname;

describe('npm start', () => {
  it('on a busy port says so in one line, with how to pick another, and exits', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = execFile(process.execPath, [script], { env: { ...process.env, PORT: String(port) }, timeout: 15_000 }, (_error, _stdout, stderr) =>
          resolve({ code: child.exitCode, stderr }),
        );
      });
      expect(code).to.equal(1);
      expect(stderr.trim()).to.equal(`Port ${port} is busy (is the demo already running?): pick another with the PORT variable, e.g. PORT=8001 npm start`);
    } finally {
      holder.close();
    }
  });
});
