import { html, nothing, type TemplateResult } from 'lit';
import type { FlowState } from '../../core/flow.js';
import type { CheckoutOrder } from '../../core/order.js';
import type { Register } from '../../core/registers.js';
import type { CheckoutStatus } from '../../core/status.js';
import {
  errorView,
  loadingView,
  outcomeView,
  phaseAnnouncement,
  presentationView,
  processingView,
  reconnectingNotice,
  statusIcon,
  summaryView,
  tryAgainButton,
} from '../shared/views.js';
import type { CajaFormatting, Translate } from './register-picker.js';

/** What the charge views need from `<caja-qr>`. */
export interface ChargeScreen {
  continuous: boolean;
  picked?: Register;
  order?: CheckoutOrder;
  tryAgain(): void;
  changeRegister(): void;
}

/** "Ready for the next charge", with the last outcome (`continuous`) and its "try again". */
export function readyView(f: CajaFormatting, screen: ChargeScreen, last?: CheckoutStatus): TemplateResult {
  const { t } = f;
  return html`<div class="state ready" part="ready">
    ${last
      ? html`<p class="last" part="last-outcome">${statusIcon(last)}<span>${t('caja.lastCharge', { status: t(`status.${last}`) })}</span></p>`
      : nothing}
    <p class="title">${t('caja.ready')}</p>
    <p class="muted">${t('caja.readyText')}</p>
    <div class="actions">
      ${tryAgainButton(f, last, screen.tryAgain)}
      ${screen.picked
        ? html`<button part="change-register-button" type="button" @click=${screen.changeRegister}>${t('caja.changeRegister')}</button>`
        : nothing}
    </div>
  </div>`;
}

/** The register and order the charge is for, above the QR. */
function chargeHeader(f: CajaFormatting, screen: ChargeScreen, currency: string | undefined): TemplateResult {
  const { t } = f;
  const externalId = screen.order?.externalId;
  const items = screen.order?.items;
  return html`
    ${screen.picked ? html`<p class="register" part="register">${t('caja.register', { name: screen.picked.name })}</p>` : nothing}
    ${externalId ? html`<p class="reference" part="reference">${t('caja.reference', { id: externalId })}</p>` : nothing}
    ${items?.length && currency ? summaryView(f, { items, currency }) : nothing}
  `;
}

/** A charge from loading to its outcome. */
export function chargeView(f: CajaFormatting, state: FlowState, screen: ChargeScreen): TemplateResult {
  const { phase, session, status, error, reconnecting } = state;
  if (phase === 'error' && error) return errorView(f, error, screen.tryAgain);
  if (phase === 'done' && status) {
    if (screen.continuous) return readyView(f, screen, status);
    return outcomeView(f, status, tryAgainButton(f, status, screen.tryAgain));
  }
  if (phase === 'processing') return html`${reconnectingNotice(f, reconnecting)} ${processingView(f)}`;
  const presentation = session?.presentation;
  if (phase === 'ready' && presentation?.kind === 'qr') {
    return html`${reconnectingNotice(f, reconnecting)} ${chargeHeader(f, screen, presentation.currency)}
      ${presentationView(f, presentation)}`;
  }
  return loadingView(f);
}

/** What the live region says about a charge, in a few words ("ready" before any; errors are alerts of their own). */
export function chargeAnnouncement(t: Translate, state: FlowState, continuous: boolean): string {
  if (state.phase === 'idle') return t('caja.ready');
  if (state.reconnecting) return t('reconnecting');
  const words = phaseAnnouncement(t, state);
  // With `continuous` the outcome is followed by "ready" at once.
  return words && continuous && state.phase === 'done' ? `${words}. ${t('caja.ready')}` : words;
}
