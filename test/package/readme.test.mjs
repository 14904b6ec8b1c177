// README.md as a developer reads it: its TypeScript examples type-check against the built
// package, the first one runs and says what it shows, and its HTML uses only documented elements.
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { after, describe, it } from 'node:test';
import ts from 'typescript';

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = (language) => [...readme.matchAll(new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm'))].map((match) => match[1]);

// Names a README example takes as given from the page around it, each declared only where an
// example uses it without importing it.
const givens = {
  createCrm: "import { createCrm } from 'kartoteka';",
  Crm: "import type { Crm } from 'kartoteka';",
  crm: 'declare const crm: Crm;',
  vip: "declare const vip: import('kartoteka').Status;",
  fileText: 'declare const fileText: string;',
  bar: 'declare const bar: HTMLProgressElement;',
  showReloadBanner: 'declare function showReloadBanner(): void;',
  showStatus: 'declare function showStatus(status: string): void;',
  myAdapter: "declare function myAdapter(): import('kartoteka').StorageAdapter;",
};
function withGivens(source) {
  const mentions = (name) => new RegExp(`\\b${name}\\b`).test(source);
  const ownName = (name) => new RegExp(`import[^;]*\\b${name}\\b[^;]*from|(?:const|let|function)\\s+${name}\\b`).test(source);
  const needed = Object.keys(givens).filter((name) => mentions(name) && !ownName(name));
  // `crm` is typed as a `Crm`, so it brings that type along.
  if (needed.includes('crm') && !needed.includes('Crm')) needed.unshift('Crm');
  return [...needed.map((name) => givens[name]), source, 'export {};'].join('\n');
}

// Inside the package, so that `kartoteka` resolves to its own build through the exports map.
const scratch = new URL('./.readme/', import.meta.url);
after(() => rm(scratch, { recursive: true, force: true }));

describe('README.md', () => {
  it('has TypeScript examples that type-check against the built package', async () => {
    const examples = blocks('ts');
    assert.ok(examples.length >= 4, `found ${examples.length} examples`);
    await mkdir(scratch, { recursive: true });
    const files = await Promise.all(
      examples.map(async (source, i) => {
        const file = new URL(`example-${i + 1}.ts`, scratch);
        await writeFile(file, withGivens(source));
        return file.pathname;
      }),
    );
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: ['mocha'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file ? `${diagnostic.file.fileName.split('/').pop()}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
    assert.deepEqual(problems, []);
  });

  it('runs the first example, which shows the label in its comment and the conflict it catches', async () => {
    const [first] = blocks('ts');
    const { outputText } = ts.transpileModule(first, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
    // Each `expression; // 'text'` line claims what the expression gives: check it.
    const checked = outputText.replace(/^(.*?);\s*\/\/ ('[^']*')$/gm, (_, expression, shown) => `__claims.push([${expression}, ${shown}]);`);
    assert.notEqual(checked, outputText, 'the first example shows no value in a comment');
    await mkdir(scratch, { recursive: true });
    const file = new URL('first-example.mjs', scratch);
    await writeFile(file, `const __claims = globalThis.__readmeClaims;\n${checked}`);
    const claims = (globalThis.__readmeClaims = []);
    const logged = [];
    const log = console.log;
    console.log = (...args) => logged.push(args);
    try {
      await import(file.href);
    } finally {
      console.log = log;
    }
    assert.ok(claims.length > 0);
    for (const [value, shown] of claims) assert.equal(value, shown);
    assert.equal(logged[0]?.[0], 'reload', 'the stale update is caught as a conflict');
  });

  it('uses only elements and attributes custom-elements.json documents', async () => {
    const manifest = JSON.parse(await readFile(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
    const elements = new Map(
      manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName).map((declaration) => [declaration.tagName, declaration]),
    );
    const used = blocks('html').flatMap((source) => [...source.matchAll(/<(kt-[a-z-]+)([^>]*)>/g)]);
    assert.ok(used.length > 0);
    for (const [, tag, attributes] of used) {
      const element = elements.get(tag);
      assert.ok(element, `<${tag}> is not documented`);
      // Form-associated elements also take the attributes every form control has.
      const known = new Set([...(element.attributes ?? []).map((attribute) => attribute.name), 'name', 'id', 'class']);
      for (const [, name] of attributes.matchAll(/([a-z-]+)(?:=|\s|$)/g)) assert.ok(known.has(name), `<${tag} ${name}> is not documented`);
    }
  });
});
