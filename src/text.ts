/** Lower-case, diacritics-free, single-spaced: how names are compared and sorted ("ŠKODA" ≈ "skoda"). */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Digits only, for comparing phone numbers however they were typed. */
export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}
