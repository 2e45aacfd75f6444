import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from '../../shared/webhooks/standard-webhooks';
import { faultInjector } from './fault-injector';

/**
 * A payment provider (支付渠道) simulated for the local cloud and the tests, over HTTP as a real one is reached. The
 * platform creates orders, closes them and asks for refunds; the citizen's or the bank's side is played by
 * `pay`, `fail` and `expire` (or the matching POSTs, or the cashier page). Every outcome is sent to the order's
 * notify URL as a signed notification (Standard Webhooks headers, the shared secret), retried on anything but a
 * 2xx with the same id; refunds are notified after they were accepted. Orders and refunds are idempotent on the
 * platform's ids.
 */
export type SimulatedOrderStatus = 'AWAITING' | 'PAID' | 'FAILED' | 'EXPIRED' | 'CLOSED' | 'REFUNDED';

export interface SimulatedOrder {
  readonly orderId: string;
  readonly providerOrderId: string;
  readonly amountFen: number;
  readonly subject: string;
  readonly expiresAt: string;
  readonly notifyUrl: string;
  readonly createdAt: string;
  status: SimulatedOrderStatus;
  refund?: {
    readonly refundId: string;
    readonly providerRefundId: string;
    readonly notifyUrl: string;
    status: 'ACCEPTED' | 'REFUNDED';
  };
}

export interface SentNotification {
  readonly id: string;
  readonly type: 'paid' | 'failed' | 'expired' | 'refunded';
  readonly orderId: string;
  readonly url: string;
  readonly body: string;
  readonly attempts: { at: string; status?: number; answer?: string; error?: string }[];
  delivered: boolean;
}

export interface SimulatedPaymentProvider {
  readonly url: string;
  /** The citizen paid at the cashier; resolves when the notification was delivered (or its retries ran out). */
  pay(orderId: string): Promise<SentNotification>;
  /** The bank declined the payment. */
  fail(orderId: string, reason?: string): Promise<SentNotification>;
  /** The order's time ran out unpaid. */
  expire(orderId: string): Promise<SentNotification>;
  /** Sends a notification again, with its id and body, signed afresh (what a provider's retry does). */
  resend(notificationId: string): Promise<SentNotification>;
  orders(): SimulatedOrder[];
  notifications(): SentNotification[];
  /** Resolves once every notification under way has been delivered or given up. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface SimulatedPaymentProviderOptions {
  /** The notification secret shared with the platform (`payments/simulated` in its secret store). */
  readonly secret: string | readonly string[];
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** The clock of the signatures' timestamps: the local cloud passes its own, which the platform checks against. */
  readonly now?: () => Date;
  /** Delays before each retry of a notification that got no 2xx (real milliseconds). */
  readonly retryDelaysMs?: readonly number[];
  /** Delay between an accepted refund and its notification. */
  readonly refundDelayMs?: number;
  readonly log?: (line: string) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

const MAX_BODY_BYTES = 64 * 1024;

export async function startSimulatedPaymentProvider(
  options: SimulatedPaymentProviderOptions,
): Promise<SimulatedPaymentProvider> {
  const now = options.now ?? (() => new Date());
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  const retryDelays = options.retryDelaysMs ?? [100, 500, 2_000, 5_000];
  const log = options.log ?? (() => undefined);
  const byOrderId = new Map<string, SimulatedOrder>();
  const byProviderId = new Map<string, SimulatedOrder>();
  const sent = new Map<string, SentNotification>();
  const inFlight = new Set<Promise<unknown>>();
  const timers = new Set<NodeJS.Timeout>();
  const aborter = new AbortController();
  let stopped = false;
  let baseUrl = '';

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  };

  function find(id: string): SimulatedOrder {
    const order = byOrderId.get(id) ?? byProviderId.get(id);
    if (!order) throw new HttpError(404, 'order_not_found');
    return order;
  }

  async function attempt(notification: SentNotification): Promise<boolean> {
    const headers = {
      ...sign({ id: notification.id, timestamp: now(), body: notification.body }, secrets),
      'content-type': 'application/json',
    };
    const record: SentNotification['attempts'][number] = { at: now().toISOString() };
    notification.attempts.push(record);
    try {
      const response = await fetch(notification.url, {
        method: 'POST',
        headers,
        body: notification.body,
        signal: aborter.signal,
      });
      record.status = response.status;
      record.answer = (await response.text()).slice(0, 2000);
      return response.ok;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
      return false;
    }
  }

  /** Sends until a 2xx, then marks it delivered; the retries keep the id and re-sign with a fresh timestamp. */
  function deliver(notification: SentNotification): Promise<SentNotification> {
    return track(
      (async () => {
        for (let i = 0; !stopped; i++) {
          if (await attempt(notification)) {
            notification.delivered = true;
            // The soak's fault (off unless a fault injector is installed): the accepted notification comes again.
            if (faultInjector()?.roll('payment-notification')) await attempt(notification);
            break;
          }
          if (i >= retryDelays.length) {
            log(`payment notification ${notification.id} (${notification.type}) gave up after ${i + 1} attempts`);
            break;
          }
          await sleep(retryDelays[i]!);
        }
        return notification;
      })(),
    );
  }

  /** A new notification of an outcome: its record at once, and its delivery under way. */
  function notify(
    order: SimulatedOrder,
    type: SentNotification['type'],
    extra: Record<string, unknown> = {},
    url = order.notifyUrl,
  ) {
    const id = `ntf_${randomUUID()}`;
    const body = JSON.stringify({
      id,
      type,
      orderId: order.orderId,
      providerOrderId: order.providerOrderId,
      amountFen: order.amountFen,
      occurredAt: now().toISOString(),
      ...extra,
    });
    const notification: SentNotification = {
      id,
      type,
      orderId: order.orderId,
      url,
      body,
      attempts: [],
      delivered: false,
    };
    sent.set(id, notification);
    log(`payment notification ${id}: ${type} for ${order.orderId}`);
    return { notification, delivered: deliver(notification) };
  }

  function outcome(id: string, type: 'paid' | 'failed' | 'expired', reason?: string) {
    const order = find(id);
    // Past its time an order cannot be paid: the provider expires it (and says so) instead.
    if (
      type !== 'expired' &&
      (order.status === 'AWAITING' || order.status === 'FAILED') &&
      now().getTime() > Date.parse(order.expiresAt)
    ) {
      order.status = 'EXPIRED';
      void notify(order, 'expired').delivered;
      throw new HttpError(409, 'order_expired');
    }
    const allowed: Record<typeof type, SimulatedOrderStatus[]> = {
      paid: ['AWAITING', 'FAILED'],
      failed: ['AWAITING'],
      expired: ['AWAITING', 'FAILED'],
    };
    if (!allowed[type].includes(order.status)) throw new HttpError(409, `order_${order.status.toLowerCase()}`);
    order.status = type === 'paid' ? 'PAID' : type === 'failed' ? 'FAILED' : 'EXPIRED';
    return notify(order, type, reason ? { reason } : {});
  }

  function createOrder(body: Record<string, unknown>) {
    const { orderId, amountFen, subject, expiresAt, notifyUrl } = body;
    if (typeof orderId !== 'string' || !/^[A-Za-z0-9_-]{6,64}$/.test(orderId))
      throw new HttpError(400, 'invalid_order_id');
    if (typeof amountFen !== 'number' || !Number.isInteger(amountFen) || amountFen <= 0)
      throw new HttpError(400, 'invalid_amount');
    if (typeof notifyUrl !== 'string' || !/^https?:\/\//.test(notifyUrl))
      throw new HttpError(400, 'invalid_notify_url');
    const existing = byOrderId.get(orderId);
    if (existing) {
      // The same order asked again (a retry): answered as before; another amount under this id is refused.
      if (existing.amountFen !== amountFen) throw new HttpError(409, 'order_id_reused');
      return { status: 200, order: existing };
    }
    const order: SimulatedOrder = {
      orderId,
      providerOrderId: `sim_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
      amountFen,
      subject: typeof subject === 'string' ? subject.slice(0, 128) : '',
      expiresAt: typeof expiresAt === 'string' ? expiresAt : new Date(now().getTime() + 7 * 86_400_000).toISOString(),
      notifyUrl,
      createdAt: now().toISOString(),
      status: 'AWAITING',
    };
    byOrderId.set(orderId, order);
    byProviderId.set(order.providerOrderId, order);
    return { status: 201, order };
  }

  const orderAnswer = (order: SimulatedOrder) => ({
    orderId: order.orderId,
    providerOrderId: order.providerOrderId,
    status: order.status,
    amountFen: order.amountFen,
    expiresAt: order.expiresAt,
    cashierUrl: `${baseUrl}/cashier/${order.providerOrderId}`,
  });

  function refund(body: Record<string, unknown>) {
    const { orderId, refundId, amountFen, notifyUrl } = body;
    if (typeof orderId !== 'string' || typeof refundId !== 'string' || !refundId)
      throw new HttpError(400, 'invalid_refund');
    const order = find(orderId);
    if (order.refund) {
      if (order.refund.refundId !== refundId) throw new HttpError(409, 'already_refunded_under_another_id');
      // The same refund asked again: the same answer, and no second refund or notification.
      return {
        status: 200,
        answer: { refundId, providerRefundId: order.refund.providerRefundId, status: order.refund.status },
      };
    }
    if (order.status !== 'PAID') throw new HttpError(409, `order_${order.status.toLowerCase()}`);
    if (amountFen !== order.amountFen) throw new HttpError(400, 'refund_amount_must_be_the_order_amount');
    const url = typeof notifyUrl === 'string' && /^https?:\/\//.test(notifyUrl) ? notifyUrl : order.notifyUrl;
    order.refund = {
      refundId,
      providerRefundId: `simr_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
      notifyUrl: url,
      status: 'ACCEPTED',
    };
    // Asynchronous as a bank's refund is: answered now, notified after the delay.
    void track(
      sleep(options.refundDelayMs ?? 20).then(() => {
        if (stopped || !order.refund) return;
        order.refund.status = 'REFUNDED';
        order.status = 'REFUNDED';
        return notify(order, 'refunded', { refundId }, url).delivered;
      }),
    );
    return { status: 202, answer: { refundId, providerRefundId: order.refund.providerRefundId, status: 'ACCEPTED' } };
  }

  function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json; charset=utf-8') {
    res.writeHead(status, { 'content-type': contentType }).end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  function cashierPage(order: SimulatedOrder): string {
    const yuan = `${Math.trunc(order.amountFen / 100)}.${String(order.amountFen % 100).padStart(2, '0')}`;
    const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const action = (what: string) =>
      `<form method="post" action="/orders/${order.providerOrderId}/${what}"><button>${what}</button></form>`;
    return `<!doctype html><meta charset="utf-8"><title>模拟收银台</title><h1>模拟收银台 (simulated cashier)</h1><p>${escapeHtml(order.subject)}</p><p>¥${yuan} · ${order.status}</p>${order.status === 'AWAITING' || order.status === 'FAILED' ? action('pay') + action('fail') : ''}`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET') {
      const cashier = /^\/cashier\/([^/]+)$/.exec(path);
      if (cashier)
        return send(res, 200, cashierPage(find(decodeURIComponent(cashier[1]!))), 'text/html; charset=utf-8');
      const one = /^\/orders\/([^/]+)$/.exec(path);
      if (one) return send(res, 200, orderAnswer(find(decodeURIComponent(one[1]!))));
      throw new HttpError(404, 'not_found');
    }
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed');
    let body: Record<string, unknown> = {};
    if (raw && (req.headers['content-type'] ?? '').includes('json')) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        throw new HttpError(400, 'invalid_json');
      }
    }
    if (path === '/orders') {
      const created = createOrder(body);
      return send(res, created.status, orderAnswer(created.order));
    }
    if (path === '/refunds') {
      const answer = refund(body);
      return send(res, answer.status, answer.answer);
    }
    const action = /^\/orders\/([^/]+)\/(pay|fail|expire|close)$/.exec(path);
    if (!action) throw new HttpError(404, 'not_found');
    const id = decodeURIComponent(action[1]!);
    const verb = action[2] as 'pay' | 'fail' | 'expire' | 'close';
    if (verb === 'close') {
      const order = find(id);
      if (order.status === 'PAID' || order.status === 'REFUNDED')
        throw new HttpError(409, `order_${order.status.toLowerCase()}`);
      order.status = 'CLOSED';
      return send(res, 200, orderAnswer(order));
    }
    const type = verb === 'pay' ? 'paid' : verb === 'fail' ? 'failed' : 'expired';
    const reason =
      typeof body.reason === 'string' && /^[A-Z0-9_]{1,64}$/.test(body.reason)
        ? body.reason
        : verb === 'fail'
          ? 'INSUFFICIENT_FUNDS'
          : undefined;
    const { notification } = outcome(id, type, reason);
    // Answered at once, as a cashier does; the notification goes out on its own.
    return send(res, 202, { orderId: notification.orderId, status: find(id).status, notificationId: notification.id });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        send(res, 413, { error: 'payload_too_large' });
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        if (error instanceof HttpError) send(res, error.status, { error: error.code });
        else send(res, 500, { error: 'internal' });
      });
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;

  const call = (fn: () => Promise<SentNotification>): Promise<SentNotification> => {
    try {
      return fn();
    } catch (error) {
      return Promise.reject(
        error instanceof HttpError ? new Error(`The simulated provider refused: ${error.code}`) : error,
      );
    }
  };

  return {
    url: baseUrl,
    pay: (orderId) => call(() => outcome(orderId, 'paid').delivered),
    fail: (orderId, reason = 'INSUFFICIENT_FUNDS') => call(() => outcome(orderId, 'failed', reason).delivered),
    expire: (orderId) => call(() => outcome(orderId, 'expired').delivered),
    resend: (notificationId) =>
      call(() => {
        const previous = sent.get(notificationId);
        if (!previous) throw new HttpError(404, 'notification_not_found');
        const again: SentNotification = { ...previous, attempts: [], delivered: false };
        return deliver(again);
      }),
    orders: () => [...byOrderId.values()],
    notifications: () => [...sent.values()],
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      aborter.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
