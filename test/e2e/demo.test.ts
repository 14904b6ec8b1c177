// The demo page as a newcomer meets it: served, opened in Chromium, the CRM at work in its elements.
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { servedBrowser, type ServedBrowser } from './served-browser.ts';

/** Where the run leaves its screenshots (ignored by git): look at them. */
const screenshots = new URL('../screenshots/', import.meta.url).pathname;

describe('demo page', () => {
  let browser: Browser;
  let url: string;
  let served: ServedBrowser | undefined;

  before(async () => {
    served = await servedBrowser();
    ({ browser, url } = served);
    mkdirSync(screenshots, { recursive: true });
  });
  after(() => served?.stop());

  it('starts empty, inserts sample data, searches without diacritics, keeps it over a reload, and removes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.getByText('No clients yet').waitFor();
    await page.locator('#orders').getByText(/^No orders yet/).waitFor();

    await page.getByRole('button', { name: 'Insert sample data' }).click();
    await clientCount(page, '40 clients').waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector('kt-client-table')!.shadowRoot!.querySelectorAll('.body [role="row"] .taxId').length > 10);
    const taxIds = await page.locator('kt-client-table [role="row"] .taxId').allInnerTexts();
    expect(taxIds.length).to.be.above(10);
    expect(taxIds.every((taxId) => /^(CZ|SK|PL|SI)\d+$/.test(taxId)), taxIds.join('\n')).to.equal(true);
    // The orders list names each order's client, and opens its card.
    const clientOfOrder = page.locator('#orders tbody td:last-child button.link').first();
    const clientName = await clientOfOrder.innerText();
    await clientOfOrder.click();
    await page.locator('kt-client-card').getByRole('heading', { name: clientName }).waitFor();
    await shoot(page, 'demo');
    // 50 at a time, to the last of the 300: no press too many, and the keyboard stays in the list.
    expect(await page.locator('#orders tbody tr').count()).to.equal(50);
    const more = page.getByRole('button', { name: 'Show more' });
    await more.focus();
    for (let shown = 100; shown <= 300; shown += 50) {
      await page.keyboard.press('Enter');
      await page.locator('#orders tbody tr').nth(shown - 1).waitFor();
    }
    await more.waitFor({ state: 'hidden' });
    expect(await page.locator('#orders tbody tr').count()).to.equal(300);
    expect(await page.evaluate(() => document.activeElement?.closest('tr') === document.querySelector('#orders tbody tr:last-child'))).to.equal(true);

    await page.getByRole('searchbox', { name: 'Search clients' }).fill('zluty kun');
    await clientCount(page, /^1 client$/).waitFor();
    expect(await page.locator('kt-client-table .body [role="row"] .client-name').first().innerText()).to.match(/^Žlutý kůň/);
    await page.locator('kt-client-table .body [role="row"] .client-name').first().click();
    await page.getByText(/^Opened Žlutý kůň .*, CZ\d+ \(Client: \d+\)$/).waitFor();

    // A setting changed in the panel outlives the reload.
    const autoCreate = page.getByRole('checkbox', { name: 'Create clients from B2B orders automatically' });
    await page.locator('#settings summary').click();
    await page.waitForFunction(() => document.querySelector('kt-crm-settings')!.shadowRoot!.querySelector<HTMLInputElement>('input[type=checkbox]')?.checked);
    await autoCreate.uncheck();
    await page.waitForFunction(() => document.querySelector('kt-crm-provider')!.crm!.settings.get().autoCreateClients === false);
    // So does a column shown with the table's Columns button; the order figures are in view at 1400 px from the start.
    const headers = page.locator('kt-client-table [role="columnheader"]');
    expect(await headers.allInnerTexts()).to.include('Total value');
    expect(await page.locator('kt-client-table [part="grid"]').evaluate((grid) => grid.scrollWidth <= grid.clientWidth), 'no sideways scroll').to.equal(true);
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Phone' }).check();
    await headers.filter({ hasText: 'Phone' }).waitFor();

    await page.reload();
    await clientCount(page, '40 clients').waitFor();
    await headers.filter({ hasText: 'Phone' }).waitFor();
    await page.locator('#settings summary').click();
    // Read once the panel shows the stored settings: the checkbox of the other one stays.
    await page.locator('kt-crm-settings select').first().locator('option').nth(1).waitFor({ state: 'attached' });
    expect(await autoCreate.isChecked()).to.equal(false);
    await page.getByRole('button', { name: 'Cards' }).click();
    await page.getByRole('heading', { name: 'Potential clients' }).waitFor();
    await shoot(page, 'demo-cards');

    // Removing asks first; Escape keeps everything.
    await page.getByRole('button', { name: 'Remove sample data' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove the sample data?' });
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    await clientCount(page, '40 clients').waitFor();
    await page.getByRole('button', { name: 'Remove sample data' }).click();
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('No clients yet').waitFor({ timeout: 15_000 });
    await page.getByRole('status').getByText(/^Removed 40 clients and \d+ orders\.$/).waitFor();
    // The button used is gone: the keyboard is on the one taking its place.
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Insert sample data');
    expect(errors).to.deep.equal([]);
  });

  it('opens an order, picks its client by part of the tax ID, replaces the billing and undoes it, stars the client and filters by the star', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.getByRole('button', { name: 'Insert sample data' }).click();
    await clientCount(page, '40 clients').waitFor({ timeout: 15_000 });

    // The newest order with a tax ID, opened from the orders list.
    await page.locator('#orders tbody button.link').first().waitFor();
    const taxIdLine = page.locator('#order-billing dt:text-is("Tax ID")');
    for (let i = 0; i < 20 && (await taxIdLine.count()) === 0; i++) {
      const open = page.locator('#orders tbody td:first-child button.link').nth(i);
      await open.click();
      await page.locator('#order-title', { hasText: await open.innerText() }).waitFor();
    }
    // The order opened takes the keyboard: the next Tab goes on into its detail and the picker.
    await page.waitForFunction(() => document.activeElement?.id === 'order-title');
    const taxId = (await page.locator('#order-billing dt:text-is("Tax ID") + dd').innerText()).trim();
    const company = (await page.locator('#order-billing dt:text-is("Company") + dd').innerText()).trim();
    const picker = page.locator('kt-client-picker');
    await picker.locator('[part="chosen"]').waitFor();
    await picker.getByRole('button', { name: 'Clear the client' }).click();

    // Part of the tax ID, then Enter.
    await picker.getByRole('combobox').pressSequentially(taxId.replace(/^\D+/, '').slice(0, 8));
    // Suggestions follow each keystroke: wait for those of the whole text, the client first among them.
    await picker.locator('[role="option"]:first-child', { hasText: taxId }).waitFor();
    const label = await picker.getByRole('option').first().innerText();
    expect(label).to.contain(taxId);
    await picker.getByRole('combobox').press('Enter');
    await picker.locator('[part="chosen"]', { hasText: label }).waitFor();
    const clientName = label.slice(0, label.indexOf(','));

    // Replace the billing with the client's, then undo.
    await picker.getByRole('button', { name: 'Use this client’s billing on the order…' }).click();
    const dialog = picker.locator('dialog');
    await dialog.waitFor();
    await shoot(page, 'picker-replace-billing');
    const replace = dialog.getByRole('button', { name: 'Replace billing' });
    if (await replace.isDisabled()) await dialog.getByRole('button', { name: 'Cancel' }).click();
    else {
      await replace.click();
      await picker.locator('[part="toast"]', { hasText: 'Billing replaced.' }).waitFor();
      await page.locator('#order-billing dt:text-is("Company") + dd', { hasText: clientName }).waitFor();
      await picker.getByRole('button', { name: 'Undo' }).click();
      await picker.locator('[part="toast"]', { hasText: 'Undone.' }).waitFor();
      await page.locator('#order-billing dt:text-is("Company") + dd', { hasText: company }).waitFor();
    }

    // Star that client in the table, then filter the table by the star.
    const table = page.locator('kt-client-table');
    await table.getByRole('searchbox', { name: 'Search clients' }).fill(clientName);
    const row = table.locator('.body [role="row"]', { hasText: clientName }).first();
    await row.locator('.email').click();
    const star = table.getByRole('combobox', { name: 'Add star…' });
    const starName = (await star.locator('option').nth(1).innerText()).trim();
    await star.selectOption({ label: starName });
    await table.locator('[part="toast"]', { hasText: '1 client updated.' }).waitFor();
    await table.getByRole('searchbox', { name: 'Search clients' }).fill('');
    await table.getByRole('combobox', { name: 'Star', exact: true }).selectOption({ label: starName });
    await table.locator('.body [role="row"]', { hasText: clientName }).first().waitFor();
    expect(await table.locator('.body [role="row"] .client-name').allInnerTexts()).to.include(clientName);
    await shoot(page, 'demo-order-picker');

    // Open the card and add a high-priority note.
    await table.locator('.body [role="row"] .client-name', { hasText: clientName }).first().click();
    const card = page.locator('kt-client-card');
    await card.getByRole('heading', { name: clientName, level: 2 }).waitFor();
    const notes = card.locator('kt-notes');
    await notes.getByRole('textbox', { name: 'Note' }).first().fill('Call before delivery — the gate is locked after 3 pm');
    await notes.getByRole('combobox', { name: 'Priority' }).first().selectOption('high');
    await notes.getByRole('button', { name: 'Add note' }).click();
    await notes.locator('[part="note high"]', { hasText: 'the gate is locked' }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await shoot(page, 'demo-client-card');

    await page.locator('#settings summary').click();
    await page.locator('kt-crm-settings [part="entry"]').first().scrollIntoViewIfNeeded();
    await shoot(page, 'demo-settings');
    expect(errors).to.deep.equal([]);
  });

  it('shows the pipeline board, the rule templates with a live dry run, and imports clients from a CSV in a dialog', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    // A rule turned on by hand acts on the orders the sample brings.
    await page.locator('#automation summary').click();
    await page.getByRole('switch', { name: /Hot when a potential client orders/ }).check();
    await page.getByRole('button', { name: 'Insert sample data' }).click();
    await clientCount(page, '40 clients').waitFor({ timeout: 15_000 });
    await page.selectOption('kt-client-table select[aria-label="Temperature"]', 'hot');
    await page.locator('kt-client-table .body [role="row"] .client-name').first().click();
    await page.locator('kt-client-card').getByText('Changed by a rule: Hot when a potential client orders').first().waitFor({ timeout: 15_000 });
    await page.selectOption('kt-client-table select[aria-label="Temperature"]', '');

    // Sample data fills the pipeline the first visit created.
    await page.locator('kt-pipeline-board [part~="card"]').first().waitFor();
    expect(await page.locator('kt-pipeline-board [part~="card"]').count()).to.be.at.least(10);
    await page.locator('kt-pipeline-board').scrollIntoViewIfNeeded();
    await shoot(page, 'demo-pipeline');

    await page.locator('kt-rule-editor [part~="rule"]').first().waitFor();
    expect(await page.locator('kt-rule-editor [part~="rule"]').count()).to.equal(5);
    await page.locator('kt-rule-editor').getByRole('button', { name: 'Edit' }).first().click();
    await page.locator('kt-rule-editor [part~="summary"]').getByText(/records match/).waitFor({ timeout: 15_000 });
    await page.locator('kt-rule-editor').scrollIntoViewIfNeeded();
    await shoot(page, 'demo-rules');

    await page.getByRole('button', { name: 'Import CSV…' }).click();
    await page.locator('kt-csv-import input[type="file"]').setInputFiles({
      name: 'clients.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Název;IČO;E-mail\nNová firma s.r.o.;CZ49240901;info@nova.cz\n', 'utf8'),
    });
    await page.locator('kt-csv-import').getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('kt-csv-import [part~="summary"]').waitFor();
    await shoot(page, 'demo-csv-import');
    await page.locator('#import-dialog').getByRole('button', { name: 'Close' }).click();
    await clientCount(page, '41 clients').waitFor();
    expect(errors).to.deep.equal([]);
  });

  it('follows the Theme picker whatever the system prefers: every text on the page, elements included, reaches 4.5:1', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(url);
    await page.getByRole('button', { name: 'Insert sample data' }).click();
    await clientCount(page, '40 clients').waitFor({ timeout: 15_000 });
    await page.locator('kt-client-table .body [role="row"] .client-name').first().click();
    await page.locator('kt-client-card h2').waitFor();
    await page.locator('#orders tbody tr button.link').first().click();
    await page.locator('kt-client-picker .label').waitFor();
    await page.locator('#automation summary').click();
    await page.locator('#settings summary').click();
    await page.locator('kt-crm-settings h3').first().waitFor();
    for (const [system, theme] of [['light', 'dark'], ['dark', 'light'], ['dark', ''], ['light', '']] as const) {
      await page.emulateMedia({ colorScheme: system });
      await page.selectOption('#theme', theme);
      for (const language of ['en', 'cs']) {
        await page.selectOption('#language', language);
        await page.locator(`html[lang="${language}"]`).waitFor();
        const low = await page.evaluate(async (helper) => {
          const { lowContrastTexts } = (await import(helper)) as typeof import('../components/contrast.ts');
          return lowContrastTexts(document.body);
        }, '/test/components/contrast.ts');
        expect(low, `system ${system}, theme “${theme}”, ${language}`).to.deep.equal([]);
      }
    }
  });

  it('opens the demo from the server\'s root too', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('/', url).href);
    await page.getByText('No clients yet').waitFor();
    expect(new URL(page.url()).pathname).to.equal('/examples/demo/');
  });

  it('keeps the console clean: no error, no failed request (a favicon included)', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
    await page.goto(url);
    await page.getByText('No clients yet').waitFor();
    await page.waitForLoadState('networkidle');
    // This headless Chromium asks for no icon; a desktop browser asks for the page's, else /favicon.ico.
    const iconStatus = await page.evaluate(async () => {
      const icon = document.querySelector<HTMLLinkElement>('link[rel~="icon"]')?.href ?? new URL('/favicon.ico', location.href).href;
      return (await fetch(icon)).status;
    });
    expect(iconStatus, 'the icon loads').to.equal(200);
    expect(problems).to.deep.equal([]);
  });

  it('greets a Czech browser in Czech: the title, dialog names, the pipeline, rules and sample data it seeds, the opened client also after a switch of language', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'cs-CZ' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.getByRole('heading', { name: 'Klienti', exact: true }).waitFor();
    expect(await page.title()).to.equal('Kartotéka demo — administrace e-shopu');
    expect(await page.getByRole('dialog', { name: 'Import klientů z CSV', includeHidden: true }).count()).to.equal(1);
    expect(await page.getByRole('dialog', { name: 'Export klientů do CSV', includeHidden: true }).count()).to.equal(1);
    await page.locator('kt-pipeline-board section h3').first().waitFor();
    expect(await page.locator('kt-pipeline-board section h3').allInnerTexts()).to.deep.equal(['Zájemce', 'Nabídka', 'Jednání', 'Vyhráno']);
    await page.locator('#automation summary').click();
    await page.locator('kt-rule-editor [part="rule-name"]', { hasText: 'Stálý zákazník' }).waitFor();
    // The shop is Czech: the big-order rule counts crowns.
    const bigOrder = await page.evaluate(async () => (await document.querySelector('kt-crm-provider')!.crm!.rules.list()).find((rule) => rule.template === 'big_order_star')?.conditions);
    expect(bigOrder).to.deep.include({ fact: 'order.total', currency: 'CZK' });
    // A switch of language while the data goes in says what is under way in the new language.
    const underWay = await page.evaluate(() => {
      document.querySelector<HTMLButtonElement>('#insert-sample')!.click();
      const select = document.querySelector<HTMLSelectElement>('#language')!;
      return ['en', 'cs'].map((value) => {
        select.value = value;
        select.dispatchEvent(new Event('change'));
        return document.querySelector('#status')!.textContent;
      });
    });
    expect(underWay).to.deep.equal(['Inserting sample data…', 'Vkládám ukázková data…']);
    await clientCount(page, '40 klientů').waitFor({ timeout: 15_000 });
    // The store was made in Czech: its statuses are Czech too.
    await page.locator('kt-client-table .body [role="row"]').getByText('Stálý zákazník').first().waitFor();
    await page.locator('kt-client-table .body [role="row"] .client-name').first().click();
    await page.locator('#opened', { hasText: /^Otevřen .+ \(Klient č\. \d+\)$/ }).waitFor();
    // The sample data is the Czech shop's own: its contact persons' roles are Czech.
    await page.locator('kt-client-card .item', { hasText: / · (Nákup|Majitel|Účtárna) · / }).waitFor();
    await page.selectOption('#language', 'en');
    await page.locator('#opened', { hasText: /^Opened .+ \(Client: \d+\)$/ }).waitFor();
    // What the insert did is said again in the new language.
    await page.locator('#status', { hasText: /^Inserted 40 clients/ }).waitFor();
    expect(await page.title()).to.equal('Kartoteka demo — shop admin');
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
