// The demo page as a newcomer meets it: served, opened in Chromium, showing clients from the SDK.
import { expect } from 'chai';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/chromium-path.mjs';
import { startDemoServer } from '../../scripts/demo-server.mjs';

describe('demo page', () => {
  let browser: Browser;
  let stop: () => Promise<void>;
  let url: string;

  before(async () => {
    const demo = await startDemoServer({ port: 0 });
    url = demo.url;
    stop = async () => void (await demo.server.stop());
    browser = await chromium.launch({ executablePath: findChromium()!, args: chromiumArgs.filter((a) => !a.startsWith('--headless')) });
  });
  after(async () => {
    await browser?.close();
    await stop?.();
  });

  it('lists the clients, links orders by tax ID, and searches without diacritics', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.locator('#clients tbody tr').first().waitFor();
    const rows = await page.locator('#clients tbody tr').allInnerTexts();
    expect(rows.length).to.equal(6);
    const alza = rows.find((row) => row.startsWith('Alza.cz a.s., CZ27082440 (Client: 6)'));
    expect(alza, rows.join('\n')).to.match(/\t2$/);
    expect(await page.locator('#unlinked li').allInnerTexts()).to.have.length(2);

    await page.getByLabel('Search').fill('skoda');
    await expect_text(page, '#status', '1 client(s)');
    expect(await page.locator('#clients tbody tr th').innerText()).to.equal('ŠKODA AUTO a.s., CZ00177041 (Client: 1)');
    expect(errors).to.deep.equal([]);
  });
});

async function expect_text(page: import('playwright-core').Page, selector: string, text: string) {
  await page.locator(selector, { hasText: text }).waitFor({ timeout: 5000 });
}
