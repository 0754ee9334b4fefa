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

export interface CheckoutOrder {
  customer?: { name: string; email: string; shippingAddress?: ShippingAddress };
  items?: OrderItem[];
  product?: { id: string; name: string; description: string };
  country?: string;
  shippingAmount?: number;
  metadata?: Record<string, string>;
  externalId?: string;
}
