import '../../components/define/all.ts';
import type { KtClientPicker } from '../../components/client-picker/client-picker.ts';
import type { Client, Crm } from '../../src/index.ts';
import { memoryCrmWithClients } from './clients.ts';
import { progress, rotated, scaled, timed, type BenchOptions } from './harness.ts';
import { benchQueries } from './queries.ts';

/** The picker's own number of suggestions. */
const LIMIT = 8;
const QUERIES = 200;
/** Every this many queries is typed a character at a time; the rest arrive whole (a paste, an autofill). */
const TYPED_EVERY = 5;

/** Resolves after the next frame is painted: a task queued from its rAF callback runs after the paint. */
const afterNextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/** Milliseconds of one keystroke: until its suggestions are in the DOM, and until they are painted. */
interface KeystrokeSample {
  dom: number;
  painted: number;
}

/**
 * The picker on `crm`, seen through a Crm whose `clients.search` hands the bench the promise it
 * returns to the element: the element awaits it first, so once the bench's own await of it
 * resumes, the element has taken the answer and requested its update.
 */
async function mountPicker(crm: Crm) {
  let searched: { text: string; answer: Promise<Client[]> } | undefined;
  const lastSearch = () => searched;
  const observed: Crm = {
    ...crm,
    clients: {
      ...crm.clients,
      search: (text, options) => {
        const answer = crm.clients.search(text, options);
        searched = { text, answer };
        return answer;
      },
    },
  };
  const picker = document.createElement('kt-client-picker') as KtClientPicker;
  picker.crm = observed;
  document.body.append(picker);
  await picker.updateComplete;
  const input = picker.shadowRoot!.querySelector<HTMLInputElement>('input[role="combobox"]')!;
  input.focus();
  const setText = (text: string) => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  };

  /** Sets the field to `text` as one input event; resolves once the listbox shows its answer. */
  async function type(text: string): Promise<KeystrokeSample> {
    searched = undefined;
    const start = performance.now();
    setText(text);
    const search = lastSearch();
    if (search?.text !== text) throw new Error(`the picker did not search for "${text}"`);
    const found = await search.answer;
    await picker.updateComplete;
    const dom = performance.now() - start;
    await afterNextPaint();
    const painted = performance.now() - start;
    // Untimed: the options are this query's answer, or the one "no match" option.
    const shown = [...picker.shadowRoot!.querySelectorAll('[role="option"]')].map((option) => (option.classList.contains('none') ? '(none)' : option.textContent?.trim()));
    const expected = found.length ? found.map((client) => crm.clients.label(client)) : ['(none)'];
    if (shown.join('\n') !== expected.join('\n')) throw new Error(`the listbox does not show the answer to "${text}": ${shown.join(', ')}`);
    return { dom, painted };
  }

  /** Empties the field: the listbox closes. */
  async function clear(): Promise<void> {
    setText('');
    await picker.updateComplete;
  }
  return { picker, type, clear };
}

/** The keystrokes of typing `text`: each prefix, one character longer. */
const prefixes = (text: string) => Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));

export interface PickerBenchResult {
  clients: number;
  queries: number;
  typedQueries: number;
  keystrokes: number;
  reps: number;
  /** The first search on the fresh Crm, which builds its client index. */
  firstSearchMs: number;
  /** Per-query (or per-keystroke) milliseconds, every repetition pooled. */
  picker: { whole: KeystrokeSample[]; typed: KeystrokeSample[] };
  sdk: { whole: number[]; typed: number[] };
}

/** Bench 5: <kt-client-picker> keystroke to suggestions vs the bare crm.clients.search it calls. */
export async function pickerBench(options: BenchOptions): Promise<PickerBenchResult> {
  const { scale, reps = 3 } = options;
  const { crm, clients } = await memoryCrmWithClients(scaled(100_000, scale), 'picker');
  const queries = benchQueries(clients, QUERIES).map((query) => query.text);
  const typed = queries.filter((_, i) => i % TYPED_EVERY === 0).map(prefixes);
  const whole = queries.filter((_, i) => i % TYPED_EVERY !== 0);
  const firstSearchMs = await timed(() => crm.clients.search(queries[0]!, { limit: LIMIT }));
  progress(`picker: ${clients.length} clients, index built in ${Math.round(firstSearchMs)} ms`);

  const { picker, type, clear } = await mountPicker(crm);
  const result: PickerBenchResult = {
    clients: clients.length,
    queries: whole.length,
    typedQueries: typed.length,
    keystrokes: typed.flat().length,
    reps,
    firstSearchMs,
    picker: { whole: [], typed: [] },
    sdk: { whole: [], typed: [] },
  };
  const variants = {
    picker: async () => {
      // Each query starts from an empty field, as when the user comes back to the picker.
      for (const text of whole) {
        await clear();
        result.picker.whole.push(await type(text));
      }
      for (const keystrokes of typed) {
        await clear();
        for (const text of keystrokes) result.picker.typed.push(await type(text));
      }
    },
    sdk: async () => {
      for (const text of whole) result.sdk.whole.push(await timed(() => crm.clients.search(text, { limit: LIMIT })));
      for (const text of typed.flat()) result.sdk.typed.push(await timed(() => crm.clients.search(text, { limit: LIMIT })));
    },
  };
  for (let rep = 0; rep < reps; rep++) {
    for (const name of rotated(Object.keys(variants) as (keyof typeof variants)[], rep)) {
      await variants[name]();
      progress(`picker: rep ${rep + 1}/${reps} ${name}`);
    }
  }
  picker.remove();
  await crm.close();
  return result;
}
