import { css } from 'lit';

export const qrStyles = css`
  :host {
    display: block;
    text-align: center;
  }
  figure {
    margin: 0;
    display: grid;
    justify-items: center;
    gap: calc(var(--_space) * 0.75);
  }
  svg {
    /* QR codes are read dark-on-light by every scanner: keep it so in dark mode too. */
    width: var(--checkout-qr-size, min(260px, 70vw));
    height: auto;
    display: block;
    border-radius: calc(var(--_radius) / 2);
    background: #fff;
  }
  .amount {
    font-size: 1.6em;
    font-weight: 700;
  }
  .countdown {
    font-variant-numeric: tabular-nums;
  }
  .countdown.urgent {
    color: var(--_danger);
    font-weight: 600;
  }
  .code {
    width: 100%;
    max-width: 26em;
    font: 0.8em/1.4 ui-monospace, SFMono-Regular, Menlo, monospace;
    padding: 0.5em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_text);
    resize: none;
    word-break: break-all;
  }
`;
