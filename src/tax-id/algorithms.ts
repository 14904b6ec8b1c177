/**
 * Check-digit building blocks shared by the per-country rules.
 * Every function takes a string of ASCII digits the caller has already checked.
 */

/** Mathematical modulo: the result is never negative, unlike `%`. */
export function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}

/** Σ weightᵢ · digitᵢ over the leading digits; extra digits beyond the weights are ignored. */
export function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  weights.forEach((weight, i) => {
    sum += weight * Number(digits.charAt(i));
  });
  return sum;
}

/** The Luhn sum mod 10; a string that ends with a correct Luhn check digit gives 0. */
export function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits.charAt(digits.length - 1 - i));
    // Every second digit from the right is doubled and its two decimal digits added.
    sum += i % 2 === 0 ? digit : [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][digit] ?? 0;
  }
  return sum % 10;
}

/** The Luhn check digit to append to `payload`. */
export function luhnCheckDigit(payload: string): number {
  return mod(-luhnSum(payload + '0'), 10);
}

/** ISO 7064 MOD 11,10 over the whole string, check digit included (DE, HR). */
export function isMod11_10Valid(digits: string): boolean {
  let product = 10;
  for (const char of digits.slice(0, -1)) {
    const sum = (Number(char) + product) % 10 || 10;
    product = (2 * sum) % 11;
  }
  return mod(11 - product, 10) === Number(digits.slice(-1));
}

/** The string read as a base-36 number (0–9, then A=10 … Z=35) mod 97, as IBAN-style checks use. */
export function alphanumericMod97(text: string): number {
  let rest = 0;
  for (const char of text) {
    const value = Number.parseInt(char, 36);
    // Letters stand for two decimal digits, digits for one.
    rest = (value > 9 ? rest * 100 : rest * 10) + value;
    rest %= 97;
  }
  return rest;
}

/** True when the calendar has this day (proleptic Gregorian). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}
