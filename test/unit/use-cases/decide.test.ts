import type { Principal } from '../../../shared/auth/principal';
import { decideAcceptance } from '../../../shared/domain/applications/acceptance';
import { verifyChain } from '../../../shared/domain/applications/case';
import { ConflictError, NotFoundError, RuleViolationError, ValidationError } from '../../../shared/domain/errors';
import { type DecisionActor, decide } from '../../../shared/domain/workflow/decide';
import { claimTask } from '../../../shared/domain/workflow/department-tasks';
import { detailTypes, expectRefusedWithoutChange, lastCommittedEvents } from '../../support/in-memory/expectations';
import { acceptedFoodCase, caseInReview, submittedFoodCase, uploadFile } from '../../support/in-memory/scenarios';
import { inMemoryWorld, PRINCIPALS } from '../../support/in-memory/world';

const { samr, samrColleague, health, urban, window } = PRINCIPALS;

/** As the to-do API calls it (functions/workflow/tasks-api.ts). */
const staff = (principal: Principal): DecisionActor => ({
  sub: principal.sub,
  role: principal.role,
  department: principal.department ?? '',
  via: 'todo',
});
/** As a department system's signed callback calls it (shared/domain/integration/callbacks.ts). */
const callback = (department: string): DecisionActor => ({
  sub: `system:${department}`,
  role: 'system',
  department,
  via: 'callback',
  callbackId: `cb-${department}-1`,
});

async function reviewWorld() {
  const world = inMemoryWorld();
  const { record, tasks } = await caseInReview(world, await acceptedFoodCase(world));
  return { world, record, samrTask: tasks.SAMR!, healthTask: tasks.HEALTH! };
}

describe('decide: approve and reject', () => {
  it('approves a department’s task: the task, the case history and Task.Decided.v1 in one transaction', async () => {
    const { world, record, samrTask } = await reviewWorld();
    const decided = await decide(samrTask.id, { decision: 'approve', reason: '材料齐全' }, staff(samr), world.deps);

    expect(decided.task).toMatchObject({
      status: 'APPROVED',
      version: samrTask.version + 1,
      decision: { decision: 'approve', by: samr.sub, via: 'todo', reason: '材料齐全' },
    });
    expect(decided.case).toMatchObject({ status: 'IN_REVIEW', seq: record.seq + 1 });
    expect(await world.cases.getTask(samrTask.id)).toEqual(decided.task);
    const events = lastCommittedEvents(world.cases);
    expect(world.cases.transactions.at(-1)).toMatchObject({ caseIds: [record.id], taskIds: [samrTask.id] });
    expect(detailTypes(events)).toEqual(['Task.Decided.v1']);
    expect(events[0]!.detail).toMatchObject({
      caseId: record.id,
      taskId: samrTask.id,
      taskDepartment: 'SAMR',
      stageIndex: 0,
      decision: 'approve',
      via: 'todo',
    });
    expect((await world.cases.history(record.id)).at(-1)).toMatchObject({
      action: 'task-approved',
      actor: { sub: samr.sub, role: 'department' },
      data: { taskId: samrTask.id },
    });

    await expectRefusedWithoutChange(
      world.cases,
      () => decide(samrTask.id, { decision: 'approve' }, staff(samr), world.deps),
      ConflictError,
      /already approved/,
    );
  });

  it('rejects with a written reason only (不予许可), keeping the case in review for the procedure to close', async () => {
    const { world, record, healthTask } = await reviewWorld();
    await expectRefusedWithoutChange(
      world.cases,
      () => decide(healthTask.id, { decision: 'reject' }, staff(health), world.deps),
      ValidationError,
      /needs a reason/,
    );

    const decided = await decide(
      healthTask.id,
      { decision: 'reject', reason: '从业人员健康证明已过期' },
      staff(health),
      world.deps,
    );
    expect(decided.task).toMatchObject({
      status: 'REJECTED',
      decision: { decision: 'reject', reason: '从业人员健康证明已过期' },
    });
    expect(decided.case.status).toBe('IN_REVIEW');
    const events = lastCommittedEvents(world.cases);
    expect(detailTypes(events)).toEqual(['Task.Decided.v1']);
    expect(events[0]!.detail).toMatchObject({
      caseId: record.id,
      taskId: healthTask.id,
      decision: 'reject',
      reason: '从业人员健康证明已过期',
    });
  });

  it('returns the case to the applicant: the task and the case clock pause, and an approval must wait', async () => {
    const { world, record, samrTask } = await reviewWorld();
    const items = [{ target: 'field' as const, code: 'premisesArea', message: '请按平面图填写经营面积' }];
    const decided = await decide(
      samrTask.id,
      { decision: 'return', reason: '面积与平面图不符', corrections: items },
      staff(samr),
      world.deps,
    );

    expect(decided.task).toMatchObject({ status: 'RETURNED', pause: { kind: 'return', since: '2026-03-02' } });
    expect(decided.case).toMatchObject({
      status: 'RETURNED',
      corrections: items,
      review: { pause: { heldBy: [samrTask.id] } },
    });
    const events = lastCommittedEvents(world.cases);
    expect(detailTypes(events)).toEqual(['Task.Returned.v1']);
    expect(events[0]!.detail).toMatchObject({ caseId: record.id, taskId: samrTask.id, items });
    await expectRefusedWithoutChange(
      world.cases,
      () => decide(samrTask.id, { decision: 'approve' }, staff(samr), world.deps),
      ConflictError,
      /wait for the applicant/,
    );
  });

  it('will not approve before a material accepted as missing (容缺) arrives', async () => {
    const world = inMemoryWorld();
    const submitted = await submittedFoodCase(world);
    const accepted = await decideAcceptance(
      submitted.id,
      { decision: 'accept', tolerated: ['healthCertificates'] },
      window,
      world.deps,
    );
    const { tasks } = await caseInReview(world, accepted);

    const refused = await expectRefusedWithoutChange(
      world.cases,
      () => decide(tasks.HEALTH!.id, { decision: 'approve' }, staff(health), world.deps),
      RuleViolationError,
    );
    expect((refused as RuleViolationError).details).toMatchObject([
      { path: 'materials.healthCertificates', rule: 'tolerated' },
    ]);
    await uploadFile(world, submitted.id, 'healthCertificates');
    expect((await decide(tasks.HEALTH!.id, { decision: 'approve' }, staff(health), world.deps)).task.status).toBe(
      'APPROVED',
    );
  });
});

describe('decide: who may decide', () => {
  it('is the task’s own department only: another department is told the task does not exist', async () => {
    const { world, samrTask } = await reviewWorld();
    await expectRefusedWithoutChange(
      world.cases,
      () => decide(samrTask.id, { decision: 'approve' }, staff(urban), world.deps),
      NotFoundError,
    );
    await expectRefusedWithoutChange(
      world.cases,
      () => decide(samrTask.id, { decision: 'approve' }, staff(health), world.deps),
      NotFoundError,
    );
    await expectRefusedWithoutChange(
      world.cases,
      () => decide(samrTask.id, { decision: 'approve' }, staff(window), world.deps),
      NotFoundError,
    );
  });

  it('is the claimant, in the to-do list; the department’s system may still decide a claimed task', async () => {
    const { world, samrTask } = await reviewWorld();
    const claimed = await claimTask(samrTask.id, samr, world.deps);
    expect(claimed).toMatchObject({ status: 'CLAIMED', claimedBy: samr.sub, claimedByName: samr.name });

    await expectRefusedWithoutChange(
      world.cases,
      () => decide(samrTask.id, { decision: 'approve' }, staff(samrColleague), world.deps),
      ConflictError,
      /claimed/,
    );
    const decided = await decide(samrTask.id, { decision: 'approve' }, callback('SAMR'), world.deps);
    expect(decided.task.decision).toMatchObject({ via: 'callback', callbackId: 'cb-SAMR-1', by: 'system:SAMR' });
  });
});

describe('decide: concurrent decisions', () => {
  it('tries again on the current case when a parallel task’s decision changed it: both land', async () => {
    const { world, record, samrTask, healthTask } = await reviewWorld();
    world.cases.beforeNextCommit(async () => {
      await decide(healthTask.id, { decision: 'approve' }, staff(health), world.deps);
    });
    const decided = await decide(samrTask.id, { decision: 'approve' }, staff(samr), world.deps);

    expect(decided.case.seq).toBe(record.seq + 2);
    expect((await world.cases.tasksOf(record.id)).map((t) => [t.department, t.status])).toEqual([
      ['HEALTH', 'APPROVED'],
      ['SAMR', 'APPROVED'],
    ]);
    expect(
      world.cases
        .eventsOf(record.id)
        .filter((e) => e.detailType === 'Task.Decided.v1')
        .map((e) => e.detail.taskDepartment),
    ).toEqual(['HEALTH', 'SAMR']);
    const history = await world.cases.history(record.id);
    expect(verifyChain(history).valid).toBe(true);
  });

  it('answers a conflict when the same task was decided meanwhile, and publishes one decision only', async () => {
    const { world, record, samrTask } = await reviewWorld();
    world.cases.beforeNextCommit(async () => {
      await decide(samrTask.id, { decision: 'reject', reason: '经营场所不符合要求' }, callback('SAMR'), world.deps);
    });
    await expect(decide(samrTask.id, { decision: 'approve' }, staff(samr), world.deps)).rejects.toThrow(
      new ConflictError('The task is already rejected'),
    );

    expect(await world.cases.getTask(samrTask.id)).toMatchObject({ status: 'REJECTED', decision: { via: 'callback' } });
    const decisions = world.cases.eventsOf(record.id).filter((e) => e.detailType === 'Task.Decided.v1');
    expect(decisions.map((e) => e.detail.decision)).toEqual(['reject']);
  });
});
