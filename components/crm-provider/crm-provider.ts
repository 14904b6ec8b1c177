import { provide } from '@lit/context';
import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { Crm } from '../../src/index.ts';
import { crmContext } from '../base/crm-context.ts';
import { KtElement } from '../base/kt-element.ts';

/**
 * Hands one `Crm` to every Kartoteka element inside it, so each need not be given it.
 *
 * @tagname kt-crm-provider
 * @summary Provides the CRM to the elements inside.
 * @slot - The elements (and anything else) that use the CRM.
 *
 * @example
 * ```html
 * <kt-crm-provider id="crm"><kt-client-table></kt-client-table></kt-crm-provider>
 * <script type="module">document.getElementById('crm').crm = await createCrm({ storage });</script>
 * ```
 */
export class KtCrmProvider extends KtElement {
  /** No box of its own: the children lay out as if it were not there. */
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The CRM the elements inside use. */
  @provide({ context: crmContext })
  @property({ attribute: false })
  override crm?: Crm;

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kt-crm-provider': KtCrmProvider;
  }
}
