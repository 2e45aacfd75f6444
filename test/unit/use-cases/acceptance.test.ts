import { decideAcceptance } from '../../../shared/domain/applications/acceptance';
import { withdraw } from '../../../shared/domain/applications/withdraw';
import {
  ConcurrentChangeError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  ValidationError,
} from '../../../shared/domain/errors';
import { detailTypes, expectRefusedWithoutChange, lastCommittedEvents } from '../../support/in-memory/expectations';
import { acceptedFoodCase, submittedFoodCase } from '../../support/in-memory/scenarios';
import { inMemoryWorld, PRINCIPALS } from '../../support/in-memory/world';

const { enterprise, window, otherWindow, farWindow, samr } = PRINCIPALS;
const CORRECTIONS = [
  { target: 'material' as const, code: 'floorPlan', message: '平面图未标注操作区域' },
  { target: 'field' as const, code: 'premisesArea', message: '面积与平面图不符' },
];

describe('decideAcceptance: accept', () => {
  it('accepts with 容缺 for the listed tolerable material only, recording it and the reviewing departments', async () => {
    const world = inMemoryWorld();
    const submitted = await submittedFoodCase(world);

    const missing = await expectRefusedWithoutChange(
      world.cases,
      () => decideAcceptance(submitted.id, { decision: 'accept' }, window, world.deps),
      RuleViolationError,
    );
    expect((missing as RuleViolationError).details).toMatchObject([
      { path: 'materials.healthCertificates', rule: 'required' },
    ]);
    const notTolerable = await expectRefusedWithoutChange(
      world.cases,
      () =>
        decideAcceptance(
          submitted.id,
          { decision: 'accept', tolerated: ['floorPlan', 'healthCertificates'] },
          window,
          world.deps,
        ),
      RuleViolationError,
    );
    expect((notTolerable as RuleViolationError).details).toMatchObject([{ path: 'body.tolerated', rule: 'tolerable' }]);

    const accepted = await decideAcceptance(
      submitted.id,
      { decision: 'accept', tolerated: ['healthCertificates'] },
      window,
      world.deps,
    );
    expect(accepted).toMatchObject({
      status: 'ACCEPTED',
      tolerated: ['healthCertificates'],
      departments: ['SAMR', 'HEALTH'],
      acceptedAt: '2026-03-02T01:00:00.000Z',
    });
    expect(accepted.acceptanceDue).toBeUndefined();
    const events = lastCommittedEvents(world.cases);
    expect(detailTypes(events)).toEqual(['Application.Accepted.v1']);
    expect(events[0]!.detail).toMatchObject({ caseId: submitted.id, deemed: false, tolerated: ['healthCertificates'] });
    expect((events[0]!.detail.stages as unknown[]).length).toBe(3);
    expect((await world.cases.history(submitted.id)).at(-1)).toMatchObject({
      action: 'accepted',
      from: 'SUBMITTED',
      to: 'ACCEPTED',
      actor: { sub: window.sub, role: 'window' },
    });
  });

  it('accepts a complete case without tolerance; once accepted it is out of the window’s reach', async () => {
    const world = inMemoryWorld();
    const accepted = await acceptedFoodCase(world);
    expect(accepted).toMatchObject({ status: 'ACCEPTED', tolerated: [] });
    // The window sees only what waits for it: a second decision finds no case.
    await expectRefusedWithoutChange(
      world.cases,
      () => decideAcceptance(accepted.id, { decision: 'refuse', reason: '重复受理' }, window, world.deps),
      NotFoundError,
    );
  });
});

describe('decideAcceptance: return for correction', () => {
  it('asks for every correction at once, naming only materials and fields the matter has', async () => {
    const world = inMemoryWorld();
    const submitted = await submittedFoodCase(world);
    await expectRefusedWithoutChange(
      world.cases,
      () => decideAcceptance(submitted.id, { decision: 'correct' }, window, world.deps),
      ValidationError,
      /一次性告知/,
    );
    const unknown = await expectRefusedWithoutChange(
      world.cases,
      () =>
        decideAcceptance(
          submitted.id,
          { decision: 'correct', corrections: [{ target: 'material', code: 'passport', message: '?' }] },
          window,
          world.deps,
        ),
      ValidationError,
    );
    expect((unknown as ValidationError).details).toMatchObject([{ path: 'body.corrections', rule: 'exists' }]);

    const correcting = await decideAcceptance(
      submitted.id,
      { decision: 'correct', corrections: CORRECTIONS },
      window,
      world.deps,
    );
    expect(correcting).toMatchObject({ status: 'CORRECTION_REQUESTED', corrections: CORRECTIONS });
    expect(correcting.acceptanceDue).toBeUndefined();
    const events = lastCommittedEvents(world.cases);
    expect(detailTypes(events)).toEqual(['Application.CorrectionRequested.v1']);
    expect(events[0]!.detail).toMatchObject({ caseId: submitted.id, items: CORRECTIONS });
  });
});

describe('decideAcceptance: refuse', () => {
  it('refuses with a written reason only; a refused case cannot be withdrawn', async () => {
    const world = inMemoryWorld();
    const submitted = await submittedFoodCase(world);
    await expectRefusedWithoutChange(
      world.cases,
      () => decideAcceptance(submitted.id, { decision: 'refuse', reason: '  ' }, window, world.deps),
      ValidationError,
      /不予受理/,
    );

    const refused = await decideAcceptance(
      submitted.id,
      { decision: 'refuse', reason: '申请事项不属于本机关职权范围' },
      window,
      world.deps,
    );
    expect(refused.status).toBe('REFUSED');
    const events = lastCommittedEvents(world.cases);
    expect(detailTypes(events)).toEqual(['Application.Refused.v1']);
    expect(events[0]!.detail).toMatchObject({ caseId: submitted.id, reason: '申请事项不属于本机关职权范围' });
    await expectRefusedWithoutChange(
      world.cases,
      () => withdraw(submitted.id, {}, enterprise, world.deps),
      ConflictError,
      /REFUSED cannot be withdrawn/,
    );
  });
});

describe('decideAcceptance: who may decide', () => {
  it('is the window of the case’s region only: the applicant is refused, others find nothing', async () => {
    const world = inMemoryWorld();
    const submitted = await submittedFoodCase(world);
    await expectRefusedWithoutChange(
      world.cases,
      () =>
        decideAcceptance(
          submitted.id,
          { decision: 'accept', tolerated: ['healthCertificates'] },
          enterprise,
          world.deps,
        ),
      ForbiddenError,
    );
    await expectRefusedWithoutChange(
      world.cases,
      () =>
        decideAcceptance(
          submitted.id,
          { decision: 'accept', tolerated: ['healthCertificates'] },
          farWindow,
          world.deps,
        ),
      NotFoundError,
    );
    await expectRefusedWithoutChange(
      world.cases,
      () =>
        decideAcceptance(
          submitted.id,
          { decision: 'accept', tolerated: ['healthCertificates'] },
          { ...window, region: undefined },
          world.deps,
        ),
      NotFoundError,
    );
    await expectRefusedWithoutChange(
      world.cases,
      () => decideAcceptance(submitted.id, { decision: 'accept', tolerated: ['healthCertificates'] }, samr, world.deps),
      NotFoundError,
    );
  });

  it('lets only one of two officers deciding at once win: the other meets a conflict and writes nothing', async () => {
    const world = inMemoryWorld();
    const submitted = await submittedFoodCase(world);
    world.cases.beforeNextCommit(async () => {
      await decideAcceptance(submitted.id, { decision: 'refuse', reason: '材料系伪造' }, otherWindow, world.deps);
    });
    await expect(
      decideAcceptance(submitted.id, { decision: 'accept', tolerated: ['healthCertificates'] }, window, world.deps),
    ).rejects.toBeInstanceOf(ConcurrentChangeError);

    expect((await world.cases.get(submitted.id))?.status).toBe('REFUSED');
    expect(detailTypes(world.cases.eventsOf(submitted.id))).toEqual([
      'Application.Submitted.v1',
      'Application.Refused.v1',
    ]);
    expect((await world.cases.history(submitted.id)).filter((e) => e.action === 'accepted')).toEqual([]);
  });
});
