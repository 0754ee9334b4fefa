import { expect, fixture, html } from '@open-wc/testing';
import { a11ySnapshot, findAccessibilityNode } from '@web/test-runner-commands';
import '../src/define.js';
import { startSandbox } from './support/sandbox.js';
import { waitUntil } from './support/wait.js';
import type { CheckoutQrElement } from '../src/elements/checkout-qr/checkout-qr.js';
import { setMessages } from '../src/api.js';
import { LOCALES, formatAmount, formatClock, interpolate, negotiateLocale, setPageMessages, translator, type Catalog } from '../src/core/i18n.js';
import { sharedMessages } from '../src/core/messages.js';
import { checkoutButtonMessages } from '../src/elements/checkout-button/checkout-button.messages.js';
import { checkoutModalMessages } from '../src/elements/checkout-modal/checkout-modal.messages.js';
import { cajaQrMessages } from '../src/elements/caja-qr/caja-qr.messages.js';
import { sessionStatusMessages } from '../src/elements/session-status/session-status.messages.js';

/** Every catalog of the library; an element's catalog is added here when the element lands. */
const CATALOGS: Record<string, Catalog<string>> = {
  shared: sharedMessages,
  'checkout-modal': checkoutModalMessages,
  'checkout-button': checkoutButtonMessages,
  'caja-qr': cajaQrMessages,
  'session-status': sessionStatusMessages,
};

/** A node of Chromium's accessibility tree, as the a11y snapshot command returns it. */
interface AxNode {
  role: string;
  name: string;
  children: AxNode[];
}

/** Whether the page's accessibility tree has a button with this accessible name (shadow roots included). */
async function hasButtonNamed(name: string): Promise<boolean> {
  const snapshot = (await a11ySnapshot({})) as unknown as AxNode;
  return findAccessibilityNode<AxNode>(snapshot, (node) => node.role === 'button' && node.name === name) !== null;
}

/** Words that are the same in every language (they are not untranslated English). */
const SAME_IN_EVERY_LANGUAGE = new Set(['Total', 'Pix']);

describe('message catalogs', () => {
  for (const [name, catalog] of Object.entries(CATALOGS)) {
    it(`${name}: every locale has every key, non-empty, with the same placeholders`, () => {
      const keys = Object.keys(catalog.en).sort();
      for (const locale of LOCALES) {
        expect(Object.keys(catalog[locale]).sort(), `${name} ${locale}`).to.deep.equal(keys);
        for (const key of keys) {
          const text = catalog[locale][key]!;
          expect(text.trim(), `${name} ${locale} ${key}`).to.not.equal('');
          const placeholders = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
          expect(placeholders(text), `${name} ${locale} ${key}`).to.deep.equal(placeholders(catalog.en[key]!));
        }
      }
    });

    it(`${name}: Spanish and Portuguese leave no English behind`, () => {
      for (const locale of ['es', 'pt-BR'] as const) {
        for (const [key, english] of Object.entries(catalog.en)) {
          if (SAME_IN_EVERY_LANGUAGE.has(english)) continue;
          expect(catalog[locale][key], `${name} ${locale} ${key}`).to.not.equal(english);
        }
      }
    });
  }
});

describe('locale and formatting', () => {
  it('negotiates the first supported candidate', () => {
    expect(negotiateLocale([undefined, 'pt', 'es'])).to.equal('pt-BR');
    expect(negotiateLocale(['PT-pt'])).to.equal('pt-BR');
    expect(negotiateLocale(['fr-FR', 'es-MX'])).to.equal('es');
    expect(negotiateLocale(['de', null, ''])).to.equal('en');
  });

  it('falls back by language: es-MX, es-AR → es; pt, pt-PT → pt-BR; en-CA → en; anything else → en', () => {
    const cases: [unknown, string][] = [
      ['es-MX', 'es'], ['es-AR', 'es'], ['es_AR', 'es'], ['ES', 'es'], ['pt', 'pt-BR'], ['pt-PT', 'pt-BR'], ['pt-BR', 'pt-BR'],
      ['en-CA', 'en'], ['en-GB', 'en'], ['fr-CA', 'en'], ['x-klingon', 'en'], ['', 'en'], ['  ', 'en'], [42, 'en'], [{}, 'en'],
    ];
    for (const [candidate, expected] of cases) expect(negotiateLocale([candidate]), String(candidate)).to.equal(expected);
  });

  it('formats money through Intl in each locale, and crypto assets Intl does not know', () => {
    expect(formatAmount(21000, 'MXN', 'es', 2)).to.match(/^\$\s?210\.00$/);
    expect(formatAmount(1250, 'BRL', 'pt-BR', 2)).to.match(/^R\$\s?12,50$/);
    expect(formatAmount(1250, 'BRL', 'en', 2)).to.equal('R$12.50');
    expect(formatAmount(2500, 'USDT', 'en', 2)).to.equal('25.00 USDT');
    expect(formatAmount(1000, 'CLP', 'es', 0)).to.match(/1\.000/);
    expect(formatAmount(21000, 'EUR', 'es', 2)).to.match(/^210,00\s€$/);
  });

  it('interpolates and formats the countdown clock', () => {
    expect(interpolate('Expires in {time}', { time: '4:59' })).to.equal('Expires in 4:59');
    expect(translator('pt-BR', [sharedMessages])('qr.expiresIn', { time: '0:09' })).to.equal('Expira em 0:09');
    expect(formatClock(299_001)).to.equal('5:00');
    expect(formatClock(3_723_000)).to.equal('1:02:03');
    expect(formatClock(-5)).to.equal('0:00');
  });
});

describe('text overrides', () => {
  // The page's overrides live as long as the test page: each test sets the built-in text back.
  afterEach(() => {
    for (const locale of LOCALES) setPageMessages(locale, { ...sharedMessages[locale], ...checkoutButtonMessages[locale], ...checkoutModalMessages[locale] });
  });

  it('one lookup: the element\'s own, then the page\'s for the locale, then the catalogs in order, in the locale', () => {
    setPageMessages('es', { retry: 'Otra vez', close: 'Salir' });
    const t = translator<string>('es', [checkoutModalMessages, sharedMessages], { retry: 'De nuevo {n}' });
    expect(t('retry', { n: 2 })).to.equal('De nuevo 2');
    expect(t('close')).to.equal('Salir');
    expect(t('title')).to.equal('Pago');
    expect(t('loading')).to.equal(sharedMessages.es.loading);
    // Other languages keep their text.
    expect(translator('en', [sharedMessages])('close')).to.equal('Close');
    expect(translator<string>('en', [sharedMessages])('no.such.key')).to.equal('no.such.key');
  });

  it('an element\'s messages change its text and its accessible name; other keys keep the built-in text', async () => {
    const button = await fixture(html`<checkout-button provider="kamipay" token-url="/t" amount="1250" currency="BRL"
      locale="en" .messages=${{ payAmount: 'Pay {amount} now with Pix' }}></checkout-button>`);
    const inner = button.shadowRoot!.querySelector<HTMLElement>('[part=button]')!;
    expect(inner.textContent!.trim()).to.equal('Pay R$12.50 now with Pix');
    expect(await hasButtonNamed('Pay R$12.50 now with Pix'), 'button named by the override').to.equal(true);

    // Forwarded to the dialog: its close button is named by the override; its heading keeps "Checkout".
    (button as HTMLElement & { messages: object }).messages = { closeDialog: 'Leave the payment' };
    await (button as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const modal = button.shadowRoot!.querySelector('checkout-modal')!;
    await modal.updateComplete;
    modal.show().catch(() => undefined);
    await modal.updateComplete;
    const close = modal.shadowRoot!.querySelector('[part=close-button]')!;
    expect(close.getAttribute('aria-label')).to.equal('Leave the payment');
    expect(modal.shadowRoot!.querySelector('[part=title]')!.textContent).to.equal('Checkout');
    expect(inner.textContent!.trim(), 'the button\'s own label is back to the built-in text').to.equal('Pay R$12.50');
    expect(await hasButtonNamed('Leave the payment'), 'close button named by the override').to.equal(true);
    modal.close();
  });

  it('setMessages overrides a language on every element, also one already on the page', async () => {
    const wrapper = await fixture(html`<div>
      <session-status lang="es-MX" provider="nope" session-id="x" token-url="/t"></session-status>
      <session-status locale="en" provider="nope" session-id="x" token-url="/t"></session-status>
    </div>`);
    const [spanish, english] = [...wrapper.querySelectorAll('session-status')];
    await spanish!.updateComplete;
    const retry = (el: Element) => el.shadowRoot!.querySelector('[part=retry-button]')!.textContent;
    expect(retry(spanish!)).to.equal('Reintentar');

    setMessages('es-MX', { retry: 'Volver a intentar' });
    await spanish!.updateComplete;
    expect(retry(spanish!)).to.equal('Volver a intentar');
    expect(retry(english!)).to.equal('Retry');
    // The other keys keep the built-in Spanish.
    expect(spanish!.shadowRoot!.querySelector('[part=label]')!.textContent).to.equal(sharedMessages.es['error.config']);
    // An element's own messages win over the page's.
    spanish!.messages = { retry: 'Probar otra vez' };
    await spanish!.updateComplete;
    expect(retry(spanish!)).to.equal('Probar otra vez');
  });

  it('the language falls back: es-MX and es-AR speak Spanish, pt-PT Brazilian Portuguese, en-CA and fr English', async () => {
    const cases: [string, string][] = [
      ['es-MX', 'Pagar'], ['es-AR', 'Pagar'], ['pt-PT', 'Pagar'], ['pt', 'Pagar'], ['en-CA', 'Pay'], ['fr', 'Pay'],
    ];
    for (const [lang, pay] of cases) {
      const wrapper = await fixture(html`<div lang=${lang}>
        <checkout-button provider="kamipay" token-url="/t"></checkout-button>
        <session-status provider="nope" session-id="x" token-url="/t"></session-status>
      </div>`);
      const button = wrapper.querySelector('checkout-button')!;
      const status = wrapper.querySelector('session-status')!;
      await status.updateComplete;
      const expected = lang.startsWith('pt') ? 'pt-BR' : lang.startsWith('es') ? 'es' : 'en';
      expect(button.shadowRoot!.querySelector('[part=button]')!.textContent!.trim(), lang).to.equal(pay);
      expect(status.shadowRoot!.querySelector('[part=label]')!.textContent, lang).to.equal(sharedMessages[expected]['error.config']);
    }
  });
});

describe('switching language on a page already showing the elements', () => {
  it('a `lang` change on an ancestor re-renders every word (modal, its QR panel, button); `locale` then wins at once', async () => {
    const sandbox = await startSandbox();
    sessionStorage.clear();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <checkout-button provider="kamipay" token-url="/t" amount="1250" currency="BRL"></checkout-button>
      <checkout-modal provider="kamipay" token-url=${sandbox.tokenUrl} amount="1250" currency="BRL" store-id="1" checkout-id="1"></checkout-modal>
    </div>`);
    const button = wrapper.querySelector('checkout-button')!;
    const modal = wrapper.querySelector('checkout-modal')!;
    const qr = () => modal.shadowRoot!.querySelector<CheckoutQrElement>('checkout-qr');
    void modal.show();
    await waitUntil(() => qr()?.payload, 'qr shown');
    const closeLabel = () => modal.shadowRoot!.querySelector('[part=close-button]')!.getAttribute('aria-label');
    const copyText = () => qr()!.shadowRoot!.querySelector('[part=copy-button]')!.textContent!.trim();
    const payText = () => button.shadowRoot!.querySelector('[part=button]')!.textContent!.trim();
    expect([closeLabel(), copyText(), payText()]).to.deep.equal(['Close checkout', 'Copy code', 'Pay R$12.50']);

    wrapper.setAttribute('lang', 'es');
    await waitUntil(() => closeLabel() === 'Cerrar el pago' && copyText() === 'Copiar código' && payText() === `Pagar ${formatAmount(1250, 'BRL', 'es', 2)}`, 'Spanish everywhere', { timeout: 1000 });
    expect(qr()!.shadowRoot!.querySelector('svg')!.getAttribute('aria-label')).to.equal('Código QR de pago');

    modal.locale = 'pt-BR';
    await modal.updateComplete;
    await qr()!.updateComplete;
    expect([closeLabel(), copyText()]).to.deep.equal(['Fechar o pagamento', 'Copiar código']);
    expect(qr()!.shadowRoot!.querySelector('figcaption')!.textContent).to.equal(sharedMessages['pt-BR']['qr.scan']);
    modal.close();
  });
});
