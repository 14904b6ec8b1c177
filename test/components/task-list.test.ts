import { expect } from 'chai';
import { html } from 'lit';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm, type Client, type Crm } from '../../src/index.ts';
import type { ChangeSet } from '../../src/storage/adapter.ts';
import { deliveredByHand } from '../delivered-by-hand.ts';
import type { KtTaskList } from '../../components/index.ts';
import '../../components/define/all.ts';
import { expectAccessible, mount, shadow, textOf, until } from './helpers.ts';

const day = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * day).toISOString();

async function world(): Promise<{ crm: Crm; client: Client; other: Client }> {
  const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' }, principal: { userId: 'eva', role: 'admin' } });
  const client = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440' });
  const other = await crm.clients.create({ name: 'Kasa.cz s.r.o.' });
  return { crm, client, other };
}

async function list(crm: Crm, clientId?: string): Promise<KtTaskList> {
  const element = clientId
    ? await mount<KtTaskList>(html`<kt-task-list client-id=${clientId} .crm=${crm}></kt-task-list>`, 'kt-task-list')
    : await mount<KtTaskList>(html`<kt-task-list .crm=${crm}></kt-task-list>`, 'kt-task-list');
  await until(() => expect(shadow(element).querySelector('ul, .empty')).to.not.equal(null));
  return element;
}

const rows = (element: KtTaskList) => [...shadow(element).querySelectorAll('li')];
const checkbox = (element: KtTaskList, title: string) => rows(element).find((li) => textOf(li).includes(title))!.querySelector<HTMLInputElement>('input[type=checkbox]')!;

describe('<kt-task-list>', () => {
  it('is accessible and lists a client’s tasks, the overdue first and marked, done ones last', async () => {
    const { crm, client } = await world();
    await crm.tasks.create({ clientId: client.id, title: 'Send the price list', due: inDays(3), assignee: 'jan' });
    await crm.tasks.create({ clientId: client.id, title: 'Call about the invoice', due: inDays(-2) });
    const done = await crm.tasks.create({ clientId: client.id, title: 'Old call', due: inDays(-5) });
    await crm.tasks.complete(done.id);
    const element = await list(crm, client.id);
    await expectAccessible(element);
    const texts = rows(element).map(textOf);
    expect(texts).to.have.length(3);
    // Left without an assignee, the task is the user's own (eva): "You", not their id.
    expect(textOf(rows(element)[0]!.querySelector('[part="assignee"]'))).to.equal('You');
    expect(texts[0]).to.contain('Call about the invoice').and.contain('Overdue');
    expect(texts[1]).to.contain('Send the price list').and.contain('jan').and.not.contain('Overdue');
    expect(texts[2]).to.contain('Old call').and.contain('Done').and.not.contain('Overdue');
    expect(checkbox(element, 'Old call').checked).to.equal(true);
    // The due date through Intl, in the element's language.
    const due = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(inDays(3)));
    expect(texts[1]).to.contain(due);
  });

  it('completes and reopens with Space, moving through the checkboxes with Tab', async () => {
    const { crm, client } = await world();
    const late = await crm.tasks.create({ clientId: client.id, title: 'Call about the invoice', due: inDays(-2) });
    const soon = await crm.tasks.create({ clientId: client.id, title: 'Send the price list', due: inDays(3) });
    const element = await list(crm, client.id);
    checkbox(element, 'Call about the invoice').focus();
    await sendKeys({ press: 'Space' });
    await until(async () => expect((await crm.tasks.get(late.id)).done).to.equal(true));
    await until(() => expect(textOf(rows(element).at(-1))).to.contain('Call about the invoice').and.contain('Done'));
    expect(textOf(shadow(element).querySelector('[part=toast]'))).to.contain('Task “Call about the invoice” done.');

    checkbox(element, 'Send the price list').focus();
    await sendKeys({ press: 'Tab' });
    expect(shadow(element).activeElement).to.equal(checkbox(element, 'Call about the invoice'));
    await sendKeys({ press: 'Space' });
    await until(async () => expect((await crm.tasks.get(late.id)).done).to.equal(false));
    await until(() => expect(textOf(rows(element)[0])).to.contain('Call about the invoice').and.contain('Overdue'));
    expect((await crm.tasks.get(soon.id)).done).to.equal(false);
  });

  it('undoes a completion from the toast', async () => {
    const { crm, client } = await world();
    const task = await crm.tasks.create({ clientId: client.id, title: 'Call back', due: inDays(1) });
    const element = await list(crm, client.id);
    checkbox(element, 'Call back').click();
    await until(() => expect(textOf(shadow(element).querySelector('[part=toast]'))).to.contain('done'));
    [...shadow(element).querySelectorAll<HTMLButtonElement>('[part=toast] button')].find((b) => textOf(b) === 'Undo')!.click();
    await until(async () => expect((await crm.tasks.get(task.id)).done).to.equal(false));
    await until(() => expect(checkbox(element, 'Call back').checked).to.equal(false));
  });

  it('adds a task from the keyboard, with its assignee, and shows the empty state before', async () => {
    const { crm, client } = await world();
    const element = await list(crm, client.id);
    expect(textOf(shadow(element).querySelector('[part=empty]'))).to.equal('No tasks here.');
    shadow(element).querySelector<HTMLInputElement>('input[name=title]')!.focus();
    await sendKeys({ type: 'Offer the spring range' });
    await sendKeys({ press: 'Tab' });
    expect(shadow(element).activeElement?.getAttribute('name')).to.equal('due');
    // The date field's day, month and year are tab stops of their own.
    for (let i = 0; i < 5 && shadow(element).activeElement?.getAttribute('name') !== 'assignee'; i++) await sendKeys({ press: 'Tab' });
    expect(shadow(element).activeElement?.getAttribute('name')).to.equal('assignee');
    await sendKeys({ type: 'jan' });
    await sendKeys({ press: 'Enter' });
    const [task] = await until(async () => {
      const tasks = await crm.tasks.list({ clientId: client.id });
      expect(tasks).to.have.length(1);
      return tasks;
    });
    expect(task!.title).to.equal('Offer the spring range');
    expect(task!.assignee).to.equal('jan');
    // Due at the end of the local day chosen (today by default).
    const end = new Date();
    end.setHours(23, 59, 59, 999);
    expect(task!.due).to.equal(end.toISOString());
    await until(() => expect(rows(element).map(textOf)[0]).to.contain('Offer the spring range').and.contain('jan'));
    expect(shadow(element).querySelector('[part=empty]')).to.equal(null);
    expect(shadow(element).querySelector<HTMLInputElement>('input[name=title]')!.value).to.equal('');
  });

  it('closes “Task … added.” by itself after toast-duration, not while the pointer is on it; another client drops the message', async () => {
    const { crm, client, other } = await world();
    const element = await list(crm, client.id);
    element.toastDuration = 300;
    const toast = () => textOf(shadow(element).querySelector('[part="toast"]'));
    const add = async (title: string) => {
      shadow(element).querySelector<HTMLInputElement>('input[name=title]')!.focus();
      await sendKeys({ type: title });
      await sendKeys({ press: 'Enter' });
      await until(() => expect(toast()).to.contain(`Task “${title}” added.`));
    };
    await add('Send the price list');
    await until(() => expect(toast()).to.equal(''), 2000);
    // Not while the pointer is on it: it goes once the pointer leaves.
    await add('Ask for the references');
    const box = shadow(element).querySelector('[part="toast"]')!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.x + 5), Math.round(box.y + box.height / 2)] });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(toast()).to.contain('Ask for the references');
    await sendMouse({ type: 'move', position: [0, 0] });
    await until(() => expect(toast()).to.equal(''), 2000);
    element.toastDuration = 0;
    await add('Call about the invoice');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(toast()).to.contain('Call about the invoice');
    element.clientId = other.id;
    await until(() => expect(textOf(shadow(element).querySelector('[part=empty]'))).to.equal('No tasks here.'));
    expect(toast()).to.equal('');
  });

  it('shows a refused add as an error', async () => {
    const { crm, client } = await world();
    const element = await list(crm, client.id);
    const title = shadow(element).querySelector<HTMLInputElement>('input[name=title]')!;
    title.value = 'x'.repeat(200);
    title.removeAttribute('maxlength');
    title.value = 'x'.repeat(201);
    shadow(element).querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await until(() => expect(textOf(shadow(element).querySelector('[role=alert]'))).to.not.equal(''));
    expect(await crm.tasks.list({ clientId: client.id })).to.have.length(0);
  });

  it('without a client shows everyone’s tasks due, keeps a completed one to reopen, and follows task events', async () => {
    const { crm, client, other } = await world();
    await crm.tasks.create({ clientId: client.id, title: 'Later', due: inDays(10) });
    const late = await crm.tasks.create({ clientId: other.id, title: 'Chase the payment', due: inDays(-1) });
    const element = await list(crm);
    await expectAccessible(element);
    expect(textOf(shadow(element).querySelector('h3'))).to.equal('Tasks due');
    expect(shadow(element).querySelector('form')).to.equal(null);
    expect(rows(element).map(textOf)).to.have.length(1);
    expect(textOf(rows(element)[0])).to.contain('Chase the payment').and.contain('Overdue').and.contain('Kasa.cz s.r.o.');
    // The client's name opens the client, by keyboard too.
    const opened: string[] = [];
    element.addEventListener('kt-client-open', (event) => opened.push(event.clientId));
    shadow(element).querySelector<HTMLButtonElement>('button[part="client"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(opened).to.deep.equal([other.id]);

    await crm.tasks.create({ clientId: client.id, title: 'Much later overdue', due: inDays(-3) });
    await until(() => expect(rows(element).map(textOf)[0]).to.contain('Much later overdue'));

    checkbox(element, 'Chase the payment').focus();
    await sendKeys({ press: 'Space' });
    await until(async () => expect((await crm.tasks.get(late.id)).done).to.equal(true));
    await until(() => expect(checkbox(element, 'Chase the payment').checked).to.equal(true));
    expect(textOf(rows(element).at(-1))).to.contain('Chase the payment').and.contain('Done');
    await sendKeys({ press: 'Space' });
    await until(async () => expect((await crm.tasks.get(late.id)).done).to.equal(false));
    await until(() => expect(textOf(rows(element).find((li) => textOf(li).includes('Chase'))!)).to.contain('Overdue'));
  });

  it('keeps a task completed here when another tab’s late batch tells of an older version of it', async () => {
    const storage = memoryAdapter();
    const writer = await createCrm({ storage });
    const committed: ChangeSet[] = [];
    storage.onExternalChange!((changes) => committed.push(changes));
    const client = await writer.clients.create({ name: 'Kasa.cz s.r.o.' });
    const task = await writer.tasks.create({ clientId: client.id, title: 'Chase', due: inDays(-1) });
    // The other tab's retitle reaches this tab only after this tab has completed the task.
    await writer.tasks.update(task.id, { title: 'Chase the payment' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const retitled = committed.at(-1)!;
    const { storage: readerStorage, hear } = deliveredByHand(storage);
    const reader = await createCrm({ storage: readerStorage });
    const element = await list(reader);
    checkbox(element, 'Chase the payment').click();
    await until(() => expect(textOf(rows(element)[0])).to.contain('Done'));
    hear(retitled);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rows(element).map(textOf).join(' | ')).to.contain('Chase the payment').and.contain('Done');
  });

  it('after Undo in the due list, the keyboard is on the task reopened', async () => {
    const { crm, other } = await world();
    await crm.tasks.create({ clientId: other.id, title: 'Chase the payment', due: inDays(-1) });
    await crm.tasks.create({ clientId: other.id, title: 'Send the offer', due: inDays(-2) });
    const element = await mount<KtTaskList>(html`<kt-task-list toast-duration="0" .crm=${crm}></kt-task-list>`, 'kt-task-list');
    await until(() => expect(rows(element)).to.have.length(2));
    checkbox(element, 'Chase the payment').focus();
    await sendKeys({ press: 'Space' });
    await until(() => expect(textOf(shadow(element).querySelector('[part="toast"]'))).to.contain('Chase the payment'));
    const undo = [...shadow(element).querySelectorAll<HTMLButtonElement>('[part="toast"] button')].find((b) => textOf(b) === 'Undo')!;
    undo.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(checkbox(element, 'Chase the payment').checked).to.equal(false));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(textOf((shadow(element).activeElement as HTMLElement | null)?.closest('li'))).to.contain('Chase the payment');
  });

  it('shows the empty due list, in Czech', async () => {
    const { crm } = await world();
    const element = await mount<KtTaskList>(html`<kt-task-list locale="cs" .crm=${crm}></kt-task-list>`, 'kt-task-list');
    await until(() => expect(textOf(shadow(element).querySelector('[part=empty]'))).to.contain('Nic není'));
    await expectAccessible(element);
  });
  it('Space on a checkbox keeps focus on the same task after the list re-sorts', async () => {
    const crm = await createCrm({ storage: memoryAdapter(), principal: { userId: 'eva', role: 'admin' } });
    const client = await crm.clients.create({ name: 'Alza' });
    const first = await crm.tasks.create({ clientId: client.id, title: 'First task', due: inDays(1) });
    await crm.tasks.create({ clientId: client.id, title: 'Second task', due: inDays(2) });
    const el = await mount<KtTaskList>(html`<kt-task-list client-id=${client.id} .crm=${crm}></kt-task-list>`, 'kt-task-list');
    await until(() => expect(shadow(el).querySelectorAll('li').length).to.equal(2));
    const box = shadow(el).querySelector<HTMLInputElement>('li input[type=checkbox]')!;
    box.focus();
    await sendKeys({ press: 'Space' });
    await until(async () => expect((await crm.tasks.get(first.id)).done).to.equal(true));
    await until(() => expect(textOf(shadow(el).querySelectorAll('li')[1])).to.contain('First task'));
    const focused = shadow(el).activeElement as HTMLElement | null;
    const focusedRow = textOf(focused?.closest('li'));
    expect(focusedRow).to.contain('First task');
    // So a second Space reopens the same task, not the next one.
    await sendKeys({ press: 'Space' });
    await until(async () => expect((await crm.tasks.list({ clientId: client.id })).map((t) => `${t.title}:${t.done}`)).to.deep.equal(['First task:false', 'Second task:false']));
  });

  it('keeps a toast that replaced the one under the pointer until the pointer leaves', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const client = await crm.clients.create({ name: 'Alza' });
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    await crm.tasks.create({ clientId: client.id, title: 'Send the price list', due: inDays(3) });
    await crm.tasks.create({ clientId: client.id, title: 'Ask for the references', due: inDays(4) });
    const element = await mount<KtTaskList>(html`<kt-task-list client-id=${client.id} toast-duration="300" .crm=${crm}></kt-task-list>`, 'kt-task-list');
    await until(() => expect(shadow(element).querySelectorAll('li')).to.have.length(2));
    const toastBox = () => shadow(element).querySelector('[part="toast"]');
    const complete = async (title: string) => {
      const row = [...shadow(element).querySelectorAll('li')].find((li) => textOf(li).includes(title))!;
      row.querySelector<HTMLInputElement>('input[type=checkbox]')!.focus();
      await sendKeys({ press: 'Space' });
      await until(() => expect(textOf(toastBox())).to.contain(title));
    };
    await complete('Send the price list');
    const box = toastBox()!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.x + 5), Math.round(box.y + box.height / 2)] });
    // The pointer stays on the toast while the next task is completed from the keyboard.
    await complete('Ask for the references');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(textOf(toastBox())).to.contain('Ask for the references');
    await sendMouse({ type: 'move', position: [0, 0] });
    await until(() => expect(toastBox()).to.equal(null));
  });

  it('names the client a merge kept, and opens that one', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const keep = await crm.clients.create({ name: 'Alza.cz a.s.' });
    const gone = await crm.clients.create({ name: 'Alza duplicate' });
    await crm.tasks.create({ clientId: gone.id, title: 'Chase the payment', due: inDays(-1) });
    const element = await list(crm);
    const name = () => shadow(element).querySelector<HTMLButtonElement>('button[part="client"]');
    await until(() => expect(textOf(name())).to.equal('Alza duplicate'));
    await crm.clients.merge(keep.id, gone.id);
    await until(() => expect(textOf(name())).to.equal('Alza.cz a.s.'));
    const opened: string[] = [];
    element.addEventListener('kt-client-open', (event) => opened.push(event.clientId));
    name()!.click();
    expect(opened).to.deep.equal([keep.id]);
  });
});
