import { describeIssues, nonEmptyString, z } from '../core/validate.js';
import { HttpError } from './http.js';

/** The elements' token request (POST {token-url}), as far as the token handler reads it. */
const positiveInt = z.int().check(z.positive());

const tokenRequestSchema = z.looseObject({
  provider: z.enum(['kamipay', 'kaipay', 'conomy', 'wewire']),
  amount: z.optional(positiveInt),
  currency: z.optional(z.string().check(z.regex(/^[A-Za-z]{3,4}$/))),
  description: z.optional(z.string()),
  storeId: z.optional(positiveInt),
  checkoutId: z.optional(positiveInt),
  sessionId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  order: z.optional(
    z.looseObject({
      customer: z.optional(
        z.looseObject({
          name: z.optional(z.string()),
          email: z.optional(z.string()),
          documentType: z.optional(z.string()),
          documentNumber: z.optional(z.string()),
          phone: z.optional(z.string()),
          phonePrefix: z.optional(z.string()),
        }),
      ),
      items: z.optional(
        z.array(z.looseObject({ description: nonEmptyString, amount: positiveInt, quantity: positiveInt })),
      ),
    }),
  ),
});

export type TokenRequestBody = z.infer<typeof tokenRequestSchema>;

/** The body as a token request; 400 with every issue when it is not one. */
export function parseTokenRequest(body: unknown): TokenRequestBody {
  const parsed = tokenRequestSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, `invalid token request: ${describeIssues(parsed.error.issues, Infinity)}`);
  return parsed.data;
}
