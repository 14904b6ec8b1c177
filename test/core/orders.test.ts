import { expect } from 'chai';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import type { CrmEventMap } from '../../src/index.ts';
import { openCrm, shopOrder, rejection } from './fixtures.ts';

describe('orders', () => {
  it('upserts by the shop id: the same id updates and never duplicates', async () => {
    const crm = await openCrm();
    const first = await crm.orders.upsert(shopOrder({ id: 'X-1', total: 100 }));
    const again = await crm.orders.upsert(shopOrder({ id: 'X-1', total: 250, status: 'shipped', paymentState: 'paid' }));
    expect(first.version).to.equal(1);
    expect(again).to.include({ version: 2, total: 250, status: 'shipped', paymentState: 'paid' });
    expect((await crm.orders.list()).items).to.have.length(1);
  });

  it('keeps every order field: items, totals in minor units, documents, the three kinds of notes', async () => {
    const crm = await openCrm();
    const input = shopOrder({
      id: 'full',
      accountCode: 'alza-b2b',
      delivery: { company: 'Alza sklad', street: 'Jankovcova 1522/53', city: 'Praha 7', postalCode: '170 00', country: 'CZ' },
      items: [{ sku: 'NB-1', name: 'Notebook', quantity: 2, unitPrice: 2_499_000, discount: 100_000 }],
      subtotal: 4_898_000,
      shipping: 0,
      tax: 1_028_580,
      total: 5_926_580,
      documents: [{ kind: 'invoice', number: 'FV-2026-118', issuedAt: '2026-10-16T08:00:00Z' }],
      notes: { customer: 'Ring at gate 3', shopPublic: 'Ships Monday', shopPrivate: 'Check credit limit' },
      couponCode: 'B2B10',
    });
    const order = await crm.orders.upsert(input);
    const { billing, ...rest } = input;
    expect(order).to.deep.include(rest);
    expect(order.billing.taxId).to.deep.equal({ input: 'CZ27082440', country: 'CZ', value: '27082440', verified: true });
  });

  it('rejects invalid orders with paths and stores nothing', async () => {
    const crm = await openCrm();
    const error = await rejection(crm.orders.upsert({ ...shopOrder(), total: 12.5, currency: 'czk', billing: { email: 'x@y.cz' } } as never));
    expect(error.code).to.equal('validation');
    expect(error.fields.map((f) => f.path.join('.'))).to.include.members(['total', 'currency', 'billing.company']);
    expect((await crm.orders.list()).items).to.deep.equal([]);
  });

  it('links to the client with the same tax ID, VAT ID or buyer account; others stay unlinked', async () => {
    const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
    const alza = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: '27082440' });
    const mall = await crm.clients.create({ name: 'Internet Mall', vatId: 'CZ26204967', accountCode: 'mall-01' });
    expect((await crm.orders.upsert(shopOrder({ billing: { company: 'Alza', taxId: 'cz 270 82 440' } }))).clientId).to.equal(alza.id);
    expect((await crm.orders.upsert(shopOrder({ billing: { company: 'Mall', taxId: 'CZ26204967' } }))).clientId).to.equal(mall.id);
    expect((await crm.orders.upsert(shopOrder({ accountCode: 'mall-01', billing: { name: 'Eva' } }))).clientId).to.equal(mall.id);
    expect((await crm.orders.upsert(shopOrder({ billing: { name: 'Retail buyer' } }))).clientId).to.equal(undefined);
    expect((await crm.orders.upsert(shopOrder({ billing: { company: 'Unknown s.r.o.', taxId: 'CZ00177041' } }))).clientId).to.equal(undefined);
    expect(await crm.clients.count()).to.equal(2);
  });

  it('auto-creates clients only for B2B orders with a valid tax ID, when the setting is on', async () => {
    const crm = await openCrm();
    expect(crm.settings.get().autoCreateClients).to.equal(false);
    await crm.settings.update({ autoCreateClients: true });
    const retail = await crm.orders.upsert(shopOrder({ billing: { name: 'Jan Novák', email: 'jan@example.cz' } }));
    const typo = await crm.orders.upsert(shopOrder({ billing: { company: 'Typo s.r.o.', taxId: 'CZ27082441' } }));
    expect(retail.clientId).to.equal(undefined);
    expect(typo.clientId).to.equal(undefined);
    const b2b = await crm.orders.upsert(
      shopOrder({
        accountCode: 'kovo',
        delivery: { street: 'Skladová 1', city: 'Brno', country: 'CZ' },
        billing: { company: 'Kovo a.s.', name: 'Petr Malý', taxId: 'CZ00177041', email: 'petr@kovo.cz', phone: '+420 777 111 222', address: { city: 'Brno' } },
      }),
    );
    const client = await crm.clients.get(b2b.clientId!);
    expect(client).to.deep.include({
      name: 'Kovo a.s.',
      kind: 'company',
      accountCode: 'kovo',
      emails: ['petr@kovo.cz'],
      phones: ['+420 777 111 222'],
      contacts: [{ name: 'Petr Malý', email: 'petr@kovo.cz', phone: '+420 777 111 222' }],
      billingAddress: { city: 'Brno' },
      deliveryAddresses: [{ street: 'Skladová 1', city: 'Brno', country: 'CZ' }],
      lifecycle: 'current',
      currency: 'CZK',
    });
    expect(b2b.linkSource).to.equal('created');
  });

  it('works by the settings another instance on the store saved', async () => {
    const storage = memoryAdapter();
    const [shop, backOffice] = [await openCrm({ storage }), await openCrm({ storage })];
    const heard: unknown[] = [];
    shop.on('settings.changed', ({ settings }) => heard.push(settings));
    // The instance that saved them reads them already when it tells of them.
    const read: unknown[] = [];
    backOffice.on('settings.changed', () => read.push(backOffice.settings.get().defaultCountry));
    await backOffice.settings.update({ autoCreateClients: true, defaultCountry: 'SK' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(shop.settings.get()).to.include({ autoCreateClients: true, defaultCountry: 'SK' });
    expect(heard).to.deep.equal([shop.settings.get()]);
    expect(read).to.deep.equal(['SK']);
    // Saving the same settings again changes nothing, and tells nobody.
    await backOffice.settings.update({ defaultCountry: 'SK' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).to.have.length(1);
    await shop.orders.upsert(shopOrder({ id: 'from-shop' }));
    expect(await shop.clients.count()).to.equal(1);
  });

  it('after a link by hand, later orders of the same tax ID or account follow (B11); unlinking forgets it', async () => {
    const crm = await openCrm();
    const client = await crm.clients.create({ name: 'Hand-picked s.r.o.' });
    const first = await crm.orders.upsert(shopOrder({ accountCode: 'acc-7', billing: { company: 'HP', taxId: 'CZ00177041' } }));
    expect(first.clientId).to.equal(undefined);
    await crm.orders.link(first.id, client.id);
    expect((await crm.orders.upsert(shopOrder({ billing: { company: 'HP', taxId: '00177041 ' } }))).clientId).to.equal(undefined);
    expect((await crm.orders.upsert(shopOrder({ billing: { company: 'HP', taxId: 'CZ 001 77 041' } }))).clientId).to.equal(client.id);
    expect((await crm.orders.upsert(shopOrder({ accountCode: 'acc-7', billing: { name: 'Someone' } }))).clientId).to.equal(client.id);
    await crm.orders.unlink(first.id);
    expect((await crm.orders.upsert(shopOrder({ billing: { company: 'HP', taxId: 'CZ00177041' } }))).clientId).to.equal(undefined);
  });

  it('learns nothing from a tax ID without a digit: other buyers type "-" or "N/A" too', async () => {
    const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
    const alfa = await crm.clients.create({ name: 'Alfa s.r.o.' });
    for (const taxId of ['-', 'N/A']) {
      const first = await crm.orders.upsert(shopOrder({ billing: { company: 'Alfa s.r.o.', taxId } }));
      await crm.orders.link(first.id, alfa.id);
      expect((await crm.orders.upsert(shopOrder({ billing: { company: 'Beta a.s.', taxId } }))).clientId).to.equal(undefined);
      const [imported] = (await crm.orders.import([shopOrder({ id: `import-${taxId}`, billing: { company: 'Beta a.s.', taxId } })])).errors;
      expect(imported).to.equal(undefined);
      expect((await crm.orders.get(`import-${taxId}`)).clientId).to.equal(undefined);
    }
  });

  it('relinks an order from one client to another, with timeline entries on both', async () => {
    const crm = await openCrm();
    const a = await crm.clients.create({ name: 'A', taxId: 'CZ27082440' });
    const b = await crm.clients.create({ name: 'B' });
    const order = await crm.orders.upsert(shopOrder());
    expect(order.clientId).to.equal(a.id);
    const moved = await crm.orders.link(order.id, b.id, { expectedVersion: order.version });
    expect(moved.clientId).to.equal(b.id);
    expect((await crm.activities.list(a.id)).items.map((x) => x.type)).to.include('order_unlinked');
    expect((await crm.activities.list(b.id)).items.map((x) => x.type)).to.include('order_linked');
    expect((await rejection(crm.orders.unlink(order.id, { expectedVersion: order.version }))).code).to.equal('conflict');
  });

  it('replaces billing with the client data (B10), keeping the old billing for undo', async () => {
    const crm = await openCrm();
    const client = await crm.clients.create({
      name: 'Alza.cz a.s.',
      taxId: 'CZ27082440',
      emails: ['fakturace@alza.cz'],
      billingAddress: { street: 'Jankovcova 1522/53', city: 'Praha', postalCode: '17000', country: 'CZ' },
      contacts: [{ name: 'Ing. Karel Dvořák' }],
    });
    const order = await crm.orders.upsert(shopOrder({ billing: { company: 'alza', name: 'Karel', phone: '777 000 111' } }));
    const replaced = await crm.orders.applyClientBilling(order.id, client.id);
    expect(replaced.clientId).to.equal(client.id);
    expect(replaced.billing).to.deep.include({
      company: 'Alza.cz a.s.',
      name: 'Ing. Karel Dvořák',
      email: 'fakturace@alza.cz',
      phone: '777 000 111',
      address: client.billingAddress,
    });
    const entry = (await crm.activities.list(client.id)).items.find((x) => x.type === 'billing_replaced')!;
    expect(entry.data).to.deep.include({ previous: order.billing });
    await crm.orders.upsert(shopOrder({ id: order.id, billing: { company: 'changed by the shop' } }));
    expect((await rejection(crm.activities.undo(entry.id))).code).to.equal('conflict');
  });

  it('creates a client from an order (B9); a bad tax ID there is a validation error', async () => {
    const crm = await openCrm();
    const order = await crm.orders.upsert(shopOrder({ billing: { company: 'Nová firma s.r.o.', taxId: 'PL 526-000-12-46' } }));
    const client = await crm.clients.createFromOrder(order.id);
    expect(client.taxId).to.include({ country: 'PL', value: '5260001246' });
    expect((await crm.orders.get(order.id))).to.include({ clientId: client.id, linkSource: 'created' });
    const typo = await crm.orders.upsert(shopOrder({ billing: { company: 'Typo', taxId: 'CZ27082441' } }));
    const error = await rejection(crm.clients.createFromOrder(typo.id));
    expect(error.fields[0]!.path).to.deep.equal(['taxId']);
    expect((await rejection(crm.clients.createFromOrder('missing'))).code).to.equal('not_found');
  });

  it('filters by tax ID in any formatting (B19), by client newest first, linked or not, by dates', async () => {
    const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
    const client = await crm.clients.create({ name: 'Alza', taxId: 'CZ27082440' });
    for (const day of [3, 1, 2]) await crm.orders.upsert(shopOrder({ id: `d${day}`, createdAt: `2026-10-0${day}T10:00:00Z` }));
    await crm.orders.upsert(shopOrder({ id: 'other', billing: { name: 'Retail' } }));
    expect((await crm.orders.list({ taxId: '270 82 440' })).items.map((o) => o.id)).to.deep.equal(['d3', 'd2', 'd1']);
    expect((await crm.orders.list({ clientId: client.id })).items.map((o) => o.id)).to.deep.equal(['d3', 'd2', 'd1']);
    expect((await crm.orders.list({ clientId: client.id, direction: 'asc', limit: 2 })).items.map((o) => o.id)).to.deep.equal(['d1', 'd2']);
    expect((await crm.orders.list({ linked: false })).items.map((o) => o.id)).to.deep.equal(['other']);
    expect((await crm.orders.list({ from: '2026-10-02T00:00:00Z', to: '2026-10-03T00:00:00Z' })).items.map((o) => o.id)).to.deep.equal(['d2']);
  });

  it('tells the host about the next-order reminder when the client\'s next order links (K11)', async () => {
    const crm = await openCrm();
    await crm.clients.create({ name: 'Alza', taxId: 'CZ27082440', nextOrderReminder: 'Offer the 2027 price list' });
    const linked: CrmEventMap['order.linked'][] = [];
    crm.on('order.linked', (event) => linked.push(event));
    await crm.orders.upsert(shopOrder());
    expect(linked).to.have.length(1);
    expect(linked[0]!.reminder).to.equal('Offer the 2027 price list');
  });

  it('finds orders by number, buyer, e-mail, tax ID and all three kinds of notes (K1), kept current', async () => {
    const crm = await openCrm();
    await crm.orders.upsert(shopOrder({ id: 'n1', number: '2026/0042', notes: { customer: 'Ring at gate 3' } }));
    await crm.orders.upsert(shopOrder({ id: 'n2', number: '2026/0043', billing: { company: 'Datart s.r.o.', email: 'eshop@datart.cz' }, notes: { shopPublic: 'Ships Monday' } }));
    await crm.orders.upsert(shopOrder({ id: 'n3', number: '2026/0044', billing: { name: 'Jiří Růžička' }, notes: { shopPrivate: 'Check the credit limit' } }));
    const ids = async (text: string) => (await crm.orders.search(text)).map((o) => o.id);
    expect(await ids('2026/0042')).to.deep.equal(['n1']);
    expect(await ids('alza gate')).to.deep.equal(['n1']);
    expect(await ids('eshop@datart')).to.deep.equal(['n2']);
    expect(await ids('monday')).to.deep.equal(['n2']);
    expect(await ids('ruzicka credit')).to.deep.equal(['n3']);
    expect(await ids('270 82 440')).to.deep.equal(['n1']);
    await crm.orders.upsert(shopOrder({ id: 'n2', number: '2026/0043', billing: { company: 'Datart s.r.o.' }, notes: { shopPublic: 'Ships Friday' } }));
    expect(await ids('monday')).to.deep.equal([]);
    expect(await ids('friday')).to.deep.equal(['n2']);
    expect(crm.searchStats().orders.documents).to.equal(3);
  });
});
