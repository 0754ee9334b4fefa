import { css } from 'lit';

/**
 * A counter display is read from a step or two away: large type, a large QR and amount, high
 * contrast (the base tokens), and big touch targets for the operator.
 */
export const cajaQrStyles = css`
  :host {
    display: block;
    /* Read on the host, so a merchant's --checkout-qr-size on <caja-qr> (or an ancestor) still wins. */
    --_caja-qr-size: var(--checkout-qr-size, min(420px, 80vw));
    font-size: var(--checkout-caja-font-size, 1.25rem);
    line-height: 1.4;
    background: var(--_bg);
    padding: var(--checkout-caja-padding, var(--_space));
    border-radius: var(--_radius);
    text-align: center;
  }
  @media (prefers-color-scheme: dark) {
    /* Its dark surface, told to what is drawn on it (a slotted <session-status>, the form fields). */
    :host {
      color-scheme: dark;
    }
  }
  .panel {
    display: grid;
    gap: var(--_space);
    justify-items: center;
    max-width: var(--checkout-caja-max-width, 40em);
    margin: 0 auto;
  }
  /* Focus is moved here when the operator's action replaces the view; the view itself is the cue. */
  .panel:focus {
    outline: none;
  }
  checkout-qr {
    --checkout-qr-size: var(--_caja-qr-size);
    width: 100%;
  }
  checkout-qr::part(amount) {
    font-size: var(--checkout-caja-amount-size, 2.4em);
    font-weight: 800;
    letter-spacing: 0.01em;
    margin: 0.2em 0;
  }
  checkout-qr::part(countdown) {
    font-size: 1.1em;
    font-weight: 600;
  }
  .register,
  .reference {
    margin: 0;
    font-weight: 600;
  }
  .reference {
    color: var(--_muted);
  }
  .ready .title,
  .outcome .title {
    font-size: 1.6em;
  }
  .last {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    margin: 0;
    font-weight: 600;
  }
  .last .icon {
    width: 1.6em;
    height: 1.6em;
  }
  .state .icon {
    width: 4em;
    height: 4em;
  }
  .picker,
  .register-form {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    width: 100%;
    text-align: start;
  }
  .registers {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5em;
  }
  .registers button {
    width: 100%;
    justify-content: space-between;
    font-size: 1.1em;
  }
  .register-form {
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
  }
`;
