import { catalogOf } from '../../core/i18n.js';

/** Words only the modal uses (the rest is in the shared catalog). */
export type CheckoutModalKey =
  | 'title' | 'closeDialog'
  // The customer-details form (details-form.ts): one label per CustomerField and its errors.
  | 'details.title' | 'details.name' | 'details.email' | 'details.documentNumber' | 'details.phonePrefix' | 'details.phone'
  | 'details.required' | 'details.invalid' | 'details.check';

export const checkoutModalMessages = catalogOf<CheckoutModalKey>({
  title: ['Checkout', 'Pago', 'Pagamento'],
  closeDialog: ['Close checkout', 'Cerrar el pago', 'Fechar o pagamento'],
  'details.title': ['Your details to pay with {method}', 'Tus datos para pagar con {method}', 'Seus dados para pagar com {method}'],
  'details.name': ['Full name', 'Nombre completo', 'Nome completo'],
  'details.email': ['Email', 'Correo electrónico', 'E-mail'],
  'details.documentNumber': ['CPF or CNPJ', 'CPF o CNPJ', 'CPF ou CNPJ'],
  'details.phonePrefix': ['Country code', 'Código de país', 'Código do país'],
  'details.phone': ['Phone number', 'Número de teléfono', 'Telefone com DDD'],
  'details.required': ['Fill in this field.', 'Completa este campo.', 'Preencha este campo.'],
  'details.invalid': ['This value is not valid: check it.', 'Este dato no es válido: revísalo.', 'Este dado não é válido: verifique.'],
  'details.check': ['Some details need your attention.', 'Algunos datos necesitan tu atención.', 'Alguns dados precisam de atenção.'],
});
