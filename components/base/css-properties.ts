import { noChange, type ElementPart } from 'lit';
import { Directive, PartType, directive, type PartInfo } from 'lit/directive.js';

/** Property names as CSS spells them (`color`, `--_dot`), each with its value; `undefined` leaves it unset. */
export type CssProperties = Record<string, string | undefined>;

/**
 * Sets an element's style properties through the CSSOM only, on the first render too. Lit's
 * `styleMap` writes a `style` attribute on its first render, which a Content-Security-Policy
 * without `'unsafe-inline'` in `style-src` blocks: star and stage colours were lost.
 */
class CssPropertiesDirective extends Directive {
  /** The names set last time: one no longer given is removed. */
  #set = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProperties() goes on an element, not in an attribute');
  }

  render(_properties: CssProperties): unknown {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [CssProperties]): unknown {
    const { style } = part.element as HTMLElement;
    for (const name of this.#set) if (properties[name] === undefined) style.removeProperty(name);
    this.#set = new Set();
    for (const [name, value] of Object.entries(properties)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      this.#set.add(name);
    }
    return noChange;
  }
}

/** `<span ${cssProperties({ color: star.color })}>`: see {@link CssPropertiesDirective}. */
export const cssProperties = directive(CssPropertiesDirective);
