import { consume } from '@lit/context';
import { LitElement, type CSSResultGroup, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Crm, CrmEvent } from '../../src/index.ts';
import { crmContext } from './crm-context.ts';
import { errorText } from './error-text.ts';
import { followLang, formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, nearestLang, plural, translationFor } from './locale.ts';
import { themeStyles } from './theme.styles.ts';
import type { PluralForms, Translation } from '../translations/en.ts';
import type { Words } from './words.ts';

/**
 * The base of every Kartoteka element: the `Crm` it works on (a property, or `@lit/context`
 * from a `<kt-crm-provider>` or any other provider above it), its language, its theme, and a
 * repeat-safe `define`.
 *
 * @cssproperty --kt-color-text - Text colour.
 * @cssproperty --kt-color-muted - Secondary text.
 * @cssproperty --kt-color-surface - Background.
 * @cssproperty --kt-color-surface-alt - Background of headers and stripes.
 * @cssproperty --kt-color-border - Lines and field borders.
 * @cssproperty --kt-color-accent - Buttons and links.
 * @cssproperty --kt-color-accent-text - Text on the accent colour.
 * @cssproperty --kt-color-selected - Selected rows.
 * @cssproperty --kt-color-danger - Destructive actions and errors.
 * @cssproperty --kt-color-warning - Warnings.
 * @cssproperty --kt-color-backdrop - What a modal question lays over the page behind it.
 * @cssproperty --kt-color-focus - Focus rings.
 * @cssproperty --kt-radius - Corner radius.
 * @cssproperty --kt-space - The spacing unit.
 * @cssproperty --kt-font - Font family.
 * @cssproperty --kt-font-size - Base font size.
 */
export class KtElement extends LitElement {
  /** The design tokens and base styles every element shares. */
  static override styles: CSSResultGroup = [themeStyles];

  /** Registers the element under `tag` unless that tag is taken (a second copy of the kit on the page). */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  /** The CRM to show; when not set, the one a `<kt-crm-provider>` above provides. */
  @property({ attribute: false }) crm?: Crm;

  @consume({ context: crmContext, subscribe: true })
  @state()
  private providedCrm?: Crm;

  /** A BCP 47 language tag (`cs`, `pl-PL`); when not set, the nearest `lang` attribute, else English. */
  @property({ reflect: true }) locale?: string;

  /** `light` or `dark` forces a colour scheme; otherwise the element takes the page's `color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  #stopFollowingLang?: () => void;
  #stopListening?: () => void;
  #listeningTo?: Crm;
  #language?: string;

  /** The CRM in use: the `crm` property, else the provided one. */
  protected get activeCrm(): Crm | undefined {
    return this.crm ?? this.providedCrm;
  }

  /** The language tag in force: resolved once per update (a render asks for it in every cell). */
  protected get language(): string {
    return (this.#language ??= this.locale ?? nearestLang(this) ?? 'en');
  }

  /** The strings of the language in force. */
  protected get t(): Translation {
    return translationFor(this.language);
  }

  protected money(minor: number, currency: string): string {
    return formatMoney(minor, currency, this.language);
  }

  protected date(iso: string): string {
    return formatDate(iso, this.language);
  }

  protected dateTime(iso: string): string {
    return formatDateTime(iso, this.language);
  }

  protected number(value: number): string {
    return formatNumber(value, this.language);
  }

  protected percent(share: number): string {
    return formatPercent(share, this.language);
  }

  protected plural(forms: PluralForms, count: number): string {
    return plural(forms, count, this.language);
  }

  /** What to tell the user of `error`, kept as how to say it: worded in the language in force at each render (see `errorText`). */
  protected failure(error: unknown): Words {
    return () => errorText(error, this.language);
  }

  /**
   * Whether the user may change what the whole team shares (rules, statuses, settings): admins
   * may, as the SDK says. Also before a CRM is given, so no "admins only" note flashes.
   */
  protected get isAdmin(): boolean {
    return (this.activeCrm?.principal.role ?? 'admin') === 'admin';
  }

  /** A user id as staff read it: "You" for the user the CRM acts as, else the id the host gave. */
  protected person(userId: string): string {
    return userId === this.activeCrm?.principal.userId ? this.t.you : userId;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopFollowingLang = followLang(this);
    // Back in the page: listen to the CRM again (see willUpdate).
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopFollowingLang?.();
    this.#stopListening?.();
    this.#stopListening = this.#listeningTo = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A `locale` or an ancestor's `lang` may have changed: every update looks again.
    this.#language = undefined;
    const crm = this.activeCrm;
    if (crm !== this.#listeningTo) {
      this.#stopListening?.();
      this.#listeningTo = crm;
      this.#stopListening = crm?.on('*', (event) => this.crmEvent(event));
      this.crmChanged(crm);
    }
  }

  /** Dispatches one of the kit's DOM events (each documented with `@fires` on its element). */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }

  /** A different CRM (or the first one) is in use: load what the element shows. */
  protected crmChanged(_crm: Crm | undefined): void {}

  /** A domain event of the CRM in use, after the change was stored (this tab's or another's). */
  protected crmEvent(_event: CrmEvent): void {}
}
