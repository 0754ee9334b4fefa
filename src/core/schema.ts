/**
 * The schemas every HTTP body is parsed with (http.ts `request({schema})`): the few parts of zod's
 * vocabulary the providers use, written for size because it ships in the script-tag bundle
 * (zod/mini cost 5.4 KiB gzip there, this about 0.6). Same accept/reject rules as the zod schemas
 * it replaced: numbers are finite, an object keeps its unknown keys (`looseObject`), an absent
 * optional key stays absent. A failure lists issues `{ path, message }` like zod's.
 * No DOM and no Lit: the demo's merchant server runs it in Node too.
 *
 *   const session = s.looseObject({ id: s.string(), amount: s.optional(s.number()) });
 *   type Session = s.Infer<typeof session>;
 */

/** Where an issue is: keys and array indexes from the parsed value's root. */
export type Path = (string | number)[];

/** One reason a value was rejected. */
export interface Issue {
  path: Path;
  message: string;
}

export type SafeParseResult<O> = { success: true; data: O } | { success: false; error: { issues: Issue[] } };

/** A check on a value its schema accepted: pushes an issue when the value fails it. */
export type Check<T> = (value: T, path: Path, issues: Issue[]) => void;

/** Parses an `I` (anything, but for a `transform`) into an `O`. */
export interface Schema<O, I = unknown> {
  /**
   * Parses `value` found at `path`: returns the output and pushes what is wrong onto `issues`.
   * When it pushed any, the output is meaningless.
   */
  readonly run: (value: I, path: Path, issues: Issue[]) => O;
  safeParse(value: I): SafeParseResult<O>;
  /** The same schema, with checks on its output once the schema itself accepted the value. */
  check(...checks: Check<O>[]): Schema<O, I>;
}

/** The output type of a schema (zod's `z.infer`). */
export type Infer<S extends Schema<unknown, never>> = S extends Schema<infer O, never> ? O : never;

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
/** A key whose schema accepts `undefined` may be absent (zod's `optional` keys). */
type ObjectOutput<S extends Shape> = {
  [K in keyof S as K extends OptionalKeys<S> ? never : K]: Infer<S[K]>;
} & { [K in OptionalKeys<S>]?: Infer<S[K]> } & { [key: string]: unknown };
/** Spelled out, so editors show the fields rather than the mapped types. */
type Flat<T> = { [K in keyof T]: T[K] } & {};

function schema<O, I = unknown>(run: Schema<O, I>['run']): Schema<O, I> {
  return {
    run,
    safeParse(value) {
      const issues: Issue[] = [];
      const data = run(value, [], issues);
      return issues.length ? { success: false, error: { issues } } : { success: true, data };
    },
    check: (...checks) =>
      schema((value, path, issues) => {
        const before = issues.length;
        const output = run(value, path, issues);
        // Like zod: a value of the wrong shape is not checked, the checks expect the right one.
        if (issues.length === before) for (const check of checks) check(output, path, issues);
        return output;
      }),
  };
}

/** What a value is, for messages: null and arrays apart from objects, NaN and Infinity apart from numbers. */
function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : typeof value;
}

/** Reports a value of the wrong type and returns it (the output of a failed parse is never read). */
function wrongType<T>(issues: Issue[], path: Path, expected: string, value: unknown): T {
  issues.push({ path, message: `Invalid input: expected ${expected}, received ${kind(value)}` });
  return value as T;
}

/** A schema of one type: the value itself, when `is` accepts it. */
function type<T>(expected: string, is: (value: unknown) => boolean): Schema<T> {
  return schema((value, path, issues) => (is(value) ? (value as T) : wrongType(issues, path, expected, value)));
}

export const string = () => type<string>('string', (value) => typeof value === 'string');
/** Finite only, like zod 4: NaN and ±Infinity are rejected. */
export const number = () => type<number>('number', Number.isFinite);
export const boolean = () => type<boolean>('boolean', (value) => typeof value === 'boolean');
export const unknown = () => schema<unknown>((value) => value);

/** Lets one value through untouched (`undefined` for `optional`, `null` for `nullable`). */
function allow<O, V>(allowed: V, inner: Schema<O>): Schema<O | V> {
  return schema((value, path, issues) => (value === allowed ? allowed : inner.run(value, path, issues)));
}

export const optional = <O>(inner: Schema<O>) => allow(undefined, inner);
export const nullable = <O>(inner: Schema<O>) => allow(null, inner);

export function array<O>(item: Schema<O>): Schema<O[]> {
  return schema((value, path, issues) =>
    Array.isArray(value)
      ? Array.from(value, (element, index) => item.run(element, [...path, index], issues))
      : wrongType(issues, path, 'array', value),
  );
}

/**
 * An object with these fields; other keys are kept as they are (zod's `looseObject`), so `raw`
 * snapshots keep everything the provider sent. An absent key stays absent in the output, and is
 * judged as `undefined` (zod 4 also refuses an absent bare `unknown()` key; no schema has one).
 */
export function looseObject<S extends Shape>(shape: S): Schema<Flat<ObjectOutput<S>>> {
  return schema((value, path, issues) => {
    if (typeof value !== 'object' || !value || Array.isArray(value)) return wrongType(issues, path, 'object', value);
    const input = value as Record<string, unknown>;
    const output = { ...input };
    for (const key in shape) {
      const parsed = shape[key].run(input[key], [...path, key], issues);
      if (parsed !== undefined || key in input) output[key] = parsed;
    }
    return output as Flat<ObjectOutput<S>>;
  });
}

/** The output of the first option that accepts the value; when none does, one issue (like zod's). */
export function union<const T extends readonly Schema<unknown>[]>(options: T): Schema<Infer<T[number]>> {
  return schema((value, path, issues) => {
    for (const option of options) {
      const own: Issue[] = [];
      const output = option.run(value, path, own);
      if (!own.length) return output as Infer<T[number]>;
    }
    issues.push({ path, message: 'Invalid input' });
    return value as Infer<T[number]>;
  });
}

/** `first`, then `then` on its output (with a `transform`: a parsed value turned into another). */
export function pipe<A, B>(first: Schema<A>, then: Schema<B, A>): Schema<B> {
  return schema((value, path, issues) => {
    const before = issues.length;
    const output = first.run(value, path, issues);
    return issues.length === before ? then.run(output, path, issues) : (output as unknown as B);
  });
}

/** For `pipe`: turns an accepted value into another; it never fails. */
export const transform = <I, O>(fn: (value: I) => O) => schema<O, I>(fn);

/**
 * An undocumented or [inferred] field: its value when `inner` accepts it, otherwise dropped
 * (`undefined`) rather than failing the whole body. zod's `z.catch(z.optional(inner), undefined)`.
 */
export function lenient<O>(inner: Schema<O>): Schema<O | undefined> {
  return schema((value) => {
    const result = inner.safeParse(value);
    return result.success ? result.data : undefined;
  });
}

/** One of these strings (zod's `z.enum`). */
function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  return type(values.join(' | '), (value) => (values as readonly unknown[]).includes(value));
}
export { oneOf as enum };

// Checks, for `.check(...)`.

/** Passes when `ok` says so; the issue may point below the checked value (`at`). */
export const refine =
  <T>(ok: (value: T) => unknown, message = 'Invalid input', at: Path = []): Check<T> =>
  (value, path, issues) => {
    if (!ok(value)) issues.push({ path: [...path, ...at], message });
  };

export const minLength = (min: number) =>
  refine<string>((value) => value.length >= min, `Too small: expected at least ${min} characters`);
export const maxLength = (max: number) =>
  refine<string>((value) => value.length <= max, `Too big: expected at most ${max} characters`);
export const regex = (pattern: RegExp) => refine<string>((value) => pattern.test(value), `Invalid string: must match ${pattern}`);
export const positive = () => refine<number>((value) => value > 0, 'Too small: expected a number > 0');

/** A safe integer (zod's `z.int()`). */
export const int = () => number().check(refine(Number.isSafeInteger, 'Invalid input: expected an integer'));

/** A string with at least one character: ids, tokens and URLs the elements need. */
export const nonEmptyString = string().check(minLength(1));
