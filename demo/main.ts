import { toMinor, type CheckoutOrder } from '../src/index.js';
import { setUpEventLog } from './event-log.js';
import { setUpPanel } from './panel.js';
import { logServerConfirmations } from './server-confirm.js';
import { snippetText, type SnippetSource } from './snippets.js';
import { setUpStatusDemo } from './status.js';
import { setUpSwitchers } from './switchers.js';

/**
 * The demo page: the library's elements against the demo server's sandbox (demo/server/), the
 * sandbox control panel, the event log, and the locale and theme switchers. Plain DOM code.
 * `/?panel` is the control panel alone, for a window of its own beside a checkout's dialog.
 */

const TOKEN_URL = '/api/checkout-token';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`demo: #${id} is missing`);
  return element as T;
}

const panelElements = () => ({
  panel: byId('sandbox-panel'),
  provider: byId<HTMLSelectElement>('sandbox-provider'),
  reset: byId<HTMLButtonElement>('sandbox-reset'),
  sessions: byId<HTMLUListElement>('sandbox-sessions'),
  message: byId('sandbox-message'),
  conomyDocument: byId<HTMLInputElement>('sandbox-conomy-document'),
});

function setUpDemoPage(): void {
  const status = setUpStatusDemo(
    {
      slot: byId('status-slot'),
      placeholder: byId('status-placeholder'),
      provider: byId('status-provider'),
      sessionId: byId('status-session-id'),
      followNewest: byId('status-follow-newest'),
    },
    TOKEN_URL,
    () => writeSnippets(),
  );
  const snippets = snippetSources(status.element);
  function writeSnippets(): void {
    for (const [id, source] of Object.entries(snippets)) byId(id).textContent = snippetText(source());
  }

  for (const [id, order] of Object.entries(ORDERS)) byId<DemoElement>(id).order = order;
  setUpTill();
  setUpSwitchers(byId('locale'), byId('theme'), writeSnippets);
  logServerConfirmations(setUpEventLog(byId('event-log'), byId('event-log-clear'), byId('event-log-empty')), '/api/confirm');

  const panel = setUpPanel(panelElements(), (session) => status.follow(session));
  panel.onSessions((sessions) => status.update(sessions));
  // A new session shows in the panel and in <session-status> at once, not at the next poll.
  document.addEventListener('checkout-status', () => void panel.refresh());

  byId<HTMLAnchorElement>('sandbox-popout').addEventListener('click', (event) => {
    if (window.open('/?panel', 'sandbox-panel', 'popup,width=460,height=820')) event.preventDefault();
  });
  showConomyReturn();
}

type DemoElement = HTMLElement & { order?: CheckoutOrder; amount?: number };

/** The `order` each demo sets: what the merchant's page knows about the purchase. */
const ORDERS: Record<string, CheckoutOrder> = {
  'demo-kaipay': {
    customer: { name: 'Ana García', email: 'ana@example.com' },
    country: 'MX',
  },
  'demo-conomy': {
    customer: { name: 'João Silva', email: 'joao@example.com' },
    items: [
      { description: 'Feijoada para dois', amount: 15000, quantity: 1 },
      { description: 'Guaraná 2 L', amount: 3000, quantity: 2 },
    ],
  },
  'demo-wewire': {
    customer: { name: 'Sam Lee', email: 'sam@example.com' },
    product: { id: 'tee-01', name: 'T-shirt', description: 'Organic cotton T-shirt, size M' },
  },
};

/** Counter mode: the till sets the amount for each customer (typed in reais, set in centavos). */
function setUpTill(): void {
  const display = byId<DemoElement>('demo-caja-continuous');
  byId<HTMLFormElement>('caja-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const minor = toMinor(byId<HTMLInputElement>('caja-amount').value, 'BRL');
    if (minor && minor > 0) display.amount = minor;
  });
}

const LISTEN = `el.addEventListener('checkout-success', (event) => {
  // Thank the customer. Fulfil the order on your server,
  // from the provider's webhook or API.
});`;

/** Each demo's snippet, from the element as it is now. */
function snippetSources(statusElement: HTMLElement): Record<string, () => SnippetSource> {
  const button = (id: string, extra: Partial<SnippetSource> = {}) => () => ({
    element: byId(id),
    selector: 'checkout-button',
    ...(ORDERS[id] ? { order: ORDERS[id] } : {}),
    ...extra,
  });
  return {
    'snippet-kamipay': button('demo-kamipay', { script: LISTEN }),
    'snippet-kaipay': button('demo-kaipay'),
    'snippet-conomy': button('demo-conomy'),
    'snippet-wewire': button('demo-wewire'),
    'snippet-caja': () => ({ element: byId('demo-caja'), selector: 'caja-qr' }),
    'snippet-caja-continuous': () => ({
      element: byId('demo-caja-continuous'),
      selector: 'caja-qr',
      script: '// For each customer, set the amount (minor units): a new charge starts.\nel.amount = 1250;',
    }),
    'snippet-status': () => ({ element: statusElement, selector: 'session-status', script: LISTEN }),
  };
}

/** Conomy's hosted page sends the customer back here (the success or failed URL of its session). */
function showConomyReturn(): void {
  const outcome = new URLSearchParams(location.search).get('conomy');
  if (!outcome) return;
  const notice = byId('conomy-return');
  notice.textContent = `Back from Conomy's hosted page (${outcome}). The checkout follows the session's status by polling; this window can be closed.`;
  notice.hidden = false;
}

if (new URLSearchParams(location.search).has('panel')) {
  document.documentElement.classList.add('panel-window');
  document.title = 'Sandbox controls — checkout-elements demo';
  // The panel becomes the page's main content; the demos and the log stay in the other window.
  document.querySelector('main')!.replaceChildren(byId('sandbox-panel'));
  document.querySelector('aside')!.remove();
  setUpPanel(panelElements());
} else {
  await import('../src/define.js');
  setUpDemoPage();
}
