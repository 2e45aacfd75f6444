import { PAYMENT_APPLICANT_ROUTES, PAYMENT_NOTIFICATION_ROUTES } from '../../shared/contracts/payments';
import type { Topology } from '../topology-model';

/** 非税支付: fee orders, the provider’s notifications, and the procedure’s wait for payment. */
export const payments = {
  functions: {
    paymentsApi: {
      entry: 'functions/payments/payments-api.ts',
      description: '非税支付: the case’s fee order and its notifications; a new order after one expired or failed',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }, { external: 'payments' }],
    },
    paymentNotifications: {
      entry: 'functions/payments/notifications-api.ts',
      description:
        'The payment provider’s signed notifications (paid, failed, expired, refunded), verified first, applied once',
      memoryMb: 512,
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'readWrite' },
        { external: 'payments' },
        { secrets: 'platform', access: 'read' },
        { stateMachine: 'procedure', access: 'taskResponse' },
      ],
    },
    paymentCaseEvents: {
      entry: 'functions/payments/case-events.ts',
      description:
        'A fee order when a charged case is accepted; a refund or cancellation when it is rejected or withdrawn',
      timeoutSeconds: 30,
      uses: [{ table: 'main', access: 'readWrite' }, { external: 'payments' }],
    },
    paymentResume: {
      entry: 'functions/payments/resume-on-paid.ts',
      description: 'A payment ends the procedure’s wait for it (at least once, from the event)',
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'readWrite' },
        { external: 'payments' },
        { stateMachine: 'procedure', access: 'taskResponse' },
      ],
    },
    awaitPayment: {
      entry: 'functions/payments/await-payment.ts',
      description:
        'The procedure’s last step: the approval, answered at once when nothing is owed, else it waits for the payment',
      uses: [
        { table: 'main', access: 'readWrite' },
        { external: 'payments' },
        { stateMachine: 'procedure', access: 'taskResponse' },
      ],
    },
  },

  routes: [
    ...PAYMENT_APPLICANT_ROUTES.map((route) => ({ route, function: 'paymentsApi' })),
    ...PAYMENT_NOTIFICATION_ROUTES.map((route) => ({ route, function: 'paymentNotifications' })),
  ],
} as const satisfies Pick<Topology, 'functions' | 'routes'>;
