import { expect } from 'chai';
import { html } from 'lit';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm, type Client, type Crm } from '../../src/index.ts';
import type { KtClientCard, KtNotes } from '../../components/index.ts';
import { clientFigures } from '../../components/base/client-figures.ts';
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

describe('clientFigures', () => {
  it('counts, sums and averages per currency, dates, rhythm and the last 12 months', () => {
    const order = (createdAt: string, total: number, currency = 'CZK') => ({ createdAt, total, currency }) as never;
    const figures = clientFigures([order('2026-01-10T00:00:00Z', 100), order('2026-03-11T00:00:00Z', 300), order('2026-11-01T00:00:00Z', 50, 'EUR'), order('2024-01-01T00:00:00Z', 200)], new Date('2026-11-20T00:00:00Z'));
    expect(figures.count).to.equal(4);
    expect(figures.money).to.deep.equal([
      { currency: 'CZK', total: 600, average: 200 },
      { currency: 'EUR', total: 50, average: 50 },
    ]);
    expect([figures.first, figures.last]).to.deep.equal(['2024-01-01T00:00:00Z', '2026-11-01T00:00:00Z']);
    expect(figures.meanDaysBetween).to.be.closeTo(1035 / 3, 0.01);
    expect(figures.perMonth).to.have.length(12);
    expect(figures.perMonth[0]!.month).to.equal('2025-12');
    expect(figures.perMonth.filter((m) => m.count > 0).map((m) => m.month)).to.deep.equal(['2026-01', '2026-03', '2026-11']);
  });
});

describe('<kt-client-card>', () => {
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
    button(section(element, 'orders'), 'Load orders older than 3 months').click();
    await until(() => expect(section(element, 'orders').querySelectorAll('tbody tr')).to.have.length(3));
    const figures = textOf(section(element, 'figures'));
    expect(figures).to.contain('Orders3').and.contain('Total CZKCZK 6,000.00').and.contain('Average order CZKCZK 2,000.00');
    expect(section(element, 'figures').querySelector('svg')!.getAttribute('aria-label')).to.match(/^Orders per month, last 12 months: \d{4}-\d{2}: \d/);
    await expectAccessible(element);
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

  it('says so for a client that does not exist', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const element = await mount<KtClientCard>(html`<kt-client-card client-id="cli_missing" .crm=${crm}></kt-client-card>`, 'kt-client-card');
    await until(() => expect(textOf(shadow(element).querySelector('[role="alert"]'))).to.equal('This client does not exist (any more).'));
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
});
