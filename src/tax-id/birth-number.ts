import { isRealDate } from './algorithms.ts';
import type { RuleFailure } from './countries.ts';

/**
 * Checks a Czech/Slovak birth number (rodné číslo), YYMMDD + 3 or 4 digits.
 * Returns null when valid, otherwise why not.
 */
export function birthNumberProblem(digits: string): RuleFailure | null {
  if (!/^\d{9,10}$/.test(digits)) return { reason: 'A birth number has 9 or 10 digits.', problem: 'format' };
  const yy = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  const dd = Number(digits.slice(4, 6));

  let year: number;
  if (digits.length === 9) {
    // 9-digit numbers were issued only until the end of 1953.
    if (yy >= 54 && yy < 80) return { reason: 'Birth numbers issued after 1953 have 10 digits.', problem: 'format' };
    year = (yy < 54 ? 1900 : 1800) + yy;
  } else {
    year = (yy < 54 ? 2000 : 1900) + yy;
  }

  // Women have 50 added to the month; from 2004 a further 20 may be added when a day's serials run out.
  const offset = mm > 70 ? 70 : mm > 50 ? 50 : mm > 20 ? 20 : 0;
  if ((offset === 20 || offset === 70) && year < 2004) {
    return { reason: 'The birth number has an invalid date (month +20 is used only from 2004).' };
  }
  if (!isRealDate(year, mm - offset, dd)) return { reason: 'The birth number has an invalid date.' };

  if (digits.length === 10) {
    const rest = Number(digits.slice(0, 9)) % 11;
    // Historically a remainder of 10 was written as check digit 0 (the number is then not divisible by 11).
    if ((rest === 10 ? 0 : rest) !== Number(digits.charAt(9))) {
      return { reason: 'The birth number is not divisible by 11 (wrong check digit).', problem: 'check_digit' };
    }
  }
  return null;
}
