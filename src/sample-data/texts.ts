import type { NoteInput } from '../model/note.ts';
import type { SeedLanguage } from '../seed-names.ts';

/** What the shop's staff wrote in the sample data, in the shop's language: the clients' countries do not change it. */
export interface SampleTexts {
  /** One name per product of the sample catalogue, in its order. */
  products: readonly string[];
  clientNotes: readonly NoteInput[];
  nextOrderReminder: string;
  contactRoles: readonly string[];
  warehouse: string;
  orderNotes: { customer: string; shopPublic: string; shopPrivate: string };
  wholesaleTag: string;
}

export const SAMPLE_TEXTS: Record<SeedLanguage, SampleTexts> = {
  en: {
    products: ['Coffee beans 1 kg', 'Paper A4, 5 reams', 'Toner HP 85A', 'Work gloves L, 12 pairs', 'Screws M8, 500 pcs', 'LED panel 60×60', 'Cleaner 5 l'],
    clientNotes: [
      { text: 'Pays late — ask for prepayment on large orders.', priority: 'high' },
      { text: 'Prefers delivery before 10 am, gate 3.', priority: 'medium' },
      { text: 'Interested in the 2027 price list.', priority: 'none' },
      { text: 'Credit limit agreed at 200 000.', priority: 'high', visibility: 'private' },
      { text: 'Met at the Brno trade fair.', priority: 'none' },
    ],
    nextOrderReminder: 'Offer the new price list with their next order.',
    contactRoles: ['Purchasing', 'Owner', 'Accounts'],
    warehouse: 'Warehouse',
    orderNotes: { customer: 'Please call before delivery.', shopPublic: 'Ships within 2 working days.', shopPrivate: 'Check the stock of toner before confirming.' },
    wholesaleTag: 'wholesale',
  },
  cs: {
    products: ['Zrnková káva 1 kg', 'Papír A4, 5 balíků', 'Toner HP 85A', 'Pracovní rukavice L, 12 párů', 'Šrouby M8, 500 ks', 'LED panel 60×60', 'Čisticí prostředek 5 l'],
    clientNotes: [
      { text: 'Platí pozdě — u velkých objednávek chtít zálohu.', priority: 'high' },
      { text: 'Chce dodávky do 10:00, brána 3.', priority: 'medium' },
      { text: 'Má zájem o ceník na rok 2027.', priority: 'none' },
      { text: 'Úvěrový limit dohodnut na 200 000.', priority: 'high', visibility: 'private' },
      { text: 'Potkali jsme se na veletrhu v Brně.', priority: 'none' },
    ],
    nextOrderReminder: 'S příští objednávkou nabídnout nový ceník.',
    contactRoles: ['Nákup', 'Majitel', 'Účtárna'],
    warehouse: 'Sklad',
    orderNotes: { customer: 'Před doručením prosím zavolejte.', shopPublic: 'Odesíláme do 2 pracovních dnů.', shopPrivate: 'Před potvrzením ověřit zásobu toneru.' },
    wholesaleTag: 'velkoobchod',
  },
  pl: {
    products: ['Kawa ziarnista 1 kg', 'Papier A4, 5 ryz', 'Toner HP 85A', 'Rękawice robocze L, 12 par', 'Śruby M8, 500 szt.', 'Panel LED 60×60', 'Środek czyszczący 5 l'],
    clientNotes: [
      { text: 'Płaci z opóźnieniem — przy dużych zamówieniach żądać przedpłaty.', priority: 'high' },
      { text: 'Woli dostawy przed 10:00, brama 3.', priority: 'medium' },
      { text: 'Zainteresowany cennikiem na rok 2027.', priority: 'none' },
      { text: 'Limit kredytowy uzgodniony na poziomie 200 000.', priority: 'high', visibility: 'private' },
      { text: 'Poznaliśmy się na targach w Brnie.', priority: 'none' },
    ],
    nextOrderReminder: 'Przy następnym zamówieniu zaproponować nowy cennik.',
    contactRoles: ['Zakupy', 'Właściciel', 'Księgowość'],
    warehouse: 'Magazyn',
    orderNotes: { customer: 'Proszę zadzwonić przed dostawą.', shopPublic: 'Wysyłka w ciągu 2 dni roboczych.', shopPrivate: 'Przed potwierdzeniem sprawdzić stan tonera.' },
    wholesaleTag: 'hurt',
  },
  sl: {
    products: ['Kava v zrnu 1 kg', 'Papir A4, 5 zavojev', 'Toner HP 85A', 'Delovne rokavice L, 12 parov', 'Vijaki M8, 500 kosov', 'LED panel 60×60', 'Čistilo 5 l'],
    clientNotes: [
      { text: 'Plačuje pozno — pri večjih naročilih zahtevajte predplačilo.', priority: 'high' },
      { text: 'Dostava raje pred 10. uro, vrata 3.', priority: 'medium' },
      { text: 'Zanima jih cenik za leto 2027.', priority: 'none' },
      { text: 'Kreditni limit dogovorjen v višini 200 000.', priority: 'high', visibility: 'private' },
      { text: 'Spoznali smo se na sejmu v Brnu.', priority: 'none' },
    ],
    nextOrderReminder: 'Ob naslednjem naročilu ponudite nov cenik.',
    contactRoles: ['Nabava', 'Lastnik', 'Računovodstvo'],
    warehouse: 'Skladišče',
    orderNotes: { customer: 'Pred dostavo prosim pokličite.', shopPublic: 'Pošiljamo v 2 delovnih dneh.', shopPrivate: 'Pred potrditvijo preverite zalogo tonerja.' },
    wholesaleTag: 'veleprodaja',
  },
};
