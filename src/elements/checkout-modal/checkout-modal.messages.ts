import type { Catalog } from '../../core/i18n.js';

/** Words only the modal uses (the rest is in the shared catalog). */
export type CheckoutModalKey = 'title' | 'closeDialog';

export const checkoutModalMessages: Catalog<CheckoutModalKey> = {
  en: {
    title: 'Checkout',
    closeDialog: 'Close checkout',
  },
  es: {
    title: 'Pago',
    closeDialog: 'Cerrar el pago',
  },
  'pt-BR': {
    title: 'Pagamento',
    closeDialog: 'Fechar o pagamento',
  },
};
