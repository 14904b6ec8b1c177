import type { SeedLanguage } from '../seed-names.ts';
import type { RuleTemplate } from './templates.ts';

/** What the shipped rule templates are called and say, and the tag one of them sets, in one language. */
interface TemplateTexts {
  names: Record<RuleTemplate['key'], string>;
  firstPaid(status: string): string;
  bigOrder(star: string, amount: string): string;
  regular(status: string): string;
  dormant(tag: string): string;
  hot: string;
  dormantTag: string;
}

export const TEMPLATE_TEXTS: Record<SeedLanguage, TemplateTexts> = {
  en: {
    names: {
      first_paid_order_status: 'Status after the first paid order',
      big_order_star: 'Star for a big order',
      regular_customer: 'Regular customer',
      dormant_tag: 'Dormant after 90 days',
      hot_potential: 'Hot when a potential client orders',
    },
    firstPaid: (status) => `Sets the status "${status}" when a client pays their first order, unless they already have it or a status after it.`,
    bigOrder: (star, amount) => `Gives the star "${star}" for an order of ${amount} or more.`,
    regular: (status) => `Sets the status "${status}" after 3 paid orders within 180 days.`,
    dormant: (tag) => `Tags a client "${tag}" when they have not ordered for 90 days (checked daily).`,
    hot: 'Marks a potential client "hot" when a new order of theirs comes in.',
    dormantTag: 'Dormant',
  },
  cs: {
    names: {
      first_paid_order_status: 'Stav po první zaplacené objednávce',
      big_order_star: 'Hvězda za velkou objednávku',
      regular_customer: 'Stálý zákazník',
      dormant_tag: 'Spící po 90 dnech',
      hot_potential: 'Horký, když potenciální klient objedná',
    },
    firstPaid: (status) => `Nastaví stav „${status}“, když klient zaplatí svou první objednávku, pokud už nemá tento nebo některý další stav.`,
    bigOrder: (star, amount) => `Udělí hvězdu „${star}“ za objednávku od ${amount}.`,
    regular: (status) => `Nastaví stav „${status}“ po 3 zaplacených objednávkách za 180 dní.`,
    dormant: (tag) => `Označí klienta štítkem „${tag}“, když 90 dní neobjednal (kontroluje se denně).`,
    hot: 'Označí potenciálního klienta jako horkého, když od něj přijde nová objednávka.',
    dormantTag: 'Spící',
  },
  pl: {
    names: {
      first_paid_order_status: 'Status po pierwszym opłaconym zamówieniu',
      big_order_star: 'Gwiazdka za duże zamówienie',
      regular_customer: 'Stały klient',
      dormant_tag: 'Uśpiony po 90 dniach',
      hot_potential: 'Gorący, gdy potencjalny klient zamawia',
    },
    firstPaid: (status) => `Ustawia status „${status}”, gdy klient opłaci pierwsze zamówienie, chyba że ma już ten lub dalszy status.`,
    bigOrder: (star, amount) => `Przyznaje gwiazdkę „${star}” za zamówienie od ${amount}.`,
    regular: (status) => `Ustawia status „${status}” po 3 opłaconych zamówieniach w ciągu 180 dni.`,
    dormant: (tag) => `Oznacza klienta tagiem „${tag}”, gdy nie zamawiał od 90 dni (sprawdzane codziennie).`,
    hot: 'Oznacza potencjalnego klienta jako gorącego, gdy wpłynie jego nowe zamówienie.',
    dormantTag: 'Uśpiony',
  },
  sl: {
    names: {
      first_paid_order_status: 'Status po prvem plačanem naročilu',
      big_order_star: 'Zvezdica za veliko naročilo',
      regular_customer: 'Stalna stranka',
      dormant_tag: 'Speča po 90 dneh',
      hot_potential: 'Vroča, ko potencialna stranka naroči',
    },
    firstPaid: (status) => `Nastavi status »${status}«, ko stranka plača prvo naročilo, razen če že ima ta ali poznejši status.`,
    bigOrder: (star, amount) => `Podeli zvezdico »${star}« za naročilo od ${amount} naprej.`,
    regular: (status) => `Nastavi status »${status}« po 3 plačanih naročilih v 180 dneh.`,
    dormant: (tag) => `Stranko označi z oznako »${tag}«, ko 90 dni ni naročila (preverja se dnevno).`,
    hot: 'Potencialno stranko označi kot vročo, ko pride njeno novo naročilo.',
    dormantTag: 'Speča',
  },
};
