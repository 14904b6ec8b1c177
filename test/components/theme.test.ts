import { expect } from 'chai';
import { html } from 'lit';
import { emulateMedia } from '@web/test-runner-commands';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm, type Client, type Crm } from '../../src/index.ts';
import '../../components/define/all.ts';
import { contrastOn, lowContrastTexts } from './contrast.ts';
import { mount, shadow, textOf, until } from './helpers.ts';

async function world(): Promise<{ crm: Crm; client: Client }> {
  const crm = await createCrm({ storage: memoryAdapter(), settings: { defaultCountry: 'CZ' } });
  const client = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440', emails: ['nakup@alza.cz'], temperature: 'warm' });
  await crm.tasks.create({ clientId: client.id, title: 'Call about the invoice', due: new Date(Date.now() - 86_400_000).toISOString() });
  const sales = await crm.pipelines.create({ name: 'Sales', stages: [{ name: 'Lead' }, { name: 'Won' }] });
  await crm.pipelines.place(client.id, sales.id, sales.stages[0]!.id);
  await crm.orders.upsert({ id: 'o-1', number: 'A-1', currency: 'CZK', total: 50_000, createdAt: '2026-10-01T10:00:00Z', billing: { company: 'Nobody s.r.o.' } });
  return { crm, client };
}

/** The elements a shop admin shows, on a page area in `scheme` painting its default colours. */
async function pageIn(scheme: string, lang: string): Promise<HTMLElement> {
  const { crm, client } = await world();
  const area = await mount<HTMLElement>(
    html`<div style="color-scheme: ${scheme}; background: Canvas; color: CanvasText" lang=${lang}>
      <kt-client-table .crm=${crm}></kt-client-table>
      <kt-client-card client-id=${client.id} .crm=${crm}></kt-client-card>
      <kt-task-list .crm=${crm}></kt-task-list>
      <kt-pipeline-board .crm=${crm}></kt-pipeline-board>
      <kt-client-picker order-id="o-1" .crm=${crm}></kt-client-picker>
      <kt-rule-editor .crm=${crm}></kt-rule-editor>
      <kt-crm-settings .crm=${crm}></kt-crm-settings>
    </div>`,
    'div',
  );
  const rendered = (selector: string, inside: string) => textOf(shadow(area.querySelector(selector)!).querySelector(inside));
  await until(() => {
    expect(rendered('kt-client-table', '.body')).to.contain('Alza.cz a.s.');
    expect(rendered('kt-client-card', 'h2')).to.contain('Alza.cz a.s.');
    expect(rendered('kt-task-list', 'ul')).to.contain('Call about the invoice');
    expect(rendered('kt-pipeline-board', 'section')).to.contain('Alza.cz a.s.');
    expect(rendered('kt-client-picker', '.hint')).to.contain('Nobody s.r.o.');
    expect(rendered('kt-crm-settings', 'h3')).to.not.equal('');
  });
  return area;
}

/** Whether a computed `rgb()` colour is light: its channels average above the middle. */
const isLight = (color: string) => (color.match(/[\d.]+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b) / 3) > 128;

describe('colour scheme', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  for (const [system, page] of [
    ['light', 'dark'],
    ['dark', 'light'],
  ] as const) {
    for (const lang of ['en', 'cs']) {
      it(`follows a page in ${page} while the system prefers ${system} (${lang}): every text reaches 4.5:1`, async () => {
        await emulateMedia({ colorScheme: system });
        const area = await pageIn(page, lang);
        const heading = shadow(area.querySelector('kt-task-list')!).querySelector('h3')!;
        expect(lowContrastTexts(area)).to.deep.equal([]);
        expect(isLight(getComputedStyle(heading).color), 'heading text light').to.equal(page === 'dark');
      });
    }
  }

  for (const scheme of ['light', 'dark']) {
    it(`outlines a star in the ${scheme} scheme so any colour the shop picks stands out at 3:1`, async () => {
      const crm = await createCrm({ storage: memoryAdapter() });
      const stars = await crm.stars.list();
      await crm.clients.create({ name: 'Alza.cz a.s.', stars: stars.map((star) => star.id) });
      const area = await mount<HTMLElement>(html`<div style="color-scheme: ${scheme}; background: Canvas"><kt-client-table .crm=${crm}></kt-client-table></div>`, 'div');
      const table = area.querySelector('kt-client-table')!;
      const shown = await until(() => {
        const found = [...shadow(table).querySelectorAll('.star')];
        expect(found).to.have.length(stars.length);
        return found;
      });
      for (const star of shown) {
        const style = getComputedStyle(star);
        expect(parseFloat(style.webkitTextStrokeWidth), star.getAttribute('title')!).to.be.above(0);
        expect(contrastOn(star, style.webkitTextStrokeColor), star.getAttribute('title')!).to.be.at.least(3);
      }
    });
  }

  it('follows the system when the page takes either scheme (`color-scheme: light dark`)', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const area = await pageIn('light dark', 'en');
    const cell = shadow(area.querySelector('kt-client-table')!).querySelector('.body [role="gridcell"]')!;
    expect(isLight(getComputedStyle(cell).color), 'cell text light').to.equal(true);
    expect(lowContrastTexts(area)).to.deep.equal([]);
  });
});
