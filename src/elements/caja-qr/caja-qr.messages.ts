import { catalogOf } from '../../core/i18n.js';

/** Words of `<caja-qr>` only (the register picker, the "new register" form and the ready state). */
export type CajaQrKey =
  | 'caja.pick' | 'caja.registerId' | 'caja.loadingRegisters' | 'caja.noRegisters' | 'caja.createFirst' | 'caja.back'
  | 'caja.newRegister' | 'caja.description' | 'caja.descriptionRequired' | 'caja.wallet'
  | 'caja.loadingWallets' | 'caja.noWallets' | 'caja.walletsFailed' | 'caja.create' | 'caja.creating' | 'caja.createFailed'
  | 'caja.ready' | 'caja.readyText' | 'caja.lastCharge' | 'caja.changeRegister' | 'caja.register' | 'caja.reference';

export const cajaQrMessages = catalogOf<CajaQrKey>({
  'caja.pick': ['Choose a register', 'Elige una caja', 'Escolha um caixa'],
  'caja.registerId': ['No. {id}', 'N.º {id}', 'N.º {id}'],
  'caja.loadingRegisters': ['Loading the registers…', 'Cargando las cajas…', 'Carregando os caixas…'],
  'caja.noRegisters': ['This store has no registers yet.', 'Esta tienda todavía no tiene cajas.', 'Esta loja ainda não tem caixas.'],
  'caja.createFirst': ['Create the first one below.', 'Crea la primera aquí abajo.', 'Crie o primeiro abaixo.'],
  'caja.back': ['Back', 'Volver', 'Voltar'],
  'caja.newRegister': ['New register', 'Nueva caja', 'Novo caixa'],
  'caja.description': ['Description', 'Descripción', 'Descrição'],
  'caja.descriptionRequired': ['Enter a description for the register.', 'Escribe una descripción para la caja.', 'Digite uma descrição para o caixa.'],
  'caja.wallet': ['Wallet that receives the payments', 'Billetera que recibe los pagos', 'Carteira que recebe os pagamentos'],
  'caja.loadingWallets': ['Loading the wallets…', 'Cargando las billeteras…', 'Carregando as carteiras…'],
  'caja.noWallets': ['There is no wallet to link. Add one in your kamiPay account first.', 'No hay ninguna billetera para vincular. Agrega una en tu cuenta de kamiPay primero.', 'Não há nenhuma carteira para vincular. Adicione uma na sua conta kamiPay primeiro.'],
  'caja.walletsFailed': ['The wallets could not be loaded.', 'No se pudieron cargar las billeteras.', 'Não foi possível carregar as carteiras.'],
  'caja.create': ['Create register', 'Crear caja', 'Criar caixa'],
  'caja.creating': ['Creating the register…', 'Creando la caja…', 'Criando o caixa…'],
  'caja.createFailed': ['The register could not be created.', 'No se pudo crear la caja.', 'Não foi possível criar o caixa.'],
  'caja.ready': ['Ready for the next charge', 'Lista para el próximo cobro', 'Pronto para a próxima cobrança'],
  'caja.readyText': ['The QR code appears here as soon as an amount is entered.', 'El código QR aparece aquí en cuanto se ingresa un monto.', 'O QR code aparece aqui assim que um valor for informado.'],
  'caja.lastCharge': ['Last charge: {status}', 'Último cobro: {status}', 'Última cobrança: {status}'],
  'caja.changeRegister': ['Change register', 'Cambiar de caja', 'Trocar de caixa'],
  'caja.register': ['Register: {name}', 'Caja: {name}', 'Caixa: {name}'],
  'caja.reference': ['Order {id}', 'Pedido {id}', 'Pedido {id}'],
});
