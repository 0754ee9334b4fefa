import type { CheckoutFlow, CheckoutFlowOptions, FlowState } from '../../src/core/flow.js';

/** Resolves with the first state of `flow` (now or later) that satisfies `predicate`. */
export function until(flow: CheckoutFlow, predicate: (state: FlowState) => boolean): Promise<FlowState> {
  if (predicate(flow.state)) return Promise.resolve(flow.state);
  return new Promise((resolve) => {
    const stop = flow.subscribe((event) => {
      if (event.type === 'change' && predicate(event.state)) {
        stop();
        resolve(event.state);
      }
    });
  });
}

type Payment = Partial<CheckoutFlowOptions> & Pick<CheckoutFlowOptions, 'provider'>;

/** A payment each provider's sandbox accepts, as the flow tests start them. */
export const samplePayments = {
  kamipay: { provider: 'kamipay', amount: 1250, currency: 'BRL', storeId: 1, checkoutId: 1, expire: 60 },
  conomy: {
    provider: 'conomy', amount: 21000, currency: 'MXN', description: 'Tacos',
    // A payer's name: the spec's PIX node requires it (without one, Pix asks for it first).
    order: { customer: { name: 'Ana Souza', email: 'ana@example.com' }, items: [{ description: 'Tacos', amount: 21000, quantity: 1 }] },
  },
} satisfies Record<string, Payment>;
