import { expect } from 'chai';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm } from '../../src/index.ts';
import type { KtCrmSettings } from '../../components/index.ts';
import '../../components/define/all.ts';
import { deliveredByHand } from '../delivered-by-hand.ts';
import { expectAccessible, mount, shadow, textOf, until } from './helpers.ts';

/** The label of what has the focus inside the panel, to compare as text. */
const focused = (panel: KtCrmSettings) => shadow(panel).activeElement?.getAttribute('aria-label') ?? '';
/** The label and value of the field with the focus, to compare as text. */
const focusedField = (panel: KtCrmSettings) => `${focused(panel)}: ${(shadow(panel).activeElement as HTMLInputElement | null)?.value}`;

describe('<kt-crm-settings>', () => {
  it('switches automatic clients on with their default status (B8)', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const [, newPartner] = await crm.statuses.list();
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm}></kt-crm-settings>`, 'kt-crm-settings');
    await until(() => expect(shadow(panel).querySelectorAll('[part="entry"]').length).to.be.above(4));
    await expectAccessible(panel);
    const checkbox = shadow(panel).querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    checkbox.click();
    await until(() => expect(crm.settings.get().autoCreateClients).to.equal(true));
    const select = shadow(panel).querySelector<HTMLSelectElement>('section select')!;
    select.value = newPartner!.id;
    select.dispatchEvent(new Event('change'));
    await until(() => expect(crm.settings.get().defaultStatusId).to.equal(newPartner!.id));
    await crm.orders.upsert({ id: 'o-1', currency: 'CZK', total: 1, createdAt: '2026-11-01T00:00:00Z', billing: { company: 'Alza', taxId: 'CZ27082440' } });
    expect((await crm.clients.search('alza'))[0]!.statusId).to.equal(newPartner!.id);
  });

  it('keeps its selects within a phone-wide panel, however long an option is in Slovenian', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const panel = await mount<KtCrmSettings>(html`<div style="width: 340px"><kt-crm-settings .crm=${crm} locale="sl"></kt-crm-settings></div>`, 'kt-crm-settings');
    await until(() => expect(shadow(panel).querySelectorAll('[part="entry"]').length).to.be.above(4));
    // "Nobena: vsaka davčna številka potrebuje predpono države" made its select 451 px wide.
    const right = panel.getBoundingClientRect().right;
    const wide = [...shadow(panel).querySelectorAll('select')].filter((select) => select.getBoundingClientRect().right > right + 1);
    expect(wide.map((select) => select.options[0]?.textContent)).to.deep.equal([]);
  });

  it('adds, renames, reorders and deletes statuses, asking what their clients get instead (B4)', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const [lead, newPartner] = await crm.statuses.list();
    const client = await crm.clients.create({ name: 'Alza', statusId: lead!.id });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm}></kt-crm-settings>`, 'kt-crm-settings');
    await until(() => expect(shadow(panel).querySelectorAll('[part="entry"]').length).to.be.above(4));
    const statuses = shadow(panel).querySelectorAll('[part="section"]')[1]!;
    const form = statuses.querySelector('form')!;
    form.querySelector<HTMLInputElement>('[name="name"]')!.value = 'Wholesale';
    form.querySelector<HTMLInputElement>('[name="group"]')!.value = 'Partners';
    form.requestSubmit();
    await until(async () => expect((await crm.statuses.list()).map((s) => s.name)).to.include('Wholesale'));
    const name = () => [...shadow(panel).querySelectorAll<HTMLInputElement>('[part="entry"] input[aria-label="Name"]')].find((input) => input.value === 'Lead')!;
    await until(() => expect(name()).to.not.equal(undefined));
    const leadName = name();
    leadName.value = 'Prospect';
    leadName.dispatchEvent(new Event('change'));
    await until(async () => expect((await crm.statuses.list())[0]!.name).to.equal('Prospect'));
    // ↑ and ↓ move a status among its group's; Prospect is alone in its group.
    expect(shadow(panel).querySelector<HTMLButtonElement>('button[aria-label="Move Prospect down"]')!.disabled).to.equal(true);
    shadow(panel).querySelector<HTMLButtonElement>('button[aria-label="Move Regular customer up"]')!.click();
    await until(async () => expect((await crm.statuses.list()).slice(0, 3).map((s) => s.name)).to.deep.equal(['Prospect', 'Regular customer', newPartner!.name]));
    await until(() => expect(shadow(panel).querySelector('button[aria-label="Delete Prospect"]')).to.not.equal(null));
    shadow(panel).querySelector<HTMLButtonElement>('button[aria-label="Delete Prospect"]')!.click();
    const dialog = shadow(panel).querySelector('dialog')!;
    await until(() => expect(dialog.open).to.equal(true));
    const replacement = dialog.querySelector('select')!;
    replacement.value = newPartner!.id;
    dialog.querySelector<HTMLButtonElement>('button[value="delete"]')!.click();
    await until(async () => expect((await crm.clients.get(client.id)).statusId).to.equal(newPartner!.id));
    expect((await crm.statuses.list()).map((s) => s.name)).to.not.include('Prospect');
    expect(textOf(shadow(panel).querySelector('[role="status"]'))).to.equal('Saved.');
  });

  it('shows settings changed elsewhere, and picks the tax-ID country by its name', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm} lang="cs"></kt-crm-settings>`, 'kt-crm-settings');
    const checkbox = () => shadow(panel).querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    const country = () => shadow(panel).querySelectorAll<HTMLSelectElement>('section select')[1]!;
    await until(() => expect(country()).to.not.equal(undefined));
    expect(checkbox().checked).to.equal(false);
    expect(country().selectedOptions[0]!.textContent).to.equal('Žádná: každé IČO musí mít předponu země');

    await crm.settings.update({ autoCreateClients: true, defaultCountry: 'SK' });
    await until(() => expect(checkbox().checked).to.equal(true));
    expect(country().selectedOptions[0]!.textContent).to.equal('Slovensko (SK)');

    const labels = [...country().options].map((option) => option.textContent);
    expect(labels).to.include.members(['Česko (CZ)', 'Řecko (EL)', 'Severní Irsko (XI)']);
    country().value = 'CZ';
    country().dispatchEvent(new Event('change'));
    await until(() => expect(crm.settings.get().defaultCountry).to.equal('CZ'));
  });

  it('shows the stored country after the user picked two and another writer set the first again', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm}></kt-crm-settings>`, 'kt-crm-settings');
    const country = () => shadow(panel).querySelectorAll<HTMLSelectElement>('section select')[1]!;
    await until(() => expect(country()).to.not.equal(undefined));
    for (const code of ['CZ', 'SK']) {
      country().value = code;
      country().dispatchEvent(new Event('change'));
      await until(() => expect(crm.settings.get().defaultCountry).to.equal(code));
    }
    await crm.settings.update({ defaultCountry: 'CZ' });
    await until(() => expect(country().value).to.equal('CZ'));
  });

  it('keeps the focus on a status or star kind moved by keyboard, so pressing again moves it on', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm}></kt-crm-settings>`, 'kt-crm-settings');
    const group = () => [...shadow(panel).querySelectorAll<HTMLInputElement>('[part="entry"] input[aria-label="Group"]')][2];
    await until(() => expect(group()?.value).to.equal('Partners'));
    group()!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(panel)).to.equal('Move Regular customer up');
    await sendKeys({ press: 'Enter' });
    await until(async () => expect((await crm.statuses.list()).map((s) => s.name).slice(0, 3)).to.deep.equal(['Lead', 'Regular customer', 'New partner']));
    // At the top of its group its ↑ is disabled: the focus takes its ↓, and Enter moves it back.
    await until(() => expect(focused(panel)).to.equal('Move Regular customer down'));
    await sendKeys({ press: 'Enter' });
    await until(async () => expect((await crm.statuses.list()).map((s) => s.name).slice(0, 3)).to.deep.equal(['Lead', 'New partner', 'Regular customer']));
    await until(() => expect(focused(panel)).to.equal('Move Regular customer up'));

    shadow(panel).querySelector<HTMLButtonElement>('button[aria-label="Move Green down"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(async () => expect((await crm.stars.list()).map((s) => s.name)).to.deep.equal(['Red', 'Yellow', 'Blue', 'Green']));
    await until(() => expect(focused(panel)).to.equal('Move Green up'));
  });

  it("puts the focus on the next entry's name after a delete, not on its delete button", async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm}></kt-crm-settings>`, 'kt-crm-settings');
    const dialog = () => shadow(panel).querySelector('dialog')!;
    const remove = async (entry: string) => {
      [...shadow(panel).querySelectorAll<HTMLInputElement>('[part="entry"] input.name')].find((input) => input.value === entry)!.focus();
      // Past the group and the arrows that are not disabled.
      for (let tabs = 0; tabs < 4 && focused(panel) !== `Delete ${entry}`; tabs++) await sendKeys({ press: 'Tab' });
      expect(focused(panel)).to.equal(`Delete ${entry}`);
      await sendKeys({ press: 'Enter' });
      await until(() => expect(dialog().open).to.equal(true));
      expect(textOf(shadow(panel).activeElement)).to.equal('Cancel');
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
    };
    await until(() => expect(shadow(panel).querySelector('button[aria-label="Delete New partner"]')).to.not.equal(null));

    await remove('New partner');
    await until(async () => expect((await crm.statuses.list()).map((s) => s.name)).to.deep.equal(['Lead', 'Regular customer', 'VIP', 'Individual terms']));
    await until(() => expect(focusedField(panel)).to.equal('Name: Regular customer'));

    // The last one: the one before it.
    await remove('Blue');
    await until(async () => expect((await crm.stars.list()).map((s) => s.name)).to.deep.equal(['Red', 'Yellow', 'Green']));
    await until(() => expect(focusedField(panel)).to.equal('Name: Green'));
  });

  it('says what is wrong with a status name next to its field, and keeps what was typed to correct', async () => {
    const crm = await createCrm({ storage: memoryAdapter(), language: 'sl' });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm} lang="sl"></kt-crm-settings>`, 'kt-crm-settings');
    const name = () => [...shadow(panel).querySelectorAll<HTMLInputElement>('[part="entry"] input[aria-label="Naziv"]')][2]!;
    const described = () => textOf(shadow(panel).getElementById(name().getAttribute('aria-describedby') ?? ''));
    await until(() => expect(name().value).to.equal('Stalna stranka'));
    name().focus();
    name().select();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Tab' });
    await until(() => expect(name().getAttribute('aria-invalid')).to.equal('true'));
    expect(described()).to.equal('Izpolnite to polje.');
    expect(textOf(name().closest('li')!.querySelector('[part="field-error"]'))).to.equal('Izpolnite to polje.');
    expect(shadow(panel).querySelector('.message')).to.equal(null);
    await expectAccessible(panel);
    expect(name().value).to.equal('');
    expect((await crm.statuses.list())[2]!.name).to.equal('Stalna stranka');

    name().focus();
    await sendKeys({ type: 'Redna stranka' });
    await sendKeys({ press: 'Tab' });
    await until(async () => expect((await crm.statuses.list())[2]!.name).to.equal('Redna stranka'));
    await until(() => expect(name().getAttribute('aria-invalid')).to.equal('false'));
    expect(shadow(panel).querySelector('[part="field-error"]')).to.equal(null);
    expect(textOf(shadow(panel).querySelector('[role="status"]'))).to.equal('Shranjeno.');
  });

  it('says next to the add form’s field, in the user’s language, that it is empty', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings locale="cs" .crm=${crm}></kt-crm-settings>`, 'kt-crm-settings');
    await until(() => expect(shadow(panel).querySelectorAll('[part="entry"]').length).to.be.above(4));
    const stars = shadow(panel).querySelectorAll('[part="section"]')[2]!;
    stars.querySelector<HTMLFormElement>('form')!.requestSubmit();
    const name = stars.querySelector<HTMLInputElement>('form input[name="name"]')!;
    await until(() => expect(name.getAttribute('aria-invalid')).to.equal('true'));
    expect(textOf(shadow(panel).getElementById(name.getAttribute('aria-describedby')!))).to.equal('Vyplňte toto pole.');
    expect(await crm.stars.list()).to.have.length(4);
  });

  it('refuses a second status or star kind of the same name, saying so next to the name', async () => {
    const crm = await createCrm({ storage: memoryAdapter(), language: 'cs' });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm} lang="cs"></kt-crm-settings>`, 'kt-crm-settings');
    const [, statuses, stars] = shadow(panel).querySelectorAll('[part="section"]');
    const field = (section: Element, label: string) => section.querySelector<HTMLInputElement>(`form input[aria-label="${label}"]`)!;
    const described = (input: HTMLInputElement) => `${input.getAttribute('aria-invalid')}: ${textOf(shadow(panel).getElementById(input.getAttribute('aria-describedby') ?? ''))}`;
    await until(() => expect(shadow(panel).querySelectorAll('[part="entry"]').length).to.equal(9));

    field(statuses!, 'Název').focus();
    await sendKeys({ type: 'vip' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Partneři' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(described(field(statuses!, 'Název'))).to.equal('true: Stav s tímto názvem už existuje.'));
    expect(focused(panel)).to.equal('Název');
    expect(field(statuses!, 'Název').value).to.equal('vip');
    expect((await crm.statuses.list()).map((s) => s.name)).to.deep.equal(['Zájemce', 'Nový partner', 'Stálý zákazník', 'VIP', 'Individuální podmínky']);

    await sendKeys({ type: ' plus' });
    await sendKeys({ press: 'Enter' });
    await until(async () => expect((await crm.statuses.list()).map((s) => s.name)).to.include('vip plus'));
    await until(() => expect(described(field(statuses!, 'Název'))).to.equal('false: '));

    // Renaming too, whatever the case and diacritics.
    const red = stars!.querySelector<HTMLInputElement>('[part="entry"] input.name')!;
    red.focus();
    red.select();
    await sendKeys({ type: 'zelena' });
    await sendKeys({ press: 'Tab' });
    await until(() => expect(described(red)).to.equal('true: Druh hvězdy s tímto názvem už existuje.'));
    expect((await crm.stars.list()).map((s) => s.name)).to.deep.equal(['Červená', 'Žlutá', 'Zelená', 'Modrá']);
  });

  it('says next to the name that another tab has just given it to a status, as the SDK refuses it', async () => {
    const storage = memoryAdapter();
    const otherTab = await createCrm({ storage, language: 'cs' });
    // This tab has not yet heard of the other tab's status when its user adds one of the same name.
    const crm = await createCrm({ storage: deliveredByHand(storage).storage, language: 'cs' });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm} lang="cs"></kt-crm-settings>`, 'kt-crm-settings');
    await until(() => expect(shadow(panel).querySelectorAll('[part="entry"]').length).to.equal(9));
    await otherTab.statuses.create({ name: 'Spící', group: 'Partneři' });
    const statuses = shadow(panel).querySelectorAll('[part="section"]')[1]!;
    const name = statuses.querySelector<HTMLInputElement>('form input[aria-label="Název"]')!;
    name.focus();
    await sendKeys({ type: 'spici' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Partneři' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(textOf(shadow(panel).getElementById(name.getAttribute('aria-describedby') ?? ''))).to.equal('Tento název už má jiná položka.'));
    expect((await crm.statuses.list()).filter((status) => status.name.toLowerCase().startsWith('sp'))).to.have.length(1);
  });

  it('shows a member the settings without letting them change what the whole team shares', async () => {
    const storage = memoryAdapter();
    await createCrm({ storage });
    const crm = await createCrm({ storage, principal: { userId: 'eva', role: 'member' } });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm}></kt-crm-settings>`, 'kt-crm-settings');
    await until(() => expect(shadow(panel).querySelectorAll('[part="entry"]').length).to.equal(9));
    await expectAccessible(panel);
    expect(textOf(shadow(panel).querySelector('[part="admins-only"]'))).to.equal('Only an admin can change these settings.');
    const controls = [...shadow(panel).querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLSelectElement>('fieldset input, fieldset button, fieldset select')];
    expect(controls.length).to.be.above(20);
    expect(controls.filter((control) => control.matches(':enabled'))).to.deep.equal([]);
    expect(shadow(panel).querySelector('section form'), 'no add form to fill in vain').to.equal(null);
    // The names are still there to read.
    expect(shadow(panel).querySelector<HTMLInputElement>('[part="entry"] input.name')!.value).to.equal('Lead');
  });

  it('asks whether to delete the star, naming it without inflecting it, and says how many clients have it', async () => {
    const crm = await createCrm({ storage: memoryAdapter(), language: 'sl' });
    const [red, yellow] = await crm.stars.list();
    for (const name of ['Alza', 'Mall', 'Datart']) await crm.clients.create({ name, stars: [red!.id] });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm} lang="sl"></kt-crm-settings>`, 'kt-crm-settings');
    const dialog = () => shadow(panel).querySelector('dialog')!;
    const ask = async (label: string) => {
      await until(() => expect(shadow(panel).querySelector(`button[aria-label="${label}"]`)).to.not.equal(null));
      shadow(panel).querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => expect(dialog().open).to.equal(true));
    };
    const title = () => textOf(shadow(panel).getElementById(dialog().getAttribute('aria-labelledby') ?? ''));
    const said = () => [...dialog().querySelectorAll('p')].map(textOf);

    await ask('Izbriši Rdeča');
    expect(title()).to.equal('Izbrišem zvezdico »Rdeča«?');
    await until(() => expect(said()).to.deep.equal(['Izbrišem zvezdico »Rdeča«?', '3 stranke imajo to zvezdico.']));
    expect(textOf(dialog().querySelector('label'))).to.match(/^Kaj namesto nje dobijo njene stranke\?/);
    const [cancel, remove] = dialog().querySelectorAll('button');
    expect(getComputedStyle(remove!).color).to.not.equal(getComputedStyle(cancel!).color);
    await expectAccessible(panel);
    await sendKeys({ press: 'Escape' });
    await until(() => expect(dialog().open).to.equal(false));

    // No client has it: nothing to count.
    expect((await crm.clients.count({ star: yellow!.id }))).to.equal(0);
    await ask('Izbriši Rumena');
    expect(title()).to.equal('Izbrišem zvezdico »Rumena«?');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(said()).to.deep.equal(['Izbrišem zvezdico »Rumena«?']);
    await sendKeys({ press: 'Escape' });

    await ask('Izbriši VIP');
    expect(title()).to.equal('Izbrišem status »VIP«?');
    expect(textOf(dialog().querySelector('label'))).to.match(/^Kaj namesto njega dobijo njegove stranke\?/);
  });

  it('never offers an arrow that changes nothing on screen (the last of a group)', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm}></kt-crm-settings>`, 'kt-crm-settings');
    const statuses = shadow(panel).querySelectorAll('[part="section"]')[1]!;
    const shown = () => [...statuses.querySelectorAll<HTMLInputElement>('[part="entry"] input.name')].map((input) => input.value).join(' | ');
    await until(() => expect(shown()).to.equal('Lead | New partner | Regular customer | VIP | Individual terms'));
    const down = statuses.querySelector<HTMLButtonElement>('button[aria-label="Move Regular customer down"]')!;
    const before = shown();
    const stored = async () => (await crm.statuses.list()).map((s) => s.name).join(' | ');
    const storedBefore = await stored();
    if (!down.disabled) {
      down.click();
      await until(async () => expect(await stored()).to.not.equal(storedBefore));
      await panel.updateComplete;
    }
    // Either the button does something visible, or it is disabled; never an enabled button that changes nothing on screen.
    const outcome = down.disabled ? 'disabled' : shown() !== before ? `moved: ${shown()}` : `no-op on screen: ${shown()} (stored: ${await stored()})`;
    expect(outcome).to.not.match(/^no-op/);
  });

  it('moves a status added to an earlier group among the statuses shown around it', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const panel = await mount<KtCrmSettings>(html`<kt-crm-settings .crm=${crm}></kt-crm-settings>`, 'kt-crm-settings');
    const statuses = shadow(panel).querySelectorAll('[part="section"]')[1]!;
    const shown = () => [...statuses.querySelectorAll<HTMLInputElement>('[part="entry"] input.name')].map((input) => input.value);
    await until(() => expect(shown()).to.have.length(5));
    statuses.querySelector<HTMLInputElement>('form input[name="name"]')!.focus();
    await sendKeys({ type: 'Wholesale' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Partners' });
    await sendKeys({ press: 'Enter' });
    // A new status comes last in the store, but is shown in its group.
    await until(() => expect(shown()).to.deep.equal(['Lead', 'New partner', 'Regular customer', 'Wholesale', 'VIP', 'Individual terms']));
    // Last of its group: it moves up among the Partners, not down into the next group.
    expect(statuses.querySelector<HTMLButtonElement>('button[aria-label="Move Wholesale down"]')!.disabled).to.equal(true);

    statuses.querySelector<HTMLButtonElement>('button[aria-label="Move Wholesale up"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(shown()).to.deep.equal(['Lead', 'New partner', 'Wholesale', 'Regular customer', 'VIP', 'Individual terms']));
    await until(() => expect(focused(panel)).to.equal('Move Wholesale up'));
    expect((await crm.statuses.list()).map((s) => s.name)).to.deep.equal(shown());
  });
});
