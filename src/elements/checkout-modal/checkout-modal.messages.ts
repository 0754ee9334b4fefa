import type { Catalog } from '../../core/i18n.js';

/** Words only the modal uses (the rest is in the shared catalog). */
export type CheckoutModalKey =
  | 'title' | 'closeDialog'
  // The customer-details form (details-form.ts): one label per CustomerField and its errors.
  | 'details.title' | 'details.name' | 'details.email' | 'details.documentNumber' | 'details.phonePrefix' | 'details.phone'
  | 'details.required' | 'details.invalid' | 'details.check';

export const checkoutModalMessages: Catalog<CheckoutModalKey> = {
  en: {
    title: 'Checkout',
    closeDialog: 'Close checkout',
    'details.title': 'Your details to pay with {method}',
    'details.name': 'Full name',
    'details.email': 'Email',
    'details.documentNumber': 'CPF or CNPJ',
    'details.phonePrefix': 'Country code',
    'details.phone': 'Phone number',
    'details.required': 'Fill in this field.',
    'details.invalid': 'This value is not valid: check it.',
    'details.check': 'Some details need your attention.',
  },
  es: {
    title: 'Pago',
    closeDialog: 'Cerrar el pago',
    'details.title': 'Tus datos para pagar con {method}',
    'details.name': 'Nombre completo',
    'details.email': 'Correo electrónico',
    'details.documentNumber': 'CPF o CNPJ',
    'details.phonePrefix': 'Código de país',
    'details.phone': 'Número de teléfono',
    'details.required': 'Completa este campo.',
    'details.invalid': 'Este dato no es válido: revísalo.',
    'details.check': 'Algunos datos necesitan tu atención.',
  },
  'pt-BR': {
    title: 'Pagamento',
    closeDialog: 'Fechar o pagamento',
    'details.title': 'Seus dados para pagar com {method}',
    'details.name': 'Nome completo',
    'details.email': 'E-mail',
    'details.documentNumber': 'CPF ou CNPJ',
    'details.phonePrefix': 'Código do país',
    'details.phone': 'Telefone com DDD',
    'details.required': 'Preencha este campo.',
    'details.invalid': 'Este dado não é válido: verifique.',
    'details.check': 'Alguns dados precisam de atenção.',
  },
};
