import { catalogOf } from './i18n.js';

/** Words every element shares: phases, statuses, errors, the QR panel and the hosted hand-off. */
export type SharedKey =
  | 'loading' | 'reconnecting' | 'retry' | 'tryAgain' | 'close'
  | 'status.pending' | 'status.processing' | 'status.succeeded' | 'status.failed' | 'status.expired' | 'status.cancelled'
  | 'outcome.succeeded' | 'outcome.failed' | 'outcome.expired' | 'processing.text'
  | 'error.token_failed' | 'error.network' | 'error.invalid_response' | 'error.provider_error' | 'error.config'
  | 'qr.label' | 'qr.scan' | 'qr.copy' | 'qr.copied' | 'qr.copyFailed' | 'qr.code' | 'qr.expiresIn' | 'qr.timeLeft' | 'qr.expired' | 'qr.openApp'
  | 'hosted.continue' | 'hosted.phone' | 'hosted.waiting' | 'hosted.popupBlocked' | 'hosted.linkLabel'
  | 'choose.method' | 'choose.asset' | 'total' | 'items'
  | 'method.PIX' | 'method.CARD' | 'method.BANK_TRANSFER' | 'method.CASH' | 'method.WALLET';

/** Each key's text in en, es and pt-BR. */
export const sharedMessages = catalogOf<SharedKey>({
  loading: ['Preparing your payment…', 'Preparando tu pago…', 'Preparando seu pagamento…'],
  reconnecting: ['Connection lost. Reconnecting…', 'Se perdió la conexión. Reconectando…', 'Conexão perdida. Reconectando…'],
  retry: ['Retry', 'Reintentar', 'Tentar de novo'],
  tryAgain: ['Try again', 'Intentar de nuevo', 'Tentar novamente'],
  close: ['Close', 'Cerrar', 'Fechar'],
  'status.pending': ['Waiting for payment', 'Esperando el pago', 'Aguardando pagamento'],
  'status.processing': ['Confirming payment', 'Confirmando el pago', 'Confirmando pagamento'],
  'status.succeeded': ['Payment received', 'Pago recibido', 'Pagamento recebido'],
  'status.failed': ['Payment failed', 'El pago falló', 'O pagamento falhou'],
  'status.expired': ['Payment time ran out', 'Se acabó el tiempo para pagar', 'O tempo para pagar acabou'],
  'status.cancelled': ['Payment cancelled', 'Pago cancelado', 'Pagamento cancelado'],
  'outcome.succeeded': [
    'Thank you! Your payment is confirmed.',
    '¡Gracias! Tu pago está confirmado.',
    'Obrigado! Seu pagamento foi confirmado.',
  ],
  'outcome.failed': [
    'The payment did not go through. No money was taken.',
    'El pago no se realizó. No se cobró nada.',
    'O pagamento não foi concluído. Nenhum valor foi cobrado.',
  ],
  'outcome.expired': [
    'The time to pay ran out before the payment arrived.',
    'Se acabó el tiempo para pagar antes de que llegara el pago.',
    'O tempo para pagar acabou antes de o pagamento chegar.',
  ],
  'processing.text': [
    'We received your payment and are confirming it. You can close this window; the result will still arrive.',
    'Recibimos tu pago y lo estamos confirmando. Puedes cerrar esta ventana; el resultado llegará igual.',
    'Recebemos seu pagamento e estamos confirmando. Você pode fechar esta janela; o resultado chegará mesmo assim.',
  ],
  'error.token_failed': [
    'We could not start the payment.',
    'No pudimos iniciar el pago.',
    'Não foi possível iniciar o pagamento.',
  ],
  'error.network': [
    'We cannot reach the payment service. Check your connection.',
    'No podemos conectar con el servicio de pago. Revisa tu conexión.',
    'Não conseguimos falar com o serviço de pagamento. Verifique sua conexão.',
  ],
  'error.invalid_response': [
    'The payment service sent an answer we could not read.',
    'El servicio de pago envió una respuesta que no pudimos leer.',
    'O serviço de pagamento enviou uma resposta que não conseguimos ler.',
  ],
  'error.provider_error': [
    'The payment service could not complete the request.',
    'El servicio de pago no pudo completar la solicitud.',
    'O serviço de pagamento não conseguiu concluir o pedido.',
  ],
  'error.config': [
    'This checkout is not set up correctly.',
    'Este pago no está bien configurado.',
    'Este pagamento não está configurado corretamente.',
  ],
  'qr.label': ['Payment QR code', 'Código QR de pago', 'QR code de pagamento'],
  'qr.scan': [
    'Scan the code with your bank or wallet app',
    'Escanea el código con la app de tu banco o billetera',
    'Escaneie o código com o app do seu banco ou carteira',
  ],
  'qr.copy': ['Copy code', 'Copiar código', 'Copiar código'],
  'qr.copied': ['Code copied', 'Código copiado', 'Código copiado'],
  'qr.copyFailed': [
    'Could not copy. Select the code above and copy it.',
    'No se pudo copiar. Selecciona el código de arriba y cópialo.',
    'Não foi possível copiar. Selecione o código acima e copie.',
  ],
  'qr.code': ['Payment code', 'Código de pago', 'Código de pagamento'],
  'qr.expiresIn': ['Expires in {time}', 'Vence en {time}', 'Expira em {time}'],
  'qr.timeLeft': ['The code expires {time}', 'El código vence {time}', 'O código expira {time}'],
  'qr.expired': ['The code has expired', 'El código venció', 'O código expirou'],
  'qr.openApp': ['Open in your payment app', 'Abrir en tu app de pago', 'Abrir no app de pagamento'],
  'hosted.continue': ['Continue to payment', 'Continuar al pago', 'Continuar para o pagamento'],
  'hosted.phone': [
    'Or scan to continue on your phone',
    'O escanea para continuar en tu teléfono',
    'Ou escaneie para continuar no celular',
  ],
  'hosted.waiting': [
    'Complete the payment in the window that opened. This page updates by itself.',
    'Completa el pago en la ventana que se abrió. Esta página se actualiza sola.',
    'Conclua o pagamento na janela que foi aberta. Esta página se atualiza sozinha.',
  ],
  'hosted.popupBlocked': [
    'Your browser blocked the payment window. Use the button again.',
    'Tu navegador bloqueó la ventana de pago. Usa el botón de nuevo.',
    'Seu navegador bloqueou a janela de pagamento. Use o botão novamente.',
  ],
  'hosted.linkLabel': ['Payment page QR code', 'Código QR de la página de pago', 'QR code da página de pagamento'],
  'choose.method': ['Choose how to pay', 'Elige cómo pagar', 'Escolha como pagar'],
  'choose.asset': ['Choose a currency', 'Elige una moneda', 'Escolha uma moeda'],
  total: ['Total', 'Total', 'Total'],
  items: ['Items', 'Artículos', 'Itens'],
  'method.PIX': ['Pix', 'Pix', 'Pix'],
  'method.CARD': ['Card', 'Tarjeta', 'Cartão'],
  'method.BANK_TRANSFER': ['Bank transfer', 'Transferencia bancaria', 'Transferência bancária'],
  'method.CASH': ['Cash', 'Efectivo', 'Dinheiro'],
  'method.WALLET': ['Digital wallet', 'Billetera digital', 'Carteira digital'],
});
