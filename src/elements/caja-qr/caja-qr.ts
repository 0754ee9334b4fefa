import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FlowController } from '../../controllers/flow-controller.js';
import { CheckoutError, isAbortError, toCheckoutError } from '../../core/errors.js';
import { errorMessageFrom } from '../../core/http.js';
import { translator, type Catalog, type Locale } from '../../core/i18n.js';
import { sharedMessages, type SharedKey } from '../../core/messages.js';
import { isValidMinorAmount } from '../../core/money.js';
import type { CheckoutOrder } from '../../core/order.js';
import type { CheckoutStatus } from '../../core/status.js';
import { TokenClient } from '../../core/token.js';
import { CheckoutErrorEvent } from '../../events.js';
import {
  createKamipayRegisters,
  kamipayCurrency,
  KAMIPAY_MAX_EXPIRE,
  type KamipayRegister,
  type KamipayRegisters,
  type KamipayWallet,
} from '../../providers/kamipay.js';
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

type Key = SharedKey | CajaQrKey;

const messages: Catalog<Key> = {
  en: { ...sharedMessages.en, ...cajaQrMessages.en },
  es: { ...sharedMessages.es, ...cajaQrMessages.es },
  'pt-BR': { ...sharedMessages['pt-BR'], ...cajaQrMessages['pt-BR'] },
};

type Translate = ReturnType<typeof translator<Key>>;

function configError(message: string): CheckoutError {
  return new CheckoutError('config', `<caja-qr>: ${message}`);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** `checkout-error` for what the element does itself (register calls, attribute checks). */
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

  /** Aborts the register calls in flight (the element left, or the store or token URL changed). */
  private registerOps = new AbortController();
  private registerClient?: { key: string; api: KamipayRegisters };
  /** An amount was set and no charge has been issued for it yet. */
  private amountPending = false;
  /** Move focus to the new view after the next render (a view the operator's action replaced). */
  private focusPanel = false;

  private readonly flow = new FlowController(this);

  /** A wrong attribute: nothing is requested until it is fixed. */
  @state() private blocker?: CheckoutError;
  @state() private registers?: KamipayRegister[];
  @state() private registersLoading = false;
  @state() private listError?: CheckoutError;
  @state() private wallets?: KamipayWallet[];
  @state() private walletsLoading = false;
  @state() private walletsError?: CheckoutError;
  @state() private draftDescription = '';
  @state() private draftWallet?: number;
  @state() private descriptionInvalid = false;
  @state() private creating = false;
  @state() private createError?: CheckoutError;
  /** The register the operator picked here (its name is shown; it can be changed). */
  @state() private picked?: KamipayRegister;
  /** The operator asked to change the register. */
  @state() private choosingRegister = false;

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

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abortRegisterCalls();
    this.registersLoading = false;
    this.walletsLoading = false;
    this.creating = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('storeId') || changed.has('tokenUrl')) this.forgetRegisters();
    if (changed.has('amount')) this.amountPending = !isUnset(this.amount);
    if (!this.isConnected || this.chargeInProgress || this.showsFinalOutcome) return;
    const problem = this.configProblem();
    if (problem) {
      this.block(problem);
      return;
    }
    this.blocker = undefined;
    if (this.needsRegister) {
      this.loadRegistersOnce();
      if (this.manage) this.loadWalletsOnce();
    } else if (this.shouldCharge()) {
      this.startCharge();
    }
  }

  protected override updated(): void {
    if (!this.focusPanel) return;
    this.focusPanel = false;
    this.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
  }

  private get t(): Translate {
    return translator(messages, this.resolvedLocale);
  }

  private get resolvedLocale(): Locale {
    return resolveLocale(this, this.locale);
  }

  private get needsRegister(): boolean {
    return isUnset(this.checkoutId) || this.choosingRegister;
  }

  /** A charge is issued and not settled: its QR may be being paid, so nothing replaces it. */
  private get chargeInProgress(): boolean {
    if (!this.flow.flow) return false;
    const { phase, session } = this.flow.state;
    if (phase === 'error') return session !== undefined;
    return phase === 'loading' || phase === 'ready' || phase === 'processing' || phase === 'choosing';
  }

  /** Without `continuous`, the outcome stays on screen. */
  private get showsFinalOutcome(): boolean {
    return !this.continuous && this.flow.flow !== undefined && this.flow.state.phase === 'done';
  }

  /** The wallet the form would link: the one chosen, else the first. */
  private get selectedWallet(): number | undefined {
    const wallets = this.wallets ?? [];
    return wallets.some((wallet) => wallet.wallet_id === this.draftWallet) ? this.draftWallet : wallets[0]?.wallet_id;
  }

  /** Every attribute checked before any request leaves; the message names the attribute. */
  private configProblem(): CheckoutError | undefined {
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
  private block(problem: CheckoutError): void {
    if (this.blocker?.message === problem.message) return;
    this.blocker = problem;
    reportError(this, problem);
  }

  private shouldCharge(): boolean {
    if (isUnset(this.amount) || !this.amountPending) return false;
    if (!this.flow.flow) return true;
    const { phase, session } = this.flow.state;
    // Nothing was issued (the charge failed before a QR existed): a new amount starts afresh.
    if (phase === 'error' && !session) return true;
    return this.continuous && phase === 'done';
  }

  private startCharge(): void {
    this.amountPending = false;
    this.flow.reset();
    void this.flow.start({
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

  // ---- the register API (picker and "new register" form) ----

  private registersApi(): KamipayRegisters {
    const url = new URL(this.tokenUrl!, document.baseURI).href;
    const key = `${url}|${this.storeId}`;
    if (this.registerClient?.key !== key) {
      const token = new TokenClient({ url, body: { provider: 'kamipay', storeId: this.storeId! } });
      this.registerClient = { key, api: createKamipayRegisters({ token }) };
    }
    return this.registerClient.api;
  }

  private abortRegisterCalls(): void {
    this.registerOps.abort(new DOMException('stale', 'AbortError'));
    this.registerOps = new AbortController();
  }

  /** Another store or token endpoint: what was loaded belongs to the old one. */
  private forgetRegisters(): void {
    this.abortRegisterCalls();
    this.registerClient = undefined;
    this.registers = undefined;
    this.registersLoading = false;
    this.listError = undefined;
    this.wallets = undefined;
    this.walletsLoading = false;
    this.walletsError = undefined;
    this.creating = false;
    this.createError = undefined;
  }

  /** A register API error: kept for the view, reported as `checkout-error`; aborts are silent. */
  private registerFailure(error: unknown, signal: AbortSignal): CheckoutError | undefined {
    if (signal.aborted || isAbortError(error)) return undefined;
    const failure = toCheckoutError(error, 'invalid_response');
    reportError(this, failure);
    return failure;
  }

  private loadRegistersOnce(): void {
    if (this.registers || this.registersLoading || this.listError) return;
    void this.loadRegisters();
  }

  private async loadRegisters(): Promise<void> {
    const signal = this.registerOps.signal;
    this.registersLoading = true;
    this.listError = undefined;
    try {
      const registers = await this.registersApi().list(this.storeId!, signal);
      if (signal.aborted) return;
      this.registers = registers;
    } catch (error) {
      this.listError = this.registerFailure(error, signal);
    } finally {
      if (!signal.aborted) this.registersLoading = false;
    }
  }

  private loadWalletsOnce(): void {
    if (this.wallets || this.walletsLoading || this.walletsError) return;
    void this.loadWallets();
  }

  private async loadWallets(): Promise<void> {
    const signal = this.registerOps.signal;
    this.walletsLoading = true;
    this.walletsError = undefined;
    try {
      const wallets = await this.registersApi().wallets(signal);
      if (signal.aborted) return;
      this.wallets = wallets;
    } catch (error) {
      this.walletsError = this.registerFailure(error, signal);
    } finally {
      if (!signal.aborted) this.walletsLoading = false;
    }
  }

  // ---- handlers ----

  private pick(register: KamipayRegister): void {
    if (this.chargeInProgress) return;
    this.picked = register;
    this.choosingRegister = false;
    // The last outcome belonged to the previous register.
    if (this.flow.flow) this.flow.reset();
    this.checkoutId = register.checkout_id;
    this.focusPanel = true;
  }

  private readonly onChangeRegister = (): void => {
    if (this.chargeInProgress) return;
    this.choosingRegister = true;
    // A fresh list: registers may have been added elsewhere since.
    this.registers = undefined;
    this.listError = undefined;
    this.focusPanel = true;
  };

  private readonly onBack = (): void => {
    this.choosingRegister = false;
    this.focusPanel = true;
  };

  private readonly onRetryBlocker = (): void => {
    // Checked again on the next update; still wrong → shown and reported again.
    this.blocker = undefined;
  };

  private readonly onRetryList = (): void => {
    this.listError = undefined;
    this.focusPanel = true;
  };

  private readonly onRetryWallets = (): void => {
    this.walletsError = undefined;
  };

  private readonly onRetryCharge = (): void => {
    void this.flow.flow?.retry();
  };

  private readonly onDescriptionInput = (event: Event): void => {
    this.draftDescription = (event.target as HTMLInputElement).value;
    if (this.draftDescription.trim()) this.descriptionInvalid = false;
  };

  private readonly onWalletChange = (event: Event): void => {
    this.draftWallet = Number((event.target as HTMLSelectElement).value);
  };

  private readonly onCreate = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.creating || !this.wallets?.length) return;
    const description = this.draftDescription.trim();
    if (!description) {
      this.descriptionInvalid = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#register-description')?.focus();
      return;
    }
    const walletId = this.selectedWallet!;
    const signal = this.registerOps.signal;
    this.creating = true;
    this.createError = undefined;
    try {
      const register = await this.registersApi().create(this.storeId!, description, walletId, signal);
      if (signal.aborted) return;
      this.registers = [...(this.registers ?? []), register];
      this.draftDescription = '';
      this.draftWallet = undefined;
      this.pick(register);
    } catch (error) {
      this.createError = this.registerFailure(error, signal);
    } finally {
      if (!signal.aborted) this.creating = false;
    }
  };

  // ---- views ----

  /** What the live region says: the state in a few words (errors are alerts of their own). */
  private announcement(t: Translate): string {
    if (this.blocker) return '';
    if (this.needsRegister) {
      if (this.listError) return '';
      return this.registers ? t('caja.pick') : t('caja.loadingRegisters');
    }
    const { phase, status, reconnecting } = this.flow.state;
    if (!this.flow.flow || phase === 'idle') return t('caja.ready');
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

  private renderPicker(t: Translate): TemplateResult {
    const registers = this.registers;
    let list: TemplateResult;
    if (this.listError) {
      list = errorView(t, this.listError, this.onRetryList);
    } else if (!registers) {
      list = html`<div class="state" part="loading" aria-busy="true">
        <div class="spinner" aria-hidden="true"></div>
        <p>${t('caja.loadingRegisters')}</p>
      </div>`;
    } else {
      list = html`<fieldset class="options" part="registers">
        <legend>${t('caja.pick')}</legend>
        ${registers.length
          ? html`<ul class="registers" role="list">
              ${registers.map(
                (register) => html`<li>
                  <button type="button" part="register-option" @click=${() => this.pick(register)}>
                    <span>${register.checkout_desc}</span>
                    <span class="muted">${t('caja.registerId', { id: register.checkout_id })}</span>
                  </button>
                </li>`,
              )}
            </ul>`
          : html`<p class="muted" part="empty">${this.manage ? t('caja.noRegistersManage') : t('caja.noRegisters')}</p>`}
      </fieldset>`;
    }
    const canGoBack = this.choosingRegister && !isUnset(this.checkoutId);
    return html`<div class="picker" part="picker">
      ${list} ${this.manage && registers ? this.renderRegisterForm(t) : nothing}
      ${canGoBack ? html`<button type="button" part="back-button" @click=${this.onBack}>${t('caja.back')}</button>` : nothing}
    </div>`;
  }

  private renderWalletField(t: Translate): TemplateResult {
    if (this.walletsError) {
      const detail = this.walletsError.code === 'provider_error' ? errorMessageFrom(this.walletsError.cause) : undefined;
      return html`<div class="field" role="alert">
        <p class="form-error">${t('caja.walletsFailed')} ${detail ?? t(`error.${this.walletsError.code}`)}</p>
        <button type="button" part="retry-button" @click=${this.onRetryWallets}>${t('retry')}</button>
      </div>`;
    }
    if (!this.wallets) return html`<p class="muted" aria-busy="true">${t('caja.loadingWallets')}</p>`;
    if (!this.wallets.length) return html`<p class="muted">${t('caja.noWallets')}</p>`;
    const selected = this.selectedWallet;
    return html`<div class="field">
      <label for="register-wallet">${t('caja.wallet')}</label>
      <select id="register-wallet" part="wallet-select" required @change=${this.onWalletChange}>
        ${this.wallets.map(
          (wallet) => html`<option value=${wallet.wallet_id} ?selected=${wallet.wallet_id === selected}>${wallet.wallet_desc}</option>`,
        )}
      </select>
    </div>`;
  }

  private renderRegisterForm(t: Translate): TemplateResult {
    const error = this.createError;
    const detail = error?.code === 'provider_error' ? errorMessageFrom(error.cause) : undefined;
    return html`<form class="register-form" part="register-form" novalidate aria-labelledby="new-register-title" @submit=${this.onCreate}>
      <p class="title" id="new-register-title">${t('caja.newRegister')}</p>
      <div class="field">
        <label for="register-description">${t('caja.description')}</label>
        <input
          id="register-description"
          part="description-input"
          name="description"
          autocomplete="off"
          required
          .value=${this.draftDescription}
          aria-invalid=${this.descriptionInvalid ? 'true' : 'false'}
          aria-describedby=${this.descriptionInvalid ? 'description-error' : nothing}
          @input=${this.onDescriptionInput}
        />
        ${this.descriptionInvalid
          ? html`<p class="field-error" id="description-error">${t('caja.descriptionRequired')}</p>`
          : nothing}
      </div>
      ${this.renderWalletField(t)}
      ${error
        ? html`<p class="form-error" part="form-error" role="alert">
            ${t('caja.createFailed')} ${detail ?? (error.code === 'config' ? error.message : t(`error.${error.code}`))}
          </p>`
        : nothing}
      <button class="primary" part="create-button" type="submit" ?disabled=${this.creating || !this.wallets?.length}>
        ${this.creating ? t('caja.creating') : t('caja.create')}
      </button>
    </form>`;
  }

  private renderReady(t: Translate, last?: CheckoutStatus): TemplateResult {
    const canRetry = last === 'failed' || last === 'expired';
    return html`<div class="state ready" part="ready">
      ${last
        ? html`<p class="last" part="last-outcome">${statusIcon(last)}<span>${t('caja.lastCharge', { status: t(`status.${last}`) })}</span></p>`
        : nothing}
      <p class="title">${t('caja.ready')}</p>
      <p class="muted">${t('caja.readyText')}</p>
      <div class="actions">
        ${canRetry
          ? html`<button class="primary" part="try-again-button" type="button" @click=${this.onRetryCharge}>${t('tryAgain')}</button>`
          : nothing}
        ${this.picked
          ? html`<button part="change-register-button" type="button" @click=${this.onChangeRegister}>${t('caja.changeRegister')}</button>`
          : nothing}
      </div>
    </div>`;
  }

  /** The register and order the charge is for, above the QR. */
  private renderHeader(t: Translate, locale: Locale, currency: string | undefined): TemplateResult {
    const externalId = this.order?.externalId;
    const items = this.order?.items;
    return html`
      ${this.picked ? html`<p class="register" part="register">${t('caja.register', { name: this.picked.checkout_desc })}</p>` : nothing}
      ${externalId ? html`<p class="reference" part="reference">${t('caja.reference', { id: externalId })}</p>` : nothing}
      ${items?.length && currency ? summaryView(t, locale, { items, currency }) : nothing}
    `;
  }

  private renderCharge(t: Translate, locale: Locale): TemplateResult {
    const { phase, session, status, error } = this.flow.state;
    if (phase === 'error' && error) return errorView(t, error, this.onRetryCharge);
    if (phase === 'done' && status) {
      if (this.continuous) return this.renderReady(t, status);
      const actions =
        status === 'failed' || status === 'expired'
          ? html`<button class="primary" part="try-again-button" type="button" @click=${this.onRetryCharge}>${t('tryAgain')}</button>`
          : nothing;
      return outcomeView(t, status, actions);
    }
    if (phase === 'processing') return html`${reconnectingNotice(t, this.flow.state.reconnecting)} ${processingView(t)}`;
    const presentation = session?.presentation;
    if (phase === 'ready' && presentation?.kind === 'qr') {
      return html`${reconnectingNotice(t, this.flow.state.reconnecting)} ${this.renderHeader(t, locale, presentation.currency)}
        ${presentationView(t, locale, presentation, { opened: false, blocked: false, onContinue: () => undefined })}`;
    }
    return loadingView(t);
  }

  private renderBody(t: Translate, locale: Locale): TemplateResult {
    // The same precedence as willUpdate: a charge on screen (or a final outcome) outranks any later change.
    if (this.chargeInProgress || this.showsFinalOutcome) return this.renderCharge(t, locale);
    if (this.blocker) return errorView(t, this.blocker, this.onRetryBlocker);
    if (this.needsRegister) return this.renderPicker(t);
    if (this.flow.flow && this.flow.state.phase !== 'idle') return this.renderCharge(t, locale);
    return this.renderReady(t);
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const locale = this.resolvedLocale;
    return html`<div class="panel" part="base" tabindex="-1">
      ${this.renderBody(t, locale)}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement(t)}</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'caja-qr': CajaQrElement;
  }
}
