// Letters whose diacritic is not a separate combining mark, so NFD leaves them whole.
const standalone: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i' };

/** Lower-case, diacritics-free, single-spaced: how names are compared and sorted ("ŠKODA" ≈ "skoda", "Łódź" ≈ "lodz"). */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łđøæœßı]/g, (letter) => standalone[letter]!)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Digits only, for comparing phone numbers however they were typed. */
export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}
