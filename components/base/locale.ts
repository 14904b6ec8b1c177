import { en, type PluralForms, type Translation } from '../translations/en.ts';

/**
 * The languages elements speak: English built in; Czech, Polish and Slovenian once registered
 * (`kartoteka/define/languages`, or one each: `define/lang-cs`…; `define/all` and the drop-in
 * file register all), so an element bundled alone does not carry every language's strings.
 */
const translations = new Map<string, Translation>([['en', en]]);

/** The languages the kit ships; any other falls back to English unless registered. */
export const supportedLanguages = ['en', 'cs', 'pl', 'sl'];

/**
 * Makes elements speak `strings` wherever the language is `lang` (a primary tag: `cs` serves
 * `cs-CZ`). For the shipped ones, import `kartoteka/define/lang-cs` and the like; for your own,
 * start from English: `registerTranslation('de', { ...en, table: { ...en.table, … } })`.
 */
export function registerTranslation(lang: string, strings: Translation): void {
  translations.set(lang.toLowerCase(), strings);
  listening.forEach((element) => element.requestUpdate());
}

/** The `lang` of the nearest ancestor that has one, crossing shadow roots; the document's otherwise. */
export function nearestLang(element: Element): string | undefined {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  }
  return undefined;
}

/** The strings for a BCP 47 tag: `cs-CZ` speaks Czech, `de` English. */
export function translationFor(locale: string): Translation {
  return translations.get(locale.toLowerCase().split('-')[0]!) ?? en;
}

/** Minor units as money in the locale: `1259900, 'CZK'` → `12 599,00 Kč` in Czech. */
/** Intl formats and rules made once per locale (and currency): a table formats many values each frame it scrolls. */
const made = new Map<string, unknown>();
function cached<F>(key: string, make: () => F): F {
  if (!made.has(key)) made.set(key, make());
  return made.get(key) as F;
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = cached(`money ${locale} ${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency }));
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

export function formatDate(iso: string, locale: string): string {
  // A date without a time (`2026-11-26`, as analytics gives days) is that day everywhere, not UTC midnight moved to local time.
  if (iso.length === 10) return cached(`day ${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })).format(new Date(iso));
  return cached(`date ${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(new Date(iso));
}

/** A moment with its time of day: `26. 11. 2026 14:05` in Czech. */
export function formatDateTime(iso: string, locale: string): string {
  return cached(`date-time ${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(iso));
}

/**
 * A language or region code by its name in the locale (`sk` → `slovenština` in Czech); `undefined`
 * for a code Intl has no name for, or cannot read.
 */
export function displayName(code: string, type: 'language' | 'region', locale: string): string | undefined {
  try {
    return cached(`names ${type} ${locale}`, () => new Intl.DisplayNames([locale], { type, fallback: 'none' })).of(code);
  } catch {
    return undefined;
  }
}

/** A share (0…1) as a whole percentage in the locale: `0.333` → `33 %` in Czech. */
export function formatPercent(share: number, locale: string): string {
  return cached(`percent ${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(share);
}

export function formatNumber(value: number, locale: string): string {
  return cached(`number ${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/**
 * Elements re-render when a `lang` attribute changes anywhere on the page (a language switcher),
 * through one observer for all of them.
 */
const listening = new Set<{ requestUpdate(): void }>();
let observer: MutationObserver | undefined;

export function followLang(element: { requestUpdate(): void }): () => void {
  listening.add(element);
  observer ??= new MutationObserver(() => listening.forEach((each) => each.requestUpdate()));
  if (listening.size === 1) observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  return () => {
    listening.delete(element);
    if (listening.size === 0) observer?.disconnect();
  };
}

/**
 * A counted phrase: the form `Intl.PluralRules` picks for `count`, with `{n}` the count in the
 * locale; a `zero` form, when given, says "none" in any language.
 */
export function plural(forms: PluralForms, count: number, locale: string): string {
  const rules = cached(`plural ${locale}`, () => new Intl.PluralRules(locale));
  const form = (count === 0 ? forms.zero : undefined) ?? forms[rules.select(count)] ?? forms.other;
  return form.replace('{n}', formatNumber(count, locale));
}
