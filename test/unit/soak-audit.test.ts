import { type HistoryEntry, nextEntry } from '../../shared/domain/applications/case';
import { audit, type AuditInput } from '../../bench/soak-audit';

/** A small end state that passes: one issued case with its chain, events, licence, message, counter and statistics. */
function cleanState(): {
  told: AuditInput['told'];
  items: Record<string, unknown>[];
  archive: AuditInput['archive'][number][];
} {
  const caseId = 'c1';
  const history: HistoryEntry[] = [];
  const at = '2026-03-02T01:00:00.000Z';
  const steps = [
    ['created', undefined],
    ['submitted', 'DRAFT'],
    ['accepted', 'SUBMITTED'],
  ] as const;
  for (const [action, status] of steps)
    history.push(nextEntry(history.at(-1), status, { at, actor: { sub: 'a', role: 'applicant' } as never, action }));
  const event = (type: string, eventId: string) => ({ 'detail-type': type, detail: { eventId, caseId } });
  return {
    told: [{ caseId, matterCode: 'SEAL-FILING', expectsLicence: true }],
    items: [
      { pk: `CASE#${caseId}`, sk: 'CASE', type: 'Case', id: caseId, status: 'ISSUED' },
      ...history.map((h) => ({
        pk: `CASE#${caseId}`,
        sk: `H#${String(h.seq).padStart(6, '0')}`,
        type: 'CaseHistory',
        ...h,
      })),
      { pk: 'LICENCE#L1', sk: 'LICENCE', type: 'Licence', licenceNo: 'L1', caseId },
      {
        pk: 'INBOX#a',
        sk: 'MSG#m1',
        type: 'InboxMessage',
        recipientKey: 'a',
        eventId: 'e2',
        detailType: 'Application.Accepted.v1',
        caseId,
        read: false,
      },
      { pk: 'INBOX#a', sk: 'UNREAD', type: 'InboxCounter', count: 1 },
      { pk: 'STAT#2026-03-02#0', sk: 'X', type: 'Stat', submitted: 1 },
      {
        pk: 'STATEVENT#2026-03-02#0',
        sk: 'e1',
        type: 'StatEvent',
        eventId: 'e1',
        detailType: 'Application.Submitted.v1',
        submitted: 1,
      },
    ],
    archive: [
      event('Application.Submitted.v1', 'e1'),
      event('Application.Accepted.v1', 'e2'),
      event('Application.Accepted.v1', 'e2'),
      event('Licence.Issued.v1', 'e3'),
    ],
  };
}

describe('the soak audit', () => {
  test('a clean end state passes, an event archived twice with one id included', () => {
    const report = audit(cleanState());
    expect(report.findings).toEqual([]);
    expect([report.lost, report.duplicated, report.ok]).toEqual([0, 0, true]);
  });

  test('two licences for one case are one duplicate', () => {
    const state = cleanState();
    state.items.push({ pk: 'LICENCE#L2', sk: 'LICENCE', type: 'Licence', licenceNo: 'L2', caseId: 'c1' });
    const report = audit(state);
    expect([report.lost, report.duplicated, report.ok]).toEqual([0, 1, false]);
    expect(report.findings[0]).toMatchObject({
      kind: 'duplicated',
      check: 'licence per approved matter',
      subject: 'c1',
    });
  });

  test('an inbox message made twice for one event is duplicated, and so is the unread counter counting it', () => {
    const state = cleanState();
    state.items.push({
      pk: 'INBOX#a',
      sk: 'MSG#m2',
      type: 'InboxMessage',
      recipientKey: 'a',
      eventId: 'e2',
      detailType: 'Application.Accepted.v1',
      caseId: 'c1',
      read: false,
    });
    const counter = state.items.find((i) => i.type === 'InboxCounter')!;
    counter.count = 2;
    const report = audit(state);
    expect(report.duplicated).toBe(1);
    expect(report.checks['inbox messages'].duplicated).toBe(1);
  });

  test('a counter incremented twice for one event is a duplicated statistic', () => {
    const state = cleanState();
    state.items.find((i) => i.type === 'Stat')!.submitted = 2;
    const report = audit(state);
    expect(report.checks.statistics).toMatchObject({ duplicated: 1, lost: 0 });
  });

  test('a case stuck in review without its acceptance event is lost (once for the state, once for the event)', () => {
    const state = cleanState();
    state.items.find((i) => i.type === 'Case')!.status = 'IN_REVIEW';
    state.items.splice(
      state.items.findIndex((i) => i.type === 'Licence'),
      1,
    );
    state.archive = state.archive.filter((e) => e['detail-type'] !== 'Application.Accepted.v1');
    const report = audit(state);
    expect(report.checks['terminal state'].lost).toBe(1);
    expect(report.checks['licence per approved matter'].checked).toBe(0);
    expect(report.checks['case events'].lost).toBe(1);
    expect(report.ok).toBe(false);
  });

  test('an approved matter left without its licence is lost', () => {
    const state = cleanState();
    state.items.find((i) => i.type === 'Case')!.status = 'APPROVED';
    state.items.splice(
      state.items.findIndex((i) => i.type === 'Licence'),
      1,
    );
    const report = audit(state);
    expect(report.checks['licence per approved matter']).toMatchObject({ checked: 1, lost: 1 });
    expect(report.findings.map((f) => f.detail)).toEqual(
      expect.arrayContaining(['stuck in APPROVED', 'approved without a licence']),
    );
  });

  test('an edited history entry breaks the chain', () => {
    const state = cleanState();
    const entry = state.items.find((i) => i.type === 'CaseHistory' && i.seq === 2)!;
    entry.reason = 'changed afterwards';
    const report = audit(state);
    expect(report.broken).toBe(1);
    expect(report.findings[0]).toMatchObject({ check: 'hash chain', subject: 'c1' });
  });

  test('a fee paid twice is a duplicate', () => {
    const state = cleanState();
    state.items.push(
      { pk: 'PAYORDER#o1', sk: 'ORDER', type: 'PaymentOrder', caseId: 'c1', status: 'PAID' },
      { pk: 'PAYORDER#o2', sk: 'ORDER', type: 'PaymentOrder', caseId: 'c1', status: 'PAID' },
    );
    expect(audit(state).checks['fees paid'].duplicated).toBe(1);
  });
});
