import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { taxId, type CustomerDetails, type CustomerField, type CustomerInput } from '../../core/customer.js';
import type { FlowState } from '../../core/flow.js';
import type { Translate } from '../../core/i18n.js';
import type { SharedKey } from '../../core/messages.js';
import { errorDetail, optionLabel, type Formatting } from '../shared/views.js';

/** The modal's formatting: its own words beside the shared ones. */
export type ModalFormatting = Formatting & { t: Translate<CheckoutModalKey | SharedKey> };
import type { CheckoutModalKey } from './checkout-modal.messages.js';

/**
 * How each customer detail is asked: input type, `autocomplete` token (none exists for a CPF or
 * CNPJ) and the native constraint beyond `required`. The check digits of a CPF or CNPJ are the one
 * rule an attribute cannot say: they are set as a custom validity on submit.
 */
const INPUTS: Record<CustomerField, [type: string, autocomplete?: string, pattern?: string]> = {
  name: ['text', 'name'],
  email: ['email', 'email'],
  documentNumber: ['text'],
  phonePrefix: ['tel', 'tel-country-code', '\\+?\\d{1,4}'],
  phone: ['tel', 'tel-national', '[\\d\\s\\(\\)\\-]{8,20}'],
};

interface DetailsParts {
  /** The order's customer: what the form starts with. */
  customer(): CustomerInput | undefined;
  /** Every field is valid: pay with these details. */
  submit(details: CustomerDetails): void;
}

/**
 * The form of the flow's `details` phase: the fields the chosen option asks for (and the one a
 * provider refused), checked by the browser's constraint validation before anything is sent.
 * Errors are written under each field (`aria-describedby`, `aria-invalid`), summed up in an alert,
 * and focus goes to the first invalid field; a provider's refusal is shown the same way.
 */
export class DetailsForm implements ReactiveController {
  /** What the customer typed last, kept across the steps (a refusal brings the form back). */
  #values: CustomerDetails = {};
  #errors = new Map<CustomerField, CheckoutModalKey>();
  #focus = false;
  /** What the form shows now (the refusal, or the option): a new one moves focus into the form. */
  #shown?: unknown;
  readonly #host: ReactiveControllerHost & { renderRoot: ParentNode };
  readonly #parts: DetailsParts;

  constructor(host: ReactiveControllerHost & { renderRoot: ParentNode }, parts: DetailsParts) {
    this.#host = host;
    this.#parts = parts;
    host.addController(this);
  }

  hostUpdated(): void {
    const form = this.#host.renderRoot.querySelector('form[part="details"]');
    if (!form) this.#shown = undefined;
    else if (this.#focus) (form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.querySelector('input'))?.focus();
    this.#focus = false;
  }

  readonly #submit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.#errors.clear();
    for (const input of (event.currentTarget as HTMLFormElement).querySelectorAll('input')) {
      const field = input.name as CustomerField;
      this.#values[field] = input.value = input.value.trim();
      input.setCustomValidity(field === 'documentNumber' && input.value && !taxId(input.value) ? 'CPF/CNPJ' : '');
      if (!input.checkValidity()) this.#errors.set(field, input.validity.valueMissing ? 'details.required' : 'details.invalid');
    }
    this.#focus = true;
    if (this.#errors.size) this.#host.requestUpdate();
    else this.#parts.submit({ ...this.#values });
  };

  view({ t }: ModalFormatting, state: FlowState): TemplateResult {
    const option = state.session?.options?.find((candidate) => candidate.id === state.chosen);
    const { error } = state;
    if (this.#shown !== (error ?? option)) {
      this.#shown = error ?? option;
      this.#focus = true;
      this.#errors.clear();
    }
    const fields = new Set(option?.fields);
    if (error?.field) fields.add(error.field);
    const customer = this.#parts.customer();
    // Conomy's own words when it refused a detail; our words when the order's detail is missing or wrong.
    const alert =
      error?.code === 'provider_error' ? `${t('error.provider_error')} ${errorDetail(error) ?? ''}` : error || this.#errors.size ? t('details.check') : '';
    // Written tight: the script-tag bundle ships html literals as they are.
    return html`<form class="details" part="details" novalidate @submit=${this.#submit}><fieldset class="options">
<legend>${t('details.title', { method: option ? optionLabel(t, option) : '' })}</legend>
${[...fields].map((field) => {
  const [type, autocomplete, pattern] = INPUTS[field];
  const id = `details-${field}`;
  const message = this.#errors.get(field);
  const refused = error?.field === field;
  return html`<div class="field"><label for=${id}>${t(`details.${field}`)}</label>
<input id=${id} name=${field} part="details-input" type=${type} autocomplete=${autocomplete ?? nothing} pattern=${pattern ?? nothing}
required .value=${this.#values[field] ?? customer?.[field] ?? ''} aria-invalid=${message || refused ? 'true' : 'false'}
aria-describedby=${message ? `${id}-error` : refused ? 'details-alert' : nothing}>
${message ? html`<p class="field-error" id="${id}-error">${t(message)}</p>` : nothing}</div>`;
})}</fieldset>
${alert ? html`<p class="form-error" id="details-alert" part="details-error" role="alert">${alert}</p>` : nothing}
<button class="primary" part="details-button" type="submit">${t('hosted.continue')}</button></form>`;
  }
}
