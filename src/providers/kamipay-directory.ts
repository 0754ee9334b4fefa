import type { RegisterProvider } from '../core/registers.js';
import { createKamipayRegisters } from './kamipay-registers.js';
import { kamipayCurrency, requireExpire, KAMIPAY_DEFAULT_EXPIRE } from './kamipay-checks.js';

/** kamiPay's registers and wallets in the neutral shapes `<caja-qr>` shows. */
export const kamipayRegisters: RegisterProvider = {
  directory(token) {
    const api = createKamipayRegisters({ token });
    return {
      list: async (storeId, signal) =>
        (await api.list(storeId, signal)).map((register) => ({ id: register.checkout_id, name: register.checkout_desc })),
      create: async (storeId, name, walletId, signal) => {
        const register = await api.create(storeId, name, walletId, signal);
        return { id: register.checkout_id, name: register.checkout_desc };
      },
      wallets: async (signal) =>
        (await api.wallets(signal)).map((wallet) => ({
          id: wallet.wallet_id,
          name: wallet.wallet_desc || wallet.address || `#${wallet.wallet_id}`,
        })),
    };
  },
  checkCharge({ currency, expire = KAMIPAY_DEFAULT_EXPIRE }) {
    return { currency: kamipayCurrency(currency), expire: requireExpire(expire) };
  },
};
