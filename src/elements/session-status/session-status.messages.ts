import { catalogOf } from '../../core/i18n.js';

/** Words only `<session-status>` uses (the statuses and errors are in the shared catalog). */
export type SessionStatusKey = 'checking' | 'config.provider' | 'config.tokenUrl' | 'config.sessionId';

export const sessionStatusMessages = catalogOf<SessionStatusKey>({
  checking: ['Checking the payment status…', 'Consultando el estado del pago…', 'Consultando o status do pagamento…'],
  'config.provider': ['Set provider to kamipay, kaipay, conomy or wewire.', 'Indica en provider uno de: kamipay, kaipay, conomy o wewire.', 'Informe em provider um destes: kamipay, kaipay, conomy ou wewire.'],
  'config.tokenUrl': ['Set token-url to your token endpoint.', 'Indica en token-url la dirección de tu servicio de tokens.', 'Informe em token-url o endereço do seu serviço de tokens.'],
  'config.sessionId': ['Set session-id to the session to follow.', 'Indica en session-id la sesión que se debe seguir.', 'Informe em session-id a sessão a acompanhar.'],
});
