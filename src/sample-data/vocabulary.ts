/** Local words for believable companies, people and places in the four markets the demo shows. */
export interface CountryVocabulary {
  country: 'CZ' | 'SK' | 'PL' | 'SI';
  currency: string;
  language: string;
  domain: string;
  phonePrefix: string;
  legalForms: string[];
  stems: string[];
  firstNames: string[];
  /** The first names above that are women's: their surname takes its feminine form. */
  womensNames: string[];
  /** Each surname as a man's and as a woman's (the same where the language has one form). */
  lastNames: [string, string][];
  cities: { city: string; postalCode: string }[];
  streets: string[];
  /** How many digits the country's tax ID has after its prefix, and what it may start with. */
  taxId: { length: number; start: string[] };
}

export const vocabularies: CountryVocabulary[] = [
  {
    country: 'CZ', currency: 'CZK', language: 'cs', domain: 'cz', phonePrefix: '+420',
    legalForms: ['s.r.o.', 'a.s.', 'spol. s r.o.', 'v.o.s.'],
    stems: ['Žlutý kůň', 'Kovovýroba Říčany', 'Dřevostavby Šumava', 'Pekárna U Čápa', 'Elektro Ševčík', 'Tiskárna Hořice', 'Sklárna Úpice', 'Stavebniny Jíra', 'Zahradnictví Růže', 'Autodíly Kolín', 'Kávovar Brno', 'Textil Náchod'],
    firstNames: ['Jana', 'Petr', 'Lucie', 'Tomáš', 'Eva', 'Jiří', 'Kateřina', 'Martin', 'Zdeněk', 'Hana'],
    womensNames: ['Jana', 'Lucie', 'Eva', 'Kateřina', 'Hana'],
    lastNames: [['Novák', 'Nováková'], ['Dvořák', 'Dvořáková'], ['Černý', 'Černá'], ['Procházka', 'Procházková'], ['Kučera', 'Kučerová'], ['Veselý', 'Veselá'], ['Horák', 'Horáková'], ['Němec', 'Němcová'], ['Růžička', 'Růžičková'], ['Šimek', 'Šimková']],
    cities: [{ city: 'Praha', postalCode: '110 00' }, { city: 'Brno', postalCode: '602 00' }, { city: 'Ostrava', postalCode: '702 00' }, { city: 'Plzeň', postalCode: '301 00' }, { city: 'České Budějovice', postalCode: '370 01' }],
    streets: ['Vinohradská', 'Masarykova', 'Náměstí Míru', 'Husova', 'Palackého', 'Žižkova'],
    taxId: { length: 8, start: ['2', '4', '0', '6'] },
  },
  {
    country: 'SK', currency: 'EUR', language: 'sk', domain: 'sk', phonePrefix: '+421',
    legalForms: ['s.r.o.', 'a.s.', 'k.s.'],
    stems: ['Ďurovec a syn', 'Lúčnica Trade', 'Považské strojárne', 'Tatranská káva', 'Štúrovo Logistik', 'Mliekáreň Žilina', 'Drevo Čadca', 'Víno Pezinok'],
    firstNames: ['Ján', 'Mária', 'Peter', 'Zuzana', 'Michal', 'Katarína', 'Ľubomír', 'Jana'],
    womensNames: ['Mária', 'Zuzana', 'Katarína', 'Jana'],
    lastNames: [['Kováč', 'Kováčová'], ['Horváth', 'Horváthová'], ['Baláž', 'Balážová'], ['Tóth', 'Tóthová'], ['Šimko', 'Šimková'], ['Lukáč', 'Lukáčová'], ['Ďurica', 'Ďuricová'], ['Varga', 'Vargová']],
    cities: [{ city: 'Bratislava', postalCode: '811 01' }, { city: 'Košice', postalCode: '040 01' }, { city: 'Žilina', postalCode: '010 01' }, { city: 'Nitra', postalCode: '949 01' }],
    streets: ['Štúrova', 'Hlavná', 'Obchodná', 'Mierová', 'Námestie SNP'],
    taxId: { length: 10, start: ['202', '203', '207', '208'] },
  },
  {
    country: 'PL', currency: 'PLN', language: 'pl', domain: 'pl', phonePrefix: '+48',
    legalForms: ['sp. z o.o.', 'S.A.', 'sp.j.'],
    stems: ['Hurtownia Łódź', 'Żuraw Transport', 'Piekarnia Świętokrzyska', 'Meble Gdańsk', 'Źródło Wody', 'Stal Częstochowa', 'Ogrody Kraków', 'Drukarnia Śląsk'],
    firstNames: ['Anna', 'Piotr', 'Katarzyna', 'Paweł', 'Małgorzata', 'Łukasz', 'Agnieszka', 'Michał'],
    womensNames: ['Anna', 'Katarzyna', 'Małgorzata', 'Agnieszka'],
    lastNames: [['Kowalski', 'Kowalska'], ['Nowak', 'Nowak'], ['Wiśniewski', 'Wiśniewska'], ['Wójcik', 'Wójcik'], ['Kamiński', 'Kamińska'], ['Lewandowski', 'Lewandowska'], ['Zieliński', 'Zielińska'], ['Szymański', 'Szymańska']],
    cities: [{ city: 'Warszawa', postalCode: '00-001' }, { city: 'Kraków', postalCode: '30-001' }, { city: 'Łódź', postalCode: '90-001' }, { city: 'Wrocław', postalCode: '50-001' }, { city: 'Gdańsk', postalCode: '80-001' }],
    streets: ['Marszałkowska', 'Piotrkowska', 'Długa', 'Świętokrzyska', 'Żelazna'],
    taxId: { length: 10, start: ['5', '7', '9', '6'] },
  },
  {
    country: 'SI', currency: 'EUR', language: 'sl', domain: 'si', phonePrefix: '+386',
    legalForms: ['d.o.o.', 'd.d.', 's.p.'],
    stems: ['Kovina Žalec', 'Čebelarstvo Šentjur', 'Lesna Kočevje', 'Mlekarna Planika', 'Steklarna Rogaška', 'Vinogradništvo Brda', 'Tiskarna Škofja Loka'],
    firstNames: ['Marko', 'Nina', 'Luka', 'Maja', 'Matej', 'Špela', 'Rok', 'Tjaša'],
    womensNames: ['Nina', 'Maja', 'Špela', 'Tjaša'],
    lastNames: [['Novak', 'Novak'], ['Horvat', 'Horvat'], ['Kovačič', 'Kovačič'], ['Krajnc', 'Krajnc'], ['Zupančič', 'Zupančič'], ['Potočnik', 'Potočnik'], ['Mlakar', 'Mlakar'], ['Žagar', 'Žagar']],
    cities: [{ city: 'Ljubljana', postalCode: '1000' }, { city: 'Maribor', postalCode: '2000' }, { city: 'Celje', postalCode: '3000' }, { city: 'Kranj', postalCode: '4000' }],
    streets: ['Slovenska cesta', 'Trubarjeva', 'Čopova', 'Prešernova', 'Tržaška cesta'],
    taxId: { length: 8, start: ['1', '2', '5', '8', '9'] },
  },
];
