import type { OrderCustomer } from './order.js';

/**
 * The customer details a payment method may ask for before paying (Conomy's `requiredFields`),
 * named like `CheckoutOrder.customer` so that what the customer types fills the same places the
 * merchant's order would. The document's type is never asked: it follows from the number.
 */
export type CustomerField = 'name' | 'email' | 'documentNumber' | 'phonePrefix' | 'phone';

/** What the customer typed, by field. */
export type CustomerDetails = Partial<Record<CustomerField, string>>;

/** The order's customer with the typed details over it: every field optional. */
export type CustomerInput = Partial<OrderCustomer> & CustomerDetails;

/**
 * A Brazilian CPF (11 digits) or CNPJ (14: twelve letters or digits — the alphanumeric CNPJ —
 * then two digits) whose two mod-11 check digits match; punctuation and spaces are ignored.
 * Returns the type and the bare number, or undefined.
 */
export function taxId(value: string): { type: 'CPF' | 'CNPJ'; number: string } | undefined {
  const id = value.replace(/[\s./-]/g, '').toUpperCase();
  if (!/^(\d{11}|[\dA-Z]{12}\d\d)$/.test(id) || /^(.)\1*$/.test(id)) return undefined;
  const cpf = id.length === 11;
  // A letter counts as its character code less 48 (Receita Federal's rule for the new CNPJ).
  const values = [...id].map((char) => char.charCodeAt(0) - 48);
  for (let end = id.length - 2; end < id.length; end++) {
    let sum = 0;
    // Weights 2, 3, 4... from the right; a CNPJ's start again at 2 after 9.
    for (let i = end - 1, weight = 2; i >= 0; i--, weight = cpf || weight < 9 ? weight + 1 : 2) sum += values[i]! * weight;
    if ((sum % 11 < 2 ? 0 : 11 - (sum % 11)) !== values[end]) return undefined;
  }
  return { type: cpf ? 'CPF' : 'CNPJ', number: id };
}
