import { setupWorker } from 'msw/browser';
import { createSandbox } from './sandbox/index.js';

const sandbox = createSandbox(location.origin);
await setupWorker(...sandbox.handlers).start({ quiet: true, onUnhandledRequest: 'bypass' });
// Only now: elements that start on connect (caja-qr) must find the sandbox answering.
await import('../src/define.js');

const conomy = document.querySelector('#conomy') as HTMLElement & { order?: unknown };
conomy.order = {
  items: [
    { description: 'Tacos al pastor', amount: 15000, quantity: 1 },
    { description: 'Agua de horchata', amount: 6000, quantity: 1 },
  ],
};

const provider = document.querySelector<HTMLSelectElement>('#provider')!;
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-action]')) {
  button.addEventListener('click', () => {
    const session = sandbox.state.latest(provider.value as 'kamipay');
    if (!session) return;
    const action = button.dataset.action as 'pay' | 'process' | 'fail' | 'expire';
    sandbox.state[action](session.id);
  });
}

const log = document.querySelector('#log')!;
for (const type of ['checkout-open', 'checkout-close', 'checkout-status', 'checkout-success', 'checkout-failure',
  'checkout-expired', 'checkout-cancel', 'checkout-error'] as const) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent = `${type} ${JSON.stringify({ ...event.detail, raw: undefined })}`;
    log.prepend(item);
  });
}
