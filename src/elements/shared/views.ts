import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { CheckoutError } from '../../core/errors.js';
import type { FlowPhase, FlowState } from '../../core/flow.js';
import { errorMessageFrom } from '../../core/http.js';
import type { Locale, Translate as TranslateOf } from '../../core/i18n.js';
import type { SharedKey } from '../../core/messages.js';
import type { CheckoutStatus } from '../../core/status.js';
import type { LineItem, PaymentOption, Presentation } from '../../core/session.js';
import { formatMoney } from './format.js';
import type { HandOff } from './hosted.js';

/**
 * The views every element shares, as template functions: one look for loading, errors, the
 * choice of method, the QR, the hosted hand-off and the outcome. Everything is rendered as text.
 */
export type Translate = TranslateOf<SharedKey>;

/** How an element speaks: its translator and its locale (for money), handed to every view. */
export interface Formatting {
  t: Translate;
  locale: Locale;
}

const ICON_PATHS: Record<CheckoutStatus, string> = {
  pending: 'M12 7v5l3 2M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18z',
  processing: 'M12 3a9 9 0 1 0 9 9M12 7v5l3 2',
  succeeded: 'M5 12.5l4.5 4.5L19 7.5',
  failed: 'M7 7l10 10M17 7L7 17',
  expired: 'M12 7v5l3 2M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18zM4 4l16 16',
  cancelled: 'M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18zM6 6l12 12',
};

/** A status icon (decorative: the status is always written next to it). */
export function statusIcon(status: CheckoutStatus): SVGTemplateResult {
  return svg`<svg class="icon icon-${status}" part="icon" viewBox="0 0 24 24" aria-hidden="true"
    fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"><path d=${ICON_PATHS[status]}></path></svg>`;
}

/** A spinner and what is loading (by default just "Loading…"). */
export function loadingView({ t }: Formatting, text = t('loading')): TemplateResult {
  return html`<div class="state" part="loading" aria-busy="true">
    <div class="spinner" aria-hidden="true"></div>
    <p>${text}</p>
  </div>`;
}

export function reconnectingNotice({ t }: Formatting, reconnecting: boolean): TemplateResult | typeof nothing {
  return reconnecting ? html`<p class="notice" part="reconnecting">${t('reconnecting')}</p>` : nothing;
}

/** The configuration's or the provider's own words about an error, when there are any. */
export function errorDetail(error: CheckoutError): string | undefined {
  if (error.code === 'config') return error.message;
  return error.code === 'provider_error' ? errorMessageFrom(error.cause) : undefined;
}

/** What stopped the flow, in the customer's words, the provider's or merchant's detail, and a retry. */
export function errorView({ t }: Formatting, error: CheckoutError, onRetry: () => void): TemplateResult {
  const detail = errorDetail(error);
  return html`<div class="state" part="error" role="alert">
    ${statusIcon('failed')}
    <p class="title">${t(`error.${error.code}`)}</p>
    ${detail ? html`<p class="muted" part="error-detail">${detail}</p>` : nothing}
    <button class="primary" part="retry-button" type="button" @click=${onRetry}>${t('retry')}</button>
  </div>`;
}

/**
 * A payment method's name in the customer's language; a provider-specific name (SPEI, USDT) as
 * given. A type has words when the catalog has `method.<TYPE>` (a credit or debit card is a card,
 * a transfer a bank transfer); a translator gives back a key it does not know.
 */
export function optionLabel(t: Translate, option: PaymentOption): string {
  const type = option.type.toUpperCase().replace(/^(CREDIT|DEBIT)_(?=CARD$)/, '').replace(/^TRANSFER$/, 'BANK_TRANSFER');
  const key = `method.${type}` as SharedKey;
  const text = t(key);
  return text === key ? option.label : text;
}

export function optionsView(
  { t, locale }: Formatting,
  options: readonly PaymentOption[],
  kind: 'method' | 'asset',
  onChoose: (id: string) => void,
): TemplateResult {
  return html`<fieldset class="options" part="options">
    <legend>${t(`choose.${kind}`)}</legend>
    ${options.map(
      (option) => html`<button type="button" class="option" part="option" @click=${() => onChoose(option.id)}>
        <span>${optionLabel(t, option)}</span>
        ${option.amount !== undefined && option.currency
          ? html`<span class="muted">${formatMoney(option.amount, option.currency, locale)}</span>`
          : nothing}
      </button>`,
    )}
  </fieldset>`;
}

/**
 * The QR (Pix) or the hosted hand-off (a continue button, and the link as a QR for a phone).
 * `<checkout-qr>` draws the flow's presentation and speaks the element's language through the
 * checkout context, so nothing is passed to it here.
 */
export function presentationView(
  { t }: Formatting,
  presentation: Presentation,
  /** How the hosted page was handed off from the continue action, if it was (a QR needs neither). */
  handOff?: HandOff,
  onContinue?: () => void,
): TemplateResult {
  if (presentation.kind === 'qr') {
    return html`<checkout-qr part="qr" exportparts="qr: qr-code, amount, countdown, code, copy-button, app-link"></checkout-qr>`;
  }
  return html`<div class="hosted" part="hosted">
    <button class="primary" part="continue-button" type="button" @click=${onContinue}>${t('hosted.continue')}</button>
    ${handOff === 'blocked' ? html`<p class="notice" role="alert">${t('hosted.popupBlocked')}</p>` : nothing}
    ${handOff === 'opened' ? html`<p class="muted" role="status">${t('hosted.waiting')}</p>` : nothing}
    <checkout-qr variant="link"></checkout-qr>
  </div>`;
}

export function processingView({ t }: Formatting): TemplateResult {
  return html`<div class="state" part="processing">
    <div class="spinner" aria-hidden="true"></div>
    <p class="title">${t('status.processing')}</p>
    <p class="muted">${t('processing.text')}</p>
  </div>`;
}

/** "Try again" after `failed` or `expired` (a new QR or session); nothing after other outcomes. */
export function tryAgainButton({ t }: Formatting, status: CheckoutStatus | undefined, onTryAgain: () => void): TemplateResult | typeof nothing {
  return status === 'failed' || status === 'expired'
    ? html`<button class="primary" part="try-again-button" type="button" @click=${onTryAgain}>${t('tryAgain')}</button>`
    : nothing;
}

const PHASE_ANNOUNCED: Partial<Record<FlowPhase, SharedKey>> = {
  loading: 'loading',
  ready: 'status.pending',
  processing: 'status.processing',
};

/**
 * What a polite live region says of a flow's step: its status title while loading, waiting,
 * confirming and after the outcome; nothing for the steps each element words itself (errors are
 * announced by the error view, role="alert").
 */
export function phaseAnnouncement(t: Translate, { phase, status }: FlowState): string {
  const key = phase === 'done' && status ? (`status.${status}` as const) : PHASE_ANNOUNCED[phase];
  return key ? t(key) : '';
}

/**
 * A terminal status (or `pending`, a session followed without its QR): icon, title, the sentence
 * under it where the catalog has `outcome.<status>` ("Payment cancelled" says it all: none; a
 * translator gives back a key it does not know), and the actions the caller passes (try again, close).
 */
export function outcomeView({ t }: Formatting, status: CheckoutStatus, actions: TemplateResult | typeof nothing = nothing): TemplateResult {
  const key = `outcome.${status}` as SharedKey;
  const text = t(key);
  return html`<div class="state outcome outcome-${status}" part="outcome">
    ${statusIcon(status)}
    <p class="title">${t(`status.${status}`)}</p>
    ${text !== key ? html`<p class="muted">${text}</p>` : nothing}
    ${actions}
  </div>`;
}

/** The items and total of what is being paid (Conomy sessions, or the merchant's order). */
export function summaryView(
  { t, locale }: Formatting,
  summary: { amount?: number; currency?: string; items?: readonly LineItem[] },
): TemplateResult {
  const { amount, currency, items } = summary;
  return html`<div class="summary" part="summary">
    ${items?.length && currency
      ? html`<ul class="items" part="items" aria-label=${t('items')}>
          ${items.map(
            (item) => html`<li>
              <span>${item.description}${item.quantity > 1 ? html` <span class="muted">× ${item.quantity}</span>` : nothing}</span>
              <span>${formatMoney(item.total ?? item.amount * item.quantity, currency, locale)}</span>
            </li>`,
          )}
        </ul>`
      : nothing}
    ${amount !== undefined && currency
      ? html`<p class="total" part="total"><span>${t('total')}</span> <strong>${formatMoney(amount, currency, locale)}</strong></p>`
      : nothing}
  </div>`;
}
