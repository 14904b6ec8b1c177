import { idPrefixes, type IdKind } from './model/ids.ts';

/** Makes new record ids; replaceable through `createCrm({ ids })` for deterministic tests. */
export type IdGenerator = (kind: IdKind) => string;

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Time-ordered ids (`cli_` + millisecond time + randomness), so id order is creation order,
 * which keeps storage pages and undo logs in a natural order.
 */
export const randomIds: IdGenerator = (kind) => {
  const random = new Uint8Array(10);
  crypto.getRandomValues(random);
  let suffix = '';
  for (const byte of random) suffix += alphabet[byte % alphabet.length];
  return `${idPrefixes[kind]}_${Date.now().toString(36).padStart(9, '0')}${suffix}`;
};
