import { html, nothing, type TemplateResult } from 'lit';
import type { CheckoutError } from '../../core/errors.js';
import type { FlowState } from '../../core/flow.js';
import { isValidMinorAmount } from '../../core/money.js';
import type { HandOff } from '../shared/hosted.js';
import type { DetailsForm, ModalFormatting } from './details-form.js';
import {
  errorView,
  loadingView,
  optionsView,
  outcomeView,
  phaseAnnouncement,
  presentationView,
  processingView,
  tryAgainButton,
  type Formatting,
} from '../shared/views.js';

/** What the modal adds to the flow's state: the hosted page it opened, or why it could not; the details form. */
export interface ModalStep {
  handOff?: { url: string; result: HandOff };
  handOffError?: CheckoutError;
  details: DetailsForm;
}

export interface ModalActions {
  choose(optionId: string): void;
  retry(): void;
  tryAgain(): void;
  close(): void;
  continue(): void;
}

/** The dialog's heading (`description`, or a generic "Checkout") and its close button. */
export function modalHeader({ t }: ModalFormatting, description: string | undefined, onClose: () => void): TemplateResult {
  return html`<header class="header" part="header">
    <h2 id="title" class="heading" part="title">${description || t('title')}</h2>
    <button class="close" part="close-button" type="button" aria-label=${t('closeDialog')} @click=${onClose}>
      <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round">
        <path d="M6 6l12 12M18 6L6 18"></path>
      </svg>
    </button>
  </header>`;
}

/** The body of the dialog for the flow's phase. */
export function modalStepView(
  f: ModalFormatting,
  state: FlowState,
  optionKind: 'method' | 'asset',
  { handOff, handOffError, details }: ModalStep,
  actions: ModalActions,
): TemplateResult | typeof nothing {
  if (handOffError) return errorView(f, handOffError, actions.retry);
  switch (state.phase) {
    case 'idle':
    case 'loading':
      return loadingView(f);
    case 'choosing':
      return optionsView(f, state.session?.options ?? [], optionKind, actions.choose);
    case 'details':
      return details.view(f, state);
    case 'ready': {
      const presentation = state.session?.presentation;
      // A session followed without its QR or page (resumed kamiPay charge): just wait for the outcome.
      if (!presentation) return outcomeView(f, 'pending');
      // The hand-off kept is of the page it opened: a new session's page starts without one.
      const result = presentation.kind === 'hosted' && handOff?.url === presentation.url ? handOff.result : undefined;
      return presentationView(f, presentation, result, actions.continue);
    }
    case 'processing':
      return processingView(f);
    case 'done':
      return outcomeView(
        f,
        state.status ?? 'cancelled',
        html`<div class="actions" part="actions">
          ${tryAgainButton(f, state.status, actions.tryAgain)}
          <button part="done-button" type="button" @click=${actions.close}>${f.t('close')}</button>
        </div>`,
      );
    case 'error':
      return state.error ? errorView(f, state.error, actions.retry) : nothing;
  }
}

/** What the polite live region says: the status title of each step (the choice's heading while choosing). */
export function modalAnnouncement({ t }: Formatting, state: FlowState, optionKind: 'method' | 'asset'): string {
  const { phase } = state;
  const words = [
    phase === 'idle' ? t('loading') : phase === 'choosing' ? t(`choose.${optionKind}`) : phaseAnnouncement(t, state),
    state.reconnecting ? t('reconnecting') : '',
  ];
  return words.filter(Boolean).join('. ');
}

/** The total shown: the session's once it exists, the merchant's attributes before. */
export function modalSummary(state: FlowState, attributes: { amount?: number; currency?: string }) {
  const session = state.session;
  const amount = session?.amount ?? attributes.amount;
  // An amount the flow will refuse (12.5, NaN, a string set as the property) shows no total.
  return { amount: isValidMinorAmount(amount) ? amount : undefined, currency: session?.currency ?? attributes.currency, items: session?.items };
}
