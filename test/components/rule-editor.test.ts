import { expect } from 'chai';
import { html } from 'lit';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm, type Client, type Crm, type RuleCondition } from '../../src/index.ts';
import type { KtRuleEditor, KtRuleSaveEvent } from '../../components/index.ts';
import '../../components/define/all.ts';
import { expectAccessible, mount, shadow, textOf, until } from './helpers.ts';

const day = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * day).toISOString();

/** Three clients, one order each: 10 000, 60 000 and 120 000 CZK. */
async function world(): Promise<{ crm: Crm; clients: Client[] }> {
  const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
  const companies = [
    { name: 'Alza.cz a.s.', taxId: 'CZ27082440', total: 1_000_000 },
    { name: 'ČEZ, a. s.', taxId: 'CZ45274649', total: 6_000_000 },
    { name: 'ŠKODA AUTO a.s.', taxId: 'CZ00177041', total: 12_000_000 },
  ];
  const clients: Client[] = [];
  for (const [i, company] of companies.entries()) {
    clients.push(await crm.clients.create({ name: company.name, taxId: company.taxId }));
    await crm.orders.upsert({ id: `o-${i}`, number: `2026/${100 + i}`, currency: 'CZK', total: company.total, createdAt: daysAgo(10 + i), billing: { company: company.name, taxId: company.taxId } });
  }
  return { crm, clients };
}

const root = (editor: KtRuleEditor) => shadow(editor);
const summary = (editor: KtRuleEditor) => textOf(root(editor).querySelector('[part="summary"]'));
const part = <T extends HTMLElement>(editor: KtRuleEditor, name: string) => root(editor).querySelector<T>(`[part="${name}"]`)!;

/** Puts the caret in `input` and replaces what it holds by typing, as a user does. */
async function retype(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'a' });
  await sendKeys({ up: 'Control' });
  await sendKeys({ type: text });
}

describe('<kt-rule-editor>', () => {
  it('builds a rule from a template, previews it live, saves, enables and applies it (B6)', async () => {
    const { crm, clients } = await world();
    const [yellow] = (await crm.stars.list()).filter((star) => star.name === 'Yellow');
    const saved: KtRuleSaveEvent[] = [];
    const editor = await mount<KtRuleEditor>(html`<kt-rule-editor .crm=${crm} @kt-rule-save=${(e: KtRuleSaveEvent) => saved.push(e)}></kt-rule-editor>`, 'kt-rule-editor');
    await until(() => expect(textOf(part(editor, 'empty'))).to.equal('No rules yet — start from a template.'));
    await expectAccessible(editor);

    // "Start from template" with the keyboard: the first template opens the editor of a new rule,
    // whose own template select then takes the second, the star for a big order (50 000 CZK).
    root(editor).querySelector<HTMLSelectElement>('[part="template"] select')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    // Stepping to a template opens nothing yet (Chromium steps a closed select by arrows): Enter does.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(root(editor).querySelector('[part="editor"]')).to.equal(null);
    await sendKeys({ press: 'Enter' });
    await until(() => expect(part<HTMLInputElement>(editor, 'name').value).to.equal('Status after the first paid order'));
    root(editor).querySelector<HTMLSelectElement>('[part="template"] select')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(part<HTMLInputElement>(editor, 'name').value).to.equal('Star for a big order'));
    expect(root(editor).activeElement).to.equal(part(editor, 'name'));
    await until(() => expect(summary(editor)).to.equal('2 of 3 records match · 2 clients would change'));
    expect(textOf(part(editor, 'matches'))).to.contain('ČEZ').and.to.contain('Stars: — → Yellow');
    await expectAccessible(editor);

    // The amount is typed in crowns; the count follows.
    const amount = root(editor).querySelector<HTMLInputElement>('[part="condition"] input[aria-label="Amount"]')!;
    expect(amount.value).to.equal('50000');
    await retype(amount, '100000');
    await until(() => expect(summary(editor)).to.equal('1 of 3 records match · 1 client would change'));

    // A bad value: the SDK's field error shows next to the amount, and the preview waits.
    await retype(amount, '-5');
    await until(() => expect(amount.getAttribute('aria-invalid')).to.equal('true'));
    const message = root(editor).getElementById(amount.getAttribute('aria-describedby')!);
    expect(textOf(message)).to.equal('Enter 0 or more.');
    expect(summary(editor)).to.equal('Fix the marked fields to see the dry run.');
    await retype(amount, '100000');
    await until(() => expect(summary(editor)).to.equal('1 of 3 records match · 1 client would change'));
    expect(amount.getAttribute('aria-invalid')).to.equal('false');

    // Why a record does not match, condition by condition.
    const miss = root(editor).querySelector<HTMLButtonElement>('[part="miss"] button')!;
    miss.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(textOf(part(editor, 'explanation'))).to.contain('✗'));
    expect(textOf(part(editor, 'explanation')).replace(/\u00a0/g, ' ')).to.equal('Why: ČEZ, a. s. (order 2026/101) ✗does not hold: Order total at least CZK 100,000.00 (actual: CZK 60,000.00)');
    // Right under the record pressed, not below both lists, out of sight.
    expect(miss.closest('li')!.contains(part(editor, 'explanation'))).to.equal(true);

    // Save, enable, apply to existing.
    part(editor, 'save').focus();
    await sendKeys({ press: 'Enter' });
    await until(async () => expect(await crm.rules.list()).to.have.length(1));
    const [rule] = await crm.rules.list();
    expect(rule!.conditions).to.deep.equal({ fact: 'order.total', op: 'gte', value: 10_000_000, currency: 'CZK' });
    expect(rule!.enabled).to.equal(false);
    expect(saved.map((e) => e.detail.rule.id)).to.deep.equal([rule!.id]);
    expect(editor.ruleId).to.equal(rule!.id);

    await until(() => expect(part<HTMLButtonElement>(editor, 'toggle').disabled).to.equal(false));
    part(editor, 'toggle').focus();
    await sendKeys({ press: 'Enter' });
    await until(async () => expect((await crm.rules.get(rule!.id)).enabled).to.equal(true));
    await until(() => expect(textOf(part(editor, 'toggle'))).to.equal('Disable'));

    part(editor, 'apply').focus();
    await sendKeys({ press: 'Enter' });
    const dialog = part<HTMLDialogElement>(editor, 'dialog');
    await until(() => expect(dialog.open).to.equal(true));
    await until(() => expect(textOf(dialog)).to.contain('1 of 3 records match · 1 client would change'));
    await expectAccessible(editor);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(async () => expect((await crm.clients.get(clients[2]!.id)).stars).to.deep.equal([yellow!.id]));
    expect((await crm.clients.get(clients[1]!.id)).stars).to.deep.equal([]);
    await until(() => expect(dialog.open).to.equal(false));
    // What it did, in the confirmation's terms.
    expect(textOf(part(editor, 'message'))).to.equal('Applied: it fired for 1 record. 1 client changed.');

    // Applying again passes over the order it fired for, and says so first.
    part(editor, 'apply').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(dialog.open).to.equal(true));
    await until(() => expect(textOf(dialog)).to.contain('0 of 2 records match · 0 clients would change · 1 passed over: the rule fired for them before'));
    // Nothing would match: nothing to apply.
    expect(part<HTMLButtonElement>(editor, 'confirm').disabled).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await until(() => expect(dialog.open).to.equal(false));
  });

  it('asks before Back throws away unsaved changes, and not when there are none', async () => {
    const { crm } = await world();
    const [lead] = await crm.statuses.list();
    const rule = await crm.rules.create({ name: 'Lead', trigger: 'order.created', conditions: { all: [] }, actions: [{ type: 'set_status', statusId: lead!.id }] });
    const editor = await mount<KtRuleEditor>(html`<kt-rule-editor rule-id=${rule.id} .crm=${crm}></kt-rule-editor>`, 'kt-rule-editor');
    await until(() => expect(part<HTMLInputElement>(editor, 'name').value).to.equal('Lead'));
    await retype(part<HTMLInputElement>(editor, 'name'), 'Lead, renamed');
    const dialog = part<HTMLDialogElement>(editor, 'dialog');

    // Back, then Cancel (Enter on the focused Cancel): still editing, the change kept.
    part(editor, 'back').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(dialog.open).to.equal(true));
    expect(textOf(dialog)).to.contain('Leave without saving? Your changes to this rule will be lost.');
    await expectAccessible(editor);
    await sendKeys({ press: 'Enter' });
    await until(() => expect(dialog.open).to.equal(false));
    expect(part<HTMLInputElement>(editor, 'name').value).to.equal('Lead, renamed');

    // Back, then Discard changes: the list, with the rule as stored.
    part(editor, 'back').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(dialog.open).to.equal(true));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(root(editor).querySelector('[part="editor"]')).to.equal(null));
    expect(dialog.open).to.equal(false);
    expect((await crm.rules.get(rule.id)).name).to.equal('Lead');

    // A payload half typed (not yet JSON) is a change too.
    const hook = await crm.rules.create({ name: 'Hook', trigger: 'order.created', conditions: { all: [] }, actions: [{ type: 'emit_event', payload: { a: 1 } }] });
    editor.ruleId = hook.id;
    const payload = await until(() => {
      const area = root(editor).querySelector<HTMLTextAreaElement>('textarea.json');
      expect(area).to.not.equal(null);
      return area!;
    });
    payload.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Backspace' });
    part(editor, 'back').click();
    await until(() => expect(dialog.open).to.equal(true));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(root(editor).querySelector('[part="editor"]')).to.equal(null));

    // A template opened and left as it is: Back goes straight to the list.
    root(editor).querySelector<HTMLSelectElement>('[part="template"] select')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(part<HTMLInputElement>(editor, 'name').value).to.equal('Status after the first paid order'));
    part(editor, 'back').click();
    await until(() => expect(root(editor).querySelector('[part="editor"]')).to.equal(null));
    expect(dialog.open).to.equal(false);
  });

  it('lists rules with their switches, keeps deep conditions whole, and reports a conflict', async () => {
    const { crm } = await world();
    const [lead] = await crm.statuses.list();
    const deep: RuleCondition = { any: [{ all: [{ fact: 'client.paidOrders', op: 'gte', value: 2 }, { fact: 'order.total', op: 'gte', value: 500_000, currency: 'CZK' }] }, { not: { any: [{ fact: 'client.tag', op: 'has', value: 'VIP' }] } }] };
    const rule = await crm.rules.create({ name: 'Deep', trigger: 'order.created', conditions: deep, actions: [{ type: 'set_status', statusId: lead!.id }] });
    const editor = await mount<KtRuleEditor>(html`<kt-rule-editor .crm=${crm}></kt-rule-editor>`, 'kt-rule-editor');
    const toggle = () => root(editor).querySelector<HTMLInputElement>('input[role="switch"]')!;
    await until(() => expect(toggle()).to.not.equal(null));
    await expectAccessible(editor);
    expect(textOf(part(editor, 'rule'))).to.contain('Deep').and.to.contain('An order comes in');
    toggle().focus();
    await sendKeys({ press: 'Space' });
    await until(async () => expect((await crm.rules.get(rule.id)).enabled).to.equal(true));

    root(editor).querySelector<HTMLButtonElement>('button[aria-label="Edit Deep"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(part(editor, 'json')).to.not.equal(null));
    expect(textOf(part(editor, 'conditions'))).to.contain('nest deeper than the builder shows');
    await until(() => expect(summary(editor)).to.match(/of 3 records match/));

    // An empty name is the SDK's to refuse, next to the field.
    const name = part<HTMLInputElement>(editor, 'name');
    await retype(name, 'x');
    await sendKeys({ press: 'Backspace' });
    part(editor, 'save').click();
    await until(() => expect(name.getAttribute('aria-invalid')).to.equal('true'));
    expect(textOf(root(editor).getElementById(name.getAttribute('aria-describedby')!))).to.not.equal('');

    await retype(name, 'Deep, renamed');
    part(editor, 'save').click();
    await until(async () => expect((await crm.rules.get(rule.id)).name).to.equal('Deep, renamed'));
    expect((await crm.rules.get(rule.id)).conditions).to.deep.equal(deep);

    // Someone else changes it meanwhile: saving says so and stores nothing.
    const current = await crm.rules.get(rule.id);
    await crm.rules.update(rule.id, { priority: 5 }, { expectedVersion: current.version });
    await retype(name, 'Mine');
    part(editor, 'save').click();
    await until(() => expect(textOf(root(editor).querySelector('[role="alert"]'))).to.contain('changed this rule in the meantime'));
    expect((await crm.rules.get(rule.id)).name).to.equal('Deep, renamed');

    // A page that names the rule opens its editor straight away.
    const opened = await mount<KtRuleEditor>(html`<kt-rule-editor rule-id=${rule.id} .crm=${crm}></kt-rule-editor>`, 'kt-rule-editor');
    await until(() => expect(part<HTMLInputElement>(opened, 'name').value).to.equal('Deep, renamed'));

    // The list again, by keyboard, leaving "Mine" unsaved.
    part(editor, 'back').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(part<HTMLDialogElement>(editor, 'dialog').open).to.equal(true));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(textOf(part(editor, 'rule'))).to.contain('Deep, renamed'));
  });

  it('offers the templates in the UI language, and again in a new one after a switch', async () => {
    const { crm } = await world();
    const host = await mount<HTMLDivElement>(html`<div lang="cs"><kt-rule-editor .crm=${crm}></kt-rule-editor></div>`, 'div');
    const editor = host.querySelector<KtRuleEditor>('kt-rule-editor')!;
    const offered = () => [...root(editor).querySelectorAll('[part="template"] option')].slice(1).map(textOf);
    await until(() => expect(offered()).to.include('Stálý zákazník').and.include('Spící po 90 dnech'));
    host.lang = 'en';
    await until(() => expect(offered()).to.include('Regular customer').and.include('Dormant after 90 days'));
  });

  it('drafts a template in the currency of the shop set after the editor opened, as the SDK stores it', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const host = await mount<HTMLDivElement>(html`<div lang="cs"><kt-rule-editor .crm=${crm}></kt-rule-editor></div>`, 'div');
    const editor = host.querySelector<KtRuleEditor>('kt-rule-editor')!;
    await until(() => expect(root(editor).querySelectorAll('[part="template"] option').length).to.be.above(2));
    // A Czech shop, as the demo's first visit sets it up once the page is there.
    await crm.settings.update({ defaultCountry: 'CZ' });
    const stored = (await crm.rules.templates({ language: 'cs' })).find((template) => template.key === 'big_order_star')!;
    expect(stored.rule.conditions).to.deep.equal({ fact: 'order.total', op: 'gte', value: 5_000_000, currency: 'CZK' });

    await until(() => expect(root(editor).querySelector('[part="template"] option[value="big_order_star"]')!.getAttribute('title')).to.equal(stored.description));
    // The first template opens the editor, whose own select then takes the second.
    root(editor).querySelector<HTMLSelectElement>('[part="template"] select')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(part<HTMLInputElement>(editor, 'name').value).to.equal('Stav po první zaplacené objednávce'));
    root(editor).querySelector<HTMLSelectElement>('[part="template"] select')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(part<HTMLInputElement>(editor, 'name').value).to.equal('Hvězda za velkou objednávku'));
    const condition = root(editor).querySelector('[part="condition"]')!;
    expect(condition.querySelector<HTMLInputElement>('input[aria-label="Částka"]')!.value).to.equal('50000');
    expect(condition.querySelector<HTMLSelectElement>('select[aria-label="Měna"]')!.value).to.equal('CZK');
  });

  it('says a blank name or task title is to be filled in, in the language of the page', async () => {
    const { crm } = await world();
    const host = await mount<HTMLDivElement>(html`<div lang="cs"><kt-rule-editor .crm=${crm}></kt-rule-editor></div>`, 'div');
    const editor = host.querySelector<KtRuleEditor>('kt-rule-editor')!;
    await until(() => expect(part(editor, 'empty')).to.not.equal(null));
    part(editor, 'new').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(part(editor, 'editor')).to.not.equal(null));

    // "Vytvořit úkol" is the eighth action type; its title is left blank.
    root(editor).querySelector<HTMLSelectElement>('[part="action-type"]')!.focus();
    for (let i = 0; i < 7; i++) await sendKeys({ press: 'ArrowDown' });
    const title = await until(() => {
      const input = root(editor).querySelector<HTMLInputElement>('[part="action"] input[aria-label="Úkol"]');
      expect(input?.getAttribute('aria-invalid')).to.equal('true');
      return input!;
    });
    expect(textOf(root(editor).getElementById(title.getAttribute('aria-describedby')!))).to.equal('Vyplňte toto pole.');

    part(editor, 'save').focus();
    await sendKeys({ press: 'Enter' });
    const name = part<HTMLInputElement>(editor, 'name');
    await until(() => expect(name.getAttribute('aria-invalid')).to.equal('true'));
    expect(textOf(root(editor).getElementById(name.getAttribute('aria-describedby')!))).to.equal('Vyplňte toto pole.');
    expect(await crm.rules.list()).to.deep.equal([]);

    // A number out of range says its bound, and a rule left without actions says what to add.
    const due = root(editor).querySelector<HTMLInputElement>('[part="action"] input[aria-label="Termín za dní"]')!;
    await retype(due, '-1');
    await until(() => expect(textOf(root(editor).getElementById(due.getAttribute('aria-describedby') ?? ''))).to.equal('Zadejte nejméně 0.'));
    root(editor).querySelector<HTMLButtonElement>('[part="action"] [part="remove"]')!.click();
    await until(() => expect(textOf(part(editor, 'actions').querySelector('.field-error'))).to.equal('Přidejte alespoň jednu akci.'));
  });

  it('says what a tax-ID country must look like', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const [lead] = await crm.statuses.list();
    const rule = await crm.rules.create({
      name: 'Czech buyers',
      trigger: 'order.created',
      conditions: { all: [{ fact: 'client.taxCountry', op: 'in', value: ['CZ'] }] },
      actions: [{ type: 'set_status', statusId: lead!.id }],
    });
    const editor = await mount<KtRuleEditor>(html`<kt-rule-editor rule-id=${rule.id} .crm=${crm}></kt-rule-editor>`, 'kt-rule-editor');
    const countries = await until(() => {
      const input = root(editor).querySelector<HTMLInputElement>('[part="condition"] input[aria-label="Countries (comma-separated)"]');
      expect(input).to.not.equal(null);
      return input!;
    });
    await retype(countries, 'CZE');
    await until(() => expect(countries.getAttribute('aria-invalid')).to.equal('true'));
    expect(textOf(root(editor).getElementById(countries.getAttribute('aria-describedby')!))).to.equal('Enter a two-letter country code, such as CZ.');
  });

  it('shows the label of each field of an action, on a phone too', async () => {
    const { crm } = await world();
    const [lead] = await crm.statuses.list();
    const rule = await crm.rules.create({
      name: 'Follow-up',
      trigger: 'order.created',
      conditions: { all: [] },
      actions: [
        { type: 'create_task', title: 'Call back', dueInDays: 2 },
        { type: 'add_note', text: 'Big buyer' },
        { type: 'emit_event', payload: { template: 'welcome' } },
        { type: 'set_status', statusId: lead!.id },
      ],
    });
    await setViewport({ width: 390, height: 844 });
    try {
      const host = await mount<HTMLDivElement>(html`<div lang="sl" style="width: 342px"><kt-rule-editor rule-id=${rule.id} .crm=${crm}></kt-rule-editor></div>`, 'div');
      const editor = host.querySelector<KtRuleEditor>('kt-rule-editor')!;
      await until(() => expect(part<HTMLInputElement>(editor, 'name').value).to.equal('Follow-up'));
      const names = ['Opravilo', 'Rok čez (dni)', 'Izvajalec (neobvezno)', 'Besedilo', 'Prednost', 'Podatki (JSON)', 'Status'];
      const shown = names.map((name) => {
        const field = root(editor).querySelector<HTMLInputElement>(`[part="action"] [aria-label="${name}"]`)!;
        const label = field.labels?.[0];
        const box = label?.getBoundingClientRect();
        // Seen, not only heard: a label a sighted user reads, inside the screen.
        const seen = !!label && label.checkVisibility() && box!.width > 20 && box!.right <= host.getBoundingClientRect().right + 0.5 && textOf(label).startsWith(name);
        return `${name}: ${seen ? 'shown' : 'not shown'}`;
      });
      expect(shown).to.deep.equal(names.map((name) => `${name}: shown`));
      await expectAccessible(editor);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('shows a member the rules and what they match, without letting them change any', async () => {
    const storage = memoryAdapter();
    const admin = await createCrm({ storage });
    const [lead] = await admin.statuses.list();
    await admin.clients.create({ name: 'Jana', owner: 'eva' });
    await admin.rules.create({ name: 'Lead', trigger: 'client.created', conditions: { all: [] }, actions: [{ type: 'set_status', statusId: lead!.id }] });
    const eva = await createCrm({ storage, principal: { userId: 'eva', role: 'member' } });
    const editor = await mount<KtRuleEditor>(html`<kt-rule-editor .crm=${eva}></kt-rule-editor>`, 'kt-rule-editor');
    await until(() => expect(root(editor).querySelector('button[aria-label="View Lead"]')).to.not.equal(null));
    await expectAccessible(editor);
    expect(textOf(part(editor, 'admins-only'))).to.equal('Only an admin can change the rules.');
    expect({ switch: root(editor).querySelector<HTMLInputElement>('[role="switch"]')!.disabled, new: part(editor, 'new'), apply: root(editor).querySelector('button[aria-label^="Apply"]') })
      .to.deep.equal({ switch: true, new: null, apply: null });

    root(editor).querySelector<HTMLButtonElement>('button[aria-label="View Lead"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(summary(editor)).to.equal('1 of 1 records match · 1 client would change'));
    const controls = [...root(editor).querySelectorAll<HTMLInputElement>('[part="editor"] fieldset.plain :is(input, select, button, textarea)')];
    expect(controls.length).to.be.above(4);
    expect(controls.filter((control) => control.matches(':enabled')).map((control) => control.getAttribute('part') ?? control.tagName)).to.deep.equal([]);
    expect(part<HTMLInputElement>(editor, 'name').value).to.equal('Lead');
    part(editor, 'back').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(root(editor).querySelector('button[aria-label="View Lead"]')).to.not.equal(null));
  });

  it('keeps the keyboard in the element: Edit goes to the name, Back and Delete to the list', async () => {
    const { crm } = await world();
    const [lead] = await crm.statuses.list();
    const lead1 = await crm.rules.create({ name: 'Lead', trigger: 'order.created', conditions: { all: [] }, actions: [{ type: 'set_status', statusId: lead!.id }] });
    await crm.rules.create({ name: 'Other', trigger: 'order.paid', conditions: { all: [] }, actions: [{ type: 'set_status', statusId: lead!.id }] });
    const host = await mount<HTMLDivElement>(html`<div lang="cs"><kt-rule-editor .crm=${crm}></kt-rule-editor></div>`, 'div');
    const editor = host.querySelector<KtRuleEditor>('kt-rule-editor')!;
    const dialog = () => part<HTMLDialogElement>(editor, 'dialog');
    /** Where the keyboard is, as a screen reader would name it. */
    const focused = () => {
      if (document.activeElement !== editor) return `outside: ${document.activeElement?.tagName}`;
      const inside = root(editor).activeElement as HTMLElement | null;
      return inside ? inside.getAttribute('aria-label') ?? inside.getAttribute('part') ?? textOf(inside) : 'nothing';
    };
    const edit = async (name: string) => {
      await until(() => expect(root(editor).querySelector(`button[aria-label="Upravit ${name}"]`)).to.not.equal(null));
      root(editor).querySelector<HTMLButtonElement>(`button[aria-label="Upravit ${name}"]`)!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => expect(part<HTMLInputElement>(editor, 'name').value).to.equal(name));
      await until(() => expect(focused()).to.equal('name'));
    };

    // Edit, then Back with nothing changed: the keyboard is on the rule's Edit button again.
    await edit('Other');
    part(editor, 'back').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(focused()).to.equal('Upravit Other'));

    // Back over unsaved changes, discarded in the dialog: the same.
    await edit('Lead');
    await sendKeys({ type: ' 2' });
    part(editor, 'back').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(dialog().open).to.equal(true));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(focused()).to.equal('Upravit Lead'));

    // Delete: the rule's row is gone, so the keyboard goes to the list's heading.
    await edit('Lead');
    part(editor, 'delete').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(dialog().open).to.equal(true));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(async () => expect((await crm.rules.list()).map((rule) => rule.id)).to.not.include(lead1.id));
    await until(() => expect(focused()).to.equal('Pravidla'));
    expect(textOf(part(editor, 'message'))).to.equal('Pravidlo smazáno.');
  });

  it('refuses to save a rule without a name by Save, on the name, until it has one (phone)', async () => {
    const { crm } = await world();
    await setViewport({ width: 390, height: 844 });
    try {
      const host = await mount<HTMLDivElement>(html`<div lang="cs" style="width: 342px"><kt-rule-editor .crm=${crm}></kt-rule-editor></div>`, 'div');
      const editor = host.querySelector<KtRuleEditor>('kt-rule-editor')!;
      await until(() => expect(part(editor, 'empty')).to.not.equal(null));
      part(editor, 'new').focus();
      await sendKeys({ press: 'Enter' });
      await until(() => expect(part(editor, 'editor')).to.not.equal(null));
      await until(() => expect(summary(editor)).to.match(/záznamů/));

      const save = part(editor, 'save');
      save.focus();
      await sendKeys({ press: 'Enter' });
      const refusal = await until(() => {
        expect(textOf(part(editor, 'save-error'))).to.equal('Opravte označená pole, abyste mohli pravidlo uložit.');
        return part(editor, 'save-error');
      });
      // Said once, by Save (not at the top, about the dry run), and the keyboard is on the name.
      expect(textOf(root(editor).querySelector('[role="alert"]:not([part="save-error"])'))).to.equal('');
      expect(refusal.getBoundingClientRect().top - save.getBoundingClientRect().bottom).to.be.within(0, 60);
      const name = part<HTMLInputElement>(editor, 'name');
      expect(root(editor).activeElement?.getAttribute('part')).to.equal('name');
      const error = root(editor).getElementById(name.getAttribute('aria-describedby')!)!;
      expect(textOf(error)).to.equal('Vyplňte toto pole.');
      // Its message right under the name, not under the priority further down.
      expect(error.getBoundingClientRect().top - name.getBoundingClientRect().bottom).to.be.within(0, 8);
      expect(Math.round(error.getBoundingClientRect().left)).to.equal(Math.round(name.getBoundingClientRect().left));

      // A name: the field is fine and the refusal goes; Save then saves.
      await sendKeys({ type: 'Velká objednávka' });
      await until(() => expect(textOf(part(editor, 'save-error'))).to.equal(''));
      expect(name.getAttribute('aria-invalid')).to.equal('false');
      save.focus();
      await sendKeys({ press: 'Enter' });
      await until(async () => expect((await crm.rules.list()).map((rule) => rule.name)).to.deep.equal(['Velká objednávka']));
      expect(textOf(part(editor, 'message'))).to.equal('Uloženo.');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('fits a phone: the template select shrinks with the screen', async () => {
    const { crm } = await world();
    await setViewport({ width: 390, height: 844 });
    try {
      const host = await mount<HTMLDivElement>(html`<div lang="pl" style="width: 342px"><kt-rule-editor .crm=${crm}></kt-rule-editor></div>`, 'div');
      const editor = host.querySelector<KtRuleEditor>('kt-rule-editor')!;
      await until(() => expect(root(editor).querySelectorAll('[part="template"] option').length).to.be.above(1));
      const select = root(editor).querySelector('[part="template"] select')!;
      expect(select.getBoundingClientRect().right).to.be.at.most(host.getBoundingClientRect().right);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
