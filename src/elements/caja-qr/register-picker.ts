import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { CheckoutError, isAbortError, toCheckoutError } from '../../core/errors.js';
import { errorMessageFrom } from '../../core/http.js';
import type { SharedKey } from '../../core/messages.js';
import { TokenClient } from '../../core/token.js';
import { CheckoutErrorEvent } from '../../events.js';
import {
  createKamipayRegisters,
  type KamipayRegister,
  type KamipayRegisters,
  type KamipayWallet,
} from '../../providers/kamipay.js';
import { errorView } from '../shared/views.js';
import type { CajaQrKey } from './caja-qr.messages.js';

/** `<caja-qr>`'s translator: the shared words and its own. */
export type Translate = (key: SharedKey | CajaQrKey, values?: Record<string, string | number>) => string;

/** What the picker needs from its element. */
export interface RegisterPickerOptions {
  /** The token endpoint and store the register calls go to (the element checked both first). */
  target(): { tokenUrl: string; storeId: number };
  /** False while a charge is on screen: its register cannot change under it. */
  canChange(): boolean;
  /** The operator picked a register (from the list, or the one just created). */
  picked(register: KamipayRegister): void;
  /** The operator's action replaced the view: focus moves to the new one after the next render. */
  viewReplaced(): void;
}

/** What the picker's view depends on; every change re-renders the host. */
interface PickerState {
  registers?: KamipayRegister[];
  registersLoading: boolean;
  listError?: CheckoutError;
  wallets?: KamipayWallet[];
  walletsLoading: boolean;
  walletsError?: CheckoutError;
  draftDescription: string;
  draftWallet?: number;
  descriptionInvalid: boolean;
  creating: boolean;
  createError?: CheckoutError;
  /** The register the operator picked here (its name is shown; it can be changed). */
  picked?: KamipayRegister;
  /** The operator asked to change the register. */
  choosing: boolean;
}

/**
 * `<caja-qr>`'s register picker and "new register" form (`manage`): loads the store's registers
 * and the merchant's wallets, creates a register, and hands the one picked to the element. Every
 * register call is aborted when the element leaves or its store or token endpoint changes.
 */
type PickerHost = ReactiveControllerHost & EventTarget & { readonly renderRoot: ParentNode };

export class RegisterPicker implements ReactiveController {
  /** Aborts the register calls in flight (the element left, or the store or token URL changed). */
  #ops = new AbortController();
  #client?: { key: string; api: KamipayRegisters };
  #state: PickerState = {
    registersLoading: false,
    walletsLoading: false,
    draftDescription: '',
    descriptionInvalid: false,
    creating: false,
    choosing: false,
  };

  readonly #host: PickerHost;
  readonly #options: RegisterPickerOptions;

  constructor(host: PickerHost, options: RegisterPickerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The register the operator picked here, if any. */
  get picked(): KamipayRegister | undefined {
    return this.#state.picked;
  }

  /** The operator asked to change the register in use. */
  get choosing(): boolean {
    return this.#state.choosing;
  }

  hostDisconnected(): void {
    this.#abortCalls();
    this.#patch({ registersLoading: false, walletsLoading: false, creating: false });
  }

  /** Another store or token endpoint: what was loaded belongs to the old one. */
  forget(): void {
    this.#abortCalls();
    this.#client = undefined;
    this.#patch({
      registers: undefined,
      registersLoading: false,
      listError: undefined,
      wallets: undefined,
      walletsLoading: false,
      walletsError: undefined,
      creating: false,
      createError: undefined,
    });
  }

  /** Loads the registers (and, with `manage`, the wallets) unless loaded, loading or failed. */
  loadOnce(manage: boolean): void {
    const { registers, registersLoading, listError } = this.#state;
    if (!registers && !registersLoading && !listError) void this.#loadRegisters();
    if (!manage) return;
    const { wallets, walletsLoading, walletsError } = this.#state;
    if (!wallets && !walletsLoading && !walletsError) void this.#loadWallets();
  }

  pick(register: KamipayRegister): void {
    if (!this.#options.canChange()) return;
    this.#patch({ picked: register, choosing: false });
    this.#options.picked(register);
  }

  /** Back to the picker, with a fresh list: registers may have been added elsewhere since. */
  readonly changeRegister = (): void => {
    if (!this.#options.canChange()) return;
    this.#patch({ choosing: true, registers: undefined, listError: undefined });
    this.#options.viewReplaced();
  };

  /** What the live region says while the picker is shown (errors are alerts of their own). */
  announcement(t: Translate): string {
    if (this.#state.listError) return '';
    return this.#state.registers ? t('caja.pick') : t('caja.loadingRegisters');
  }

  /** The list of registers, the "new register" form with `manage`, and "back" when a register is in use. */
  render(t: Translate, manage: boolean, registerInUse: boolean): TemplateResult {
    const { registers, listError, choosing } = this.#state;
    let list: TemplateResult;
    if (listError) {
      list = errorView(t, listError, this.#onRetryList);
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
          : html`<p class="muted" part="empty">${manage ? t('caja.noRegistersManage') : t('caja.noRegisters')}</p>`}
      </fieldset>`;
    }
    const canGoBack = choosing && registerInUse;
    return html`<div class="picker" part="picker">
      ${list} ${manage && registers ? this.#renderRegisterForm(t) : nothing}
      ${canGoBack ? html`<button type="button" part="back-button" @click=${this.#onBack}>${t('caja.back')}</button>` : nothing}
    </div>`;
  }

  // ---- the register API ----

  /** Applies changes and re-renders the host when any value differs (as Lit's `@state` would). */
  #patch(changes: Partial<PickerState>): void {
    const keys = Object.keys(changes) as (keyof PickerState)[];
    const changed = keys.some((key) => !Object.is(this.#state[key], changes[key]));
    Object.assign(this.#state, changes);
    if (changed) this.#host.requestUpdate();
  }

  #api(): KamipayRegisters {
    const { tokenUrl, storeId } = this.#options.target();
    const url = new URL(tokenUrl, document.baseURI).href;
    const key = `${url}|${storeId}`;
    if (this.#client?.key !== key) {
      const token = new TokenClient({ url, body: { provider: 'kamipay', storeId } });
      this.#client = { key, api: createKamipayRegisters({ token }) };
    }
    return this.#client.api;
  }

  #abortCalls(): void {
    this.#ops.abort(new DOMException('stale', 'AbortError'));
    this.#ops = new AbortController();
  }

  /** A register API error: kept for the view, reported as `checkout-error`; aborts are silent. */
  #failure(error: unknown, signal: AbortSignal): CheckoutError | undefined {
    if (signal.aborted || isAbortError(error)) return undefined;
    const failure = toCheckoutError(error, 'invalid_response');
    this.#host.dispatchEvent(new CheckoutErrorEvent(failure.toDetail()));
    return failure;
  }

  async #loadRegisters(): Promise<void> {
    const signal = this.#ops.signal;
    this.#patch({ registersLoading: true, listError: undefined });
    try {
      const registers = await this.#api().list(this.#options.target().storeId, signal);
      if (signal.aborted) return;
      this.#patch({ registers });
    } catch (error) {
      this.#patch({ listError: this.#failure(error, signal) });
    } finally {
      if (!signal.aborted) this.#patch({ registersLoading: false });
    }
  }

  async #loadWallets(): Promise<void> {
    const signal = this.#ops.signal;
    this.#patch({ walletsLoading: true, walletsError: undefined });
    try {
      const wallets = await this.#api().wallets(signal);
      if (signal.aborted) return;
      this.#patch({ wallets });
    } catch (error) {
      this.#patch({ walletsError: this.#failure(error, signal) });
    } finally {
      if (!signal.aborted) this.#patch({ walletsLoading: false });
    }
  }

  /** The wallet the form would link: the one chosen, else the first. */
  get #selectedWallet(): number | undefined {
    const { wallets = [], draftWallet } = this.#state;
    return wallets.some((wallet) => wallet.wallet_id === draftWallet) ? draftWallet : wallets[0]?.wallet_id;
  }

  // ---- handlers ----

  readonly #onBack = (): void => {
    this.#patch({ choosing: false });
    this.#options.viewReplaced();
  };

  readonly #onRetryList = (): void => {
    this.#patch({ listError: undefined });
    this.#options.viewReplaced();
  };

  readonly #onRetryWallets = (): void => {
    this.#patch({ walletsError: undefined });
  };

  readonly #onDescriptionInput = (event: Event): void => {
    const draftDescription = (event.target as HTMLInputElement).value;
    this.#patch({ draftDescription });
    if (draftDescription.trim()) this.#patch({ descriptionInvalid: false });
  };

  readonly #onWalletChange = (event: Event): void => {
    this.#patch({ draftWallet: Number((event.target as HTMLSelectElement).value) });
  };

  readonly #onCreate = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.#state.creating || !this.#state.wallets?.length) return;
    const description = this.#state.draftDescription.trim();
    if (!description) {
      this.#patch({ descriptionInvalid: true });
      await this.#host.updateComplete;
      this.#host.renderRoot.querySelector<HTMLInputElement>('#register-description')?.focus();
      return;
    }
    const walletId = this.#selectedWallet!;
    const signal = this.#ops.signal;
    this.#patch({ creating: true, createError: undefined });
    try {
      const register = await this.#api().create(this.#options.target().storeId, description, walletId, signal);
      if (signal.aborted) return;
      this.#patch({ registers: [...(this.#state.registers ?? []), register], draftDescription: '', draftWallet: undefined });
      this.pick(register);
    } catch (error) {
      this.#patch({ createError: this.#failure(error, signal) });
    } finally {
      if (!signal.aborted) this.#patch({ creating: false });
    }
  };

  // ---- views ----

  #renderWalletField(t: Translate): TemplateResult {
    const { wallets, walletsError } = this.#state;
    if (walletsError) {
      const detail = walletsError.code === 'provider_error' ? errorMessageFrom(walletsError.cause) : undefined;
      return html`<div class="field" role="alert">
        <p class="form-error">${t('caja.walletsFailed')} ${detail ?? t(`error.${walletsError.code}`)}</p>
        <button type="button" part="retry-button" @click=${this.#onRetryWallets}>${t('retry')}</button>
      </div>`;
    }
    if (!wallets) return html`<p class="muted" aria-busy="true">${t('caja.loadingWallets')}</p>`;
    if (!wallets.length) return html`<p class="muted">${t('caja.noWallets')}</p>`;
    const selected = this.#selectedWallet;
    return html`<div class="field">
      <label for="register-wallet">${t('caja.wallet')}</label>
      <select id="register-wallet" part="wallet-select" required @change=${this.#onWalletChange}>
        ${wallets.map(
          (wallet) => html`<option value=${wallet.wallet_id} ?selected=${wallet.wallet_id === selected}>${wallet.wallet_desc}</option>`,
        )}
      </select>
    </div>`;
  }

  #renderRegisterForm(t: Translate): TemplateResult {
    const { createError: error, draftDescription, descriptionInvalid, creating, wallets } = this.#state;
    const detail = error?.code === 'provider_error' ? errorMessageFrom(error.cause) : undefined;
    return html`<form class="register-form" part="register-form" novalidate aria-labelledby="new-register-title" @submit=${this.#onCreate}>
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
          @input=${this.#onDescriptionInput}
        />
        ${descriptionInvalid
          ? html`<p class="field-error" id="description-error">${t('caja.descriptionRequired')}</p>`
          : nothing}
      </div>
      ${this.#renderWalletField(t)}
      ${error
        ? html`<p class="form-error" part="form-error" role="alert">
            ${t('caja.createFailed')} ${detail ?? (error.code === 'config' ? error.message : t(`error.${error.code}`))}
          </p>`
        : nothing}
      <button class="primary" part="create-button" type="submit" ?disabled=${creating || !wallets?.length}>
        ${creating ? t('caja.creating') : t('caja.create')}
      </button>
    </form>`;
  }
}
