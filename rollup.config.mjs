import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';
import { nodeResolve } from '@rollup/plugin-node-resolve';

/** One entry per public export of package.json (the key is the path under dist/). */
const entries = {
  index: 'src/index.ts',
  'adapters/memory': 'adapters/memory/index.ts',
  'adapters/indexeddb': 'adapters/indexeddb/index.ts',
  'adapters/testing': 'adapters/testing/index.ts',
  components: 'components/index.ts',
  'define/all': 'components/define/all.ts',
  'define/client-table': 'components/define/client-table.ts',
  'define/crm-provider': 'components/define/crm-provider.ts',
  'define/client-picker': 'components/define/client-picker.ts',
  'define/client-card': 'components/define/client-card.ts',
  'define/notes': 'components/define/notes.ts',
  'define/task-list': 'components/define/task-list.ts',
  'define/pipeline-board': 'components/define/pipeline-board.ts',
  'define/crm-settings': 'components/define/crm-settings.ts',
  'define/csv-import': 'components/define/csv-import.ts',
  'define/csv-export': 'components/define/csv-export.ts',
  'define/rule-editor': 'components/define/rule-editor.ts',
  'define/languages': 'components/define/languages.ts',
  'define/lang-cs': 'components/define/lang-cs.ts',
  'define/lang-pl': 'components/define/lang-pl.ts',
  'define/lang-sl': 'components/define/lang-sl.ts',
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
