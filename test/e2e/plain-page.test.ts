// The elements in a page with no build step: one <script type="module"> and the drop-in file.
import { expect } from 'chai';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { servedBrowser, type ServedBrowser } from './served-browser.ts';

describe('plain HTML page', () => {
  let browser: Browser;
  let origin: string;
  let served: ServedBrowser | undefined;

  before(async () => {
    if (!existsSync(new URL('../../dist/kartoteka-elements.js', import.meta.url))) execSync('npm run build', { stdio: 'ignore' });
    served = await servedBrowser();
    ({ browser, origin } = served);
  });
  after(() => served?.stop());

  it('shows the client table from the drop-in file and opens a client', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/examples/plain/index.html`);
    const names = page.locator('kt-client-table .body [role="row"] .client-name');
    await names.first().waitFor({ timeout: 15_000 });
    expect(await page.locator('kt-client-table [role="columnheader"]').allInnerTexts()).to.deep.equal(['', 'No.', 'Name', 'Tax ID', 'Status', 'Stars', 'E-mail', 'Phone']);
    const name = await names.first().innerText();
    await names.first().click();
    await page.locator('output', { hasText: name }).waitFor();
    expect(await page.locator('output').innerText()).to.match(/\(Client: \d+\)$/);
    expect(errors).to.deep.equal([]);
  });
});
