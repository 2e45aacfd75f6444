import { useState } from 'react';
import { api, type ApiError, unwrap } from '../../api/client';
import { CommandError } from '../../components/common';
import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import { type CaseView, ORDERABLE } from './status';
import type { Payment } from './use-case';

const messages = defineMessages(
  {
    title: '缴费',
    order: '缴费订单',
    status: '订单状态',
    amount: '应缴金额',
    payBy: '缴费截止',
    paidAt: '缴费时间',
    item: '收费项目',
    basisOf: '收费依据：{basis}',
    unitTimes: '{unit} × {quantity}',
    lineAmount: '金额',
    total: '合计',
    pay: '去缴费',
    payHint: '将打开统一公共支付平台的收银台页面。缴费完成后，本页会自动更新。',
    renew: '重新生成缴费订单',
    renewHint: '原订单已失效，请重新生成订单后缴费。',
    renewing: '正在生成…',
    refund: '退款',
    refundRejected: '申请未获批准，费用退回',
    refundWithdrawn: '申请已撤回，费用退回',
    refundSuperseded: '重复缴费，费用退回',
    refundedAt: '已于 {date} 退回',
    refundPending: '退款处理中',
    refundLine: '{reason}；{state}',
    AWAITING: '待缴费',
    PAID: '已缴费',
    FAILED: '支付失败',
    EXPIRED: '已过期',
    CANCELLED: '已取消',
    REFUNDING: '退款中',
    REFUNDED: '已退款',
  },
  {
    title: 'Fees',
    order: 'Fee order',
    status: 'Order status',
    amount: 'Amount due',
    payBy: 'Pay by',
    paidAt: 'Paid',
    item: 'Item',
    basisOf: 'Legal basis: {basis}',
    unitTimes: '{unit} × {quantity}',
    lineAmount: 'Amount',
    total: 'Total',
    pay: 'Pay now',
    payHint: 'Opens the public payment platform’s cashier page. This page updates itself once you have paid.',
    renew: 'Make a new fee order',
    renewHint: 'The order is no longer valid; make a new one, then pay.',
    renewing: 'Making the order…',
    refund: 'Refund',
    refundRejected: 'The application was not approved; the fee is refunded',
    refundWithdrawn: 'The application was withdrawn; the fee is refunded',
    refundSuperseded: 'Paid twice; the fee is refunded',
    refundedAt: 'Refunded on {date}',
    refundPending: 'Refund under way',
    refundLine: '{reason}; {state}',
    AWAITING: 'Awaiting payment',
    PAID: 'Paid',
    FAILED: 'Payment failed',
    EXPIRED: 'Expired',
    CANCELLED: 'Cancelled',
    REFUNDING: 'Refund under way',
    REFUNDED: 'Refunded',
  },
);

const COLOUR: Record<Payment['order']['status'], string> = {
  AWAITING: 'tag tag--yellow',
  PAID: 'tag tag--green',
  FAILED: 'tag tag--red',
  EXPIRED: 'tag tag--grey',
  CANCELLED: 'tag tag--grey',
  REFUNDING: 'tag',
  REFUNDED: 'tag tag--grey',
};

const REFUND_REASON = {
  rejected: 'refundRejected',
  withdrawn: 'refundWithdrawn',
  superseded: 'refundSuperseded',
} as const;

/** 非税支付: the fee order (lines, amount in 元, status), the cashier link while unpaid, a new order after expiry or failure. */
export function PaymentSection({
  c,
  payment,
  owner,
  onRenewed,
}: {
  c: CaseView;
  payment: Payment;
  owner: boolean;
  onRenewed(): Promise<void>;
}) {
  const t = useT(messages);
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const order = payment.order;
  const renewable = owner && (order.status === 'EXPIRED' || order.status === 'FAILED') && ORDERABLE.includes(c.status);

  const renew = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(api().POST('/applications/{id}/payment/renew', { params: { path: { id: c.id } } }));
      await onRenewed();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="payment-title" className="case-section">
      <h2 id="payment-title">{t('title')}</h2>
      <dl className="summary">
        <div>
          <dt>{t('status')}</dt>
          <dd>
            <strong className={COLOUR[order.status]}>{t(order.status)}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('amount')}</dt>
          <dd>{format.fen(order.amountFen)}</dd>
        </div>
        {order.status === 'AWAITING' && (
          <div>
            <dt>{t('payBy')}</dt>
            <dd>{format.dateTime(order.expiresAt)}</dd>
          </div>
        )}
        {order.paidAt && (
          <div>
            <dt>{t('paidAt')}</dt>
            <dd>{format.dateTime(order.paidAt)}</dd>
          </div>
        )}
        {order.refund && (
          <div>
            <dt>{t('refund')}</dt>
            <dd>
              {t('refundLine', {
                reason: t(REFUND_REASON[order.refund.reason]),
                state: order.refund.refundedAt
                  ? t('refundedAt', { date: format.dateTime(order.refund.refundedAt) })
                  : t('refundPending'),
              })}
            </dd>
          </div>
        )}
      </dl>
      {/* Focusable, so a keyboard can scroll the table sideways on a phone. */}
      <div className="table-scroll" role="region" aria-label={t('order')} tabIndex={0}>
        <table>
          <caption className="visually-hidden">{t('order')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('item')}</th>
              <th scope="col" className="numeric">
                {t('lineAmount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: order lines have no id, may share a name, never reorder
              <tr key={i}>
                <td>
                  {line.name}
                  <span className="payment__line-detail">
                    {t('unitTimes', { unit: format.fen(line.unitFen), quantity: line.quantity })}
                  </span>
                  <span className="payment__line-detail">{t('basisOf', { basis: line.basis })}</span>
                </td>
                <td className="numeric">{format.fen(line.amountFen)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('total')}</th>
              <td className="numeric">
                <strong>{format.fen(order.amountFen)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {owner && order.status === 'AWAITING' && order.payUrl && (
        <>
          <p className="hint">{t('payHint')}</p>
          <p>
            <a className="button" href={order.payUrl} rel="noopener">
              {t('pay')}
            </a>
          </p>
        </>
      )}
      {renewable && (
        <>
          <p>{t('renewHint')}</p>
          <CommandError error={error} />
          <button type="button" className="button" onClick={() => void renew()} disabled={busy}>
            {busy ? t('renewing') : t('renew')}
          </button>
        </>
      )}
    </section>
  );
}
