import { css } from 'lit';

/** A compact inline look by default: it sits in a sentence, a table cell or an admin list row. */
export const sessionStatusStyles = css`
  :host {
    --_icon-size: var(--checkout-status-icon-size, 1.25em);
    display: inline-flex;
    vertical-align: middle;
    max-width: 100%;
  }
  .base {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35em 0.6em;
  }
  .live {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35em;
  }
  .icon,
  .spinner {
    width: var(--_icon-size);
    height: var(--_icon-size);
    flex: none;
  }
  .spinner {
    border-width: 0.15em;
  }
  .label {
    font-weight: 600;
  }
  .error .label {
    color: var(--_danger);
  }
  .reconnecting,
  .detail {
    font-size: 0.9em;
  }
  .reconnecting {
    color: var(--_warning);
  }
  .detail {
    color: var(--_muted);
  }
  button {
    /* Still a comfortable target (WCAG 2.2 asks 24px), without towering over the line it sits in. */
    min-height: 32px;
    padding: 0.3em 0.9em;
  }
`;
