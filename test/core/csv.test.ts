import { expect } from 'chai';
import fc from 'fast-check';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { detectDelimiter, neutralizeFormula, parseCsv, restoreFormula, writeCsv, type ClientCsvExportField, type ClientCsvImportProgress, type StorageAdapter } from '../../src/index.ts';
import { lastOrderAt } from '../../src/clients/last-order.ts';
import { openCrm, rejection, shopOrder, snapshot } from './fixtures.ts';

const cells = (text: string, delimiter?: string) => parseCsv(text, delimiter ? { delimiter } : {}).map((r) => r.cells);
const lines = (text: string) => parseCsv(text).map((r) => r.line);

describe('writeCsv', () => {
  it('quotes cells holding the delimiter, a quote or a line break, and ends every row with CRLF', () => {
    expect(writeCsv([['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', '']])).to.equal('plain,"a,b","say ""hi""","two\nlines","cr\rhere",\r\n');
    expect(writeCsv([['a;b', 'a,b']], { delimiter: ';' })).to.equal('"a;b";a,b\r\n');
    expect(writeCsv([['a\tb', 'c']], { delimiter: '\t' })).to.equal('"a\tb"\tc\r\n');
    expect(writeCsv([])).to.equal('');
  });

  it('starts with a byte-order mark when asked', () => {
    expect(writeCsv([['a']], { bom: true })).to.equal('\uFEFFa\r\n');
    expect(writeCsv([['a']])).to.equal('a\r\n');
  });
});

describe('parseCsv', () => {
  it('reads quoted cells with doubled quotes, delimiters and line breaks inside', () => {
    expect(cells('a,"b,c","say ""hi""","two\r\nlines"\r\n')).to.deep.equal([['a', 'b,c', 'say "hi"', 'two\r\nlines']]);
    expect(cells('"",x,""""')).to.deep.equal([['', 'x', '"']]);
  });

  it('takes CRLF, LF and CR line ends, a final line break or none, and a byte-order mark', () => {
    const expected = [['a', 'b'], ['c', 'd']];
    for (const text of ['a,b\r\nc,d\r\n', 'a,b\nc,d\n', 'a,b\rc,d\r', 'a,b\nc,d', '\uFEFFa,b\r\nc,d']) expect(cells(text), JSON.stringify(text)).to.deep.equal(expected);
    expect(cells('')).to.deep.equal([]);
    expect(cells('\uFEFF')).to.deep.equal([]);
  });

  it('keeps empty cells, empty lines and a trailing delimiter', () => {
    expect(cells('a,,\n\nb')).to.deep.equal([['a', '', ''], [''], ['b']]);
  });

  it('uses the delimiter it is given', () => {
    expect(cells('a;"b;c",d\r\n', ';')).to.deep.equal([['a', 'b;c,d']]);
    expect(cells('a\t"b\tc"\n', '\t')).to.deep.equal([['a', 'b\tc']]);
  });

  it('numbers each record by the physical line it starts on', () => {
    expect(lines('h\r\n"one\r\ntwo\rthree\nfour"\r\nnext\n"x\n\ny",z\nlast')).to.deep.equal([1, 2, 6, 7, 10]);
  });

  it('reports a malformed record instead of throwing, and keeps the rest', () => {
    const [broken, next] = parseCsv('"ab"c,d\nok,1\n"open,x\ny');
    expect(broken).to.deep.equal({ line: 1, cells: ['abc', 'd'], problem: 'Text follows a closing quote' });
    expect(next).to.deep.equal({ line: 2, cells: ['ok', '1'] });
    expect(parseCsv('"ab"c,d\nok,1\n"open,x\ny')[2]).to.include({ line: 3, problem: 'A quoted cell is not closed' });
    expect(cells('5" screen,x')).to.deep.equal([['5" screen', 'x']]);
  });

  it('reads back whatever writeCsv writes (property)', () => {
    const cell = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('"', '""', '\r', '\n', '\r\n', ',', ';', '\t', '\uFEFF', '\uFEFFx', ' '));
    const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 });
    fc.assert(
      fc.property(rows, fc.constantFrom(',', ';', '\t'), fc.boolean(), (table, delimiter, bom) => {
        const parsed = parseCsv(writeCsv(table, { delimiter, bom }), { delimiter });
        expect(parsed.map((r) => r.cells)).to.deep.equal(table);
        expect(parsed.every((r) => r.problem === undefined)).to.equal(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter the header row uses most outside quotes', () => {
    expect(detectDelimiter('Název;IČO;"Ulice, č. p."\r\nx,y,z,w')).to.equal(';');
    expect(detectDelimiter('name,taxId\n')).to.equal(',');
    expect(detectDelimiter('a\tb\tc')).to.equal('\t');
    expect(detectDelimiter('"a;b;c",d')).to.equal(',');
    expect(detectDelimiter('name')).to.equal(',');
  });
});

describe('formula neutralising', () => {
  it('puts an apostrophe before a cell starting with = + - @ tab or CR, and takes it off again', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = `${start}cmd|' /C calc'!A0`;
      expect(neutralizeFormula(cell), JSON.stringify(start)).to.equal(`'${cell}`);
      expect(restoreFormula(neutralizeFormula(cell))).to.equal(cell);
    }
    for (const cell of ['Alza', "'quoted'", '', ' =x', '1+1']) {
      expect(neutralizeFormula(cell)).to.equal(cell);
      expect(restoreFormula(cell)).to.equal(cell);
    }
  });
});

/** A store with clients ordering at different times, in statuses and with stars. */
async function shop() {
  const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
  const [lead, partner, , vip] = await crm.statuses.list();
  const [red, yellow] = await crm.stars.list();
  const alza = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440', emails: ['nakup@alza.cz', 'fakturace@alza.cz'], contacts: [{ name: 'Jana', email: 'jana@alza.cz' }, { name: 'Dup', email: 'NAKUP@alza.cz' }], statusId: vip!.id, stars: [red!.id] });
  const cez = await crm.clients.create({ name: 'ČEZ, a. s.', taxId: 'CZ45274649', emails: ['info@cez.cz'], statusId: partner!.id, stars: [yellow!.id], phones: ['+420 211 041 111'] });
  const kovo = await crm.clients.create({ name: 'Kovo Brno s.r.o.', emails: ['kovo@kovo.cz'], statusId: lead!.id });
  const silent = await crm.clients.create({ name: 'Bez e-mailu s.r.o.', taxId: 'CZ00177041', statusId: vip!.id });
  await crm.orders.upsert(shopOrder({ createdAt: '2026-01-10T10:00:00Z', billing: { company: 'Alza', taxId: 'CZ27082440' } }));
  await crm.orders.upsert(shopOrder({ createdAt: '2026-06-30T23:59:59Z', billing: { company: 'Alza', taxId: 'CZ27082440' } }));
  await crm.orders.upsert(shopOrder({ createdAt: '2025-12-31T12:00:00Z', billing: { company: 'ČEZ', taxId: 'CZ45274649' } }));
  await crm.orders.upsert(shopOrder({ createdAt: '2026-03-01T08:00:00Z', billing: { company: 'Bez', taxId: 'CZ00177041' } }));
  return { crm, statuses: { lead: lead!, partner: partner!, vip: vip! }, stars: { red: red!, yellow: yellow! }, clients: { alza, cez, kovo, silent } };
}

const table = (csv: string) => parseCsv(csv).map((r) => r.cells);

describe('lastOrderAt', () => {
  it('is the newest order of the client, or undefined', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage, settings: { defaultCountry: 'CZ' } });
    const client = await crm.clients.create({ name: 'Alza', taxId: 'CZ27082440' });
    const ctx = { storage } as Parameters<typeof lastOrderAt>[0];
    expect(await lastOrderAt(ctx, client.id)).to.equal(undefined);
    for (const createdAt of ['2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z', '2026-04-01T00:00:00Z']) {
      await crm.orders.upsert(shopOrder({ createdAt, billing: { company: 'Alza', taxId: 'CZ27082440' } }));
    }
    expect(await lastOrderAt(ctx, client.id)).to.equal('2026-05-01T00:00:00Z');
  });
});

describe('clients.exportCsv', () => {
  it('writes a header and, by default, number, name, e-mail and tax ID: a row per e-mail, clients without one left out', async () => {
    const { crm } = await shop();
    expect(table(await crm.clients.exportCsv())).to.deep.equal([
      ['number', 'name', 'email', 'taxId'],
      ['1', 'Alza.cz a.s.', 'nakup@alza.cz', 'CZ27082440'],
      ['1', 'Alza.cz a.s.', 'fakturace@alza.cz', 'CZ27082440'],
      ['1', 'Alza.cz a.s.', 'jana@alza.cz', 'CZ27082440'],
      ['2', 'ČEZ, a. s.', 'info@cez.cz', 'CZ45274649'],
      ['3', 'Kovo Brno s.r.o.', 'kovo@kovo.cz', ''],
    ]);
  });

  it('heads the columns with the headers given, a field without one by its name', async () => {
    const { crm } = await shop();
    const [header] = table(await crm.clients.exportCsv({ fields: ['number', 'name', 'email'], headers: { name: 'Název', email: 'E-mail' } }));
    expect(header).to.deep.equal(['number', 'Název', 'E-mail']);
    expect((await rejection(crm.clients.exportCsv({ headers: { name: 'x'.repeat(201) } }))).fields[0]!.path).to.deep.equal(['headers', 'name']);
    // A header for no field is a typo, not a wish.
    expect((await rejection(crm.clients.exportCsv({ headers: { nmae: 'Jméno' } as never }))).fields[0]!.path).to.deep.equal(['headers', 'nmae']);
  });

  it("joins a client's e-mails with '; ' in a row per client, when asked", async () => {
    const { crm } = await shop();
    expect(table(await crm.clients.exportCsv({ fields: ['name', 'email'], emails: 'joined' }))).to.deep.equal([
      ['name', 'email'],
      ['Alza.cz a.s.', 'nakup@alza.cz; fakturace@alza.cz; jana@alza.cz'],
      ['ČEZ, a. s.', 'info@cez.cz'],
      ['Kovo Brno s.r.o.', 'kovo@kovo.cz'],
      ['Bez e-mailu s.r.o.', ''],
    ]);
  });

  it('writes the chosen fields in order, status and stars by name', async () => {
    const { crm, clients } = await shop();
    await crm.clients.update(clients.cez.id, { billingAddress: { city: 'Praha', country: 'CZ' }, tags: ['energie', 'velký'], customFields: { segment: 'B2B' } });
    const rows = table(await crm.clients.exportCsv({ fields: ['taxId', 'city', 'country', 'phone', 'tags', 'status', 'stars', 'lastOrderAt', 'customFields.segment'], emails: 'joined' }));
    expect(rows[0]).to.deep.equal(['taxId', 'city', 'country', 'phone', 'tags', 'status', 'stars', 'lastOrderAt', 'customFields.segment']);
    expect(rows[2]).to.deep.equal(['CZ45274649', 'Praha', 'CZ', "'+420 211 041 111", 'energie; velký', 'New partner', 'Yellow', '2025-12-31T12:00:00Z', 'B2B']);
    expect(rows[3]!.slice(5, 8)).to.deep.equal(['Lead', '', '']);
  });

  it('filters by last-order date: from inclusive, to exclusive, clients that never ordered left out', async () => {
    const { crm } = await shop();
    const names = async (options: Parameters<typeof crm.clients.exportCsv>[0]) =>
      table(await crm.clients.exportCsv({ fields: ['name'], ...options })).slice(1).map(([name]) => name);
    expect(await names({ lastOrderFrom: '2026-01-01' })).to.deep.equal(['Alza.cz a.s.', 'Bez e-mailu s.r.o.']);
    expect(await names({ lastOrderTo: '2026-03-01T08:00:00Z' })).to.deep.equal(['ČEZ, a. s.']);
    expect(await names({ lastOrderTo: '2026-03-01T08:00:01Z' })).to.deep.equal(['ČEZ, a. s.', 'Bez e-mailu s.r.o.']);
    expect(await names({ lastOrderFrom: '2026-06-30T23:59:59Z', lastOrderTo: '2026-07-01' })).to.deep.equal(['Alza.cz a.s.']);
    // Alza's first order falls in this range, but its last does not.
    expect(await names({ lastOrderFrom: '2026-01-01', lastOrderTo: '2026-02-01' })).to.deep.equal([]);
    // Compared as instants, not as text: 01:00 at +02:00 is 23:00 UTC the day before.
    expect(await names({ lastOrderFrom: '2026-07-01T01:00:00+02:00' })).to.deep.equal(['Alza.cz a.s.']);
  });

  it('filters by last-order date through the figures, reading orders only on a day a bound cuts through (property)', async () => {
    const taxIds = ['CZ27082440', 'CZ45274649', 'CZ00177041'];
    const hour = 3_600_000;
    const start = Date.parse('2026-03-01T00:00:00Z');
    // Instants over four days, on the hour: some at midnight, most inside a day.
    const instant = fc.integer({ min: 0, max: 96 }).map((hours) => new Date(start + hours * hour).toISOString());
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ client: fc.integer({ min: 0, max: 2 }), at: instant }), { maxLength: 8 }), fc.option(instant), fc.option(instant), async (orders, from, to) => {
        const storage = memoryAdapter();
        const queries: string[] = [];
        const counted: StorageAdapter = { ...storage, query: (collection, query) => (queries.push(collection), storage.query(collection, query)) };
        const crm = await openCrm({ storage: counted });
        for (const [i, taxId] of taxIds.entries()) await crm.clients.create({ name: `C${i}`, taxId });
        for (const order of orders) await crm.orders.upsert(shopOrder({ createdAt: order.at, billing: { company: 'B', taxId: taxIds[order.client]! } }));
        const last = new Map<number, number>();
        for (const order of orders) last.set(order.client, Math.max(last.get(order.client) ?? -Infinity, Date.parse(order.at)));
        const expected = [...last].filter(([, time]) => (from === null || time >= Date.parse(from)) && (to === null || time < Date.parse(to))).map(([client]) => `C${client}`).sort();
        queries.length = 0;
        const csv = await crm.clients.exportCsv({ fields: ['name'], ...(from === null ? {} : { lastOrderFrom: from }), ...(to === null ? {} : { lastOrderTo: to }) });
        expect(table(csv).slice(1).map(([name]) => name).sort()).to.deep.equal(from === null && to === null ? ['C0', 'C1', 'C2'] : expected);
        // An order look-up per client only where a bound falls inside a day.
        const cutting = [from, to].filter((bound) => bound !== null && !bound.endsWith('T00:00:00.000Z')).length;
        if (cutting === 0) expect(queries.filter((collection) => collection === 'orders')).to.deep.equal([]);
      }),
      { numRuns: 60 },
    );
  });

  it('filters by any of the statuses and any of the stars, combined with each other and the dates', async () => {
    const { crm, statuses, stars } = await shop();
    const names = async (options: Parameters<typeof crm.clients.exportCsv>[0]) =>
      table(await crm.clients.exportCsv({ fields: ['name'], ...options })).slice(1).map(([name]) => name);
    expect(await names({ statusIds: [statuses.vip.id] })).to.deep.equal(['Alza.cz a.s.', 'Bez e-mailu s.r.o.']);
    expect(await names({ statusIds: [statuses.vip.id, statuses.lead.id] })).to.deep.equal(['Alza.cz a.s.', 'Kovo Brno s.r.o.', 'Bez e-mailu s.r.o.']);
    expect(await names({ stars: [stars.red.id, stars.yellow.id] })).to.deep.equal(['Alza.cz a.s.', 'ČEZ, a. s.']);
    expect(await names({ stars: [stars.yellow.id], statusIds: [statuses.vip.id] })).to.deep.equal([]);
    expect(await names({ statusIds: [statuses.vip.id], lastOrderFrom: '2026-02-01', lastOrderTo: '2026-04-01' })).to.deep.equal(['Bez e-mailu s.r.o.']);
    expect(await names({ statusIds: [], stars: [] })).to.have.length(4);
  });

  it("shows a member only the clients they own", async () => {
    const storage = memoryAdapter();
    const admin = await openCrm({ storage });
    await admin.clients.create({ name: 'Mine', owner: 'marta', emails: ['a@mine.cz'] });
    await admin.clients.create({ name: 'Theirs', owner: 'eva', emails: ['b@theirs.cz'] });
    const marta = await openCrm({ storage, principal: { userId: 'marta', role: 'member' } });
    expect(table(await marta.clients.exportCsv({ fields: ['name'] }))).to.deep.equal([['name'], ['Mine']]);
    const [vip] = (await admin.statuses.list()).slice(3);
    await admin.clients.setStatus((await admin.clients.list()).items.map((c) => c.id), vip!.id);
    expect(table(await marta.clients.exportCsv({ fields: ['name'], statusIds: [vip!.id] }))).to.deep.equal([['name'], ['Mine']]);
  });

  it('neutralises every cell a spreadsheet would run as a formula', async () => {
    const crm = await openCrm();
    const starts = ['=', '+', '-', '@', '\t', '\r'];
    await crm.clients.create({
      name: '=HYPERLINK("http://evil.example","Alza")',
      emails: ['x@evil.cz'],
      note: '@SUM(1+1)*cmd',
      customFields: Object.fromEntries(starts.map((start, i) => [`f${i}`, `${start}1+1`])),
    });
    const fields: ClientCsvExportField[] = ['name', 'note', ...starts.map((_, i) => `customFields.f${i}` as const)];
    const [header, row] = table(await crm.clients.exportCsv({ fields }));
    expect(header).to.deep.equal(fields);
    expect(row).to.deep.equal(["'=HYPERLINK(\"http://evil.example\",\"Alza\")", "'@SUM(1+1)*cmd", ...starts.map((start) => `'${start}1+1`)]);
  });

  it("uses the delimiter and byte-order mark asked for", async () => {
    const { crm } = await shop();
    const csv = await crm.clients.exportCsv({ fields: ['name', 'taxId'], emails: 'joined', delimiter: ';', bom: true });
    expect(csv.startsWith('\uFEFFname;taxId\r\nAlza.cz a.s.;CZ27082440\r\nČEZ, a. s.;CZ45274649\r\n')).to.equal(true);
  });

  it('rejects unknown fields and bad options with their paths', async () => {
    const crm = await openCrm();
    expect((await rejection(crm.clients.exportCsv({ fields: ['name', 'password' as never] }))).fields.map((f) => f.path)).to.deep.equal([['fields', 1]]);
    const error = await rejection(crm.clients.exportCsv({ lastOrderFrom: 'yesterday', delimiter: '|' as never, statusIds: ['x'] }));
    expect(error.code).to.equal('validation');
    expect(error.fields.map((f) => f.path.join('.')).sort()).to.deep.equal(['delimiter', 'lastOrderFrom', 'statusIds.0']);
  });
});

const mapping = { Firma: 'name', 'IČO': 'taxId', 'E-mail': 'email', 'Město': 'city' } as const;

describe('clients.importCsv', () => {
  it('reads its own export back as it was: typed custom fields stay numbers and flags, and nothing changes', async () => {
    const crm = await openCrm();
    await crm.clients.create({ name: 'Alza', taxId: 'CZ27082440', emails: ['a@alza.cz'], customFields: { discount: 5, vip: true, note: '7' } });
    const fields = ['name', 'taxId', 'email', 'customFields.discount', 'customFields.vip', 'customFields.note'] as const;
    const csv = await crm.clients.exportCsv({ fields: [...fields], emails: 'joined' });
    const report = await crm.clients.importCsv(csv, { mapping: Object.fromEntries(fields.map((f) => [f, f])) });
    expect(report).to.include({ unchanged: 1, updated: 0 });
    expect((await crm.clients.list()).items[0]!.customFields).to.deep.equal({ discount: 5, vip: true, note: '7' });
  });

  it('creates clients from mapped columns, ignoring the others', async () => {
    const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
    const report = await crm.clients.importCsv('Firma;IČO;E-mail;Město;Poznámka\r\nAlza.cz a.s.;27082440;nakup@alza.cz, fakturace@alza.cz;Praha;ignored\r\nKovo;;kovo@kovo.cz;;\r\n', { mapping });
    expect(report).to.deep.equal({ total: 2, processed: 2, created: 2, updated: 0, unchanged: 0, failed: 0, errors: [] });
    const [alza, kovo] = (await crm.clients.list()).items;
    expect(alza).to.deep.include({ name: 'Alza.cz a.s.', emails: ['nakup@alza.cz', 'fakturace@alza.cz'], billingAddress: { city: 'Praha' } });
    expect(alza!.taxId).to.deep.include({ country: 'CZ', value: '27082440', verified: true });
    expect(kovo).to.deep.include({ name: 'Kovo', emails: ['kovo@kovo.cz'] });
    expect(kovo).to.not.have.property('taxId');
    expect((await crm.activities.list(alza!.id)).items.map((a) => a.type)).to.deep.equal(['client_created']);
  });

  it('reads every mapped field: lists, status and stars by name, enums in any case, custom fields, formulas neutralised by the export', async () => {
    const crm = await openCrm();
    const [, , , vip] = await crm.statuses.list();
    const [red, yellow] = await crm.stars.list();
    const header = 'name,kind,vatId,phone,street,postalCode,region,country,accountCode,owner,tags,note,lifecycle,temperature,status,stars,currency,language,segment';
    const row = `Alza,Company,CZ27082440,'+420 777 123 456; 601 123 456,Jankovcova 1522/53,170 00,Praha,cz,alza-1,eva,a; b,"Line one\r\nline two",CURRENT,Hot,vip,"${red!.name}, ${yellow!.id}",czk,cs,B2B`;
    const fieldNames = header.split(',');
    const map = Object.fromEntries(fieldNames.map((f) => [f, f === 'segment' ? 'customFields.segment' : f])) as Record<string, never>;
    const report = await crm.clients.importCsv(`${header}\n${row}\n`, { mapping: map });
    expect(report.errors).to.deep.equal([]);
    const [client] = (await crm.clients.list()).items;
    expect(client).to.deep.include({
      kind: 'company', phones: ['+420 777 123 456', '601 123 456'], accountCode: 'alza-1', owner: 'eva', tags: ['a', 'b'], note: 'Line one\nline two',
      lifecycle: 'current', temperature: 'hot', statusId: vip!.id, stars: [red!.id, yellow!.id], currency: 'CZK', language: 'cs', customFields: { segment: 'B2B' },
      billingAddress: { street: 'Jankovcova 1522/53', postalCode: '170 00', region: 'Praha', country: 'CZ' },
    });
    expect(client!.vatId).to.deep.include({ country: 'CZ', value: '27082440' });
  });

  it('reads what exportCsv writes back into the same clients', async () => {
    const { crm } = await shop();
    const fields = ['name', 'taxId', 'email', 'phone', 'status', 'stars'] as const;
    const csv = await crm.clients.exportCsv({ fields: [...fields], delimiter: ';', bom: true });
    const copy = await openCrm({ settings: { defaultCountry: 'CZ' } });
    const identity = Object.fromEntries(fields.map((f) => [f, f]));
    const report = await copy.clients.importCsv(csv, { mapping: identity });
    // Alza's three e-mail rows make one client and two updates; Kovo has no tax ID, the e-mail-less client is not in the file.
    expect(report).to.include({ total: 5, created: 3, updated: 2, failed: 0 });
    expect(await copy.clients.exportCsv({ fields: [...fields], delimiter: ';', bom: true })).to.equal(csv);
    const again = await crm.clients.importCsv(csv, { mapping: identity });
    // Kovo has no tax ID: its e-mail finds it.
    expect(again).to.include({ unchanged: 5, created: 0, updated: 0, failed: 0 });
  });

  it('finds, by e-mail, what an earlier row of the same chunk created or changed, whatever the chunk size', async () => {
    // Row 1 creates Alza; row 2 has no tax ID and Alza's e-mail: it updates Alza, in any chunk.
    const file = 'Firma;IČO;E-mail;Město\r\nAlza;CZ27082440;nakup@alza.cz;\r\nAlza Praha;;nakup@alza.cz;\r\n';
    for (const chunkSize of [1, 500]) {
      const crm = await openCrm();
      expect(await crm.clients.importCsv(file, { mapping, chunkSize })).to.include({ created: 1, updated: 1, failed: 0 });
      // Again: the two rows rename the one client in turn, and add nobody.
      expect(await crm.clients.importCsv(file, { mapping, chunkSize })).to.include({ created: 0, updated: 2, failed: 0 });
      expect((await crm.clients.list()).items.map((client) => client.name)).to.deep.equal(['Alza Praha']);
    }
    // One stored client found by tax ID in row 1 and by e-mail in row 2, in one chunk: both rows apply.
    const crm = await openCrm();
    const alza = await crm.clients.create({ name: 'Alza', taxId: 'CZ27082440', emails: ['nakup@alza.cz'] });
    const report = await crm.clients.importCsv('Firma;IČO;E-mail;Město\r\nAlza a.s.;CZ27082440;;\r\n;;nakup@alza.cz;Praha\r\n', { mapping });
    expect(report).to.include({ updated: 2, failed: 0, created: 0 });
    expect(await crm.clients.get(alza.id)).to.deep.include({ name: 'Alza a.s.', billingAddress: { city: 'Praha' } });
  });

  it('finds a client by the first e-mail of a row without a tax ID, when exactly one client has it', async () => {
    const crm = await openCrm();
    const kovo = await crm.clients.create({ name: 'Kovo', emails: ['kovo@kovo.cz'] });
    await crm.clients.create({ name: 'Shared A', emails: ['info@shared.cz'] });
    await crm.clients.create({ name: 'Shared B', emails: ['info@shared.cz'] });
    const file = 'Firma;IČO;E-mail;Město\r\nKovo s.r.o.;;KOVO@kovo.cz;Brno\r\nShared C;;info@shared.cz;\r\nNew;;new@new.cz;\r\nNew again;;new@new.cz;Olomouc\r\nNo e-mail;;;\r\n';
    const report = await crm.clients.importCsv(file, { mapping });
    // Two clients have info@shared.cz: the row is a new client. The second new@new.cz row finds the first one's client.
    expect(report).to.include({ updated: 2, created: 3, failed: 0 });
    expect(await crm.clients.get(kovo.id)).to.deep.include({ name: 'Kovo s.r.o.', billingAddress: { city: 'Brno' } });
    expect((await crm.clients.list({ limit: 10 })).items.map((client) => client.name).sort()).to.deep.equal(['Kovo s.r.o.', 'New again', 'No e-mail', 'Shared A', 'Shared B', 'Shared C']);
  });

  it('updates the client with the same tax ID however it is typed, instead of adding a second', async () => {
    const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
    const alza = await crm.clients.create({ name: 'Alza.cz a.s.', taxId: 'CZ27082440', emails: ['nakup@alza.cz'], contacts: [{ name: 'Jana', email: 'jana@alza.cz' }], tags: ['eshop'] });
    const updates: string[] = [];
    crm.on('client.updated', ({ client }) => updates.push(`${client.name} v${client.version}`));
    const report = await crm.clients.importCsv(
      'Firma,IČO,E-mail,Město,Tags\n' +
        'Alza a.s.,270 82 440,"NAKUP@alza.cz; jana@alza.cz; new@alza.cz",Praha,b2b\n' +
        ',27082440,,,\n',
      { mapping: { ...mapping, Tags: 'tags' } },
    );
    expect(report).to.include({ created: 0, updated: 1, unchanged: 1, failed: 0 });
    expect(await crm.clients.count()).to.equal(1);
    const updated = await crm.clients.get(alza.id);
    expect(updated).to.deep.include({ name: 'Alza a.s.', version: 2, emails: ['nakup@alza.cz', 'new@alza.cz'], tags: ['eshop', 'b2b'], billingAddress: { city: 'Praha' } });
    expect(updated.taxId).to.deep.equal(alza.taxId);
    expect(updates).to.deep.equal(['Alza a.s. v2']);
    expect((await crm.activities.list(alza.id)).items[0]).to.deep.include({ type: 'client_updated', data: { fields: ['emails', 'tags', 'name', 'billingAddress'] } });
  });

  it('matches a tax ID typed with and without its CZ prefix', async () => {
    const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
    await crm.clients.create({ name: 'ČEZ', taxId: '45274649' });
    const report = await crm.clients.importCsv('IČO,Město\nCZ45274649,Praha\n', { mapping: { 'IČO': 'taxId', 'Město': 'city' } });
    expect(report).to.include({ updated: 1, created: 0 });
    expect((await crm.clients.list()).items.map((c) => c.billingAddress?.city)).to.deep.equal(['Praha']);
  });

  it('makes one client of several rows with one tax ID in one chunk', async () => {
    const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
    const report = await crm.clients.importCsv('Firma,IČO,E-mail\nAlza,CZ27082440,a@alza.cz\nAlza,27082440,b@alza.cz\nČEZ,CZ45274649,c@cez.cz\nAlza,CZ 270 82 440,c@alza.cz\n', { mapping: { Firma: 'name', 'IČO': 'taxId', 'E-mail': 'email' } });
    expect(report).to.include({ created: 2, updated: 2, failed: 0 });
    const clients = (await crm.clients.list()).items;
    expect(clients.map((c) => [c.number, c.name, c.emails])).to.deep.equal([[1, 'Alza', ['a@alza.cz', 'b@alza.cz', 'c@alza.cz']], [2, 'ČEZ', ['c@cez.cz']]]);
  });

  it('rejects a row with any bad cell whole, reporting each bad cell at the physical line the row starts on', async () => {
    const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
    const csv = [
      'Firma,IČO,E-mail,Město', // 1
      'Good one,CZ27082440,a@alza.cz,Praha', // 2
      '"Multi', // 3
      'line, name",,b@x.cz,"Brno', // 4
      'centre"', // 5
      'Bad tax,CZ27082441,c@x.cz,Ostrava', // 6
      '',  // 7: blank, skipped
      'Bad both,123,not-an-email,Plzeň', // 8
      'Short row,CZ45274649', // 9
      ',CZ00177041,d@x.cz,', // 10: a new client without a name
      '"Unclosed,x,y,z', // 11
      'never read',
    ].join('\r\n');
    const report = await crm.clients.importCsv(csv, { mapping });
    expect(report).to.include({ total: 7, processed: 7, created: 2, failed: 5 });
    expect(report.errors).to.deep.equal([
      { line: 6, column: 'IČO', field: 'taxId', message: report.errors[0]!.message, code: 'tax_id', problem: 'check_digit' },
      { line: 8, column: 'IČO', field: 'taxId', message: report.errors[1]!.message, code: 'tax_id', problem: 'format' },
      { line: 8, column: 'E-mail', field: 'email', message: 'not-an-email: Expected an e-mail address', code: 'invalid_format' },
      { line: 9, message: 'Expected 4 cells as in the header, found 2' },
      { line: 10, column: 'Firma', field: 'name', message: 'A new client needs a name', code: 'required' },
      { line: 11, message: 'A quoted cell is not closed' },
    ]);
    expect(report.errors[0]!.message).to.match(/check digit|checksum/i);
    expect((await crm.clients.list()).items.map((c) => c.name)).to.deep.equal(['Good one', 'Multi\nline, name']);
  });

  it('names a status or star kind the store lacks, for a message in the user\'s language', async () => {
    const crm = await openCrm();
    const report = await crm.clients.importCsv('Firma,Stav,Hvězdy\nAlza,Neexistuje,\nKovo,,Zlatá\n', { mapping: { Firma: 'name', Stav: 'status', Hvězdy: 'stars' } });
    expect(report.errors).to.deep.equal([
      { line: 2, column: 'Stav', field: 'status', message: 'No status "Neexistuje"', code: 'unknown', name: 'Neexistuje' },
      { line: 3, column: 'Hvězdy', field: 'stars', message: 'No star kind "Zlatá"', code: 'unknown', name: 'Zlatá' },
    ]);
  });

  it('leaves nothing of a rejected row behind', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage, settings: { defaultCountry: 'CZ' } });
    const before = await snapshot(storage);
    const report = await crm.clients.importCsv('Firma,IČO,E-mail,Město\nAlza,CZ27082441,a@alza.cz,Praha\n', { mapping });
    expect(report).to.include({ failed: 1, created: 0 });
    expect(await snapshot(storage)).to.equal(before);
  });

  it('takes back what a row staged before it failed: no number, no timeline entry, no event', async () => {
    // A status that vanishes between the import's look-up and the row's write: the row has taken a
    // client number when the missing status rejects it.
    const inner = memoryAdapter();
    let hide: string | undefined;
    const storage: StorageAdapter = { ...inner, get: (collection, id) => (collection === 'statuses' && id === hide ? Promise.resolve(undefined) : inner.get(collection, id)) };
    const crm = await openCrm({ storage });
    const [lead, partner] = await crm.statuses.list();
    hide = partner!.id;
    const created: string[] = [];
    crm.on('client.created', ({ client }) => created.push(client.name));
    const report = await crm.clients.importCsv(`name,status\nFirst,${lead!.name}\nVanished,${partner!.name}\nThird,${lead!.name}\n`, { mapping: { name: 'name', status: 'status' } });
    expect(report).to.include({ created: 2, failed: 1 });
    expect(report.errors).to.deep.equal([{ line: 3, column: 'status', field: 'status', message: `No status ${partner!.id}` }]);
    expect((await crm.clients.list()).items.map((c) => [c.number, c.name])).to.deep.equal([[1, 'First'], [2, 'Third']]);
    expect(created).to.deep.equal(['First', 'Third']);
    expect((await inner.query('activities')).records).to.have.length(2);
  });

  it("keeps a change someone else stores while the import runs: the chunk is read again, not written over it", async () => {
    const inner = memoryAdapter();
    let meddle: (() => Promise<void>) | undefined;
    const storage: StorageAdapter = {
      ...inner,
      async write(operations, options) {
        const before = meddle;
        meddle = undefined;
        await before?.();
        return inner.write(operations, options);
      },
    };
    const crm = await openCrm({ storage, settings: { defaultCountry: 'CZ' } });
    const alza = await crm.clients.create({ name: 'Alza', taxId: 'CZ27082440' });
    meddle = async () => void (await crm.clients.update(alza.id, { temperature: 'hot' }));
    const report = await crm.clients.importCsv('IČO,Město\nCZ27082440,Praha\n', { mapping: { 'IČO': 'taxId', 'Město': 'city' } });
    expect(report).to.include({ updated: 1, failed: 0 });
    expect(await crm.clients.get(alza.id)).to.deep.include({ version: 3, temperature: 'hot', billingAddress: { city: 'Praha' } });
  });

  it('goes on when the onProgress callback throws', async () => {
    const crm = await openCrm();
    const logged: unknown[] = [];
    const { error } = console;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const report = await crm.clients.importCsv('name\nA\nB\n', { mapping: { name: 'name' }, chunkSize: 1, onProgress: () => { throw new Error('broken bar'); } });
      expect(report).to.include({ created: 2 });
    } finally {
      console.error = error;
    }
    expect(logged).to.have.length(2);
  });

  it('goes on, and logs, when an async onProgress callback rejects', async () => {
    const crm = await openCrm();
    const logged: unknown[] = [];
    const unhandled: unknown[] = [];
    const { error } = console;
    // Node tells of an unhandled rejection on `process`, a browser with an event.
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    const onBrowserUnhandled = (event: PromiseRejectionEvent) => {
      event.preventDefault();
      onUnhandled(event.reason);
    };
    const node = (globalThis as { process?: NodeJS.Process }).process;
    console.error = (...args: unknown[]) => void logged.push(args);
    if (node) node.on('unhandledRejection', onUnhandled);
    else addEventListener('unhandledrejection', onBrowserUnhandled);
    try {
      const onProgress = async () => { throw new Error('progress bar gone'); };
      expect(await crm.orders.import([shopOrder()], { onProgress })).to.include({ created: 1 });
      expect(await crm.clients.importCsv('name\nA\n', { mapping: { name: 'name' }, onProgress })).to.include({ created: 1 });
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      console.error = error;
      if (node) node.off('unhandledRejection', onUnhandled);
      else removeEventListener('unhandledrejection', onBrowserUnhandled);
    }
    expect(unhandled).to.deep.equal([]);
    expect(logged).to.have.length(2);
  });

  it('reports progress after each chunk: rows processed of the total', async () => {
    const crm = await openCrm();
    const rows = Array.from({ length: 5 }, (_, i) => (i === 2 ? ',x' : `Client ${i},x`));
    const progress: ClientCsvImportProgress[] = [];
    await crm.clients.importCsv(`name,other\n${rows.join('\n')}`, { mapping: { name: 'name' }, chunkSize: 2, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => [p.processed, p.total, p.created, p.failed])).to.deep.equal([[2, 5, 2, 0], [4, 5, 3, 1], [5, 5, 4, 1]]);
    const empty: ClientCsvImportProgress[] = [];
    await crm.clients.importCsv('name\n', { mapping: { name: 'name' }, onProgress: (p) => empty.push(p) });
    expect(empty).to.deep.equal([{ total: 0, processed: 0, created: 0, updated: 0, unchanged: 0, failed: 0 }]);
  });

  it("detects a ';' or tab delimiter, and reads a byte-order mark and CRLF", async () => {
    const crm = await openCrm({ settings: { defaultCountry: 'CZ' } });
    await crm.clients.importCsv('\uFEFFFirma;IČO\r\n"Alza; a.s.";CZ27082440\r\n', { mapping: { Firma: 'name', 'IČO': 'taxId' } });
    await crm.clients.importCsv('Firma\tIČO\r\nČEZ, a. s.\tCZ45274649\r\n', { mapping: { Firma: 'name', 'IČO': 'taxId' } });
    // The header alone would pass for comma-separated.
    await crm.clients.importCsv('Firma, název;IČO, DIČ\r\nKovo,Brno;\r\n', { mapping: { 'Firma, název': 'name', 'IČO, DIČ': 'taxId' }, delimiter: ';' });
    expect((await crm.clients.list()).items.map((c) => c.name)).to.deep.equal(['Alza; a.s.', 'ČEZ, a. s.', 'Kovo,Brno']);
  });

  it("lets a member update only their own clients", async () => {
    const storage = memoryAdapter();
    const admin = await openCrm({ storage, settings: { defaultCountry: 'CZ' } });
    const theirs = await admin.clients.create({ name: 'Theirs', taxId: 'CZ27082440', owner: 'eva' });
    const marta = await openCrm({ storage, principal: { userId: 'marta', role: 'member' } });
    const report = await marta.clients.importCsv('IČO,Město\nCZ27082440,Praha\n', { mapping: { 'IČO': 'taxId', 'Město': 'city' } });
    expect(report.errors).to.deep.equal([{ line: 2, message: 'Client 1 with this tax ID belongs to another owner' }]);
    expect(await admin.clients.get(theirs.id)).to.deep.equal(theirs);
  });

  it("takes custom-field keys that are Object.prototype's names, and exports only what is set", async () => {
    const crm = await openCrm();
    await crm.clients.importCsv('name,str,ctor\nA,s,c\nB,,\n', { mapping: { name: 'name', str: 'customFields.toString', ctor: 'customFields.constructor' } });
    const [a, b] = (await crm.clients.list()).items;
    expect(Object.entries(a!.customFields)).to.deep.equal([['toString', 's'], ['constructor', 'c']]);
    expect(Object.keys(b!.customFields)).to.deep.equal([]);
    const fields = ['name', 'customFields.toString', 'customFields.constructor'] as const;
    expect(table(await crm.clients.exportCsv({ fields: [...fields], emails: 'joined' }))).to.deep.equal([[...fields], ['A', 's', 'c'], ['B', '', '']]);
  });

  it('fills a list field from several columns', async () => {
    const crm = await openCrm();
    const report = await crm.clients.importCsv('Firma,Mail,Mail2\nAlza,a@b.cz,c@d.cz\n', { mapping: { Firma: 'name', Mail: 'email', Mail2: 'email' } });
    expect(report).to.include({ created: 1 });
    expect((await crm.clients.list()).items[0]!.emails).to.deep.equal(['a@b.cz', 'c@d.cz']);
  });

  it('rejects a bad mapping with a validation error at mapping.<header>, importing nothing', async () => {
    const storage = memoryAdapter();
    const crm = await openCrm({ storage });
    const before = await snapshot(storage);
    const csv = 'Firma,IČO,Mail,Mail2,Dup,Dup\nAlza,CZ27082440,a@b.cz,c@d.cz,x,y\n';
    const issues = async (map: Record<string, string>) => {
      const error = await rejection(crm.clients.importCsv(csv, { mapping: map as never }));
      expect(error.code).to.equal('validation');
      return error.fields;
    };
    const paths = async (map: Record<string, string>) => (await issues(map)).map((f) => f.path.join('.'));
    // Each mapping problem has a code, for a message in the user's language.
    const coded = async (map: Record<string, string>) => (await issues(map)).map(({ path, code }) => ({ path: path.join('.'), code }));
    expect(await paths({ Firma: 'name', 'IČO': 'password' })).to.deep.equal(['mapping.IČO']);
    expect(await coded({ Firma: 'name', Missing: 'city' })).to.deep.equal([{ path: 'mapping.Missing', code: 'column_missing' }]);
    expect(await coded({ Firma: 'name', Dup: 'city' })).to.deep.equal([{ path: 'mapping.Dup', code: 'column_repeated' }]);
    expect(await coded({ Firma: 'name', 'IČO': 'name' })).to.deep.equal([{ path: 'mapping.IČO', code: 'field_taken' }]);
    expect(await coded({ Mail: 'email' })).to.deep.equal([{ path: 'mapping', code: 'key_missing' }]);
    expect(await paths({ Firma: 'name', 'IČO': 'customFields.' })).to.deep.equal(['mapping.IČO']);
    expect(await paths({ Firma: 'name', 'IČO': 'customFields.__proto__' })).to.deep.equal(['mapping.IČO']);
    expect((await rejection(crm.clients.importCsv(42 as never, { mapping: { name: 'name' } }))).fields[0]!.path).to.deep.equal(['text']);
    expect((await rejection(crm.clients.importCsv('', { mapping: { name: 'name' } }))).fields[0]!.path).to.deep.equal(['text']);
    expect((await rejection(crm.clients.importCsv('"name\nAlza\n', { mapping: { name: 'name' } }))).fields.map((f) => f.path)).to.deep.equal([['text'], ['mapping', 'name']]);
    expect((await rejection(crm.clients.importCsv(csv, undefined as never))).code).to.equal('validation');
    expect(await snapshot(storage)).to.equal(before);
  });
});
