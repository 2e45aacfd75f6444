import { decideAcceptance } from '../../../shared/domain/applications/acceptance';
import { resubmit } from '../../../shared/domain/applications/resubmit';
import { withdraw } from '../../../shared/domain/applications/withdraw';
import {
  ConcurrentChangeError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  ValidationError,
} from '../../../shared/domain/errors';
import { decide } from '../../../shared/domain/workflow/decide';
import { FOOD_FORM } from '../../support/food-case';
import { detailTypes, expectRefusedWithoutChange, lastCommittedEvents } from '../../support/in-memory/expectations';
import { acceptedFoodCase, caseInReview, submittedFoodCase, uploadFile } from '../../support/in-memory/scenarios';
import { inMemoryWorld, PRINCIPALS } from '../../support/in-memory/world';

const { enterprise, otherEnterprise, window, samr } = PRINCIPALS;
const samrStaff = { sub: samr.sub, role: samr.role, department: samr.department, via: 'todo' as const };

/** A case the window sent back for corrections on Monday 2 March 2026. */
async function correctionRequested() {
  const world = inMemoryWorld();
  const submitted = await submittedFoodCase(world);
  const items = [{ target: 'field' as const, code: 'premisesArea', message: '面积与平面图不符' }];
  await decideAcceptance(submitted.id, { decision: 'correct', corrections: items }, window, world.deps);
  return { world, id: submitted.id };
}

describe('resubmit after the window’s correction request', () => {
  it('goes back to the window with a new acceptance deadline counted from the resubmission', async () => {
    const { world, id } = await correctionRequested();
    world.clock.set('2026-03-05T02:00:00Z'); // Thursday, 10:00 in Shanghai
    const resubmitted = await resubmit(id, { form: { ...FOOD_FORM, premisesArea: 58 } }, enterprise, world.deps);

    expect(resubmitted).toMatchObject({ status: 'SUBMITTED', acceptanceDue: '2026-03-12', form: { premisesArea: 58 } });
    expect(resubmitted.corrections).toBeUndefined();
    const events = lastCommittedEvents(world.cases);
    expect(detailTypes(events)).toEqual(['Application.Resubmitted.v1']);
    expect(events[0]!.detail).toMatchObject({
      caseId: id,
      resubmittedAt: '2026-03-05T02:00:00.000Z',
      acceptanceDue: '2026-03-12',
    });
    expect((await world.cases.listAcceptanceQueue(10)).items.map((c) => c.id)).toEqual([id]);
  });

  it('refuses a bad form, another applicant, the window and a second resubmission, writing nothing', async () => {
    const { world, id } = await correctionRequested();
    await expectRefusedWithoutChange(
      world.cases,
      () => resubmit(id, { form: { ...FOOD_FORM, premisesArea: 'big' } }, enterprise, world.deps),
      ValidationError,
    );
    await expectRefusedWithoutChange(world.cases, () => resubmit(id, {}, otherEnterprise, world.deps), NotFoundError);
    // The window sees a case awaiting correction, but answers it only for a walk-in it registered.
    await expectRefusedWithoutChange(world.cases, () => resubmit(id, {}, window, world.deps), ForbiddenError);
    await resubmit(id, {}, enterprise, world.deps);
    await expectRefusedWithoutChange(
      world.cases,
      () => resubmit(id, {}, enterprise, world.deps),
      ConflictError,
      /SUBMITTED cannot be resubmitted/,
    );
  });

  it('meets a withdrawal made meanwhile with a conflict, and publishes no resubmission', async () => {
    const { world, id } = await correctionRequested();
    world.cases.beforeNextCommit(async () => {
      await withdraw(id, { reason: '不再经营' }, enterprise, world.deps);
    });
    await expect(resubmit(id, {}, enterprise, world.deps)).rejects.toBeInstanceOf(ConcurrentChangeError);
    expect((await world.cases.get(id))?.status).toBe('WITHDRAWN');
    expect(detailTypes(world.cases.eventsOf(id))).toEqual([
      'Application.Submitted.v1',
      'Application.CorrectionRequested.v1',
      'Application.Withdrawn.v1',
    ]);
  });
});

describe('resubmit after a department’s return (during review)', () => {
  async function returnedCase(corrections: { target: 'field' | 'material'; code: string; message: string }[]) {
    const world = inMemoryWorld();
    const { record, tasks } = await caseInReview(world, await acceptedFoodCase(world));
    await decide(tasks.SAMR!.id, { decision: 'return', reason: '材料需补正', corrections }, samrStaff, world.deps);
    return { world, record, task: (await world.cases.getTask(tasks.SAMR!.id))! };
  }

  it('resumes review: the task waits again on its token, its clock moved by the days with the applicant', async () => {
    const { world, record, task } = await returnedCase([
      { target: 'field', code: 'premisesArea', message: '请按平面图填写经营面积' },
    ]);
    expect(task).toMatchObject({ status: 'RETURNED', dueDate: '2026-03-04' });
    world.clock.set('2026-03-05T02:00:00Z'); // 3, 4 and 5 March: three working days with the applicant
    const resumed = await resubmit(record.id, { form: { ...FOOD_FORM, premisesArea: 58 } }, enterprise, world.deps);

    expect(resumed).toMatchObject({ status: 'IN_REVIEW', form: { premisesArea: 58 }, review: { pausedDays: 3 } });
    expect(resumed.review?.pause).toBeUndefined();
    expect(resumed.review?.dueDate).toBe((await world.deps.calendar()).addWorkingDays(record.review!.dueDate, 3));
    expect(await world.cases.getTask(task.id)).toMatchObject({
      status: 'WAITING',
      pausedDays: 3,
      dueDate: '2026-03-09',
      taskToken: task.taskToken,
      version: task.version + 1,
    });
    const events = lastCommittedEvents(world.cases);
    expect(world.cases.transactions.at(-1)).toMatchObject({ caseIds: [record.id], taskIds: [task.id] });
    expect(detailTypes(events)).toEqual(['Application.CorrectionSubmitted.v1', 'Task.Resumed.v1']);
    expect(events[0]!.detail).toMatchObject({ taskIds: [task.id] });
    expect(events[1]!.detail).toMatchObject({
      taskId: task.id,
      cause: 'applicant',
      pausedDays: 3,
      dueDate: '2026-03-09',
    });
  });

  it('will not resume while a material asked for is missing, and resumes once it is uploaded', async () => {
    const code = 'foodSafetyManagerAppointment';
    const { world, record } = await returnedCase([
      { target: 'material', code, message: '请补交食品安全管理人员任命文件' },
    ]);
    const missing = await expectRefusedWithoutChange(
      world.cases,
      () => resubmit(record.id, {}, enterprise, world.deps),
      RuleViolationError,
    );
    expect((missing as RuleViolationError).details).toMatchObject([{ path: `materials.${code}`, rule: 'required' }]);
    await uploadFile(world, record.id, code);
    expect((await resubmit(record.id, {}, enterprise, world.deps)).status).toBe('IN_REVIEW');
  });
});
