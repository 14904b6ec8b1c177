import { expect } from 'chai';
import fc from 'fast-check';
import type { Client, ContactPerson, Order, TaxId } from '../../src/model/index.ts';
import { ClientSearchIndex, OrderSearchIndex, phoneKey, phonePrefixes, searchFold } from '../../src/search/index.ts';
import { normalizeTaxId } from '../../src/tax-id/index.ts';

const stamp = '2026-01-01T00:00:00Z';

function taxId(input: string, defaultCountry = 'CZ'): TaxId {
  const { country, value } = normalizeTaxId(input, { defaultCountry });
  return { input, country, value, verified: false };
}

let clientNumber = 0;
function client(id: string, name: string, more: Partial<Client> = {}): Client {
  clientNumber += 1;
  return {
    id,
    number: clientNumber,
    kind: 'company',
    name,
    contacts: [],
    emails: [],
    phones: [],
    deliveryAddresses: [],
    stars: [],
    lifecycle: 'current',
    externalLinks: [],
    tags: [],
    customFields: {},
    createdAt: stamp,
    updatedAt: stamp,
    version: 1,
    ...more,
  };
}

function order(id: string, more: Partial<Order> = {}): Order {
  return {
    id,
    currency: 'CZK',
    total: 1000,
    createdAt: stamp,
    billing: { company: 'Nobody s.r.o.' },
    updatedAt: stamp,
    version: 1,
    ...more,
  };
}

const ids = (hits: { id: string }[]) => hits.map((hit) => hit.id);

describe('client search index', () => {
  const skoda = client('cli_skoda', 'ŠKODA AUTO a.s.', {
    taxId: taxId('CZ 00177041'),
    emails: ['info@skoda-auto.cz'],
    phones: ['+420 326 811 111'],
  });
  const zluty = client('cli_zluty', 'Žlutý kůň s.r.o.', {
    contacts: [{ name: 'Jana Nováková', email: 'jana.novakova@zlutykun.cz', phone: '777 123 456' }],
    taxId: taxId('27082440'),
    vatId: taxId('CZ27082440'),
  });
  const plain = client('cli_plain', 'Zluty Dvur', { emails: ['obchod@dvur.cz'], phones: ['00420 605 111 222'] });
  const lodz = client('cli_lodz', 'Łódź Trading Sp. z o.o.', { phones: ['+48 42 123 45 67'] });

  function index(defaultCountry: string | undefined = 'CZ') {
    const search = new ClientSearchIndex(defaultCountry === undefined ? {} : { defaultCountry });
    search.rebuild([skoda, zluty, plain, lodz]);
    return search;
  }

  it('ignores case and diacritics both ways', () => {
    const search = index();
    expect(ids(search.search('skoda'))).to.deep.equal(['cli_skoda']);
    expect(ids(search.search('ŠKODA'))).to.deep.equal(['cli_skoda']);
    expect(ids(search.search('zluty'))).to.have.members(['cli_zluty', 'cli_plain']);
    expect(ids(search.search('Žlutý'))).to.have.members(['cli_zluty', 'cli_plain']);
    expect(ids(search.search('KUN'))).to.deep.equal(['cli_zluty']);
    expect(ids(search.search('lodz'))).to.deep.equal(['cli_lodz']);
  });

  it('finds contact persons by name', () => {
    const search = index();
    expect(search.search('novakova')).to.deep.equal([{ id: 'cli_zluty', score: 2 }]);
    expect(ids(search.search('Jana Nov'))).to.deep.equal(['cli_zluty']);
  });

  it('finds tax and VAT IDs in any formatting, exactly first, and by digit prefix', () => {
    const search = index();
    for (const text of ['CZ 270 82 440', 'cz27082440', '270-82-440', '27082440', 'CZ 270.82.440']) {
      expect(search.search(text), text).to.deep.equal([{ id: 'cli_zluty', score: 4 }]);
    }
    expect(search.search('2708')).to.deep.equal([{ id: 'cli_zluty', score: 2 }]);
    expect(search.search('CZ 2708')).to.deep.equal([{ id: 'cli_zluty', score: 2 }]);
    expect(search.search('00177')).to.deep.equal([{ id: 'cli_skoda', score: 2 }]);
    // The same digits under another country are no exact match, but still a digit prefix.
    expect(search.search('SK 27082440')).to.deep.equal([{ id: 'cli_zluty', score: 2 }]);
    // Without a default country an unprefixed number is exact for any country.
    expect(index(undefined).search('27082440')).to.deep.equal([{ id: 'cli_zluty', score: 4 }]);
  });

  it('finds e-mails by a prefix of the address and of its domain', () => {
    const search = index();
    expect(ids(search.search('jana.nov'))).to.deep.equal(['cli_zluty']);
    expect(ids(search.search('jana.novakova@zlutykun.cz'))).to.deep.equal(['cli_zluty']);
    expect(ids(search.search('zlutykun'))).to.deep.equal(['cli_zluty']);
    expect(ids(search.search('@zlutykun.c'))).to.deep.equal(['cli_zluty']);
    expect(ids(search.search('skoda-auto.cz'))).to.deep.equal(['cli_skoda']);
    expect(ids(search.search('obchod@'))).to.deep.equal(['cli_plain']);
    expect(search.search('utykun')).to.deep.equal([]);
  });

  it('finds phones with or without +420 / 00420 and by a prefix of the national digits', () => {
    for (const defaultCountry of ['CZ', undefined]) {
      const search = index(defaultCountry);
      for (const text of ['777123456', '777 123 456', '+420 777 123 456', '00420777123456', '+420777123456', '777', '777 12']) {
        expect(ids(search.search(text)), `${text} (${defaultCountry})`).to.deep.equal(['cli_zluty']);
      }
      for (const text of ['605111222', '+420 605 111 222', '00420 605', '605 11']) {
        expect(ids(search.search(text)), text).to.deep.equal(['cli_plain']);
      }
      expect(ids(search.search('326 811'))).to.deep.equal(['cli_skoda']);
      expect(ids(search.search('+48 42 123'))).to.deep.equal(['cli_lodz']);
    }
    // Typed without '+', the calling code is recognised only for the default country.
    expect(ids(index('CZ').search('420777123456'))).to.deep.equal(['cli_zluty']);
    expect(phoneKey('0905 123 456', 'SK')).to.equal('905123456');
    expect(phoneKey('+421 905 123 456')).to.equal('905123456');
    expect(phonePrefixes('0905 12', 'SK')).to.include('90512');
  });

  it('finds the client number exactly', () => {
    const search = index();
    expect(search.search(String(zluty.number))[0]).to.deep.equal({ id: 'cli_zluty', score: 4 });
  });

  it('needs every word, each by prefix', () => {
    const search = index();
    expect(ids(search.search('zluty kun'))).to.deep.equal(['cli_zluty']);
    expect(ids(search.search('zluty dv'))).to.deep.equal(['cli_plain']);
    expect(ids(search.search('zluty 777'))).to.deep.equal(['cli_zluty']);
    expect(ids(search.search('zluty skoda'))).to.deep.equal([]);
    expect(search.search('  ')).to.deep.equal([]);
    expect(search.search('- / .')).to.deep.equal([]);
  });

  it('keeps the rank order right when records rebuilt in order change or go', () => {
    const search = new ClientSearchIndex();
    search.rebuild(['Alfa A', 'Alfa Bb', 'Alfa Ccc', 'Alfa Dddd'].map((name, i) => client(`cli_${i}`, name)));
    expect(ids(search.search('alfa'))).to.deep.equal(['cli_0', 'cli_1', 'cli_2', 'cli_3']);
    search.put(client('cli_0', 'Alfa Aaaaaa'));
    search.remove('cli_2');
    search.put(client('cli_new', 'Alfa'));
    expect(ids(search.search('alfa'))).to.deep.equal(['cli_new', 'cli_1', 'cli_3', 'cli_0']);
    expect(ids(search.search('alfa', { limit: 2 }))).to.deep.equal(['cli_new', 'cli_1']);
  });

  it('ranks exact ID, then name prefix, then other prefixes, then substrings; ties by shorter name, then id', () => {
    const search = new ClientSearchIndex({ defaultCountry: 'CZ' });
    search.rebuild([
      client('cli_sub', 'Autobus Bonovak'),
      client('cli_contact', 'Beta', { contacts: [{ name: 'Petr Novak' }] }),
      client('cli_long', 'Novak Stavby Praha'),
      client('cli_short_b', 'Novak Stav'),
      client('cli_short_a', 'Novak Stav'),
      client('cli_exact', 'Gamma', { taxId: taxId('12345678'), contacts: [{ name: 'Novak' }] }),
    ]);
    expect(search.search('novak')).to.deep.equal([
      { id: 'cli_short_a', score: 3 },
      { id: 'cli_short_b', score: 3 },
      { id: 'cli_long', score: 3 },
      { id: 'cli_contact', score: 2 },
      { id: 'cli_exact', score: 2 },
      { id: 'cli_sub', score: 1 },
    ]);
    // All substrings: shorter names first (Beta, Gamma, Novak Stav…), equal names by id.
    expect(ids(search.search('ovak'))).to.deep.equal(['cli_contact', 'cli_exact', 'cli_short_a', 'cli_short_b', 'cli_sub', 'cli_long']);
    expect(search.search('ovak').every((hit) => hit.score === 1)).to.equal(true);
    // Equal length: alphabetical before id.
    search.put(client('cli_0', 'Novak Zed'));
    search.put(client('cli_1', 'Novak Abc'));
    expect(ids(search.search('novak', { limit: 2 }))).to.deep.equal(['cli_1', 'cli_0']);
    expect(search.search('12345678')).to.deep.equal([{ id: 'cli_exact', score: 4 }]);
    expect(search.search('1234')).to.deep.equal([{ id: 'cli_exact', score: 2 }]);
  });

  it('applies the filter before the limit', () => {
    const search = new ClientSearchIndex();
    search.rebuild(Array.from({ length: 30 }, (_, i) => client(`cli_${String(i).padStart(2, '0')}`, `Alfa ${i}`)));
    expect(search.search('alfa')).to.have.length(20);
    expect(ids(search.search('alfa', { limit: 3 }))).to.deep.equal(['cli_00', 'cli_01', 'cli_02']);
    const odd = (id: string) => Number(id.slice(4)) % 2 === 1;
    expect(ids(search.search('alfa', { limit: 3, filter: odd }))).to.deep.equal(['cli_01', 'cli_03', 'cli_05']);
    expect(search.search('alfa', { limit: 100, filter: odd })).to.have.length(15);
    expect(search.search('alfa', { limit: 0 })).to.deep.equal([]);
  });

  it('replaces a record on put, forgets it on remove, and rebuilds from scratch', () => {
    const search = index();
    search.put({ ...zluty, name: 'Modrý kůň', contacts: [], vatId: undefined, taxId: taxId('12345678'), version: 2 } as Client);
    expect(search.search('zluty').map((hit) => hit.id)).to.deep.equal(['cli_plain']);
    expect(search.search('novakova')).to.deep.equal([]);
    expect(search.search('27082440')).to.deep.equal([]);
    expect(search.search('777123456')).to.deep.equal([]);
    expect(ids(search.search('modry'))).to.deep.equal(['cli_zluty']);
    expect(ids(search.search('12345678'))).to.deep.equal(['cli_zluty']);

    search.remove('cli_zluty');
    search.remove('cli_unknown');
    expect(search.search('modry')).to.deep.equal([]);
    expect(search.search(String(zluty.number))).to.deep.equal([]);
    expect(search.stats().documents).to.equal(3);

    search.rebuild([zluty]);
    expect(ids(search.search('zluty'))).to.deep.equal(['cli_zluty']);
    expect(search.search('skoda')).to.deep.equal([]);
    search.clear();
    expect(search.search('zluty')).to.deep.equal([]);
    expect(search.stats()).to.deep.include({ documents: 0, terms: 0 });
  });

  it('reports documents, distinct terms and an estimate of its memory', () => {
    const search = index();
    const stats = search.stats();
    expect(stats.documents).to.equal(4);
    expect(stats.terms).to.be.greaterThan(15);
    expect(stats.approxBytes).to.be.greaterThan(stats.terms * 40);
    search.put(client('cli_more', 'Další Firma'));
    expect(search.stats().approxBytes).to.be.greaterThan(stats.approxBytes);
  });

  it('stays correct through many updates, compaction and renumbering', () => {
    const count = 1500;
    const version = (i: number, round: number) =>
      client(`cli_${i}`, `Firma${i}x${round} Spolecnost`, { emails: [`u${i}r${round}@f${i}.cz`], phones: [`7${String(i).padStart(8, '0')}`] });
    const search = new ClientSearchIndex({ defaultCountry: 'CZ' });
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < count; i += 1) search.put(version(i, round));
      expect(ids(search.search(`firma7x${round}`))).to.deep.equal(['cli_7']);
      if (round > 0) expect(search.search(`firma7x${round - 1}`)).to.deep.equal([]);
    }
    for (let i = 0; i < count; i += 2) search.remove(`cli_${i}`);
    const fresh = new ClientSearchIndex({ defaultCountry: 'CZ' });
    fresh.rebuild(Array.from({ length: count / 2 }, (_, k) => version(2 * k + 1, 2)));
    for (const text of ['firma1', 'firma12x2', 'spol', 'u13r2', 'f13', '700000013', 'irma', 'x2']) {
      expect(search.search(text, { limit: 50 }), text).to.deep.equal(fresh.search(text, { limit: 50 }));
    }
    expect(search.stats().terms).to.equal(fresh.stats().terms);
  });
});

describe('order search index', () => {
  const older = order('o-1', {
    number: '2026/1001',
    createdAt: '2026-10-01T09:00:00Z',
    billing: { company: 'Alza.cz a.s.', name: 'Jana Nováková', email: 'nakup@alza.cz', taxId: taxId('CZ27082440') },
    notes: { customer: 'Prosím doručit dopoledne', shopPublic: 'Expedice v pondělí', shopPrivate: 'Pozor, platí pozdě' },
  });
  const newer = order('o-2', {
    number: 'OBJ-2026-0015',
    createdAt: '2026-10-02T09:00:00Z',
    billing: { name: 'Jana Nováková', email: 'jana@example.com' },
    notes: { customer: 'Paleta na rampu' },
  });

  function index() {
    const search = new OrderSearchIndex({ defaultCountry: 'CZ' });
    search.rebuild([older, newer]);
    return search;
  }

  it('finds the order number exactly, by prefix and by its parts', () => {
    const search = index();
    expect(search.search('2026/1001')).to.deep.equal([{ id: 'o-1', score: 4 }]);
    expect(search.search('obj-2026-0015')).to.deep.equal([{ id: 'o-2', score: 4 }]);
    expect(search.search('2026/10')).to.deep.equal([{ id: 'o-1', score: 3 }]);
    expect(ids(search.search('0015'))).to.deep.equal(['o-2']);
    // A prefix of the whole number (3) beats a part of another number (2).
    expect(search.search('2026')).to.deep.equal([{ id: 'o-1', score: 3 }, { id: 'o-2', score: 2 }]);
  });

  it('finds billing company, name, e-mail and tax ID', () => {
    const search = index();
    expect(search.search('alza')).to.deep.equal([{ id: 'o-1', score: 3 }]);
    expect(ids(search.search('novakova'))).to.deep.equal(['o-2', 'o-1']);
    expect(ids(search.search('nakup@al'))).to.deep.equal(['o-1']);
    expect(ids(search.search('example.c'))).to.deep.equal(['o-2']);
    expect(search.search('CZ 270 82 440')).to.deep.equal([{ id: 'o-1', score: 4 }]);
    expect(search.search('27082')).to.deep.equal([{ id: 'o-1', score: 2 }]);
    expect(search.search('ovakova')).to.deep.equal([{ id: 'o-2', score: 1 }, { id: 'o-1', score: 1 }]);
  });

  it('finds the words of all three notes', () => {
    const search = index();
    expect(search.search('dopoledne')).to.deep.equal([{ id: 'o-1', score: 2 }]);
    expect(ids(search.search('pondeli'))).to.deep.equal(['o-1']);
    expect(ids(search.search('pozde'))).to.deep.equal(['o-1']);
    expect(ids(search.search('rampu'))).to.deep.equal(['o-2']);
  });

  it('needs every word, each by prefix, across fields; ties go to the newer order', () => {
    const search = index();
    expect(ids(search.search('jana pal'))).to.deep.equal(['o-2']);
    expect(ids(search.search('novakova expedice'))).to.deep.equal(['o-1']);
    expect(ids(search.search('jana'))).to.deep.equal(['o-2', 'o-1']);
    expect(search.search('paleta pondeli')).to.deep.equal([]);
  });

  it('replaces and removes orders', () => {
    const search = index();
    search.put({ ...newer, notes: { shopPrivate: 'Vratka' } });
    expect(search.search('paleta')).to.deep.equal([]);
    expect(ids(search.search('vratka'))).to.deep.equal(['o-2']);
    search.remove('o-1');
    expect(search.search('alza')).to.deep.equal([]);
    expect(search.stats().documents).to.equal(1);
  });
});

// ---- Property: the index returns what a brute-force scan of the same rules returns ----

const numericPiece = (piece: string) => /^[+\d()./-]+$/.test(piece) && /\d/.test(piece);
const nonWord = /[^\p{L}\p{N}]+/u;

/** Words as the rules read a query: spaces split, digit groups (after a 2-letter code) joined. */
function referenceGroups(text: string): string[][] {
  const groups: string[][] = [];
  for (const piece of searchFold(text).split(' ').filter(Boolean)) {
    const last = groups[groups.length - 1];
    if (last && numericPiece(piece) && (numericPiece(last[last.length - 1]!) || (last.length === 1 && /^[a-z]{2}$/.test(last[0]!)))) last.push(piece);
    else groups.push([piece]);
  }
  return groups;
}

/** The score the rules give a client, scanning its fields directly (0: no match). */
function referenceScore(c: Client, text: string, defaultCountry: string): number {
  const whole = searchFold(text).replace(/ /g, '');
  if (/^\d{1,15}$/.test(whole) && Number(whole) === c.number) return 4;
  const taxes = [c.taxId, c.vatId].filter((t): t is TaxId => t !== undefined);
  const typed = normalizeTaxId(text, { defaultCountry });
  const value = typed.value.toLowerCase();
  if (/\d/.test(value) && taxes.some((t) => t.value.toLowerCase() === value && (t.country === null || typed.country === null || t.country === typed.country))) return 4;

  const words = (names: string[]) => names.flatMap((name) => searchFold(name).split(nonWord)).filter(Boolean);
  const nameWords = words([c.name]);
  const contactWords = words(c.contacts.map((p) => p.name));
  const emails = [...c.emails, ...c.contacts.flatMap((p) => p.email ?? [])].map((e) => searchFold(e));
  const addresses = [...emails, ...emails.map((e) => e.slice(e.lastIndexOf('@') + 1))];
  const phones = [...c.phones, ...c.contacts.flatMap((p) => p.phone ?? [])].map((p) => phoneKey(p, defaultCountry));

  const partTier = (part: string) =>
    nameWords.some((w) => w.startsWith(part)) ? 3
    : contactWords.some((w) => w.startsWith(part)) ? 2
    : part.length >= 3 && [...nameWords, ...contactWords].some((w) => w.includes(part)) ? 1
    : 0;
  let score = 4;
  let slots = 0;
  let matchedAny = false;
  for (const pieces of referenceGroups(text)) {
    const parts = pieces.flatMap((p) => p.split(nonWord)).filter(Boolean);
    if (parts.length === 0) continue;
    // The index reads at most 10 slots: one per single-part word, parts + 1 otherwise.
    slots += parts.length === 1 ? 1 : parts.length + 1;
    if (slots > 10) break;
    matchedAny = true;
    const compact = pieces.join('');
    const email = compact.replace(/^@+/, '');
    const tax = normalizeTaxId(compact, { defaultCountry }).value.toLowerCase();
    const ident =
      addresses.some((a) => a.startsWith(email)) ||
      (tax.length >= 3 && /\d/.test(tax) && taxes.some((t) => t.value.toLowerCase().startsWith(tax))) ||
      (numericPiece(compact) && phonePrefixes(compact, defaultCountry).some((p) => p.length >= 3 && phones.some((k) => k.startsWith(p))))
        ? 2
        : 0;
    const text = Math.min(...parts.map(partTier));
    score = Math.min(score, Math.max(ident, text));
  }
  return matchedAny ? score : 0;
}

const syllables = ['no', 'vák', 'ko', 'da', 'ma', 'řek', 'sta', 'vby', 'Žlu', 'tý', 'kůň', 'ša', 'al', 'za'];
const word = fc.array(fc.constantFrom(...syllables), { minLength: 1, maxLength: 3 }).map((s) => s.join(''));
const phrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));
const phoneArb = fc.tuple(fc.constantFrom('+420 ', '00420', '', '+421 ', '0'), digits(9)).map(([prefix, d]) => `${prefix}${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`);
const contactArb = fc.record(
  { name: phrase, email: fc.option(word.map((w) => `${searchFold(w).replace(/\W/g, '') || 'x'}@${'ab'}.cz`), { nil: undefined }), phone: fc.option(phoneArb, { nil: undefined }) },
  { requiredKeys: ['name'] },
);
const clientArb = fc.record({
  name: phrase,
  contacts: fc.array(contactArb, { maxLength: 2 }),
  emails: fc.array(fc.tuple(word, fc.constantFrom('alza.cz', 'skoda.cz', 'ab.cz')).map(([w, d]) => `${searchFold(w).replace(/\W/g, '') || 'x'}@${d}`), { maxLength: 2 }),
  phones: fc.array(phoneArb, { maxLength: 2 }),
  tax: fc.option(fc.tuple(fc.constantFrom('CZ', 'SK', ''), fc.constantFrom('2708', '2709', '1234'), digits(4)).map(([c, a, b]) => c + a + b), { nil: undefined }),
});

type ClientFields = typeof clientArb extends fc.Arbitrary<infer T> ? T : never;

function fromArb(i: number, fields: ClientFields): Client {
  const { tax, contacts, ...rest } = fields;
  return client(`cli_${i}`, rest.name, {
    ...rest,
    number: i + 1,
    contacts: contacts.map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as ContactPerson),
    ...(tax === undefined ? {} : { taxId: taxId(tax) }),
  });
}

/** Queries built from the corpus itself (fragments of names, e-mails, phones, tax IDs) plus noise. */
function queryArb(clients: Client[]): fc.Arbitrary<string> {
  const fragments = clients.flatMap((c) => [
    c.name,
    ...c.contacts.map((p) => p.name),
    ...c.emails,
    ...c.phones,
    c.taxId?.input ?? '',
    String(c.number),
  ]).filter(Boolean);
  const fragment = fc.tuple(fc.constantFrom(...fragments), fc.nat(), fc.nat(), fc.boolean()).map(([f, a, b, upper]) => {
    const start = a % Math.max(1, f.length);
    const cut = f.slice(start, start + 1 + (b % 12));
    return upper ? cut.toUpperCase() : searchFold(cut);
  });
  return fc.array(fc.oneof(fragment, word, fc.constantFrom('+420', '777', 'cz', '2708')), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' '));
}

describe('search index property', () => {
  it('matches a brute-force scan of the rules, with the same scores, after puts, replacements and removals', () => {
    fc.assert(
      fc.property(
        fc.array(clientArb, { minLength: 1, maxLength: 12 }),
        fc.array(clientArb, { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.boolean(),
        (initial, replacements, removals, seed, bulk) => {
          const search = new ClientSearchIndex({ defaultCountry: 'CZ' });
          const live = new Map<string, Client>(initial.map((fields, i) => [`cli_${i}`, fromArb(i, fields)]));
          // Bulk: numbered in rank order and sorted at once; else one by one, sorted at the first search.
          if (bulk) search.rebuild(live.values());
          else for (const c of live.values()) search.put(c);
          search.search('sorts the dictionary');
          replacements.forEach((fields, k) => {
            const c = fromArb(k % initial.length, fields);
            search.put(c);
            live.set(c.id, c);
          });
          for (const r of removals) {
            const id = `cli_${r % initial.length}`;
            search.remove(id);
            live.delete(id);
          }
          const corpus = [...live.values()];
          if (corpus.length === 0) return;
          const queries = fc.sample(queryArb(corpus), { numRuns: 12, seed });
          for (const text of queries) {
            const expected = corpus
              .map((c) => ({ id: c.id, score: referenceScore(c, text, 'CZ') }))
              .filter((hit) => hit.score > 0)
              .sort((a, b) => a.id.localeCompare(b.id));
            const all = search.search(text, { limit: Infinity });
            const actual = [...all].sort((a, b) => a.id.localeCompare(b.id));
            expect(actual, text).to.deep.equal(expected);
            expect(all.map((hit) => hit.score), text).to.deep.equal([...all.map((hit) => hit.score)].sort((a, b) => b - a));
            expect(search.search(text, { limit: 2 }), text).to.deep.equal(all.slice(0, 2));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
