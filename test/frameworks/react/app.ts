/**
 * A small React app around the wrappers of `checkout-elements/react`. One source, built twice by
 * scripts/build-framework-apps.mjs: with React 19, and with React 18 (`react`/`react-dom` aliased
 * to `react18`/`react-dom18`, so @lit/react and src/react.ts get React 18 as well).
 */
import { createElement as h, useState, version } from 'react';
import { version as domVersion } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { CheckoutButton } from '../../../src/react.js';
import type { CheckoutErrorEvent, CheckoutSuccessEvent } from '../../../src/events.js';
import { paidText, type FrameworkAppOptions, type FrameworkAppModule } from '../app-contract.js';

function CheckoutPage({ options }: { options: FrameworkAppOptions }) {
  const [result, setResult] = useState('Not paid yet');
  // A new handler on every render on purpose: the wrapper must swap it, never add a second listener.
  const onCheckoutSuccess = (event: CheckoutSuccessEvent) => {
    options.onPaid(event.detail);
    setResult(paidText(event.detail));
  };
  const onCheckoutError = (event: CheckoutErrorEvent) => setResult(`Error ${event.detail.code}`);
  return h(
    'main',
    null,
    h(
      CheckoutButton,
      {
        provider: 'kamipay',
        tokenUrl: options.tokenUrl,
        amount: 1250,
        currency: 'BRL',
        storeId: 1,
        checkoutId: 1,
        locale: 'en',
        description: 'React order',
        order: options.order,
        onCheckoutSuccess,
        onCheckoutError,
      },
      'Pay with Pix',
    ),
    h('p', { 'data-testid': 'result' }, result),
  );
}

export const frameworkVersion: string = version;
export const rendererVersion: string = domVersion;

export const mount: FrameworkAppModule['mount'] = (container, options) => {
  const root = createRoot(container);
  root.render(h(CheckoutPage, { options }));
  return () => root.unmount();
};
