// The bench page's entry: run.mjs calls these one at a time through page.evaluate. Each bench
// loads on demand, so one that cannot load (e.g. work in progress under src/) fails alone.
import type { BenchOptions } from './harness.ts';
import type { ImportRunOptions } from './import.bench.ts';

const benches = {
  importRun: async (options: ImportRunOptions) => (await import('./import.bench.ts')).importRun(options),
  importValidation: async (options: { orders: number; clients: number }) => (await import('./import.bench.ts')).importValidation(options),
  search: async (options: BenchOptions) => (await import('./search.bench.ts')).searchBench(options),
  cold: async (options: BenchOptions) => (await import('./cold-open.bench.ts')).coldOpenBench(options),
  table: async (options: BenchOptions) => (await import('./table.bench.ts')).tableBench(options),
  picker: async (options: BenchOptions) => (await import('./picker.bench.ts')).pickerBench(options),
};

declare global {
  interface Window {
    kartotekaBench: typeof benches;
  }
}

window.kartotekaBench = benches;
