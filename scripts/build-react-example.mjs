// Bundles examples/react/main.tsx (React is CommonJS; esbuild turns it into one ES module).
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;

export function buildReactExample() {
  return build({
    entryPoints: [`${root}examples/react/main.tsx`],
    outfile: `${root}examples/react/dist/main.js`,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    tsconfig: `${root}tsconfig.json`,
    conditions: ['browser', 'production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildReactExample();
