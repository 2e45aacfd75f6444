import type { Principal } from '../../auth/principal';
import { paymentCancelled, paymentOrdered, paymentRefundRequested } from '../../contracts/payment-events';
import { reachCase, reachCaseAsOwner } from '../applications/access';
import { type Actor, CASE_ACTIONS, type CaseStatus } from '../applications/case';
import { actorOf, apply, caseEvent, retryOnConflict, SYSTEM } from '../applications/changes';
import type { CaseRecord } from '../applications/model';
import { type FeeLine, feeFor } from '../catalogue/fees';
import { ConflictError, NotFoundError } from '../errors';
import { casePaymentOf, fenToYuan, orderIdFor, type PaymentOrder, type RefundReason, refundIdFor } from './model';
import type { PaymentDeps } from './ports';

/**
 * A case's fee order through its life: made when the case is accepted (or when the workflow finds it missing),
 * renewed by the owner after it expired or failed, cancelled unpaid or refunded paid when the case ends. Each step
 * commits the order, the case's projection, its history entry and its event in one transaction; the provider is
 * asked with the platform's own ids, so a retried step never makes a second order or refund there.
 */
const ORDERABLE: readonly CaseStatus[] = CASE_ACTIONS['payment-ordered'].from;
const HOUR_MS = 3_600_000;

async function loadCase(caseId: string, deps: PaymentDeps): Promise<CaseRecord> {
  const record = await deps.app.cases.get(caseId);
  if (!record) throw new NotFoundError(`No case ${caseId}`);
  return record;
}

/** What the case owes (收费标准 of its pinned matter version, on its form). A bundle case never pays: its member cases do. */
export async function feeOfCase(
  record: CaseRecord,
  deps: Pick<PaymentDeps, 'app'>,
): Promise<{ lines: FeeLine[]; totalFen: number }> {
  if (record.kind === 'bundle') return { lines: [], totalFen: 0 };
  const matter = await deps.app.matters.matter(record.matterCode, record.matterVersion);
  return feeFor(matter.content, record.form);
}

export const notifyUrlOf = (deps: Pick<PaymentDeps, 'notifyBaseUrl'>, provider: string) =>
  `${deps.notifyBaseUrl}/${provider}`;

/**
 * Places order number `attempt` of a case: first at the provider, then in one transaction with the case. The
 * commit is refused when the case moved on meanwhile (another attempt committed it, or the case ended); the
 * provider's order is then left to expire unpaid.
 */
async function placeOrder(
  record: CaseRecord,
  fee: { lines: readonly FeeLine[]; totalFen: number },
  attempt: number,
  actor: Actor,
  deps: PaymentDeps,
): Promise<CaseRecord> {
  const matter = await deps.app.matters.matter(record.matterCode, record.matterVersion);
  const orderId = orderIdFor(record.id, attempt);
  const now = deps.app.now();
  const wanted = new Date(now.getTime() + deps.orderHours * HOUR_MS).toISOString();
  const subject = `${matter.content.name} ${record.number}`;
  const created = await deps.provider.createOrder({
    orderId,
    amountFen: fee.totalFen,
    subject,
    expiresAt: wanted,
    notifyUrl: notifyUrlOf(deps, deps.provider.name),
  });
  const order: PaymentOrder = {
    id: orderId,
    caseId: record.id,
    caseNumber: record.number,
    attempt,
    provider: deps.provider.name,
    providerOrderId: created.providerOrderId,
    status: 'AWAITING',
    amountFen: fee.totalFen,
    lines: fee.lines,
    subject,
    payUrl: created.payUrl,
    createdAt: now.toISOString(),
    expiresAt: created.expiresAt ?? wanted,
    version: 1,
  };
  return retryOnConflict(async () => {
    const current = await loadCase(record.id, deps);
    const previous = current.payment;
    const due =
      attempt === 1
        ? !previous
        : previous?.attempt === attempt - 1 && (previous.status === 'EXPIRED' || previous.status === 'FAILED');
    if (!due || !ORDERABLE.includes(current.status)) return current;
    const at = deps.app.now().toISOString();
    return apply(
      current,
      [
        {
          action: 'payment-ordered',
          actor,
          data: { orderId, amountFen: order.amountFen, attempt, expiresAt: order.expiresAt },
          patch: { payment: casePaymentOf(order, previous) },
        },
      ],
      deps.app,
      [
        caseEvent(paymentOrdered, current, at, {
          orderId,
          amountFen: order.amountFen,
          provider: order.provider,
          expiresAt: order.expiresAt,
          attempt,
        }),
      ],
      { items: deps.store.orderItems({ after: order }) },
    );
  });
}

/**
 * Application.Accepted.v1 → the case's first order, when its matter charges a fee for this form. A case that has
 * an order already (a redelivered event), owes nothing or has ended gets none.
 */
export async function orderForCase(
  caseId: string,
  deps: PaymentDeps,
): Promise<'ordered' | 'exists' | 'free' | 'not-orderable'> {
  const record = await loadCase(caseId, deps);
  if (record.payment) return 'exists';
  if (!ORDERABLE.includes(record.status)) return 'not-orderable';
  const fee = await feeOfCase(record, deps);
  if (fee.totalFen <= 0) return 'free';
  const after = await placeOrder(record, fee, 1, SYSTEM, deps);
  return after.payment ? 'ordered' : 'not-orderable';
}

/** The owner renews an order that expired or failed: a new order (new id) for the same amount. */
export async function renewOrder(caseId: string, principal: Principal, deps: PaymentDeps): Promise<CaseRecord> {
  const record = await reachCaseAsOwner(await deps.app.cases.get(caseId), principal, caseId, deps.app);
  const payment = record.payment;
  if (!payment) throw new NotFoundError(`Case ${record.number} has no payment order`);
  if (payment.status !== 'EXPIRED' && payment.status !== 'FAILED')
    throw new ConflictError(`The order is ${payment.status}: only an expired or failed order can be renewed`);
  if (!ORDERABLE.includes(record.status))
    throw new ConflictError(`A case in status ${record.status} takes no new order`);
  // The amount was fixed at acceptance (the form cannot change since): the new order repeats the last one's lines.
  const last = await deps.store.getOrder(payment.orderId);
  const fee = last ? { lines: last.lines, totalFen: last.amountFen } : await feeOfCase(record, deps);
  const after = await placeOrder(record, fee, (payment.attempt ?? 1) + 1, actorOf(principal), deps);
  if (after.payment?.orderId === payment.orderId)
    throw new ConflictError(`The order is ${after.payment.status}: only an expired or failed order can be renewed`);
  return after;
}

/**
 * The case ended (Application.Rejected.v1 or Application.Withdrawn.v1): an unpaid order is cancelled, a paid one
 * refunded. Called again for the same case (a redelivered event), it only re-asks the provider for what the order
 * already records (closing, the same refund), which the provider de-duplicates.
 */
export async function settleOnCaseEnd(
  caseId: string,
  reason: 'rejected' | 'withdrawn',
  deps: PaymentDeps,
): Promise<'none' | 'cancelled' | 'refunding' | 'refunded'> {
  const record = await deps.app.cases.get(caseId);
  const payment = record?.payment;
  if (!record || !payment) return 'none';
  switch (payment.status) {
    case 'AWAITING':
    case 'FAILED':
    case 'EXPIRED':
    case 'CANCELLED':
      return (await cancelOrder(payment.orderId, reason, deps)) === 'PAID'
        ? settleOnCaseEnd(caseId, reason, deps)
        : 'cancelled';
    case 'PAID':
    case 'REFUNDING':
      await requestRefund(payment.orderId, reason, deps);
      return 'refunding';
    case 'REFUNDED':
      return 'refunded';
  }
}

/** Cancels an unpaid order, then closes it at the provider; answers the order's status afterwards. */
async function cancelOrder(
  orderId: string,
  reason: 'rejected' | 'withdrawn',
  deps: PaymentDeps,
): Promise<PaymentOrder['status']> {
  const order = await retryOnConflict(async () => {
    const current = await deps.store.getOrder(orderId);
    if (!current) throw new NotFoundError(`No payment order ${orderId}`);
    if (current.status !== 'AWAITING' && current.status !== 'FAILED' && current.status !== 'EXPIRED') return current;
    const record = await loadCase(current.caseId, deps);
    const at = deps.app.now().toISOString();
    const after: PaymentOrder = { ...current, status: 'CANCELLED', cancelledAt: at, version: current.version + 1 };
    const isCurrent = record.payment?.orderId === current.id;
    await apply(
      record,
      [
        {
          action: 'payment-updated',
          actor: SYSTEM,
          reason: reason === 'rejected' ? '申请未获批准，缴费订单已取消' : '申请已撤回，缴费订单已取消',
          data: { status: 'CANCELLED', orderId },
          ...(isCurrent ? { patch: { payment: casePaymentOf(after, record.payment) } } : {}),
        },
      ],
      deps.app,
      [
        caseEvent(paymentCancelled, record, at, {
          orderId,
          amountFen: current.amountFen,
          provider: current.provider,
          reason,
        }),
      ],
      { items: deps.store.orderItems({ before: current, after }) },
    );
    return after;
  });
  if (order.status === 'CANCELLED')
    await providerFor(order, deps).closeOrder({ orderId: order.id, providerOrderId: order.providerOrderId });
  return order.status;
}

/**
 * A paid order is refunded: REFUNDING is committed first (with `refund-requested` on an ended case), then the
 * provider is asked with the order's refund id; the provider's `refunded` notification completes it. Called again
 * for an order already refunding, it asks the provider again with the same refund id (a lost request is repeated,
 * a received one is not repeated by the provider).
 */
export async function requestRefund(orderId: string, reason: RefundReason, deps: PaymentDeps): Promise<PaymentOrder> {
  const order = await retryOnConflict(async () => {
    const current = await deps.store.getOrder(orderId);
    if (!current) throw new NotFoundError(`No payment order ${orderId}`);
    if (current.status !== 'PAID') return current;
    const record = await loadCase(current.caseId, deps);
    const at = deps.app.now().toISOString();
    const refundId = refundIdFor(current.id);
    const after: PaymentOrder = {
      ...current,
      status: 'REFUNDING',
      refund: { id: refundId, reason, requestedAt: at },
      version: current.version + 1,
    };
    const isCurrent = record.payment?.orderId === current.id;
    const action =
      isCurrent && CASE_ACTIONS['refund-requested'].from.includes(record.status as never)
        ? 'refund-requested'
        : 'payment-updated';
    await apply(
      record,
      [
        {
          action,
          actor: SYSTEM,
          reason:
            reason === 'superseded'
              ? '重复缴费，原订单退款'
              : reason === 'rejected'
                ? '申请未获批准，已缴费用退还'
                : '申请已撤回，已缴费用退还',
          data: { status: 'REFUNDING', orderId, refundId, amountFen: current.amountFen },
          ...(isCurrent ? { patch: { payment: casePaymentOf(after, record.payment) } } : {}),
        },
      ],
      deps.app,
      [
        caseEvent(paymentRefundRequested, record, at, {
          orderId,
          amountFen: current.amountFen,
          provider: current.provider,
          refundId,
          reason,
        }),
      ],
      { items: deps.store.orderItems({ before: current, after }) },
    );
    return after;
  });
  if (order.status === 'REFUNDING' && order.refund) {
    await providerFor(order, deps).refund({
      orderId: order.id,
      providerOrderId: order.providerOrderId,
      refundId: order.refund.id,
      amountFen: order.amountFen,
      reason: order.refund.reason,
      notifyUrl: notifyUrlOf(deps, order.provider),
    });
  }
  return order;
}

/** An order is settled with the provider that made it, even after the platform switched providers. */
function providerFor(order: PaymentOrder, deps: PaymentDeps) {
  const provider = deps.providerNamed(order.provider);
  if (!provider) throw new Error(`Payment provider ${order.provider} of order ${order.id} is not configured`);
  return provider;
}

// ---- the workflow's wait before issuance ----

export type AwaitOutcome =
  | { readonly answerNow: true; readonly output: { caseId: string; payment: 'none' | 'PAID'; orderId?: string } }
  | { readonly answerNow: false };

/**
 * The procedure's step between approval and issuance (waitForTaskToken). A case that owes nothing, or has paid,
 * is answered at once; otherwise the token is stored on the case with a history entry, so that the Paid
 * notification (committed before or after it, never lost between the two: both write the case under its sequence
 * number) answers it. An order missing here (its creation failed at acceptance) is made now.
 */
export async function awaitPayment(caseId: string, taskToken: string, deps: PaymentDeps): Promise<AwaitOutcome> {
  for (let round = 0; round < 2; round++) {
    const record = await loadCase(caseId, deps);
    if (!record.payment) {
      const fee = await feeOfCase(record, deps);
      if (fee.totalFen <= 0) return { answerNow: true, output: { caseId, payment: 'none' } };
      await placeOrder(record, fee, 1, SYSTEM, deps);
      continue;
    }
    return retryOnConflict(async () => {
      const current = await loadCase(caseId, deps);
      const payment = current.payment!;
      if (payment.status === 'PAID')
        return { answerNow: true, output: { caseId, payment: 'PAID', orderId: payment.orderId } };
      if (payment.taskToken === taskToken) return { answerNow: false };
      await apply(
        current,
        [
          {
            action: 'payment-updated',
            actor: SYSTEM,
            reason: '审批通过，缴费后出证',
            data: { status: payment.status, orderId: payment.orderId, awaiting: 'issuance' },
            patch: { payment: { ...payment, taskToken } },
          },
        ],
        deps.app,
      );
      return { answerNow: false };
    });
  }
  throw new Error(`Case ${caseId} owes a fee but its order could not be made`);
}

// ---- what the owner and staff see ----

function orderView(order: PaymentOrder, owner: boolean) {
  return {
    orderId: order.id,
    attempt: order.attempt,
    status: order.status,
    amountFen: order.amountFen,
    amount: fenToYuan(order.amountFen),
    currency: 'CNY' as const,
    lines: order.lines.map((l) => ({ ...l })),
    provider: order.provider,
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    ...(order.paidAt ? { paidAt: order.paidAt } : {}),
    ...(order.failedAt ? { failedAt: order.failedAt } : {}),
    ...(order.expiredAt ? { expiredAt: order.expiredAt } : {}),
    ...(order.cancelledAt ? { cancelledAt: order.cancelledAt } : {}),
    ...(order.refund
      ? {
          refund: {
            reason: order.refund.reason,
            requestedAt: order.refund.requestedAt,
            ...(order.refund.refundedAt ? { refundedAt: order.refund.refundedAt } : {}),
          },
        }
      : {}),
    // Whoever holds the cashier page could pay or read the order: its owner only, and only while it can be paid.
    ...(owner && order.status === 'AWAITING' ? { payUrl: order.payUrl } : {}),
  };
}

/** The case's current order, the orders it replaced and the provider's notifications; 404 for whoever may not see the case. */
export async function paymentView(caseId: string, principal: Principal, deps: PaymentDeps) {
  const record = await reachCase(await deps.app.cases.get(caseId), principal, caseId, deps.app);
  if (!record.payment) throw new NotFoundError(`Case ${record.number} has no payment order`);
  const { orders, notifications } = await deps.store.recordsOf(record.id);
  const current = orders.find((o) => o.id === record.payment!.orderId);
  if (!current) throw new NotFoundError(`Case ${record.number} has no payment order`);
  const owner = principal.role === 'applicant' || principal.role === 'agent';
  return {
    caseId: record.id,
    caseNumber: record.number,
    order: orderView(current, owner),
    previousOrders: orders.filter((o) => o.id !== current.id).map((o) => orderView(o, false)),
    notifications: notifications.map((n) => ({
      id: n.id,
      orderId: n.orderId!,
      type: n.notificationType!,
      ...(n.occurredAt ? { occurredAt: n.occurredAt } : {}),
      receivedAt: n.receivedAt,
      outcome: n.status,
    })),
  };
}

/** Renews an expired or failed order, answered with the case's payment as its owner now sees it. */
export async function renewOrderView(caseId: string, principal: Principal, deps: PaymentDeps) {
  await renewOrder(caseId, principal, deps);
  return paymentView(caseId, principal, deps);
}
