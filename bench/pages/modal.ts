// The `<checkout-modal>` the modal benches drive: kamiPay (a Pix QR) over the in-page sandbox.
import type { CheckoutModalElement } from '../../src/elements/checkout-modal/checkout-modal.js';
import type { CheckoutQrElement } from '../../src/elements/checkout-qr/checkout-qr.js';
import { shadowOf } from './support.js';

/** A kamiPay modal (BRL 12.50, register 1 of store 1), connected and rendered, not yet shown. */
export async function mountKamipayModal(tokenUrl: string): Promise<CheckoutModalElement> {
  const modal = document.createElement('checkout-modal');
  const attributes: Record<string, string> = {
    provider: 'kamipay',
    'token-url': tokenUrl,
    amount: '1250',
    currency: 'BRL',
    'store-id': '1',
    'checkout-id': '1',
    locale: 'en',
  };
  for (const [name, value] of Object.entries(attributes)) modal.setAttribute(name, value);
  document.body.append(modal);
  await modal.updateComplete;
  return modal;
}

/**
 * Resolves as soon as the modal's `<checkout-qr>` has rendered its QR `<svg>` into the DOM, with
 * `performance.now()` at that moment. Set it up before `show()`: a MutationObserver (a microtask
 * after the insertion) sees the panel arrive, then the panel's own first update completes.
 */
export function qrInDom(modal: CheckoutModalElement): Promise<{ at: number; qr: CheckoutQrElement }> {
  const root = shadowOf(modal);
  return new Promise((resolve, reject) => {
    let done = false;
    const found = async (qr: CheckoutQrElement) => {
      done = true;
      observer.disconnect();
      await qr.updateComplete;
      const at = performance.now();
      if (!shadowOf(qr).querySelector('svg[part="qr"]')) reject(new Error('bench: <checkout-qr> rendered without its QR'));
      else resolve({ at, qr });
    };
    const look = () => {
      const qr = root.querySelector('checkout-qr');
      if (qr && !done) void found(qr);
    };
    const observer = new MutationObserver(look);
    observer.observe(root, { childList: true, subtree: true });
    look();
  });
}
