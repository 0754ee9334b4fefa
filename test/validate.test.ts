import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { describeIssues, lenient, nonEmptyString } from '../src/core/validate.js';

/** The output of an accepted value; fails the test with the issues otherwise. */
function accepted<O>(schema: z.ZodMiniType<O>, value: unknown): O {
  const result = schema.safeParse(value);
  if (!result.success) expect.fail(`rejected ${JSON.stringify(value)}: ${JSON.stringify(result.error.issues)}`);
  return result.data;
}

function rejects(schema: z.ZodMiniType, values: unknown[]): void {
  for (const value of values) expect(schema.safeParse(value).success, JSON.stringify(value)).to.be.false;
}

// What the provider schemas rely on zod/mini for: these pin the rules, so a zod upgrade that
// changed one fails here rather than in a customer's checkout.
describe('body validation (zod/mini and core/validate.ts)', () => {
  const item = z.looseObject({ id: z.string(), count: z.optional(z.number()), rate: lenient(z.number()) });

  it('numbers are finite: NaN and ±Infinity are refused', () => {
    rejects(z.number(), [NaN, Infinity, -Infinity, '1', null, undefined]);
    expect(accepted(z.number(), Number.MAX_VALUE)).to.equal(Number.MAX_VALUE);
  });

  it('an object keeps its unknown keys as they are, so raw snapshots keep what the provider sent', () => {
    const nested = { deep: [1, 2] };
    const output = accepted(item, { id: 'a', extra: nested, flag: null });
    expect(output).to.deep.equal({ id: 'a', extra: nested, flag: null });
    expect(output.extra).to.equal(nested);
    rejects(z.looseObject({}), [[], null, undefined, 'object', 1]);
  });

  it('an absent optional key stays absent', () => {
    const output = accepted(item, { id: 'a' });
    expect(output).to.not.have.property('count');
    expect(output).to.not.have.property('rate');
  });

  it('lenient keeps a value of the right type and drops another instead of failing the body', () => {
    expect(accepted(item, { id: 'a', rate: 5 })).to.deep.equal({ id: 'a', rate: 5 });
    const output = accepted(item, { id: 'a', rate: [] });
    expect(output.rate).to.be.undefined;
    // lenient forgives the field, not the body: a required field still fails it.
    rejects(item, [{ rate: 5 }, { id: 1, rate: 5 }]);
  });

  it('nonEmptyString refuses the empty string and non-strings', () => {
    expect(accepted(nonEmptyString, ' ')).to.equal(' ');
    rejects(nonEmptyString, ['', [], ['a'], undefined, 1]);
  });

  it('integers are safe integers', () => {
    const count = z.int().check(z.positive());
    expect(accepted(count, Number.MAX_SAFE_INTEGER)).to.equal(Number.MAX_SAFE_INTEGER);
    rejects(count, [0, -1, 1.5, 2 ** 53, NaN, Infinity, '1']);
  });

  it('describeIssues names where each issue is and what was expected, our own messages kept', () => {
    const body = z.looseObject({
      configs: z.array(z.looseObject({ enabled: z.boolean() })),
      code: z.string().check(z.refine((value: string) => value.length === 3, { message: 'must be 3 letters' })),
      name: nonEmptyString,
    });
    const result = body.safeParse({ configs: [{ enabled: true }, { enabled: 'yes' }], code: 'BR', name: '' });
    expect(result.success).to.be.false;
    expect(describeIssues(result.error!.issues)).to.equal(
      'configs.1.enabled: expected boolean; code: must be 3 letters; name: too small',
    );
    expect(describeIssues(z.string().safeParse(1).error!.issues)).to.equal('(body): expected string');
    const many = z.array(z.string()).safeParse([1, 2, 3, 4, 5]).error!.issues;
    expect(describeIssues(many).split('; ')).to.have.length(3);
    expect(describeIssues(many, Infinity).split('; ')).to.have.length(5);
  });
});
