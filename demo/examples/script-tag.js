// The merchant's page code: the order data, and what to do with the outcome.
const crypto = document.querySelector('#crypto');
crypto.order = {
  customer: { name: 'Ana Souza', email: 'ana@example.com' },
  product: { id: 'tee-42', name: 'Camiseta', description: 'Camiseta de algodão' },
};

const list = document.querySelector('#events');
for (const type of ['checkout-open', 'checkout-close', 'checkout-status', 'checkout-success', 'checkout-failure',
  'checkout-expired', 'checkout-cancel', 'checkout-error']) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.dataset.type = type;
    item.textContent = `${type} ${event.detail.status ?? event.detail.code ?? ''} ${event.detail.sessionId ?? ''}`.trim();
    list.append(item);
    // The browser's word is for the customer's eyes: fulfil the order from your server
    // (provider webhook or API), never from this event alone.
  });
}
