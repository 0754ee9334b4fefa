/**
 * What every entry exports: the element and event classes, errors, the status model, the session
 * core and the money helpers. `index.ts` adds the provider clients; the script-tag bundle
 * (`script-tag.ts`) leaves them out. Nothing here has side effects.
 */
export { CheckoutButtonElement } from './elements/checkout-button/checkout-button.js';
export { CheckoutModalElement } from './elements/checkout-modal/checkout-modal.js';
export { CajaQrElement } from './elements/caja-qr/caja-qr.js';
export { SessionStatusElement } from './elements/session-status/session-status.js';
export { CheckoutQrElement } from './elements/checkout-qr/checkout-qr.js';
export * from './events.js';
export { CheckoutError, type CheckoutErrorCode, type CheckoutErrorDetail } from './core/errors.js';
export { type Locale, LOCALES } from './core/i18n.js';
export { setMessages, type MessageKey, type Messages } from './elements/shared/locale.js';
export {
  type CheckoutStatus, type TerminalStatus, type ProviderId, type CheckoutDetail,
  TERMINAL_STATUSES, PROVIDER_IDS, isTerminal, isProviderId,
} from './core/status.js';
export type { CheckoutOrder, OrderCustomer, OrderItem, ShippingAddress } from './core/order.js';
export type { CustomerDetails, CustomerField } from './core/customer.js';
export { TokenClient, type TokenGrant, type TokenRequest } from './core/token.js';
export { CheckoutFlow, type CheckoutFlowOptions, type FlowEvent, type FlowPhase, type FlowState } from './core/flow.js';
export { PollRegistry, pagePollRegistry, type PollEnvironment } from './core/poll/index.js';
export { announceReturn, readReturnMessage, RETURN_CHANNEL, type ReturnMessage, type ReturnOutcome } from './core/return-page.js';
export { toMajor, toMinor, currencyExponent } from './core/money.js';
export { useAdapters, type AdapterContext, type AdapterFactory, type AdapterRegistry, type ProviderAdapter } from './core/adapter.js';
export type * from './core/session.js';
export { useRegisters, type Register, type RegisterDirectory, type RegisterProvider, type Wallet } from './core/registers.js';
