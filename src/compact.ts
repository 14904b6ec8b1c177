/** Drops `undefined` properties, so stored records stay plain JSON and optional fields stay absent. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A stored record without its version: what `UnitOfWork.put` takes to write it again. */
export const withoutVersion = <T extends { version: number }>({ version: _, ...rest }: T): Omit<T, 'version'> => rest;
