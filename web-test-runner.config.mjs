import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, findChromium } from './scripts/chromium-path.mjs';

export default {
  // End-to-end tests drive a browser from Node, *.node.test.ts need Node's own modules; everything else runs inside Chromium.
  files: ['test/**/*.test.ts', '!test/e2e/**', '!test/**/*.node.test.ts'],
  // Browser builds of dependencies (msw's interceptors, for one) only resolve with these conditions.
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChromium(), args: chromiumArgs } })],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
};
