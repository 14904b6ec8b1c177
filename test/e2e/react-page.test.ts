// The elements inside a React 19 app: properties, events and the card opened from React state.
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { servedBrowser, type ServedBrowser } from './served-browser.ts';
import { buildReactExample } from '../../scripts/build-react-example.mjs';

describe('React page', () => {
  let browser: Browser;
  let origin: string;
  let served: ServedBrowser | undefined;

  before(async () => {
    await buildReactExample();
    served = await servedBrowser();
    ({ browser, origin } = served);
  });
  after(() => served?.stop());

  it('picks a client, lists clients and opens one in the card, all driven by React', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/examples/react/index.html`);
    const names = page.locator('kt-client-table .body [role="row"] .client-name');
    await names.first().waitFor({ timeout: 15_000 });
    expect(await page.locator('kt-client-table [role="columnheader"]').allInnerTexts()).to.deep.equal(['', 'No.', 'Name', 'Tax ID', 'Status', 'E-mail']);

    const picker = page.locator('kt-client-picker');
    await picker.getByRole('combobox').pressSequentially('zluty');
    await picker.getByRole('option').first().waitFor();
    await picker.getByRole('combobox').press('Enter');
    await page.locator('#picked', { hasText: /^Žlutý kůň .*\(Client: \d+\)$/ }).waitFor();

    const name = await names.nth(1).innerText();
    await names.nth(1).click();
    await page.locator('kt-client-card').getByRole('heading', { name, level: 2 }).waitFor();
    expect(errors).to.deep.equal([]);
  });
});
