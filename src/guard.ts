import { toCrmError } from './errors.ts';

/**
 * Wraps every method of a service so that nothing but a `CrmError` ever leaves it: an
 * unexpected failure (a storage fault, a bug) arrives as code `storage` with the original as `cause`.
 */
export function guard<T extends object>(service: T): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(service)) {
    if (typeof member !== 'function') {
      guarded[name] = member;
      continue;
    }
    guarded[name] = (...args: unknown[]) => {
      try {
        const result = member(...args);
        return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(toCrmError(error))) : result;
      } catch (error) {
        throw toCrmError(error);
      }
    };
  }
  return guarded as T;
}
