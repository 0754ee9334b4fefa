import { expect } from '@open-wc/testing';
import {
  RETURN_CHANNEL, announceReturn, buildReturnUrls, keptReturn, listenForReturn, makeRef, readReturnMessage, type ReturnMessage,
} from '../src/core/return-page.js';
import { isSafeUrl, safeUrl } from '../src/core/url.js';
import { CheckoutError } from '../src/core/errors.js';
import { ResumeStore } from '../src/core/resume-store.js';

describe('return page', () => {
  it('builds the three return URLs, appending to an existing query', () => {
    const urls = buildReturnUrls('https://shop.example/thanks?order=7', 'kaipay', 'abc123');
    expect(urls.success).to.equal(
      'https://shop.example/thanks?order=7&checkout_provider=kaipay&checkout_ref=abc123&checkout_outcome=success',
    );
    expect(urls.failure).to.match(/checkout_outcome=failure$/);
    expect(urls.cancel).to.match(/\?order=7&checkout_provider=kaipay&checkout_ref=abc123&checkout_outcome=cancel$/);
    expect(buildReturnUrls('/done', 'wewire', 'r1', 'https://shop.example/cart/').success).to.equal(
      'https://shop.example/done?checkout_provider=wewire&checkout_ref=r1&checkout_outcome=success',
    );
  });

  it('makes unguessable refs', () => {
    const refs = new Set(Array.from({ length: 50 }, makeRef));
    expect(refs.size).to.equal(50);
    for (const ref of refs) expect(ref).to.match(/^[0-9a-f]{32}$/);
  });

  it('reads only well-formed return messages', () => {
    expect(readReturnMessage('https://a.example/?checkout_provider=wewire&checkout_ref=r_1&checkout_outcome=cancel')).to.deep.equal({
      provider: 'wewire', ref: 'r_1', outcome: 'cancel',
    });
    expect(readReturnMessage('https://a.example/?checkout_provider=evil&checkout_ref=r&checkout_outcome=success')).to.be.undefined;
    expect(readReturnMessage('https://a.example/?checkout_provider=kaipay&checkout_ref=r&checkout_outcome=paid')).to.be.undefined;
    expect(readReturnMessage('https://a.example/?checkout_provider=kaipay&checkout_ref=<script>&checkout_outcome=success')).to.be.undefined;
    expect(readReturnMessage('https://a.example/')).to.be.undefined;
  });

  it('delivers the announced outcome to the flow with the matching ref only', async () => {
    const received: ReturnMessage[] = [];
    const other: ReturnMessage[] = [];
    const stop = listenForReturn('ref-a', (m) => received.push(m));
    const stopOther = listenForReturn('ref-b', (m) => other.push(m));
    const arrived = new Promise<void>((resolve) => {
      const probe = new BroadcastChannel(RETURN_CHANNEL);
      probe.onmessage = () => {
        probe.close();
        // Listeners got the same message in the same task order; give them the turn.
        setTimeout(resolve, 0);
      };
    });
    const fakeWindow = {
      location: { href: 'https://shop.example/r?checkout_provider=kaipay&checkout_ref=ref-a&checkout_outcome=success' },
      name: '',
      opener: null,
      closed: false,
      close() {
        this.closed = true;
      },
    };
    const announced = announceReturn(fakeWindow as unknown as Window);
    await arrived;
    stop();
    stopOther();
    expect(announced).to.deep.equal({ provider: 'kaipay', ref: 'ref-a', outcome: 'success' });
    expect(received).to.deep.equal([{ provider: 'kaipay', ref: 'ref-a', outcome: 'success' }]);
    expect(other).to.deep.equal([]);
    expect(fakeWindow.closed).to.be.false;
  });

  it('keeps the outcome for a tab that was not listening: read once, forgotten when taken, swept after a day', () => {
    const KEPT = 'checkout-elements:return:';
    localStorage.setItem(`${KEPT}old`, JSON.stringify({ provider: 'kaipay', ref: 'old', outcome: 'success', at: Date.now() - 86_400_001 }));
    localStorage.setItem(`${KEPT}recent`, JSON.stringify({ provider: 'kaipay', ref: 'recent', outcome: 'failure', at: Date.now() - 60_000 }));
    localStorage.setItem(`${KEPT}junk`, 'not json');
    const page = { location: { href: 'https://shop.example/r?checkout_provider=wewire&checkout_ref=kept-1&checkout_outcome=cancel' }, name: '', localStorage, close() {} };
    announceReturn(page as unknown as Window);
    expect(keptReturn('kept-1')).to.deep.equal({ provider: 'wewire', ref: 'kept-1', outcome: 'cancel' });
    expect(keptReturn('kept-1', true), 'taken').to.deep.equal({ provider: 'wewire', ref: 'kept-1', outcome: 'cancel' });
    expect(keptReturn('kept-1'), 'forgotten once taken').to.equal(undefined);
    expect(keptReturn('recent')).to.deep.include({ outcome: 'failure' });
    expect([localStorage.getItem(`${KEPT}old`), localStorage.getItem(`${KEPT}junk`)], 'swept').to.deep.equal([null, null]);
    // Only what a return URL could say, for the ref asked about.
    localStorage.setItem(`${KEPT}forged`, JSON.stringify({ provider: 'kaipay', ref: 'someone-else', outcome: 'success' }));
    expect(keptReturn('forged')).to.equal(undefined);
    localStorage.clear();
  });

  it('closes the popup the flow opened', () => {
    const popup = {
      location: { href: 'https://shop.example/r?checkout_provider=wewire&checkout_ref=x&checkout_outcome=failure' },
      name: 'checkout-elements-x',
      opener: null,
      closed: false,
      close() {
        this.closed = true;
      },
    };
    announceReturn(popup as unknown as Window);
    expect(popup.closed).to.be.true;
  });
});

describe('url safety', () => {
  it('allows https and loopback http only', () => {
    for (const ok of ['https://pay.example/x', 'http://localhost:5173/x', 'http://127.0.0.1/x', 'http://127.4.5.6:8/x', 'http://[::1]:80/']) {
      expect(isSafeUrl(ok), ok).to.be.true;
    }
    for (const bad of ['http://pay.example/x', 'javascript:alert(1)', 'data:text/html,<b>', 'ftp://x', 'http://localhost.evil.example/', 'http://128.0.0.1/', '//pay.example', 'not a url']) {
      expect(isSafeUrl(bad), bad).to.be.false;
    }
  });

  it('refuses with a config error', () => {
    const error = (() => {
      try {
        return safeUrl('javascript:alert(1)', 'the hosted page');
      } catch (e) {
        return e;
      }
    })() as CheckoutError;
    expect(error).to.be.instanceOf(CheckoutError);
    expect(error.code).to.equal('config');
    expect(error.message).to.contain('the hosted page');
  });
});

describe('resume store', () => {
  const session = { provider: 'kamipay' as const, id: 'op_1', status: 'pending' as const, pollable: true, expiresAt: 2_000, raw: { secretish: 1 } };

  it('keeps the session without its raw payload and forgets it once expired', () => {
    sessionStorage.clear();
    const store = new ResumeStore(sessionStorage, 'k');
    store.save({ session, ref: 'r', startedAt: 1_000 });
    expect(JSON.parse(sessionStorage.getItem('checkout-elements:flow:k')!).session.raw).to.be.undefined;
    const { raw: _raw, ...withoutRaw } = session;
    expect(store.load(1_500)).to.deep.equal({ session: withoutRaw, ref: 'r', startedAt: 1_000 });
    expect(store.load(2_000)).to.be.undefined;
    expect(sessionStorage.getItem('checkout-elements:flow:k')).to.be.null;
  });

  it('drops a corrupt record instead of failing', () => {
    sessionStorage.setItem('checkout-elements:flow:bad', '{"session": 4');
    expect(new ResumeStore(sessionStorage, 'bad').load(0)).to.be.undefined;
    expect(sessionStorage.getItem('checkout-elements:flow:bad')).to.be.null;
  });

  it('never writes to localStorage', () => {
    localStorage.clear();
    new ResumeStore(sessionStorage, 'k2').save({ session, ref: 'r', startedAt: 0 });
    expect(localStorage.length).to.equal(0);
  });
});
