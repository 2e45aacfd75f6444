import { judge, type Observation, type WatchedEvent } from '../../shared/domain/workflow/reconcile';

/**
 * The reconciler's verdict on an approval (shared/domain/workflow/reconcile.ts): the procedure ends at the approval or
 * the payment, and the licence is issued from their events, so a licence that is due and missing once the execution
 * stopped waiting was lost on the way; one still owed a fee, or a matter without a licence, is not.
 */
const approved: WatchedEvent = {
  eventId: 'e1',
  source: 'gov.one-stop.workflow',
  detailType: 'Application.Approved.v1',
  detail: { caseId: 'C-1' },
  occurredAt: '2026-12-07T03:00:00.000Z',
  relayedAt: '2026-12-07T03:00:01.000Z',
};
const seen = (c: NonNullable<Observation['case']>, execution: Observation['execution'] = 'SUCCEEDED'): Observation => ({
  case: c,
  execution,
});

describe('the reconciler’s verdict on an approved case', () => {
  it('issues a licence that is due and missing after the execution ended', () => {
    expect(judge(approved, seen({ status: 'APPROVED', licence: 'due' }))).toEqual({
      verdict: 'stuck',
      finding: 'approved-without-licence',
      repair: { action: 'issue-licence' },
    });
  });

  it('finds nothing for a matter without a licence, or a case issued already', () => {
    expect(judge(approved, seen({ status: 'APPROVED', licence: 'none' }))).toEqual({ verdict: 'done' });
    expect(judge(approved, seen({ status: 'ISSUED', licenceNo: 'L-1' }))).toEqual({ verdict: 'done' });
  });

  it('looks again later while a fee is owed, also one whose order was never placed', () => {
    expect(judge(approved, seen({ status: 'APPROVED', licence: 'awaiting-payment' }))).toEqual({ verdict: 'later' });
    const owing = {
      status: 'APPROVED' as const,
      licence: 'awaiting-payment' as const,
      payment: { status: 'AWAITING', taskToken: 't' },
    };
    expect(judge(approved, seen(owing))).toEqual({ verdict: 'later' });
    expect(judge(approved, seen(owing, 'RUNNING'))).toEqual({ verdict: 'later' });
  });

  it('answers a paid wait whose resume was lost, even when the licence came from the same event already', () => {
    const paid = { status: 'ISSUED' as const, licenceNo: 'L-1', payment: { status: 'PAID', taskToken: 't' } };
    expect(judge(approved, seen(paid, 'RUNNING'))).toEqual({
      verdict: 'stuck',
      finding: 'lost-wait-token',
      repair: { action: 'answer-payment', taskToken: 't' },
    });
  });
});
