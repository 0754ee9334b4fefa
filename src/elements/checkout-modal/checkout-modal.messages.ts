import type { Catalog } from '../../core/i18n.js';

/** Words only the modal uses (the rest is in the shared catalog). */
export type CheckoutModalKey =
  | 'title' | 'closeDialog'
  // The customer-details form (details-form.ts): one label per CustomerField, its errors, its button.
  | 'details.title' | 'details.name' | 'details.email' | 'details.documentNumber' | 'details.phonePrefix' | 'details.phone'
  | 'details.required' | 'details.invalid' | 'details.document' | 'details.check' | 'details.submit';

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
    'details.invalid': 'Check this field: the value is not valid.',
    'details.document': 'Enter a valid CPF (11 digits) or CNPJ (14 characters).',
    'details.check': 'Some details need your attention.',
    'details.submit': 'Continue',
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
    'details.invalid': 'Revisa este campo: el valor no es válido.',
    'details.document': 'Ingresa un CPF (11 dígitos) o CNPJ (14 caracteres) válido.',
    'details.check': 'Algunos datos necesitan tu atención.',
    'details.submit': 'Continuar',
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
    'details.invalid': 'Verifique este campo: o valor não é válido.',
    'details.document': 'Informe um CPF (11 dígitos) ou CNPJ (14 caracteres) válido.',
    'details.check': 'Alguns dados precisam de atenção.',
    'details.submit': 'Continuar',
  },
};
