// The elements in a page with no build step and a strict Content-Security-Policy: the drop-in file and a module of the page's own.
import { expect } from 'chai';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { openWatched, servedBrowser, type ServedBrowser } from './served-browser.ts';

describe('plain HTML page', () => {
  let served: ServedBrowser | undefined;

  before(async () => {
    if (!existsSync(new URL('../../dist/kartoteka-elements.js', import.meta.url))) execSync('npm run build', { stdio: 'ignore' });
    served = await servedBrowser();
  });
  after(() => served?.stop());

  it('shows the client table from the drop-in file and opens a client', async () => {
    // The page sets a strict Content-Security-Policy, as an embedder may: nothing of ours may break it.
    const { page, errors, violations } = await openWatched(served!, 'examples/plain/index.html');
    const names = page.locator('kt-client-table .body [role="row"] .client-name');
    await names.first().waitFor({ timeout: 15_000 });
    expect(await page.locator('kt-client-table [role="columnheader"]').allInnerTexts()).to.deep.equal(['', 'No.', 'Name', 'Tax ID', 'Status', 'Stars', 'E-mail', 'Phone']);
    const name = await names.first().innerText();
    await names.first().click();
    await page.locator('output', { hasText: name }).waitFor();
    expect(await page.locator('output').innerText()).to.match(/\(Client: \d+\)$/);
    expect(await violations()).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });
});
