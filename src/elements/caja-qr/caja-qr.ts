import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FlowController } from '../../controllers/flow-controller.js';
import { CheckoutError, toCheckoutError } from '../../core/errors.js';
import { translator, type Catalog, type Locale } from '../../core/i18n.js';
import { sharedMessages, type SharedKey } from '../../core/messages.js';
import { isValidMinorAmount } from '../../core/money.js';
import type { CheckoutOrder } from '../../core/order.js';
import type { CheckoutStatus } from '../../core/status.js';
import { CheckoutErrorEvent } from '../../events.js';
import { kamipayCurrency, KAMIPAY_MAX_EXPIRE, type KamipayRegister } from '../../providers/kamipay.js';
import { normalizeNumbers } from '../shared/attributes.js';
import { resolveLocale } from '../shared/locale.js';
import { baseStyles } from '../shared/styles.js';
import {
  errorView,
  loadingView,
  outcomeView,
  presentationView,
  processingView,
  reconnectingNotice,
  statusIcon,
  summaryView,
} from '../shared/views.js';
import { viewStyles } from '../shared/views.styles.js';
import { cajaQrMessages, type CajaQrKey } from './caja-qr.messages.js';
import { cajaQrStyles } from './caja-qr.styles.js';
import { RegisterPicker, type Translate } from './register-picker.js';

type Key = SharedKey | CajaQrKey;

const messages: Catalog<Key> = {
  en: { ...sharedMessages.en, ...cajaQrMessages.en },
  es: { ...sharedMessages.es, ...cajaQrMessages.es },
  'pt-BR': { ...sharedMessages['pt-BR'], ...cajaQrMessages['pt-BR'] },
};

function configError(message: string): CheckoutError {
  return new CheckoutError('config', `<caja-qr>: ${message}`);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** `checkout-error` for what the element checks itself (attributes). */
function reportError(target: EventTarget, error: CheckoutError): void {
  target.dispatchEvent(new CheckoutErrorEvent(error.toDetail()));
}

/** Lit's Number converter turns a removed attribute into `null`: both mean "not set". */
function isUnset(value: unknown): value is null | undefined {
  return value === undefined || value === null;
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
 * @fires {CheckoutStatusEvent} checkout-status - Every change of a charge's status.
 * @fires {CheckoutSuccessEvent} checkout-success - A charge was paid (once per charge).
 * @fires {CheckoutFailureEvent} checkout-failure - A charge failed (once per charge).
 * @fires {CheckoutExpiredEvent} checkout-expired - A charge's QR ran out unpaid (once per charge).
 * @fires {CheckoutErrorEvent} checkout-error - The token endpoint, the network or kamiPay failed, a response was invalid, or an attribute is wrong (`config`).
 */
export class CajaQrElement extends LitElement {
  static override styles = [baseStyles, viewStyles, cajaQrStyles];

  /** An amount was set and no charge has been issued for it yet. */
  #amountPending = false;
  /** Move focus to the new view after the next render (a view the operator's action replaced). */
  #focusPanel = false;

  readonly #flow = new FlowController(this);
  readonly #picker = new RegisterPicker(this, {
    target: () => ({ tokenUrl: this.tokenUrl!, storeId: this.storeId! }),
    canChange: () => !this.#chargeInProgress,
    picked: (register) => this.#onPicked(register),
    viewReplaced: () => {
      this.#focusPanel = true;
    },
  });

  /** A wrong attribute: nothing is requested until it is fixed. */
  @state() private blocker?: CheckoutError;

  /** kamiPay store id. */
  @property({ type: Number, attribute: 'store-id' }) storeId?: number;
  /** kamiPay register (caja) id; when absent, the store's registers are listed to pick one. */
  @property({ type: Number, attribute: 'checkout-id' }) checkoutId?: number;
  /**
   * Minor units (`1250` = R$ 12.50). Without it the display waits, "ready". With `continuous`,
   * every set (even of the same value) after an outcome issues a new charge.
   */
  @property({ type: Number, hasChanged: () => true }) amount?: number;
  /** `BRL` (kamiPay's default), `ARS` or `USDT`. */
  @property() currency: string = 'BRL';
  /** Seconds the QR is valid, 1 to 86400 (kamiPay's default: 300). */
  @property({ type: Number }) expire: number = 300;
  /** After each outcome, go back to ready and charge again whenever `amount` is set. */
  @property({ type: Boolean }) continuous = false;
  /** The register picker also lets the operator create a register. */
  @property({ type: Boolean }) manage = false;
  /** The merchant's token endpoint (absolute, or relative to the page). */
  @property({ attribute: 'token-url' }) tokenUrl?: string;
  /** `en`, `es` or `pt-BR`; default: the nearest `lang`, then the browser's language. */
  @property() locale?: string;
  /** Always `kamipay` (any other value is a configuration error). */
  @property() provider = 'kamipay';
  /** The merchant's order: `externalId` becomes kamiPay's `external_id`; `items` are listed. */
  @property({ attribute: false }) order?: CheckoutOrder;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the DOM: whatever was left unloaded when it was removed is loaded again.
    if (this.hasUpdated) this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    normalizeNumbers(this, changed, ['amount', 'storeId', 'checkoutId', 'expire']);
    if (changed.has('storeId') || changed.has('tokenUrl')) this.#picker.forget();
    if (changed.has('amount')) this.#amountPending = !isUnset(this.amount);
    if (!this.isConnected || this.#chargeInProgress || this.#showsFinalOutcome) return;
    const problem = this.#configProblem();
    if (problem) {
      this.#block(problem);
      return;
    }
    this.blocker = undefined;
    if (this.#needsRegister) {
      this.#picker.loadOnce(this.manage);
    } else if (this.#shouldCharge()) {
      this.#startCharge();
    }
  }

  protected override updated(): void {
    if (!this.#focusPanel) return;
    this.#focusPanel = false;
    this.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
  }

  get #t(): Translate {
    return translator(messages, this.#resolvedLocale);
  }

  get #resolvedLocale(): Locale {
    return resolveLocale(this, this.locale);
  }

  get #needsRegister(): boolean {
    return isUnset(this.checkoutId) || this.#picker.choosing;
  }

  /** A charge is issued and not settled: its QR may be being paid, so nothing replaces it. */
  get #chargeInProgress(): boolean {
    if (!this.#flow.flow) return false;
    const { phase, session } = this.#flow.state;
    if (phase === 'error') return session !== undefined;
    return phase === 'loading' || phase === 'ready' || phase === 'processing' || phase === 'choosing';
  }

  /** Without `continuous`, the outcome stays on screen. */
  get #showsFinalOutcome(): boolean {
    return !this.continuous && this.#flow.flow !== undefined && this.#flow.state.phase === 'done';
  }

  /** Every attribute checked before any request leaves; the message names the attribute. */
  #configProblem(): CheckoutError | undefined {
    if (this.provider && this.provider !== 'kamipay') {
      return configError(`the provider is always "kamipay", got ${JSON.stringify(this.provider)}.`);
    }
    if (!this.tokenUrl) return configError('the token-url attribute is required.');
    try {
      new URL(this.tokenUrl, document.baseURI);
    } catch {
      return configError(`the token-url ${JSON.stringify(this.tokenUrl)} is not a valid URL.`);
    }
    if (!isPositiveInteger(this.storeId)) return configError(`store-id must be a positive integer, got ${String(this.storeId ?? 'nothing')}.`);
    if (!isUnset(this.checkoutId) && !isPositiveInteger(this.checkoutId)) {
      return configError(`checkout-id must be a positive integer, got ${String(this.checkoutId)}.`);
    }
    try {
      kamipayCurrency(this.currency);
    } catch (error) {
      return toCheckoutError(error, 'config');
    }
    if (!Number.isInteger(this.expire) || this.expire < 1 || this.expire > KAMIPAY_MAX_EXPIRE) {
      return configError(`expire must be a whole number of seconds from 1 to ${KAMIPAY_MAX_EXPIRE}, got ${String(this.expire)}.`);
    }
    if (!isUnset(this.amount) && !isValidMinorAmount(this.amount)) {
      return configError(`amount must be a positive integer in minor units, got ${String(this.amount)}.`);
    }
    return undefined;
  }

  /** Shows a configuration error and reports it once (again only after a retry or a different error). */
  #block(problem: CheckoutError): void {
    if (this.blocker?.message === problem.message) return;
    this.blocker = problem;
    reportError(this, problem);
  }

  #shouldCharge(): boolean {
    if (isUnset(this.amount) || !this.#amountPending) return false;
    if (!this.#flow.flow) return true;
    const { phase, session } = this.#flow.state;
    // Nothing was issued (the charge failed before a QR existed): a new amount starts afresh.
    if (phase === 'error' && !session) return true;
    return this.continuous && phase === 'done';
  }

  #startCharge(): void {
    this.#amountPending = false;
    this.#flow.reset();
    void this.#flow.start({
      provider: 'kamipay',
      tokenUrl: this.tokenUrl!,
      amount: this.amount!,
      currency: kamipayCurrency(this.currency),
      expire: this.expire,
      storeId: this.storeId!,
      checkoutId: this.checkoutId!,
      ...(this.order ? { order: this.order } : {}),
      baseUrl: document.baseURI,
      pageUrl: location.href,
    });
  }

  // ---- handlers ----

  /** The picker chose a register (never while a charge is on screen). */
  #onPicked(register: KamipayRegister): void {
    // The last outcome belonged to the previous register.
    if (this.#flow.flow) this.#flow.reset();
    this.checkoutId = register.checkout_id;
    this.#focusPanel = true;
  }

  readonly #onRetryBlocker = (): void => {
    // Checked again on the next update; still wrong → shown and reported again.
    this.blocker = undefined;
  };

  readonly #onRetryCharge = (): void => {
    void this.#flow.flow?.retry();
  };

  // ---- views ----

  /** What the live region says: the state in a few words (errors are alerts of their own). */
  #announcement(t: Translate): string {
    if (this.blocker) return '';
    if (this.#needsRegister) return this.#picker.announcement(t);
    const { phase, status, reconnecting } = this.#flow.state;
    if (!this.#flow.flow || phase === 'idle') return t('caja.ready');
    if (reconnecting) return t('reconnecting');
    switch (phase) {
      case 'loading':
        return t('loading');
      case 'ready':
        return t('status.pending');
      case 'processing':
        return t('status.processing');
      case 'done':
        return status ? `${t(`status.${status}`)}${this.continuous ? `. ${t('caja.ready')}` : ''}` : '';
      default:
        return '';
    }
  }

  #renderReady(t: Translate, last?: CheckoutStatus): TemplateResult {
    const canRetry = last === 'failed' || last === 'expired';
    return html`<div class="state ready" part="ready">
      ${last
        ? html`<p class="last" part="last-outcome">${statusIcon(last)}<span>${t('caja.lastCharge', { status: t(`status.${last}`) })}</span></p>`
        : nothing}
      <p class="title">${t('caja.ready')}</p>
      <p class="muted">${t('caja.readyText')}</p>
      <div class="actions">
        ${canRetry
          ? html`<button class="primary" part="try-again-button" type="button" @click=${this.#onRetryCharge}>${t('tryAgain')}</button>`
          : nothing}
        ${this.#picker.picked
          ? html`<button part="change-register-button" type="button" @click=${this.#picker.changeRegister}>${t('caja.changeRegister')}</button>`
          : nothing}
      </div>
    </div>`;
  }

  /** The register and order the charge is for, above the QR. */
  #renderHeader(t: Translate, locale: Locale, currency: string | undefined): TemplateResult {
    const externalId = this.order?.externalId;
    const items = this.order?.items;
    const picked = this.#picker.picked;
    return html`
      ${picked ? html`<p class="register" part="register">${t('caja.register', { name: picked.checkout_desc })}</p>` : nothing}
      ${externalId ? html`<p class="reference" part="reference">${t('caja.reference', { id: externalId })}</p>` : nothing}
      ${items?.length && currency ? summaryView(t, locale, { items, currency }) : nothing}
    `;
  }

  #renderCharge(t: Translate, locale: Locale): TemplateResult {
    const { phase, session, status, error } = this.#flow.state;
    if (phase === 'error' && error) return errorView(t, error, this.#onRetryCharge);
    if (phase === 'done' && status) {
      if (this.continuous) return this.#renderReady(t, status);
      const actions =
        status === 'failed' || status === 'expired'
          ? html`<button class="primary" part="try-again-button" type="button" @click=${this.#onRetryCharge}>${t('tryAgain')}</button>`
          : nothing;
      return outcomeView(t, status, actions);
    }
    if (phase === 'processing') return html`${reconnectingNotice(t, this.#flow.state.reconnecting)} ${processingView(t)}`;
    const presentation = session?.presentation;
    if (phase === 'ready' && presentation?.kind === 'qr') {
      return html`${reconnectingNotice(t, this.#flow.state.reconnecting)} ${this.#renderHeader(t, locale, presentation.currency)}
        ${presentationView(t, locale, presentation, { opened: false, blocked: false, onContinue: () => undefined })}`;
    }
    return loadingView(t);
  }

  #renderBody(t: Translate, locale: Locale): TemplateResult {
    // The same precedence as willUpdate: a charge on screen (or a final outcome) outranks any later change.
    if (this.#chargeInProgress || this.#showsFinalOutcome) return this.#renderCharge(t, locale);
    if (this.blocker) return errorView(t, this.blocker, this.#onRetryBlocker);
    if (this.#needsRegister) return this.#picker.render(t, this.manage, !isUnset(this.checkoutId));
    if (this.#flow.flow && this.#flow.state.phase !== 'idle') return this.#renderCharge(t, locale);
    return this.#renderReady(t);
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const locale = this.#resolvedLocale;
    return html`<div class="panel" part="base" tabindex="-1">
      ${this.#renderBody(t, locale)}
      <p class="visually-hidden" role="status" aria-live="polite">${this.#announcement(t)}</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'caja-qr': CajaQrElement;
  }
}
