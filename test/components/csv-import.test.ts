import { sendKeys, setViewport } from '@web/test-runner-commands';
import { expect } from 'chai';
import { html } from 'lit';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm, parseCsv, type ClientCsvImportReport, type Crm } from '../../src/index.ts';
import type { KtCsvImport, KtImportCompleteEvent } from '../../components/index.ts';
import '../../components/define/all.ts';
import { uniqueHeaders, withHeaderRow } from '../../components/csv-import/unique-headers.ts';
import { expectAccessible, mount, shadow, textOf, until } from './helpers.ts';

/** A Czech Excel export: `;`, Czech headers, a name with a line break, two bad rows. */
const czechFile = [
  'Název;IČO;E-mail;Telefon;Město;PSČ;Poznámka k objednávce',
  'Alza.cz a.s.;27082440;obchod@alza.cz;+420 225 340 111;Praha;170 00;platí předem',
  'ČEZ, a. s.;45274649;info@cez.cz;;Praha;140 53;',
  'Špatný řádek;12345678;not-an-email;;Brno;;',
  '"Multi',
  'line s.r.o.";;kontakt@multi.cz;;Ostrava;;',
  'Chybné IČO;27082441;;;;;',
  '',
].join('\r\n');

async function czechCrm(): Promise<Crm> {
  const crm = await createCrm({ storage: memoryAdapter() });
  await crm.settings.update({ defaultCountry: 'CZ' });
  return crm;
}

/** Puts a file in the element's file input as a user's choice does. */
async function chooseFile(element: KtCsvImport, text: string, name = 'klienti.csv'): Promise<void> {
  const input = shadow(element).querySelector<HTMLInputElement>('input[type="file"]')!;
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], name, { type: 'text/csv' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await until(() => expect(shadow(element).querySelector('[part="mapping"]')).to.not.equal(null));
}

const select = (element: KtCsvImport, header: string) => shadow(element).querySelector<HTMLSelectElement>(`select[aria-label="Client field: ${header}"]`)!;
/** The option shown as chosen for a column: what the user reads. */
const chosen = (element: KtCsvImport, header: string) => select(element, header).selectedOptions[0]!.textContent!.trim();
const button = (element: KtCsvImport) => shadow(element).querySelector<HTMLButtonElement>('[part="import-button"]')!;

describe('<kt-csv-import>', () => {
  it('reads a Czech file, guesses the columns, imports with progress and shows the bad rows by line (K12)', async () => {
    const crm = await czechCrm();
    const alza = await crm.clients.create({ name: 'Alza', taxId: 'CZ27082440' });
    const element = await mount<KtCsvImport>(html`<kt-csv-import .crm=${crm} chunk-size="1" locale="en"></kt-csv-import>`, 'kt-csv-import');
    await expectAccessible(element);

    await chooseFile(element, czechFile);
    expect(textOf(shadow(element).querySelector('[part="file"]'))).to.include('File: klienti.csv');
    expect(shadow(element).querySelector<HTMLSelectElement>('[part="file"] select')!.value).to.equal(';');
    const preview = shadow(element).querySelector('[part="preview"]')!;
    expect([...preview.querySelectorAll('th')].map(textOf)).to.deep.equal(['Název', 'IČO', 'E-mail', 'Telefon', 'Město', 'PSČ', 'Poznámka k objednávce']);
    expect(textOf(preview.querySelector('tbody tr'))).to.include('Alza.cz a.s.');
    expect(
      ['Název', 'IČO', 'E-mail', 'Telefon', 'Město', 'PSČ', 'Poznámka k objednávce'].map((header) => chosen(element, header)),
    ).to.deep.equal(['Name', 'Tax ID (company number)', 'E-mail', 'Phone', 'City', 'Postal code', '— skip —']);
    await expectAccessible(element);

    // The order note goes to the client's note: typed on the keyboard, as a select takes it.
    select(element, 'Poznámka k objednávce').focus();
    await sendKeys({ type: 'Note' });
    await until(() => expect(chosen(element, 'Poznámka k objednávce')).to.equal('Note'));

    // What the progress bar says while the rows go in.
    const seen: string[] = [];
    const observer = new MutationObserver(() => {
      const progress = shadow(element).querySelector<HTMLProgressElement>('[part="progress"] progress');
      if (progress?.hasAttribute('max')) seen.push(`${progress.value}/${progress.max} ${textOf(shadow(element).querySelector('[part="progress"] [role="status"]'))}`);
    });
    observer.observe(shadow(element), { subtree: true, childList: true, attributes: true, characterData: true });
    const completed = new Promise<ClientCsvImportReport>((resolve) => element.addEventListener('kt-import-complete', (e: KtImportCompleteEvent) => resolve(e.detail), { once: true }));
    expect(button(element).disabled).to.equal(false);
    button(element).click();
    const report = await completed;
    observer.disconnect();

    expect(seen.length).to.be.above(0);
    expect(seen.some((entry) => /^[1-4]\/5 [1-4] of 5 rows$/.test(entry)), seen.join(' | ')).to.equal(true);
    await until(() => expect(shadow(element).querySelector('[part="summary"]')).to.not.equal(null));
    const figures = Object.fromEntries([...shadow(element).querySelectorAll('[data-figure]')].map((div) => [div.getAttribute('data-figure'), textOf(div.querySelector('dd'))]));
    expect(figures).to.deep.equal({ created: '2', updated: '1', unchanged: '0', failed: '2' });
    expect(report).to.include({ total: 5, processed: 5, created: 2, updated: 1, unchanged: 0, failed: 2 });

    const errorRows = [...shadow(element).querySelectorAll('[part="errors"] tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map(textOf));
    expect(errorRows.map(([line, column]) => `${line} ${column}`)).to.deep.equal(['4 IČO', '4 E-mail', '7 IČO']);
    expect(errorRows.every(([, , message]) => message!.length > 0)).to.equal(true);
    const link = shadow(element).querySelector<HTMLAnchorElement>('[part="download-errors"]')!;
    expect(link.download).to.equal('klienti-errors.csv');
    const errorsFile = await (await fetch(link.href)).text();
    expect(parseCsv(errorsFile, { delimiter: ';' }).map((record) => record.cells)).to.deep.equal([['Line', 'Column', 'Problem'], ...errorRows]);
    await expectAccessible(element);

    // In the SDK: Alza updated (its tax ID kept as stored), ČEZ and the two-line name created.
    const updated = await crm.clients.get(alza.id);
    expect(updated).to.deep.include({ name: 'Alza.cz a.s.', note: 'platí předem', emails: ['obchod@alza.cz'], phones: ['+420 225 340 111'] });
    expect(updated.billingAddress).to.deep.include({ city: 'Praha', postalCode: '170 00' });
    const { items } = await crm.clients.list({ limit: 50 });
    expect(items.map((client) => client.name).sort()).to.deep.equal(['Alza.cz a.s.', 'Multi\nline s.r.o.', 'ČEZ, a. s.'].sort());

    // Another file starts over.
    shadow(element).querySelector<HTMLButtonElement>('[part="summary"] ~ .line button')!.click();
    await until(() => expect(shadow(element).querySelector('[part="drop-zone"]')).to.not.equal(null));
  });

  it('puts the focus on the report when an import started by keyboard finishes, and on the file picker after “Import another file”', async () => {
    const crm = await czechCrm();
    const element = await mount<KtCsvImport>(html`<kt-csv-import .crm=${crm} locale="en"></kt-csv-import>`, 'kt-csv-import');
    await chooseFile(element, czechFile);
    button(element).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(textOf(shadow(element).activeElement)).to.equal('Import finished'));
    expect(textOf(shadow(element).querySelector('[part="summary"] [data-figure="created"]'))).to.equal('Created3');
    await sendKeys({ press: 'Tab' });
    expect(shadow(element).activeElement?.getAttribute('aria-labelledby')).to.equal('errors-caption');
    const again = [...shadow(element).querySelectorAll<HTMLButtonElement>('button')].find((b) => textOf(b) === 'Import another file')!;
    again.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(shadow(element).activeElement?.getAttribute('type')).to.equal('file'));
    expect(textOf(shadow(element).querySelector('[part="drop-zone"]'))).to.contain('choose a file');
  });

  it('asks for a name or tax ID column and shows the SDK’s mapping problems at their column', async () => {
    const crm = await czechCrm();
    const element = await mount<KtCsvImport>(html`<kt-csv-import .crm=${crm}></kt-csv-import>`, 'kt-csv-import');
    await chooseFile(element, 'Firma,Company ID,City,Town\nAlza,27082440,Praha,Praha 7\n');
    expect(shadow(element).querySelector<HTMLSelectElement>('[part="file"] select')!.value).to.equal(',');
    expect(['Firma', 'Company ID', 'City', 'Town'].map((header) => chosen(element, header))).to.deep.equal(['Name', 'Tax ID (company number)', 'City', '— skip —']);

    for (const header of ['Firma', 'Company ID']) {
      select(element, header).value = '';
      select(element, header).dispatchEvent(new Event('change'));
    }
    await until(() => expect(button(element).disabled).to.equal(true));
    const hint = shadow(element).getElementById(button(element).getAttribute('aria-describedby')!)!;
    expect(textOf(hint)).to.equal('Map a column to Name (to create clients) or Tax ID (to find and update them).');

    select(element, 'Firma').value = 'name';
    select(element, 'Firma').dispatchEvent(new Event('change'));
    select(element, 'Town').value = 'city';
    select(element, 'Town').dispatchEvent(new Event('change'));
    await until(() => expect(button(element).disabled).to.equal(false));
    button(element).click();

    // Two columns for the one city: the SDK refuses before storing anything, and says so at the second.
    await until(() => expect(select(element, 'Town').getAttribute('aria-invalid')).to.equal('true'));
    const problem = shadow(element).getElementById(select(element, 'Town').getAttribute('aria-describedby')!)!;
    expect(textOf(problem)).to.equal('The column “City” already fills this field.');
    expect(select(element, 'City').getAttribute('aria-invalid')).to.equal('false');
    expect(await crm.clients.count()).to.equal(0);
    await expectAccessible(element);
    element.locale = 'cs';
    await until(() => expect(textOf(shadow(element).querySelector('[part="mapping-error"]'))).to.equal('Toto pole už plní sloupec „City“.'));
    element.locale = 'en';
    await element.updateComplete;

    select(element, 'Town').value = '';
    select(element, 'Town').dispatchEvent(new Event('change'));
    await until(() => expect(shadow(element).querySelector('[part="mapping-error"]')).to.equal(null));
    button(element).click();
    await until(() => expect(textOf(shadow(element).querySelector('[data-figure="created"] dd'))).to.equal('1'));
    expect(textOf(shadow(element).querySelector('[part="summary"] ~ p'))).to.equal('Every row was imported.');
    expect((await crm.clients.list()).items.map((client) => [client.name, client.billingAddress?.city])).to.deep.equal([['Alza', 'Praha']]);
  });

  it('numbers a repeated header, so either column can be mapped or skipped on its own', async () => {
    const crm = await czechCrm();
    const element = await mount<KtCsvImport>(html`<kt-csv-import .crm=${crm} locale="pl"></kt-csv-import>`, 'kt-csv-import');
    await chooseFile(element, 'Firma,"Firma",E-mail\r\n"Alza, a.s.",Alza.cz,info@alza.cz\r\n');
    const headers = () => [...shadow(element).querySelectorAll('[part="mapping"] tbody th')].map(textOf);
    expect(headers()).to.deep.equal(['Firma', 'Firma (2)', 'E-mail']);
    // The second mapped to the name as well: it says which column has it, until it is skipped.
    const second = shadow(element).querySelectorAll<HTMLSelectElement>('[part="mapping"] select')[1]!;
    const choose = (field: string) => {
      second.value = field;
      second.dispatchEvent(new Event('change'));
    };
    choose('name');
    button(element).click();
    await until(() => expect([...shadow(element).querySelectorAll('[part="mapping-error"]')].map(textOf)).to.deep.equal(['To pole wypełnia już kolumna „Firma”.']));
    choose('');
    await until(() => expect(shadow(element).querySelector('[part="mapping-error"]')).to.equal(null));
    button(element).click();
    await until(() => expect(textOf(shadow(element).querySelector('[data-figure="created"] dd'))).to.equal('1'));
    expect((await crm.clients.list()).items.map((client) => [client.name, client.emails])).to.deep.equal([['Alza, a.s.', ['info@alza.cz']]]);
  });

  it('numbers repeated headers around names already taken, and rewrites only the header row', () => {
    expect(uniqueHeaders(['A', 'A', 'A (2)', '', ''])).to.deep.equal(['A', 'A (3)', 'A (2)', '', '']);
    // A quoted line break belongs to the header; any line end after it is kept as it was.
    expect(withHeaderRow('"A\nB";A\r1;2\r', ['A B', 'A (2)'], ';')).to.equal('A B;A (2)\r1;2\r');
    expect(withHeaderRow('A,A', ['A', 'A (2)'], ',')).to.equal('A,A (2)');
  });

  it('says in Czech why rows were not imported, on screen and in the errors file', async () => {
    const crm = await czechCrm();
    const element = await mount<KtCsvImport>(html`<kt-csv-import .crm=${crm} locale="cs"></kt-csv-import>`, 'kt-csv-import');
    await chooseFile(element, ['Název;IČO;E-mail', ';45274649;info@cez.cz', 'Chybné IČO;27082441;', 'Špatný e-mail;;not-an-email', 'Krátké IČO;1234;', ''].join('\r\n'));
    button(element).click();
    await until(() => expect(shadow(element).querySelectorAll('[part="errors"] tbody tr')).to.have.length(4));
    const errorRows = [...shadow(element).querySelectorAll('[part="errors"] tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map(textOf));
    expect(errorRows).to.deep.equal([
      ['2', 'Název', 'Vyplňte toto pole.'],
      ['3', 'IČO', 'Neplatné IČO / DIČ: kontrolní číslice nesouhlasí, v čísle je pravděpodobně překlep.'],
      ['4', 'E-mail', 'Zadejte e-mailovou adresu, např. jmeno@example.com.'],
      ['5', 'IČO', 'Neplatné IČO / DIČ: nesprávná délka nebo nepatřičný znak.'],
    ]);
    const link = shadow(element).querySelector<HTMLAnchorElement>('[part="download-errors"]')!;
    const errorsFile = await (await fetch(link.href)).text();
    expect(parseCsv(errorsFile, { delimiter: ';' }).map((record) => record.cells)).to.deep.equal([['Řádek', 'Sloupec', 'Problém'], ...errorRows]);
  });

  it('names a status the shop lacks, and words the errors file in the language of the moment', async () => {
    const crm = await czechCrm();
    const element = await mount<KtCsvImport>(html`<kt-csv-import .crm=${crm} locale="cs"></kt-csv-import>`, 'kt-csv-import');
    await chooseFile(element, 'Název;Stav\r\nKovo;Neexistuje\r\n');
    button(element).click();
    await until(() => expect(shadow(element).querySelectorAll('[part="errors"] tbody tr')).to.have.length(1));
    expect(textOf(shadow(element).querySelector('[part="errors"] tbody tr'))).to.equal('2StavStav „Neexistuje“ neexistuje.');
    element.locale = 'pl';
    await until(() => expect(textOf(shadow(element).querySelector('[part="errors"] tbody td:last-child'))).to.equal('Nie ma statusu „Neexistuje”.'));
    const link = shadow(element).querySelector<HTMLAnchorElement>('[part="download-errors"]')!;
    const errorsFile = await (await fetch(link.href)).text();
    expect(parseCsv(errorsFile, { delimiter: ';' }).map((record) => record.cells)).to.deep.equal([
      ['Wiersz', 'Kolumna', 'Problem'],
      ['2', 'Stav', 'Nie ma statusu „Neexistuje”.'],
    ]);
  });

  it('fits its column mapping on a phone, cutting long examples short', async () => {
    const crm = await czechCrm();
    await setViewport({ width: 390, height: 844 });
    try {
      const host = await mount<HTMLDivElement>(html`<div style="width: 340px"><kt-csv-import .crm=${crm} locale="cs"></kt-csv-import></div>`, 'div');
      const element = host.querySelector<KtCsvImport>('kt-csv-import')!;
      await chooseFile(element, 'Název;IČO;E-mail;Telefon\r\nNová firma s.r.o.;27082440;info@nova-firma-velkoobchod.cz;+420 777 111 222\r\n');
      const mapping = shadow(element).querySelector<HTMLElement>('[part="mapping"]')!;
      expect(Math.round(mapping.getBoundingClientRect().right)).to.be.at.most(Math.round(host.getBoundingClientRect().right));
      const example = [...mapping.querySelectorAll<HTMLElement>('.example')].find((cell) => textOf(cell).startsWith('info@'))!;
      expect(example.scrollWidth, 'the e-mail is cut short, not broken over lines').to.be.above(example.clientWidth);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('speaks Czech, reads a Windows-1250 file and takes a dropped one', async () => {
    const crm = await czechCrm();
    const element = await mount<KtCsvImport>(html`<kt-csv-import .crm=${crm} locale="cs"></kt-csv-import>`, 'kt-csv-import');
    expect(textOf(shadow(element).querySelector('[part="drop-zone"]'))).to.equal('Přetáhněte sem soubor CSV, nebo vyberte soubor');
    // "Název;Město\nŽluťoučký kůň;Plzeň" as Czech Excel saves it.
    const cp1250 = new Uint8Array([
      ...[0x4e, 0xe1, 0x7a, 0x65, 0x76, 0x3b, 0x4d, 0xec, 0x73, 0x74, 0x6f, 0x0a],
      ...[0x8e, 0x6c, 0x75, 0x9d, 0x6f, 0x75, 0xe8, 0x6b, 0xfd, 0x20, 0x6b, 0xf9, 0xf2, 0x3b, 0x50, 0x6c, 0x7a, 0x65, 0xf2, 0x0a],
    ]);
    const transfer = new DataTransfer();
    transfer.items.add(new File([cp1250], 'excel.csv', { type: 'text/csv' }));
    shadow(element).querySelector('[part="drop-zone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await until(() => expect(shadow(element).querySelector('[part="mapping"]')).to.not.equal(null));
    expect([...shadow(element).querySelectorAll('[part="preview"] tbody td')].map(textOf)).to.deep.equal(['Žluťoučký kůň', 'Plzeň']);
    expect(shadow(element).querySelector<HTMLSelectElement>('select[aria-label="Pole klienta: Město"]')!.selectedOptions[0]!.textContent!.trim()).to.equal('Město');
    await expectAccessible(element);
    button(element).click();
    await until(() => expect([...shadow(element).querySelectorAll('[data-figure="created"] > *')].map(textOf)).to.deep.equal(['Založeno', '1']));
    expect((await crm.clients.list()).items[0]).to.deep.include({ name: 'Žluťoučký kůň' });
  });

  it('says why a row was refused when the SDK names no kind of problem: another owner’s client', async () => {
    const storage = memoryAdapter();
    const admin = await createCrm({ storage, settings: { defaultCountry: 'CZ' } });
    await admin.clients.create({ name: 'Theirs', taxId: 'CZ27082440', owner: 'eva' });
    const crm = await createCrm({ storage, principal: { userId: 'marta', role: 'member' } });
    const element = await mount<KtCsvImport>(html`<kt-csv-import .crm=${crm}></kt-csv-import>`, 'kt-csv-import');
    const input = shadow(element).querySelector<HTMLInputElement>('input[type="file"]')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['Name;Tax ID;City\r\nTheirs;CZ27082440;Praha\r\n'], 'k.csv', { type: 'text/csv' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => expect(shadow(element).querySelector('[part="mapping"]')).to.not.equal(null));
    shadow(element).querySelector<HTMLButtonElement>('[part="import-button"]')!.click();
    await until(() => expect(shadow(element).querySelectorAll('[part="errors"] tbody tr')).to.have.length(1));
    const cells = [...shadow(element).querySelectorAll('[part="errors"] tbody tr td')].map(textOf);
    expect(cells[2]).to.match(/belongs to another owner/);
  });
});
