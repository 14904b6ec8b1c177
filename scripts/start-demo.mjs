// `npm start`: serves the demo admin page and prints where it is.
import { createServer } from 'node:net';
import { startDemoServer } from './demo-server.mjs';

const port = Number(process.env.PORT ?? 8000);

/** Why `port` cannot be listened on, or undefined when it can: the dev server would crash on it uncaught. */
function listenError(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', resolve);
    probe.listen(port, () => probe.close(() => resolve(undefined)));
  });
}

const error = await listenError(port);
if (error) {
  const why = error.code === 'EADDRINUSE' ? 'is busy (is the demo already running?)' : `cannot be used (${error.code})`;
  console.error(`Port ${port} ${why}: pick another with the PORT variable, e.g. PORT=8001 npm start`);
  process.exit(1);
}
const { url } = await startDemoServer({ port });
console.log(`Kartoteka demo: ${url}  (Ctrl+C stops it)`);
