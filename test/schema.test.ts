import { expect } from '@open-wc/testing';
import * as s from '../src/core/schema.js';

/** The output of an accepted value; fails the test with the issues otherwise. */
function accepted<O>(schema: s.Schema<O>, value: unknown): O {
  const result = schema.safeParse(value);
  if (!result.success) expect.fail(`rejected ${JSON.stringify(value)}: ${JSON.stringify(result.error.issues)}`);
  return result.data;
}

/** The issues of a rejected value; fails the test when it is accepted. */
function issuesOf(schema: s.Schema<unknown>, value: unknown): s.Issue[] {
  const result = schema.safeParse(value);
  if (result.success) expect.fail(`accepted ${JSON.stringify(value)}`);
  return result.error.issues;
}

function rejects(schema: s.Schema<unknown>, values: unknown[]): void {
  for (const value of values) expect(schema.safeParse(value).success, JSON.stringify(value)).to.be.false;
}

describe('schema', () => {
  describe('types', () => {
    it('string, number, boolean: the value itself, or an issue naming what came', () => {
      expect(accepted(s.string(), '')).to.equal('');
      expect(accepted(s.number(), -1.5)).to.equal(-1.5);
      expect(accepted(s.boolean(), false)).to.equal(false);
      expect(issuesOf(s.string(), 5)).to.deep.equal([{ path: [], message: 'Invalid input: expected string, received number' }]);
      expect(issuesOf(s.number(), '5')[0]!.message).to.equal('Invalid input: expected number, received string');
      expect(issuesOf(s.boolean(), null)[0]!.message).to.equal('Invalid input: expected boolean, received null');
      expect(issuesOf(s.string(), [])[0]!.message).to.equal('Invalid input: expected string, received array');
      rejects(s.boolean(), [0, 'true', undefined]);
    });

    it('number accepts finite numbers only, like zod 4', () => {
      rejects(s.number(), [NaN, Infinity, -Infinity, '1', null, undefined]);
      expect(issuesOf(s.number(), NaN)[0]!.message).to.equal('Invalid input: expected number, received NaN');
      expect(issuesOf(s.number(), -Infinity)[0]!.message).to.equal('Invalid input: expected number, received -Infinity');
      expect(accepted(s.number(), Number.MAX_VALUE)).to.equal(Number.MAX_VALUE);
    });

    it('unknown accepts anything, undefined included', () => {
      const value = { a: [1] };
      expect(accepted(s.unknown(), value)).to.equal(value);
      expect(accepted(s.unknown(), undefined)).to.be.undefined;
    });

    it('enum accepts only its strings', () => {
      const provider = s.enum(['kamipay', 'conomy']);
      expect(accepted(provider, 'conomy')).to.equal('conomy');
      rejects(provider, ['Conomy', '', 1, undefined]);
      expect(issuesOf(provider, 'x')[0]!.message).to.equal('Invalid input: expected kamipay | conomy, received string');
    });
  });

  describe('optional and nullable', () => {
    it('optional lets undefined through, nullable null, and neither the other', () => {
      expect(accepted(s.optional(s.string()), undefined)).to.be.undefined;
      expect(accepted(s.nullable(s.string()), null)).to.be.null;
      rejects(s.optional(s.string()), [null, 1]);
      rejects(s.nullable(s.string()), [undefined, 1]);
      expect(accepted(s.optional(s.nullable(s.number())), null)).to.be.null;
    });
  });

  describe('looseObject', () => {
    const item = s.looseObject({ id: s.string(), count: s.optional(s.number()) });

    it('keeps unknown keys as they are', () => {
      const nested = { deep: [1, 2] };
      const output = accepted(item, { id: 'a', extra: nested, flag: null });
      expect(output).to.deep.equal({ id: 'a', extra: nested, flag: null });
      expect(output.extra).to.equal(nested);
    });

    it('returns a new object with the fields parsed, leaving the input alone', () => {
      const schema = s.looseObject({ id: s.pipe(s.number(), s.transform((n: number) => `#${n}`)) });
      const input = { id: 7, other: 1 };
      expect(accepted(schema, input)).to.deep.equal({ id: '#7', other: 1 });
      expect(input).to.deep.equal({ id: 7, other: 1 });
    });

    it('an absent optional key stays absent; an undefined one stays present', () => {
      expect(accepted(item, { id: 'a' })).to.not.have.property('count');
      const present = accepted(item, { id: 'a', count: undefined });
      expect(present).to.have.property('count');
      expect(present.count).to.be.undefined;
    });

    it('a required key must be there and have its type', () => {
      expect(issuesOf(item, {})).to.deep.equal([{ path: ['id'], message: 'Invalid input: expected string, received undefined' }]);
      expect(issuesOf(item, { id: 1, count: 'x' }).map((issue) => issue.path)).to.deep.equal([['id'], ['count']]);
    });

    it('accepts objects only: not arrays, null or primitives', () => {
      expect(accepted(s.looseObject({}), { any: 1 })).to.deep.equal({ any: 1 });
      rejects(s.looseObject({}), [[], null, undefined, 'object', 1]);
      expect(issuesOf(s.looseObject({}), [])[0]!.message).to.equal('Invalid input: expected object, received array');
    });

    it('gives the path of nested issues', () => {
      const body = s.looseObject({
        configs: s.array(s.looseObject({ methods: s.array(s.looseObject({ enabled: s.boolean() })) })),
      });
      const issues = issuesOf(body, { configs: [{ methods: [] }, { methods: [{ enabled: true }, { enabled: 'yes' }] }] });
      expect(issues).to.deep.equal([
        { path: ['configs', 1, 'methods', 1, 'enabled'], message: 'Invalid input: expected boolean, received string' },
      ]);
    });
  });

  describe('array', () => {
    it('parses each item into a new array and reports every bad one by index', () => {
      const input = ['a', 'b'];
      const output = accepted(s.array(s.string()), input);
      expect(output).to.deep.equal(['a', 'b']);
      expect(output).to.not.equal(input);
      expect(accepted(s.array(s.number()), [])).to.deep.equal([]);
      expect(issuesOf(s.array(s.number()), [1, 'x', 2, null]).map((issue) => issue.path)).to.deep.equal([[1], [3]]);
      rejects(s.array(s.unknown()), [{ length: 0 }, 'ab', undefined]);
    });
  });

  describe('union', () => {
    const text = s.union([s.string(), s.number()]);

    it('takes the first option that accepts the value', () => {
      expect(accepted(text, 'x')).to.equal('x');
      expect(accepted(text, 3)).to.equal(3);
      const first = s.union([s.pipe(s.number(), s.transform(() => 'first')), s.pipe(s.number(), s.transform(() => 'second'))]);
      expect(accepted(first, 1)).to.equal('first');
    });

    it('rejects what no option accepts, with one issue', () => {
      rejects(text, [NaN, true, null, undefined, {}]);
      expect(issuesOf(s.looseObject({ amount: text }), { amount: false })).to.deep.equal([
        { path: ['amount'], message: 'Invalid input' },
      ]);
    });
  });

  describe('pipe and transform', () => {
    const id = s.pipe(s.union([s.nonEmptyString, s.number()]), s.transform((value: string | number) => String(value)));

    it('returns the transformed output', () => {
      expect(accepted(id, 12)).to.equal('12');
      expect(accepted(id, 'cs_1')).to.equal('cs_1');
    });

    it('does not transform what the first schema rejects', () => {
      let calls = 0;
      const counted = s.pipe(s.number(), s.transform((n: number) => ++calls + n));
      rejects(counted, ['1']);
      expect(calls).to.equal(0);
      rejects(id, ['', null]);
    });
  });

  describe('checks', () => {
    it('refine: its message, "Invalid input" by default, and a path below the value', () => {
      const even = s.number().check(s.refine((n: number) => n % 2 === 0, 'must be even'));
      expect(accepted(even, 4)).to.equal(4);
      expect(issuesOf(even, 3)).to.deep.equal([{ path: [], message: 'must be even' }]);
      const plain = s.string().check(s.refine((value: string) => value === 'yes'));
      expect(issuesOf(plain, 'no')[0]!.message).to.equal('Invalid input');
      const node = s.looseObject({ type: s.string(), pix: s.optional(s.looseObject({ data: s.optional(s.string()) })) }).check(
        s.refine((value) => value.type !== 'PIX' || !!value.pix?.data, 'a PIX origin must carry pix.data', ['pix', 'data']),
      );
      expect(issuesOf(s.array(node), [{ type: 'PIX' }])).to.deep.equal([
        { path: [0, 'pix', 'data'], message: 'a PIX origin must carry pix.data' },
      ]);
      expect(accepted(node, { type: 'CARD' })).to.deep.equal({ type: 'CARD' });
    });

    it('run only on a value the schema accepted, and all of them', () => {
      let calls = 0;
      const counted = s.string().check(s.refine(() => ++calls > 0));
      rejects(counted, [1]);
      expect(calls).to.equal(0);
      const both = s.number().check(s.refine((n: number) => n > 10, 'too small'), s.refine((n: number) => n % 2 === 0, 'odd'));
      expect(issuesOf(both, 3).map((issue) => issue.message)).to.deep.equal(['too small', 'odd']);
    });

    it('string length checks count characters, at both ends', () => {
      const code = s.string().check(s.minLength(2), s.maxLength(3));
      expect(accepted(code, 'ab')).to.equal('ab');
      expect(accepted(code, 'abc')).to.equal('abc');
      expect(issuesOf(code, 'a')[0]!.message).to.equal('Too small: expected at least 2 characters');
      expect(issuesOf(code, 'abcd')[0]!.message).to.equal('Too big: expected at most 3 characters');
      expect(accepted(s.nonEmptyString, ' ')).to.equal(' ');
      rejects(s.nonEmptyString, ['', [], ['a'], undefined]);
    });

    it('regex, int and positive', () => {
      const currency = s.string().check(s.regex(/^[A-Z]{3}$/));
      expect(accepted(currency, 'BRL')).to.equal('BRL');
      rejects(currency, ['brl', 'BRLX']);
      const count = s.int().check(s.positive());
      expect(accepted(count, 1)).to.equal(1);
      expect(accepted(count, Number.MAX_SAFE_INTEGER)).to.equal(Number.MAX_SAFE_INTEGER);
      rejects(count, [0, -1, 1.5, 2 ** 53, NaN, Infinity, '1']);
    });
  });

  describe('lenient', () => {
    const body = s.looseObject({ rate: s.lenient(s.number()) });

    it('keeps a value of the right type', () => {
      expect(accepted(body, { rate: 5 })).to.deep.equal({ rate: 5 });
    });

    it('drops a value of another type instead of failing the body', () => {
      const output = accepted(body, { rate: [] });
      expect(output).to.have.property('rate');
      expect(output.rate).to.be.undefined;
      expect(accepted(body, {})).to.not.have.property('rate');
    });
  });
});
