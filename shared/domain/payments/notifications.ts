import { createHash } from 'node:crypto';
import { paymentExpired, paymentFailed, paymentPaid, paymentRefunded } from '../../contracts/payment-events';
import type { HeaderSource } from '../../webhooks/standard-webhooks';
import type { Actor } from '../applications/case';
import { apply, caseEvent, retryOnConflict } from '../applications/changes';
import { ConcurrentChangeError, ConflictError, type DomainError, NotFoundError, RuleViolationError } from '../errors';
import {
  casePaymentOf,
  type NotificationRecord,
  type NotificationType,
  type PaymentNotification,
  type PaymentOrder,
  type PaymentStatus,
} from './model';
import type { PaymentDeps } from './ports';
import { requestRefund } from './orders';

/**
 * A payment provider's signed notification (paid, failed, expired, refunded). As with departments' callbacks: the
 * signature and timestamp are checked on the raw body before it is parsed (401, nothing changes); each notification
 * id is processed once, and a replay gets the first answer while the same id with another body gets 409. The order,
 * the case's projection and history, the event and the de-duplication record commit in one transaction.
 */
const TRANSITIONS: Record<NotificationType, { readonly from: readonly PaymentStatus[]; readonly to: PaymentStatus }> = {
  // Money that arrived is taken note of whatever the order's state; a payment the case no longer needs is refunded.
  paid: { from: ['AWAITING', 'FAILED', 'EXPIRED', 'CANCELLED'], to: 'PAID' },
  failed: { from: ['AWAITING'], to: 'FAILED' },
  expired: { from: ['AWAITING', 'FAILED'], to: 'EXPIRED' },
  // PAID as well: a refund made at the provider's console is recorded too.
  refunded: { from: ['REFUNDING', 'PAID'], to: 'REFUNDED' },
};

/** The order after a notification, or undefined when it changes nothing (stale, or already applied under another id). */
export function applyToOrder(
  order: PaymentOrder,
  n: PaymentNotification,
  receivedAt: string,
): PaymentOrder | undefined {
  const rule = TRANSITIONS[n.type];
  if (!rule.from.includes(order.status)) return undefined;
  const base = { ...order, status: rule.to, version: order.version + 1 };
  switch (n.type) {
    case 'paid':
      return { ...base, paidAt: n.occurredAt };
    case 'failed':
      return { ...base, failedAt: n.occurredAt };
    case 'expired':
      return { ...base, expiredAt: n.occurredAt };
    case 'refunded':
      return {
        ...base,
        refund: {
          id: order.refund?.id ?? n.refundId ?? n.id,
          reason: order.refund?.reason ?? 'superseded',
          requestedAt: order.refund?.requestedAt ?? receivedAt,
          refundedAt: n.occurredAt,
        },
      };
  }
}

export interface NotificationAnswer {
  readonly status: number;
  readonly body: unknown;
  /** A wait token to answer now: the case's current order was just paid while the procedure waited for it. */
  readonly resume?: { readonly token: string; readonly output: { caseId: string; payment: 'PAID'; orderId: string } };
}

const errorBody = (error: DomainError) => ({
  error: { code: error.name, message: error.message, ...(error.details.length ? { details: error.details } : {}) },
});

export async function receiveNotification(
  providerName: string,
  headers: HeaderSource,
  rawBody: string,
  deps: PaymentDeps,
): Promise<NotificationAnswer> {
  const provider = deps.providerNamed(providerName);
  if (!provider) throw new NotFoundError(`No payment provider ${providerName}`);
  const notification = await provider.verifyNotification(headers, rawBody);
  const bodyHash = createHash('sha256').update(rawBody).digest('hex');
  const receivedAt = deps.app.now().toISOString();
  const base = {
    provider: provider.name,
    id: notification.id,
    bodyHash,
    receivedAt,
    notificationType: notification.type,
    occurredAt: notification.occurredAt,
  };

  return retryOnConflict(async () => {
    const seen = await deps.store.getNotification(provider.name, notification.id);
    if (seen) return replay(seen, bodyHash, deps);
    const order =
      (await deps.store.getOrder(notification.orderId)) ??
      (notification.providerOrderId
        ? await deps.store.getOrderByProviderId(provider.name, notification.providerOrderId)
        : undefined);
    // Not remembered: an order this platform does not (yet) know is worth the provider's retry.
    if (!order || order.provider !== provider.name) throw new NotFoundError(`No payment order ${notification.orderId}`);
    const record: NotificationRecord = {
      ...base,
      caseId: order.caseId,
      orderId: order.id,
      status: 200,
      answer: undefined,
    };

    const refusal = check(order, notification);
    if (refusal) {
      const answer = { status: deps.refusalStatus(refusal), body: errorBody(refusal) };
      if (!(await deps.store.putNotification({ ...record, status: answer.status, answer: answer.body })))
        throw new ConcurrentChangeError('A notification with this id was recorded meanwhile');
      deps.log.info('payment notification refused', {
        orderId: order.id,
        type: notification.type,
        reason: refusal.message,
      });
      return answer;
    }

    const after = applyToOrder(order, notification, receivedAt);
    const body = {
      notificationId: notification.id,
      orderId: order.id,
      status: (after ?? order).status,
      applied: after !== undefined,
    };
    if (!after) {
      // Already in that state (the same outcome under another id) or stale: answered, remembered, nothing changes.
      if (!(await deps.store.putNotification({ ...record, answer: body })))
        throw new ConcurrentChangeError('A notification with this id was recorded meanwhile');
      return { status: 200, body };
    }

    const caseRecord = await deps.app.cases.get(order.caseId);
    if (!caseRecord) throw new NotFoundError(`No case ${order.caseId}`);
    const isCurrent = caseRecord.payment?.orderId === order.id;
    const actor: Actor = { sub: `system:payment-provider:${provider.name}`, role: 'system' };
    const fields = { orderId: order.id, amountFen: order.amountFen, provider: order.provider };
    const event =
      notification.type === 'paid'
        ? caseEvent(paymentPaid, caseRecord, receivedAt, {
            ...fields,
            paidAt: after.paidAt!,
            notificationId: notification.id,
          })
        : notification.type === 'failed'
          ? caseEvent(paymentFailed, caseRecord, receivedAt, {
              ...fields,
              notificationId: notification.id,
              ...(notification.reason ? { reason: notification.reason } : {}),
            })
          : notification.type === 'expired'
            ? caseEvent(paymentExpired, caseRecord, receivedAt, { ...fields, notificationId: notification.id })
            : caseEvent(paymentRefunded, caseRecord, receivedAt, {
                ...fields,
                refundId: after.refund!.id,
                refundedAt: after.refund!.refundedAt!,
                notificationId: notification.id,
              });
    // Any failed condition (the case, the order or this notification's record written meanwhile) re-reads and retries.
    const committed = await apply(
      caseRecord,
      [
        {
          action: 'payment-updated',
          actor,
          data: { status: after.status, notificationId: notification.id, orderId: order.id },
          ...(isCurrent ? { patch: { payment: casePaymentOf(after, caseRecord.payment) } } : {}),
        },
      ],
      deps.app,
      [event],
      {
        items: [
          ...deps.store.orderItems({ before: order, after }),
          deps.store.notificationItem({ ...record, answer: body }),
        ],
      },
    );
    const token = committed.payment?.taskToken;
    return {
      status: 200,
      body,
      ...(isCurrent && after.status === 'PAID' && token
        ? { resume: { token, output: { caseId: order.caseId, payment: 'PAID' as const, orderId: order.id } } }
        : {}),
    };
  });
}

/** A notification that contradicts the order: refused (and remembered), the order is unchanged. */
function check(order: PaymentOrder, n: PaymentNotification): DomainError | undefined {
  if (n.providerOrderId && n.providerOrderId !== order.providerOrderId) {
    return new RuleViolationError('The notification names another provider order', [
      { path: 'body.providerOrderId', rule: 'equals', message: 'must be the order’s provider order id' },
    ]);
  }
  if ((n.type === 'paid' || n.type === 'refunded') && n.amountFen !== order.amountFen) {
    return new RuleViolationError(`The amount ${n.amountFen} fen is not the order’s ${order.amountFen} fen`, [
      { path: 'body.amountFen', rule: 'equals', message: `must be ${order.amountFen}` },
    ]);
  }
  return undefined;
}

function replay(
  seen: NotificationRecord,
  bodyHash: string,
  deps: Pick<PaymentDeps, 'refusalStatus'>,
): NotificationAnswer {
  if (seen.bodyHash !== bodyHash) {
    const conflict = new ConflictError('This notification id was used with another body');
    return { status: deps.refusalStatus(conflict), body: errorBody(conflict) };
  }
  return { status: seen.status, body: seen.answer };
}

/**
 * A provider's notification answered, and a payment the procedure waits for resumed at once. Best effort: the
 * provider's answer must not wait on, or fail with, the workflow; the Payment.Paid.v1 consumer (afterPaid) answers
 * the wait again if this attempt is lost.
 */
export async function answerNotification(
  providerName: string,
  headers: HeaderSource,
  rawBody: string,
  deps: PaymentDeps,
): Promise<Omit<NotificationAnswer, 'resume'>> {
  const answer = await receiveNotification(providerName, headers, rawBody, deps);
  if (answer.resume) {
    await deps.engine
      .taskSuccess(answer.resume.token, answer.resume.output)
      .catch((error: Error) => deps.log.info('payment resume deferred to the event', { error: error.name }));
  }
  return { status: answer.status, body: answer.body };
}

/**
 * Payment.Paid.v1 (at least once): the wait before issuance is answered; or, when the payment is no longer needed
 * (the case ended, or a newer order replaced this one), it is refunded. An already answered token is ignored.
 */
export async function afterPaid(orderId: string, deps: PaymentDeps): Promise<'resumed' | 'refunding' | 'nothing'> {
  const order = await deps.store.getOrder(orderId);
  if (order?.status !== 'PAID') return 'nothing';
  const record = await deps.app.cases.get(order.caseId);
  if (!record) return 'nothing';
  if (record.payment?.orderId !== order.id) {
    await requestRefund(order.id, 'superseded', deps);
    return 'refunding';
  }
  if (record.status === 'REJECTED' || record.status === 'WITHDRAWN') {
    await requestRefund(order.id, record.status === 'REJECTED' ? 'rejected' : 'withdrawn', deps);
    return 'refunding';
  }
  if (!record.payment.taskToken) return 'nothing';
  const answered = await deps.engine.taskSuccess(record.payment.taskToken, {
    caseId: record.id,
    payment: 'PAID',
    orderId: order.id,
  });
  return answered === 'done' ? 'resumed' : 'nothing';
}
