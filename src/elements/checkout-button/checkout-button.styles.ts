import { css } from 'lit';

export const buttonStyles = css`
  :host {
    display: inline-block;
  }
  [part='button'] {
    width: 100%;
  }
`;
