import {
  ACTIONS,
  act,
  conomyPixRequiresDocument,
  injectFault,
  isProvider,
  listSessions,
  resetSandbox,
  type Action,
  type FaultRequest,
  type Provider,
  type SessionSummary,
} from './control.js';

/**
 * The sandbox control panel: plays the customer's part on the newest session of a provider (pay,
 * fail, processing, expire, cancel), injects faults into that provider's next requests, and lists
 * the sandbox's sessions live, so every state and error message can be seen before going live.
 */

/** Sessions are listed again this often while the page is visible. */
const SESSIONS_POLL_MS = 2000;
/** Rows shown in the list; older sessions are counted. */
const MAX_ROWS = 5;

type FaultName = '503' | '429' | 'slow' | 'malformed' | 'offline';

/**
 * Faults hit the provider calls the checkout makes (from the page, or through the merchant's
 * proxy), not the token endpoint's own calls (kamiPay and Conomy logins, Conomy's session create)
 * nor the hosted pages: the point is to see how the elements take a provider's trouble.
 */
const CHECKOUT_CALLS: Record<Provider, string> = {
  kamipay: '^/v2/',
  kaipay: '^/client-session',
  conomy: '^/(checkout-sessions|payment-links)/',
  wewire: '^/api/',
};

/** What each fault button asks for, and how the panel says it. */
const FAULTS: Record<FaultName, { request: Omit<FaultRequest, 'provider'>; says: string }> = {
  '503': { request: { status: 503, times: 2 }, says: 'the next 2 requests answer 503 Service Unavailable' },
  '429': { request: { status: 429, retryAfter: 3, times: 1 }, says: 'the next request answers 429 with Retry-After: 3' },
  slow: { request: { delayMs: 3000, times: 1 }, says: 'the next request takes 3 seconds' },
  malformed: { request: { body: 'malformed-json', times: 1 }, says: 'the next request answers with malformed JSON' },
  offline: { request: { offline: true, times: 3 }, says: 'the next 3 requests lose the connection' },
};

/** Alt+Shift+key: the panel's buttons, also from inside a checkout's dialog (see below). */
const ACTION_KEYS: Partial<Record<string, Action>> = { KeyP: 'pay', KeyR: 'process', KeyF: 'fail', KeyE: 'expire', KeyC: 'cancel' };
const FAULT_KEYS: Partial<Record<string, FaultName>> = { Digit1: '503', Digit2: '429', Digit3: 'slow', Digit4: 'malformed', Digit5: 'offline' };

const ACTION_WORDS: Record<Action, string> = {
  pay: 'the customer paid',
  process: 'the payment is processing',
  fail: 'the payment failed',
  expire: 'the session expired',
  cancel: 'the session was cancelled',
};

/** Actions the checkout cannot hear from the provider, as the real one does not report them. */
const UNHEARD: Partial<Record<Provider, Partial<Record<Action, string>>>> = {
  kamipay: {
    expire: 'kamiPay reports no expiry: the checkout ends the QR at its own deadline.',
    cancel: 'kamiPay reports a cancelled charge as not found: the checkout waits until the QR\'s deadline.',
  },
};
const KAIPAY_UNHEARD = 'KaiPay has no status API: the checkout hears only its hosted page (pay or fail there).';

export interface PanelElements {
  provider: HTMLSelectElement;
  panel: HTMLElement;
  reset: HTMLButtonElement;
  sessions: HTMLUListElement;
  message: HTMLElement;
  /** "Pix requires the payer's CPF or CNPJ": Conomy's next sessions ask for the document. */
  conomyDocument: HTMLInputElement;
}

export interface Panel {
  /** Lists the sessions now (e.g. after a checkout started one). */
  refresh(): Promise<void>;
  /** Called with the sessions (newest first) each time they are listed. */
  onSessions(listener: (sessions: SessionSummary[]) => void): void;
}

export function setUpPanel(ui: PanelElements, onFollow?: (session: SessionSummary) => void): Panel {
  const listeners: ((sessions: SessionSummary[]) => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const say = (text: string, tone: 'ok' | 'error' = 'ok') => {
    ui.message.textContent = text;
    ui.message.dataset.tone = tone;
  };
  const selected = (): Provider => (isProvider(ui.provider.value) ? ui.provider.value : 'kamipay');

  async function refresh(): Promise<void> {
    try {
      const sessions = await listSessions();
      renderSessions(ui.sessions, sessions, onFollow);
      for (const listener of listeners) listener(sessions);
    } catch {
      // The next poll tries again; the list keeps what it showed.
    }
  }

  /** A chain of timeouts, paused while the page is hidden. */
  function schedule(): void {
    clearTimeout(timer);
    if (document.visibilityState !== 'visible') return;
    timer = setTimeout(() => void refresh().finally(schedule), SESSIONS_POLL_MS);
  }

  async function run(task: () => Promise<string>): Promise<void> {
    try {
      say(await task());
    } catch (error) {
      say(error instanceof Error ? error.message : String(error), 'error');
    }
    await refresh();
  }

  const actOn = (action: Action) =>
    run(async () => {
      const provider = selected();
      const session = await act(provider, action);
      const unheard = provider === 'kaipay' ? KAIPAY_UNHEARD : UNHEARD[provider]?.[action];
      return `${provider} ${session.id}: ${ACTION_WORDS[action]}.${unheard ? ` ${unheard}` : ''}`;
    });

  const inject = (fault: FaultName) =>
    run(async () => {
      const provider = selected();
      const { pending } = await injectFault({ provider, pathPattern: CHECKOUT_CALLS[provider], ...FAULTS[fault].request });
      return `${provider}: ${FAULTS[fault].says}${pending > 1 ? ` (${pending} faults queued)` : ''}.`;
    });

  const requireDocument = (required?: boolean) =>
    run(async () => {
      ui.conomyDocument.checked = await conomyPixRequiresDocument(required);
      const which = ui.conomyDocument.checked ? 'requires' : 'does not require';
      return `conomy: Pix in the next sessions ${which} the payer's document (requiredFields); the modal asks for what the order lacks.`;
    });
  ui.conomyDocument.addEventListener('change', () => void requireDocument(ui.conomyDocument.checked));
  // What the sandbox says now (another window may have set it).
  void conomyPixRequiresDocument().then((required) => (ui.conomyDocument.checked = required), () => undefined);

  ui.panel.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('button');
    if (!button) return;
    const action = button.dataset.action as Action | undefined;
    const fault = button.dataset.fault as FaultName | undefined;
    if (action && ACTIONS.includes(action)) {
      void actOn(action);
    } else if (fault && fault in FAULTS) {
      void inject(fault);
    } else if (button === ui.reset) {
      void run(async () => {
        await resetSandbox();
        ui.conomyDocument.checked = false;
        return 'Sandbox reset: no sessions, no faults, no extra requiredFields.';
      });
    }
  });

  // A checkout's modal dialog makes the rest of the page inert, this panel too: the panel follows
  // the provider of the checkout that opened, and its actions answer to keys from inside the dialog.
  document.addEventListener('checkout-open', (event) => {
    if (isProvider(event.detail.provider)) ui.provider.value = event.detail.provider;
  });
  document.addEventListener('keydown', (event) => {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    const action = ACTION_KEYS[event.code];
    const fault = FAULT_KEYS[event.code];
    if (action) void actOn(action);
    else if (fault) void inject(fault);
    else return;
    event.preventDefault();
  });

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refresh();
    schedule();
  });
  void refresh().finally(schedule);

  return {
    refresh,
    onSessions: (listener) => void listeners.push(listener),
  };
}

function renderSessions(list: HTMLUListElement, sessions: SessionSummary[], onFollow?: (session: SessionSummary) => void): void {
  // Rebuilt only when something changed, and focus kept on the same row's button: the list is polled.
  const signature = JSON.stringify(sessions.map(({ id, outcome }) => [id, outcome]));
  if (list.dataset.signature === signature) return;
  list.dataset.signature = signature;
  const focused = list.contains(document.activeElement) ? document.activeElement?.closest<HTMLElement>('[data-id]')?.dataset.id : undefined;
  const rows = sessions.slice(0, MAX_ROWS).map((session) => sessionRow(session, onFollow));
  if (!sessions.length) rows.push(note('No sessions yet: start a payment.'));
  if (sessions.length > MAX_ROWS) rows.push(note(`…and ${sessions.length - MAX_ROWS} older.`));
  list.replaceChildren(...rows);
  if (focused) list.querySelector<HTMLElement>(`[data-id="${CSS.escape(focused)}"] button`)?.focus();
}

function sessionRow(session: SessionSummary, onFollow?: (session: SessionSummary) => void): HTMLLIElement {
  const row = document.createElement('li');
  row.className = 'session';
  row.dataset.id = session.id;
  row.dataset.provider = session.provider;
  row.dataset.outcome = session.outcome;

  const provider = span('session-provider', session.provider);
  const id = document.createElement('code');
  id.className = 'session-id';
  id.textContent = session.id;
  const outcome = span(`session-outcome badge ${session.outcome}`, session.outcome);

  row.append(provider, outcome, id);
  if (onFollow) {
    const follow = document.createElement('button');
    follow.type = 'button';
    follow.className = 'small';
    follow.textContent = 'Follow';
    follow.setAttribute('aria-label', `Follow ${session.provider} session ${session.id} in session-status`);
    follow.addEventListener('click', () => onFollow(session));
    row.append(follow);
  }
  return row;
}

function span(className: string, text: string): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

function note(text: string): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'session-note';
  item.textContent = text;
  return item;
}
