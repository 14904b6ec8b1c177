// The demo page as a newcomer meets it: served, opened in Chromium, the CRM at work in its elements.
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/chromium-path.mjs';
import { startDemoServer } from '../../scripts/demo-server.mjs';

/** Where the run leaves its screenshots (ignored by git): look at them. */
const screenshots = new URL('../screenshots/', import.meta.url).pathname;

describe('demo page', () => {
  let browser: Browser;
  let stop: () => Promise<void>;
  let url: string;

  before(async () => {
    const demo = await startDemoServer({ port: 0 });
    url = demo.url;
    stop = async () => void (await demo.server.stop());
    browser = await chromium.launch({ executablePath: findChromium()!, args: chromiumArgs.filter((a) => !a.startsWith('--headless')) });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await stop?.();
  });

  it('starts empty, inserts sample data, searches without diacritics, keeps it over a reload, and removes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.getByText('No clients yet').waitFor();

    await page.getByRole('button', { name: 'Insert sample data' }).click();
    await clientCount(page, '40 clients').waitFor({ timeout: 15_000 });
    const taxIds = await page.locator('kt-client-table [role="row"] .taxId').allInnerTexts();
    expect(taxIds.length).to.be.above(10);
    expect(taxIds.every((taxId) => /^(CZ|SK|PL|SI)\d+$/.test(taxId)), taxIds.join('\n')).to.equal(true);
    await page.locator('#unlinked li').first().waitFor();
    await shoot(page, 'demo');

    await page.getByRole('searchbox', { name: 'Search clients' }).fill('zluty kun');
    await clientCount(page, /^1 client$/).waitFor();
    expect(await page.locator('kt-client-table .body [role="row"] .client-name').first().innerText()).to.match(/^Žlutý kůň/);
    await page.locator('kt-client-table .body [role="row"] .client-name').first().click();
    await page.getByText(/^Opened Žlutý kůň .*, CZ\d+ \(Client: \d+\)$/).waitFor();

    await page.reload();
    await clientCount(page, '40 clients').waitFor();
    await page.getByRole('button', { name: 'Cards' }).click();
    await page.getByRole('heading', { name: 'Potential clients' }).waitFor();
    await shoot(page, 'demo-cards');

    await page.getByRole('button', { name: 'Remove sample data' }).click();
    await page.getByText('No clients yet').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Insert sample data' }).isVisible()).to.equal(true);
    expect(errors).to.deep.equal([]);
  });
});

/** The table's count of matching clients. */
function clientCount(page: Page, text: string | RegExp) {
  return page.locator('kt-client-table [part="count"]', { hasText: text });
}

/** Screenshots of the page as it is, in English and Czech, light and dark. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const language of ['en', 'cs']) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.selectOption('#language', language);
      await page.waitForTimeout(150);
      await page.screenshot({ path: `${screenshots}${name}-${language}-${scheme}.png` });
    }
  }
  await page.selectOption('#language', 'en');
  await page.emulateMedia({ colorScheme: 'light' });
}
