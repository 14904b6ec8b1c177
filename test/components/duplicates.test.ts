import { expect } from 'chai';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm, isCrmError, type Crm, type OrderInput } from '../../src/index.ts';
import type { KtDuplicates } from '../../components/index.ts';
import '../../components/define/all.ts';
import { expectAccessible, mount, shadow, textOf, until } from './helpers.ts';

const openCrm = () => createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' }, principal: { userId: 'eva', role: 'admin' } });

const order = (id: string, billing: OrderInput['billing'], total = 125_000): OrderInput => ({
  id,
  number: `2026/${id}`,
  currency: 'CZK',
  total,
  createdAt: '2026-10-15T09:00:00Z',
  billing,
});

/** Two clients sharing a tax ID (one's tax ID is the other's VAT ID); the twin, created first, has two orders. */
async function twins(crm: Crm) {
  const twin = await crm.clients.create({ name: 'Alza (e-shop)', vatId: 'CZ27082440', emails: ['eshop@alza.cz'] });
  const alza = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440' });
  for (const id of ['t-1', 't-2']) {
    await crm.orders.upsert(order(id, { company: 'Alza (e-shop)', name: 'Petr' }));
    await crm.orders.link(id, twin.id);
  }
  return { twin, alza };
}

/** Orders that came before their client: they stay unlinked and share its tax ID. */
async function earlyOrders(crm: Crm) {
  await crm.orders.upsert(order('early-1', { company: 'KOVO s.r.o.', taxId: 'CZ 255 96 641' }, 259_900));
  await crm.orders.upsert(order('early-2', { company: 'Kovo', taxId: 'CZ25596641' }));
  return crm.clients.create({ name: 'Kovoobrábění Praha', taxId: 'CZ25596641' });
}

async function panel(crm: Crm, locale = 'en'): Promise<KtDuplicates> {
  return mount<KtDuplicates>(html`<kt-duplicates locale=${locale} toast-duration="0" .crm=${crm}></kt-duplicates>`, 'kt-duplicates');
}

const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (element: Element, name: string) => [...shadow(element).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const headings = (element: Element) => parts(element, 'group-heading').map(textOf);
const toast = (element: Element) => textOf(shadow(element).querySelector('[part=toast] span'));
/** What has the keyboard: a part of the element and its text, else the tag outside it that has it (`BODY` when it was lost). */
const focused = (element: Element) => {
  if (document.activeElement !== element) return `outside: ${document.activeElement?.tagName}`;
  const active = shadow(element).activeElement as HTMLElement | null;
  return `${active?.getAttribute('part') ?? active?.tagName}: ${textOf(active)}`;
};

/** Presses Find duplicates by keyboard and waits for what it found. */
async function find(element: KtDuplicates): Promise<void> {
  part(element, 'find')!.focus();
  await sendKeys({ press: 'Enter' });
  await until(() => {
    expect((part(element, 'find') as HTMLButtonElement).disabled).to.equal(false);
    expect(textOf(part(element, 'status'))).to.not.equal('');
  });
}

describe('<kt-duplicates>', () => {
  it('is accessible, finds on request and says so while it looks, with the button disabled', async () => {
    const crm = await openCrm();
    await twins(crm);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const findDuplicates = crm.clients.findDuplicates;
    crm.clients.findDuplicates = async () => {
      await held;
      return findDuplicates();
    };
    const element = await panel(crm);
    await expectAccessible(element);
    expect(textOf(part(element, 'find'))).to.equal('Find duplicates');
    expect(part(element, 'groups')).to.equal(null);

    part(element, 'find')!.click();
    await until(() => expect(textOf(part(element, 'status'))).to.equal('Looking for duplicates…'));
    expect(part(element, 'status')!.getAttribute('role')).to.equal('status');
    expect((part(element, 'find') as HTMLButtonElement).disabled).to.equal(true);

    release();
    await until(() => expect(textOf(part(element, 'status'))).to.equal('1 possible duplicate found.'));
    expect(textOf(part(element, 'find'))).to.equal('Look again');
    expect((part(element, 'find') as HTMLButtonElement).disabled).to.equal(false);
    expect(headings(element)).to.deep.equal(['Same tax ID · 2 clients']);
    // The oldest client is kept unless staff choose another; each shows what tells them apart.
    await until(() => expect(parts(element, 'client').map(textOf)).to.deep.equal([
      'Alza (e-shop) Client: 1 · VAT ID CZ27082440 · eshop@alza.cz · 2 orders Kept',
      'Alza.cz a.s. Client: 2 · CZ27082440 · no orders',
    ]));
    expect(textOf(part(element, 'action'))).to.equal('Merge into Alza (e-shop)');
    await expectAccessible(element);
  });

  it('shows how far the search has got on a progress bar, which goes when it is done', async () => {
    const crm = await openCrm();
    await twins(crm);
    const steps = [{ step: 'clients', done: 500, total: 1000 }, { step: 'orders', done: 1, total: 2 }] as const;
    const next: (() => void)[] = [];
    const findDuplicates = crm.clients.findDuplicates;
    crm.clients.findDuplicates = async (options) => {
      for (const progress of steps) {
        await new Promise<void>((resolve) => next.push(resolve));
        options?.onProgress?.({ ...progress });
      }
      await new Promise<void>((resolve) => next.push(resolve));
      return findDuplicates();
    };
    const element = await panel(crm);
    part(element, 'find')!.click();
    const bar = () => part(element, 'progress') as HTMLProgressElement | null;
    // Not told anything yet: a bar that only says it is busy.
    await until(() => expect(bar()?.hasAttribute('value')).to.equal(false));
    expect(bar()!.getAttribute('aria-label')).to.equal('Looking for duplicates…');
    next.shift()!();
    // Half the clients read is a quarter of the way; half the orders looked up, three quarters.
    await until(() => expect(bar()?.value).to.equal(25));
    next.shift()!();
    await until(() => expect(bar()?.value).to.equal(75));
    next.shift()!();
    await until(() => expect(textOf(part(element, 'status'))).to.equal('1 possible duplicate found.'));
    expect(bar()).to.equal(null);
  });

  it('says when it finds no duplicates', async () => {
    const crm = await openCrm();
    await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440' });
    const element = await panel(crm);
    part(element, 'find')!.click();
    await until(() => expect(textOf(part(element, 'status'))).to.equal('No duplicates found.'));
    expect(part(element, 'groups')).to.equal(null);
    expect(textOf(part(element, 'find'))).to.equal('Look again');
  });

  it('merges two clients sharing a tax ID into the one chosen by keyboard; Undo splits them again', async () => {
    const crm = await openCrm();
    const { twin, alza } = await twins(crm);
    const element = await panel(crm);
    await find(element);

    // The radios are one group, labelled: the arrow key moves the choice to the other client.
    expect(textOf(shadow(element).querySelector('fieldset legend'))).to.equal('Client to keep');
    shadow(element).querySelector<HTMLInputElement>('input[type=radio]:checked')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => expect(textOf(part(element, 'action'))).to.equal('Merge into Alza.cz a.s.'));
    expect(textOf(part(element, 'kept')?.closest('[part~=client]'))).to.contain('Alza.cz a.s.');
    // On past the chosen client's name.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(element)).to.equal('action: Merge into Alza.cz a.s.');
    await sendKeys({ press: 'Enter' });

    await until(() => expect(toast(element)).to.equal('Merged 1 client into “Alza.cz a.s.”.'));
    expect(headings(element)).to.deep.equal([]);
    expect(textOf(part(element, 'status'))).to.equal('No duplicates left.');
    // Its group gone, the keyboard is on the status line, not on <body>.
    await until(() => expect(focused(element)).to.equal('status: No duplicates left.'));
    expect((await crm.orders.list({ clientId: alza.id })).items.map((o) => o.id).sort()).to.deep.equal(['t-1', 't-2']);
    expect(isCrmError(await crm.clients.get(twin.id).catch((e: unknown) => e))).to.equal(true);

    shadow(element).querySelector<HTMLButtonElement>('[part=toast] button:not(.close)')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(toast(element)).to.equal('Undone.'));
    expect((await crm.clients.get(twin.id)).name).to.equal('Alza (e-shop)');
    expect((await crm.orders.list({ clientId: twin.id })).items.map((o) => o.id).sort()).to.deep.equal(['t-1', 't-2']);
    expect(headings(element)).to.deep.equal(['Same tax ID · 2 clients']);
    await until(() => expect(focused(element)).to.equal('group-heading: Same tax ID · 2 clients'));
  });

  it('merges every other client of a group of three, and Undo brings all of them back', async () => {
    const crm = await openCrm();
    const names = ['Kovo', 'KOVO', 'kovo'];
    const clients = [];
    for (const name of names) clients.push(await crm.clients.create({ name }));
    const element = await panel(crm);
    await find(element);
    expect(headings(element)).to.deep.equal(['Same name · 3 clients']);
    part(element, 'action')!.click();
    await until(() => expect(toast(element)).to.equal('Merged 2 clients into “Kovo”.'));
    expect((await crm.clients.list()).items.map((c) => c.name)).to.deep.equal(['Kovo']);
    shadow(element).querySelector<HTMLButtonElement>('[part=toast] button:not(.close)')!.click();
    await until(() => expect(toast(element)).to.equal('Undone.'));
    expect((await crm.clients.list()).items.map((c) => c.id).sort()).to.deep.equal(clients.map((c) => c.id).sort());
    expect(headings(element)).to.deep.equal(['Same name · 3 clients']);
  });

  it('links a client’s unlinked orders to it; the next group takes the keyboard; Undo takes the links back', async () => {
    const crm = await openCrm();
    const kovo = await earlyOrders(crm);
    await twins(crm);
    const element = await panel(crm);
    await find(element);
    expect(headings(element)).to.deep.equal(['Same tax ID · 2 orders without a client', 'Same tax ID · 2 clients']);
    const table = part(element, 'orders')!;
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date('2026-10-15T09:00:00Z'));
    expect([...table.querySelectorAll('tr')].map((row) => [...row.cells].map(textOf).join(' | '))).to.deep.equal([
      'Order | Date | Total | Billing company',
      `2026/early-1 | ${date} | CZK 2,599.00 | KOVO s.r.o.`,
      `2026/early-2 | ${date} | CZK 1,250.00 | Kovo`,
    ]);

    const link = part(element, 'action')!;
    expect(textOf(link)).to.equal('Link to Kovoobrábění Praha');
    link.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(toast(element)).to.equal('Linked 2 orders to “Kovoobrábění Praha”.'));
    expect((await crm.orders.list({ clientId: kovo.id })).items.map((o) => o.id).sort()).to.deep.equal(['early-1', 'early-2']);
    expect(headings(element)).to.deep.equal(['Same tax ID · 2 clients']);
    expect(textOf(part(element, 'status'))).to.equal('1 possible duplicate found.');
    await until(() => expect(focused(element)).to.equal('group-heading: Same tax ID · 2 clients'));

    // Undo is two Shift+Tabs back from there, however long the list.
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 2; i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focused(element)).to.equal('BUTTON: Undo');
    await sendKeys({ press: 'Enter' });
    await until(() => expect(toast(element)).to.equal('Undone.'));
    expect((await crm.orders.list({ linked: false })).items.map((o) => `${o.id} ${o.unlinkedByHand ?? false}`).sort()).to.deep.equal(['early-1 false', 'early-2 false']);
    // As the shop sent them, not unlinked by hand: a new search offers them to the client again.
    const offered = (await crm.clients.findDuplicates()).flatMap((group) => (group.kind === 'unlinked_orders' ? [`${group.client.id} ${group.orderIds.join(',')}`] : []));
    expect(offered).to.deep.equal([`${kovo.id} early-1,early-2`]);
    expect(headings(element)).to.deep.equal(['Same tax ID · 2 orders without a client', 'Same tax ID · 2 clients']);
    await until(() => expect(focused(element)).to.equal('group-heading: Same tax ID · 2 orders without a client'));
  });

  it('takes a linked order out of every group it was offered in, and a merged client’s groups with it; Undo shows them again', async () => {
    const crm = await openCrm();
    const first = await crm.clients.create({ name: 'Kovo' });
    await crm.clients.create({ name: 'KOVO' });
    await crm.orders.upsert(order('o-1', { company: 'kovo', name: 'Jan' }));
    const element = await panel(crm);
    await find(element);
    const found = ['Same name · 1 order without a client', 'Same name · 1 order without a client', 'Same name · 2 clients'];
    expect(headings(element)).to.deep.equal(found);

    // Both clients' order groups hold the order: link it to the first client.
    const firstsOrders = parts(element, 'group').find((group) => group.matches('[part~=orders]') && textOf(group).includes('Client: 1'))!;
    firstsOrders.querySelector<HTMLButtonElement>('[part=action]')!.click();
    await until(() => expect(toast(element)).to.equal('Linked 1 order to “Kovo”.'));
    expect(headings(element)).to.deep.equal(['Same name · 2 clients']);
    expect((await crm.orders.get('o-1')).clientId).to.equal(first.id);
    shadow(element).querySelector<HTMLButtonElement>('[part=toast] button:not(.close)')!.click();
    await until(() => expect(toast(element)).to.equal('Undone.'));
    expect(headings(element)).to.deep.equal(found);

    // The clients group is last: merging its second client into the first takes that client's order group too.
    parts(element, 'action').at(-1)!.click();
    await until(() => expect(toast(element)).to.equal('Merged 1 client into “Kovo”.'));
    expect(headings(element)).to.deep.equal(['Same name · 1 order without a client']);
    expect(textOf(part(element, 'client-name'))).to.equal('Kovo');
  });

  it('keeps a group whose order changed since the search, saying why in the user’s language', async () => {
    const crm = await openCrm();
    await earlyOrders(crm);
    const element = await panel(crm, 'cs');
    await find(element);
    expect(textOf(part(element, 'status'))).to.equal('Nalezena 1 možná duplicita.');
    expect(headings(element)).to.deep.equal(['Stejné IČO nebo DIČ · 2 objednávky bez klienta']);
    expect(textOf(part(element, 'action'))).to.equal('Přiřadit klientovi Kovoobrábění Praha');
    // The shop sends the order again, changed: the staff saw the old one.
    await crm.orders.upsert(order('early-2', { company: 'Kovo', taxId: 'CZ25596641' }, 99_000));
    part(element, 'action')!.click();
    await until(() => expect(toast(element)).to.equal('Mezitím to změnil někdo jiný. Podívejte se na to znovu a zkuste to ještě jednou. Aktuální seznam ukáže tlačítko „Hledat znovu“.'));
    // The first order was linked: Undo is offered, and the group keeps the order left.
    expect(headings(element)).to.deep.equal(['Stejné IČO nebo DIČ · 1 objednávka bez klienta']);
    expect(textOf(shadow(element).querySelector('[part=toast] button:not(.close)'))).to.equal('Vrátit zpět');
    // The client's order count follows: the order linked here, and the one the shop's new version linked.
    await until(() => expect(textOf(part(element, 'client'))).to.equal('Kovoobrábění Praha Klient č. 1 · CZ25596641 · 2 objednávky'));
    element.locale = 'pl';
    await until(() => expect(toast(element)).to.equal('W międzyczasie ktoś to zmienił. Sprawdź to jeszcze raz i spróbuj ponownie. Aktualną listę pokaże przycisk „Szukaj ponownie”.'));
    expect(headings(element)).to.deep.equal(['Ten sam NIP · 1 zamówienie bez klienta']);
  });

  it('rewords a confirmation on screen when the language changes', async () => {
    const crm = await openCrm();
    await earlyOrders(crm);
    const element = await panel(crm, 'cs');
    part(element, 'find')!.click();
    await until(() => expect(part(element, 'action')).to.not.equal(null));
    part(element, 'action')!.click();
    await until(() => expect(toast(element)).to.equal('2 objednávky přiřazeny klientovi „Kovoobrábění Praha“.'));
    expect(textOf(part(element, 'status'))).to.equal('Žádné duplicity nezbývají.');
    element.locale = 'sl';
    await until(() => expect(toast(element)).to.equal('2 naročili sta povezani s stranko »Kovoobrábění Praha«.'));
    expect(textOf(part(element, 'status'))).to.equal('Ni več dvojnikov.');
  });

  it('opens a client from its name by keyboard', async () => {
    const crm = await openCrm();
    const { alza } = await twins(crm);
    const element = await panel(crm);
    await find(element);
    const opened: string[] = [];
    element.addEventListener('kt-client-open', (event) => opened.push(event.clientId));
    const name = parts(element, 'client-name').find((button) => textOf(button) === 'Alza.cz a.s.')!;
    name.focus();
    await sendKeys({ press: 'Enter' });
    expect(opened).to.deep.equal([alza.id]);
  });

  it('shows a page of groups at a time; Show more puts the keyboard on the first one added', async () => {
    const crm = await openCrm();
    await earlyOrders(crm);
    await twins(crm);
    for (let i = 0; i < 2; i++) await crm.clients.create({ name: 'Beta Servis s.r.o.' });
    const element = await mount<KtDuplicates>(html`<kt-duplicates page-size="2" .crm=${crm}></kt-duplicates>`, 'kt-duplicates');
    await find(element);
    expect(textOf(part(element, 'status'))).to.equal('3 possible duplicates found.');
    expect(headings(element)).to.have.length(2);
    expect(textOf(part(element, 'more'))).to.equal('Show 1 more');
    part(element, 'more')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(headings(element)).to.have.length(3));
    expect(part(element, 'more')).to.equal(null);
    expect(focused(element)).to.equal(`group-heading: ${headings(element)[2]}`);
  });

  it('puts the keyboard on the error when Undo is refused', async () => {
    const crm = await openCrm();
    await earlyOrders(crm);
    await twins(crm);
    const element = await panel(crm);
    await find(element);
    part(element, 'action')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(toast(element)).to.equal('Linked 2 orders to “Kovoobrábění Praha”.'));
    // Someone unlinked an order by hand since: the undo is refused.
    await crm.orders.unlink('early-2');
    shadow(element).querySelector<HTMLButtonElement>('[part=toast] button:not(.close)')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(shadow(element).querySelector('[part=toast] button:not(.close)')).to.equal(null));
    await until(() => expect(shadow(element).activeElement?.closest('[part=toast]')).to.be.instanceOf(HTMLElement));
    expect(document.activeElement).to.equal(element);
  });

  it('takes a page-size that is not a positive whole number as 50', async () => {
    const crm = await openCrm();
    await earlyOrders(crm);
    await twins(crm);
    for (const size of ['0', '-1', 'many']) {
      const element = await mount<KtDuplicates>(html`<kt-duplicates page-size=${size} .crm=${crm}></kt-duplicates>`, 'kt-duplicates');
      await find(element);
      expect({ size, groups: headings(element).length, more: part(element, 'more') }).to.deep.equal({ size, groups: 2, more: null });
      element.remove();
    }
  });

  it('keeps the order counts Show more read when the first page’s counts arrive later', async () => {
    const crm = await openCrm();
    const kovo = await earlyOrders(crm);
    await twins(crm);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const client = crm.analytics.client.bind(crm.analytics);
    // The first page's client answers slowly, as in a large store.
    crm.analytics.client = (async (id: string) => {
      if (id === kovo.id) await held;
      return client(id);
    }) as typeof crm.analytics.client;
    const element = await mount<KtDuplicates>(html`<kt-duplicates page-size="1" .crm=${crm}></kt-duplicates>`, 'kt-duplicates');
    await find(element);
    expect(headings(element)).to.deep.equal(['Same tax ID · 2 orders without a client']);
    part(element, 'more')!.click();
    const details = () => parts(element, 'client').map(textOf);
    await until(() => expect(details().find((d) => d.includes('Alza (e-shop)'))).to.contain('2 orders'));
    release();
    await until(() => expect(details()[0]).to.contain('orders'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(details().find((d) => d.includes('Alza (e-shop)'))).to.contain('2 orders');
  });

  it('says a merge failed on a client deleted since as an error, and to look again', async () => {
    const crm = await openCrm();
    const { twin } = await twins(crm);
    const element = await panel(crm);
    await find(element);
    // Another tab deletes a client of the group after the search.
    await crm.clients.delete(twin.id);
    part(element, 'action')!.click();
    await until(() => expect(toast(element)).to.contain('Look again for the list as it is now.'));
    expect(part(element, 'toast')!.classList.contains('error')).to.equal(true);
  });
});
