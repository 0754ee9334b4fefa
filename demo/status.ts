import { isProvider, PROVIDERS, type Provider, type SessionSummary } from './control.js';
import { currentLocale } from './switchers.js';

/**
 * The `<session-status>` demo: it follows the newest session the page started (or one picked in
 * the selects, or with a session's "Follow" button in the panel), live. The element is put in the
 * page only once there is a session to follow: without `session-id` it would report a
 * configuration error, which is right for a merchant's page but not what a visitor should see first.
 */

export interface StatusElements {
  slot: HTMLElement;
  placeholder: HTMLElement;
  provider: HTMLSelectElement;
  sessionId: HTMLSelectElement;
  followNewest: HTMLInputElement;
}

export interface StatusDemo {
  /** The element (not in the page until there is a session). */
  readonly element: HTMLElement;
  /** Follows this session (and stops following the newest). */
  follow(session: Pick<SessionSummary, 'provider' | 'id'>): void;
  /** The sandbox's sessions, newest first. */
  update(sessions: SessionSummary[]): void;
}

export function setUpStatusDemo(ui: StatusElements, tokenUrl: string, onChange: () => void): StatusDemo {
  const element = document.createElement('session-status');
  element.id = 'demo-status';
  element.setAttribute('provider', 'kamipay');
  element.setAttribute('session-id', 'SESSION_ID');
  element.setAttribute('token-url', tokenUrl);
  let sessions: SessionSummary[] = [];

  function show(provider: Provider, id: string): void {
    ui.provider.value = provider;
    fillSessionIds(provider, id);
    if (element.getAttribute('provider') === provider && element.getAttribute('session-id') === id && element.isConnected) return;
    element.setAttribute('provider', provider);
    element.setAttribute('session-id', id);
    if (!element.isConnected) {
      element.setAttribute('locale', currentLocale());
      ui.placeholder.hidden = true;
      ui.slot.append(element);
    }
    onChange();
  }

  /** The provider's sessions as options, keeping the chosen one. */
  function fillSessionIds(provider: Provider, chosen: string | undefined): void {
    const ids = sessions.filter((session) => session.provider === provider).map((session) => session.id);
    if (chosen && !ids.includes(chosen)) ids.unshift(chosen);
    const current = [...ui.sessionId.options].map((option) => option.value);
    // Rebuilt only when the list changed: the select may be open under the visitor's pointer.
    if (current.join('\n') !== ids.join('\n')) {
      ui.sessionId.replaceChildren(...ids.map((id) => new Option(id, id)));
    }
    ui.sessionId.disabled = ids.length === 0;
    if (chosen) ui.sessionId.value = chosen;
  }

  ui.provider.addEventListener('change', () => {
    ui.followNewest.checked = false;
    const provider = isProvider(ui.provider.value) ? ui.provider.value : PROVIDERS[0];
    const newest = sessions.find((session) => session.provider === provider);
    if (newest) show(provider, newest.id);
    else fillSessionIds(provider, undefined);
  });
  ui.sessionId.addEventListener('change', () => {
    ui.followNewest.checked = false;
    if (isProvider(ui.provider.value) && ui.sessionId.value) show(ui.provider.value, ui.sessionId.value);
  });
  ui.followNewest.addEventListener('change', () => {
    if (ui.followNewest.checked && sessions[0]) show(sessions[0].provider, sessions[0].id);
  });

  return {
    element,
    follow(session) {
      ui.followNewest.checked = false;
      show(session.provider, session.id);
    },
    update(list) {
      sessions = list;
      const newest = list[0];
      if (!newest && element.isConnected) {
        // The sandbox was reset: the session followed is gone.
        element.remove();
        ui.placeholder.hidden = false;
        fillSessionIds(isProvider(ui.provider.value) ? ui.provider.value : PROVIDERS[0], undefined);
        return;
      }
      // Until something is shown, the newest session is, whatever the selects say.
      if ((ui.followNewest.checked || !element.isConnected) && newest) show(newest.provider, newest.id);
      else if (isProvider(ui.provider.value)) fillSessionIds(ui.provider.value, element.isConnected ? ui.sessionId.value : undefined);
    },
  };
}
