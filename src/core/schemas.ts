import * as z from 'zod/mini';

/**
 * `z.string().check(z.minLength(1))` as a refinement zod already ships for us (z.minLength costs
 * about 0.2 KiB gzip). `when` keeps z.minLength's quirk: it also judges a non-string that has a
 * length (an array), so such a value gets the same two issues as before.
 */
export const nonEmptyString = z.string().check(
  z.refine((value) => value.length > 0, {
    when: ({ value }) => value !== null && value !== undefined && (value as { length?: unknown }).length !== undefined,
  }),
);
