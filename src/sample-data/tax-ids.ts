import { validateTaxId } from '../tax-id/index.ts';
import type { Random } from './random.ts';
import type { CountryVocabulary } from './vocabulary.ts';

/**
 * A tax ID that passes the country's checksum: random digits, then the check digit found by
 * trying all ten (the validator stays the one source of truth for the rules).
 */
export function sampleTaxId(random: Random, vocabulary: CountryVocabulary): string {
  const { country, taxId } = vocabulary;
  for (;;) {
    const start = random.pick(taxId.start);
    const body = start + random.digits(taxId.length - start.length - 1);
    for (let check = 0; check <= 9; check++) {
      if (validateTaxId(`${country}${body}${check}`).valid) return `${country}${body}${check}`;
    }
  }
}

/** The same tax ID as different people type it: spaced, lower-case, dashed. */
export function typedVariant(random: Random, taxId: string): string {
  const [prefix, digits] = [taxId.slice(0, 2), taxId.slice(2)];
  switch (random.int(0, 3)) {
    case 0:
      return taxId;
    case 1:
      return `${prefix} ${digits.replace(/(\d{3})(?=\d)/g, '$1 ')}`;
    case 2:
      return `${prefix.toLowerCase()}${digits}`;
    default:
      return `${prefix}-${digits}`;
  }
}
