import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchesEventPattern } from '../../infra/local/event-pattern';
import { topology } from '../../infra/topology';
import { applicationAccepted } from '../../shared/contracts/application-events';
import { EVENT_SOURCES } from '../../shared/contracts/event-contract';
import { departmentTaskInputSchema } from '../../shared/domain/workflow/task';

const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'events', 'application-accepted.v1.json'), 'utf8'),
) as Record<string, any>;

/** A deep copy of the fixture with some top-level fields replaced. */
function fixtureWith(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...structuredClone(fixture), ...changes };
}

/** The paths of the issues that refuse `detail`, or [] when it parses. */
function problems(detail: unknown): string[] {
  const result = applicationAccepted.detail.safeParse(detail);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('Application.Accepted.v1 detail', () => {
  it('parses the fixture unchanged', () => {
    expect(applicationAccepted.detail.parse(fixture)).toEqual(fixture);
  });

  it('is what the fixture describes: three stages, Chinese task names', () => {
    const detail = applicationAccepted.detail.parse(fixture);
    expect(detail.stages.map((s) => s.tasks.map((t) => t.name))).toEqual([
      ['食品经营许可审查', '公共卫生条件审查'],
      ['户外招牌设置审查'],
      ['现场核查与发证'],
    ]);
  });

  it('refuses a copy without stages', () => {
    const { stages: _removed, ...withoutStages } = structuredClone(fixture);
    expect(problems(withoutStages)).toEqual(['stages']);
  });

  it('refuses a copy with an empty stage list', () => {
    expect(problems(fixtureWith({ stages: [] }))).toEqual(['stages']);
  });

  it('refuses a copy with a stage whose task list is empty', () => {
    const stages = structuredClone(fixture.stages);
    stages[1].tasks = [];
    expect(problems(fixtureWith({ stages }))).toEqual(['stages.1.tasks']);
  });

  it('refuses a task with a non-positive or fractional time limit, or without a department', () => {
    const stages = structuredClone(fixture.stages);
    stages[0].tasks[0].timeLimitDays = 0;
    stages[0].tasks[1].timeLimitDays = 2.5;
    stages[2].tasks[0].department = '';
    expect(problems(fixtureWith({ stages })).sort()).toEqual([
      'stages.0.tasks.0.timeLimitDays',
      'stages.0.tasks.1.timeLimitDays',
      'stages.2.tasks.0.department',
    ]);
  });

  it.each(['2026-03-02T09:30:00', '2026-03-02 09:30:00+08:00', '2026-03-02', '二〇二六年三月二日'])(
    'refuses the acceptedAt %p (no offset, or not a date-time)',
    (acceptedAt) => {
      expect(problems(fixtureWith({ acceptedAt }))).toEqual(['acceptedAt']);
    },
  );

  it.each(['2026-03-02T01:30:00Z', '2026-03-02T09:30:00.123+08:00'])('accepts the acceptedAt %p', (acceptedAt) => {
    expect(problems(fixtureWith({ acceptedAt }))).toEqual([]);
  });

  it('refuses a copy without caseId, caseNumber or matterCode', () => {
    for (const field of ['caseId', 'caseNumber', 'matterCode']) {
      const copy = structuredClone(fixture);
      delete copy[field];
      expect(problems(copy)).toEqual([field]);
      expect(problems(fixtureWith({ [field]: '' }))).toEqual([field]);
    }
  });

  it('has tasks the procedure hands to openDepartmentTask unchanged', () => {
    fixture.stages.forEach((stage: { tasks: unknown[] }, stageIndex: number) => {
      for (const task of stage.tasks) {
        expect(
          departmentTaskInputSchema.safeParse({ caseId: fixture.caseId, stageIndex, task, taskToken: 't' }).success,
        ).toBe(true);
      }
    });
  });
});

describe('Application.Accepted.v1 source and detail-type', () => {
  const startRule = topology.rules.find((r) => 'function' in r.target && r.target.function === 'startReview');

  it('are the constants of the applications source and major version 1', () => {
    expect(applicationAccepted.source).toBe(EVENT_SOURCES.applications);
    expect(applicationAccepted.source).toBe('gov.one-stop.applications');
    expect(applicationAccepted.detailType).toBe('Application.Accepted.v1');
  });

  it('are exactly what the rule that starts the procedure matches on', () => {
    expect(startRule).toBeDefined();
    expect(startRule!.pattern).toEqual({
      source: [applicationAccepted.source],
      'detail-type': [applicationAccepted.detailType],
    });
    expect(startRule!.target).toEqual({ function: 'startReview' });
  });

  it('make an envelope carrying the fixture match that rule, and other versions or sources not', () => {
    const envelope = {
      version: '0',
      id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      'detail-type': applicationAccepted.detailType,
      source: applicationAccepted.source,
      account: '123456789012',
      time: '2026-03-02T01:30:00Z',
      region: 'cn-north-1',
      resources: [],
      detail: fixture,
    };
    const pattern = startRule!.pattern;
    expect(matchesEventPattern(pattern, envelope)).toBe(true);
    expect(matchesEventPattern(pattern, { ...envelope, 'detail-type': 'Application.Accepted.v2' })).toBe(false);
    expect(matchesEventPattern(pattern, { ...envelope, source: EVENT_SOURCES.workflow })).toBe(false);
  });
});
