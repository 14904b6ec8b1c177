// The `size` report: what each element weighs minified and gzipped, bundled the way the package
// builds (rollup, esbuild minify, browser/production exports), and the drop-in file as
// rollup.config.mjs builds it, in memory so dist/ is left alone.
import { gzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import config from '../../rollup.config.mjs';

const root = new URL('../..', import.meta.url).pathname;
const elements = {
  'kt-client-table': 'components/define/client-table.ts',
  'kt-client-picker': 'components/define/client-picker.ts',
  'kt-crm-provider': 'components/define/crm-provider.ts',
  'kt-client-card (with kt-notes)': 'components/define/client-card.ts',
  'kt-notes': 'components/define/notes.ts',
  'kt-task-list': 'components/define/task-list.ts',
  'kt-pipeline-board': 'components/define/pipeline-board.ts',
  'kt-crm-settings': 'components/define/crm-settings.ts',
  'kt-rule-editor': 'components/define/rule-editor.ts',
  'kt-csv-import': 'components/define/csv-import.ts',
  'kt-csv-export': 'components/define/csv-export.ts',
  'kt-duplicates': 'components/define/duplicates.ts',
  'cs + pl + sl strings': 'components/define/languages.ts',
};
const packages = (names) => (id) => names.some((name) => id === name || id.startsWith(`${name}/`));
const isLit = packages(['lit', '@lit/context']);
const isSdkDependency = packages(['zod', 'idb']);
// Relative imports arrive unresolved first: resolve them to tell the SDK (src/) from the rest.
const isSdk = (id, importer) => isSdkDependency(id) || resolve(importer ? dirname(importer) : root, id).startsWith(`${root}src/`);
const plugins = () => [nodeResolve({ exportConditions: ['browser', 'production'] }), esbuild({ target: 'es2022', tsconfig: `${root}tsconfig.json`, minify: true })];

async function measure(options, output = { format: 'esm' }) {
  const bundle = await rollup({ ...options, onwarn: () => {} });
  const { output: files } = await bundle.generate(output);
  await bundle.close();
  const code = files.filter((file) => file.type === 'chunk').map((chunk) => chunk.code).join('');
  return { min: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

/** Rows of `{ bundle, contents, min, gzip }`: each element two ways, then the drop-in file. */
export async function measureSizes() {
  const rows = [];
  for (const [tag, input] of Object.entries(elements)) {
    rows.push({ bundle: tag, contents: 'element + SDK (src/, zod); lit external', ...(await measure({ input: `${root}${input}`, external: isLit, plugins: plugins() })) });
    rows.push({ bundle: tag, contents: 'element only; lit and SDK external', ...(await measure({ input: `${root}${input}`, external: (id, importer) => isLit(id) || isSdk(id, importer), plugins: plugins() })) });
  }
  const dropIn = config.find((entry) => entry.output.file?.endsWith('kartoteka-elements.js'));
  rows.push({ bundle: dropIn.output.file, contents: 'every element, SDK, lit, zod (rollup -c)', ...(await measure(dropIn, dropIn.output)) });
  return rows;
}
