import { catalogOf } from '../../core/i18n.js';

/** The button's default label, used when its slot is empty. */
export type CheckoutButtonKey = 'pay' | 'payAmount';

export const checkoutButtonMessages = catalogOf<CheckoutButtonKey>({
  pay: ['Pay', 'Pagar', 'Pagar'],
  payAmount: ['Pay {amount}', 'Pagar {amount}', 'Pagar {amount}'],
});
