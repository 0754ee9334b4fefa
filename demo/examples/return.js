// A return page shared by every hosted provider: show the outcome the URL announces for it.
const provider = new URLSearchParams(location.search).get('checkout_provider');
const status = document.querySelector('#status');
if (provider) status.setAttribute('provider', provider);
status.setAttribute('token-url', '/api/checkout-token');
