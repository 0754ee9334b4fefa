import { css } from 'lit';

/**
 * Design tokens and base rules shared by every element. Each token is a documented CSS custom
 * property with a default; a dark scheme follows `prefers-color-scheme`, and motion stops under
 * `prefers-reduced-motion`. No inline styles anywhere (strict CSP): everything is here.
 */
export const baseStyles = css`
  :host {
    --_font: var(--checkout-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--checkout-color-text, #111827);
    --_muted: var(--checkout-color-muted, #4b5563);
    --_bg: var(--checkout-color-background, #ffffff);
    --_surface: var(--checkout-color-surface, #f3f4f6);
    --_border: var(--checkout-color-border, #d1d5db);
    --_primary: var(--checkout-color-primary, #1d4ed8);
    --_primary-text: var(--checkout-color-primary-text, #ffffff);
    --_success: var(--checkout-color-success, #047857);
    --_danger: var(--checkout-color-danger, #b91c1c);
    --_warning: var(--checkout-color-warning, #92400e);
    --_radius: var(--checkout-radius, 12px);
    --_space: var(--checkout-spacing, 16px);
    --_focus: var(--checkout-color-focus, #2563eb);
    font-family: var(--_font);
    color: var(--_text);
    box-sizing: border-box;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--checkout-color-text, #f9fafb);
      --_muted: var(--checkout-color-muted, #d1d5db);
      --_bg: var(--checkout-color-background, #111827);
      --_surface: var(--checkout-color-surface, #1f2937);
      --_border: var(--checkout-color-border, #4b5563);
      --_primary: var(--checkout-color-primary, #93c5fd);
      --_primary-text: var(--checkout-color-primary-text, #0b1220);
      --_success: var(--checkout-color-success, #6ee7b7);
      --_danger: var(--checkout-color-danger, #fca5a5);
      --_warning: var(--checkout-color-warning, #fcd34d);
      --_focus: var(--checkout-color-focus, #93c5fd);
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  button,
  a.button {
    font: inherit;
    cursor: pointer;
    border-radius: calc(var(--_radius) / 1.5);
    padding: 0.7em 1.2em;
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: 44px;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_primary-text);
    border-color: var(--_primary);
    font-weight: 600;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  /* A row of buttons under a QR or an outcome. */
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    justify-content: center;
  }
  .muted {
    color: var(--_muted);
  }
  .notice {
    padding: 0.6em 0.8em;
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_surface);
    color: var(--_warning);
  }
  .spinner {
    width: 2.5em;
    height: 2.5em;
    border-radius: 50%;
    border: 0.3em solid var(--_border);
    border-top-color: var(--_primary);
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
      border-top-color: var(--_border);
    }
  }
`;
