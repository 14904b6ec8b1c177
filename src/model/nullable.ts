import * as z from 'zod/mini';

/** Makes every schema of a shape also accept `null`: how a patch says "clear this field". */
export function nullable<T extends Record<string, z.ZodMiniType>>(shape: T): { [K in keyof T]: z.ZodMiniNullable<T[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, z.nullable(schema)])) as {
    [K in keyof T]: z.ZodMiniNullable<T[K]>;
  };
}
