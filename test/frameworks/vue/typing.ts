/**
 * Type-only checks of the Vue tag types (src/vue-types.ts), read the way vue-tsc reads a template:
 * through `GlobalComponents`. Compiled by `tsc -p tsconfig.json`, never bundled or run.
 */
import type { TemplateProps } from './app.js';

type Button = TemplateProps<'checkout-button'>;
type Modal = TemplateProps<'checkout-modal'>;
type Caja = TemplateProps<'caja-qr'>;
type Status = TemplateProps<'session-status'>;

export const typedTags = [
  {
    provider: 'conomy',
    tokenUrl: '/token',
    amount: 1250,
    assets: ['USDT'],
    redirect: true,
    order: { externalId: 'o-1', items: [{ description: 'Tea', amount: 500, quantity: 2 }] },
    onCheckoutSuccess: (event) => event.detail.sessionId,
    onCheckoutOpen: (event) => event.detail.provider,
    class: 'pay',
  } satisfies Button,
  { open: true, onCheckoutClose: (event) => event.detail.provider } satisfies Modal,
  { storeId: 1, checkoutId: 2, continuous: true, manage: true, onCheckoutExpired: (event) => event.detail.status } satisfies Caja,
  { sessionId: 'cs_1', onCheckoutCancel: (event) => event.detail.status } satisfies Status,
];

export const rejected = [
  // @ts-expect-error not a provider
  { provider: 'paypal' } satisfies Button,
  // @ts-expect-error amounts are numbers (Vue sets `amount="1250"` as the string property)
  { amount: '1250' } satisfies Button,
  // @ts-expect-error the order is an object
  { order: 'order-1' } satisfies Button,
  // @ts-expect-error success carries a CheckoutDetail, not an error detail
  { onCheckoutSuccess: (event) => event.detail.code } satisfies Button,
  // @ts-expect-error <caja-qr> never fires checkout-cancel
  { onCheckoutCancel: () => undefined } satisfies Caja,
  // @ts-expect-error <session-status> has no open/close
  { onCheckoutOpen: () => undefined } satisfies Status,
  // @ts-expect-error `open` belongs to the modal, not the button
  { open: true } satisfies Button,
];
