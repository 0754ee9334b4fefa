import type { PaymentParameters } from './session.js';
import type { TokenClient } from './token.js';

/**
 * The port for a shop's registers ("cajas"), beside the payment adapters: `<caja-qr>` lists and
 * creates registers and checks a charge's terms through it, and never imports a provider. Only
 * kamiPay has registers today; a build without it has no register provider and `<caja-qr>` says so.
 */

export interface Register {
  id: number;
  name: string;
}

/** Where a new register's payments go. */
export interface Wallet {
  id: number;
  name: string;
}

/** A store's registers and the merchant's wallets. Calls take the caller's signal and throw CheckoutError. */
export interface RegisterDirectory {
  list(storeId: number, signal?: AbortSignal): Promise<Register[]>;
  create(storeId: number, name: string, walletId: number, signal?: AbortSignal): Promise<Register>;
  wallets(signal?: AbortSignal): Promise<Wallet[]>;
}

/** The terms of a register's charge that only the provider can judge. */
export type ChargeTerms = Pick<PaymentParameters, 'currency' | 'expire'>;

export interface RegisterProvider {
  directory(token: TokenClient): RegisterDirectory;
  /** The terms as the provider takes them (defaults filled, currency normalised); throws `config` naming the attribute. */
  checkCharge(terms: ChargeTerms): Required<ChargeTerms>;
}

let pageRegisters: RegisterProvider | undefined;

/** Sets the register provider of the page (the entries whose build includes kamiPay pass it). */
export function useRegisters(provider: RegisterProvider): void {
  pageRegisters = provider;
}

export function registeredRegisters(): RegisterProvider | undefined {
  return pageRegisters;
}
