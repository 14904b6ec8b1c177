// `npm start`: serves the demo admin page and prints where it is.
import { startDemoServer } from './demo-server.mjs';

const { url } = await startDemoServer({ port: Number(process.env.PORT ?? 8000) });
console.log(`Kartoteka demo: ${url}  (Ctrl+C stops it)`);
