import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError, toCheckoutError, type CheckoutError } from '../core/errors.js';
import { registeredRegisters, type Register, type RegisterDirectory, type Wallet } from '../core/registers.js';
import { TokenClient } from '../core/token.js';
import { CheckoutErrorEvent } from '../events.js';

/** What the controller needs from its element. */
export interface RegisterControllerOptions {
  /**
   * The token endpoint and store the register calls go to (the element checked both first, and
   * that the build has a register provider); `forget()` when either changes.
   */
  target(): { tokenUrl: string; storeId: number };
  /** False while a charge is on screen: its register cannot change under it. */
  canChange(): boolean;
  /** The operator picked a register (from the list, or the one just created). */
  picked(register: Register): void;
  /** The operator's action replaced the view: focus moves to the new one after the next render. */
  viewReplaced(): void;
}

/** What the picker's view depends on; every change re-renders the host. */
export interface RegisterState {
  registers?: Register[];
  registersLoading: boolean;
  listError?: CheckoutError;
  wallets?: Wallet[];
  walletsLoading: boolean;
  walletsError?: CheckoutError;
  draftDescription: string;
  draftWallet?: number;
  descriptionInvalid: boolean;
  creating: boolean;
  createError?: CheckoutError;
  /** The register the operator picked here (its name is shown; it can be changed). */
  picked?: Register;
  /** The operator asked to change the register. */
  choosing: boolean;
}

type Host = ReactiveControllerHost & EventTarget & { readonly renderRoot: ParentNode };

/**
 * `<caja-qr>`'s registers: loads the store's registers and the merchant's wallets through the
 * page's register provider, creates a register, and hands the one picked to the element. Every
 * call is aborted when the element leaves or its store or token endpoint changes; a failure is
 * kept for the view and reported as `checkout-error`.
 */
export class RegisterController implements ReactiveController {
  #ops = new AbortController();
  /** The register calls' client, for the store and token endpoint until `forget()`. */
  #client?: RegisterDirectory;
  #state: RegisterState = {
    registersLoading: false,
    walletsLoading: false,
    draftDescription: '',
    descriptionInvalid: false,
    creating: false,
    choosing: false,
  };

  readonly #host: Host;
  readonly #options: RegisterControllerOptions;

  constructor(host: Host, options: RegisterControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get state(): Readonly<RegisterState> {
    return this.#state;
  }

  /** The wallet the form would link: the one chosen, else the first. */
  get selectedWallet(): number | undefined {
    const { wallets = [], draftWallet } = this.#state;
    return wallets.some((wallet) => wallet.id === draftWallet) ? draftWallet : wallets[0]?.id;
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
    const { registers, registersLoading, listError, wallets, walletsLoading, walletsError } = this.#state;
    if (!registers && !registersLoading && !listError) {
      void this.#load('registersLoading', 'listError', (api, signal) => api.list(this.#options.target().storeId, signal), 'registers');
    }
    if (manage && !wallets && !walletsLoading && !walletsError) {
      void this.#load('walletsLoading', 'walletsError', (api, signal) => api.wallets(signal), 'wallets');
    }
  }

  pick(register: Register): void {
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

  readonly back = (): void => {
    this.#patch({ choosing: false });
    this.#options.viewReplaced();
  };

  readonly retryList = (): void => {
    this.#patch({ listError: undefined });
    this.#options.viewReplaced();
  };

  readonly retryWallets = (): void => {
    this.#patch({ walletsError: undefined });
  };

  setDraft(draft: { description?: string; wallet?: number }): void {
    if (draft.wallet !== undefined) this.#patch({ draftWallet: draft.wallet });
    if (draft.description === undefined) return;
    this.#patch({ draftDescription: draft.description });
    if (draft.description.trim()) this.#patch({ descriptionInvalid: false });
  }

  /** Creates the drafted register and picks it; an empty description only marks the field. */
  async create(): Promise<void> {
    if (this.#state.creating || !this.#state.wallets?.length) return;
    const description = this.#state.draftDescription.trim();
    if (!description) {
      this.#patch({ descriptionInvalid: true });
      await this.#host.updateComplete;
      this.#host.renderRoot.querySelector<HTMLInputElement>('#register-description')?.focus();
      return;
    }
    const walletId = this.selectedWallet!;
    const register = await this.#load('creating', 'createError', (api, signal) =>
      api.create(this.#options.target().storeId, description, walletId, signal),
    );
    if (!register) return;
    this.#patch({ registers: [...(this.#state.registers ?? []), register], draftDescription: '', draftWallet: undefined });
    this.pick(register);
  }

  /** Applies changes and re-renders the host when any value differs (as Lit's `@state` would). */
  #patch(changes: Partial<RegisterState>): void {
    const keys = Object.keys(changes) as (keyof RegisterState)[];
    const changed = keys.some((key) => !Object.is(this.#state[key], changes[key]));
    Object.assign(this.#state, changes);
    if (changed) this.#host.requestUpdate();
  }

  #api(): RegisterDirectory {
    if (!this.#client) {
      const { tokenUrl, storeId } = this.#options.target();
      const url = new URL(tokenUrl, document.baseURI).href;
      this.#client = registeredRegisters()!.directory(new TokenClient({ url, body: { provider: 'kamipay', storeId } }));
    }
    return this.#client;
  }

  #abortCalls(): void {
    this.#ops.abort(new DOMException('stale', 'AbortError'));
    this.#ops = new AbortController();
  }

  /** One register call: its busy flag while in flight, its error kept and reported, its result stored under `into`. */
  async #load<T>(
    busy: 'registersLoading' | 'walletsLoading' | 'creating',
    failed: 'listError' | 'walletsError' | 'createError',
    call: (api: RegisterDirectory, signal: AbortSignal) => Promise<T>,
    into?: 'registers' | 'wallets',
  ): Promise<T | undefined> {
    const signal = this.#ops.signal;
    this.#patch({ [busy]: true, [failed]: undefined });
    try {
      const result = await call(this.#api(), signal);
      if (signal.aborted) return undefined;
      if (into) this.#patch({ [into]: result });
      return result;
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return undefined;
      const failure = toCheckoutError(error, 'invalid_response');
      this.#patch({ [failed]: failure });
      this.#host.dispatchEvent(new CheckoutErrorEvent(failure.toDetail()));
      return undefined;
    } finally {
      if (!signal.aborted) this.#patch({ [busy]: false });
    }
  }
}
