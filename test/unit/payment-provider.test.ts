import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type SimulatedPaymentProvider,
  startSimulatedPaymentProvider,
} from '../../infra/local/simulated-payment-provider';
import { noPaymentProvider, paymentProviderFor } from '../../shared/adapters/payment-providers';
import type { SecretStore } from '../../shared/domain/integration/ports';
import type { DepartmentSecrets } from '../../shared/domain/integration/model';
import { fenToYuan, type PaymentOrder } from '../../shared/domain/payments/model';
import { applyToOrder } from '../../shared/domain/payments/notifications';
import { generateSecret, sign } from '../../shared/webhooks/standard-webhooks';

/**
 * The simulated provider and its adapter against each other, over real HTTP: idempotent orders and refunds, signed
 * notifications that the adapter verifies (and refuses when forged), retries until the platform answers 2xx.
 */
const secret = generateSecret();
const memorySecrets = (entries: Record<string, DepartmentSecrets>): SecretStore => ({
  get: async (key) => entries[key],
  put: async (key, value) => {
    entries[key] = value;
  },
});

/** A stand-in for the platform's notification route: records what arrives, answers from a script. */
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string>; body: string }[] = [];
let answers: number[] = [];

let provider: SimulatedPaymentProvider;
const adapter = () =>
  paymentProviderFor(`simulated:${provider.url}`, {
    secrets: memorySecrets({ 'payments/simulated': { current: secret } }),
    now: () => new Date(),
  });

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString() });
      res.writeHead(answers.shift() ?? 200).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/payments/notifications/simulated`;
  provider = await startSimulatedPaymentProvider({ secret, retryDelaysMs: [10, 10, 10], refundDelayMs: 5 });
});
afterAll(async () => {
  await provider.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
});
beforeEach(() => {
  received.length = 0;
  answers = [];
});

const order = (orderId: string, amountFen = 8000) => ({
  orderId,
  amountFen,
  subject: '不动产登记 350100-20260302-30012',
  expiresAt: '2099-03-09T10:00:00+08:00',
  notifyUrl: receiverUrl,
});

it('creates an order once per order id: a retried creation gets the same provider order and cashier page', async () => {
  const first = await adapter().createOrder(order('Pfirstorder'));
  const again = await adapter().createOrder(order('Pfirstorder'));
  expect(again).toEqual(first);
  expect(first.payUrl).toBe(`${provider.url}/cashier/${first.providerOrderId}`);
  expect(provider.orders().filter((o) => o.orderId === 'Pfirstorder')).toHaveLength(1);
  // The same id for another amount is a bug of the caller, refused.
  await expect(adapter().createOrder(order('Pfirstorder', 55000))).rejects.toThrow(/409/);
});

it('signs each outcome so that the adapter verifies it, and refuses a tampered or foreign one', async () => {
  await adapter().createOrder(order('Ppaidorder'));
  const sent = await provider.pay('Ppaidorder');
  expect(sent.delivered).toBe(true);
  const [delivery] = received;
  const parsed = await adapter().verifyNotification(delivery!.headers, delivery!.body);
  expect(parsed).toMatchObject({ id: sent.id, type: 'paid', orderId: 'Ppaidorder', amountFen: 8000 });

  await expect(
    adapter().verifyNotification(delivery!.headers, delivery!.body.replace('8000', '1')),
  ).rejects.toMatchObject({ name: 'UnauthorizedError' });
  const foreign = sign({ id: sent.id, timestamp: new Date(), body: delivery!.body }, [generateSecret()]);
  await expect(adapter().verifyNotification(foreign, delivery!.body)).rejects.toMatchObject({
    name: 'UnauthorizedError',
  });
  // Verified first, parsed after: a well-signed body that is not a notification is a 400, not a 401.
  const junk = JSON.stringify({ id: 'ntf_1', type: 'bonus' });
  await expect(
    adapter().verifyNotification(sign({ id: 'ntf_1', timestamp: new Date(), body: junk }, [secret]), junk),
  ).rejects.toMatchObject({ name: 'ValidationError' });
  // No secret configured: nothing verifies.
  const bare = paymentProviderFor(`simulated:${provider.url}`, { secrets: memorySecrets({}), now: () => new Date() });
  await expect(bare.verifyNotification(delivery!.headers, delivery!.body)).rejects.toMatchObject({
    name: 'UnauthorizedError',
  });
  await expect(provider.pay('Ppaidorder')).rejects.toThrow(/order_paid/);
});

it('retries a notification with the same id until the platform answers 2xx', async () => {
  await adapter().createOrder(order('Pretried'));
  answers = [500, 503];
  const sent = await provider.expire('Pretried');
  expect(sent.delivered).toBe(true);
  expect(sent.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
  expect(new Set(received.map((r) => r.headers['webhook-id']))).toEqual(new Set([sent.id]));
});

it('refunds once per refund id, notifying the refund after accepting it', async () => {
  const { providerOrderId } = await adapter().createOrder(order('Prefunded'));
  await provider.pay('Prefunded');
  const refund = {
    orderId: 'Prefunded',
    providerOrderId,
    refundId: 'Rrefund1',
    amountFen: 8000,
    reason: 'rejected' as const,
    notifyUrl: receiverUrl,
  };
  const first = await adapter().refund(refund);
  const again = await adapter().refund(refund);
  expect(again).toEqual(first);
  await provider.idle();
  const refunded = provider.notifications().filter((n) => n.orderId === 'Prefunded' && n.type === 'refunded');
  expect(refunded).toHaveLength(1);
  expect(JSON.parse(refunded[0]!.body)).toMatchObject({ refundId: 'Rrefund1', amountFen: 8000 });
  // A closed order cannot be paid; closing a paid one is left to its notification (the adapter does not fail).
  await adapter().closeOrder({ orderId: 'Prefunded', providerOrderId });
  expect(provider.orders().find((o) => o.orderId === 'Prefunded')!.status).toBe('REFUNDED');
});

it('has a `none` provider that refuses every order, and refuses an unknown PAYMENT_PROVIDER', async () => {
  expect(paymentProviderFor('none', { now: () => new Date() })).toBe(noPaymentProvider);
  await expect(noPaymentProvider.createOrder(order('Pnone'))).rejects.toMatchObject({ name: 'PaymentsUnavailable' });
  expect(() => paymentProviderFor('paypal:https://example.com', { now: () => new Date() })).toThrow(/PAYMENT_PROVIDER/);
});

describe('an order under notifications', () => {
  const base: PaymentOrder = {
    id: 'Pabc',
    caseId: 'c1',
    caseNumber: '350100-20260302-30012',
    attempt: 1,
    provider: 'simulated',
    providerOrderId: 'sim_1',
    status: 'AWAITING',
    amountFen: 8000,
    lines: [],
    subject: 's',
    payUrl: 'http://cashier/x',
    createdAt: '2026-03-02T02:00:00.000Z',
    expiresAt: '2026-03-09T02:00:00.000Z',
    version: 1,
  };
  const n = (type: 'paid' | 'failed' | 'expired' | 'refunded') => ({
    id: `ntf_${type}`,
    type,
    orderId: 'Pabc',
    amountFen: 8000,
    occurredAt: '2026-03-03T06:00:00.000Z',
  });

  it('moves on each notification its state allows, and ignores the others', () => {
    expect(applyToOrder(base, n('paid'), 'now')).toMatchObject({
      status: 'PAID',
      paidAt: '2026-03-03T06:00:00.000Z',
      version: 2,
    });
    expect(applyToOrder(base, n('failed'), 'now')).toMatchObject({ status: 'FAILED' });
    expect(applyToOrder({ ...base, status: 'FAILED' }, n('paid'), 'now')).toMatchObject({ status: 'PAID' });
    // Money that arrives for a cancelled order is recorded (and then refunded), never lost.
    expect(applyToOrder({ ...base, status: 'CANCELLED' }, n('paid'), 'now')).toMatchObject({ status: 'PAID' });
    expect(applyToOrder({ ...base, status: 'PAID' }, n('expired'), 'now')).toBeUndefined();
    expect(applyToOrder({ ...base, status: 'PAID' }, n('paid'), 'now')).toBeUndefined();
    expect(applyToOrder({ ...base, status: 'AWAITING' }, n('refunded'), 'now')).toBeUndefined();
    const refunding: PaymentOrder = {
      ...base,
      status: 'REFUNDING',
      refund: { id: 'Rabc', reason: 'rejected', requestedAt: '2026-03-04T00:00:00.000Z' },
    };
    expect(applyToOrder(refunding, n('refunded'), 'now')).toMatchObject({
      status: 'REFUNDED',
      refund: { id: 'Rabc', reason: 'rejected', refundedAt: '2026-03-03T06:00:00.000Z' },
    });
  });

  it('shows fen as yuan without floating point', () => {
    expect([fenToYuan(8000), fenToYuan(55000), fenToYuan(1), fenToYuan(12345)]).toEqual([
      '80.00',
      '550.00',
      '0.01',
      '123.45',
    ]);
  });
});

it('expires an order paid after its time instead of taking the money', async () => {
  await adapter().createOrder({ ...order('Platepaid'), expiresAt: '2020-01-01T00:00:00+08:00' });
  await expect(provider.pay('Platepaid')).rejects.toThrow(/order_expired/);
  await provider.idle();
  expect(
    provider
      .notifications()
      .filter((n) => n.orderId === 'Platepaid')
      .map((n) => n.type),
  ).toEqual(['expired']);
  expect(provider.orders().find((o) => o.orderId === 'Platepaid')!.status).toBe('EXPIRED');
});
