import { expect } from 'chai';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm, type Client, type Crm } from '../../src/index.ts';
import type { KtClientPicker } from '../../components/index.ts';
import '../../components/define/all.ts';
import { expectAccessible, mount, shadow, textOf, until } from './helpers.ts';

interface World {
  crm: Crm;
  alza: Client;
  alfa: Client;
}

async function world(): Promise<World> {
  const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
  const alza = await crm.clients.create({
    name: 'Alza.cz a.s.',
    taxId: 'CZ27082440',
    emails: ['nakup@alza.cz'],
    phones: ['+420 225 340 111'],
    billingAddress: { street: 'Jankovcova 1522/53', city: 'Praha', postalCode: '170 00', country: 'CZ' },
    nextOrderReminder: 'Offer the spring price list',
  });
  const alfa = await crm.clients.create({ name: 'Alfa Trade a.s.', taxId: 'CZ00177041' });
  await crm.notes.add({ clientId: alza.id }, { text: 'Pays only by invoice', priority: 'high' });
  await crm.notes.add({ clientId: alza.id }, { text: 'Likes coffee', priority: 'none' });
  await crm.orders.upsert({ id: 'old-1', number: 'A-1', currency: 'CZK', total: 50_000, createdAt: '2026-10-01T10:00:00Z', paymentState: 'unpaid', billing: { company: 'Alza', taxId: 'CZ27082440' } });
  await crm.orders.upsert({ id: 'old-2', number: 'A-2', currency: 'CZK', total: 70_000, createdAt: '2026-10-05T10:00:00Z', paymentState: 'paid', status: 'uncollected', billing: { company: 'Alza', taxId: 'CZ27082440' } });
  await crm.orders.upsert({ id: 'new-1', number: 'N-1', currency: 'CZK', total: 99_000, createdAt: '2026-11-20T10:00:00Z', billing: { company: 'ALZA CZ', name: 'Jana Nováková', taxId: '270 82 440', email: 'jana@example.cz' } });
  return { crm, alza, alfa };
}

const input = (picker: KtClientPicker) => shadow(picker).querySelector<HTMLInputElement>('input[role="combobox"]')!;
const options = (picker: KtClientPicker) => [...shadow(picker).querySelectorAll('[role="option"]')].map((option) => textOf(option));
const button = (picker: KtClientPicker, text: string) => [...shadow(picker).querySelectorAll<HTMLButtonElement>('button')].find((b) => textOf(b).startsWith(text));

async function type(picker: KtClientPicker, text: string): Promise<void> {
  input(picker).focus();
  await sendKeys({ type: text });
  await until(() => expect(input(picker).getAttribute('aria-expanded')).to.equal('true'));
}

describe('<kt-client-picker>', () => {
  it('suggests clients by part of a tax ID, labelled for telling them apart, and announces the count', async () => {
    const { crm } = await world();
    const picker = await mount<KtClientPicker>(html`<kt-client-picker .crm=${crm}></kt-client-picker>`, 'kt-client-picker');
    await type(picker, '27082');
    await until(() => expect(options(picker)).to.deep.equal(['Alza.cz a.s., CZ27082440 (Client: 1)']));
    expect(textOf(shadow(picker).querySelector('.announcer'))).to.equal('1 client found');
    await expectAccessible(picker);
    input(picker).value = '';
    await type(picker, 'zzzz');
    await until(() => expect(textOf(shadow(picker).querySelector('.announcer'))).to.equal('No client found'));
  });

  it('works by keyboard: arrows, Home/End, Enter chooses, Escape closes then clears', async () => {
    const { crm, alfa, alza } = await world();
    const picker = await mount<KtClientPicker>(html`<kt-client-picker .crm=${crm}></kt-client-picker>`, 'kt-client-picker');
    const chosen: string[] = [];
    const native: string[] = [];
    picker.addEventListener('kt-client-select', (event) => chosen.push(event.clientId));
    picker.addEventListener('input', () => native.push('input'));
    picker.addEventListener('change', () => native.push('change'));
    await type(picker, 'a.s.');
    await until(() => expect(options(picker)).to.have.length(2));
    const active = () => textOf(shadow(picker).getElementById(input(picker).getAttribute('aria-activedescendant')!));
    const first = active();
    await sendKeys({ press: 'End' });
    await picker.updateComplete;
    const last = active();
    expect(last).to.not.equal(first);
    await sendKeys({ press: 'Home' });
    await picker.updateComplete;
    expect(active()).to.equal(first);
    await sendKeys({ press: 'ArrowDown' });
    await picker.updateComplete;
    expect(active()).to.equal(last);
    await sendKeys({ press: 'Escape' });
    await picker.updateComplete;
    expect(input(picker).getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'ArrowDown' });
    await picker.updateComplete;
    expect(input(picker).getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(chosen).to.have.length(1));
    expect(picker.value).to.equal(chosen[0]).and.to.be.oneOf([alfa.id, alza.id]);
    expect(native).to.deep.equal(['input', 'change']);
    expect(textOf(shadow(picker).querySelector('[part="chosen"]'))).to.contain(last);
    await sendKeys({ type: 'x' });
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await picker.updateComplete;
    expect(input(picker).value).to.equal('');
  });

  it('is a form control: value, required, reset and disabled', async () => {
    const { crm, alza } = await world();
    const form = await mount<HTMLFormElement>(
      html`<form><kt-client-picker name="client" required .crm=${crm}></kt-client-picker><input name="note" value="x" /></form>`,
      'form',
    );
    const picker = form.querySelector('kt-client-picker')!;
    await picker.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    expect(picker.validity.valueMissing).to.equal(true);
    expect(picker.validationMessage).to.equal('Choose a client.');
    await type(picker, 'alza');
    await until(() => expect(options(picker)).to.have.length(1));
    shadow(picker).querySelector<HTMLElement>('[role="option"]')!.click();
    await until(() => expect(new FormData(form).get('client')).to.equal(alza.id));
    expect(form.checkValidity()).to.equal(true);
    form.reset();
    await until(() => expect(new FormData(form).get('client')).to.equal(null));
    expect(shadow(picker).querySelector('[part="chosen"]')).to.equal(null);
    const fieldset = document.createElement('fieldset');
    form.append(fieldset);
    fieldset.append(picker);
    fieldset.disabled = true;
    await until(() => expect(input(picker).disabled).to.equal(true));
    expect(form.checkValidity()).to.equal(true);
    fieldset.disabled = false;
    await until(() => expect(input(picker).disabled).to.equal(false));
    expect(form.checkValidity()).to.equal(false);
    picker.focus();
    expect(shadow(picker).activeElement).to.equal(input(picker));
  });

  it('given an order: shows its client, recent orders with unpaid and uncollected flagged, the reminder and important notes', async () => {
    const { crm } = await world();
    const picker = await mount<KtClientPicker>(html`<kt-client-picker order-id="old-1" .crm=${crm}></kt-client-picker>`, 'kt-client-picker');
    await until(() => expect(textOf(shadow(picker).querySelector('[part="chosen"]'))).to.contain('Alza.cz a.s., CZ27082440 (Client: 1)'));
    const context = () => shadow(picker).querySelector('[part="context"]');
    await until(() => expect(context()).to.not.equal(null));
    expect(textOf(context()!.querySelector('.reminder'))).to.equal('Next order: Offer the spring price list');
    expect([...context()!.querySelectorAll('.notes li')].map(textOf)).to.deep.equal(['Pays only by invoice']);
    const orders = [...context()!.querySelectorAll('.orders li')].map(textOf);
    expect(orders).to.have.length(3);
    expect(orders.find((line) => line.startsWith('A-1'))).to.contain('Unpaid');
    expect(orders.find((line) => line.startsWith('A-2'))).to.contain('Not collected');
    expect(button(picker, 'Unlink')).to.not.equal(undefined);
    await expectAccessible(picker);

    // Another order on the same picker shows that order's client, not the previous one's.
    await crm.orders.upsert({ id: 'alfa-1', currency: 'CZK', total: 1, createdAt: '2026-11-21T10:00:00Z', billing: { company: 'Alfa', taxId: 'CZ00177041' } });
    picker.orderId = 'alfa-1';
    await until(() => expect(textOf(shadow(picker).querySelector('[part="chosen"]'))).to.contain('Alfa Trade a.s.'));
    picker.orderId = 'new-1';
    picker.orderId = 'old-2';
    await until(() => expect(textOf(shadow(picker).querySelector('[part="chosen"]'))).to.contain('Alza.cz a.s.'));
  });

  it('replaces the order billing after showing what changes, and undoes it', async () => {
    const { crm, alza } = await world();
    await crm.orders.unlink('new-1');
    const picker = await mount<KtClientPicker>(html`<kt-client-picker order-id="new-1" .crm=${crm}></kt-client-picker>`, 'kt-client-picker');
    await until(() => expect(textOf(shadow(picker).querySelector('[part="actions"]'))).to.contain('This order is not linked to a client.'));
    await type(picker, '27082');
    await until(() => expect(options(picker)).to.have.length(1));
    await sendKeys({ press: 'Enter' });
    await until(() => expect(button(picker, 'Use this client’s billing')).to.not.equal(undefined));
    button(picker, 'Use this client’s billing')!.click();
    const dialog = shadow(picker).querySelector('dialog')!;
    await until(() => expect(dialog.open).to.equal(true));
    const rows = [...dialog.querySelectorAll('tr')].map(textOf);
    expect(rows).to.include('Company ALZA CZ Alza.cz a.s.');
    expect(rows).to.include('E-mail jana@example.cz nakup@alza.cz');
    expect(rows.some((row) => row.startsWith('Address — Jankovcova 1522/53'))).to.equal(true);
    await expectAccessible(dialog);
    dialog.querySelector<HTMLButtonElement>('button[value="replace"]')!.click();
    await until(() => expect(textOf(shadow(picker).querySelector('[part="toast"]'))).to.contain('Billing replaced.'));
    const replaced = await crm.orders.get('new-1');
    expect(replaced.billing.company).to.equal('Alza.cz a.s.');
    expect(replaced.clientId).to.equal(alza.id);
    button(picker, 'Undo')!.click();
    await until(async () => expect((await crm.orders.get('new-1')).billing.company).to.equal('ALZA CZ'));
  });

  it('creates a client from the order billing, links, and unlinks', async () => {
    const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
    await crm.orders.upsert({ id: 'o-9', currency: 'CZK', total: 1000, createdAt: '2026-11-20T10:00:00Z', billing: { company: 'Kovo Novák s.r.o.', taxId: 'CZ25596641' } });
    const picker = await mount<KtClientPicker>(html`<kt-client-picker order-id="o-9" .crm=${crm}></kt-client-picker>`, 'kt-client-picker');
    await until(() => expect(button(picker, 'Create a client')).to.not.equal(undefined));
    button(picker, 'Create a client')!.click();
    await until(() => expect(textOf(shadow(picker).querySelector('[part="toast"]'))).to.contain('Created Kovo Novák s.r.o., CZ25596641 (Client: 1).'));
    expect((await crm.orders.get('o-9')).clientId).to.equal(picker.value);
    await until(() => expect(button(picker, 'Unlink')).to.not.equal(undefined));
    button(picker, 'Unlink')!.click();
    await until(async () => expect((await crm.orders.get('o-9')).clientId).to.equal(undefined));
    expect(picker.value).to.equal('');
    await type(picker, 'kovo');
    await sendKeys({ press: 'Enter' });
    await until(() => expect(button(picker, 'Link the order')).to.not.equal(undefined));
    button(picker, 'Link the order')!.click();
    await until(async () => expect((await crm.orders.get('o-9')).clientId).to.equal(picker.value));
  });

  it('offers the clients an unlinked order’s buyer may be, by company name and e-mail, and links the one chosen', async () => {
    const { crm, alza } = await world();
    // No tax ID: nothing links it, and "Create a client" would make Alza twice.
    await crm.orders.upsert({ id: 'o-7', currency: 'CZK', total: 1000, createdAt: '2026-11-20T10:00:00Z', billing: { company: 'Alza.cz a.s.', email: 'someone@else.cz' } });
    const picker = await mount<KtClientPicker>(html`<kt-client-picker order-id="o-7" .crm=${crm}></kt-client-picker>`, 'kt-client-picker');
    const likely = () => shadow(picker).querySelector('[part="likely"]');
    await until(() => expect(textOf(likely())).to.equal(`The buyer may be: ${crm.clients.label(alza)}`));
    expect(textOf(shadow(picker).querySelector('[part="actions"] .hint'))).to.equal('This order is not linked to a client. Buyer: Alza.cz a.s.');
    // The likely client comes first, by eye and by Tab: creating one would make a duplicate.
    const buttons = [...shadow(picker).querySelectorAll('button')].map(textOf);
    expect(buttons).to.include(crm.clients.label(alza));
    expect(buttons.indexOf(crm.clients.label(alza))).to.be.below(buttons.indexOf('Create a client from the order’s billing'));
    likely()!.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(picker.value).to.equal(alza.id));
    expect(likely()).to.equal(null);
    await until(() => expect(textOf(shadow(picker).activeElement)).to.equal('Link the order to this client'));
    expect(textOf(shadow(picker).querySelector('[part="actions"] .hint'))).to.equal('Not linked to the chosen client yet. Buyer: Alza.cz a.s.');
    button(picker, 'Link the order')!.click();
    await until(async () => expect((await crm.orders.get('o-7')).clientId).to.equal(alza.id));
    await until(() => expect(shadow(picker).querySelector('[part="actions"] .hint')).to.equal(null));

    // Undo takes the link back: the order as the shop sent it, the client still chosen to link again.
    const undo = await until(() => {
      const found = [...shadow(picker).querySelectorAll<HTMLButtonElement>('[part="toast"] button')].find((b) => textOf(b) === 'Undo');
      expect(found).to.not.equal(undefined);
      return found!;
    });
    undo.focus();
    await sendKeys({ press: 'Enter' });
    await until(async () => expect((await crm.orders.get('o-7')).clientId).to.equal(undefined));
    expect((await crm.orders.get('o-7')).unlinkedByHand).to.equal(undefined);
    await until(() => expect(textOf(shadow(picker).querySelector('[part="actions"] .hint'))).to.equal('Not linked to the chosen client yet. Buyer: Alza.cz a.s.'));
  });

  it('puts the focus on the next order action after Create, Unlink and Link by keyboard; another order drops the message', async () => {
    const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
    await crm.orders.upsert({ id: 'o-9', currency: 'CZK', total: 1000, createdAt: '2026-11-20T10:00:00Z', billing: { company: 'Kovo Novák s.r.o.', taxId: 'CZ25596641' } });
    await crm.orders.upsert({ id: 'o-10', currency: 'CZK', total: 2000, createdAt: '2026-11-21T10:00:00Z', billing: { company: 'Pekárna Svoboda' } });
    const picker = await mount<KtClientPicker>(html`<kt-client-picker order-id="o-9" toast-duration="0" .crm=${crm}></kt-client-picker>`, 'kt-client-picker');
    const focused = () => textOf(shadow(picker).activeElement);
    const toast = () => textOf(shadow(picker).querySelector('[part="toast"]'));
    await until(() => expect(button(picker, 'Create a client')).to.not.equal(undefined));
    button(picker, 'Create a client')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(toast()).to.contain('Created Kovo Novák s.r.o.'));
    await until(() => expect(focused()).to.equal('Use this client’s billing on the order…'));
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('Unlink from the client');
    await sendKeys({ press: 'Enter' });
    await until(() => expect(toast()).to.contain('Order unlinked.'));
    await until(() => expect(focused()).to.equal('Create a client from the order’s billing'));
    await type(picker, 'kovo');
    await sendKeys({ press: 'Enter' });
    await until(() => expect(button(picker, 'Link the order')).to.not.equal(undefined));
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('Link the order to this client');
    await sendKeys({ press: 'Enter' });
    await until(() => expect(toast()).to.match(/^Order linked to Kovo Novák s.r.o., /));
    await until(() => expect(focused()).to.equal('Use this client’s billing on the order…'));
    picker.orderId = 'o-10';
    await until(() => expect(textOf(shadow(picker).querySelector('[part="actions"]'))).to.contain('Pekárna Svoboda'));
    expect(toast()).to.equal('');
  });

  it('undoes a client created from the order by mistake: the client goes, also once a rule has tagged it, and the order stays unlinked', async () => {
    const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
    // A shop that tags every new client.
    const rule = await crm.rules.create({ name: 'Tag new', trigger: 'client.created', conditions: { all: [] }, actions: [{ type: 'add_tag', tag: 'new' }] });
    await crm.rules.enable(rule.id);
    await crm.orders.upsert({ id: 'o-1', currency: 'CZK', total: 1000, createdAt: '2026-11-20T10:00:00Z', billing: { company: 'Kovo Novák s.r.o.', taxId: 'CZ25596641' } });
    const picker = await mount<KtClientPicker>(html`<kt-client-picker order-id="o-1" toast-duration="0" .crm=${crm}></kt-client-picker>`, 'kt-client-picker');
    const toast = () => textOf(shadow(picker).querySelector('[part="toast"]'));
    await until(() => expect(button(picker, 'Create a client')).to.not.equal(undefined));
    button(picker, 'Create a client')!.click();
    await until(() => expect(toast()).to.contain('Created Kovo Novák s.r.o.'));
    await until(async () => expect((await crm.clients.list()).items.map((c) => c.tags.join())).to.deep.equal(['new']));
    [...shadow(picker).querySelectorAll<HTMLButtonElement>('[part="toast"] button')].find((b) => textOf(b) === 'Undo')!.click();
    await until(() => expect(toast()).to.contain('Undone'));
    expect(await crm.clients.count()).to.equal(0);
    expect((await crm.orders.get('o-1')).clientId).to.equal(undefined);
    expect(picker.value).to.equal('');
    await until(() => expect(button(picker, 'Create a client')).to.not.equal(undefined));
    // The shop, now making clients from orders, sends the order again (its status changed): no client is made again.
    await crm.settings.update({ autoCreateClients: true });
    await crm.orders.upsert({ id: 'o-1', currency: 'CZK', total: 1000, createdAt: '2026-11-20T10:00:00Z', status: 'shipped', billing: { company: 'Kovo Novák s.r.o.', taxId: 'CZ25596641' } });
    expect(await crm.clients.count()).to.equal(0);
  });

  it('closes a confirmation by itself after toast-duration; an error stays until closed', async () => {
    const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
    await crm.orders.upsert({ id: 'o-1', currency: 'CZK', total: 1000, createdAt: '2026-11-20T10:00:00Z', billing: { company: 'Kovo Novák s.r.o.' } });
    await crm.orders.upsert({ id: 'o-2', currency: 'CZK', total: 1000, createdAt: '2026-11-20T10:00:00Z', billing: { company: 'Vadné IČO s.r.o.', taxId: 'CZ12345678' } });
    const picker = await mount<KtClientPicker>(html`<kt-client-picker order-id="o-1" toast-duration="200" .crm=${crm}></kt-client-picker>`, 'kt-client-picker');
    const toast = () => textOf(shadow(picker).querySelector('[part="toast"]'));
    await until(() => expect(button(picker, 'Create a client')).to.not.equal(undefined));
    button(picker, 'Create a client')!.click();
    await until(() => expect(toast()).to.contain('Created Kovo Novák s.r.o.'));
    await until(() => expect(toast()).to.equal(''), 2000);
    picker.value = '';
    picker.orderId = 'o-2';
    await until(() => expect(button(picker, 'Create a client')).to.not.equal(undefined));
    button(picker, 'Create a client')!.click();
    await until(() => expect(toast()).to.not.equal(''));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(toast()).to.contain('Not a valid tax ID: the check digit does not match, so a digit is probably mistyped.');
    shadow(picker).querySelector<HTMLButtonElement>('[part="toast"] .close')!.click();
    await until(() => expect(toast()).to.equal(''));
  });

  it('says in the user’s language that another client has the tax ID an order’s new client would get', async () => {
    const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
    await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440' });
    await crm.orders.upsert({ id: 'o-1', currency: 'CZK', total: 1000, createdAt: '2026-11-20T10:00:00Z', billing: { company: 'Alza', taxId: 'CZ27082440' } });
    await crm.orders.unlink('o-1');
    const picker = await mount<KtClientPicker>(html`<kt-client-picker order-id="o-1" locale="pl" .crm=${crm}></kt-client-picker>`, 'kt-client-picker');
    const toast = () => textOf(shadow(picker).querySelector('[part="toast"]'));
    const create = () => [...shadow(picker).querySelectorAll<HTMLButtonElement>('button')].find((b) => textOf(b).startsWith('Utwórz klienta'));
    await until(() => expect(create()).to.not.equal(undefined));
    create()!.click();
    await until(() => expect(toast()).to.contain('Ten NIP ma już inny klient: Alza.cz a.s.'));
    expect(await crm.clients.count()).to.equal(1);
  });

  it('shows suggestions as text, never as markup', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    await crm.clients.create({ name: 'Evil <img src=x onerror="window.__ktPickerXss=1"> s.r.o.' });
    const picker = await mount<KtClientPicker>(html`<kt-client-picker .crm=${crm}></kt-client-picker>`, 'kt-client-picker');
    await type(picker, 'evil');
    await until(() => expect(options(picker)[0]).to.contain('<img src=x'));
    expect(shadow(picker).querySelector('img')).to.equal(null);
    expect((window as { __ktPickerXss?: number }).__ktPickerXss).to.equal(undefined);
  });

  it('speaks Czech under lang="cs"', async () => {
    const { crm } = await world();
    const picker = await mount<KtClientPicker>(html`<div lang="cs"><kt-client-picker .crm=${crm}></kt-client-picker></div>`, 'kt-client-picker');
    expect(textOf(shadow(picker).querySelector('label'))).to.equal('Klient');
    await type(picker, 'a.s.');
    await until(() => expect(textOf(shadow(picker).querySelector('.announcer'))).to.equal('Nalezeni 2 klienti'));
    // Switched to Polish, a screen reader hears the count in Polish.
    picker.locale = 'pl';
    await until(() => expect(textOf(shadow(picker).querySelector('.announcer'))).to.equal('Znaleziono 2 klientów'));
  });

  it('labels clients with the Czech word for the client number, in suggestions, the chosen client and the toast', async () => {
    const { crm } = await world();
    const picker = await mount<KtClientPicker>(html`<div lang="cs"><kt-client-picker .crm=${crm}></kt-client-picker></div>`, 'kt-client-picker');
    await type(picker, '27082');
    await until(() => expect(options(picker)).to.deep.equal(['Alza.cz a.s., CZ27082440 (Klient č. 1)']));
    await sendKeys({ press: 'Enter' });
    await until(() => expect(textOf(shadow(picker).querySelector('[part="chosen"]'))).to.contain('Alza.cz a.s., CZ27082440 (Klient č. 1)'));
    await crm.orders.upsert({ id: 'o-9', currency: 'CZK', total: 1000, createdAt: '2026-11-20T10:00:00Z', billing: { company: 'Kovo Novák s.r.o.', taxId: 'CZ25596641' } });
    picker.value = '';
    picker.orderId = 'o-9';
    await until(() => expect(button(picker, 'Založit klienta')).to.not.equal(undefined));
    button(picker, 'Založit klienta')!.click();
    await until(() => expect(textOf(shadow(picker).querySelector('[part="toast"]'))).to.contain('Založen klient Kovo Novák s.r.o., CZ25596641 (Klient č. 3).'));
  });

  it('shows the order statuses it knows in Czech, an unknown one as it is', async () => {
    const { crm } = await world();
    await crm.orders.upsert({ id: 'old-3', number: 'A-3', currency: 'CZK', total: 1, createdAt: '2026-10-07T10:00:00Z', status: 'delivered', billing: { company: 'Alza', taxId: 'CZ27082440' } });
    const picker = await mount<KtClientPicker>(html`<div lang="cs"><kt-client-picker order-id="old-1" .crm=${crm}></kt-client-picker></div>`, 'kt-client-picker');
    const lines = () => [...(shadow(picker).querySelectorAll('[part="context"] .orders li') ?? [])].map(textOf);
    await until(() => expect(lines()).to.have.length(4));
    expect(lines().find((line) => line.startsWith('A-3'))).to.contain('Doručena').and.not.contain('delivered');
    expect(lines().find((line) => line.startsWith('A-2'))).to.contain('uncollected');
  });
});
