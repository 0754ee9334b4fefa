import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { ChargeController } from '../../controllers/charge-controller.js';
import { CheckoutContextProvider } from '../../controllers/checkout-context.js';
import { RegisterController } from '../../controllers/register-controller.js';
import { StatusStates } from '../../controllers/status-states.js';
import type { CheckoutError } from '../../core/errors.js';
import type { CheckoutOrder } from '../../core/order.js';
import { registeredRegisters, type Register } from '../../core/registers.js';
import { paymentParameters } from '../../core/session.js';
import { CheckoutErrorEvent } from '../../events.js';
import { normalizeNumbers } from '../shared/attributes.js';
import { Words, type Messages } from '../shared/locale.js';
import { baseStyles } from '../shared/styles.js';
import { errorView } from '../shared/views.js';
import { viewStyles } from '../shared/views.styles.js';
import { cajaQrMessages } from './caja-qr.messages.js';
import { cajaConfigProblem, isUnset } from './caja-qr.config.js';
import { cajaQrStyles } from './caja-qr.styles.js';
import { chargeAnnouncement, chargeView, readyView, type ChargeScreen } from './caja-qr.view.js';
import { pickerAnnouncement, registerPickerView, type CajaFormatting, type Translate } from './register-picker.js';

/** The attributes a charge is made of (besides `amount`). */
const CHARGE_KEYS = ['storeId', 'checkoutId', 'tokenUrl', 'currency', 'expire', 'order'] as const;

/** `checkout-error` for what the element checks itself (attributes). */
function reportError(target: EventTarget, error: CheckoutError): void {
  target.dispatchEvent(new CheckoutErrorEvent(error.toDetail()));
}

/**
 * A kamiPay register ("caja") display for a shop counter or a kiosk: it issues a Pix QR charge for
 * the register, shows it large with the amount, a copy button and a countdown, and follows it to
 * the outcome.
 *
 * - Without `checkout-id` it lists the store's registers and the operator picks one (with `manage`,
 *   the operator can also create one: a description and one of the merchant's wallets).
 * - Without `amount` it waits, "ready", and makes no request.
 * - Each charge's terminal event fires once. Without `continuous` the outcome stays on screen
 *   ("Try again" after failed or expired issues a new QR for the same amount) and setting `amount`
 *   again does nothing, so a page that re-renders cannot charge a customer twice. With `continuous`
 *   the element shows "ready" (with the last outcome) after each charge and issues a new charge each
 *   time `amount` is set again, even to the same value.
 * - kamiPay cannot cancel a QR, so a QR on screen is never dropped: changes made while a charge is
 *   in progress apply to the next one (with `continuous`, an amount set meanwhile is charged next).
 *
 * @tag caja-qr
 * @summary kamiPay Pix QR register display: picks the register, issues the charge, shows it large and follows it to the outcome.
 *
 * @csspart base - The element's panel.
 * @csspart picker - The register picker.
 * @csspart registers - The list of registers (a fieldset).
 * @csspart register-option - A register's button in the list.
 * @csspart empty - The "no registers" message.
 * @csspart register-form - The "new register" form (`manage`).
 * @csspart description-input - The new register's description field.
 * @csspart wallet-select - The new register's wallet selector.
 * @csspart create-button - The "create register" button.
 * @csspart form-error - Why the register could not be created.
 * @csspart back-button - Leaves the picker for the register in use.
 * @csspart ready - The "ready for the next charge" state.
 * @csspart last-outcome - The outcome of the last charge, in the ready state (`continuous`).
 * @csspart change-register-button - Goes back to the register picker.
 * @csspart register - The name of the register in use.
 * @csspart reference - The order reference (`order.externalId`).
 * @csspart summary - The order's items (`order.items`).
 * @csspart qr - The QR panel.
 * @csspart qr-code - The QR code's `<svg>`.
 * @csspart amount - The amount to pay.
 * @csspart countdown - The time left to pay.
 * @csspart code - The Pix copy-paste code field.
 * @csspart copy-button - The copy button.
 * @csspart loading - The loading state.
 * @csspart processing - The "confirming payment" state.
 * @csspart outcome - The final state (succeeded, failed, expired).
 * @csspart icon - A status icon.
 * @csspart try-again-button - Issues a new QR after failed or expired.
 * @csspart error - The error state.
 * @csspart error-detail - The provider's or the configuration's own words about the error.
 * @csspart retry-button - Retries after an error.
 * @csspart reconnecting - The "reconnecting" notice.
 *
 * @slot status - Shown under the charge: e.g. a `<session-status>` without `session-id`, which then
 *   follows the current charge (no request of its own).
 *
 * @cssprop [--checkout-qr-size=min(420px, 80vw)] - Width of the QR code (larger than in the modal: it is read from a distance).
 * @cssprop [--checkout-caja-font-size=1.25rem] - Base type size of the display.
 * @cssprop [--checkout-caja-amount-size=2.4em] - Size of the amount under the QR.
 * @cssprop [--checkout-caja-padding=16px] - Padding of the display.
 * @cssprop [--checkout-caja-max-width=40em] - Maximum width of the content.
 * @cssprop [--checkout-color-text=#111827] - Text colour (high contrast on the background).
 * @cssprop [--checkout-color-background=#ffffff] - Background colour.
 * @cssprop [--checkout-color-primary=#1d4ed8] - Colour of the main buttons.
 * @cssprop [--checkout-color-success=#047857] - Colour of the "paid" icon.
 * @cssprop [--checkout-color-danger=#b91c1c] - Colour of failures and form errors.
 * @cssprop [--checkout-font=system-ui] - Font family.
 *
 * @cssstate pending - The charge's QR is waiting to be paid.
 * @cssstate processing - Paid; kamiPay is confirming.
 * @cssstate succeeded - The charge was paid (with `continuous`, until the next charge starts).
 * @cssstate failed - The charge failed.
 * @cssstate expired - The charge's QR ran out unpaid.
 * @cssstate cancelled - Never reached today (kamiPay cannot cancel a charge); the same states as the other elements.
 *
 * @fires {CheckoutStatusEvent} checkout-status - Every change of a charge's status.
 * @fires {CheckoutSuccessEvent} checkout-success - A charge was paid (once per charge).
 * @fires {CheckoutFailureEvent} checkout-failure - A charge failed (once per charge).
 * @fires {CheckoutExpiredEvent} checkout-expired - A charge's QR ran out unpaid (once per charge).
 * @fires {CheckoutErrorEvent} checkout-error - The token endpoint, the network or kamiPay failed, a response was invalid, or an attribute is wrong (`config`).
 */
export class CajaQrElement extends LitElement {
  /** @ignore Lit's reactive properties (declared without decorators: smaller). */
  static override properties = {
    blocker: { state: true, attribute: false },
    storeId: { type: Number, attribute: 'store-id' },
    checkoutId: { type: Number, attribute: 'checkout-id' },
    amount: { type: Number, hasChanged: () => true },
    currency: {},
    expire: { type: Number },
    continuous: { type: Boolean },
    manage: { type: Boolean },
    tokenUrl: { attribute: 'token-url' },
    locale: {},
    messages: { attribute: false },
    provider: {},
    order: { attribute: false },
  };

  static override styles = [baseStyles, viewStyles, cajaQrStyles];

  /** Move focus to the new view after the next render (a view the operator's action replaced). */
  #focusPanel = false;

  readonly #charges = new ChargeController(this);
  readonly #words = new Words(this, cajaQrMessages);
  readonly #registers = new RegisterController(this, {
    target: () => ({ tokenUrl: this.tokenUrl!, storeId: this.storeId! }),
    canChange: () => !this.#charges.inProgress,
    picked: (register) => this.#onPicked(register),
    viewReplaced: () => {
      this.#focusPanel = true;
    },
  });

  constructor() {
    super();
    new CheckoutContextProvider(this, this.#charges.source, this.#words);
    // The charge on screen (or, with `continuous`, the last one until the next starts).
    new StatusStates(this, () => [this.#charges.state.status]);
  }

  /** A wrong attribute: nothing is requested until it is fixed. */
  private blocker?: CheckoutError;

  /** kamiPay store id. */
  storeId?: number;
  /** kamiPay register (caja) id; when absent, the store's registers are listed to pick one. */
  checkoutId?: number;
  /**
   * Minor units (`1250` = R$ 12.50). Without it the display waits, "ready". With `continuous`,
   * every set (even of the same value) after an outcome issues a new charge.
   */
  amount?: number;
  /** `BRL` (kamiPay's default), `ARS` or `USDT`. */
  currency: string = 'BRL';
  /** Seconds the QR is valid, 1 to 86400 (kamiPay's default: 300). */
  expire: number = 300;
  /** After each outcome, go back to ready and charge again whenever `amount` is set. */
  continuous = false;
  /** The register picker also lets the operator create a register. */
  manage = false;
  /** The merchant's token endpoint (absolute, or relative to the page). */
  tokenUrl?: string;
  /** `en`, `es` or `pt-BR`; default: the nearest `lang`, then the browser's language. */
  locale?: string;
  /** Text in place of the built-in text, in whatever language the element speaks (README "Text and languages"). */
  messages?: Messages;
  /** Always `kamipay` (any other value is a configuration error). */
  provider = 'kamipay';
  /** The merchant's order: `externalId` becomes kamiPay's `external_id`; `items` are listed. */
  order?: CheckoutOrder;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the DOM: whatever was left unloaded when it was removed is loaded again.
    if (this.hasUpdated) this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    normalizeNumbers(this, changed, ['amount', 'storeId', 'checkoutId', 'expire']);
    if (changed.has('storeId') || changed.has('tokenUrl')) this.#registers.forget();
    if (changed.has('amount')) this.#charges.amountChanged(!isUnset(this.amount));
    if (!this.isConnected || this.#charges.inProgress || this.#charges.showsFinalOutcome(this.continuous)) return;
    const problem = cajaConfigProblem(this);
    if (problem) {
      this.#block(problem);
      return;
    }
    this.blocker = undefined;
    if (this.#needsRegister) {
      this.#registers.loadOnce(this.manage);
    } else if (this.#charges.amountPending || (this.#charges.failedEarly && CHARGE_KEYS.some((key) => changed.has(key)))) {
      // A charge that failed before its QR is issued again once the merchant corrects what it was made of.
      this.#startCharge();
    }
  }

  protected override updated(): void {
    if (!this.#focusPanel) return;
    this.#focusPanel = false;
    this.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
  }

  get #needsRegister(): boolean {
    return isUnset(this.checkoutId) || this.#registers.state.choosing;
  }

  /** Shows a configuration error and reports it once (again only after a retry or a different error). */
  #block(problem: CheckoutError): void {
    if (this.blocker?.message === problem.message) return;
    this.blocker = problem;
    reportError(this, problem);
  }

  #startCharge(): void {
    const terms = registeredRegisters()!.checkCharge({ currency: this.currency, expire: this.expire });
    const { amount, storeId, checkoutId, order } = this;
    this.#charges.charge({
      provider: 'kamipay',
      tokenUrl: this.tokenUrl!,
      ...paymentParameters({ amount, storeId, checkoutId, order, ...terms }),
      baseUrl: document.baseURI,
      pageUrl: location.href,
    });
  }

  // ---- handlers ----

  /** The picker chose a register (never while a charge is on screen). */
  #onPicked(register: Register): void {
    // The last outcome belonged to the previous register.
    this.#charges.forget();
    this.checkoutId = register.id;
    this.#focusPanel = true;
  }

  /** Retry or "try again": a charge that failed before its QR is made afresh from the attributes as they are now. */
  readonly #tryAgain = (): void => (this.#charges.failedEarly ? this.#startCharge() : this.#charges.retry());

  readonly #onRetryBlocker = (): void => {
    // Checked again on the next update; still wrong → shown and reported again.
    this.blocker = undefined;
  };

  // ---- views ----

  /** What the live region says: the state in a few words (errors are alerts of their own). */
  #announcement(t: Translate): string {
    if (this.blocker) return '';
    if (this.#needsRegister) return pickerAnnouncement(t, this.#registers);
    return chargeAnnouncement(t, this.#charges.state, this.continuous);
  }

  get #screen(): ChargeScreen {
    // The order of the charge on screen: one set meanwhile is the next charge's.
    const { continuous } = this;
    const charged = this.#charges.started ? this.#charges.options : undefined;
    const order = charged ? charged.order : this.order;
    return { continuous, order, picked: this.#registers.state.picked, tryAgain: this.#tryAgain, changeRegister: this.#registers.changeRegister };
  }

  #renderCharge(f: CajaFormatting): TemplateResult {
    return chargeView(f, this.#charges.state, this.#screen);
  }

  #renderBody(f: CajaFormatting): TemplateResult {
    // The same precedence as willUpdate: a charge on screen (or a final outcome) outranks any later change.
    if (this.#charges.inProgress || this.#charges.showsFinalOutcome(this.continuous)) return this.#renderCharge(f);
    if (this.blocker) return errorView(f, this.blocker, this.#onRetryBlocker);
    if (this.#needsRegister) return registerPickerView(f, this.#registers, this.manage, !isUnset(this.checkoutId));
    if (this.#charges.started) return this.#renderCharge(f);
    return readyView(f, this.#screen);
  }

  protected override render(): TemplateResult {
    const { t, locale } = this.#words;
    const f: CajaFormatting = { t, locale };
    return html`<div class="panel" part="base" tabindex="-1">
      ${this.#renderBody(f)}
      <slot name="status"></slot>
      <p class="visually-hidden" role="status" aria-live="polite">${this.#announcement(f.t)}</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'caja-qr': CajaQrElement;
  }
}
