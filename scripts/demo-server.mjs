// The demo's web server: the repository served as is, TypeScript compiled on the fly.
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';

/** Starts the server; resolves to it and the demo page's URL. */
export async function startDemoServer({ port = 8000 } = {}) {
  const server = await startDevServer({
    config: {
      rootDir: new URL('..', import.meta.url).pathname,
      port,
      hostname: 'localhost',
      nodeResolve: { exportConditions: ['browser', 'production'] },
      // Whoever opens the server's root meant the demo.
      middleware: [(context, next) => (context.path === '/' ? context.redirect('/examples/demo/') : next())],
      plugins: [esbuildPlugin({ ts: true, tsconfig: new URL('../tsconfig.json', import.meta.url).pathname, target: 'es2022' })],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
    autoExitProcess: false,
  });
  // With port 0 the system picks a free port: read back the one it chose.
  const { port: actual } = server.server.address();
  return { server, url: `http://localhost:${actual}/examples/demo/` };
}
