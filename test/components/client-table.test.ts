import { expect } from 'chai';
import { html } from 'lit';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { indexedDbAdapter } from '../../adapters/indexeddb/index.ts';
import { createCrm, type Client, type Crm } from '../../src/index.ts';
import type { ChangeSet } from '../../src/storage/adapter.ts';
import { deliveredByHand } from '../delivered-by-hand.ts';
import { ALL_COLUMNS, type KtClientTable } from '../../components/index.ts';
import '../../components/define/all.ts';
import { expectAccessible, mount, shadow, textOf, until } from './helpers.ts';

interface World {
  crm: Crm;
  zluty: Client;
  alfa: Client;
  beta: Client;
}

async function world(): Promise<World> {
  const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
  const [lead, , regular] = await crm.statuses.list();
  const [red] = await crm.stars.list();
  const zluty = await crm.clients.create({
    name: 'Žlutý kůň s.r.o.',
    taxId: 'CZ27082440',
    lifecycle: 'current',
    statusId: regular!.id,
    emails: ['info@zluty-kun.cz'],
    phones: ['+420 608 457 200'],
    note: 'Calls on Mondays',
    discountPercent: 5,
    externalLinks: [{ integration: 'Base Connect', accountId: '881' }],
  });
  const alfa = await crm.clients.create({ name: 'Alfa Trade a.s.', taxId: 'CZ00177041', lifecycle: 'potential', temperature: 'hot', statusId: lead!.id });
  const beta = await crm.clients.create({ name: 'Beta Servis s.r.o.', lifecycle: 'potential', temperature: 'cold', stars: [red!.id], statusId: lead!.id });
  await crm.orders.upsert({ id: 'o-1', currency: 'CZK', total: 1_259_900, createdAt: '2026-11-02T10:00:00Z', billing: { company: 'Žlutý kůň', taxId: '27082440' } });
  await crm.orders.link('o-1', zluty.id);
  return { crm, zluty, alfa, beta };
}

async function table(crm: Crm, attributes: { lang?: string } = {}): Promise<KtClientTable> {
  const element = await mount<KtClientTable>(html`<div lang=${attributes.lang ?? 'en'}><kt-client-table .crm=${crm}></kt-client-table></div>`, 'kt-client-table');
  await until(() => expect(rowNames(element).length).to.be.above(0));
  return element;
}

const grid = (element: KtClientTable) => shadow(element).querySelector<HTMLElement>('[role="grid"]')!;
const rows = (element: KtClientTable) => [...shadow(element).querySelectorAll<HTMLElement>('.body [role="row"]')].sort((a, b) => Number(a.ariaRowIndex) - Number(b.ariaRowIndex));
const rowNames = (element: KtClientTable) => rows(element).map((row) => textOf(row.querySelector('.client-name')));
const count = (element: KtClientTable) => textOf(shadow(element).querySelector('[part="count"]'));
const activeRow = (element: KtClientTable) => shadow(element).getElementById(grid(element).getAttribute('aria-activedescendant')!)!;
const selectedNames = (element: KtClientTable) => rows(element).filter((row) => row.ariaSelected === 'true').map((row) => textOf(row.querySelector('.client-name')));
const select = (element: KtClientTable, label: string) => shadow(element).querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`)!;

async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

function choose(selectElement: HTMLSelectElement, value: string): void {
  selectElement.value = value;
  selectElement.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<kt-client-table>', () => {
  it('shows the clients in columns, with status, stars, Connect link and order figures, and passes axe', async () => {
    const { crm } = await world();
    const element = await table(crm);
    expect(rowNames(element)).to.deep.equal(['Žlutý kůň s.r.o.', 'Alfa Trade a.s.', 'Beta Servis s.r.o.']);
    expect(count(element)).to.equal('3 clients');
    const first = rows(element)[0]!;
    expect(textOf(first.querySelector('.taxId'))).to.equal('CZ27082440');
    expect(textOf(first.querySelector('.status'))).to.equal('Regular customer');
    expect(first.querySelector('.connect')!.getAttribute('aria-label')).to.equal('Linked to Base Connect');
    expect(rows(element)[2]!.querySelector('.stars [role="img"]')!.getAttribute('aria-label')).to.equal('Red');
    await until(() => expect(textOf(first.querySelector('.orderCount'))).to.equal('1'));
    expect(textOf(first.querySelector('.totalValue'))).to.equal('CZK 12,599.00');
    expect(textOf(first.querySelector('.lastOrder'))).to.equal('Nov 2, 2026');
    expect(grid(element).getAttribute('aria-rowcount')).to.equal('4');
    await expectAccessible(element);
  });

  it('shows and hides columns from the Columns list, by keyboard, telling the host', async () => {
    const { crm } = await world();
    const element = await table(crm);
    const headers = () => [...shadow(element).querySelectorAll('[role="columnheader"]')].map(textOf);
    const told: (readonly string[])[] = [];
    element.addEventListener('kt-columns-change', (event) => told.push(event.columns));
    const opener = shadow(element).querySelector<HTMLButtonElement>('[part="columns-button"]')!;
    const list = shadow(element).querySelector<HTMLElement>('[part="column-chooser"]')!;
    expect(list.matches(':popover-open')).to.equal(false);
    opener.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(list.matches(':popover-open')).to.equal(true));
    const box = (name: string) => [...list.querySelectorAll('label')].find((label) => textOf(label) === name)!.querySelector('input')!;
    expect(box('Name').disabled, 'a client is opened by its name').to.equal(true);
    expect(box('E-mail').checked).to.equal(true);
    await expectAccessible(element);

    box('E-mail').focus();
    await sendKeys({ press: 'Space' });
    await until(() => expect(headers()).not.to.include('E-mail'));
    expect(headers().slice(0, 6)).to.deep.equal(['', 'No.', 'Name', 'Tax ID', 'Status', 'Stars']);
    expect(textOf(rows(element)[0]!.querySelector('.phone'))).to.equal('+420 608 457 200');
    await sendKeys({ press: 'Space' });
    await until(() => expect(headers()).to.include('E-mail'));
    expect(headers().indexOf('E-mail')).to.equal(headers().indexOf('Temperature') + 1);
    expect(told.map((columns) => columns.includes('email'))).to.deep.equal([false, true]);

    await sendKeys({ press: 'Escape' });
    await until(() => expect(list.matches(':popover-open')).to.equal(false));
    expect(shadow(element).activeElement?.getAttribute('part')).to.equal('columns-button');
  });

  it('keeps the open Columns list on screen and beside its button as the page scrolls', async () => {
    const { crm } = await world();
    await setViewport({ width: 800, height: 600 });
    try {
      const host = await mount<HTMLDivElement>(html`<div><div style="height: 430px"></div><kt-client-table .crm=${crm}></kt-client-table><div style="height: 3000px"></div></div>`, 'div');
      const element = host.querySelector<KtClientTable>('kt-client-table')!;
      await until(() => expect(shadow(element).querySelector('[part="columns-button"]')).to.not.equal(null));
      const opener = shadow(element).querySelector<HTMLButtonElement>('[part="columns-button"]')!;
      const list = shadow(element).querySelector<HTMLElement>('[part="column-chooser"]')!;
      const lastBox = () => [...list.querySelectorAll('label')].at(-1)!;
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      // Low on the screen: the list opens above its button, and every box can be reached.
      expect(opener.getBoundingClientRect().bottom).to.be.below(innerHeight);
      opener.click();
      await until(() => expect(list.matches(':popover-open')).to.equal(true));
      await frame();
      lastBox().scrollIntoView({ block: 'nearest' });
      expect(Math.round(list.getBoundingClientRect().bottom)).to.be.at.most(Math.round(opener.getBoundingClientRect().top));
      expect(lastBox().getBoundingClientRect().bottom).to.be.at.most(innerHeight);
      // Scrolled so the button is at the top: the list follows it, now under it.
      scrollBy(0, 400);
      await frame();
      const gap = list.getBoundingClientRect().top - opener.getBoundingClientRect().bottom;
      expect(list.matches(':popover-open')).to.equal(true);
      expect(gap).to.be.within(0, 10);
      expect(list.getBoundingClientRect().bottom).to.be.at.most(innerHeight);
    } finally {
      scrollTo(0, 0);
    }
  });

  it('keeps the open Columns list beside its button in a right-to-left page and in a scrolling container of another shadow root', async () => {
    const { crm } = await world();
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const open = async (element: KtClientTable) => {
      await until(() => expect(shadow(element).querySelector('[part="columns-button"]')).to.not.equal(null));
      const opener = shadow(element).querySelector<HTMLButtonElement>('[part="columns-button"]')!;
      const list = shadow(element).querySelector<HTMLElement>('[part="column-chooser"]')!;
      opener.click();
      await until(() => expect(list.matches(':popover-open')).to.equal(true));
      await frame();
      return { opener, list, gap: () => Math.round(list.getBoundingClientRect().top - opener.getBoundingClientRect().bottom) };
    };
    await setViewport({ width: 800, height: 600 });
    const rtl = await mount<HTMLDivElement>(html`<div dir="rtl"><kt-client-table .crm=${crm}></kt-client-table></div>`, 'div');
    const inRtl = await open(rtl.querySelector<KtClientTable>('kt-client-table')!);
    const { left, right } = inRtl.list.getBoundingClientRect();
    expect({ onScreen: left >= 0 && right <= innerWidth, atButton: Math.round(left) === Math.round(inRtl.opener.getBoundingClientRect().left) }).to.deep.equal({ onScreen: true, atButton: true });
    rtl.remove();

    // An app shell: its scrolling main area lives in its own shadow root, the table slotted into it.
    const shell = await mount<HTMLDivElement>(html`<div class="shell"><kt-client-table .crm=${crm}></kt-client-table></div>`, 'div.shell');
    shell.attachShadow({ mode: 'open' }).innerHTML = '<div id="main" style="height: 500px; overflow: auto"><div style="height: 200px"></div><slot></slot><div style="height: 2000px"></div></div>';
    const inShell = await open(shell.querySelector<KtClientTable>('kt-client-table')!);
    shell.shadowRoot!.getElementById('main')!.scrollTop = 150;
    await frame();
    expect(inShell.gap()).to.equal(4);
  });

  it('keeps the whole open Columns list within a short window', async () => {
    const { crm } = await world();
    await setViewport({ width: 900, height: 330 });
    try {
      const host = await mount<HTMLDivElement>(html`<div><div style="height: 200px"></div><kt-client-table .crm=${crm}></kt-client-table></div>`, 'div');
      const element = host.querySelector<KtClientTable>('kt-client-table')!;
      await until(() => expect(shadow(element).querySelector('[part="columns-button"]')).to.not.equal(null));
      const list = shadow(element).querySelector<HTMLElement>('[part="column-chooser"]')!;
      shadow(element).querySelector<HTMLButtonElement>('[part="columns-button"]')!.click();
      await until(() => expect(list.matches(':popover-open')).to.equal(true));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const { top, bottom } = list.getBoundingClientRect();
      expect({ top: top >= 0, bottom: bottom <= innerHeight }).to.deep.equal({ top: true, bottom: true });
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('stops following once the open Columns list leaves the page, with nothing thrown', async () => {
    const { crm } = await world();
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    addEventListener('error', onError);
    try {
      const element = await table(crm);
      const opener = shadow(element).querySelector<HTMLButtonElement>('[part="columns-button"]')!;
      const list = shadow(element).querySelector<HTMLElement>('[part="column-chooser"]')!;
      // By keyboard: Enter opens the list, Shift+Tab goes to Cards (a key press does not close the list), Enter.
      opener.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => expect(list.matches(':popover-open')).to.equal(true));
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(textOf(shadow(element).activeElement)).to.equal('Cards');
      await sendKeys({ press: 'Enter' });
      await until(() => expect(element.view).to.equal('cards'));
      await frame();
      element.remove();
      await frame();
      list.style.top = '123px';
      dispatchEvent(new Event('scroll'));
      await frame();
      expect({ errors, top: list.style.top }).to.deep.equal({ errors: [], top: '123px' });
    } finally {
      removeEventListener('error', onError);
    }
  });

  it('shows every column heading whole, in every language', async () => {
    const { crm } = await world();
    const cut: string[] = [];
    for (const lang of ['en', 'cs', 'pl', 'sl']) {
      const element = await table(crm, { lang });
      element.columns = [...ALL_COLUMNS];
      await element.updateComplete;
      for (const header of shadow(element).querySelectorAll<HTMLElement>('[role="columnheader"]')) {
        const label = header.querySelector<HTMLElement>('button') ?? header;
        if (label.scrollWidth > label.clientWidth || header.scrollWidth > header.clientWidth) cut.push(`${lang} ${textOf(header)}`);
      }
    }
    expect(cut).to.deep.equal([]);
  });

  it('does not put back an older client that another tab’s late batch tells of', async () => {
    const storage = memoryAdapter();
    const writer = await createCrm({ storage });
    const committed: ChangeSet[] = [];
    storage.onExternalChange!((changes) => committed.push(changes));
    // This tab's CRM: the batches of other tabs reach it when the test says, in the order it says.
    const { storage: readerStorage, hear } = deliveredByHand(storage);
    const reader = await createCrm({ storage: readerStorage });
    const client = await writer.clients.create({ name: 'Alza' });
    const element = await mount<KtClientTable>(html`<kt-client-table .crm=${reader}></kt-client-table>`, 'kt-client-table');
    const names = () => [...shadow(element).querySelectorAll('.body [role="row"] .client-name')].map(textOf);
    await until(() => expect(names()).to.deep.equal(['Alza']));
    await writer.clients.update(client.id, { name: 'Datart' });
    await writer.clients.update(client.id, { name: 'Euro' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const [renamedDatart, renamedEuro] = committed.slice(-2);
    hear(renamedEuro!);
    await until(() => expect(names()).to.deep.equal(['Euro']));
    // The tab that renamed to Datart was busy: its batch comes last.
    hear(renamedDatart!);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect({ stored: (await reader.clients.get(client.id)).name, shown: names() }).to.deep.equal({ stored: 'Euro', shown: ['Euro'] });
  });

  it('moves, selects and opens by keyboard', async () => {
    const { crm, zluty, alfa } = await world();
    const element = await table(crm);
    const opened: string[] = [];
    element.addEventListener('kt-client-open', (event) => opened.push(event.clientId));
    grid(element).focus();
    await sendKeys({ press: 'ArrowDown' });
    await element.updateComplete;
    expect(textOf(activeRow(element).querySelector('.client-name'))).to.equal('Alfa Trade a.s.');
    await sendKeys({ press: 'Space' });
    await element.updateComplete;
    expect(selectedNames(element)).to.deep.equal(['Alfa Trade a.s.']);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ up: 'Shift' });
    await until(() => expect(selectedNames(element)).to.deep.equal(['Alfa Trade a.s.', 'Beta Servis s.r.o.']));
    expect(textOf(shadow(element).querySelector('[part="bulk-bar"] strong'))).to.equal('2 selected');
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'Enter' });
    expect(opened).to.deep.equal([zluty.id]);
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'a' });
    await sendKeys({ up: 'Control' });
    await element.updateComplete;
    expect(selectedNames(element)).to.have.length(3);
    expect(await element.selectedIds()).to.have.members([zluty.id, alfa.id, (await crm.clients.search('beta'))[0]!.id]);
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(selectedNames(element)).to.deep.equal([]);
    expect(shadow(element).querySelector('[part="bulk-bar"]')).to.equal(null);
  });

  it('selects with click, Ctrl-click and Shift-click, and opens by the name', async () => {
    const { crm, beta } = await world();
    const element = await table(crm);
    const selections: string[][] = [];
    element.addEventListener('kt-selection-change', (event) => selections.push([...event.clientIds]));
    const opened: string[] = [];
    element.addEventListener('kt-client-open', (event) => opened.push(event.clientId));
    rows(element)[0]!.querySelector<HTMLElement>('.email')!.click();
    await element.updateComplete;
    rows(element)[2]!.querySelector<HTMLElement>('.email')!.dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
    await element.updateComplete;
    expect(selectedNames(element)).to.deep.equal(['Žlutý kůň s.r.o.', 'Beta Servis s.r.o.']);
    rows(element)[0]!.querySelector<HTMLElement>('.email')!.click();
    rows(element)[1]!.querySelector<HTMLElement>('.email')!.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    await until(() => expect(selectedNames(element)).to.deep.equal(['Žlutý kůň s.r.o.', 'Alfa Trade a.s.']));
    expect(selections.length).to.be.at.least(4);
    rows(element)[2]!.querySelector<HTMLElement>('.client-name')!.click();
    expect(opened).to.deep.equal([beta.id]);
  });

  it('sorts by a column header, both ways', async () => {
    const { crm } = await world();
    const element = await table(crm);
    const header = () => [...shadow(element).querySelectorAll('[role="columnheader"]')].find((cell) => textOf(cell).startsWith('Name'))!;
    header().querySelector('button')!.click();
    await until(() => expect(rowNames(element)).to.deep.equal(['Alfa Trade a.s.', 'Beta Servis s.r.o.', 'Žlutý kůň s.r.o.']));
    expect(header().getAttribute('aria-sort')).to.equal('ascending');
    header().querySelector('button')!.click();
    await until(() => expect(rowNames(element)).to.deep.equal(['Žlutý kůň s.r.o.', 'Beta Servis s.r.o.', 'Alfa Trade a.s.']));
    expect(header().getAttribute('aria-sort')).to.equal('descending');
    // Reached by Tab from the select-all box, a header's sort button shows the focus ring.
    shadow(element).querySelector<HTMLInputElement>('[role="columnheader"] input[type="checkbox"]')!.focus();
    await sendKeys({ press: 'Tab' });
    const focused = shadow(element).activeElement!;
    expect(textOf(focused)).to.match(/^No\./);
    expect(getComputedStyle(focused).outlineStyle).to.equal('solid');
    const temperature = [...shadow(element).querySelectorAll('[role="columnheader"]')].find((cell) => textOf(cell).startsWith('Temperature'))!;
    temperature.querySelector('button')!.click();
    await until(() => expect(rowNames(element)).to.deep.equal(['Alfa Trade a.s.', 'Beta Servis s.r.o.', 'Žlutý kůň s.r.o.']));
    // Stars sort by the star kinds' order (Beta's red, Žlutý's red and second, Alfa's second), both ways; none last.
    const [red, second] = await crm.stars.list();
    const [alfa, zluty] = [(await crm.clients.search('alfa'))[0]!, (await crm.clients.search('zluty'))[0]!];
    await crm.clients.update(alfa.id, { stars: [second!.id] });
    const stars = () => [...shadow(element).querySelectorAll('[role="columnheader"]')].find((cell) => textOf(cell).startsWith('Stars'))!;
    stars().querySelector('button')!.click();
    await until(() => expect(rowNames(element)).to.deep.equal(['Beta Servis s.r.o.', 'Alfa Trade a.s.', 'Žlutý kůň s.r.o.']));
    stars().querySelector('button')!.click();
    await until(() => expect(rowNames(element)).to.deep.equal(['Alfa Trade a.s.', 'Beta Servis s.r.o.', 'Žlutý kůň s.r.o.']));
    await crm.clients.update(zluty.id, { stars: [second!.id, red!.id] });
    await until(() => expect(rowNames(element)).to.deep.equal(['Alfa Trade a.s.', 'Žlutý kůň s.r.o.', 'Beta Servis s.r.o.']));
  });

  it('goes from the search box to the clients found with ↓, and back to the search box when Clear filters goes', async () => {
    const { crm } = await world();
    const element = await table(crm);
    const search = shadow(element).querySelector<HTMLInputElement>('[part="search"]')!;
    search.focus();
    await sendKeys({ type: 'a' });
    await until(() => expect(count(element)).to.match(/^\d+ clients?$/));
    await sendKeys({ press: 'ArrowDown' });
    expect(shadow(element).activeElement).to.equal(grid(element));
    const clear = () => [...shadow(element).querySelectorAll<HTMLButtonElement>('[part="toolbar"] button')].find((b) => textOf(b) === 'Clear filters');
    await until(() => expect(clear()).to.not.equal(undefined));
    clear()!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(clear()).to.equal(undefined));
    expect(shadow(element).activeElement).to.equal(search);
  });

  it('keeps the keyboard on a header while its sort runs, so Enter again sorts the other way', async () => {
    const { crm } = await world();
    const element = await table(crm);
    const button = () => [...shadow(element).querySelectorAll('[role="columnheader"]')].find((cell) => textOf(cell).startsWith('Name'))!.querySelector('button')!;
    // A large store takes a while to count: the sort is under way until it is released.
    let release!: () => void;
    const count = crm.clients.count;
    crm.clients.count = async (filter) => {
      await new Promise<void>((resolve) => (release = resolve));
      return count(filter);
    };
    button().focus();
    await sendKeys({ press: 'Enter' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Busy, not disabled, which dropped the focus to the page; a press meanwhile waits.
    expect(shadow(element).activeElement).to.equal(button());
    expect(button().getAttribute('aria-disabled')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    crm.clients.count = count;
    release();
    await until(() => expect(rowNames(element)).to.deep.equal(['Alfa Trade a.s.', 'Beta Servis s.r.o.', 'Žlutý kůň s.r.o.']));
    expect(shadow(element).activeElement).to.equal(button());
    await sendKeys({ press: 'Enter' });
    await until(() => expect(rowNames(element)).to.deep.equal(['Žlutý kůň s.r.o.', 'Beta Servis s.r.o.', 'Alfa Trade a.s.']));
    expect(shadow(element).activeElement).to.equal(button());
  });

  it('sorts by the order figures, also a search\'s results', async () => {
    const { crm } = await world();
    await crm.orders.upsert({ id: 'o-2', currency: 'CZK', total: 100, createdAt: '2026-11-10T10:00:00Z', billing: { company: 'Alfa', taxId: 'CZ00177041' } });
    await crm.orders.upsert({ id: 'o-3', currency: 'CZK', total: 100, createdAt: '2026-11-11T10:00:00Z', billing: { company: 'Alfa', taxId: 'CZ00177041' } });
    const element = await table(crm);
    const header = (label: string) => [...shadow(element).querySelectorAll('[role="columnheader"]')].find((cell) => textOf(cell).startsWith(label))!;
    header('Orders').querySelector('button')!.click();
    await until(() => expect(rowNames(element)).to.deep.equal(['Beta Servis s.r.o.', 'Žlutý kůň s.r.o.', 'Alfa Trade a.s.']));
    header('Orders').querySelector('button')!.click();
    await until(() => expect(rowNames(element)).to.deep.equal(['Alfa Trade a.s.', 'Žlutý kůň s.r.o.', 'Beta Servis s.r.o.']));
    expect(header('Orders').getAttribute('aria-sort')).to.equal('descending');
    header('Total').querySelector('button')!.click();
    await until(() => expect(rowNames(element)).to.deep.equal(['Beta Servis s.r.o.', 'Alfa Trade a.s.', 'Žlutý kůň s.r.o.']));
    element.search = 's';
    await element.updateComplete;
    await until(() => expect(header('Total').querySelector('button')!.getAttribute('aria-disabled')).to.equal('false'));
    expect(rowNames(element)).to.deep.equal(['Beta Servis s.r.o.', 'Alfa Trade a.s.', 'Žlutý kůň s.r.o.']);
    header('Total').querySelector('button')!.click();
    await until(() => expect(rowNames(element)).to.deep.equal(['Žlutý kůň s.r.o.', 'Alfa Trade a.s.', 'Beta Servis s.r.o.']));
  });

  it('filters by status group, star, lifecycle and temperature, combined with the search', async () => {
    const { crm } = await world();
    const [lead] = await crm.statuses.list();
    const [red] = await crm.stars.list();
    const element = await table(crm);
    choose(select(element, 'Lifecycle'), 'potential');
    await until(() => expect(count(element)).to.equal('2 clients'));
    choose(select(element, 'Temperature'), 'hot');
    await until(() => expect(rowNames(element)).to.deep.equal(['Alfa Trade a.s.']));
    choose(select(element, 'Temperature'), '');
    choose(select(element, 'Star'), red!.id);
    await until(() => expect(rowNames(element)).to.deep.equal(['Beta Servis s.r.o.']));
    choose(select(element, 'Star'), '');
    choose(select(element, 'Status'), `group:${lead!.group}`);
    await until(() => expect(count(element)).to.equal('2 clients'));
    const search = shadow(element).querySelector<HTMLInputElement>('input[type="search"]')!;
    search.value = 'alfa';
    search.dispatchEvent(new Event('input'));
    await until(() => expect(rowNames(element)).to.deep.equal(['Alfa Trade a.s.']));
    search.value = 'zluty';
    search.dispatchEvent(new Event('input'));
    await until(() => expect(textOf(shadow(element).querySelector('[part="empty"]'))).to.equal('No client matches these filters.'));
    shadow(element).querySelector<HTMLButtonElement>('.toolbar button')!.click();
    await until(() => expect(count(element)).to.equal('3 clients'));
  });

  it('sets a status in bulk with an undo, and adds a star', async () => {
    const { crm, alfa, beta } = await world();
    const statuses = await crm.statuses.list();
    const vip = statuses.find((status) => status.name === 'VIP')!;
    const [red, second] = await crm.stars.list();
    const element = await table(crm);
    rows(element)[1]!.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    rows(element)[2]!.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await element.updateComplete;
    choose(select(element, 'Set status…'), vip.id);
    await until(() => expect(textOf(shadow(element).querySelector('[part="toast"]'))).to.contain('2 clients updated.'));
    expect((await crm.clients.get(alfa.id)).statusId).to.equal(vip.id);
    await until(() => expect(textOf(rows(element)[1]!.querySelector('.status'))).to.equal('VIP'));
    [...shadow(element).querySelectorAll<HTMLButtonElement>('[part="toast"] button')].find((b) => textOf(b) === 'Undo')!.click();
    await until(() => expect(textOf(shadow(element).querySelector('[part="toast"]'))).to.contain('Undone.'));
    expect((await crm.clients.get(beta.id)).statusId).to.equal(alfa.statusId);
    choose(select(element, 'Add star…'), second!.id);
    await until(async () => expect((await crm.clients.get(beta.id)).stars).to.deep.equal([red!.id, second!.id]));
    expect((await crm.clients.get(alfa.id)).stars).to.deep.equal([second!.id]);
    await until(() => expect(textOf(shadow(element).querySelector('[part="toast"]'))).to.contain('2 clients updated.'));
  });

  it('sets a bulk status only once the keyboard confirms it: arrows step, Enter applies the one reached', async () => {
    const { crm, alfa, beta } = await world();
    const statuses = await crm.statuses.list();
    const element = await table(crm);
    rows(element)[1]!.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    rows(element)[2]!.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await element.updateComplete;
    select(element, 'Set status…').focus();
    // Chromium steps a closed select by arrows, firing change for each: the first step set option 1 on both.
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([(await crm.clients.get(alfa.id)).statusId, (await crm.clients.get(beta.id)).statusId]).to.deep.equal([alfa.statusId, beta.statusId]);
    await sendKeys({ press: 'Enter' });
    await until(() => expect(textOf(shadow(element).querySelector('[part="toast"]'))).to.contain('2 clients updated.'));
    expect([(await crm.clients.get(alfa.id)).statusId, (await crm.clients.get(beta.id)).statusId]).to.deep.equal([statuses[2]!.id, statuses[2]!.id]);
    // Back on its prompt, ready for the next action.
    expect(select(element, 'Set status…').value).to.equal('');
    // Its Undo waits while the keyboard is in the bulk bar, and is a few Tabs on.
    element.toastDuration = 200;
    await new Promise((resolve) => setTimeout(resolve, 500));
    let tabs = 0;
    while (textOf(shadow(element).activeElement) !== 'Undo' && tabs < 8) {
      await sendKeys({ press: 'Tab' });
      tabs++;
    }
    expect(tabs).to.be.at.most(5);
    await sendKeys({ press: 'Enter' });
    await until(async () => expect((await crm.clients.get(alfa.id)).statusId).to.equal(alfa.statusId));
  });

  it('deletes after a confirmation, with an undo', async () => {
    const { crm, beta } = await world();
    const element = await table(crm);
    rows(element)[2]!.querySelector<HTMLElement>('.email')!.click();
    await element.updateComplete;
    shadow(element).querySelector<HTMLButtonElement>('[part="bulk-bar"] .danger')!.click();
    const dialog = shadow(element).querySelector('dialog')!;
    await until(() => expect(dialog.open).to.equal(true));
    expect(textOf(dialog.querySelector('p'))).to.equal('Delete 1 client? Their orders stay, unlinked. You can undo this.');
    dialog.querySelector<HTMLButtonElement>('button[value="delete"]')!.click();
    await until(() => expect(rowNames(element)).to.deep.equal(['Žlutý kůň s.r.o.', 'Alfa Trade a.s.']));
    expect(await crm.clients.count()).to.equal(2);
    [...shadow(element).querySelectorAll<HTMLButtonElement>('[part="toast"] button')].find((b) => textOf(b) === 'Undo')!.click();
    await until(() => expect(rowNames(element)).to.include('Beta Servis s.r.o.'));
    expect((await crm.clients.get(beta.id)).name).to.equal('Beta Servis s.r.o.');
  });

  it('gives the focus back to the grid, at its row, when the bulk bar goes: Clear selection, a confirmed Delete', async () => {
    const { crm } = await world();
    const element = await table(crm);
    const focused = () => shadow(element).activeElement;
    grid(element).focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    await until(() => expect(selectedNames(element)).to.deep.equal(['Alfa Trade a.s.']));
    await shiftTab();
    expect(textOf(focused())).to.equal('Clear selection');
    await sendKeys({ press: 'Enter' });
    await until(() => expect(shadow(element).querySelector('[part="bulk-bar"]') === null).to.equal(true));
    expect(focused()?.getAttribute('role')).to.equal('grid');
    expect(textOf(activeRow(element).querySelector('.client-name'))).to.equal('Alfa Trade a.s.');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    await until(() => expect(selectedNames(element)).to.deep.equal(['Beta Servis s.r.o.']));
    await shiftTab();
    await shiftTab();
    expect(textOf(focused())).to.equal('Delete');
    await sendKeys({ press: 'Enter' });
    const dialog = shadow(element).querySelector('dialog')!;
    await until(() => expect(dialog.open).to.equal(true));
    await sendKeys({ press: 'Tab' });
    expect(textOf(focused())).to.equal('Delete');
    await sendKeys({ press: 'Enter' });
    await until(() => expect(rowNames(element)).to.deep.equal(['Žlutý kůň s.r.o.', 'Alfa Trade a.s.']));
    await until(() => expect(focused()?.getAttribute('role')).to.equal('grid'));
    expect(textOf(activeRow(element).querySelector('.client-name'))).to.equal('Alfa Trade a.s.');
  });

  it('also when the store answers after the dialog has closed (IndexedDB, as in a shop)', async () => {
    const crm = await createCrm({ storage: indexedDbAdapter({ name: `focus-after-delete-${Math.random()}` }) });
    for (const name of ['Alfa Trade a.s.', 'Beta Servis s.r.o.', 'Gama s.r.o.']) await crm.clients.create({ name });
    const element = await table(crm);
    grid(element).focus();
    await sendKeys({ press: 'Space' });
    await until(() => expect(selectedNames(element)).to.deep.equal(['Alfa Trade a.s.']));
    await shiftTab();
    await shiftTab();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(shadow(element).querySelector('dialog')!.open).to.equal(true));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(rowNames(element)).to.deep.equal(['Beta Servis s.r.o.', 'Gama s.r.o.']));
    await until(() => expect(shadow(element).activeElement?.getAttribute('role')).to.equal('grid'));
  });

  it('closes a confirmation by itself after toast-duration, not while it has the focus; its Undo hands the focus to the grid', async () => {
    const { crm } = await world();
    const vip = (await crm.statuses.list()).find((status) => status.name === 'VIP')!;
    const element = await table(crm);
    element.toastDuration = 300;
    const toast = () => textOf(shadow(element).querySelector('[part="toast"]'));
    grid(element).focus();
    await sendKeys({ press: 'Space' });
    await until(() => expect(selectedNames(element)).to.have.length(1));
    choose(select(element, 'Set status…'), vip.id);
    await until(() => expect(toast()).to.contain('1 client updated.'));
    await until(() => expect(toast()).to.equal(''), 2000);
    choose(select(element, 'Set status…'), (await crm.statuses.list())[0]!.id);
    await until(() => expect(toast()).to.contain('1 client updated.'));
    shadow(element).querySelector<HTMLButtonElement>('[part="toast"] button')!.focus();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(toast()).to.contain('1 client updated.');
    expect(textOf(shadow(element).activeElement)).to.equal('Undo');
    await sendKeys({ press: 'Enter' });
    await until(() => expect(toast()).to.contain('Undone.'));
    expect(shadow(element).activeElement?.getAttribute('role')).to.equal('grid');
    await until(() => expect(toast()).to.equal(''), 2000);
  });

  it('copies the phone, e-mail and note from the Info column', async () => {
    const { crm } = await world();
    const element = await table(crm);
    const copy = (label: string) => rows(element)[0]!.querySelector<HTMLButtonElement>(`.info button[aria-label="${label}"]`)!;
    copy('Copy phone').click();
    await until(() => expect(textOf(shadow(element).querySelector('[part="toast"]'))).to.contain('Copied: +420 608 457 200'));
    copy('Copy note').click();
    await until(() => expect(textOf(shadow(element).querySelector('[part="toast"]'))).to.contain('Copied: Calls on Mondays'));
    expect(rows(element)[1]!.querySelector<HTMLButtonElement>('.info button[aria-label="Copy note"]')!.disabled).to.equal(true);
    // A language change reaches the toast on screen too, and the buttons say what they copy as the language does.
    element.locale = 'sl';
    await until(() => expect(textOf(shadow(element).querySelector('[part="toast"]'))).to.contain('Kopirano: Calls on Mondays'));
    expect(rows(element)[0]!.querySelector('.info button')!.getAttribute('aria-label')).to.equal('Kopiraj telefon');
    expect(rows(element)[0]!.querySelectorAll('.info button')[1]!.getAttribute('aria-label')).to.equal('Kopiraj e-pošto');
    element.locale = 'cs';
    await until(() => expect(textOf(shadow(element).querySelector('[part="toast"]'))).to.contain('Zkopírováno: Calls on Mondays'));
  });

  it('shows names as text, never as markup', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const payload = '<img src=x onerror="window.__ktXss=1">';
    await crm.clients.create({ name: payload, emails: ['a@b.cz'], note: 'javascript:alert(1)' });
    const element = await table(crm);
    expect(rowNames(element)).to.deep.equal([payload]);
    expect(shadow(element).querySelector('img')).to.equal(null);
    expect(shadow(element).querySelector('a')).to.equal(null);
    expect((window as { __ktXss?: number }).__ktXss).to.equal(undefined);
  });

  it('speaks Czech under lang="cs" and follows a change of lang', async () => {
    const { crm } = await world();
    const element = await table(crm, { lang: 'cs' });
    expect(count(element)).to.equal('3 klienti');
    expect(textOf(shadow(element).querySelector('[role="columnheader"][aria-colindex="3"]'))).to.equal('Název');
    element.parentElement!.setAttribute('lang', 'pl');
    await until(() => expect(count(element)).to.equal('3 klienci'));
    element.locale = 'sl';
    await until(() => expect(count(element)).to.equal('3 stranke'));
  });

  it('shows cards: current clients above potential ones, with the newest note and discount', async () => {
    const { crm, zluty } = await world();
    await crm.notes.add({ clientId: zluty.id }, { text: 'Wants invoices by post', priority: 'high' });
    const element = await table(crm);
    shadow(element).querySelector<HTMLButtonElement>('.view-switch button[aria-pressed="false"]')!.click();
    await until(() => expect(shadow(element).querySelectorAll('[part="card"]')).to.have.length(3));
    const sections = [...shadow(element).querySelectorAll('.cards-view section')];
    expect(sections.map((section) => textOf(section.querySelector('h3')))).to.deep.equal(['Current clients', 'Potential clients']);
    const card = sections[0]!.querySelector('[part="card"]')!;
    await until(() => expect(textOf(card.querySelector('.note'))).to.equal('Wants invoices by post'));
    expect(textOf(card)).to.contain('info@zluty-kun.cz').and.contain('Discount 5 %');
    await expectAccessible(element);
  });

  it('follows the CRM: a client created elsewhere appears', async () => {
    const { crm } = await world();
    const element = await table(crm);
    await crm.clients.create({ name: 'Gama Group' });
    await until(() => expect(rowNames(element)).to.include('Gama Group'));
    expect(count(element)).to.equal('4 clients');
  });

  it('says so when there are no clients', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const element = await mount<KtClientTable>(html`<kt-client-table .crm=${crm}></kt-client-table>`, 'kt-client-table');
    await until(() => expect(textOf(shadow(element).querySelector('[part="empty"]'))).to.contain('No clients yet'));
  });

  it('keeps the DOM to the rows in view over thousands of clients, loading more as it scrolls', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const temperatures = ['cold', 'hot', undefined, 'warm'] as const;
    for (let i = 1; i <= 6000; i++) {
      const temperature = temperatures[i % 4];
      await crm.clients.create({ name: `Client ${String(i).padStart(4, '0')}`, ...(temperature ? { temperature } : {}) });
    }
    const element = await table(crm);
    expect(count(element)).to.equal('6,000 clients');
    expect(rows(element).length).to.be.below(40);
    const scroller = grid(element);
    scroller.scrollTop = scroller.scrollHeight;
    await until(() => expect(rows(element).at(-1)!.ariaRowIndex).to.equal('6001'), 8000);
    await until(() => expect(rows(element).at(-1)!.querySelector('.client-name')).to.not.equal(null), 8000);
    expect(rows(element).length).to.be.below(40);

    // A column storage has no index for: every sort key read once, then the rows in view by id.
    const temperature = [...shadow(element).querySelectorAll('[role="columnheader"]')].find((cell) => textOf(cell).startsWith('Temperature'))!;
    temperature.querySelector('button')!.click();
    await until(() => expect(grid(element).scrollTop).to.equal(0), 8000);
    await until(() => expect(rows(element).map((row) => textOf(row.querySelector('.temperature')))[0]).to.equal('Hot'), 8000);
    expect(textOf(rows(element)[0]!.querySelector('.client-name'))).to.equal('Client 0001');
    expect(count(element)).to.equal('6,000 clients');
    grid(element).scrollTop = grid(element).scrollHeight;
    await until(() => expect(rows(element).at(-1)!.ariaRowIndex).to.equal('6001'), 8000);
    await until(() => expect(textOf(rows(element).at(-1)!.querySelector('.client-name'))).to.equal('Client 5998'), 8000);
    expect(textOf(rows(element).at(-1)!.querySelector('.cell.temperature'))).to.equal('');
  });
});
