import { caseEventBase } from '../../shared/contracts/case-event';
import { EVENT_SOURCES } from '../../shared/contracts/event-contract';
import { PAYMENT_EVENTS, paymentFailed, paymentOrdered } from '../../shared/contracts/payment-events';
import { orderIdFor, refundIdFor } from '../../shared/domain/payments/model';
import { eventFixture } from '../fixtures/events';

const PERSONAL = /\d{17}[\dX]|[0-9A-HJ-NPQRTUWXY]{18}|1[3-9]\d{9}|@/;

describe.each(PAYMENT_EVENTS.map((c) => [c.detailType, c] as const))('the %s contract', (detailType, contract) => {
  const fixture = eventFixture(detailType);

  it('parses its fixture unchanged, from the payments source with a versioned detail-type', () => {
    expect(contract.detail.parse(fixture)).toEqual(fixture);
    expect(contract.source).toBe(EVENT_SOURCES.payments);
    expect(detailType).toMatch(/^Payment\.[A-Za-z]+\.v\d+$/);
  });

  it('carries the case’s dimensions and refuses a detail without the event id consumers de-duplicate on', () => {
    for (const key of Object.keys(caseEventBase.shape)) expect(contract.detail.shape).toHaveProperty(key);
    const { eventId: _gone, ...rest } = fixture;
    expect(contract.detail.safeParse(rest).success).toBe(false);
  });

  it('carries no personal data and no cashier URL', () => {
    expect(JSON.stringify(fixture)).not.toMatch(PERSONAL);
    expect(JSON.stringify(fixture)).not.toMatch(/https?:/);
    expect(Object.keys(contract.detail.shape)).not.toEqual(expect.arrayContaining(['payUrl']));
    // Even when a publisher passes one, the contract drops it.
    expect(contract.detail.parse({ ...fixture, payUrl: 'http://cashier.example/x' })).not.toHaveProperty('payUrl');
  });
});

it('amounts are whole fen: a fraction or nothing is refused', () => {
  expect(paymentOrdered.detail.safeParse({ ...eventFixture('Payment.Ordered.v1'), amountFen: 80.5 }).success).toBe(
    false,
  );
  expect(paymentOrdered.detail.safeParse({ ...eventFixture('Payment.Ordered.v1'), amountFen: 0 }).success).toBe(false);
});

it('a failure reason is a provider code, never free text', () => {
  expect(
    paymentFailed.detail.safeParse({ ...eventFixture('Payment.Failed.v1'), reason: '余额不足 13812345678' }).success,
  ).toBe(false);
});

it('order and refund ids are short, stable per case and attempt, and never look like personal data', () => {
  const id = orderIdFor('8d2f6a1c-4b3e-4f5a-9c7d-1e2f3a4b5c6d', 1);
  expect(id).toBe(orderIdFor('8d2f6a1c-4b3e-4f5a-9c7d-1e2f3a4b5c6d', 1));
  expect(id).not.toBe(orderIdFor('8d2f6a1c-4b3e-4f5a-9c7d-1e2f3a4b5c6d', 2));
  expect(id).toMatch(/^P[a-p]{30}$/);
  expect(refundIdFor(id)).toMatch(/^R[a-p]{30}$/);
  expect(`${id} ${refundIdFor(id)}`).not.toMatch(PERSONAL);
});
