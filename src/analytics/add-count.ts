/** Adds `amount` under `key`, dropping the key when it comes to zero so stored figures stay small. */
export function addCount(record: Record<string, number>, key: string, amount: number): void {
  const next = (record[key] ?? 0) + amount;
  if (next === 0) delete record[key];
  else record[key] = next;
}
