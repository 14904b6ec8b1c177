// Every element under a Content-Security-Policy that allows no inline script or style (PRODUCT: "works under a strict CSP").
import { expect } from 'chai';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { openWatched, servedBrowser, type ServedBrowser } from './served-browser.ts';

describe('a page with a strict Content-Security-Policy', () => {
  let served: ServedBrowser | undefined;

  before(async () => {
    if (!existsSync(new URL('../../dist/kartoteka-elements.js', import.meta.url))) execSync('npm run build', { stdio: 'ignore' });
    served = await servedBrowser();
  });
  after(() => served?.stop());

  it('shows every element with its colours, and breaks no rule of the policy', async () => {
    const { page, violations, errors } = await openWatched(served!, 'test/e2e/csp/index.html');
    await page.locator('body[data-ready]').waitFor({ timeout: 15_000 });
    const { red, stage } = JSON.parse((await page.locator('body').getAttribute('data-ready'))!) as { red: string; stage: string };
    // A star kind's colour on the card's star toggle, and on the table's star.
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    await page.locator('kt-client-card .glyph').first().waitFor();
    expect(await page.locator('kt-client-card .glyph').first().evaluate((glyph) => getComputedStyle(glyph).color)).to.equal(rgb(red));
    await page.locator('kt-client-table .star').first().waitFor();
    expect(await page.locator('kt-client-table .star').first().evaluate((star) => star.style.color)).to.not.equal('');
    // The table's rows stand where its scroll puts them.
    expect(await page.locator('kt-client-table [role="row"].row').nth(1).evaluate((row) => (row as HTMLElement).style.transform)).to.match(/^translateY\(\d+px\)$/);
    // A stage's colour on its column, and a status's dot in the export form.
    await page.locator('kt-pipeline-board [part~="column"]').first().waitFor();
    expect(await page.locator('kt-pipeline-board [part~="column"]').first().evaluate((column) => getComputedStyle(column).getPropertyValue('--_stage-color').trim())).to.equal(stage);
    await page.locator('kt-csv-export .dot').first().waitFor();
    expect(await page.locator('kt-csv-export .dot').first().evaluate((dot) => (dot as HTMLElement).style.getPropertyValue('--_dot'))).to.not.equal('');
    await page.locator('kt-rule-editor').locator('select').first().waitFor();
    expect(await violations()).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });
});
