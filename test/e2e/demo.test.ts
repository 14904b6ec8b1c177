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

  it('starts empty, inserts sample data, searches without diacritics, keeps it over a reload, and removes it', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await expectText(page, '#status', 'No clients yet');

    await page.getByRole('button', { name: 'Insert sample data' }).click();
    await expectText(page, '#status', '40 client(s)');
    const rows = await page.locator('#clients tbody tr th').allInnerTexts();
    expect(rows).to.have.length(40);
    expect(rows.every((label) => /^.+, (CZ|SK|PL|SI)\d+ \(Client: \d+\)$/.test(label)), rows.join('\n')).to.equal(true);
    await page.locator('#unlinked li').first().waitFor();

    await page.getByLabel('Search').fill('zluty kun');
    await expectText(page, '#status', '1 client(s)');
    expect(await page.locator('#clients tbody tr th').first().innerText()).to.match(/^Žlutý kůň/);

    await page.reload();
    await expectText(page, '#status', '40 client(s)');
    await page.getByRole('button', { name: 'Remove sample data' }).click();
    await expectText(page, '#status', 'No clients yet');
    expect(await page.getByRole('button', { name: 'Insert sample data' }).isVisible()).to.equal(true);
    expect(errors).to.deep.equal([]);
  });
});

async function expectText(page: import('playwright-core').Page, selector: string, text: string) {
  await page.locator(selector, { hasText: text }).waitFor({ timeout: 5000 });
}
