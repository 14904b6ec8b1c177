import { readdirSync } from 'node:fs';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';
import { nodeResolve } from '@rollup/plugin-node-resolve';

/** The side-effect modules under `define/`: every file there is a public entry (`kartoteka/define/*`). */
const defines = Object.fromEntries(
  readdirSync(new URL('./components/define/', import.meta.url))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [`define/${file.slice(0, -3)}`, `components/define/${file}`]),
);

/** One entry per public export of package.json (the key is the path under dist/). */
const entries = {
  index: 'src/index.ts',
  'adapters/memory': 'adapters/memory/index.ts',
  'adapters/indexeddb': 'adapters/indexeddb/index.ts',
  'adapters/testing': 'adapters/testing/index.ts',
  components: 'components/index.ts',
  ...defines,
};

// Runtime dependencies stay imports: the host's bundler dedupes them.
const dependencies = ['zod', 'idb', 'lit', '@lit/context'];
const external = (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));
const compile = (options = {}) => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', ...options });

export default [
  {
    input: entries,
    external,
    plugins: [nodeResolve(), compile()],
    output: { dir: 'dist', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  },
  {
    input: entries,
    external,
    plugins: [dts({ tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist', format: 'esm', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
  },
  {
    // The drop-in file: `<script type="module" src=".../kartoteka-elements.js">` registers every element, dependencies included.
    input: 'components/drop-in.ts',
    plugins: [nodeResolve({ exportConditions: ['browser', 'production'] }), compile({ minify: true })],
    output: { file: 'dist/kartoteka-elements.js', format: 'esm', sourcemap: true },
  },
];
