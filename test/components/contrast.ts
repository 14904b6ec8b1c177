// WCAG contrast of text as painted: its colour against the backgrounds behind it, shadow roots crossed.

type Rgba = [number, number, number, number];

/** A computed colour: `rgb()`/`rgba()`, or `color(srgb …)` as `color-mix()` computes to. */
function parse(color: string): Rgba {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(color);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, Number(srgb[4] ?? 1)];
  const rgb = /^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/.exec(color);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), Number(rgb[4] ?? 1)];
  throw new Error(`cannot read the colour ${color}`);
}

/** `top` painted over the opaque `bottom`. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as Rgba;
}

/** The parent in the rendered (flattened) tree: slotted content sits in its slot, a shadow root in its host. */
function renderedParent(element: Element): Element | null {
  return element.assignedSlot ?? element.parentElement ?? ((element.getRootNode() as ShadowRoot).host || null);
}

/** The opaque colour behind `element`: its own and its ancestors' backgrounds, composited. */
function backgroundBehind(element: Element): Rgba {
  const layers: Rgba[] = [];
  for (let at: Element | null = element; at; at = renderedParent(at)) {
    const layer = parse(getComputedStyle(at).backgroundColor);
    layers.push(layer);
    if (layer[3] === 1) break;
  }
  // Nothing opaque: the page's white canvas.
  return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
}

function luminance([r, g, b]: Rgba): number {
  const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio (1 to 21) of `color` (by default the element's text colour) on `element`, against what is painted behind it. */
export function contrastOn(element: Element, color = getComputedStyle(element).color): number {
  const background = backgroundBehind(element);
  const [a, b] = [luminance(over(parse(color), background)), luminance(background)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Elements with text of their own, or a placeholder shown, in `root` and the shadow roots within it. */
function textElements(root: Element | ShadowRoot): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...textElements(element.shadowRoot));
    const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim());
    if (ownText || placeholderShown(element)) found.push(element);
  }
  return found;
}

const placeholderShown = (element: Element) => element.matches('input:placeholder-shown, textarea:placeholder-shown');

/** `element`'s text, or its placeholder, with the contrast it is painted in. */
function describeContrast(element: Element): { text: string; ratio: number } {
  if (!placeholderShown(element)) return { text: element.textContent!.replace(/\s+/g, ' ').trim(), ratio: contrastOn(element) };
  const field = element as HTMLInputElement;
  return { text: `placeholder “${field.placeholder}”`, ratio: contrastOn(field, getComputedStyle(field, '::placeholder').color) };
}

/**
 * Every visible text under `root` below WCAG AA's 4.5:1, as "text: ratio". Left out: disabled
 * controls (WCAG asks no contrast of them), icons, `role="img"` (they need 3:1, told apart), and
 * decoration hidden from assistive technology beside the words it adorns (`aria-hidden`).
 */
export function lowContrastTexts(root: Element): string[] {
  return textElements(root)
    .filter((element) => element.getClientRects().length > 0 && !element.closest(':disabled, [role="img"], [aria-hidden="true"]'))
    .map(describeContrast)
    .filter(({ ratio }) => ratio < 4.5)
    .map(({ text, ratio }) => `${text.slice(0, 60)}: ${ratio.toFixed(2)}`);
}
