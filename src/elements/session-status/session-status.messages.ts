import type { Catalog } from '../../core/i18n.js';

/** Words only `<session-status>` uses (the statuses and errors are in the shared catalog). */
export type SessionStatusKey = 'checking' | 'config.provider' | 'config.tokenUrl' | 'config.sessionId';

export const sessionStatusMessages: Catalog<SessionStatusKey> = {
  en: {
    checking: 'Checking the payment status…',
    'config.provider': 'Set provider to kamipay, kaipay, conomy or wewire.',
    'config.tokenUrl': 'Set token-url to your token endpoint.',
    'config.sessionId': 'Set session-id to the session to follow.',
  },
  es: {
    checking: 'Consultando el estado del pago…',
    'config.provider': 'Indica en provider uno de: kamipay, kaipay, conomy o wewire.',
    'config.tokenUrl': 'Indica en token-url la dirección de tu servicio de tokens.',
    'config.sessionId': 'Indica en session-id la sesión que se debe seguir.',
  },
  'pt-BR': {
    checking: 'Consultando o status do pagamento…',
    'config.provider': 'Informe em provider um destes: kamipay, kaipay, conomy ou wewire.',
    'config.tokenUrl': 'Informe em token-url o endereço do seu serviço de tokens.',
    'config.sessionId': 'Informe em session-id a sessão a acompanhar.',
  },
};
