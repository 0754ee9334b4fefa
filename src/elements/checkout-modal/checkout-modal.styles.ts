import { css } from 'lit';

export const modalStyles = css`
  :host {
    /* The element itself takes no room: the dialog lives in the top layer. */
    display: contents;
  }
  dialog {
    width: min(var(--checkout-modal-width, 28rem), calc(100vw - 2rem));
    max-height: calc(100dvh - 2rem);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font-family: var(--_font);
    box-shadow: 0 1.25rem 3rem rgb(0 0 0 / 0.3);
    overflow: auto;
  }
  @media (prefers-color-scheme: dark) {
    /* Its dark surface, told to what is drawn on it (a slotted <session-status>, the form fields). */
    dialog {
      color-scheme: dark;
    }
  }
  dialog::backdrop {
    background: var(--checkout-modal-backdrop, rgb(17 24 39 / 0.6));
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) / 2);
    padding-left: var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  .heading {
    margin: 0;
    font-size: 1.1em;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .close {
    flex: none;
    min-width: 44px;
    padding: 0;
    border-color: transparent;
    background: transparent;
  }
  .close svg {
    width: 1.25em;
    height: 1.25em;
  }
  .body {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
  }
  .body:focus {
    /* Focused only to keep the keyboard in the dialog between steps; its controls show focus. */
    outline: none;
  }
  .body .summary {
    margin-bottom: 0;
  }
  @media (prefers-reduced-motion: no-preference) {
    dialog[open] {
      animation: checkout-modal-in 160ms ease-out;
    }
  }
  @keyframes checkout-modal-in {
    /* Movement only: fading would leave text at low contrast while it runs. */
    from {
      transform: translateY(0.5rem);
    }
  }
`;
