import { foldText, type Client } from '../../src/index.ts';
import { seededRandom, type Random } from '../../src/sample-data/random.ts';

export type QueryKind = 'name' | 'name-folded' | 'tax-id' | 'e-mail' | 'phone';

export interface BenchQuery {
  kind: QueryKind;
  text: string;
  /** The client the query was cut from: it should be among the hits. */
  source: string;
}

const hasDiacritics = (text: string) => foldText(text) !== text.toLowerCase();
const prefixOf = (random: Random, word: string, min: number) => word.slice(0, random.int(Math.min(min, word.length), word.length));

/** A name as a person types it: a word's prefix, sometimes after the whole word before it. */
function namePrefix(random: Random, name: string, wantDiacritics: boolean): string {
  const words = name.split(' ');
  const candidates = words.map((_, i) => i).filter((i) => !wantDiacritics || hasDiacritics(words[i]!));
  const i = candidates.length ? random.pick(candidates) : 0;
  const word = words[i]!;
  // With diacritics, cut past the first accented letter so the query carries it.
  const firstAccent = [...word].findIndex((letter) => hasDiacritics(letter));
  const cut = wantDiacritics && firstAccent >= 0 ? word.slice(0, random.int(firstAccent + 1, word.length)) : prefixOf(random, word, 3);
  return i > 0 && random.chance(0.3) ? `${words[i - 1]} ${cut}` : cut;
}

/** The digits after the calling code (`+420 777 123 456` → `777 123 456`), typed with or without spaces. */
function phonePrefix(random: Random, phone: string): string {
  const national = phone.slice(phone.indexOf(' ') + 1);
  const cut = national.slice(0, random.int(6, national.length));
  return random.chance(0.5) ? cut.trim() : cut.replace(/\D/g, '');
}

/**
 * `count` queries a shop's staff would type, cut from random clients: name prefixes with and
 * without diacritics, tax-ID digit prefixes, e-mail prefixes and phone digits, in equal shares.
 */
export function benchQueries(clients: Client[], count = 1000, seed = 7): BenchQuery[] {
  const random = seededRandom(seed);
  const accented = clients.filter((client) => hasDiacritics(client.name));
  const kinds: QueryKind[] = ['name', 'name-folded', 'tax-id', 'e-mail', 'phone'];
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const client = random.pick(kind === 'name' && accented.length ? accented : clients);
    const contact = client.contacts[0];
    const text =
      kind === 'name'
        ? namePrefix(random, client.name, true)
        : kind === 'name-folded'
          ? foldText(namePrefix(random, client.name, false))
          : kind === 'tax-id'
            ? prefixOf(random, client.taxId!.value, 4).slice(0, 7)
            : kind === 'e-mail'
              ? prefixOf(random, contact?.email && random.chance(0.6) ? contact.email : client.emails[0]!, 4)
              : phonePrefix(random, contact?.phone && random.chance(0.5) ? contact.phone : client.phones[0]!);
    return { kind, text, source: client.id };
  });
}
