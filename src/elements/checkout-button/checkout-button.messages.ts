import type { Catalog } from '../../core/i18n.js';

/** The button's default label, used when its slot is empty. */
export type CheckoutButtonKey = 'pay' | 'payAmount';

export const checkoutButtonMessages: Catalog<CheckoutButtonKey> = {
  en: {
    pay: 'Pay',
    payAmount: 'Pay {amount}',
  },
  es: {
    pay: 'Pagar',
    payAmount: 'Pagar {amount}',
  },
  'pt-BR': {
    pay: 'Pagar',
    payAmount: 'Pagar {amount}',
  },
};
