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
  .total {
    border-top: 1px solid var(--_border);
    padding-top: 0.4em;
  }
`;

export const viewStyles = [statusIconStyles, viewLayoutStyles];
