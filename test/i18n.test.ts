import { expect } from '@open-wc/testing';
import { LOCALES, formatAmount, formatClock, interpolate, negotiateLocale, translator, type Catalog } from '../src/core/i18n.js';
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
    expect(translator(sharedMessages, 'pt-BR')('qr.expiresIn', { time: '0:09' })).to.equal('Expira em 0:09');
    expect(formatClock(299_001)).to.equal('5:00');
    expect(formatClock(3_723_000)).to.equal('1:02:03');
    expect(formatClock(-5)).to.equal('0:00');
  });
});
