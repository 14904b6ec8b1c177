import { expect } from 'chai';
import { html } from 'lit';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm } from '../../src/index.ts';
import '../../components/define/all.ts';
import { mount, textOf, until } from './helpers.ts';

const payload = '<img src=x onerror="window.__ktXssAll=1">';
const link = 'javascript:window.__ktXssAll=1';

/** Every element in `root` and in the shadow roots below it. */
function everything(root: ParentNode): Element[] {
  return [...root.querySelectorAll('*')].flatMap((element) => [element, ...(element.shadowRoot ? everything(element.shadowRoot) : [])]);
}

describe('every element shows text fields as text', () => {
  it('never renders markup or links a javascript: URL from any field a user or a shop can fill', async () => {
    const crm = await createCrm({ storage: memoryAdapter(), settings: { autoCreateClients: true } });
    await crm.statuses.create({ name: payload, group: payload });
    await crm.stars.create({ name: payload, color: '#123456' });
    const [status] = (await crm.statuses.list()).filter((s) => s.name === payload);
    const client = await crm.clients.create({
      name: payload,
      accountCode: payload,
      statusId: status!.id,
      contacts: [{ name: payload, role: payload }],
      note: link,
      owner: payload,
      nextOrderReminder: payload,
      currency: 'CZK',
      tags: [payload.slice(0, 40)],
      billingAddress: { street: link, city: payload, label: payload },
      deliveryAddresses: [{ street: payload, city: link }],
      externalLinks: [{ integration: payload, accountId: link }],
    });
    await crm.orders.upsert({
      id: 'x-1',
      number: payload,
      channel: payload,
      status: payload,
      currency: 'CZK',
      total: 100,
      createdAt: new Date().toISOString(),
      billing: { company: payload, name: link },
      notes: { customer: payload, shopPublic: link, shopPrivate: payload },
    });
    await crm.orders.link('x-1', client.id);
    await crm.notes.add({ clientId: client.id }, { text: payload, priority: 'high' });
    await crm.activities.add(client.id, { type: 'call', subject: payload, text: link });
    await crm.tasks.create({ clientId: client.id, title: payload, due: new Date(Date.now() - 86_400_000).toISOString(), assignee: payload, note: link });
    const pipeline = await crm.pipelines.create({ name: payload, stages: [{ name: payload }, { name: link }] });
    await crm.pipelines.place(client.id, pipeline.id, pipeline.stages[0]!.id);
    const rule = await crm.rules.create({ name: payload, trigger: 'order.created', conditions: { fact: 'client.tag', op: 'has', value: payload.slice(0, 40) }, actions: [{ type: 'add_note', text: payload }, { type: 'create_task', title: payload, dueInDays: 1, assignee: payload }] });
    await crm.rules.applyToExisting(rule.id);

    const page = await mount<HTMLElement>(
      html`<div>
        <kt-client-table .crm=${crm}></kt-client-table>
        <kt-client-table view="cards" .crm=${crm}></kt-client-table>
        <kt-client-picker order-id="x-1" .crm=${crm}></kt-client-picker>
        <kt-client-card client-id=${client.id} .crm=${crm}></kt-client-card>
        <kt-notes order-id="x-1" .crm=${crm}></kt-notes>
        <kt-crm-settings .crm=${crm}></kt-crm-settings>
        <kt-task-list .crm=${crm}></kt-task-list>
        <kt-pipeline-board .crm=${crm}></kt-pipeline-board>
        <kt-rule-editor .crm=${crm}></kt-rule-editor>
        <kt-rule-editor rule-id=${rule.id} .crm=${crm}></kt-rule-editor>
        <kt-csv-export .crm=${crm}></kt-csv-export>
      </div>`,
      'div',
    );
    // Wait until each element shows the payload as text.
    await until(() => {
      for (const tag of ['kt-client-table', 'kt-client-picker', 'kt-client-card', 'kt-task-list', 'kt-pipeline-board', 'kt-rule-editor', 'kt-csv-export']) {
        for (const element of page.querySelectorAll(tag)) expect(everything(element.shadowRoot!).some((node) => textOf(node).includes('<img src=x')), tag).to.equal(true);
      }
    }, 5000);
    const all = everything(page);
    expect(all.filter((element) => element.localName === 'img')).to.deep.equal([]);
    expect(all.filter((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on')))).to.deep.equal([]);
    const hrefs = all.flatMap((element) => (element instanceof HTMLAnchorElement ? [element.href] : []));
    expect(hrefs.length).to.be.above(0);
    expect(hrefs.filter((href) => !href.startsWith('https://'))).to.deep.equal([]);
    expect((window as { __ktXssAll?: number }).__ktXssAll).to.equal(undefined);
  });
});
