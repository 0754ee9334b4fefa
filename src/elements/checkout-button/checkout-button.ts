import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { CheckoutContextProvider } from '../../controllers/checkout-context.js';
import { FlowSource } from '../../controllers/flow-source.js';
import { PAYMENT_KEYS } from '../../core/session.js';
import { CHECKOUT_MODAL_PARTS, type CheckoutModalElement } from '../checkout-modal/checkout-modal.js';
import { formatMoney } from '../shared/format.js';
import { Words } from '../shared/locale.js';
import { baseStyles } from '../shared/styles.js';
import { PaymentAttributes } from '../shared/payment-attributes.js';
import { checkoutButtonMessages } from './checkout-button.messages.js';
import { buttonStyles } from './checkout-button.styles.js';

const FORWARDED = ['provider', 'tokenUrl', 'locale', 'messages', 'returnUrl', 'redirect', ...PAYMENT_KEYS] as const;

/**
 * A pay button that runs the whole payment in a `<checkout-modal>` of its own. Every event of
 * the modal reaches listeners on the button (the events are composed and bubble out of its
 * shadow root, retargeted to the button). Clicking again while the modal is open, however fast,
 * goes on with the same flow: one token request, one session.
 *
 * @tag checkout-button
 * @summary A button that opens a checkout dialog and takes one payment.
 *
 * @slot - The button's label. Default: "Pay" and the formatted amount, in the element's language.
 * @slot status - Shown in the modal under the steps: e.g. a `<session-status>` without
 *   `session-id`, which then follows the button's session (no request of its own).
 *
 * @csspart button - The `<button>`.
 * @csspart dialog - The modal's `<dialog>` (every part of `<checkout-modal>` is re-exported under its own name).
 * @csspart close-button - The modal's close button.
 * @csspart summary - The modal's summary of what is being paid.
 * @csspart qr-code - The Pix QR code's `<svg>`.
 * @csspart continue-button - The hosted checkout's "continue to payment" button.
 * @csspart outcome - The modal's outcome view.
 *
 * @cssprop [--checkout-font=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font family.
 * @cssprop [--checkout-color-text=#111827] - Text colour.
 * @cssprop [--checkout-color-background=#ffffff] - Dialog background.
 * @cssprop [--checkout-color-surface=#f3f4f6] - Secondary buttons and notices.
 * @cssprop [--checkout-color-border=#d1d5db] - Borders.
 * @cssprop [--checkout-color-primary=#1d4ed8] - The button's background.
 * @cssprop [--checkout-color-primary-text=#ffffff] - The button's text.
 * @cssprop [--checkout-color-focus=#2563eb] - Focus ring.
 * @cssprop [--checkout-radius=12px] - Corner radius.
 * @cssprop [--checkout-spacing=16px] - Base spacing.
 * @cssprop [--checkout-modal-width=28rem] - Width of the dialog.
 * @cssprop [--checkout-modal-backdrop=rgb(17 24 39 / 0.6)] - The backdrop behind the dialog.
 *
 * @fires {CheckoutOpenEvent} checkout-open - The modal opened. Detail: `{provider}`.
 * @fires {CheckoutCloseEvent} checkout-close - The modal closed. Detail: `{provider}`.
 * @fires {CheckoutStatusEvent} checkout-status - Every change of status. Detail: `CheckoutDetail`.
 * @fires {CheckoutSuccessEvent} checkout-success - The payment succeeded (once per session). Detail: `CheckoutDetail`.
 * @fires {CheckoutFailureEvent} checkout-failure - The payment failed (once per session). Detail: `CheckoutDetail`.
 * @fires {CheckoutExpiredEvent} checkout-expired - The time to pay ran out (once per session). Detail: `CheckoutDetail`.
 * @fires {CheckoutCancelEvent} checkout-cancel - The payment was cancelled (once per session). Detail: `CheckoutDetail`.
 * @fires {CheckoutErrorEvent} checkout-error - The token endpoint, the network or a provider failed, a response was invalid, or an attribute is wrong. Detail: `{code, message, retryable, httpStatus?}`.
 */
export class CheckoutButtonElement extends PaymentAttributes(LitElement) {
  /** @ignore Lit's reactive properties (declared without decorators: smaller). */
  static override properties = {
    hasLabel: { state: true, attribute: false },
  };

  static override styles = [baseStyles, buttonStyles];
  // Focusing the element focuses its button (and focus comes back to it when the modal closes).
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  private get modal(): CheckoutModalElement | null {
    return this.renderRoot.querySelector('checkout-modal');
  }

  /** The slot has a label of the merchant's (not only whitespace). */
  private hasLabel = false;

  /** The inner modal's flow, handed to what the merchant nests in the button. */
  readonly #source = new FlowSource();
  readonly #words = new Words(this, checkoutButtonMessages);

  constructor() {
    super();
    new CheckoutContextProvider(this, this.#source, this.#words);
  }

  /** The payment attributes, handed to the inner modal as they change (it runs the payment). */
  protected override updated(changed: PropertyValues<this>): void {
    const modal = this.modal as unknown as Record<string, unknown>;
    for (const key of FORWARDED) if (changed.has(key)) modal[key] = this[key];
  }

  protected override firstUpdated(): void {
    // The modal is the button's for life: its flows are watched once, never unwatched.
    this.modal!.flowSource.watch((flow) => this.#source.set(flow));
    this.#updateHasLabel();
  }

  #onClick(): void {
    if (this.disabled) return;
    // While the modal is open show() returns the flow already running: no second token request.
    // The outcome reaches the merchant as events; a disabled modal's rejection needs no handling.
    this.modal?.show().catch(() => undefined);
  }

  /** Also the slot's `slotchange` listener (Lit calls it on the element). */
  #updateHasLabel(): void {
    const slot = this.renderRoot.querySelector('slot');
    this.hasLabel = !!slot
      ?.assignedNodes({ flatten: true })
      .some((node) => node instanceof Element || !!node.textContent?.trim());
  }

  #defaultLabel(): string {
    const { t, locale } = this.#words;
    const { amount, currency } = this;
    return typeof amount === 'number' && Number.isFinite(amount) && currency
      ? t('payAmount', { amount: formatMoney(amount, currency, locale) })
      : t('pay');
  }

  protected override render(): TemplateResult {
    return html`<button part="button" class="primary" type="button" ?disabled=${this.disabled} @click=${this.#onClick}>
        <slot @slotchange=${this.#updateHasLabel}></slot><span ?hidden=${this.hasLabel}>${this.#defaultLabel()}</span>
      </button>
      <checkout-modal
        exportparts=${CHECKOUT_MODAL_PARTS}
        ><slot name="status" slot="status"></slot
      ></checkout-modal>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'checkout-button': CheckoutButtonElement;
  }
}
