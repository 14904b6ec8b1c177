import { expect } from 'chai';
import { html } from 'lit';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm, type Client, type Crm, type Pipeline } from '../../src/index.ts';
import type { KtClientOpenEvent, KtPipelineBoard } from '../../components/index.ts';
import '../../components/define/all.ts';
import { expectAccessible, mount, shadow, textOf, until } from './helpers.ts';

async function world(): Promise<{ crm: Crm; sales: Pipeline; alza: Client; kasa: Client; mall: Client }> {
  const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
  const sales = await crm.pipelines.create({ name: 'Sales', stages: [{ name: 'Lead' }, { name: 'Offer', color: '#1f5fbf' }, { name: 'Won' }] });
  const [lead, offer] = sales.stages;
  const alza = await crm.clients.create({ name: 'Alza.cz a.s.' });
  const kasa = await crm.clients.create({ name: 'Kasa.cz s.r.o.' });
  const mall = await crm.clients.create({ name: 'Mall Group' });
  await crm.pipelines.place(alza.id, sales.id, lead!.id);
  await crm.pipelines.place(kasa.id, sales.id, lead!.id);
  await crm.pipelines.place(mall.id, sales.id, offer!.id);
  return { crm, sales, alza, kasa, mall };
}

async function board(crm: Crm, pipelineId?: string): Promise<KtPipelineBoard> {
  const element = pipelineId
    ? await mount<KtPipelineBoard>(html`<kt-pipeline-board pipeline-id=${pipelineId} .crm=${crm}></kt-pipeline-board>`, 'kt-pipeline-board')
    : await mount<KtPipelineBoard>(html`<kt-pipeline-board .crm=${crm}></kt-pipeline-board>`, 'kt-pipeline-board');
  await until(() => expect(shadow(element).querySelector('section, [part=empty]')).to.not.equal(null));
  return element;
}

const columns = (element: KtPipelineBoard) => [...shadow(element).querySelectorAll('section')];
const column = (element: KtPipelineBoard, name: string) => columns(element).find((s) => textOf(s.querySelector('h3')) === name)!;
const cardNames = (element: KtPipelineBoard, name: string) => [...column(element, name).querySelectorAll('li .open')].map(textOf);
const card = (element: KtPipelineBoard, clientName: string) => [...shadow(element).querySelectorAll('li')].find((li) => textOf(li.querySelector('.open')) === clientName)!;
const stageOf = async (crm: Crm, clientId: string, pipelineId: string) => (await crm.pipelines.placements(clientId)).find((p) => p.pipelineId === pipelineId)?.stageId;

describe('<kt-pipeline-board>', () => {
  it('keeps a card moved by keyboard in view on a phone, where the columns scroll sideways', async () => {
    const { crm, sales, mall } = await world();
    await setViewport({ width: 390, height: 844 });
    try {
      const element = await board(crm, sales.id);
      await until(() => expect(cardNames(element, 'Offer')).to.deep.equal(['Mall Group']));
      const scroller = shadow(element).querySelector<HTMLElement>('.columns')!;
      const inView = () => {
        const [card, view] = [shadow(element).activeElement!.getBoundingClientRect(), scroller.getBoundingClientRect()];
        return card.left >= view.left - 1 && card.right <= view.right + 1;
      };
      card(element, 'Mall Group').querySelector<HTMLElement>('.open')!.focus();
      for (const [key, stage] of [['ArrowRight', 2], ['ArrowLeft', 1], ['ArrowLeft', 0]] as const) {
        await sendKeys({ down: 'Alt' });
        await sendKeys({ press: key });
        await sendKeys({ up: 'Alt' });
        await until(async () => expect(await stageOf(crm, mall.id, sales.id)).to.equal(sales.stages[stage]!.id));
        await until(() => expect(textOf(shadow(element).activeElement)).to.equal('Mall Group'));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(inView(), `the card in ${sales.stages[stage]!.name} is in the board's view`).to.equal(true);
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('is accessible and shows the first pipeline: a column per stage with its count and cards', async () => {
    const { crm } = await world();
    const element = await board(crm);
    await expectAccessible(element);
    expect(columns(element).map((s) => textOf(s.querySelector('h3')))).to.deep.equal(['Lead', 'Offer', 'Won']);
    expect(textOf(column(element, 'Lead').querySelector('header'))).to.contain('2 clients');
    expect(textOf(column(element, 'Offer').querySelector('header'))).to.contain('1 client');
    expect(cardNames(element, 'Lead')).to.have.members(['Alza.cz a.s.', 'Kasa.cz s.r.o.']);
    expect(cardNames(element, 'Offer')).to.deep.equal(['Mall Group']);
    expect(textOf(column(element, 'Won'))).to.contain('No clients');
    // One pipeline: no chooser.
    expect(shadow(element).querySelector('[part=toolbar]')).to.equal(null);
  });

  it('moves a card with the keyboard: the Move-to select and its button; announces it and keeps the focus on the card', async () => {
    const { crm, sales, alza } = await world();
    const element = await board(crm, sales.id);
    const select = card(element, 'Alza.cz a.s.').querySelector('select')!;
    expect(select.getAttribute('aria-label')).to.equal('Move Alza.cz a.s. to');
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(select.value).to.equal(sales.stages[1]!.id);
    // Choosing alone moves nothing.
    expect(await stageOf(crm, alza.id, sales.id)).to.equal(sales.stages[0]!.id);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(async () => expect(await stageOf(crm, alza.id, sales.id)).to.equal(sales.stages[1]!.id));
    await until(() => expect(cardNames(element, 'Offer')).to.have.members(['Alza.cz a.s.', 'Mall Group']));
    expect(cardNames(element, 'Lead')).to.deep.equal(['Kasa.cz s.r.o.']);
    expect(textOf(shadow(element).querySelector('[aria-live=polite]'))).to.equal('Alza.cz a.s. moved to Offer.');
    expect(shadow(element).activeElement).to.equal(card(element, 'Alza.cz a.s.').querySelector('select'));
    // The conversion of Lead now shows: 1 of the 2 that entered went further.
    await until(() => expect(textOf(column(element, 'Lead').querySelector('header'))).to.contain('50% went further'));
    expect(textOf(column(element, 'Offer').querySelector('header'))).to.contain('2 clients');
  });

  it('announces a move in Czech, also one made before the language changed to Czech', async () => {
    const { crm, sales } = await world();
    const element = await mount<KtPipelineBoard>(html`<div lang="en"><kt-pipeline-board pipeline-id=${sales.id} .crm=${crm}></kt-pipeline-board></div>`, 'kt-pipeline-board');
    await until(() => expect(cardNames(element, 'Lead')).to.have.length(2));
    const moved = card(element, 'Alza.cz a.s.');
    moved.querySelector('select')!.value = sales.stages[2]!.id;
    [...moved.querySelectorAll('button')].find((button) => textOf(button) === 'Move')!.click();
    const live = () => textOf(shadow(element).querySelector('[aria-live=polite]'));
    await until(() => expect(live()).to.equal('Alza.cz a.s. moved to Won.'));
    element.parentElement!.setAttribute('lang', 'cs');
    await until(() => expect(live()).to.equal('Alza.cz a.s.: přesunuto do fáze Won.'));
  });

  it('goes from card to card with the arrow keys, and moves a client a stage on or back with Alt+→ and Alt+←', async () => {
    const { crm, sales, mall } = await world();
    const element = await board(crm, sales.id);
    const focused = () => textOf(shadow(element).activeElement);
    const [first, second] = cardNames(element, 'Lead');
    card(element, first!).querySelector<HTMLElement>('.open')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal(second);
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal('Mall Group');
    // No card in Won: nothing further right.
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal('Mall Group');
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ up: 'Alt' });
    await until(async () => expect(await stageOf(crm, mall.id, sales.id)).to.equal(sales.stages[2]!.id));
    await until(() => expect(cardNames(element, 'Won')).to.deep.equal(['Mall Group']));
    await until(() => expect(focused()).to.equal('Mall Group'));
    expect(textOf(shadow(element).querySelector('[aria-live=polite]'))).to.equal('Mall Group moved to Won.');
    // The last stage: Alt+→ goes nowhere; Alt+← back.
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ up: 'Alt' });
    await until(async () => expect(await stageOf(crm, mall.id, sales.id)).to.equal(sales.stages[1]!.id));
    await until(() => expect(cardNames(element, 'Offer')).to.deep.equal(['Mall Group']));
    await until(() => expect(focused()).to.equal('Mall Group'));
    // To the next column at the same height; End and Home within it.
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused()).to.equal(first);
    await sendKeys({ press: 'End' });
    expect(focused()).to.equal(second);
    await sendKeys({ press: 'Home' });
    expect(focused()).to.equal(first);
  });

  it('moves a card by drag and drop', async () => {
    const { crm, sales, kasa } = await world();
    const element = await board(crm, sales.id);
    const dataTransfer = new DataTransfer();
    const target = column(element, 'Won');
    card(element, 'Kasa.cz s.r.o.').dispatchEvent(new DragEvent('dragstart', { bubbles: true, composed: true, dataTransfer }));
    const over = new DragEvent('dragover', { bubbles: true, cancelable: true, composed: true, dataTransfer });
    target.dispatchEvent(over);
    expect(over.defaultPrevented).to.equal(true);
    await element.updateComplete;
    expect(target.getAttribute('part')).to.equal('column drop');
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, composed: true, dataTransfer }));
    await until(async () => expect(await stageOf(crm, kasa.id, sales.id)).to.equal(sales.stages[2]!.id));
    await until(() => expect(cardNames(element, 'Won')).to.deep.equal(['Kasa.cz s.r.o.']));
    expect(textOf(shadow(element).querySelector('[aria-live=polite]'))).to.equal('Kasa.cz s.r.o. moved to Won.');
    expect(column(element, 'Won').getAttribute('part')).to.equal('column');
  });

  it('fires kt-client-open when Enter activates a card', async () => {
    const { crm, mall } = await world();
    const element = await board(crm);
    const opened: string[] = [];
    document.addEventListener('kt-client-open', (e: KtClientOpenEvent) => opened.push(e.clientId), { once: true });
    card(element, 'Mall Group').querySelector<HTMLButtonElement>('.open')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(opened).to.deep.equal([mall.id]);
  });

  it('follows moves made elsewhere', async () => {
    const { crm, sales, mall } = await world();
    const element = await board(crm);
    await crm.pipelines.move(mall.id, sales.id, sales.stages[2]!.id);
    await until(() => expect(cardNames(element, 'Won')).to.deep.equal(['Mall Group']));
    expect(textOf(column(element, 'Offer'))).to.contain('No clients');
  });

  it('switches between several pipelines with a select', async () => {
    const { crm, alza } = await world();
    // Pipelines list by creation time: let the clock move on.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const hiring = await crm.pipelines.create({ name: 'Partners', stages: [{ name: 'Contacted' }, { name: 'Signed' }] });
    await crm.pipelines.place(alza.id, hiring.id, hiring.stages[1]!.id);
    const element = await board(crm);
    await expectAccessible(element);
    const select = shadow(element).querySelector<HTMLSelectElement>('[part=toolbar] select')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['Sales', 'Partners']);
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => expect(columns(element).map((s) => textOf(s.querySelector('h3')))).to.deep.equal(['Contacted', 'Signed']));
    expect(cardNames(element, 'Signed')).to.deep.equal(['Alza.cz a.s.']);
  });

  it('says so when the pipeline asked for does not exist', async () => {
    const { crm } = await world();
    const element = await mount<KtPipelineBoard>(html`<kt-pipeline-board pipeline-id="pip_gone" .crm=${crm}></kt-pipeline-board>`, 'kt-pipeline-board');
    await until(() => expect(textOf(shadow(element).querySelector('[role=alert]'))).to.equal('This pipeline does not exist (any more).'));
    expect(columns(element)).to.have.length(0);
  });

  it('shows an empty state without pipelines, in Polish', async () => {
    const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
    const element = await mount<KtPipelineBoard>(html`<kt-pipeline-board locale="pl" .crm=${crm}></kt-pipeline-board>`, 'kt-pipeline-board');
    await until(() => expect(textOf(shadow(element).querySelector('[part=empty]'))).to.equal('Nie ma jeszcze żadnego lejka.'));
    await expectAccessible(element);
    await crm.pipelines.create({ name: 'Sprzedaż', stages: [{ name: 'Nowy' }] });
    await until(() => expect(columns(element).map((s) => textOf(s.querySelector('h3')))).to.deep.equal(['Nowy']));
    expect(textOf(column(element, 'Nowy').querySelector('header'))).to.contain('0 klientów');
  });
});
