import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import { guessMapping } from '../../components/csv-import/guess-field.ts';
import { html } from 'lit';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm, formatTaxId, parseCsv, type Crm } from '../../src/index.ts';
import type { KtCsvExport, KtExportCompleteDetail, KtExportCompleteEvent } from '../../components/index.ts';
import '../../components/define/all.ts';
import { expectAccessible, mount, shadow, textOf, until } from './helpers.ts';

interface Download {
  fileName: string;
  bytes: Uint8Array;
}

/** Catches the downloads the page starts (the link's click), reading each file instead of saving it. */
function catchDownloads(): { downloads: Promise<Download>[]; stop(): void } {
  const downloads: Promise<Download>[] = [];
  const onClick = (e: MouseEvent) => {
    const link = e.composedPath()[0];
    if (!(link instanceof HTMLAnchorElement) || !link.download) return;
    e.preventDefault();
    // Fetched at once: the blob URL is read now, whenever the element revokes it.
    const bytes = fetch(link.href).then((response) => response.arrayBuffer());
    downloads.push(bytes.then((buffer) => ({ fileName: link.download, bytes: new Uint8Array(buffer) })));
  };
  document.addEventListener('click', onClick, true);
  return { downloads, stop: () => document.removeEventListener('click', onClick, true) };
}

async function sampleCrm(): Promise<Crm> {
  const crm = await createCrm({ storage: memoryAdapter() });
  const [lead, newPartner] = await crm.statuses.list();
  const [red] = await crm.stars.list();
  await crm.clients.create({ name: 'Alza', taxId: 'CZ27082440', emails: ['a@alza.cz', 'b@alza.cz'], statusId: lead!.id, stars: [red!.id], billingAddress: { city: 'Praha' } });
  await crm.clients.create({ name: 'ČEZ', taxId: 'CZ45274649', emails: ['info@cez.cz'], statusId: newPartner!.id });
  await crm.clients.create({ name: 'Bez e-mailu', statusId: lead!.id });
  await crm.clients.create({ name: 'Magistrát', taxId: 'CZ00064581', emails: ['podatelna@praha.eu'], statusId: lead!.id, billingAddress: { city: 'Praha 1' } });
  await crm.orders.upsert({ id: 'o-1', currency: 'CZK', total: 100, createdAt: '2026-03-10T10:00:00Z', billing: { company: 'Alza', taxId: 'CZ27082440' } });
  await crm.orders.upsert({ id: 'o-2', currency: 'CZK', total: 100, createdAt: '2025-01-05T10:00:00Z', billing: { company: 'Magistrát', taxId: 'CZ00064581' } });
  return crm;
}

const checkbox = (element: KtCsvExport, label: string) =>
  [...shadow(element).querySelectorAll('label')].find((each) => textOf(each) === label)?.querySelector<HTMLInputElement>('input') ??
  (() => {
    throw new Error(`No checkbox "${label}"`);
  })();
const exportButton = (element: KtCsvExport) => shadow(element).querySelector<HTMLButtonElement>('[part="export-button"]')!;
const result = (element: KtCsvExport) => textOf(shadow(element).querySelector('[part="result"]'));
/** A client's tax ID as the export writes it (formatted from the stored one). */
const shownTaxId = async (crm: Crm, name: string) => formatTaxId((await crm.clients.search(name))[0]!.taxId!);
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

describe('<kt-csv-export>', () => {
  it('exports the picked columns of the clients with a status, a row per e-mail, with a BOM (K12)', async () => {
    const crm = await sampleCrm();
    const element = await mount<KtCsvExport>(html`<kt-csv-export .crm=${crm} locale="en"></kt-csv-export>`, 'kt-csv-export');
    await until(() => expect(shadow(element).querySelectorAll('[part="filters"] input[type="checkbox"]').length).to.equal(9));
    await expectAccessible(element);
    const ticked = () => [...shadow(element).querySelectorAll<HTMLInputElement>('[part="fields"] input:checked')].map((input) => input.value);
    expect(ticked()).to.have.members(['number', 'name', 'email', 'taxId']);
    expect(shadow(element).querySelector<HTMLInputElement>('input[name="delimiter"]:checked')!.value).to.equal(',');
    expect(shadow(element).querySelector<HTMLInputElement>('input[name="bom"]')!.checked).to.equal(true);

    checkbox(element, 'Client number').click();
    checkbox(element, 'City').click();
    await until(() => expect(textOf(shadow(element).querySelector('#fields-order'))).to.equal('Columns in this order: Name, E-mail, Tax ID (company number), City'));
    // The status filter, from the keyboard.
    checkbox(element, 'Prospects › Lead').focus();
    await sendKeys({ press: 'Space' });
    await until(() => expect(checkbox(element, 'Prospects › Lead').checked).to.equal(true));

    const caught = catchDownloads();
    const completed = new Promise<KtExportCompleteDetail>((resolve) => element.addEventListener('kt-export-complete', (e: KtExportCompleteEvent) => resolve(e.detail), { once: true }));
    // A store that takes its time, as IndexedDB does: the button is disabled over a frame or more.
    const exportCsv = crm.clients.exportCsv.bind(crm.clients);
    const slowCrm = { ...crm, clients: { ...crm.clients, exportCsv: async (...args: Parameters<typeof exportCsv>) => (await new Promise((resolve) => setTimeout(resolve, 100)), exportCsv(...args)) } } as Crm;
    element.crm = slowCrm;
    exportButton(element).focus();
    await sendKeys({ press: 'Enter' });
    const detail = await completed;
    caught.stop();
    await until(() => expect(result(element)).to.equal('Exported 3 rows.'));
    // Disabled while it exported, the button has the keyboard back.
    await until(() => expect(shadow(element).activeElement?.getAttribute('part')).to.equal('export-button'));

    expect(caught.downloads).to.have.length(1);
    const file = await caught.downloads[0]!;
    expect(file.fileName).to.equal(`clients-${today()}.csv`);
    expect([...file.bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(file.bytes);
    const [alza, magistrat] = [await shownTaxId(crm, 'Alza'), await shownTaxId(crm, 'Magistrát')];
    expect(parseCsv(text).map((record) => record.cells)).to.deep.equal([
      ['Name', 'E-mail', 'Tax ID (company number)', 'City'],
      ['Alza', 'a@alza.cz', alza, 'Praha'],
      ['Alza', 'b@alza.cz', alza, 'Praha'],
      ['Magistrát', 'podatelna@praha.eu', magistrat, 'Praha 1'],
    ]);
    expect(detail).to.deep.equal({ rows: 3, csv: `\uFEFF${text}`, fileName: file.fileName });
    await expectAccessible(element);
  });

  it('speaks Czech with `;`, filters by the last order’s dates (inclusive), joins e-mails, and says when nothing matches', async () => {
    const crm = await sampleCrm();
    const element = await mount<KtCsvExport>(html`<kt-csv-export .crm=${crm} locale="cs"></kt-csv-export>`, 'kt-csv-export');
    await until(() => expect(shadow(element).querySelectorAll('[part="filters"] input[type="checkbox"]').length).to.equal(9));
    expect(shadow(element).querySelector<HTMLInputElement>('input[name="delimiter"]:checked')!.value).to.equal(';');
    await expectAccessible(element);

    const setDate = (name: string, value: string) => {
      const input = shadow(element).querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('change'));
    };
    setDate('lastOrderFrom', '2026-03-01');
    setDate('lastOrderTo', '2026-02-01');
    await until(() => expect(exportButton(element).disabled).to.equal(true));
    expect(textOf(shadow(element).getElementById(exportButton(element).getAttribute('aria-describedby')!))).to.equal('Datum „do“ je před datem „od“.');
    // The last day counts whole: Alza's order on 10 March at 10:00 is in.
    setDate('lastOrderTo', '2026-03-10');
    shadow(element).querySelector<HTMLInputElement>('input[name="emails"][value="joined"]')!.click();
    shadow(element).querySelector<HTMLInputElement>('input[name="bom"]')!.click();
    await until(() => expect(exportButton(element).disabled).to.equal(false));

    const caught = catchDownloads();
    exportButton(element).click();
    await until(() => expect(result(element)).to.equal('Exportován 1 řádek.'));
    const file = await caught.downloads[0]!;
    expect([...file.bytes.slice(0, 1)]).to.not.deep.equal([0xef]);
    expect(parseCsv(new TextDecoder().decode(file.bytes), { delimiter: ';' }).map((record) => record.cells)).to.deep.equal([
      ['Číslo klienta', 'Název', 'E-mail', 'IČO'],
      [String((await crm.clients.search('alza'))[0]!.number), 'Alza', 'a@alza.cz; b@alza.cz', await shownTaxId(crm, 'Alza')],
    ]);
    // The import dialog reads the headers back.
    expect(guessMapping(['Číslo klienta', 'Název', 'E-mail', 'IČO'])).to.deep.equal(['', 'name', 'email', 'taxId']);

    setDate('lastOrderTo', '2026-03-09');
    const completed = new Promise<KtExportCompleteDetail>((resolve) => element.addEventListener('kt-export-complete', (e: KtExportCompleteEvent) => resolve(e.detail), { once: true }));
    exportButton(element).click();
    expect((await completed).rows).to.equal(0);
    await until(() => expect(result(element)).to.equal('Těmto filtrům neodpovídá žádný klient: nic se neexportovalo.'));
    caught.stop();
    expect(caught.downloads).to.have.length(1);
  });

  it('needs a column to export', async () => {
    const crm = await sampleCrm();
    const element = await mount<KtCsvExport>(html`<kt-csv-export .crm=${crm} locale="en"></kt-csv-export>`, 'kt-csv-export');
    for (const label of ['Client number', 'Name', 'E-mail', 'Tax ID (company number)']) checkbox(element, label).click();
    await until(() => expect(exportButton(element).disabled).to.equal(true));
    expect(textOf(shadow(element).getElementById(exportButton(element).getAttribute('aria-describedby')!))).to.equal('Tick at least one column.');
    await expectAccessible(element);
  });
});
