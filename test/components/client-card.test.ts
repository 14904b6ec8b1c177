import { expect } from 'chai';
import { html } from 'lit';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { CrmError, createCrm, type Client, type Crm } from '../../src/index.ts';
import type { KtClientCard, KtNotes } from '../../components/index.ts';
import { lastTwelveMonths } from '../../components/base/last-twelve-months.ts';
import '../../components/define/all.ts';
import { expectAccessible, mount, shadow, textOf, until } from './helpers.ts';

const day = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * day).toISOString();

async function world(): Promise<{ crm: Crm; client: Client }> {
  const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
  const client = await crm.clients.create({
    name: 'Alza.cz a.s.',
    taxId: 'CZ27082440',
    emails: ['nakup@alza.cz'],
    billingAddress: { street: 'Jankovcova 1522/53', city: 'Praha', postalCode: '170 00', country: 'CZ' },
    deliveryAddresses: [{ label: 'Sklad', street: 'U Pekáren 7', city: 'Praha', postalCode: '102 00', country: 'CZ' }],
    discountPercent: 7.5,
    nextOrderReminder: 'Offer the spring price list',
  });
  const orders = [
    { id: 'r-1', days: 10, total: 100_000, paymentState: 'unpaid' as const },
    { id: 'r-2', days: 40, total: 300_000, paymentState: 'paid' as const },
    { id: 'old-1', days: 200, total: 200_000, paymentState: 'paid' as const },
  ];
  for (const order of orders) {
    await crm.orders.upsert({
      id: order.id,
      number: order.id.toUpperCase(),
      channel: 'eshop',
      currency: 'CZK',
      total: order.total,
      createdAt: daysAgo(order.days),
      paymentState: order.paymentState,
      documents: [{ kind: 'invoice', number: `F-${order.id}`, issuedAt: daysAgo(order.days) }],
      billing: { company: 'Alza', taxId: 'CZ27082440' },
    });
  }
  return { crm, client };
}

async function card(crm: Crm, clientId: string): Promise<KtClientCard> {
  const element = await mount<KtClientCard>(html`<kt-client-card client-id=${clientId} .crm=${crm}></kt-client-card>`, 'kt-client-card');
  await until(() => expect(shadow(element).querySelector('h2')).to.not.equal(null));
  return element;
}

const section = (element: KtClientCard, part: string) => shadow(element).querySelector(`[part="${part}"]`)!;
const button = (root: ParentNode, text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => textOf(b).startsWith(text))!;

describe('lastTwelveMonths', () => {
  it('gives the twelve months up to now, oldest first, months without orders as zero', () => {
    const months = lastTwelveMonths({ months: [{ month: '2024-01', orders: 2, value: {} }, { month: '2026-01', orders: 1, value: {} }, { month: '2026-11', orders: 3, value: {} }] }, new Date('2026-11-20T00:00:00Z'));
    expect(months).to.have.length(12);
    expect(months[0]).to.deep.equal({ month: '2025-12', orders: 0 });
    expect(months.filter((m) => m.orders > 0)).to.deep.equal([{ month: '2026-01', orders: 1 }, { month: '2026-11', orders: 3 }]);
  });
});

describe('<kt-client-card>', () => {
  it('shows on the timeline what a rule changed, by name, and undoes it', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const vip = (await crm.statuses.list()).find((status) => status.name === 'VIP')!;
    const rule = await crm.rules.create({ name: 'Big order', trigger: 'order.created', actions: [{ type: 'set_status', statusId: vip.id }, { type: 'add_tag', tag: 'big' }] });
    await crm.rules.enable(rule.id);
    const client = await crm.clients.create({ name: 'Kovo', taxId: 'CZ45274649' });
    await crm.orders.upsert({ id: 'big-1', currency: 'CZK', total: 9_000_000, createdAt: daysAgo(1), billing: { company: 'Kovo', taxId: 'CZ45274649' } });
    await crm.rules.drain();
    const element = await card(crm, client.id);
    const entry = () => [...section(element, 'timeline').querySelectorAll('li')].find((li) => textOf(li).includes('Changed by a rule'));
    await until(() => expect(textOf(entry()!)).to.contain('Changed by a rule: Big order').and.contain('Status: — → VIP · Tags: — → big'));
    entry()!.querySelector('button')!.click();
    await until(async () => expect((await crm.clients.get(client.id)).statusId).to.equal(undefined));
    await until(() => expect(textOf(entry()!)).to.contain('(undone)'));
  });

  it('says on the timeline when, to the minute, and what a status, star or stage change changed', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const [lead, , , vip] = await crm.statuses.list();
    const [red] = await crm.stars.list();
    const sales = await crm.pipelines.create({ name: 'Sales', stages: [{ name: 'Lead' }, { name: 'Offer' }] });
    const client = await crm.clients.create({ name: 'Kovo', taxId: 'CZ45274649', statusId: lead!.id });
    await crm.clients.setStatus([client.id], vip!.id);
    await crm.clients.update(client.id, { stars: [red!.id] });
    await crm.pipelines.place(client.id, sales.id, sales.stages[0]!.id);
    await crm.pipelines.move(client.id, sales.id, sales.stages[1]!.id);
    const element = await card(crm, client.id);
    const entries = () => [...section(element, 'timeline').querySelectorAll('li')].map(textOf);
    await until(() => expect(entries().join('\n')).to.contain('Lead → Offer'));
    const text = entries().join('\n');
    expect(text).to.contain(`Status: Lead → ${vip!.name}`).and.contain('Stars: — → Red');
    const when = section(element, 'timeline').querySelector('time')!;
    expect(textOf(when)).to.match(/\d{1,2}:\d{2}/);
    expect(Date.parse(when.dateTime)).to.be.closeTo(Date.now(), 60_000);
  });

  it('changes the status and the stars in place, the focus staying put; a stale card conflicts', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const [, partner, , vip] = await crm.statuses.list();
    const [red] = await crm.stars.list();
    const client = await crm.clients.create({ name: 'Kovo', taxId: 'CZ45274649' });
    const element = await card(crm, client.id);
    const status = () => section(element, 'info').querySelector<HTMLSelectElement>('select[aria-label="Status"]')!;
    await until(() => expect(status()).to.not.equal(null));
    status().focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    // Stepping through the closed select saves nothing on the way (Chromium fires change for each step); Enter saves.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await crm.clients.get(client.id)).statusId).to.equal(undefined);
    await sendKeys({ press: 'Enter' });
    await until(async () => expect((await crm.clients.get(client.id)).statusId).to.equal(partner!.id));
    expect(shadow(element).activeElement).to.equal(status());
    expect((await crm.activities.list(client.id)).items.filter((entry) => entry.type === 'status_changed')).to.have.length(1);
    // A step left unconfirmed is put back when the focus goes.
    await sendKeys({ press: 'ArrowDown' });
    status().blur();
    expect(status().value).to.equal(partner!.id);
    status().focus();
    const redToggle = () => [...section(element, 'info').querySelectorAll<HTMLButtonElement>('.stars button')].find((b) => textOf(b).includes(red!.name))!;
    expect(redToggle().getAttribute('aria-pressed')).to.equal('false');
    redToggle().focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(redToggle().getAttribute('aria-pressed')).to.equal('true'));
    expect((await crm.clients.get(client.id)).stars).to.deep.equal([red!.id]);
    expect(textOf(shadow(element).activeElement)).to.contain(red!.name);
    await until(() => expect(textOf(section(element, 'timeline'))).to.contain('Stars: — → Red'));

    // Someone else changed the client meanwhile, and the card has not heard yet: its change conflicts.
    const shown = (await crm.clients.get(client.id)).version;
    await crm.clients.update(client.id, { note: 'changed elsewhere' }, { expectedVersion: shown });
    (element as unknown as { client: { version: number } }).client.version = shown;
    status().value = vip!.id;
    status().dispatchEvent(new Event('change'));
    await until(() => expect(shadow(element).querySelector('[part="conflict"]')).to.not.equal(null));
    expect((await crm.clients.get(client.id)).statusId).to.equal(partner!.id);
  });

  it('keeps the timeline readable after the status, the stage or the pipeline it names is gone', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const [lead, partner] = await crm.statuses.list();
    const sales = await crm.pipelines.create({ name: 'Sales', stages: [{ name: 'Lead' }, { name: 'Offer' }] });
    const renewals = await crm.pipelines.create({ name: 'Renewals', stages: [{ name: 'Due' }, { name: 'Renewed' }] });
    const client = await crm.clients.create({ name: 'Kovo', taxId: 'CZ45274649' });
    await crm.clients.setStatus([client.id], lead!.id);
    await crm.statuses.delete(lead!.id, { replacementId: partner!.id });
    const [first, offer] = sales.stages;
    await crm.pipelines.place(client.id, sales.id, offer!.id);
    await crm.pipelines.update(sales.id, { stages: [first!] }, { moveClientsTo: { [offer!.id]: first!.id } });
    await crm.pipelines.place(client.id, renewals.id, renewals.stages[0]!.id);
    await crm.pipelines.move(client.id, renewals.id, renewals.stages[1]!.id);
    await crm.pipelines.delete(renewals.id, { removePlacements: true });
    const element = await card(crm, client.id);
    const text = () => [...section(element, 'timeline').querySelectorAll('li')].map(textOf).join('\n');
    await until(() => expect(text()).to.contain('Offer → Lead'));
    expect(text()).to.contain('Status: (deleted) → New partner').and.contain('Due → Renewed').and.contain('Renewed → —');
    expect(text()).to.not.contain(lead!.id);
  });

  it('flags a client overdue against their rhythm, shows their tasks and places them in pipelines', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const client = await crm.clients.create({ name: 'Kovo', taxId: 'CZ45274649' });
    for (const days of [100, 90, 80]) await crm.orders.upsert({ id: `k-${days}`, currency: 'CZK', total: 1000, createdAt: daysAgo(days), billing: { company: 'Kovo', taxId: 'CZ45274649' } });
    const sales = await crm.pipelines.create({ name: 'Sales', stages: [{ name: 'Lead' }, { name: 'Offer' }] });
    await crm.tasks.create({ clientId: client.id, title: 'Call about the offer', due: daysAgo(1) });
    const element = await card(crm, client.id);
    await until(() => expect(textOf(section(element, 'figures'))).to.contain('Overdue'));
    await until(() => expect(section(element, 'tasks').querySelector('kt-task-list')!.shadowRoot!.textContent).to.contain('Call about the offer'));
    const pipelines = section(element, 'pipelines');
    expect(textOf(pipelines)).to.contain('In no pipeline.');
    pipelines.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await until(async () => expect((await crm.pipelines.placements(client.id)).map((p) => p.stageId)).to.deep.equal([sales.stages[0]!.id]));
    await until(() => expect(section(element, 'pipelines').querySelector('select[id^="stage-"]')).to.not.equal(null));
    const stage = section(element, 'pipelines').querySelector<HTMLSelectElement>('select[id^="stage-"]')!;
    expect(textOf(section(element, 'pipelines').querySelector(`label[for="${stage.id}"]`))).to.equal('Stage in Sales');
    stage.value = sales.stages[1]!.id;
    stage.dispatchEvent(new Event('change'));
    await until(async () => expect((await crm.pipelines.placements(client.id)).map((p) => p.stageId)).to.deep.equal([sales.stages[1]!.id]));
    // Someone else moves the client: the card shows where it stands now.
    await until(() => expect(section(element, 'pipelines').querySelector<HTMLSelectElement>('select[id^="stage-"]')!.value).to.equal(sales.stages[1]!.id));
    const [placement] = await crm.pipelines.placements(client.id);
    await crm.pipelines.move(client.id, sales.id, sales.stages[0]!.id, { expectedVersion: placement!.version });
    const stale = section(element, 'pipelines').querySelector<HTMLSelectElement>('select[id^="stage-"]')!;
    await until(() => expect(stale.value).to.equal(sales.stages[0]!.id));
    await expectAccessible(element);
  });

  it('shows info, both addresses, figures and the last 3 months of orders, older ones on demand', async () => {
    const { crm, client } = await world();
    const element = await card(crm, client.id);
    expect(textOf(shadow(element).querySelector('header'))).to.contain('Client: 1 · CZ27082440');
    expect(textOf(section(element, 'info'))).to.contain('Discount %7.5 %').and.contain('Next-order reminderOffer the spring price list');
    const addresses = section(element, 'addresses');
    expect(textOf(addresses)).to.contain('Jankovcova 1522/53').and.contain('Sklad').and.contain('U Pekáren 7');
    await until(() => expect(section(element, 'orders').querySelectorAll('tbody tr')).to.have.length(2));
    const rows = [...section(element, 'orders').querySelectorAll('tbody tr')].map(textOf);
    expect(rows[0]).to.contain('R-1').and.contain('Unpaid').and.contain('Invoice F-r-1');
    button(section(element, 'orders'), 'Load orders older than 3 months').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(section(element, 'orders').querySelectorAll('tbody tr')).to.have.length(3));
    // The button went: the keyboard is on the orders' heading, not on the page.
    expect(textOf(shadow(element).activeElement)).to.equal('Orders');
    const figures = textOf(section(element, 'figures'));
    expect(figures).to.contain('Orders3').and.contain('Total CZKCZK 6,000.00').and.contain('Average order CZKCZK 2,000.00');
    // Gaps of 160 and 30 days; the last order 10 days ago, so not overdue.
    expect(figures).to.contain('Usual gap (median days)95').and.contain('SegmentPotential loyalist').and.not.contain('Overdue');
    expect(section(element, 'figures').querySelector('svg')!.getAttribute('aria-label')).to.match(/^Orders per month, last 12 months: \d{4}-\d{2}: \d/);
    await expectAccessible(element);
  });

  it('stays within a narrow container, as on a phone: its orders table scrolls in its own box, the page not at all', async () => {
    const { crm, client } = await world();
    // A long status name in the status select, and a long contact line.
    const status = await crm.statuses.create({ name: 'Potencjalny klient z targów', group: 'Potencjalni klienci' });
    await crm.clients.update(client.id, { statusId: status.id, contacts: [{ name: 'Łukasz Zieliński', role: 'Księgowość', email: 'lukasz.zielinski@hurtownia-lodz.pl', phone: '+48 644 014 528' }] });
    await setViewport({ width: 390, height: 844 });
    try {
      const element = await mount<KtClientCard>(html`<kt-client-card client-id=${client.id} .crm=${crm} locale="pl" style="display: block"></kt-client-card>`, 'kt-client-card');
      await until(() => expect(section(element, 'orders').querySelectorAll('tbody tr')).to.have.length(2));
      const box = section(element, 'orders').querySelector<HTMLElement>('.table-wrap')!;
      expect(textOf(box)).to.contain('Sklep internetowy').and.contain('Faktura F-r-1').and.contain('Odłącz');
      const right = element.getBoundingClientRect().right;
      const sticking = [...shadow(element).querySelectorAll('*')].filter((part) => !part.closest('.table-wrap') && part.getBoundingClientRect().right > right + 1);
      expect(sticking.map((part) => part.outerHTML.slice(0, 60)), 'nothing sticks out of the card').to.deep.equal([]);
      expect(box.scrollWidth).to.be.above(box.clientWidth);
      const page = document.scrollingElement!;
      expect(page.scrollWidth, 'the page does not scroll sideways').to.be.at.most(page.clientWidth);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('fits its orders, Unlink included, into a card on a 1400 px desktop in Polish, wrapping long names and documents', async () => {
    const { crm, client } = await world();
    await crm.orders.upsert({
      id: 'long-1', number: 'S000262', channel: 'marketplace', status: 'delivered', paymentState: 'partially_paid', currency: 'CZK', total: 2_217_300,
      createdAt: daysAgo(5), documents: [{ kind: 'receipt', number: 'R000262', issuedAt: daysAgo(5) }, { kind: 'invoice', number: 'FV000262', issuedAt: daysAgo(5) }],
      billing: { company: 'Alza', taxId: 'CZ27082440' },
    });
    const element = await mount<KtClientCard>(html`<div style="width: 1400px"><kt-client-card client-id=${client.id} .crm=${crm} locale="pl"></kt-client-card></div>`, 'kt-client-card');
    await until(() => expect(section(element, 'orders').querySelectorAll('tbody tr')).to.have.length(3));
    const box = section(element, 'orders').querySelector<HTMLElement>('.table-wrap')!;
    expect(box.scrollWidth, 'the orders need no sideways scroll').to.be.at.most(box.clientWidth);
    const right = box.getBoundingClientRect().right;
    expect([...box.querySelectorAll('button')].filter((button) => button.getBoundingClientRect().right > right + 1)).to.deep.equal([]);
  });

  it('builds look-up links from the client’s data, never from markup or javascript: URLs', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const client = await crm.clients.create({ name: 'Evil <img src=x onerror="window.__ktCardXss=1">', emails: ['a@b.cz'], note: 'javascript:alert(1)', billingAddress: { street: 'javascript:alert(1)', city: 'Brno' } });
    const element = await card(crm, client.id);
    expect(textOf(shadow(element).querySelector('h2'))).to.equal(client.name);
    expect(shadow(element).querySelector('img')).to.equal(null);
    const links = [...shadow(element).querySelectorAll('a')].map((a) => a.href);
    expect(links.length).to.be.above(2);
    expect(links.every((href) => href.startsWith('https://'))).to.equal(true);
    expect((window as { __ktCardXss?: number }).__ktCardXss).to.equal(undefined);
  });

  it('edits in place, shows the SDK’s message at the field, and saves', async () => {
    const { crm, client } = await world();
    const element = await card(crm, client.id);
    button(section(element, 'info'), 'Edit').click();
    await until(() => expect(shadow(element).activeElement?.id).to.equal('f-name'));
    const form = section(element, 'info').querySelector('form')!;
    const emails = form.querySelector<HTMLTextAreaElement>('[name="emails"]')!;
    emails.value = 'nakup@alza.cz\nnot an e-mail';
    form.querySelector<HTMLInputElement>('[name="discountPercent"]')!.value = '140';
    form.requestSubmit();
    await until(() => expect(section(element, 'info').querySelectorAll('[part="field-error"]').length).to.be.at.least(2));
    expect(emails.getAttribute('aria-invalid')).to.equal('true');
    expect(emails.getAttribute('aria-describedby')).to.equal('e-emails');
    expect((await crm.clients.get(client.id)).emails).to.deep.equal(['nakup@alza.cz']);
    emails.value = 'nakup@alza.cz\nfaktury@alza.cz';
    form.querySelector<HTMLInputElement>('[name="discountPercent"]')!.value = '10';
    form.querySelector<HTMLSelectElement>('[name="temperature"]')!.value = 'hot';
    form.requestSubmit();
    await until(() => expect(textOf(shadow(element).querySelector('.message'))).to.equal('Saved.'));
    const saved = await crm.clients.get(client.id);
    expect([saved.emails, saved.discountPercent, saved.temperature]).to.deep.equal([['nakup@alza.cz', 'faktury@alza.cz'], 10, 'hot']);
    // The screen shows what was saved, and stays so once the reads the save started have landed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(textOf(section(element, 'info'))).to.contain('Discount %10 %').and.contain('TemperatureHot');
    expect(shadow(element).activeElement?.textContent?.trim()).to.equal('Edit');
    expect(saved.name).to.equal(client.name);
  });

  it('shows a conflict when someone else saved first, with reload and overwrite', async () => {
    const { crm, client } = await world();
    const element = await card(crm, client.id);
    button(section(element, 'info'), 'Edit').click();
    await element.updateComplete;
    await crm.clients.update(client.id, { owner: 'petr' });
    const form = section(element, 'info').querySelector('form')!;
    form.querySelector<HTMLInputElement>('[name="accountCode"]')!.value = 'ALZA-01';
    form.requestSubmit();
    await until(() => expect(textOf(section(element, 'conflict'))).to.contain('Someone else saved this client in the meantime.'));
    expect((await crm.clients.get(client.id)).accountCode).to.equal(undefined);
    button(section(element, 'conflict'), 'Save mine over it').click();
    await until(async () => expect((await crm.clients.get(client.id)).accountCode).to.equal('ALZA-01'));
    expect((await crm.clients.get(client.id)).owner).to.equal('petr');
  });

  it('logs a call on the timeline, unlinks an order and undoes a billing replacement from the timeline', async () => {
    const { crm, client } = await world();
    const element = await card(crm, client.id);
    const timeline = section(element, 'timeline');
    timeline.querySelector<HTMLInputElement>('[name="subject"]')!.value = 'Asked about the price list';
    timeline.querySelector('form')!.requestSubmit();
    await until(() => expect(textOf(timeline.querySelector('li'))).to.contain('Call: Asked about the price list'));
    await crm.orders.applyClientBilling('r-1', client.id);
    await until(() => expect(button(timeline, 'Undo')).to.not.equal(undefined));
    button(timeline, 'Undo').click();
    await until(() => expect(textOf(timeline)).to.contain('Order billing replaced (undone)'));
    await until(() => expect(section(element, 'orders').querySelectorAll('tbody tr')).to.have.length(2));
    section(element, 'orders').querySelector<HTMLButtonElement>('button[aria-label="Unlink R-1"]')!.click();
    await until(() => expect(section(element, 'orders').querySelectorAll('tbody tr')).to.have.length(1));
    expect((await crm.orders.get('r-1')).clientId).to.equal(undefined);
  });

  describe('in Czech', () => {
    async function czechCard(crm: Crm, clientId: string): Promise<KtClientCard> {
      const element = await mount<KtClientCard>(html`<div lang="cs"><kt-client-card client-id=${clientId} .crm=${crm}></kt-client-card></div>`, 'kt-client-card');
      await until(() => expect(shadow(element).querySelector('h2')).to.not.equal(null));
      return element;
    }
    const fieldError = (element: KtClientCard, name: string) => textOf(section(element, 'info').querySelector(`#e-${name}`));

    it('words each field error in Czech, never the SDK’s English', async () => {
      const { crm, client } = await world();
      const element = await czechCard(crm, client.id);
      button(section(element, 'info'), 'Upravit').click();
      await until(() => expect(shadow(element).activeElement?.id).to.equal('f-name'));
      const form = section(element, 'info').querySelector('form')!;
      const set = (name: string, value: string) => (form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!.value = value);
      set('name', ' ');
      set('emails', 'nakup@alza.cz\nnot an e-mail');
      set('discountPercent', '150');
      set('discountClass', '0');
      set('currency', 'koruny');
      set('accountCode', 'x'.repeat(101));
      form.requestSubmit();
      await until(() => expect(fieldError(element, 'emails')).to.equal('Zadejte e-mailovou adresu, např. jmeno@example.com.'));
      expect(fieldError(element, 'name')).to.equal('Vyplňte toto pole.');
      expect(fieldError(element, 'discountPercent')).to.equal('Zadejte nejvýše 100.');
      expect(fieldError(element, 'discountClass')).to.equal('Zadejte nejméně 1.');
      expect(fieldError(element, 'currency')).to.equal('Zadejte třípísmenný kód měny, např. CZK.');
      expect(fieldError(element, 'accountCode')).to.equal('Příliš dlouhé: nejvýše 100 znaků.');
      set('discountPercent', '-5');
      form.requestSubmit();
      await until(() => expect(fieldError(element, 'discountPercent')).to.equal('Zadejte nejméně 0.'));
      expect(textOf(section(element, 'info'))).to.not.match(/Invalid input|Expected/);
    });

    it('names the client number, the client’s language, and order statuses and channels in Czech', async () => {
      const { crm, client } = await world();
      await crm.clients.update(client.id, { language: 'sk' });
      await crm.orders.upsert({ id: 'c-1', number: 'C-1', channel: 'b2b-portal', status: 'delivered', currency: 'CZK', total: 1000, createdAt: daysAgo(2), billing: { company: 'Alza', taxId: 'CZ27082440' } });
      await crm.orders.upsert({ id: 'c-2', number: 'C-2', channel: 'pos-7', status: 'on-the-truck', currency: 'CZK', total: 1000, createdAt: daysAgo(1), billing: { company: 'Alza', taxId: 'CZ27082440' } });
      const element = await czechCard(crm, client.id);
      expect(textOf(shadow(element).querySelector('header'))).to.contain('Klient č. 1 · CZ27082440');
      expect(textOf(section(element, 'info'))).to.contain('Jazykslovenština');
      await until(() => expect(section(element, 'orders').querySelectorAll('tbody tr')).to.have.length(4));
      const cells = (number: string) => [...section(element, 'orders').querySelectorAll('tbody tr')].find((row) => textOf(row).startsWith(number))!.querySelectorAll('td');
      expect([textOf(cells('C-1')[2]), textOf(cells('C-1')[3])]).to.deep.equal(['B2B portál', 'Doručena']);
      // A code the kit does not know shows as the shop sent it.
      expect([textOf(cells('C-2')[2]), textOf(cells('C-2')[3])]).to.deep.equal(['pos-7', 'on-the-truck']);
    });

    it('says in Czech, by the client’s name, why an undo is refused', async () => {
      const { crm, client } = await world();
      const [lead, vip] = (await crm.statuses.list()).filter((status) => ['Lead', 'VIP'].includes(status.name));
      await crm.clients.setStatus([client.id], lead!.id);
      // A later millisecond: the timeline orders the two changes by time.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await crm.clients.setStatus([client.id], vip!.id);
      const element = await czechCard(crm, client.id);
      const timeline = section(element, 'timeline');
      const changes = () => [...timeline.querySelectorAll('li')].filter((li) => li.querySelector('button'));
      await until(() => expect(changes()).to.have.length(2));
      // The older change: the status has moved on since.
      changes()[1]!.querySelector('button')!.click();
      await until(() => expect(textOf(shadow(element).querySelector('.message'))).to.equal('Nelze vrátit zpět: u klienta Alza.cz a.s. se mezitím něco změnilo. Zkontrolujte kartu a upravte ji ručně.'));
    });
  });

  it('after a refused Save puts the focus on the first field to fix; Escape cancels the edit, back on Edit', async () => {
    const { crm, client } = await world();
    const element = await card(crm, client.id);
    button(section(element, 'info'), 'Edit').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(shadow(element).activeElement?.id).to.equal('f-name'));
    const form = section(element, 'info').querySelector('form')!;
    form.querySelector<HTMLInputElement>('[name="discountPercent"]')!.value = '140';
    button(form, 'Save').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(shadow(element).activeElement?.id).to.equal('f-discountPercent'));
    expect(textOf(section(element, 'info').querySelector('#e-discountPercent'))).to.not.equal('');
    await sendKeys({ press: 'Escape' });
    await until(() => expect(section(element, 'info').querySelector('form')).to.equal(null));
    expect(textOf(shadow(element).activeElement)).to.equal('Edit');
    expect(textOf(section(element, 'info'))).to.contain('Discount %7.5 %');
    expect((await crm.clients.get(client.id)).discountPercent).to.equal(7.5);
  });

  it('takes the focus on its heading when the host calls focus(), once the client shows; another client drops the old message', async () => {
    const { crm, client } = await world();
    const other = await crm.clients.create({ name: 'Kovo Novák s.r.o.' });
    const element = await card(crm, client.id);
    button(section(element, 'info'), 'Edit').click();
    await element.updateComplete;
    const form = section(element, 'info').querySelector('form')!;
    form.querySelector<HTMLInputElement>('[name="owner"]')!.value = 'petr';
    form.requestSubmit();
    await until(() => expect(textOf(shadow(element).querySelector('.message'))).to.equal('Saved.'));
    element.clientId = other.id;
    element.focus();
    await until(() => expect(textOf(shadow(element).querySelector('h2'))).to.equal('Kovo Novák s.r.o.'));
    await until(() => expect(shadow(element).activeElement?.tagName).to.equal('H2'));
    expect(textOf(shadow(element).querySelector('.message'))).to.equal('');
    await sendKeys({ press: 'Tab' });
    expect(textOf(shadow(element).activeElement)).to.equal('Search the web');
  });

  it('after an undo from the timeline says so, and keeps the keyboard on the entry undone, away from the new Undo', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const [, partner, , vip] = await crm.statuses.list();
    const client = await crm.clients.create({ name: 'Kovo', taxId: 'CZ45274649' });
    await crm.clients.update(client.id, { statusId: partner!.id });
    await crm.clients.update(client.id, { statusId: vip!.id });
    const element = await card(crm, client.id);
    // The change to VIP, the latest (both changes may share a millisecond, so found by what it says).
    const toVip = () => [...section(element, 'timeline').querySelectorAll('li')].find((li) => textOf(li).includes(`→ ${vip!.name}`))?.querySelector('button');
    await until(() => expect(toVip()).to.not.equal(undefined));
    toVip()!.focus();
    await sendKeys({ press: 'Enter' });
    await until(async () => expect((await crm.clients.get(client.id)).statusId).to.equal(partner!.id));
    await until(() => expect(textOf(shadow(element).querySelector('.message'))).to.equal('Undone.'));
    const focused = shadow(element).activeElement as HTMLElement;
    expect(focused.classList.contains('what')).to.equal(true);
    expect(textOf(focused.closest('li'))).to.contain('(undone)');
    // A second Enter lands on the entry, not on the Undo of the change the undo wrote: nothing is redone.
    await sendKeys({ press: 'Enter' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await crm.clients.get(client.id)).statusId).to.equal(partner!.id);
  });

  it('says so for a client that does not exist', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const element = await mount<KtClientCard>(html`<kt-client-card client-id="cli_missing" .crm=${crm}></kt-client-card>`, 'kt-client-card');
    await until(() => expect(textOf(shadow(element).querySelector('[role="alert"]'))).to.equal('This client does not exist (any more).'));
    // Nor does an id that is not a client id at all, such as README's placeholder.
    element.clientId = 'cli_…';
    await until(() => expect(textOf(shadow(element).querySelector('[role="alert"]'))).to.equal('This client does not exist (any more).'));
  });

  it('says why a client could not be read, rather than loading for ever', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const client = await crm.clients.create({ name: 'Unreadable s.r.o.' });
    crm.analytics.client = () => Promise.reject(new CrmError('storage', 'The disk is gone'));
    const element = await mount<KtClientCard>(html`<kt-client-card client-id=${client.id} .crm=${crm}></kt-client-card>`, 'kt-client-card');
    await until(() => expect(textOf(shadow(element).querySelector('[role="alert"]'))).to.not.equal(''));
    expect(shadow(element).querySelector('[aria-busy="true"]')).to.equal(null);
  });
});

describe('<kt-notes>', () => {
  it('adds, sorts by priority then newest, edits and deletes after a confirmation', async () => {
    const { crm, client } = await world();
    const notes = await mount<KtNotes>(html`<kt-notes client-id=${client.id} .crm=${crm}></kt-notes>`, 'kt-notes');
    await until(() => expect(textOf(shadow(notes).querySelector('.empty'))).to.equal('No notes yet.'));
    const add = async (text: string, priority: string) => {
      const form = shadow(notes).querySelector<HTMLFormElement>('form[part="form"]')!;
      form.querySelector('textarea')!.value = text;
      form.querySelector<HTMLSelectElement>('[name="priority"]')!.value = priority;
      form.requestSubmit();
      await until(() => expect([...shadow(notes).querySelectorAll('li .text')].map(textOf)).to.include(text));
    };
    await add('Medium one', 'medium');
    await add('Plain one', 'none');
    await add('Urgent one', 'high');
    const texts = () => [...shadow(notes).querySelectorAll('li .text')].map(textOf);
    expect(texts()).to.deep.equal(['Urgent one', 'Medium one', 'Plain one']);
    expect(shadow(notes).querySelector('li')!.getAttribute('part')).to.equal('note high');
    // Each value beside its label: "None" or "Everyone" alone says nothing.
    expect(textOf(shadow(notes).querySelector('li .meta span'))).to.match(/^Priority: High · Visible to: Everyone · You, /);
    await expectAccessible(notes);
    button(shadow(notes).querySelector('li')!, 'Edit').click();
    await notes.updateComplete;
    const editForm = shadow(notes).querySelector<HTMLFormElement>('li form')!;
    editForm.querySelector('textarea')!.value = 'Urgent, edited';
    editForm.requestSubmit();
    await until(() => expect(texts()[0]).to.equal('Urgent, edited'));
    button(shadow(notes).querySelectorAll('li')[2]!, 'Delete').click();
    const dialog = shadow(notes).querySelector('dialog')!;
    await until(() => expect(dialog.open).to.equal(true));
    dialog.querySelector<HTMLButtonElement>('button[value="delete"]')!.click();
    await until(() => expect(texts()).to.deep.equal(['Urgent, edited', 'Medium one']));
    expect((await crm.notes.list({ clientId: client.id })).map((n) => n.text)).to.deep.equal(['Urgent, edited', 'Medium one']);
  });

  it('keeps the keyboard where the user is: Edit puts it in the text, Escape and Save back on Edit, a deleted note hands it to the new-note text', async () => {
    const { crm, client } = await world();
    await crm.notes.add({ clientId: client.id }, { text: 'Calls on Mondays' });
    await crm.notes.add({ clientId: client.id }, { text: 'Pays late', priority: 'high' });
    const notes = await mount<KtNotes>(html`<kt-notes client-id=${client.id} .crm=${crm}></kt-notes>`, 'kt-notes');
    await until(() => expect(shadow(notes).querySelectorAll('li')).to.have.length(2));
    const focused = () => shadow(notes).activeElement;
    const first = () => shadow(notes).querySelector('li')!;

    button(first(), 'Edit').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(focused()?.tagName).to.equal('TEXTAREA'));
    expect((focused() as HTMLTextAreaElement).value).to.equal('Pays late');
    await sendKeys({ press: 'Escape' });
    await until(() => expect(textOf(focused())).to.equal('Edit'));
    expect(textOf(first().querySelector('.text'))).to.equal('Pays late');

    await sendKeys({ press: 'Enter' });
    await until(() => expect(focused()?.tagName).to.equal('TEXTAREA'));
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ': prepayment' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await until(() => expect(textOf(first().querySelector('.text'))).to.equal('Pays late: prepayment'));
    await until(() => expect(textOf(focused())).to.equal('Edit'));

    await sendKeys({ press: 'Tab' });
    expect(textOf(focused())).to.equal('Delete');
    await sendKeys({ press: 'Enter' });
    const dialog = shadow(notes).querySelector('dialog')!;
    await until(() => expect(dialog.open).to.equal(true));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(shadow(notes).querySelectorAll('li')).to.have.length(1));
    await until(() => expect(focused()?.id).to.equal('new-text'));
  });

  it('adds a note with Ctrl+Enter or Cmd+Enter in its text; Enter alone starts a new line', async () => {
    const { crm, client } = await world();
    const notes = await mount<KtNotes>(html`<kt-notes client-id=${client.id} .crm=${crm}></kt-notes>`, 'kt-notes');
    await until(() => expect(textOf(shadow(notes).querySelector('.empty'))).to.equal('No notes yet.'));
    const texts = () => [...shadow(notes).querySelectorAll('li .text')].map((p) => p.textContent);
    shadow(notes).querySelector<HTMLTextAreaElement>('form[part="form"] textarea')!.focus();
    await sendKeys({ type: 'Call back' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'on Monday' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await until(() => expect(texts()).to.deep.equal(['Call back\non Monday']));
    expect(shadow(notes).querySelector<HTMLTextAreaElement>('form[part="form"] textarea')!.value).to.equal('');
    await sendKeys({ type: 'Pays by invoice' });
    await sendKeys({ down: 'Meta' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Meta' });
    await until(() => expect(texts()).to.have.length(2));
    expect(texts()).to.include('Pays by invoice');
  });
});
