/**
 * The event log: every `checkout-*` event the page's elements dispatch, newest first, with the
 * element it came from and its detail (the provider's `raw` payload left out: it is long and the
 * merchant's code should not need it).
 */

export const CHECKOUT_EVENTS = [
  'checkout-open',
  'checkout-close',
  'checkout-status',
  'checkout-success',
  'checkout-failure',
  'checkout-expired',
  'checkout-cancel',
  'checkout-error',
] as const;

/** Older entries are dropped past this many: the page can stay open all day. */
const MAX_ENTRIES = 200;

const timeFormat = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** Adds an entry that is not a DOM event (what the demo's server confirmed). */
export type LogEntry = (type: string, source: string, detail: object, tone: string) => void;

export function setUpEventLog(list: HTMLOListElement, clear: HTMLButtonElement, empty: HTMLElement): LogEntry {
  const showEmpty = () => {
    empty.hidden = list.childElementCount > 0;
  };
  const add: LogEntry = (type, source, detail, tone) => {
    list.prepend(entry(type, source, detail, tone));
    while (list.childElementCount > MAX_ENTRIES) list.lastElementChild!.remove();
    showEmpty();
  };
  for (const type of CHECKOUT_EVENTS) {
    document.addEventListener(type, (event) => {
      const target = event.target;
      add(type, `#${target instanceof Element && target.id ? target.id : '?'}`, event.detail, eventTone(type));
    });
  }
  clear.addEventListener('click', () => {
    list.replaceChildren();
    showEmpty();
  });
  showEmpty();
  return add;
}

function entry(type: string, from: string, detail: object, tone: string): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.type = type;
  item.className = `event ${tone}`;

  const head = document.createElement('div');
  head.className = 'event-head';
  const name = document.createElement('strong');
  name.className = 'event-type';
  name.textContent = type;
  const source = document.createElement('span');
  source.className = 'event-source';
  source.textContent = from;
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = timeFormat.format(now);
  head.append(name, source, time);

  const body = document.createElement('code');
  body.className = 'event-detail';
  body.textContent = JSON.stringify(withoutRaw(detail));
  item.append(head, body);
  return item;
}

function withoutRaw(detail: object): object {
  const { raw: _raw, ...rest } = detail as { raw?: unknown };
  return rest;
}

function eventTone(type: string): string {
  if (type === 'checkout-success') return 'good';
  if (type === 'checkout-failure' || type === 'checkout-error') return 'bad';
  if (type === 'checkout-expired' || type === 'checkout-cancel') return 'warn';
  return 'info';
}
