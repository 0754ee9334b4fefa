import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { consumeCheckout } from '../../controllers/checkout-context.js';
import { CountdownController } from '../../controllers/countdown-controller.js';
import { FlowController } from '../../controllers/flow-controller.js';
import type { FlowSource } from '../../controllers/flow-source.js';
import { formatClock, formatRemaining } from '../../core/i18n.js';
import { CheckoutError } from '../../core/errors.js';
import { isSafeUrl } from '../../core/url.js';
import { CheckoutErrorEvent } from '../../events.js';
import { formatMoney } from '../shared/format.js';
import { Words, type Messages } from '../shared/locale.js';
import { qrGeometry, qrSvgContent, type QrGeometry } from '../shared/qr-svg.js';
import { baseStyles } from '../shared/styles.js';
import { qrStyles } from './checkout-qr.styles.js';

/** Countdown milestones (ms) announced to screen readers; the clock itself ticks every second, readable but not live. */
const ANNOUNCE_AT = [10_000, 30_000, 60_000, 120_000, 300_000];
/** Under this, the countdown turns to the urgent colour. */
const URGENT_MS = 60_000;
/** How long "copied" stays on the button. */
const COPIED_MS = 2_500;

/**
 * The QR panel the other elements show: an SVG rendered in the browser from the exact payload
 * (never an image from the network), the amount, the copy-paste code with a copy button, a
 * countdown to the provider's absolute expiry, and on phones a link to the payment app when the
 * provider gives one.
 *
 * Inside `<checkout-modal>` or `<caja-qr>` it needs no properties: it draws the QR (or the hosted
 * page's link) of the flow the element runs, in the element's language, through the checkout context.
 *
 * @tag checkout-qr
 * @summary Payment QR code with amount, copy button and countdown (used inside the other elements).
 *
 * @csspart qr - The QR code's `<svg>`.
 * @csspart amount - The amount to pay.
 * @csspart countdown - The time left to pay.
 * @csspart code - The copy-paste code field.
 * @csspart copy-button - The copy button.
 * @csspart app-link - The "open in your payment app" link.
 *
 * @cssprop [--checkout-qr-size=min(260px, 70vw)] - Width of the QR code.
 *
 * @fires {CheckoutErrorEvent} checkout-error - `variant="link"` with a `payload` that is not safe to open (only https, or http on localhost): nothing is drawn. Detail: `{code: 'config', message, retryable}`.
 */
export class CheckoutQrElement extends LitElement {
  /** @ignore Lit's reactive properties (declared without decorators: smaller). */
  static override properties = {
    copyState: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    payload: {},
    variant: {},
    amount: { type: Number },
    currency: {},
    expiresAt: { type: Number, attribute: 'expires-at' },
    appUrl: { attribute: 'app-url' },
    locale: {},
    messages: { attribute: false },
  };

  static override styles = [baseStyles, qrStyles];

  readonly #countdown = new CountdownController(this, () => this.expiresAt);
  /** The checkout this panel is part of (its element reports the events, not the panel). */
  readonly #around = consumeCheckout(this);
  readonly #words = new Words(this, undefined, () => this.#around.value);
  readonly #flow = new FlowController(this, { events: false });
  #following?: FlowSource;
  /** The QR of the payload it was drawn for (drawn again only when the payload changes). */
  #geometry?: QrGeometry & { payload: string };
  #copiedTimer?: ReturnType<typeof setTimeout>;
  #lastMilestone = Infinity;

  private copyState: 'idle' | 'copied' | 'failed' = 'idle';
  private announcement = '';

  /** The exact string to encode and copy (a Pix EMV code, or a payment page URL). */
  payload = '';
  /** `payment`: a code to pay with (copy button, code field); `link`: a URL to open on a phone. */
  variant: 'payment' | 'link' = 'payment';
  /** Minor units. */
  amount?: number;
  currency?: string;
  /** Epoch ms the code stops being payable. */
  expiresAt?: number;
  /** A deep link to the payment app, shown on touch devices. */
  appUrl?: string;
  /** Default: the language of the element it is drawn in, else as the other elements. */
  locale?: string;
  /** Text in place of the built-in text; default: the `messages` of the element it is drawn in. */
  messages?: Messages;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#copiedTimer);
    this.#following = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#showCheckoutPresentation();
    if (changed.has('expiresAt')) {
      this.#lastMilestone = Infinity;
      this.#countdown.restart();
    }
    if (changed.has('payload')) this.copyState = 'idle';
    // docs/security.md: a link is drawn only when it is safe to open (inside a checkout it was checked already).
    if ((changed.has('payload') || changed.has('variant')) && this.#unsafeLink()) {
      const refused = new CheckoutError('config', 'Refused to draw the link: only https URLs (or http on localhost) are allowed.');
      this.dispatchEvent(new CheckoutErrorEvent(refused.toDetail()));
    }
    this.#announceMilestone();
  }

  /**
   * Inside a checkout, the flow's presentation is what this panel shows (set as the properties,
   * before this render), and it follows that flow from the next change on.
   */
  #showCheckoutPresentation(): void {
    const around = this.#around.value?.source;
    // An update can still run after the panel left the DOM (one was pending when the dialog closed):
    // following then would subscribe to the checkout's flows with nothing left to unsubscribe.
    if (!around || !this.isConnected) return;
    if (this.#following !== around) {
      this.#following = around;
      this.#flow.follow(around);
    }
    const presentation = this.#flow.state.session?.presentation;
    if (presentation?.kind === 'qr') {
      Object.assign(this, { payload: presentation.payload, amount: presentation.amount, currency: presentation.currency });
    } else if (presentation) this.payload = presentation.url;
    if (presentation) this.expiresAt = presentation.expiresAt;
  }

  /** Announce the time left only when it crosses a milestone, not every second. */
  #announceMilestone(): void {
    const remaining = this.#countdown.remaining;
    if (remaining === undefined) return;
    const { t, locale } = this.#words;
    if (remaining <= 0 && this.#lastMilestone > 0) {
      this.#lastMilestone = 0;
      this.announcement = t('qr.expired');
      return;
    }
    // The smallest milestone reached: a code shown with 13 s left starts at 30 s, then says 10 s.
    const crossed = ANNOUNCE_AT.find((at) => remaining <= at);
    if (crossed !== undefined && crossed < this.#lastMilestone) {
      this.#lastMilestone = crossed;
      // The first render only sets the baseline; announcements are for changes.
      if (this.hasUpdated) this.announcement = t('qr.timeLeft', { time: formatRemaining(remaining, locale) });
    }
  }

  async #copy(): Promise<void> {
    clearTimeout(this.#copiedTimer);
    // Emptied while the clipboard works, so a second press is announced again (the same words would not be).
    this.announcement = '';
    try {
      await navigator.clipboard.writeText(this.payload);
      this.copyState = 'copied';
      this.announcement = this.#words.t('qr.copied');
    } catch {
      // No clipboard (permissions, insecure context): the code field (above the button) is selected to copy by hand.
      this.copyState = 'failed';
      this.announcement = this.#words.t('qr.copyFailed');
      this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.select();
      return;
    }
    this.#copiedTimer = setTimeout(() => {
      this.copyState = 'idle';
    }, COPIED_MS);
  }

  #unsafeLink(): boolean {
    return this.variant === 'link' && !!this.payload && !isSafeUrl(this.payload);
  }

  #qr(): QrGeometry | undefined {
    if (!this.payload || this.#unsafeLink()) return undefined;
    if (this.#geometry?.payload !== this.payload) this.#geometry = { ...qrGeometry(this.payload), payload: this.payload };
    return this.#geometry;
  }

  protected override render(): TemplateResult {
    const { t, locale } = this.#words;
    const geometry = this.#qr();
    const isLink = this.variant === 'link';
    const label = t(isLink ? 'hosted.linkLabel' : 'qr.label');
    const showAppLink = !isLink && this.appUrl && isSafeUrl(this.appUrl) && matchMedia('(pointer: coarse)').matches;
    const remaining = this.#countdown.remaining;
    return html`
      <figure>
        ${geometry
          ? html`<svg part="qr" role="img" aria-label=${label} viewBox="0 0 ${geometry.size} ${geometry.size}"
              shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">${qrSvgContent(geometry)}</svg>`
          : nothing}
        <figcaption class="muted">${t(isLink ? 'hosted.phone' : 'qr.scan')}</figcaption>
      </figure>
      ${this.amount !== undefined && this.currency
        ? html`<p part="amount" class="amount">${formatMoney(this.amount, this.currency, locale)}</p>`
        : nothing}
      ${remaining === undefined
        ? nothing
        : html`<p part="countdown" class="countdown ${remaining < URGENT_MS ? 'urgent' : ''}">
            ${remaining > 0 ? t('qr.expiresIn', { time: formatClock(remaining) }) : t('qr.expired')}
          </p>`}
      ${isLink
        ? nothing
        : html`
            <label class="visually-hidden" for="code">${t('qr.code')}</label>
            <textarea id="code" part="code" class="code" readonly rows="3" .value=${this.payload}></textarea>
            <div class="actions">
              <button part="copy-button" class="primary" type="button" @click=${this.#copy}>
                ${t(this.copyState === 'copied' ? 'qr.copied' : 'qr.copy')}
              </button>
              ${showAppLink ? html`<a part="app-link" class="button" href=${this.appUrl!}>${t('qr.openApp')}</a>` : nothing}
            </div>
            ${this.copyState === 'failed' ? html`<p class="notice">${t('qr.copyFailed')}</p>` : nothing}
          `}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'checkout-qr': CheckoutQrElement;
  }
}
