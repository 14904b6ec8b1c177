// Serves the repository with TypeScript compiled on the fly, like the demo server, plus the
// COOP/COEP headers that make bench pages cross-origin isolated: performance.now() then ticks
// in 5 µs instead of 100 µs.
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';

const root = new URL('../..', import.meta.url).pathname;

export async function startBenchServer() {
  const server = await startDevServer({
    config: {
      rootDir: root,
      port: 0,
      hostname: 'localhost',
      nodeResolve: { exportConditions: ['browser', 'production'] },
      middleware: [
        (context, next) => {
          context.set('Cross-Origin-Opener-Policy', 'same-origin');
          context.set('Cross-Origin-Embedder-Policy', 'require-corp');
          return next();
        },
      ],
      plugins: [esbuildPlugin({ ts: true, tsconfig: `${root}tsconfig.json`, target: 'es2022' })],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
    autoExitProcess: false,
  });
  const { port } = server.server.address();
  return { server, url: `http://localhost:${port}/test/bench/index.html` };
}
