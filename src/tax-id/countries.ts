/**
 * Offline check rules for EU VAT numbers (VIES prefixes, Greece as `EL`), Northern Ireland (`XI`)
 * and the national forms people type in CZ, SK, PL and SI. Written from the published
 * construction rules (the European Commission's VIES descriptions and national rules).
 */
import {
  alphanumericMod97,
  isMod11_10Valid,
  isRealDate,
  luhnCheckDigit,
  luhnSum,
  mod,
  weightedSum,
} from './algorithms.ts';
import { birthNumberProblem } from './birth-number.ts';

/**
 * Why a number is wrong, and the kind of rule it breaks (`TaxIdValidation.problem`): a failed
 * checksum (a mistyped digit), a wrong length, or, when not said, another of the country's rules.
 */
export interface RuleFailure {
  reason: string;
  problem?: 'check_digit' | 'format';
}

/** What a rule concluded: the matched form, or why the number is wrong. */
export type RuleOutcome = { kind: string } | RuleFailure;

export interface CountryRule {
  /** English country name, for messages. */
  name: string;
  /** Characters and length a number of this country can have; also decides whether a typed prefix is a country. */
  shape: RegExp;
  /** `shape` in words, for messages. */
  expected: string;
  /** Runs the checksum; `value` already matches `shape`, `prefixed` says the country code was typed in front. */
  check(value: string, prefixed: boolean): RuleOutcome;
}

const VAT: RuleOutcome = { kind: 'vat' };
const BAD_CHECK: RuleOutcome = { reason: 'The check digit does not match; the number is probably mistyped.', problem: 'check_digit' };

function checked(ok: boolean, kind: RuleOutcome = VAT): RuleOutcome {
  return ok ? kind : BAD_CHECK;
}

const digit = (value: string, index: number): number => Number(value.charAt(index));

/** CZ and SK company number (IČO): weights 8…2, mod 11, a remainder of 0 gives 1 and 1 gives 0. */
function isIcoValid(value: string): boolean {
  const rest = weightedSum(value, [8, 7, 6, 5, 4, 3, 2]) % 11;
  const check = rest === 0 ? 1 : rest === 1 ? 0 : 11 - rest;
  return check === digit(value, 7);
}

function checkCzech(value: string, prefixed: boolean): RuleOutcome {
  if (value.length === 8) return checked(isIcoValid(value), { kind: prefixed ? 'dic' : 'ico' });
  if (value.length === 9 && value.startsWith('6')) {
    // Individuals without a birth number: digits 2–8 weighted 8…2.
    const rest = weightedSum(value.slice(1), [8, 7, 6, 5, 4, 3, 2]) % 11;
    return checked(9 - ((11 - rest) % 10) === digit(value, 8), { kind: 'dic' });
  }
  return birthNumberProblem(value) ?? { kind: 'birth_number' };
}

function checkSlovak(value: string, prefixed: boolean): RuleOutcome {
  if (value.length === 8) return checked(isIcoValid(value), { kind: 'ico' });
  if (value.startsWith('0')) return { reason: 'A Slovak tax number does not start with 0.' };
  // IČ DPH (the VAT form, SK + DIČ) additionally restricts the third digit.
  if (prefixed && !'234789'.includes(value.charAt(2))) {
    return { reason: 'The third digit of a Slovak VAT number must be 2, 3, 4, 7, 8 or 9.' };
  }
  return Number(value) % 11 === 0
    ? { kind: prefixed ? 'vat' : 'dic' }
    : { reason: 'A Slovak tax number must be divisible by 11; the number is probably mistyped.', problem: 'check_digit' };
}

/** An EGN starts with YYMMDD; 20 is added to the month for births in the 1800s, 40 for the 2000s. */
function isEgnDate(value: string): boolean {
  const month = Number(value.slice(2, 4));
  const century = month > 40 ? 2000 : month > 20 ? 1800 : 1900;
  return isRealDate(century + Number(value.slice(0, 2)), month % 20, Number(value.slice(4, 6)));
}

function checkBulgarian(value: string): RuleOutcome {
  if (value.length === 9) {
    // Legal entities: weights 1…8, falling back to 3…10 when the remainder is 10.
    let rest = weightedSum(value, [1, 2, 3, 4, 5, 6, 7, 8]) % 11;
    if (rest === 10) rest = weightedSum(value, [3, 4, 5, 6, 7, 8, 9, 10]) % 11;
    return checked(rest % 10 === digit(value, 8));
  }
  // 10 digits: a citizen's EGN, a foreigner's number or another registration; any scheme may match.
  const egn = isEgnDate(value) ? weightedSum(value, [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11 % 10 : -1;
  const foreigner = weightedSum(value, [21, 19, 17, 13, 11, 9, 7, 3, 1]) % 10;
  const other = 11 - (weightedSum(value, [4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11);
  const last = digit(value, 9);
  return checked(egn === last || foreigner === last || (other !== 10 && other % 11 === last));
}

function checkCypriot(value: string): RuleOutcome {
  if (!'013459'.includes(value.charAt(0)) || value.startsWith('12')) {
    return { reason: 'A Cypriot VAT number starts with 0, 1, 3, 4, 5 or 9 (not 12).' };
  }
  // Odd positions are recoded through a fixed table, even positions count as they are.
  const odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += i % 2 === 0 ? odd[digit(value, i)] ?? 0 : digit(value, i);
  return checked(String.fromCharCode(65 + (sum % 26)) === value.charAt(8));
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

function checkSpanish(value: string): RuleOutcome {
  const first = value.charAt(0);
  const last = value.charAt(8);
  if (/\d/.test(first)) return checked(DNI_LETTERS.charAt(Number(value.slice(0, 8)) % 23) === last);
  if ('KLM'.includes(first)) return checked(DNI_LETTERS.charAt(Number(value.slice(1, 8)) % 23) === last);
  if ('XYZ'.includes(first)) {
    // NIE: X, Y, Z stand for 0, 1, 2 in front of the DNI algorithm.
    return checked(DNI_LETTERS.charAt(Number('XYZ'.indexOf(first) + value.slice(1, 8)) % 23) === last);
  }
  if ('ABCDEFGHJNPQRSUVW'.includes(first)) {
    // Companies (CIF): a Luhn digit, written either as the digit or as a letter of JABCDEFGHI.
    const control = luhnCheckDigit(value.slice(1, 8));
    return checked(last === String(control) || last === 'JABCDEFGHI'.charAt(control));
  }
  return { reason: `A Spanish tax number cannot start with ${first}.` };
}

const FR_KEY_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function checkFrench(value: string): RuleOutcome {
  const siren = value.slice(2);
  // SIREN carries a Luhn digit; Monaco's numbers (000…) are not SIRENs.
  if (!siren.startsWith('000') && luhnSum(siren) !== 0) {
    return { reason: 'The SIREN part (last 9 digits) has a wrong check digit.', problem: 'check_digit' };
  }
  const key = value.slice(0, 2);
  if (/^\d\d$/.test(key)) return checked(Number(key) === (12 + 3 * (Number(siren) % 97)) % 97);
  // New-style keys with letters.
  const a = FR_KEY_ALPHABET.indexOf(key.charAt(0));
  const b = FR_KEY_ALPHABET.indexOf(key.charAt(1));
  const s = a < 10 ? a * 24 + b - 10 : a * 34 + b - 100;
  return checked((Number(siren) + 1 + Math.floor(s / 11)) % 11 === s % 11);
}

const IE_LETTERS = 'WABCDEFGHIJKLMNOPQRSTUV';

function checkIrish(value: string): RuleOutcome {
  let digits: string;
  let extra = 0;
  if (/^\d{7}/.test(value)) {
    digits = value.slice(0, 7);
    // Since 2013 a second letter may follow; it counts 9 × its position.
    if (value.length === 9) {
      extra = IE_LETTERS.indexOf(value.charAt(8));
      if (extra < 0) return { reason: 'The last letter of an Irish VAT number must be A–W.' };
    }
  } else if (value.length === 8) {
    // Old style: digit, letter (or + or *), 5 digits, check letter; rearranged to the new form.
    digits = '0' + value.slice(2, 7) + value.charAt(0);
  } else {
    return { reason: 'Old-style Irish VAT numbers have 8 characters.', problem: 'format' };
  }
  const sum = weightedSum(digits, [8, 7, 6, 5, 4, 3, 2]) + 9 * extra;
  return checked(IE_LETTERS.charAt(sum % 23) === value.charAt(7));
}

function checkItalian(value: string): RuleOutcome {
  if (/^0{7}/.test(value)) return { reason: 'The company part of an Italian VAT number cannot be all zeros.' };
  const office = Number(value.slice(7, 10));
  if (!((office >= 1 && office <= 100) || [120, 121, 888, 999].includes(office))) {
    return { reason: 'Digits 8–10 of an Italian VAT number are not a known tax office code.' };
  }
  return checked(luhnSum(value) === 0);
}

function checkLithuanian(value: string): RuleOutcome {
  // Legal entities (9 digits) and temporary registrations (12) carry a 1 right before the check digit.
  if (value.charAt(value.length - 2) !== '1') {
    return { reason: 'The second-to-last digit of a Lithuanian VAT number must be 1.' };
  }
  const body = value.slice(0, -1);
  const weightsFrom = (start: number): number[] => [...body].map((_, i) => ((start + i) % 9) + 1);
  let rest = weightedSum(body, weightsFrom(0)) % 11;
  if (rest === 10) rest = weightedSum(body, weightsFrom(2)) % 11;
  return checked(rest % 10 === digit(value, value.length - 1));
}

function checkLatvian(value: string): RuleOutcome {
  if (digit(value, 0) > 3) {
    // Legal entities.
    return checked(weightedSum(value, [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]) % 11 === 3);
  }
  // Natural persons: the personal code, DDMMYY-CNNNN with a century digit, or 32… without a date (since 2017).
  if (!value.startsWith('32')) {
    const year = 1800 + 100 * digit(value, 6) + Number(value.slice(4, 6));
    if (!isRealDate(year, Number(value.slice(2, 4)), Number(value.slice(0, 2)))) {
      return { reason: 'The Latvian personal code has an invalid date.' };
    }
  }
  const check = mod(1101 - weightedSum(value, [1, 6, 3, 7, 9, 10, 5, 8, 4, 2]), 11) % 10;
  return checked(check === digit(value, 10));
}

function checkDutch(value: string): RuleOutcome {
  if (/^0{9}/.test(value)) return { reason: 'A Dutch VAT number cannot start with nine zeros.' };
  if (value.endsWith('B00')) return { reason: 'The two digits after B in a Dutch VAT number start at 01.' };
  // Companies (RSIN): the eleven test; sole traders since 2020: ISO 7064 mod 97 over "NL" + number.
  const elevenTest = mod(weightedSum(value, [9, 8, 7, 6, 5, 4, 3, 2]) - digit(value, 8), 11) === 0;
  return checked(elevenTest || alphanumericMod97(`NL${value}`) === 1);
}

function checkPolish(value: string, prefixed: boolean): RuleOutcome {
  const rest = weightedSum(value, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
  // A remainder of 10 is never issued.
  return checked(rest !== 10 && rest === digit(value, 9), { kind: prefixed ? 'vat' : 'nip' });
}

function checkSlovenian(value: string, prefixed: boolean): RuleOutcome {
  if (value.startsWith('0')) return { reason: 'A Slovenian tax number does not start with 0.' };
  const check = 11 - (weightedSum(value, [8, 7, 6, 5, 4, 3, 2]) % 11);
  // 10 is written as 0; 11 is never issued.
  return checked(check !== 11 && check % 10 === digit(value, 7), { kind: prefixed ? 'vat' : 'tax_number' });
}

function checkBritish(value: string): RuleOutcome {
  if (value.startsWith('GD') || value.startsWith('HA')) {
    // Government departments use 000–499, health authorities 500–999.
    const government = value.startsWith('GD');
    return government === Number(value.slice(2)) < 500
      ? VAT
      : { reason: 'GD numbers run from 000 to 499 and HA numbers from 500 to 999.' };
  }
  // Weights 8…2 and the last two digits; mod 97 is 0 (original scheme) or 42 (the "−55" scheme).
  const total = weightedSum(value, [8, 7, 6, 5, 4, 3, 2, 10, 1]) % 97;
  return checked(total === 0 || total === 42);
}

function nonZeroStart(name: string, check: (value: string) => RuleOutcome): (value: string) => RuleOutcome {
  return (value) => (value.startsWith('0') ? { reason: `A ${name} VAT number does not start with 0.` } : check(value));
}

/** The rule for every recognised country prefix. */
export const COUNTRY_RULES: Readonly<Record<string, CountryRule>> = {
  AT: {
    name: 'Austria',
    shape: /^U\d{8}$/,
    expected: "'U' followed by 8 digits",
    check: (v) => checked(mod(6 - luhnSum(v.slice(1, 8)), 10) === digit(v, 8)),
  },
  BE: {
    name: 'Belgium',
    shape: /^\d{9,10}$/,
    expected: '10 digits',
    check: (v) => {
      if (v.length === 9) return { reason: 'Belgian numbers have 10 digits; put a 0 in front of an old 9-digit number.', problem: 'format' };
      if (!/^[01]/.test(v)) return { reason: 'A Belgian enterprise number starts with 0 or 1.' };
      return checked(97 - (Number(v.slice(0, 8)) % 97) === Number(v.slice(8)));
    },
  },
  BG: { name: 'Bulgaria', shape: /^\d{9,10}$/, expected: '9 or 10 digits', check: checkBulgarian },
  CY: { name: 'Cyprus', shape: /^\d{8}[A-Z]$/, expected: '8 digits and a letter', check: checkCypriot },
  CZ: { name: 'Czechia', shape: /^\d{8,10}$/, expected: '8, 9 or 10 digits', check: checkCzech },
  DE: {
    name: 'Germany',
    shape: /^\d{9}$/,
    expected: '9 digits',
    check: nonZeroStart('German', (v) => checked(isMod11_10Valid(v))),
  },
  DK: {
    name: 'Denmark',
    shape: /^\d{8}$/,
    expected: '8 digits',
    check: nonZeroStart('Danish', (v) => checked(weightedSum(v, [2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0)),
  },
  EE: {
    name: 'Estonia',
    shape: /^\d{9}$/,
    expected: '9 digits',
    check: (v) => checked(weightedSum(v, [3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 === 0),
  },
  EL: {
    name: 'Greece',
    shape: /^\d{9}$/,
    expected: '9 digits (old 8-digit numbers take a leading 0)',
    check: (v) => checked(weightedSum(v, [256, 128, 64, 32, 16, 8, 4, 2]) % 11 % 10 === digit(v, 8)),
  },
  ES: {
    name: 'Spain',
    shape: /^[0-9A-Z]\d{7}[0-9A-Z]$/,
    expected: '9 characters: 7 digits between a leading and a trailing digit or letter',
    check: checkSpanish,
  },
  FI: {
    name: 'Finland',
    shape: /^\d{8}$/,
    expected: '8 digits',
    check: (v) => checked(weightedSum(v, [7, 9, 10, 5, 8, 4, 2, 1]) % 11 === 0),
  },
  FR: {
    name: 'France',
    shape: /^[0-9A-HJ-NP-Z]{2}\d{9}$/,
    expected: 'a 2-character key (digits or letters other than I and O) and 9 digits',
    check: checkFrench,
  },
  HR: { name: 'Croatia', shape: /^\d{11}$/, expected: '11 digits', check: (v) => checked(isMod11_10Valid(v)) },
  HU: {
    name: 'Hungary',
    shape: /^\d{8}$/,
    expected: '8 digits',
    check: (v) => checked(weightedSum(v, [9, 7, 3, 1, 9, 7, 3, 1]) % 10 === 0),
  },
  IE: {
    name: 'Ireland',
    shape: /^\d[\dA-Z+*]\d{5}[A-W]{1,2}$/,
    expected: '7 digits and 1 or 2 letters (old style: digit, letter, 5 digits, letter)',
    check: checkIrish,
  },
  IT: { name: 'Italy', shape: /^\d{11}$/, expected: '11 digits', check: checkItalian },
  LT: { name: 'Lithuania', shape: /^(\d{9}|\d{12})$/, expected: '9 or 12 digits', check: checkLithuanian },
  LU: {
    name: 'Luxembourg',
    shape: /^\d{8}$/,
    expected: '8 digits',
    check: (v) => checked(Number(v.slice(0, 6)) % 89 === Number(v.slice(6))),
  },
  LV: { name: 'Latvia', shape: /^\d{11}$/, expected: '11 digits', check: checkLatvian },
  MT: {
    name: 'Malta',
    shape: /^\d{8}$/,
    expected: '8 digits',
    check: nonZeroStart('Maltese', (v) => checked(weightedSum(v, [3, 4, 6, 7, 8, 9, 10, 1]) % 37 === 0)),
  },
  NL: { name: 'the Netherlands', shape: /^\d{9}B\d{2}$/, expected: "9 digits (with leading zeros), 'B' and 2 digits", check: checkDutch },
  PL: { name: 'Poland', shape: /^\d{10}$/, expected: '10 digits', check: checkPolish },
  PT: {
    name: 'Portugal',
    shape: /^\d{9}$/,
    expected: '9 digits',
    check: nonZeroStart('Portuguese', (v) => {
      const check = 11 - (weightedSum(v, [9, 8, 7, 6, 5, 4, 3, 2]) % 11);
      return checked((check >= 10 ? 0 : check) === digit(v, 8));
    }),
  },
  RO: {
    name: 'Romania',
    shape: /^\d{2,10}$/,
    expected: '2 to 10 digits',
    check: nonZeroStart('Romanian', (v) => {
      // Shorter numbers are read as if padded with zeros on the left to 10 digits.
      const padded = v.padStart(10, '0');
      return checked(((weightedSum(padded, [7, 5, 3, 2, 1, 7, 5, 3, 2]) * 10) % 11) % 10 === digit(padded, 9));
    }),
  },
  SE: {
    name: 'Sweden',
    shape: /^\d{12}$/,
    expected: '12 digits',
    check: (v) =>
      v.endsWith('01')
        ? checked(luhnSum(v.slice(0, 10)) === 0)
        : { reason: 'A Swedish VAT number ends with 01.' },
  },
  SI: { name: 'Slovenia', shape: /^\d{8}$/, expected: '8 digits', check: checkSlovenian },
  SK: { name: 'Slovakia', shape: /^(\d{8}|\d{10})$/, expected: '8 or 10 digits', check: checkSlovak },
  XI: {
    name: 'Northern Ireland',
    shape: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
    expected: "9 or 12 digits, or 'GD' or 'HA' and 3 digits",
    check: checkBritish,
  },
};

/** Prefixes people type that mean another code. */
const ALIASES: Readonly<Record<string, string>> = { GR: 'EL' };

/** The canonical code for a typed or configured country: upper-cased, aliases resolved. */
export function canonicalCountry(code: string): string {
  const upper = code.trim().toUpperCase();
  return ALIASES[upper] ?? upper;
}

/**
 * The countries whose tax IDs are checked, by code (`EL` for Greece, `XI` for Northern Ireland),
 * with their English names: what a default country can be.
 */
export function taxIdCountries(): { code: string; name: string }[] {
  return Object.entries(COUNTRY_RULES).map(([code, rule]) => ({ code, name: rule.name }));
}

/** The rule for a canonical code, if it is one this module knows. */
export function countryRule(code: string | null): CountryRule | undefined {
  return code !== null && Object.hasOwn(COUNTRY_RULES, code) ? COUNTRY_RULES[code] : undefined;
}
