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

export function setUpEventLog(list: HTMLOListElement, clear: HTMLButtonElement, empty: HTMLElement): void {
  const showEmpty = () => {
    empty.hidden = list.childElementCount > 0;
  };
  for (const type of CHECKOUT_EVENTS) {
    document.addEventListener(type, (event) => {
      list.prepend(entry(type, event.target, event.detail));
      while (list.childElementCount > MAX_ENTRIES) list.lastElementChild!.remove();
      showEmpty();
    });
  }
  clear.addEventListener('click', () => {
    list.replaceChildren();
    showEmpty();
  });
  showEmpty();
}

function entry(type: string, target: EventTarget | null, detail: object): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.type = type;
  item.className = `event ${eventTone(type)}`;

  const head = document.createElement('div');
  head.className = 'event-head';
  const name = document.createElement('strong');
  name.className = 'event-type';
  name.textContent = type;
  const source = document.createElement('span');
  source.className = 'event-source';
  source.textContent = `#${target instanceof Element && target.id ? target.id : '?'}`;
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
