import { html, nothing, type TemplateResult } from 'lit';
import type { RegisterController } from '../../controllers/register-controller.js';
import type { CheckoutError } from '../../core/errors.js';
import type { Locale, Translate as TranslateOf } from '../../core/i18n.js';
import type { SharedKey } from '../../core/messages.js';
import { errorDetail, errorView, loadingView } from '../shared/views.js';
import type { CajaQrKey } from './caja-qr.messages.js';

/** `<caja-qr>`'s translator: the shared words and its own. */
export type Translate = TranslateOf<SharedKey | CajaQrKey>;

/** `<caja-qr>`'s formatting (its translator knows its own words too). */
export interface CajaFormatting {
  t: Translate;
  locale: Locale;
}

/** What the live region says while the picker is shown (errors are alerts of their own). */
export function pickerAnnouncement(t: Translate, registers: RegisterController): string {
  if (registers.state.listError) return '';
  return t(registers.state.registers ? 'caja.pick' : 'caja.loadingRegisters');
}

/** The list of registers, the "new register" form with `manage`, and "back" when a register is in use. */
export function registerPickerView(f: CajaFormatting, registers: RegisterController, manage: boolean, registerInUse: boolean): TemplateResult {
  const { t } = f;
  const { registers: list, listError, choosing } = registers.state;
  let shown: TemplateResult;
  if (listError) {
    shown = errorView(f, listError, registers.retryList);
  } else if (!list) {
    shown = loadingView(f, t('caja.loadingRegisters'));
  } else {
    shown = html`<fieldset class="options" part="registers">
      <legend>${t('caja.pick')}</legend>
      ${list.length
        ? html`<ul class="registers" role="list">
            ${list.map(
              (register) => html`<li>
                <button type="button" part="register-option" @click=${() => registers.pick(register)}>
                  <span>${register.name}</span>
                  <span class="muted">${t('caja.registerId', { id: register.id })}</span>
                </button>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted" part="empty">${t('caja.noRegisters')}${manage ? ` ${t('caja.createFirst')}` : ''}</p>`}
    </fieldset>`;
  }
  return html`<div class="picker" part="picker">
    ${shown} ${manage && list ? registerFormView(t, registers) : nothing}
    ${choosing && registerInUse ? html`<button type="button" part="back-button" @click=${registers.back}>${t('caja.back')}</button>` : nothing}
  </div>`;
}

/** The provider's own words for a failed call, else ours for its code. */
function failureWords(t: Translate, error: CheckoutError): string {
  return errorDetail(error) ?? t(`error.${error.code}`);
}

function walletFieldView(t: Translate, registers: RegisterController): TemplateResult {
  const { wallets, walletsError } = registers.state;
  if (walletsError) {
    return html`<div class="field" role="alert">
      <p class="form-error">${t('caja.walletsFailed')} ${failureWords(t, walletsError)}</p>
      <button type="button" part="retry-button" @click=${registers.retryWallets}>${t('retry')}</button>
    </div>`;
  }
  if (!wallets) return html`<p class="muted" aria-busy="true">${t('caja.loadingWallets')}</p>`;
  if (!wallets.length) return html`<p class="muted">${t('caja.noWallets')}</p>`;
  const selected = registers.selectedWallet;
  return html`<div class="field">
    <label for="register-wallet">${t('caja.wallet')}</label>
    <select
      id="register-wallet"
      part="wallet-select"
      required
      @change=${(event: Event) => registers.setDraft({ wallet: Number((event.target as HTMLSelectElement).value) })}
    >
      ${wallets.map((wallet) => html`<option value=${wallet.id} ?selected=${wallet.id === selected}>${wallet.name}</option>`)}
    </select>
  </div>`;
}

function registerFormView(t: Translate, registers: RegisterController): TemplateResult {
  const { createError: error, draftDescription, descriptionInvalid, creating, wallets } = registers.state;
  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void registers.create();
  };
  return html`<form class="register-form" part="register-form" novalidate aria-labelledby="new-register-title" @submit=${onSubmit}>
    <p class="title" id="new-register-title">${t('caja.newRegister')}</p>
    <div class="field">
      <label for="register-description">${t('caja.description')}</label>
      <input
        id="register-description"
        part="description-input"
        name="description"
        autocomplete="off"
        required
        .value=${draftDescription}
        aria-invalid=${descriptionInvalid ? 'true' : 'false'}
        aria-describedby=${descriptionInvalid ? 'description-error' : nothing}
        @input=${(event: Event) => registers.setDraft({ description: (event.target as HTMLInputElement).value })}
      />
      ${descriptionInvalid ? html`<p class="field-error" id="description-error">${t('caja.descriptionRequired')}</p>` : nothing}
    </div>
    ${walletFieldView(t, registers)}
    ${error ? html`<p class="form-error" part="form-error" role="alert">${t('caja.createFailed')} ${failureWords(t, error)}</p>` : nothing}
    <button class="primary" part="create-button" type="submit" ?disabled=${creating || !wallets?.length}>
      ${t(creating ? 'caja.creating' : 'caja.create')}
    </button>
  </form>`;
}
