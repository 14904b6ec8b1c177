import { digitsOf } from '../text.ts';

/** How a country's numbers are dialled from abroad: its calling code, and whether the national form starts with a trunk 0 that then drops. */
interface DialingPlan {
  code: string;
  trunkZero: boolean;
}

// Europe (with VAT's EL and XI) and North America; other numbers are kept with their calling code.
const plans: Record<string, DialingPlan> = {};
for (const [codes, trunkZero] of [
  ['AT43 BE32 BG359 DE49 FI358 FR33 GB44 XI44 HR385 IE353 NL31 RO40 SE46 SI386 SK421 CH41 UA380 LT370 RS381 BA387 ME382 MK389', true],
  ['CY357 CZ420 DK45 EE372 EL30 GR30 ES34 HU36 IT39 LU352 LV371 MT356 PL48 PT351 NO47 IS354 LI423 AL355 US1 CA1', false],
] as const) {
  for (const entry of codes.split(' ')) plans[entry.slice(0, 2)] = { code: entry.slice(2), trunkZero };
}
// Calling codes form a prefix-free set, so at most one of them starts a number.
const distinctPlans = [...new Map(Object.values(plans).map((plan) => [plan.code, plan])).values()];

function planOf(country: string | undefined): DialingPlan | undefined {
  return country === undefined ? undefined : plans[country.toUpperCase()];
}

/** The digits after a typed `+` or `00`, or undefined when the number is written in national form. */
function typedInternational(typed: string): string | undefined {
  const digits = digitsOf(typed);
  if (typed.trimStart().startsWith('+')) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  return undefined;
}

/** International digits without their calling code, when it is one we know. */
function withoutCallingCode(international: string): string {
  const plan = distinctPlans.find((candidate) => international.startsWith(candidate.code));
  return plan ? international.slice(plan.code.length) : international;
}

function withoutTrunkZero(digits: string, plan: DialingPlan | undefined): string {
  return plan?.trunkZero && digits.startsWith('0') ? digits.slice(1) : digits;
}

/**
 * The one key a stored phone number is indexed under: the national number without calling code
 * or trunk 0, so `+420 777 123 456`, `00420777123456` and (in the Czech Republic) `777 123 456`
 * all give `777123456`. A calling code we do not know stays in; a national number with a trunk 0
 * and no default country keeps its digits.
 */
export function phoneKey(phone: string, defaultCountry?: string): string {
  const international = typedInternational(phone);
  if (international !== undefined) return withoutCallingCode(international);
  return withoutTrunkZero(digitsOf(phone), planOf(defaultCountry));
}

/**
 * The key prefixes a typed phone query may be: its digits, without a typed calling code
 * (`+420 777` → `777`), without a trunk 0 (`0905` → `905`), and without the default country's
 * code typed with no `+` (`420777123` → `777123`).
 */
export function phonePrefixes(typed: string, defaultCountry?: string): string[] {
  const international = typedInternational(typed);
  if (international !== undefined) {
    const national = withoutCallingCode(international);
    return national === international ? [international] : [national, `0${national}`];
  }
  const digits = digitsOf(typed);
  const prefixes = new Set([digits, digits.startsWith('0') ? digits.slice(1) : digits]);
  const plan = planOf(defaultCountry);
  if (plan && digits.startsWith(plan.code) && digits.length > plan.code.length + 6) prefixes.add(digits.slice(plan.code.length));
  return [...prefixes];
}
