import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The focused element, looking into shadow roots (a button inside `<checkout-button>`). */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode };

/**
 * A native modal `<dialog>` in the host's shadow root: shown with `showModal()` once it is
 * rendered (the page goes inert), focus kept inside across steps (on its `.body` when a step
 * replaced the focused control), and given back on close to what had it before opening — also
 * when that was inside another shadow root.
 */
export class DialogController implements ReactiveController {
  /** True from `open()` until `close()`: set at once, before the dialog itself is shown. */
  #shown = false;
  #returnFocusTo: HTMLElement | null = null;
  /** Shown when the host left the DOM, this task. */
  #moving = false;
  /** The step shown last, to notice when the view changes under the keyboard user. */
  #shownStep?: string;
  readonly #host: Host;
  /** Escape or a browser close request: the host closes its own way (cancel, event, focus). */
  readonly #closeRequested: () => void;

  constructor(host: Host, closeRequested: () => void) {
    this.#host = host;
    this.#closeRequested = closeRequested;
    host.addController(this);
  }

  get shown(): boolean {
    return this.#shown;
  }

  open(): void {
    this.#shown = true;
    this.#returnFocusTo = deepActiveElement();
    this.#showModal();
  }

  close(): void {
    this.#shown = false;
    // close() on a dialog that is not open does nothing.
    this.#dialog()?.close();
    this.#restoreFocus();
  }

  /** The dialog's `cancel` (Escape): closed the host's way rather than the browser's. */
  readonly onCancel = (event: Event): void => {
    event.preventDefault();
    this.#closeRequested();
  };

  /**
   * The dialog's `close`: closed by something other than us (a request we did not see as
   * `cancel`). The event comes a task late: a dialog shown again since then stays open.
   */
  readonly onClose = (): void => {
    if (this.#shown && !this.#dialog()?.open) this.#closeRequested();
  };

  /**
   * Leaving the DOM takes the dialog out of the top layer: it is closed, with nothing to restore.
   * Moved (back within the task), it is shown as a modal again.
   */
  hostDisconnected(): void {
    this.#moving = this.#shown;
    this.#shown = false;
    queueMicrotask(() => (this.#moving = false));
  }

  hostConnected(): void {
    if (!this.#moving) return;
    this.#moving = false;
    this.#shown = true;
    // Still `open`, but no longer modal: closed first, as showModal() needs.
    this.#dialog()?.close();
    this.#showModal();
  }

  hostUpdated(): void {
    this.#showModal();
  }

  /**
   * A step replaced the control that had focus (the option chosen, the retry pressed): keep the
   * keyboard user in the dialog, at the start of the new step, rather than on the inert page.
   */
  keepFocusInside(step: string): void {
    if (step === this.#shownStep) return;
    this.#shownStep = step;
    if (this.#shown && this.#dialog()?.open && !deepActiveElement()) this.#host.renderRoot.querySelector<HTMLElement>('.body')?.focus();
  }

  #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  #showModal(): void {
    const dialog = this.#dialog();
    if (this.#shown && dialog && !dialog.open && this.#host.isConnected) dialog.showModal();
  }

  #restoreFocus(): void {
    const target = this.#returnFocusTo;
    this.#returnFocusTo = null;
    // The dialog restores focus itself; this covers an opener inside another shadow root.
    if (target?.isConnected && deepActiveElement() !== target) target.focus();
  }
}
