import * as z from 'zod/mini';

/**
 * zod/mini as every schema of the package imports it (`import { z } from '../core/validate.js'`),
 * so this runs before the first schema is built: zod otherwise probes `new Function` when an object
 * schema is created, which a strict CSP (no 'unsafe-eval') reports as a violation even though zod
 * catches the throw. jitless only gives up zod's compiled fast path for objects; our bodies are
 * small. No DOM and no Lit: the demo's merchant server validates with these in Node too.
 */
z.config({ jitless: true });
export { z };

/**
 * An undocumented or [inferred] field: its value when `inner` accepts it, otherwise dropped
 * (`undefined`) rather than failing the whole body, so a provider that changes a field we only
 * read for display never stops a payment.
 */
export const lenient = <T extends z.ZodMiniType>(inner: T) => z.catch(z.optional(inner), undefined);

/** A string with at least one character: ids, tokens and URLs the elements need. */
export const nonEmptyString = z.string().check(z.minLength(1));

/** A positive safe integer: an id (store, register) or a minor amount. */
export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * `amount: expected number; order.items.0.quantity: too small` — the first few issues of a failed
 * parse, each with where it is. zod/mini ships no message locale (that is its size), so a type
 * mismatch is spelled from the issue's own fields; a message we gave a check is kept.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], max = 3): string {
  return issues
    .slice(0, max)
    .map((issue) => {
      const what =
        issue.code === 'invalid_type'
          ? `expected ${issue.expected}`
          : issue.message === 'Invalid input'
            ? issue.code.replaceAll('_', ' ')
            : issue.message;
      return `${issue.path.map(String).join('.') || '(body)'}: ${what}`;
    })
    .join('; ');
}
