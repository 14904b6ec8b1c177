import { expect } from 'chai';
import fc from 'fast-check';
import {
  formatTaxId,
  normalizeTaxId,
  taxIdKey,
  validateTaxId,
  type NormalizedTaxId,
  type TaxIdOptions,
} from '../../src/tax-id/index.ts';

const EU_PREFIXES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
];
const KNOWN = [...EU_PREFIXES, 'XI'];

// Published valid numbers (VIES samples and the test fixtures of python-stdnum), each paired with
// the same number with one digit changed.
const VECTORS: { valid: string; changed: string; country: string }[] = [
  { country: 'AT', valid: 'ATU13585627', changed: 'ATU14585627' },
  { country: 'BE', valid: 'BE 0428.759.497', changed: 'BE 0438.759.497' },
  { country: 'BG', valid: 'BG 175 074 752', changed: 'BG 176 074 752' },
  { country: 'BG', valid: 'BG7501020018', changed: 'BG7511020018' },
  { country: 'BG', valid: 'BG7111042925', changed: 'BG7111042926' },
  { country: 'CY', valid: 'CY-10259033P', changed: 'CY-10359033P' },
  { country: 'CZ', valid: 'CZ 25123891', changed: 'CZ 25223891' },
  { country: 'DE', valid: 'DE 136 695 976', changed: 'DE 137 695 976' },
  { country: 'DK', valid: 'DK 13 58 56 28', changed: 'DK 13 68 56 28' },
  { country: 'EE', valid: 'EE 100 594 102', changed: 'EE 101 594 102' },
  { country: 'EL', valid: 'EL 094259216', changed: 'EL 095259216' },
  { country: 'EL', valid: 'EL: 094014201', changed: 'EL: 094014202' },
  { country: 'ES', valid: 'ES B-64717838', changed: 'ES B-65717838' },
  { country: 'ES', valid: 'ES 54362315K', changed: 'ES 54462315K' },
  { country: 'ES', valid: 'ES X-5253868-R', changed: 'ES X-5353868-R' },
  { country: 'FI', valid: 'FI 20774740', changed: 'FI 20874740' },
  { country: 'FR', valid: 'FR 40 303 265 045', changed: 'FR 40 303 265 046' },
  { country: 'FR', valid: 'FR K7399859412', changed: 'FR K7399859312' },
  { country: 'HR', valid: 'HR 33392005961', changed: 'HR 33392005962' },
  { country: 'HU', valid: 'HU-12892312', changed: 'HU-12992312' },
  { country: 'IE', valid: 'IE 6433435F', changed: 'IE 6443435F' },
  { country: 'IE', valid: 'IE 6433435OA', changed: 'IE 6433436OA' },
  { country: 'IE', valid: 'IE 8D79739I', changed: 'IE 8D79729I' },
  { country: 'IT', valid: 'IT 00743110157', changed: 'IT 00743110158' },
  { country: 'LT', valid: 'LT 119511515', changed: 'LT 110511515' },
  { country: 'LT', valid: 'LT 100001919017', changed: 'LT 100001919018' },
  { country: 'LU', valid: 'LU 150 274 42', changed: 'LU 150 274 43' },
  { country: 'LV', valid: 'LV 4000 3521 600', changed: 'LV 4000 3521 601' },
  { country: 'LV', valid: 'LV 161175-19997', changed: 'LV 161175-19996' },
  { country: 'MT', valid: 'MT 1167-9112', changed: 'MT 1167-9113' },
  { country: 'NL', valid: 'NL004495445B01', changed: 'NL005495445B01' },
  { country: 'NL', valid: 'NL002455799B11', changed: 'NL003455799B11' },
  { country: 'PL', valid: 'PL 8567346215', changed: 'PL 8567346216' },
  { country: 'PT', valid: 'PT 501 964 843', changed: 'PT 501 964 842' },
  { country: 'RO', valid: 'RO 185 472 90', changed: 'RO 185 472 91' },
  { country: 'SE', valid: 'SE 556043606401', changed: 'SE 557043606401' },
  { country: 'SI', valid: 'SI 5022 3054', changed: 'SI 5022 3055' },
  { country: 'SK', valid: 'SK 202 274 96 19', changed: 'SK 202 274 96 18' },
  { country: 'XI', valid: 'XI 980 7806 84', changed: 'XI 981 7806 84' },
  { country: 'XI', valid: 'XI 100 1908 74', changed: 'XI 101 1908 74' },
  { country: 'XI', valid: 'XI 242 3380 87 388', changed: 'XI 243 3380 87 388' },
];

const separators = fc.constantFrom(' ', '-', '.', '/');

/** Inserts separators at random places and sets each character's case from `upper` (non-empty). */
function scramble(text: string, inserts: [number, string][], upper: boolean[]): string {
  let out = text;
  for (const [at, sep] of inserts) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + sep + out.slice(i);
  }
  return [...out].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase())).join('');
}

/** Options built without `undefined` members (exactOptionalPropertyTypes). */
function withCountry(country: string | null): TaxIdOptions {
  return country === null ? {} : { country };
}

describe('normalizeTaxId', () => {
  it('gives the same CZ tax ID however it was typed', () => {
    const expected = { country: 'CZ', value: '27082440' };
    expect(normalizeTaxId('CZ 270 82 440')).to.deep.equal(expected);
    expect(normalizeTaxId('270-82-440', { country: 'CZ' })).to.deep.equal(expected);
    expect(normalizeTaxId('cz27082440')).to.deep.equal(expected);
    expect(normalizeTaxId('27082440', { defaultCountry: 'CZ' })).to.deep.equal(expected);
  });

  it('strips spaces, dots, dashes, slashes, colons and underscores', () => {
    expect(normalizeTaxId('EL: 094014201')).to.deep.equal({ country: 'EL', value: '094014201' });
    expect(normalizeTaxId(' cz_640229/4448 ')).to.deep.equal({ country: 'CZ', value: '6402294448' });
    expect(normalizeTaxId('be.0428.759.497')).to.deep.equal({ country: 'BE', value: '0428759497' });
  });

  it('reads GR as the Greek VAT prefix EL, also as an option', () => {
    expect(normalizeTaxId('GR 094014201')).to.deep.equal({ country: 'EL', value: '094014201' });
    expect(normalizeTaxId('094014201', { country: 'gr' })).to.deep.equal({ country: 'EL', value: '094014201' });
  });

  it('takes XI (Northern Ireland) as a prefix, including the GD/HA forms', () => {
    expect(normalizeTaxId('XI 980 7806 84')).to.deep.equal({ country: 'XI', value: '980780684' });
    expect(normalizeTaxId('xi gd100')).to.deep.equal({ country: 'XI', value: 'GD100' });
  });

  it('lets the typed prefix win over options.country, and options.country over defaultCountry', () => {
    expect(normalizeTaxId('SK2022749619', { country: 'CZ' })).to.deep.equal({ country: 'SK', value: '2022749619' });
    expect(normalizeTaxId('8567346215', { country: 'PL', defaultCountry: 'CZ' })).to.deep.equal({
      country: 'PL',
      value: '8567346215',
    });
    expect(normalizeTaxId('8567346215', { defaultCountry: 'pl' })).to.deep.equal({ country: 'PL', value: '8567346215' });
  });

  it('keeps leading letters that belong to the national number', () => {
    expect(normalizeTaxId('x-5253868-r', { country: 'ES' })).to.deep.equal({ country: 'ES', value: 'X5253868R' });
    expect(normalizeTaxId('B-64717838', { country: 'ES' })).to.deep.equal({ country: 'ES', value: 'B64717838' });
    expect(normalizeTaxId('6433435OA', { country: 'IE' })).to.deep.equal({ country: 'IE', value: '6433435OA' });
    expect(normalizeTaxId('8D79739I', { country: 'IE' })).to.deep.equal({ country: 'IE', value: '8D79739I' });
    expect(normalizeTaxId('U13585627', { country: 'AT' })).to.deep.equal({ country: 'AT', value: 'U13585627' });
  });

  it('keeps a French key that looks like a country code when France is given and the rest is no number of that country', () => {
    expect(normalizeTaxId('HR 334175221', { country: 'FR' })).to.deep.equal({ country: 'FR', value: 'HR334175221' });
    expect(normalizeTaxId('FR HR 334175221')).to.deep.equal({ country: 'FR', value: 'HR334175221' });
    // Without a country hint the leading code is the prefix.
    expect(normalizeTaxId('HR 334175221')).to.deep.equal({ country: 'HR', value: '334175221' });
    // A full number of another country still wins over the option.
    expect(normalizeTaxId('DE 136695976', { country: 'FR' })).to.deep.equal({ country: 'DE', value: '136695976' });
  });

  it('leaves unknown prefixes in the value and keeps a given non-EU country', () => {
    expect(normalizeTaxId('abc-123')).to.deep.equal({ country: null, value: 'ABC123' });
    expect(normalizeTaxId('GB 980 7806 84')).to.deep.equal({ country: null, value: 'GB980780684' });
    expect(normalizeTaxId('CHE-123.456.788', { country: 'ch' })).to.deep.equal({ country: 'CH', value: 'CHE123456788' });
  });

  it('gives an empty value for empty or separator-only input', () => {
    expect(normalizeTaxId('')).to.deep.equal({ country: null, value: '' });
    expect(normalizeTaxId(' - / ', { defaultCountry: 'CZ' })).to.deep.equal({ country: 'CZ', value: '' });
  });

  it('is stable under inserted separators and random case (property)', () => {
    const validLooking = fc.oneof(
      fc.constantFrom(...VECTORS.map((v) => normalizeTaxId(v.valid)).map((n) => `${n.country ?? ''}${n.value}`)),
      fc.tuple(fc.constantFrom(...KNOWN, 'GR'), fc.stringMatching(/^[0-9]{8,12}$/)).map(([c, d]) => c + d),
      fc.stringMatching(/^[A-Z0-9]{4,14}$/),
    );
    fc.assert(
      fc.property(
        validLooking,
        fc.array(fc.tuple(fc.nat(), separators), { maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 1 }),
        fc.constantFrom<TaxIdOptions>({}, { country: 'FR' }, { defaultCountry: 'cz' }, { country: 'CH' }),
        (id, inserts, upper, options) => {
          expect(normalizeTaxId(scramble(id, inserts, upper), options)).to.deep.equal(normalizeTaxId(id, options));
        },
      ),
    );
  });

  it('is idempotent: normalising the written form again gives the same tax ID (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[A-Za-z]{2}[ .\-/A-Z0-9]{0,14}$/)),
        fc.constantFrom<TaxIdOptions>({}, { country: 'FR' }, { country: 'es' }, { defaultCountry: 'CZ' }, { country: 'CH' }),
        (input, options) => {
          const once = normalizeTaxId(input, options);
          expect(normalizeTaxId(formatTaxId(once), withCountry(once.country))).to.deep.equal(once);
          if (once.country !== null && KNOWN.includes(once.country)) {
            expect(normalizeTaxId(once.country + once.value)).to.deep.equal(once);
          }
        },
      ),
    );
  });
});

describe('validateTaxId', () => {
  it('accepts a published valid number of every EU country and XI, and rejects it with one digit changed', () => {
    const covered = new Set(VECTORS.map((v) => v.country));
    expect([...covered].sort()).to.deep.equal([...KNOWN].sort());
    for (const { country, valid, changed } of VECTORS) {
      const ok = validateTaxId(valid);
      expect(ok, valid).to.include({ valid: true, verified: true, country, reason: null, problem: null });
      expect(ok.kind, valid).to.be.a('string');
      const bad = validateTaxId(changed);
      expect(bad, changed).to.include({ valid: false, verified: true, country, kind: null });
      expect(bad.reason, changed).to.be.a('string').and.not.equal('');
    }
  });

  it('also accepts numbers typed without prefix when the country is given', () => {
    for (const { country, valid } of VECTORS) {
      const { value } = normalizeTaxId(valid);
      expect(validateTaxId(value, { country }), valid).to.include({ valid: true, country, value });
    }
  });

  it('explains wrong length and wrong format, and names the kind of rule broken', () => {
    const short = validateTaxId('CZ 1234');
    expect(short).to.include({ valid: false, verified: true, country: 'CZ', problem: 'format' });
    expect(short.reason).to.equal('Wrong format for Czechia: expected 8, 9 or 10 digits.');
    expect(validateTaxId('AT 13585627').reason).to.match(/expected 'U' followed by 8 digits/);
    expect(validateTaxId('BE 428 759 497').reason).to.match(/10 digits; put a 0 in front/);
    expect(validateTaxId('SE 556043606402')).to.include({ reason: 'A Swedish VAT number ends with 01.', problem: 'rule' });
    expect(validateTaxId('CZ25123890').reason).to.match(/check digit does not match/);
    // A mistyped digit, as against a number no such country issues: each checksum says so.
    const problems = (inputs: string[]) => inputs.map((input) => validateTaxId(input, { country: 'CZ' }).problem);
    expect(problems(['CZ25123890', '7103192746', 'SK2020000000', 'SI 5022 3055', 'PL 8567346216'])).to.deep.equal(Array(5).fill('check_digit'));
    expect(problems(['712101/0006', 'SK1010000002', 'SI 05720301'])).to.deep.equal(['rule', 'rule', 'rule']);
    // A wrong length, also where a country's rule rather than its shape says so; a letter for a digit.
    expect(problems(['ATU1234567', '2708244O', 'BE403019261', '590312/123', 'IE1234567'])).to.deep.equal(Array(5).fill('format'));
    // France: the key is right, the SIREN's own check digit is not.
    const siren = '303265046';
    expect(validateTaxId(`FR${String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0')}${siren}`).problem).to.equal('check_digit');
  });

  it('returns valid: false with reason "empty" for empty input', () => {
    expect(validateTaxId('')).to.deep.equal({
      valid: false,
      country: null,
      value: '',
      kind: null,
      reason: 'empty',
      problem: 'empty',
      verified: false,
    });
    expect(validateTaxId('  ', { country: 'CZ' })).to.include({ valid: false, reason: 'empty', country: 'CZ' });
  });

  it('accepts numbers of countries without rules unverified, with a reason', () => {
    const swiss = validateTaxId('CHE-123.456.788', { country: 'CH' });
    expect(swiss).to.include({ valid: true, verified: false, country: 'CH', value: 'CHE123456788', kind: null });
    expect(swiss.reason).to.equal('No checksum rule for this country; stored as typed.');
    const unknown = validateTaxId('ABC123');
    expect(unknown).to.include({ valid: true, verified: false, country: null, kind: null });
    expect(unknown.reason).to.be.a('string').and.match(/stored as typed/);
  });

  describe('Czech forms', () => {
    it('checks the IČO (weights 8…2, mod 11 with the 0 → 1 and 1 → 0 cases) and calls it ico or dic', () => {
      for (const ico of ['27082440', '00177041', '25063677', '45274649', '00023205', '49240901']) {
        expect(validateTaxId(ico, { country: 'CZ' }), ico).to.include({ valid: true, kind: 'ico' });
        expect(validateTaxId(`CZ${ico}`), ico).to.include({ valid: true, kind: 'dic' });
      }
      expect(validateTaxId('00177042', { country: 'CZ' }).valid).to.equal(false);
      expect(validateTaxId('27082441', { country: 'CZ' }).valid).to.equal(false);
    });

    it('covers the special cases of the IČO check digit: remainder 0 → 1, 1 → 0, 10 → 1', () => {
      // Weights 8…2: 0000210 → 4·2 + 3·1 = 11 ≡ 0; 0000006 → 2·6 = 12 ≡ 1; 0000005 → 10; 0000001 → 2.
      for (const ico of ['00002101', '00000060', '00000051', '00000019']) {
        expect(validateTaxId(ico, { country: 'CZ' }).valid, ico).to.equal(true);
      }
      for (const ico of ['00002100', '00000061', '00000050', '00000010']) {
        expect(validateTaxId(ico, { country: 'CZ' }).valid, ico).to.equal(false);
      }
    });

    it('checks the 9-digit DIČ of individuals without a birth number (starting with 6)', () => {
      expect(validateTaxId('CZ 640903926')).to.include({ valid: true, kind: 'dic' });
      expect(validateTaxId('CZ 682127228')).to.include({ valid: true, kind: 'dic' });
      expect(validateTaxId('CZ 640913926').valid).to.equal(false);
      expect(validateTaxId('CZ 640903927').valid).to.equal(false);
    });

    it('accepts 10-digit birth numbers divisible by 11 with a real date, for men and women', () => {
      for (const rc of ['710319/2745', '6306150004', '7205151536', '8801251680', '6402294448']) {
        expect(validateTaxId(rc, { country: 'CZ' }), rc).to.include({ valid: true, kind: 'birth_number' });
      }
      // Woman born 1976-02-04: month + 50.
      expect(validateTaxId('CZ 765204/6248')).to.include({ valid: true, kind: 'birth_number' });
      expect(validateTaxId('7103192746', { country: 'CZ' }).reason).to.match(/not divisible by 11/);
    });

    it('accepts the historical form whose first 9 digits leave remainder 10 and check digit 0', () => {
      // 780315007 mod 11 = 10, so the number ends in 0 and is not itself divisible by 11.
      expect(validateTaxId('780315/0070', { country: 'CZ' })).to.include({ valid: true, kind: 'birth_number' });
      expect(validateTaxId('780315/0071', { country: 'CZ' }).valid).to.equal(false);
    });

    it('accepts month + 20 and + 70 only from 2004', () => {
      expect(validateTaxId('042101/0007', { country: 'CZ' })).to.include({ valid: true, kind: 'birth_number' });
      expect(validateTaxId('057201/0010', { country: 'CZ' })).to.include({ valid: true, kind: 'birth_number' });
      expect(validateTaxId('712101/0006', { country: 'CZ' }).reason).to.match(/invalid date.*2004/);
    });

    it('rejects impossible dates', () => {
      expect(validateTaxId('1103492745', { country: 'CZ' }).reason).to.equal('The birth number has an invalid date.');
      expect(validateTaxId('7102292745', { country: 'CZ' }).reason).to.equal('The birth number has an invalid date.');
      expect(validateTaxId('7113192745', { country: 'CZ' }).valid).to.equal(false);
    });

    it('accepts 9-digit birth numbers only before 1954', () => {
      expect(validateTaxId('991231123', { country: 'CZ' })).to.include({ valid: true, kind: 'birth_number' });
      expect(validateTaxId('525115/123', { country: 'CZ' })).to.include({ valid: true, kind: 'birth_number' });
      expect(validateTaxId('590312/123', { country: 'CZ' }).reason).to.match(/after 1953 have 10 digits/);
    });

    it('accepts any 10-digit number with a real date and a correct check digit (property)', () => {
      fc.assert(
        fc.property(
          fc.date({ min: new Date(Date.UTC(1954, 0, 1)), max: new Date(Date.UTC(2053, 11, 31)), noInvalidDate: true }),
          fc.constantFrom(0, 50, 20, 70),
          fc.integer({ min: 0, max: 999 }),
          (date, monthOffset, serial) => {
            const year = date.getUTCFullYear();
            fc.pre(monthOffset % 50 === 0 || year >= 2004);
            const two = (n: number): string => String(n).padStart(2, '0');
            const body =
              two(year % 100) + two(date.getUTCMonth() + 1 + monthOffset) + two(date.getUTCDate()) + String(serial).padStart(3, '0');
            const check = (Number(body) % 11) % 10;
            expect(validateTaxId(body + check, { country: 'CZ' })).to.include({ valid: true, kind: 'birth_number' });
            expect(validateTaxId(body + ((check + 1) % 10), { country: 'CZ' }).valid).to.equal(false);
          },
        ),
      );
    });
  });

  describe('Slovak forms', () => {
    it('checks the IČO with the Czech algorithm', () => {
      for (const ico of ['31322832', '00151653', '35757442', '44483767']) {
        expect(validateTaxId(ico, { country: 'SK' }), ico).to.include({ valid: true, kind: 'ico' });
      }
      expect(validateTaxId('31322833', { country: 'SK' }).valid).to.equal(false);
    });

    it('checks the DIČ (10 digits divisible by 11)', () => {
      expect(validateTaxId('2022749619', { country: 'SK' })).to.include({ valid: true, kind: 'dic' });
      expect(validateTaxId('1010000002', { country: 'SK' })).to.include({ valid: true, kind: 'dic' });
      expect(validateTaxId('2022749618', { country: 'SK' }).reason).to.match(/divisible by 11/);
      expect(validateTaxId('0022749619', { country: 'SK' }).valid).to.equal(false);
    });

    it('requires a third digit of 2, 3, 4, 7, 8 or 9 in the IČ DPH (SK + 10 digits)', () => {
      expect(validateTaxId('SK2022749619')).to.include({ valid: true, kind: 'vat' });
      expect(validateTaxId('SK 2021 6858 20')).to.include({ valid: true, kind: 'vat' });
      expect(validateTaxId('SK1010000002').reason).to.match(/third digit/);
      expect(validateTaxId('SK 2010 237 945').valid).to.equal(false);
    });
  });

  describe('Polish NIP', () => {
    it('checks weights 6 5 7 2 3 4 5 6 7 mod 11', () => {
      expect(validateTaxId('123-456-32-18', { country: 'PL' })).to.include({ valid: true, kind: 'nip' });
      expect(validateTaxId('856-734-62-15', { country: 'PL' })).to.include({ valid: true, kind: 'nip' });
      expect(validateTaxId('PL 8567346215')).to.include({ valid: true, kind: 'vat' });
      expect(validateTaxId('123-456-32-19', { country: 'PL' }).valid).to.equal(false);
    });

    it('never accepts a number whose remainder is 10', () => {
      // 000000200: 5·2 = 10, a remainder no NIP is issued with.
      for (let last = 0; last <= 9; last++) {
        expect(validateTaxId(`000000200${last}`, { country: 'PL' }).valid, String(last)).to.equal(false);
      }
    });

    it('catches every single-digit typo (property)', () => {
      fc.assert(
        fc.property(fc.stringMatching(/^[0-9]{9}$/), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
          const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
          const rest = [...body].reduce((sum, d, i) => sum + Number(d) * (weights[i] ?? 0), 0) % 11;
          fc.pre(rest !== 10);
          const nip = body + rest;
          expect(validateTaxId(nip, { country: 'PL' }).valid).to.equal(true);
          const typo = nip.slice(0, pos) + ((Number(nip.charAt(pos)) + delta) % 10) + nip.slice(pos + 1);
          expect(validateTaxId(typo, { country: 'PL' }).valid).to.equal(false);
        }),
      );
    });
  });

  describe('Slovenian davčna številka', () => {
    it('checks 8 digits, first not 0, weights 8…2 mod 11', () => {
      expect(validateTaxId('5022 3054', { country: 'SI' })).to.include({ valid: true, kind: 'tax_number' });
      expect(validateTaxId('SI 70310815')).to.include({ valid: true, kind: 'vat' });
      expect(validateTaxId('50223055', { country: 'SI' }).valid).to.equal(false);
      expect(validateTaxId('05022305', { country: 'SI' }).reason).to.match(/does not start with 0/);
    });
  });

  describe('Northern Ireland (XI)', () => {
    it('accepts both mod-97 schemes, the 12-digit branch form and the GD/HA forms', () => {
      expect(validateTaxId('XI 980 7806 84').valid).to.equal(true); // Σ ≡ 0
      expect(validateTaxId('XI 100 1950 75').valid).to.equal(true); // Σ ≡ 42, the "−55" scheme
      expect(validateTaxId('XI 242 3380 87 388').valid).to.equal(true);
      expect(validateTaxId('XIGD100').valid).to.equal(true);
      expect(validateTaxId('XIHA501').valid).to.equal(true);
    });

    it('rejects bad check digits and GD/HA numbers out of their range', () => {
      expect(validateTaxId('XI 802311781').valid).to.equal(false);
      expect(validateTaxId('XIGD600').valid).to.equal(false);
      expect(validateTaxId('XIHA201').valid).to.equal(false);
      expect(validateTaxId('XI 9807806842').reason).to.match(/^Wrong format for Northern Ireland/);
    });
  });

  it('checks country-specific components beyond the check digit', () => {
    expect(validateTaxId('IT 00687129980').valid).to.equal(false); // unknown tax office 998
    expect(validateTaxId('LT 100001354').valid).to.equal(false); // 8th digit must be 1
    expect(validateTaxId('CY-12259033P').valid).to.equal(false); // may not start with 12
    expect(validateTaxId('BG 1037735942').valid).to.equal(false); // EGN with month 37
    expect(validateTaxId('NL 009122746B00').valid).to.equal(false); // branch 00
    expect(validateTaxId('FR IO334175221').valid).to.equal(false); // I and O are not key letters
    expect(validateTaxId('ES O-1234567-L').reason).to.match(/cannot start with O/);
  });
});

describe('formatTaxId', () => {
  it('writes the VAT form: prefix and number without spaces', () => {
    expect(formatTaxId({ country: 'CZ', value: '27082440' })).to.equal('CZ27082440');
    expect(formatTaxId(normalizeTaxId('EL: 094014201'))).to.equal('EL094014201');
    expect(formatTaxId(normalizeTaxId('GR 094014201'), 'vat')).to.equal('EL094014201');
    expect(formatTaxId(normalizeTaxId('atu 135 856 27'))).to.equal('ATU13585627');
  });

  it('writes the number as is when the country is unknown or has no VAT prefix', () => {
    expect(formatTaxId({ country: null, value: 'ABC123' })).to.equal('ABC123');
    expect(formatTaxId({ country: 'CH', value: 'CHE123456788' })).to.equal('CHE123456788');
  });

  it('writes the national form', () => {
    expect(formatTaxId({ country: 'PL', value: '1234563218' }, 'national')).to.equal('123-456-32-18');
    expect(formatTaxId({ country: 'CZ', value: '27082440' }, 'national')).to.equal('27082440');
    expect(formatTaxId({ country: 'SK', value: '31322832' }, 'national')).to.equal('31322832');
    expect(formatTaxId({ country: 'SI', value: '50223054' }, 'national')).to.equal('50223054');
    expect(formatTaxId({ country: 'AT', value: 'U13585627' }, 'national')).to.equal('U13585627');
    expect(formatTaxId({ country: null, value: 'ABC123' }, 'national')).to.equal('ABC123');
  });

  it('canonicalises hand-built input', () => {
    expect(formatTaxId({ country: 'cz', value: '270 82 440' })).to.equal('CZ27082440');
    expect(formatTaxId({ country: 'gr', value: '094014201' })).to.equal('EL094014201');
  });
});

describe('taxIdKey', () => {
  it('is COUNTRY:VALUE, with an empty country part when unknown', () => {
    expect(taxIdKey({ country: 'CZ', value: '27082440' })).to.equal('CZ:27082440');
    expect(taxIdKey({ country: null, value: 'ABC123' })).to.equal(':ABC123');
    expect(taxIdKey({ country: 'cz', value: '270 82 440' })).to.equal('CZ:27082440');
  });

  it('matches every way of typing the same number (property)', () => {
    const ids: NormalizedTaxId[] = VECTORS.map((v) => normalizeTaxId(v.valid));
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.array(fc.tuple(fc.nat(), separators), { maxLength: 4 }), fc.array(fc.boolean(), { minLength: 1 }), (id, inserts, upper) => {
        const typedWithPrefix = scramble(formatTaxId(id), inserts, upper);
        const typedWithOption = scramble(id.value, inserts, upper);
        const key = taxIdKey(id);
        expect(taxIdKey(normalizeTaxId(typedWithPrefix))).to.equal(key);
        expect(taxIdKey(normalizeTaxId(typedWithOption, withCountry(id.country)))).to.equal(key);
      }),
    );
  });
});
