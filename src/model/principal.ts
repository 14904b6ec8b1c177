import * as z from 'zod/mini';

/** Who is acting. Members see and change only the clients they own (W7); admins see all. */
export const Principal = z.strictObject({
  userId: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  role: z.enum(['admin', 'member']),
});
export type Principal = z.output<typeof Principal>;
