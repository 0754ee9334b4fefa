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
  /* No background of its own: in a dark system its colours follow the page's color-scheme (a page
     that declares none is light), else they would be pale text on a light page. (The border and
     the spinner's dark colours show on either.) */
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--checkout-color-text, light-dark(#111827, #f9fafb));
      --_muted: var(--checkout-color-muted, light-dark(#4b5563, #d1d5db));
      --_surface: var(--checkout-color-surface, light-dark(#f3f4f6, #1f2937));
      --_success: var(--checkout-color-success, light-dark(#047857, #6ee7b7));
      --_danger: var(--checkout-color-danger, light-dark(#b91c1c, #fca5a5));
      --_warning: var(--checkout-color-warning, light-dark(#92400e, #fcd34d));
      --_focus: var(--checkout-color-focus, light-dark(#2563eb, #93c5fd));
    }
  }
  button {
    /* Still a comfortable target (WCAG 2.2 asks 24px), without towering over the line it sits in. */
    min-height: 32px;
    padding: 0.3em 0.9em;
  }
`;
