// Summary statistics and the printed tables: medians and p95s, never means (a GC pause or a
// disk flush in one repetition must not move the headline figure).

/** The q-quantile (0..1) of the samples, nearest-rank: p95 of 20 samples is the 19th smallest. */
export function quantile(samples, q) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (samples) => quantile(samples, 0.5);
export const p95 = (samples) => quantile(samples, 0.95);

/** How many times slower `value` is than `peer` (1.00× = equal), or '' without a peer. */
export function ratio(value, peer) {
  return peer === undefined || !(peer > 0) ? '' : `${(value / peer).toPrecision(2)}×`;
}

/** Milliseconds for humans: µs below 1 ms, s above 10 s. */
export function ms(value) {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 1) return `${(value * 1000).toFixed(1)} µs`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

export function bytes(value) {
  if (!Number.isFinite(value)) return 'n/a';
  return `${(value / 1024 / 1024).toFixed(1)} MB`;
}

/** Bytes as kB (1,000 bytes, as bundle sizes are quoted), with the exact count. */
export function kilobytes(value) {
  return `${(value / 1000).toFixed(1)} kB (${value.toLocaleString('en')} B)`;
}

/** Prints an aligned text table: `rows` are arrays of cells, the first row the header. */
export function table(title, rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column] ?? '').length)));
  const line = (row) => row.map((cell, column) => String(cell ?? '').padEnd(widths[column])).join('  ').trimEnd();
  console.log(`\n${title}`);
  console.log(line(rows[0]));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
}
