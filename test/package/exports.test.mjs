// The package as a user installs it: built, imported through its `exports` map by name, in Node.
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { describe, it } from 'node:test';

describe('the built package', () => {
  it('runs the SDK and the memory adapter from dist through the exports map', async () => {
    const { createCrm, isCrmError } = await import('kartoteka');
    const { memoryAdapter } = await import('kartoteka/adapters/memory');
    const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
    const client = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: '270 82 440' });
    assert.equal(crm.clients.label(client), 'Alza.cz a.s., CZ27082440 (Client: 1)');
    const error = await crm.clients.create({ name: '' }).catch((e) => e);
    assert.ok(isCrmError(error) && error.code === 'validation');
  });

  it('ships types for every entry, the element modules and the drop-in file', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const [entry, target] of Object.entries(pkg.exports)) {
      const files = typeof target === 'string' ? [target] : Object.values(target);
      for (const file of files) {
        const path = file.replace('*', entry.endsWith('/*') ? 'client-table' : '');
        assert.ok((await stat(new URL(`../../${path}`, import.meta.url))).size > 0, `${entry} → ${path}`);
      }
    }
  });

  it('documents every element in custom-elements.json', async () => {
    const manifest = JSON.parse(await readFile(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
    const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName);
    const table = elements.find((element) => element.tagName === 'kt-client-table');
    assert.deepEqual(elements.map((element) => element.tagName).sort(), ['kt-client-card', 'kt-client-picker', 'kt-client-table', 'kt-crm-provider', 'kt-crm-settings', 'kt-csv-export', 'kt-csv-import', 'kt-duplicates', 'kt-notes', 'kt-pipeline-board', 'kt-rule-editor', 'kt-task-list']);
    assert.deepEqual(table.events.map((event) => event.name).sort(), ['kt-client-open', 'kt-columns-change', 'kt-selection-change']);
    assert.ok(table.attributes.some((attribute) => attribute.name === 'columns'));
    assert.ok(table.cssParts.some((part) => part.name === 'row'));
    assert.ok(table.cssProperties.some((property) => property.name === '--kt-color-accent'));
  });
});
