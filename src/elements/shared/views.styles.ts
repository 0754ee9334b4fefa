import { css } from 'lit';

/** The colour of each status icon (`statusIcon()` in views.ts), wherever it is shown. */
export const statusIconStyles = css`
  .icon-succeeded {
    color: var(--_success);
  }
  .icon-failed,
  .icon-cancelled {
    color: var(--_danger);
  }
  .icon-expired,
  .icon-pending,
  .icon-processing {
    color: var(--_warning);
  }
`;

/** Styles of the shared views (views.ts). */
const viewLayoutStyles = css`
  .state {
    display: grid;
    justify-items: center;
    gap: calc(var(--_space) * 0.6);
    text-align: center;
    padding: var(--_space) 0;
  }
  .title {
    font-size: 1.15em;
    font-weight: 700;
    margin: 0;
  }
  .state p {
    margin: 0;
  }
  .icon {
    width: 3em;
    height: 3em;
  }
  .options {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5em;
  }
  .options legend {
    font-weight: 700;
    margin-bottom: 0.5em;
    padding: 0;
  }
  .option {
    justify-content: space-between;
    width: 100%;
  }
  .hosted {
    display: grid;
    gap: var(--_space);
    justify-items: center;
  }
  .summary {
    display: grid;
    gap: 0.4em;
    margin-bottom: var(--_space);
  }
  .summary p {
    margin: 0;
  }
  .items {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.25em;
  }
  .items li,
  .total {
    display: flex;
    justify-content: space-between;
    gap: 1em;
  }
  /* A rule between the items and their total (none under the header when there are no items). */
  .items + .total {
    border-top: 1px solid var(--_border);
    padding-top: 0.4em;
  }
  /* Forms: the modal's customer details, the register display's new register. */
  .details {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .field {
    display: grid;
    gap: 0.3em;
  }
  label {
    font-weight: 600;
  }
  input,
  select {
    font: inherit;
    min-height: 44px;
    padding: 0.4em 0.6em;
    border: 2px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_bg);
    color: var(--_text);
    width: 100%;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error,
  .form-error {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
`;

export const viewStyles = [statusIconStyles, viewLayoutStyles];
