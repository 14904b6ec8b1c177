import { expect } from 'chai';
import { html } from 'lit';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { CrmError, createCrm } from '../../src/index.ts';
import { errorText } from '../../components/base/error-text.ts';
import type { KtCrmSettings, KtNotes, KtTaskList } from '../../components/index.ts';
import '../../components/define/all.ts';
import { mount, shadow, textOf, until } from './helpers.ts';

// A message already on screen is reworded when the user switches language, as the labels around it are.
describe('messages on screen after a change of language', () => {
  it('rewords an error', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const client = await crm.clients.create({ name: 'Kovo s.r.o.' });
    const notes = await mount<KtNotes>(html`<kt-notes client-id=${client.id} locale="cs" .crm=${crm}></kt-notes>`, 'kt-notes');
    await until(() => expect(shadow(notes).querySelector('#new-text')).to.not.equal(null));
    shadow(notes).querySelector<HTMLTextAreaElement>('#new-text')!.value = 'x'.repeat(10_001);
    shadow(notes).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await until(() => expect(textOf(shadow(notes).querySelector('.error'))).to.equal('Příliš dlouhé: nejvýše 10 000 znaků.'));
    notes.locale = 'pl';
    await until(() => expect(textOf(shadow(notes).querySelector('.error'))).to.equal('Za długie: najwyżej 10 000 znaków.'));
  });

  it('rewords a confirmation', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings locale="cs" .crm=${crm}></kt-crm-settings>`, 'kt-crm-settings');
    await until(() => expect(shadow(panel).querySelectorAll('[part="entry"]').length).to.be.above(4));
    shadow(panel).querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await until(() => expect(textOf(shadow(panel).querySelector('[role="status"]'))).to.equal('Uloženo.'));
    panel.locale = 'pl';
    await until(() => expect(textOf(shadow(panel).querySelector('[role="status"]'))).to.equal('Zapisano.'));
  });

  it('rewords a toast', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const client = await crm.clients.create({ name: 'Kovo s.r.o.' });
    const task = await crm.tasks.create({ clientId: client.id, title: 'Zavolat', due: new Date(Date.now() + 86_400_000).toISOString() });
    await crm.tasks.complete(task.id);
    const element = await mount<KtTaskList>(html`<kt-task-list client-id=${client.id} locale="cs" toast-duration="0" .crm=${crm}></kt-task-list>`, 'kt-task-list');
    await until(() => expect(shadow(element).querySelector('input[type=checkbox]')).to.not.equal(null));
    shadow(element).querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    await until(() => expect(textOf(shadow(element).querySelector('[part=toast] span'))).to.equal('Úkol „Zavolat“ je znovu otevřený.'));
    element.locale = 'pl';
    await element.updateComplete;
    await until(() => expect(textOf(shadow(element).querySelector('h3'))).to.not.equal('Úkoly'));
    expect(textOf(shadow(element).querySelector('[part=toast] span'))).to.equal('Zadanie „Zavolat” otwarte ponownie.');
  });

  it('shows a failure that cannot be made a string, and goes on rendering', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const client = await crm.clients.create({ name: 'Kovo s.r.o.' });
    crm.notes.list = (() => Promise.reject(Object.create(null))) as typeof crm.notes.list;
    const notes = await mount<KtNotes>(html`<kt-notes client-id=${client.id} .crm=${crm}></kt-notes>`, 'kt-notes');
    await until(() => expect(textOf(shadow(notes).querySelector('.error'))).to.equal('[object Object]'));
    notes.locale = 'cs';
    await until(() => expect(textOf(shadow(notes).querySelector('button[type="submit"]'))).to.equal('Přidat poznámku'));
  });

  it('words a conflict in the user’s language, without the record’s id', () => {
    const conflict = new CrmError('conflict', 'cli_0mwx was changed by someone else (version 2, you had 1)');
    expect(errorText(conflict, 'cs')).to.equal('Mezitím to změnil někdo jiný. Podívejte se na to znovu a zkuste to ještě jednou.');
    expect(errorText(new CrmError('storage', 'IndexedDB: the disk is gone'), 'cs')).to.equal('IndexedDB: the disk is gone');
  });

  it('words a bound by what it bounds, and whether the bound itself is allowed', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const order = (quantity: number) => ({ id: 'o1', currency: 'CZK', total: 100, createdAt: '2026-10-01T10:00:00Z', billing: { company: 'Alza' }, items: [{ name: 'Mouse', quantity, unitPrice: 100 }] });
    // A quantity must be above 0: "0 or more" would ask for what was refused.
    const zero = await crm.orders.upsert(order(0)).catch((error: unknown) => error);
    expect([errorText(zero, 'en'), errorText(zero, 'cs')]).to.deep.equal(['Enter more than 0.', 'Zadejte více než 0.']);
    const noActions = await crm.rules.create({ name: 'x', trigger: 'client.created', conditions: { all: [] }, actions: [] }).catch((error: unknown) => error);
    expect(errorText(noActions, 'pl')).to.equal('Wybierz co najmniej 1.');
  });
});
