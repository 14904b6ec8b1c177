import type { Crm } from '../../src/index.ts';

/** A handful of real-looking B2B clients and orders, until the SDK's own sample data lands. */
export async function insertDemoData(crm: Crm): Promise<void> {
  const statuses = await crm.statuses.list();
  const status = (name: string) => statuses.find((s) => s.name === name)?.id;
  await crm.settings.update({ autoCreateClients: true, defaultStatusId: status('New partner')!, defaultCountry: 'CZ' });

  await crm.clients.create({ name: 'ŠKODA AUTO a.s.', taxId: 'CZ00177041', statusId: status('VIP'), lifecycle: 'current', emails: ['nakup@skoda-auto.cz'], phones: ['+420 326 811 111'], discountPercent: 8 });
  await crm.clients.create({ name: 'ČEZ, a. s.', taxId: 'CZ45274649', statusId: status('Lead'), temperature: 'warm', emails: ['dodavatele@cez.cz'] });
  await crm.clients.create({ name: 'Slovnaft, a.s.', taxId: 'SK2020317068', statusId: status('Regular customer'), lifecycle: 'current', currency: 'EUR', language: 'sk' });
  await crm.clients.create({ name: 'Kovina Žalec d.o.o.', taxId: 'SI 5022 3054', statusId: status('Individual terms'), lifecycle: 'current', currency: 'EUR', language: 'sl' });
  await crm.clients.create({ name: 'Hurtownia Łódź sp. z o.o.', taxId: 'PL 527-010-33-91', statusId: status('Lead'), temperature: 'hot', currency: 'PLN', language: 'pl' });

  const orders = [
    { id: '2026-1001', company: 'Alza.cz a.s.', taxId: 'CZ27082440', total: 1_259_900 },
    { id: '2026-1002', company: 'ALZA.CZ', taxId: '270 82 440', total: 349_000 },
    { id: '2026-1003', company: 'ŠKODA AUTO', taxId: '00177041', total: 9_870_000 },
    { id: '2026-1004', company: 'Slovnaft', taxId: 'SK 2020317068', total: 120_000, currency: 'EUR' },
    { id: '2026-1005', name: 'Jan Novák', total: 59_900 },
    { id: '2026-1006', company: 'ČEZ a.s.', total: 2_400_000 },
  ];
  for (const [i, o] of orders.entries()) {
    await crm.orders.upsert({
      id: o.id,
      number: o.id,
      channel: 'eshop',
      currency: o.currency ?? 'CZK',
      total: o.total,
      createdAt: new Date(Date.UTC(2026, 9, 1 + i * 5, 9)).toISOString(),
      billing: { ...(o.company ? { company: o.company } : { name: o.name! }), ...(o.taxId ? { taxId: o.taxId } : {}) },
    });
  }
}
