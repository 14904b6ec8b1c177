// Shared by the element tests: mounting, waiting for what a user would see, accessibility checks.
import { expect } from 'chai';
import { render, type TemplateResult } from 'lit';

const mounted: HTMLElement[] = [];

/** Renders `template` into a fresh container in the document; removed after each test. */
export async function mount<T extends Element>(template: TemplateResult, selector: string): Promise<T> {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  render(template, container);
  const element = container.querySelector<T>(selector);
  if (!element) throw new Error(`${selector} did not render`);
  await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return element;
}

afterEach(() => {
  for (const container of mounted.splice(0)) container.remove();
});

/** Waits until `check` passes (it throws until then), as a user waits for the screen to settle. */
export async function until<T>(check: () => T | Promise<T>, timeout = 3000): Promise<T> {
  const start = performance.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (performance.now() - start > timeout) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** The element's shadow root, to read the screen as rendered. */
export function shadow(element: Element): ShadowRoot {
  return element.shadowRoot!;
}

/** Visible text of a node, whitespace collapsed. */
export function textOf(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

let axeLoaded: Promise<void> | undefined;

/** Runs axe-core on `element` (and its shadow tree) and fails on any violation. */
export async function expectAccessible(element: Element): Promise<void> {
  axeLoaded ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('axe-core did not load'));
    document.head.append(script);
  });
  await axeLoaded;
  const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
  const { violations } = await axe.run(element, { resultTypes: ['violations'] });
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  expect(summary, summary.join('\n')).to.deep.equal([]);
}
