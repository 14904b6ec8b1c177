import { expect } from 'chai';
import { html, render } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { cssProperties, type CssProperties } from '../../components/base/css-properties.ts';

/** The violations the page's policy reported so far; the browser reports them a moment later. */
const violations: string[] = [];
const reported = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('cssProperties', () => {
  before(() => {
    // This page from now on blocks style attributes, as a page with `style-src 'self'` does.
    const policy = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "style-src-attr 'none'" });
    document.head.append(policy);
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.sample}`));
  });
  beforeEach(() => (violations.length = 0));

  it('the page blocks what styleMap writes on its first render (the check below can fail)', async () => {
    const container = document.body.appendChild(document.createElement('div'));
    render(html`<p style=${styleMap({ color: 'rgb(255, 0, 0)' })}>x</p>`, container);
    await reported();
    expect(violations).to.have.length(1);
    expect(getComputedStyle(container.querySelector('p')!).color).not.to.equal('rgb(255, 0, 0)');
    container.remove();
  });

  it('sets properties and custom properties on the first render and every one after, removes those left out, blocked by nothing', async () => {
    const container = document.body.appendChild(document.createElement('div'));
    const show = (properties: CssProperties) => {
      render(html`<p ${cssProperties(properties)}>x</p>`, container);
      const p = container.querySelector('p')!;
      return { color: getComputedStyle(p).color, background: p.style.background, custom: p.style.getPropertyValue('--_dot') };
    };
    expect(show({ color: 'rgb(255, 0, 0)', '--_dot': 'blue', background: undefined })).to.deep.equal({ color: 'rgb(255, 0, 0)', background: '', custom: 'blue' });
    expect(show({ color: 'rgb(0, 128, 0)', '--_dot': 'blue', background: 'red' })).to.deep.equal({ color: 'rgb(0, 128, 0)', background: 'red', custom: 'blue' });
    expect(show({ background: undefined })).to.deep.equal({ color: getComputedStyle(container).color, background: '', custom: '' });
    expect(show({ '--_dot': 'green' })).to.deep.include({ custom: 'green' });
    await reported();
    expect(violations).to.deep.equal([]);
    container.remove();
  });

  it('is bound to an element, not to its style attribute', () => {
    const container = document.createElement('div');
    expect(() => render(html`<p style=${cssProperties({ color: 'red' })}>x</p>`, container)).to.throw('goes on an element');
  });
});
