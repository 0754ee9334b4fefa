/**
 * A small React app around the wrappers of `checkout-elements/react`. One source, built twice by
 * scripts/build-framework-apps.mjs: with React 19, and with React 18 (`react`/`react-dom` aliased
 * to `react18`/`react-dom18`, so @lit/react and src/react.ts get React 18 as well).
 */
import { createElement as h, useEffect, useState, version } from 'react';
import { version as domVersion } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { CajaQr, CheckoutButton } from '../../../src/react.js';
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

/** A shop's till: the register display charges each amount the till sets, customer after customer. */
function Till({ options, expose }: { options: Pick<FrameworkAppOptions, 'tokenUrl' | 'onPaid'>; expose(charge: (amount: number) => void): void }) {
  const [amount, setAmount] = useState(1000);
  const [paid, setPaid] = useState(0);
  useEffect(() => expose(setAmount), [expose]);
  return h(
    'main',
    null,
    h(CajaQr, {
      continuous: true,
      storeId: 1,
      checkoutId: 1,
      amount,
      tokenUrl: options.tokenUrl,
      locale: 'en',
      // Its state change re-renders the till: the same amount again, which is no new customer.
      onCheckoutSuccess: (event: CheckoutSuccessEvent) => {
        options.onPaid(event.detail);
        setPaid((count) => count + 1);
      },
    }),
    h('p', { 'data-testid': 'result' }, `Paid ${paid}`),
  );
}

export const mountTill: NonNullable<FrameworkAppModule['mountTill']> = (container, options) => {
  const root = createRoot(container);
  let charge: (amount: number) => void = () => {};
  root.render(h(Till, { options, expose: (setter) => (charge = setter) }));
  return { charge: (amount) => charge(amount), unmount: () => root.unmount() };
};

export const frameworkVersion: string = version;
export const rendererVersion: string = domVersion;

export const mount: FrameworkAppModule['mount'] = (container, options) => {
  const root = createRoot(container);
  root.render(h(CheckoutPage, { options }));
  return () => root.unmount();
};
