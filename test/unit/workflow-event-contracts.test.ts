import { topology } from '../../infra/topology';
import { matchesEventPattern } from '../../infra/local/event-pattern';
import { EVENT_SOURCES } from '../../shared/contracts/event-contract';
import { taskDecided, WORKFLOW_EVENTS } from '../../shared/contracts/workflow-events';
import { eventFixture } from '../fixtures/events';

describe.each(WORKFLOW_EVENTS.map((c) => [c.detailType, c] as const))('the %s contract', (detailType, contract) => {
  const fixture = eventFixture(detailType);

  it('parses its fixture unchanged', () => {
    expect(contract.detail.parse(fixture)).toEqual(fixture);
  });

  it('comes from the workflow source with a versioned detail-type', () => {
    expect(contract.source).toBe(EVENT_SOURCES.workflow);
    expect(detailType).toMatch(/^(Application|Task|PostCheck|Commitment)\.[A-Za-z]+\.v\d+$/);
  });

  it('refuses a detail without the event id consumers de-duplicate on, or with a date that is not a date', () => {
    const { eventId: _gone, ...rest } = fixture;
    expect(contract.detail.safeParse(rest).success).toBe(false);
    const dateKey = Object.keys(fixture).find((k) => /Date$/.test(k) && /^\d{4}-\d{2}-\d{2}$/.test(fixture[k]));
    if (dateKey) expect(contract.detail.safeParse({ ...fixture, [dateKey]: '11/03/2026' }).success).toBe(false);
  });

  it('carries no personal data: no ID numbers, 统一社会信用代码 or phone numbers anywhere', () => {
    expect(JSON.stringify(fixture)).not.toMatch(/\d{17}[\dX]|[0-9A-HJ-NPQRTUWXY]{18}|1[3-9]\d{9}/);
    expect(Object.keys(contract.detail.shape)).not.toEqual(expect.arrayContaining(['idNumber', 'uscc', 'result']));
  });
});

describe('the rule that resumes the workflow on a decision', () => {
  const rule = topology.rules.find((r) => 'function' in r.target && r.target.function === 'resumeWorkflow')!;
  const envelope = (source: string, detailType: string, detail: object) => ({
    version: '0',
    id: 'e1',
    source,
    'detail-type': detailType,
    account: '1',
    time: '2026-03-04T02:15:00Z',
    region: 'cn-north-1',
    resources: [],
    detail,
  });

  it('matches Task.Decided.v1 and not the other task events', () => {
    expect(
      matchesEventPattern(
        rule.pattern,
        envelope(taskDecided.source, taskDecided.detailType, eventFixture(taskDecided.detailType)),
      ),
    ).toBe(true);
    expect(
      matchesEventPattern(rule.pattern, envelope(taskDecided.source, 'Task.Opened.v1', eventFixture('Task.Opened.v1'))),
    ).toBe(false);
    expect(
      matchesEventPattern(
        rule.pattern,
        envelope(taskDecided.source, 'Task.Decided.v2', eventFixture(taskDecided.detailType)),
      ),
    ).toBe(false);
  });

  it('sends member cases’ outcomes, and only those, to the bundle', () => {
    const bundleRule = topology.rules.find((r) => 'function' in r.target && r.target.function === 'memberCompleted')!;
    const approved = eventFixture('Application.Approved.v1');
    expect(
      matchesEventPattern(bundleRule.pattern, envelope(EVENT_SOURCES.workflow, 'Application.Approved.v1', approved)),
    ).toBe(false);
    expect(
      matchesEventPattern(
        bundleRule.pattern,
        envelope(EVENT_SOURCES.workflow, 'Application.Approved.v1', { ...approved, parentCaseId: 'b1' }),
      ),
    ).toBe(true);
  });
});
