import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { CheckoutContextProvider } from '../../controllers/checkout-context.js';
import { DialogController } from '../../controllers/dialog-controller.js';
import { FlowController } from '../../controllers/flow-controller.js';
import { StatusStates } from '../../controllers/status-states.js';
import type { FlowSource } from '../../controllers/flow-source.js';
import { CheckoutError, toCheckoutError } from '../../core/errors.js';
import { defaultResumeKey, type CheckoutFlowOptions } from '../../core/flow.js';
import { isFlowPopup, readReturnMessage } from '../../core/return-page.js';
import { isTerminal, type CheckoutDetail, type ProviderId } from '../../core/status.js';
import { CheckoutCloseEvent, CheckoutErrorEvent, CheckoutOpenEvent } from '../../events.js';
import { flowOptionsFrom } from '../shared/attributes.js';
import { openHosted, type HandOff } from '../shared/hosted.js';
import { Words } from '../shared/locale.js';
import { baseStyles } from '../shared/styles.js';
import { PaymentAttributes } from '../shared/payment-attributes.js';
import { reconnectingNotice, summaryView } from '../shared/views.js';
import { viewStyles } from '../shared/views.styles.js';
import { checkoutModalMessages } from './checkout-modal.messages.js';
import { DetailsForm, type ModalFormatting } from './details-form.js';
import { modalStyles } from './checkout-modal.styles.js';
import { modalAnnouncement, modalHeader, modalStepView, modalSummary, type ModalActions, type ModalStep } from './checkout-modal.view.js';

/**
 * The parts of the modal as an `exportparts` list, for a host that re-exports them under the same
 * names (`<checkout-button>`).
 */
export const CHECKOUT_MODAL_PARTS =
  'dialog,header,title,close-button,body,summary,items,total,loading,options,option,' +
  'details,details-input,details-error,details-button,' +
  'qr,qr-code,amount,countdown,code,copy-button,app-link,hosted,continue-button,' +
  'processing,outcome,icon,actions,try-again-button,done-button,error,error-detail,' +
  'retry-button,reconnecting';

/**
 * The dialog that runs a whole payment: loading → method or asset choice (Conomy, WeWire) → the
 * customer details the method needs (Conomy Pix) → Pix QR or the hosted checkout hand-off →
 * processing → the outcome, with "try again" after a failure or
 * expiry. A native `<dialog>` opened with `showModal()`: the page is inert, focus stays inside,
 * Escape closes it and focus returns to what opened it. Closing before paying cancels the session
 * at the provider where it can; closing while the payment is processing does not, and the outcome
 * still arrives as an event.
 *
 * @tag checkout-modal
 * @summary A checkout dialog that takes one payment through kamiPay, KaiPay, Conomy or WeWire.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - The header with the title and the close button.
 * @csspart title - The dialog's heading: `description`, or a generic "Checkout".
 * @csspart close-button - The close button in the header.
 * @csspart body - Everything under the header.
 * @csspart summary - What is being paid: items and total.
 * @csspart items - The list of items.
 * @csspart total - The total.
 * @csspart loading - The loading state.
 * @csspart options - The payment-method or asset choice.
 * @csspart option - One payment method or asset.
 * @csspart details - The form for the customer details the chosen method needs (e.g. a CPF for Conomy Pix).
 * @csspart details-input - A field of that form.
 * @csspart details-error - Why the details were not accepted (the form's alert).
 * @csspart details-button - The form's continue button.
 * @csspart qr - The QR panel (`<checkout-qr>`).
 * @csspart qr-code - The QR code's `<svg>`.
 * @csspart amount - The amount shown under the QR code.
 * @csspart countdown - The time left to pay.
 * @csspart code - The Pix copy-paste code field.
 * @csspart copy-button - The copy button of the Pix code.
 * @csspart app-link - The "open in your payment app" link (phones).
 * @csspart hosted - The hosted checkout hand-off.
 * @csspart continue-button - "Continue to payment" (opens the provider's page).
 * @csspart processing - The "confirming payment" state.
 * @csspart outcome - The outcome (succeeded, failed, expired, cancelled).
 * @csspart icon - The status icon.
 * @csspart actions - The buttons under the outcome.
 * @csspart try-again-button - "Try again" after a failure or expiry.
 * @csspart done-button - The close button under the outcome.
 * @csspart error - What stopped the flow.
 * @csspart error-detail - The provider's or the configuration's detail of the error.
 * @csspart retry-button - Retry after an error.
 * @csspart reconnecting - The "reconnecting" notice.
 *
 * @slot status - Shown under the steps: e.g. a `<session-status>` without `session-id`, which then
 *   follows the modal's session (no request of its own).
 *
 * @cssprop [--checkout-font=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font family.
 * @cssprop [--checkout-color-text=#111827] - Text colour.
 * @cssprop [--checkout-color-muted=#4b5563] - Secondary text colour.
 * @cssprop [--checkout-color-background=#ffffff] - Dialog background.
 * @cssprop [--checkout-color-surface=#f3f4f6] - Buttons, notices and the code field.
 * @cssprop [--checkout-color-border=#d1d5db] - Borders.
 * @cssprop [--checkout-color-primary=#1d4ed8] - Primary buttons and the spinner.
 * @cssprop [--checkout-color-primary-text=#ffffff] - Text on primary buttons.
 * @cssprop [--checkout-color-success=#047857] - The succeeded icon.
 * @cssprop [--checkout-color-danger=#b91c1c] - The failed and cancelled icons.
 * @cssprop [--checkout-color-warning=#92400e] - Notices, and the pending and expired icons.
 * @cssprop [--checkout-color-focus=#2563eb] - Focus ring.
 * @cssprop [--checkout-radius=12px] - Corner radius.
 * @cssprop [--checkout-spacing=16px] - Base spacing.
 * @cssprop [--checkout-qr-size=min(260px, 70vw)] - Width of the QR code.
 * @cssprop [--checkout-modal-width=28rem] - Width of the dialog (at most the viewport less 2rem).
 * @cssprop [--checkout-modal-backdrop=rgb(17 24 39 / 0.6)] - The backdrop behind the dialog.
 *
 * @cssstate pending - Waiting for the customer to pay.
 * @cssstate processing - Paid; the provider is confirming.
 * @cssstate succeeded - Paid.
 * @cssstate failed - The payment failed or was refused.
 * @cssstate expired - The time to pay ran out.
 * @cssstate cancelled - Cancelled (the dialog was closed before paying, or at the provider).
 *
 * @fires {CheckoutOpenEvent} checkout-open - The modal opened (`show()`, or back on a return page). Detail: `{provider}`.
 * @fires {CheckoutCloseEvent} checkout-close - The modal closed (close button, Escape, `close()`). Detail: `{provider}`.
 * @fires {CheckoutStatusEvent} checkout-status - Every change of status. Detail: `CheckoutDetail`.
 * @fires {CheckoutSuccessEvent} checkout-success - The payment succeeded (once per session). Detail: `CheckoutDetail`.
 * @fires {CheckoutFailureEvent} checkout-failure - The payment failed (once per session). Detail: `CheckoutDetail`.
 * @fires {CheckoutExpiredEvent} checkout-expired - The time to pay ran out (once per session). Detail: `CheckoutDetail`.
 * @fires {CheckoutCancelEvent} checkout-cancel - The payment was cancelled (once per session). Detail: `CheckoutDetail`.
 * @fires {CheckoutErrorEvent} checkout-error - The token endpoint, the network or a provider failed, a response was invalid, or an attribute is wrong. Detail: `{code, message, retryable, httpStatus?}`.
 */
export class CheckoutModalElement extends PaymentAttributes(LitElement) {
  /** @ignore Lit's reactive properties (declared without decorators: smaller). */
  static override properties = {
    handOff: { state: true, attribute: false },
    handOffError: { state: true, attribute: false },
    open: { type: Boolean, reflect: true },
  };

  static override styles = [baseStyles, viewStyles, modalStyles];

  /** Settles with the first terminal outcome after `show()` started a flow. */
  #outcome?: { promise: Promise<CheckoutDetail>; resolve(detail: CheckoutDetail): void };

  readonly #flowController = new FlowController(this, {
    onStatus: (detail) => isTerminal(detail.status) && this.#outcome?.resolve(detail),
  });
  readonly #details = new DetailsForm(this, {
    customer: () => this.order?.customer,
    submit: (details) => void this.#flowController.flow?.choose(this.#flowController.state.chosen ?? '', details),
  });
  readonly #dialog = new DialogController(this, () => this.#closeDialog(true));
  readonly #words = new Words(this, checkoutModalMessages);

  constructor() {
    super();
    new CheckoutContextProvider(this, this.#flowController.source, this.#words);
    new StatusStates(this, () => [this.#flowController.state.status]);
  }

  /** @internal The flow the modal runs, for `<checkout-button>` to hand down to its own children. */
  get flowSource(): FlowSource {
    return this.#flowController.source;
  }

  /** The last hosted hand-off, for the page it opened (a new presentation starts without one). */
  private handOff?: { url: string; result: HandOff };
  /** The hosted page could not be opened (unsafe URL): shown like a flow error. */
  private handOffError?: CheckoutError;

  /** Whether the dialog is open. Setting it opens or closes the dialog, without `checkout-open`/`checkout-close`. */
  open = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // After the first render, so attributes set by a parent template are in place.
    void this.updateComplete.then(() => this.#resumeOnReturnPage());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed (not moved: back within the task), the dialog is closed; the flow stops (not cancelled).
    queueMicrotask(() => {
      if (!this.isConnected) this.open = false;
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The owner set `open`: follow it, without announcing it (it knows).
    if (changed.has('open')) {
      if (this.open && !this.#dialog.shown) this.#openDialog(false);
      else if (!this.open && this.#dialog.shown) this.#closeDialog(false);
    }
    this.#dialog.keepFocusInside(this.handOffError ? 'hand-off-error' : this.#flowController.state.phase);
  }

  /** "Continue to payment": opened from the click itself, so the popup is not blocked. */
  #onContinue(): void {
    const flow = this.#flowController.flow;
    const presentation = flow?.state.session?.presentation;
    if (!flow || presentation?.kind !== 'hosted') return;
    try {
      this.handOff = { url: presentation.url, result: openHosted(presentation.url, flow.ref, this.redirect) };
    } catch (error) {
      const failure = toCheckoutError(error, 'config');
      this.handOffError = failure;
      this.dispatchEvent(new CheckoutErrorEvent(failure.toDetail()));
    }
  }

  /**
   * Opens the dialog and starts the payment (or shows the one still running, e.g. closed while
   * processing). Resolves with the first terminal outcome — the same detail as the terminal event.
   * While open, calling it again returns the same promise. Rejects with a `config` CheckoutError
   * when the modal is disabled.
   */
  show(): Promise<CheckoutDetail> {
    if (this.disabled) return Promise.reject(new CheckoutError('config', 'The checkout is disabled.'));
    this.#openDialog(true);
    return this.#outcome!.promise;
  }

  /**
   * Closes the dialog. Before payment this cancels the session (at the provider where it can);
   * while the payment is processing it does not, and the outcome still arrives as an event.
   */
  close(): void {
    this.#closeDialog(true);
  }

  #openDialog(notify: boolean): void {
    if (this.#dialog.shown) return;
    if (this.disabled) {
      this.open = false;
      return;
    }
    // A flow still running (closed while processing) is shown again; after an outcome, a fresh one.
    if (!this.#outcome || !this.#flowController.running) this.#startFlow();
    this.open = true;
    this.#dialog.open();
    if (notify) this.dispatchEvent(new CheckoutOpenEvent({ provider: this.provider ?? ('' as ProviderId) }));
  }

  #closeDialog(notify: boolean): void {
    if (!this.#dialog.shown) return;
    this.open = false;
    this.#dialog.close();
    if (notify) this.dispatchEvent(new CheckoutCloseEvent({ provider: this.provider ?? ('' as ProviderId) }));
    // After checkout-close, for every provider (KaiPay's in-page cancel would otherwise come first).
    this.#cancelUnpaid();
  }

  #startFlow(): void {
    this.handOff = undefined;
    this.handOffError = undefined;
    let resolve!: (detail: CheckoutDetail) => void;
    this.#outcome = { promise: new Promise((done) => (resolve = done)), resolve };
    void this.#flowController.start(this.#flowOptions());
  }

  /** Before payment, closing cancels; while processing or after the outcome it only closes. */
  #cancelUnpaid(): void {
    this.handOffError = undefined;
    if (!this.#flowController.running || this.#flowController.state.status === 'processing') return;
    // Stopped before anything existed at the provider: nothing to cancel.
    if (this.#flowController.stoppedEarly) return this.#flowController.reset();
    void this.#flowController.flow?.cancel();
  }

  /**
   * Back on the return page in redirect mode: when the page's URL names this element's flow (its
   * stored session has the same ref), open and let the flow settle from the URL (#openDialog
   * itself leaves a shown or disabled modal as it is).
   */
  #resumeOnReturnPage(): void {
    if (!this.isConnected || this.#flowController.running) return;
    // This page's URL, or the outcome a return page kept while this tab was not listening (reloaded).
    const message = readReturnMessage(location.href) ?? FlowController.keptReturn(this.#flowOptions());
    // The flow's own popup closes: the opener, whose flow hears the page, reports the outcome.
    if (!message || message.provider !== this.provider || isFlowPopup(window, message.ref)) return;
    if (FlowController.resumes(this.#flowOptions(), message.ref)) this.#openDialog(true);
  }

  #flowOptions(): CheckoutFlowOptions {
    return flowOptionsFrom(this);
  }

  readonly #actions: ModalActions = {
    choose: (id) => void this.#flowController.flow?.choose(id),
    // An unsafe hosted URL is not the flow's error: retrying just puts the flow's step back.
    retry: () => (this.handOffError ? (this.handOffError = undefined) : void this.#flowController.retry(this.#flowOptions())),
    tryAgain: () => {
      this.handOff = undefined;
      const options = this.#flowOptions();
      // The payment changed since (a new amount, another order): a new one, not the old again.
      const changed = defaultResumeKey(options) !== defaultResumeKey(this.#flowController.options ?? options);
      void (changed ? this.#flowController.restart(options) : this.#flowController.flow?.retry());
    },
    close: () => this.#closeDialog(true),
    continue: () => this.#onContinue(),
  };

  protected override render(): TemplateResult {
    const { t, locale } = this.#words;
    const f: ModalFormatting = { t, locale };
    const state = this.#flowController.state;
    const optionKind = this.provider === 'wewire' ? 'asset' : 'method';
    const step: ModalStep = { handOff: this.handOff, handOffError: this.handOffError, details: this.#details };
    return html`<dialog part="dialog" aria-labelledby="title" @cancel=${this.#dialog.onCancel} @close=${this.#dialog.onClose}>
      ${modalHeader(f, this.description, this.#actions.close)}
      <div class="body" part="body" tabindex="-1">
        ${summaryView(f, modalSummary(state, this.#flowController.options ?? this))} ${reconnectingNotice(f, state.reconnecting)}
        ${modalStepView(f, state, optionKind, step, this.#actions)}
        <slot name="status"></slot>
      </div>
      <p class="visually-hidden" role="status">${modalAnnouncement(f, state, optionKind)}</p>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'checkout-modal': CheckoutModalElement;
  }
}
