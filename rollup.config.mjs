import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';
import { nodeResolve } from '@rollup/plugin-node-resolve';

/** One entry per public export of package.json (the key is the path under dist/). */
const entries = {
  index: 'src/index.ts',
  'adapters/memory': 'adapters/memory/index.ts',
  'adapters/indexeddb': 'adapters/indexeddb/index.ts',
  'adapters/testing': 'adapters/testing/index.ts',
};

// Runtime dependencies stay imports: the host's bundler dedupes them.
const external = (id) => id === 'zod' || id.startsWith('zod/') || id === 'idb';

export default [
  {
    input: entries,
    external,
    plugins: [nodeResolve(), esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  },
  {
    input: entries,
    external,
    plugins: [dts({ tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist', format: 'esm', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
  },
];
