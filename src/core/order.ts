/** The merchant's own data (every element's `order`). Amounts in minor units. */
export interface ShippingAddress {
  name: string;
  addressLine1: string;
  city: string;
  state: string;
  country: string;
  postalCode: string;
  intNumber?: string;
  extNumber?: string;
  reference?: string;
}

export interface OrderItem {
  id?: string;
  description: string;
  amount: number;
  quantity: number;
}

export interface OrderCustomer {
  name: string;
  email: string;
  /** e.g. `CPF` or `CNPJ` (Conomy `requiredFields`); derived from `documentNumber` when absent. */
  documentType?: string;
  documentNumber?: string;
  /** Without the country prefix, e.g. `11987654321`. */
  phone?: string;
  /** e.g. `+55`. */
  phonePrefix?: string;
  shippingAddress?: ShippingAddress;
}

export interface CheckoutOrder {
  customer?: OrderCustomer;
  items?: OrderItem[];
  product?: { id: string; name: string; description: string };
  country?: string;
  shippingAmount?: number;
  metadata?: Record<string, string>;
  externalId?: string;
}
