import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { consumeCheckout } from '../../controllers/checkout-context.js';
import { FlowController } from '../../controllers/flow-controller.js';
import { STATUS_STATES, StatusStates } from '../../controllers/status-states.js';
import { CheckoutError } from '../../core/errors.js';
import type { CheckoutFlowOptions, FlowState } from '../../core/flow.js';
import type { Translate } from '../../core/i18n.js';
import type { CheckoutOrder } from '../../core/order.js';
import { readReturnMessage } from '../../core/return-page.js';
import type { SharedKey } from '../../core/messages.js';
import { isProviderId, type CheckoutStatus, type ProviderId } from '../../core/status.js';
import { CheckoutErrorEvent } from '../../events.js';
import { Words, type Messages } from '../shared/locale.js';
import { baseStyles } from '../shared/styles.js';
import { statusIconStyles } from '../shared/views.styles.js';
import { errorDetail, statusIcon } from '../shared/views.js';
import { sessionStatusMessages, type SessionStatusKey } from './session-status.messages.js';
import { sessionStatusStyles } from './session-status.styles.js';

/** Test seams (@internal): a virtual clock, a poll registry and a counted fetch for the flow. */
export type SessionStatusOverrides = Pick<CheckoutFlowOptions, 'clock' | 'registry' | 'fetch'>;

/** A wrong attribute: the `checkout-error` and its fix for the page (localized). */
interface ConfigProblem {
  error: CheckoutError;
  hint: SessionStatusKey;
}

/** `<session-status>`'s translator: the shared words and its own. */
type StatusTranslate = Translate<SessionStatusKey | SharedKey>;

const ALL_STATES: readonly string[] = ['loading', 'error', 'reconnecting', ...STATUS_STATES];

/**
 * Follows an existing payment session and shows its status, for an order-confirmation page, an
 * admin list or a second screen. It polls until a terminal status (several elements on one
 * session share one request) and dispatches the same events as the checkout, each terminal event
 * once per element. On a return page (the URL carries `checkout_outcome`) it shows the outcome
 * the page announces for its provider, checked with the provider where the session can be read.
 *
 * Placed inside a `<checkout-button>`, `<checkout-modal>` or `<caja-qr>` without `session-id`, it
 * follows that element's current session: no request of its own, its own events once each.
 *
 * @tag session-status
 * @summary Live status of an existing payment session, compact and inline.
 *
 * @csspart base - The wrapper of everything shown.
 * @csspart icon - The status icon.
 * @csspart spinner - The spinner shown while the session is first read.
 * @csspart label - The status (or error) in words.
 * @csspart reconnecting - The "reconnecting" notice while the provider cannot be reached.
 * @csspart error-detail - The provider's (or the configuration's) explanation of an error.
 * @csspart retry-button - The retry button shown with an error.
 *
 * @cssprop [--checkout-status-icon-size=1.25em] - Size of the icon and spinner.
 * @cssprop [--checkout-font=system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif] - Font family.
 * @cssprop [--checkout-color-text=#111827] - Text colour.
 * @cssprop [--checkout-color-muted=#4b5563] - Colour of the error detail.
 * @cssprop [--checkout-color-success=#047857] - Icon colour of `succeeded`.
 * @cssprop [--checkout-color-danger=#b91c1c] - Icon colour of `failed` and `cancelled`, and of errors.
 * @cssprop [--checkout-color-warning=#92400e] - Icon colour of `pending`, `processing`, `expired`, and the reconnecting notice.
 * @cssprop [--checkout-color-primary=#1d4ed8] - Retry button and spinner colour.
 * @cssprop [--checkout-color-focus=#2563eb] - Focus ring colour.
 *
 * @cssstate loading - The session is being read for the first time.
 * @cssstate pending - Waiting for the customer to pay.
 * @cssstate processing - Paid; the provider is confirming.
 * @cssstate succeeded - Paid.
 * @cssstate failed - The payment failed or was refused.
 * @cssstate expired - The session ran out of time unpaid.
 * @cssstate cancelled - Cancelled by the customer or the merchant.
 * @cssstate reconnecting - The provider cannot be reached for now; the element keeps trying.
 * @cssstate error - An error stopped following the session (a retry button is shown).
 *
 * @fires {CheckoutStatusEvent} checkout-status - Every change of status.
 * @fires {CheckoutSuccessEvent} checkout-success - The status became `succeeded` (once).
 * @fires {CheckoutFailureEvent} checkout-failure - The status became `failed` (once).
 * @fires {CheckoutExpiredEvent} checkout-expired - The status became `expired` (once).
 * @fires {CheckoutCancelEvent} checkout-cancel - The status became `cancelled` (once).
 * @fires {CheckoutErrorEvent} checkout-error - The token endpoint, the network or the provider failed, a response was invalid, or an attribute is wrong (`config`).
 */
export class SessionStatusElement extends LitElement {
  /** @ignore Lit's reactive properties (declared without decorators: smaller). */
  static override properties = {
    problem: { state: true, attribute: false },
    provider: {},
    sessionId: { attribute: 'session-id' },
    tokenUrl: { attribute: 'token-url' },
    locale: {},
    messages: { attribute: false },
    order: { attribute: false },
    expire: { type: Number },
  };

  static override styles = [baseStyles, statusIconStyles, sessionStatusStyles];

  /** @internal Tests only: passed to the flow. */
  flowOverrides?: SessionStatusOverrides;
  /** provider, session id and token URL of the session being followed. */
  #followedKey?: string | object;
  /** The outcome shown after the element was moved in the DOM (its flow is gone; nothing fires again). */
  #settled?: FlowState;

  readonly #flows = new FlowController(this);
  // Inside a checkout, it speaks as that checkout does (its locale and messages) unless told otherwise.
  readonly #words = new Words(this, sessionStatusMessages, () => this.#around.value);
  /** The checkout this element is placed in, if any: followed when there is no `session-id`. */
  readonly #around = consumeCheckout(this);

  private problem?: ConfigProblem;

  /** `kamipay`, `kaipay`, `conomy` or `wewire`. */
  provider?: ProviderId;
  /** The provider's session id (kamiPay: the charge's `operation_id`). */
  sessionId?: string;
  /** The merchant's token endpoint (absolute, or relative to the document's base URL). */
  tokenUrl?: string;
  /** `en`, `es` or `pt-BR`; default: the nearest `lang`, then the browser's language. */
  locale?: string;
  /** Text in place of the built-in text, in whatever language the element speaks (README "Text and languages"). */
  messages?: Messages;
  /** The merchant's own data, sent to the token endpoint as is. */
  order?: CheckoutOrder;
  /**
   * kamiPay: the seconds the followed QR was created to last (default 300). kamiPay cannot say
   * when a charge ends, so an unpaid one is declared `expired` (after a last check) this long
   * after the element attached, which is never before the QR itself ran out.
   */
  expire?: number;

  constructor() {
    super();
    new StatusStates(this, () => this.#currentStates(), ALL_STATES);
  }

  /** The status shown (undefined until the session has been read, or after an error before that). */
  get status(): CheckoutStatus | undefined {
    return this.#shownState().status;
  }

  override connectedCallback(): void {
    // Put back with other attributes: the flow it had is not the one to resume (no token for it).
    if (typeof this.#followedKey === 'string' && this.#followedKey !== this.#ownKey()) this.#flows.reset();
    super.connectedCallback();
    this.#follow();
  }

  override disconnectedCallback(): void {
    // The flow is disposed on disconnect: keep its outcome to show if the element is put back.
    const current = this.#flows.state;
    if (current.phase === 'done') this.#settled = current;
    // A followed checkout is looked up again when the element comes back.
    if (typeof this.#followedKey === 'object') this.#followedKey = undefined;
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const followed = changed.has('provider') || changed.has('sessionId') || changed.has('tokenUrl');
    // The checkout around it can appear (or change) after it connected.
    const around = !this.sessionId && this.#around.value !== undefined;
    if ((followed || around) && this.isConnected) this.#follow();
  }

  readonly #onRetry = (): void => {
    if (this.problem) {
      this.#followedKey = undefined;
      this.#follow();
    } else {
      void this.#flows.flow?.retry();
    }
  };

  /** A kept outcome is cleared whenever a flow is started or followed again, so it never hides one. */
  #shownState(): FlowState {
    return this.#settled ?? this.#flows.state;
  }

  #ownKey(): string {
    return [this.provider, this.sessionId, this.tokenUrl].join('\n');
  }

  /** (Re)starts following when the session named by the attributes is not the one followed. */
  #follow(): void {
    const sessionId = this.sessionId?.trim();
    const around = sessionId ? undefined : this.#around.value?.source;
    const key = around ?? this.#ownKey();
    if (key === this.#followedKey && (around || this.#flows.flow || this.problem || this.#settled)) return;
    this.#followedKey = key;
    this.#settled = undefined;
    this.problem = undefined;
    // The checkout around this element already follows its session: show that, ask nothing.
    if (around) return this.#flows.follow(around);
    this.#flows.reset();
    const provider = this.provider;
    if (!isProviderId(provider)) {
      return this.#reject('config.provider');
    }
    if (!this.tokenUrl) return this.#reject('config.tokenUrl');
    const announced = readReturnMessage(location.href);
    const returnMessage = announced?.provider === provider ? announced : undefined;
    // On a return page the URL itself names the hosted checkout; anywhere else the id is required.
    if (!sessionId && !returnMessage) {
      return this.#reject('config.sessionId');
    }
    void this.#flows.start({
      provider,
      tokenUrl: this.tokenUrl,
      // Left undefined when not set: the flow reads that as not given (order and expire go
      // through paymentParameters, which drops what is unset).
      sessionId: sessionId || undefined,
      returnMessage,
      order: this.order,
      expire: this.expire || undefined,
      baseUrl: document.baseURI,
      pageUrl: location.href,
      // A followed session is the page's own business: nothing to resume from storage.
      storage: null,
      ...this.flowOverrides,
    });
  }

  /**
   * A wrong attribute: shown with its fix, in the element's language, and reported once (the fix
   * in English is the event's message), without any request.
   */
  #reject(hint: SessionStatusKey): void {
    const error = new CheckoutError('config', sessionStatusMessages.en[hint]);
    this.problem = { error, hint };
    const event = new CheckoutErrorEvent(error.toDetail());
    this.dispatchEvent(event);
  }

  /**
   * `:state(succeeded)`, `:state(reconnecting)`... for merchants' CSS (e.g. colouring a list row):
   * the status once the session was read (kept through an error), `loading` before, `error` and
   * `reconnecting` besides.
   */
  #currentStates(): (string | undefined)[] {
    if (this.problem) return ['error'];
    const shown = this.#shownState();
    const error = shown.phase === 'error';
    return [shown.status ?? (error ? undefined : 'loading'), error ? 'error' : undefined, shown.reconnecting ? 'reconnecting' : undefined];
  }

  #renderStatus(t: StatusTranslate, shown: FlowState): TemplateResult | typeof nothing {
    // Following a checkout that has not started: there is no session to speak of yet.
    if (typeof this.#followedKey === 'object' && shown.phase === 'idle') return nothing;
    if (!shown.status) {
      return html`<span class="spinner" part="spinner" aria-hidden="true"></span>
        <span class="label" part="label">${t('checking')}</span>`;
    }
    return html`${statusIcon(shown.status)}<span class="label" part="label">${t(`status.${shown.status}`)}</span>`;
  }

  #renderError(t: StatusTranslate, error: CheckoutError): TemplateResult {
    // A wrong attribute: its fix in the element's language; else the provider's or the configuration's words.
    const detail = this.problem ? t(this.problem.hint) : errorDetail(error);
    return html`${statusIcon('failed')}<span class="label" part="label">${t(`error.${error.code}`)}</span>
      ${detail ? html`<span class="detail" part="error-detail">${detail}</span>` : nothing}`;
  }

  protected override render(): TemplateResult {
    const { t } = this.#words;
    const shown = this.#shownState();
    const error = this.problem?.error ?? (shown.phase === 'error' ? shown.error : undefined);
    // One live region for the whole life of the element, so every change in it is announced; none
    // inside a checkout, which announces each status itself (a screen reader would hear it twice).
    return html`<span class="base ${error ? 'error' : ''}" part="base">
      <span class="live" role=${typeof this.#followedKey === 'object' ? nothing : 'status'}>
        ${error ? this.#renderError(t, error) : this.#renderStatus(t, shown)}
        ${shown.reconnecting ? html`<span class="reconnecting" part="reconnecting">${t('reconnecting')}</span>` : nothing}
      </span>
      ${error
        ? html`<button type="button" part="retry-button" @click=${this.#onRetry}>${t('retry')}</button>`
        : nothing}
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'session-status': SessionStatusElement;
  }
}
