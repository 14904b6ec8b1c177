import { expect } from 'chai';
import { isCrmError, type CrmEvent } from '../../src/index.ts';
import { openCrm, shopOrder } from './fixtures.ts';

// Base's "Clients" flow end to end (B8–B15), as the scenario describes it.
describe('scenario: Base flow from order to merged client and back', () => {
  it('auto-creates, links, unlinks, relinks, replaces billing, merges, and undoes', async () => {
    const crm = await openCrm();
    const events: CrmEvent['type'][] = [];
    crm.on('*', (event) => events.push(event.type));

    // Setting on (B8), with the status new clients get.
    const newPartner = (await crm.statuses.list()).find((s) => s.name === 'New partner')!;
    await crm.settings.update({ autoCreateClients: true, defaultStatusId: newPartner.id, defaultCountry: 'CZ' });

    // A B2B order creates a client from its billing.
    const first = await crm.orders.upsert(shopOrder({ id: 'A-1', billing: { company: 'Alza.cz a.s.', taxId: 'CZ27082440', email: 'nakup@alza.cz' } }));
    expect(first.clientId).to.be.a('string');
    const client = await crm.clients.get(first.clientId!);
    expect(client).to.include({ name: 'Alza.cz a.s.', statusId: newPartner.id, lifecycle: 'current', number: 1 });
    expect(client.taxId).to.include({ country: 'CZ', value: '27082440', verified: true });
    expect(crm.clients.label(client)).to.equal('Alza.cz a.s., CZ27082440 (Client: 1)');

    // A second order with the same tax ID typed differently links to it.
    const second = await crm.orders.upsert(shopOrder({ id: 'A-2', billing: { company: 'ALZA', taxId: '270 82 440' } }));
    expect(second.clientId).to.equal(client.id);
    expect(second.linkSource).to.equal('auto');
    expect((await crm.clients.list()).items).to.have.length(1);

    // Unlink, and it stays unlinked when the shop sends it again; relink by hand.
    await crm.orders.unlink('A-2');
    expect((await crm.orders.upsert(shopOrder({ id: 'A-2', total: 999, billing: { company: 'ALZA', taxId: '270 82 440' } }))).clientId).to.equal(undefined);
    const relinked = await crm.orders.link('A-2', client.id);
    expect(relinked).to.include({ clientId: client.id, linkSource: 'manual', total: 999 });

    // Billing replaced with the client's, then restored by undo.
    const replaced = await crm.orders.applyClientBilling('A-2', client.id);
    expect(replaced.billing.company).to.equal('Alza.cz a.s.');
    const replacement = (await crm.activities.list(client.id)).items.find((a) => a.type === 'billing_replaced')!;
    await crm.activities.undo(replacement.id);
    expect((await crm.orders.get('A-2')).billing).to.deep.include({ company: 'ALZA' });

    // The same company typed in by hand under another name with no tax ID; its unlinked order.
    const twin = await crm.clients.create({ name: 'Alza.cz a.s.', emails: ['faktury@alza.cz'] });
    await crm.orders.upsert(shopOrder({ id: 'A-3', billing: { company: 'Alza.cz a.s.', email: 'x@alza.cz' } }));
    const duplicates = await crm.clients.findDuplicates();
    const pair = duplicates.find((d) => d.kind === 'clients');
    expect(pair && pair.kind === 'clients' && pair.clients.map((c) => c.id).sort()).to.deep.equal([client.id, twin.id].sort());
    expect(duplicates.some((d) => d.kind === 'unlinked_orders' && d.orderIds.includes('A-3'))).to.equal(true);

    // Merge the twin in, then undo the merge.
    await crm.notes.add({ clientId: twin.id }, { text: 'Invoices to faktury@', priority: 'high' });
    const merged = await crm.clients.merge(client.id, twin.id);
    expect(merged.emails).to.deep.equal(['nakup@alza.cz', 'faktury@alza.cz']);
    expect(await crm.notes.list({ clientId: client.id })).to.have.length(1);
    const mergeEntry = (await crm.activities.list(client.id)).items.find((a) => a.type === 'clients_merged')!;
    await crm.activities.undo(mergeEntry.id);
    expect((await crm.clients.get(twin.id)).emails).to.deep.equal(['faktury@alza.cz']);
    expect((await crm.clients.get(client.id)).emails).to.deep.equal(['nakup@alza.cz']);
    expect(await crm.notes.list({ clientId: twin.id })).to.have.length(1);
    expect(await crm.notes.list({ clientId: client.id })).to.have.length(0);

    // Undoing twice is refused.
    const again = await crm.activities.undo(mergeEntry.id).catch((e: unknown) => e);
    expect(isCrmError(again) && again.code).to.equal('conflict');

    expect(events).to.include.members(['client.created', 'order.linked', 'order.unlinked', 'clients.merged', 'activity.undone']);
  });
});
