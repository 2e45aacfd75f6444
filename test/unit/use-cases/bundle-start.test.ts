import { verifyChain } from '../../../shared/domain/applications/case';
import { createApplication } from '../../../shared/domain/applications/drafts';
import type { CaseRecord } from '../../../shared/domain/applications/model';
import { submit } from '../../../shared/domain/applications/submit';
import { bundleTemplate, templateOfCase } from '../../../shared/domain/applications/template';
import { withdraw } from '../../../shared/domain/applications/withdraw';
import { sampleAnswers } from '../../../shared/domain/catalogue/sample-form';
import { memberCaseId, memberCompleted, startMember } from '../../../shared/domain/workflow/bundles';
import { closeReview } from '../../../shared/domain/workflow/close-review';
import { decide } from '../../../shared/domain/workflow/decide';
import { openTask, WithdrawnError } from '../../../shared/domain/workflow/department-tasks';
import { startReview } from '../../../shared/domain/workflow/start-review';
import {
  detailTypes,
  expectContractual,
  expectRefusedWithoutChange,
  lastCommittedEvents,
} from '../../support/in-memory/expectations';
import { PNG, uploadFile } from '../../support/in-memory/scenarios';
import { type InMemoryWorld, inMemoryWorld, PRINCIPALS } from '../../support/in-memory/world';

/**
 * 企业开办一件事 (OPEN-COMPANY): company registration first (wave 0), then the seal filing, the invoices and the social
 * insurance registration in parallel (wave 1). Every member accepts automatically, so the bundle does too.
 */
const BUNDLE = 'OPEN-COMPANY';
const REG = 'COMPANY-REGISTRATION';
const WAVE_1 = ['SEAL-FILING', 'INVOICE-APPLICATION', 'SOCIAL-INSURANCE-REGISTRATION'];
const { enterprise } = PRINCIPALS;

/** A bundle case submitted with its merged form and every required material; its uscc comes from the registration. */
async function submittedBundle(world: InMemoryWorld): Promise<CaseRecord> {
  const template = await bundleTemplate(world.deps.matters, BUNDLE);
  const form = sampleAnswers(template, { today: '2026-03-02', overrides: { bankAccount: '6222021001234567890' } });
  delete form.uscc;
  const draft = await createApplication({ bundleCode: BUNDLE, form }, enterprise, world.deps);
  for (const material of template.materials.filter((m) => m.required)) {
    await uploadFile(world, draft.id, material.code, enterprise, material.fileTypes.includes('pdf') ? undefined : PNG);
  }
  return submit(draft.id, {}, enterprise, world.deps);
}

async function bundleInReview() {
  const world = inMemoryWorld();
  const bundle = await submittedBundle(world);
  const execution = await startReview(bundle.id, world.deps);
  return { world, bundle: (await world.cases.get(bundle.id))!, execution };
}

/** Runs a member case's procedure to its approval, every department approving with `result`. */
async function approveMemberCase(world: InMemoryWorld, caseId: string, result: Record<string, unknown>) {
  await startReview(caseId, world.deps);
  const stages = (await templateOfCase(world.deps.matters, (await world.cases.get(caseId))!)).matter!.procedure.stages;
  for (const [stageIndex, stage] of stages.entries()) {
    for (const task of stage.tasks) {
      const { taskId } = await openTask(
        { caseId, stageIndex, task, taskToken: `token-${stageIndex}-${task.department}` },
        world.deps,
      );
      await decide(
        taskId,
        { decision: 'approve', result },
        { sub: `system:${task.department}`, role: 'system', department: task.department, via: 'callback' },
        world.deps,
      );
    }
  }
  expect(await closeReview(caseId, 'approve', world.deps)).toEqual({ status: 'APPROVED' });
}

describe('the start of a bundle (一件事)', () => {
  it('accepts the bundle once for its members; its review starts the bundle machine, members in waves', async () => {
    const world = inMemoryWorld();
    const bundle = await submittedBundle(world);
    expect(bundle).toMatchObject({
      kind: 'bundle',
      status: 'ACCEPTED',
      memberVersions: { [REG]: 1, 'SEAL-FILING': 1 },
    });
    const accepted = lastCommittedEvents(world.cases);
    expect(detailTypes(accepted)).toEqual(['Application.Submitted.v1', 'Application.Accepted.v1']);
    expect(accepted[1]!.detail).toMatchObject({ kind: 'bundle', waves: [[REG], WAVE_1] });

    const execution = await startReview(bundle.id, world.deps);
    expect(execution).toEqual({
      machine: 'bundle',
      name: bundle.id,
      input: {
        caseId: bundle.id,
        waves: [{ members: [{ matterCode: REG }] }, { members: WAVE_1.map((matterCode) => ({ matterCode })) }],
      },
    });
    const inReview = (await world.cases.get(bundle.id))!;
    expect(inReview).toMatchObject({ status: 'IN_REVIEW', review: { startDate: '2026-03-02', limitDays: 3 } });
    expect(inReview.members).toEqual([
      { matterCode: REG, wave: 0, status: 'PENDING' },
      ...WAVE_1.map((matterCode) => ({ matterCode, wave: 1, status: 'PENDING' })),
    ]);
    const started = lastCommittedEvents(world.cases);
    expect(detailTypes(started)).toEqual(['Application.ReviewStarted.v1']);
    expect(started[0]!.detail).toMatchObject({ caseId: bundle.id, limitDays: 3, dueDate: inReview.review!.dueDate });
  });

  it('starts the first wave’s member case, accepted, with the bundle’s token; the bundle marks it running', async () => {
    const { world, bundle } = await bundleInReview();
    const started = await startMember(
      { caseId: bundle.id, waveIndex: 0, matterCode: REG, taskToken: 'bundle-token-reg-1' },
      world.deps,
      world.engine,
    );
    const childId = memberCaseId(bundle.id, REG);
    expect(started).toEqual({ caseId: childId, status: 'RUNNING' });

    const child = (await world.cases.get(childId))!;
    expect(child).toMatchObject({
      status: 'ACCEPTED',
      matterCode: REG,
      ownerKey: bundle.ownerKey,
      departments: ['SAMR'],
      parent: { caseId: bundle.id, bundleCode: BUNDLE, taskToken: 'bundle-token-reg-1' },
      form: { companyName: bundle.form.companyName, legalRepName: bundle.form.legalRepName },
    });
    expect(Object.keys(child.materials)).toEqual(expect.arrayContaining(['legalRepIdCard', 'articles']));
    const history = await world.cases.history(childId);
    expect(history.map((e) => e.action)).toEqual(['created', 'submitted', 'accepted']);
    expect(verifyChain(history).valid).toBe(true);
    // The member case and its two events are one transaction; the bundle's record of it another.
    const [memberCommit, bundleCommit] = world.cases.transactions.slice(-2);
    expect(memberCommit).toMatchObject({ caseIds: [childId] });
    expect(detailTypes(memberCommit!.events)).toEqual(['Application.Submitted.v1', 'Application.Accepted.v1']);
    memberCommit!.events.forEach(expectContractual);
    expect(memberCommit!.events[1]!.detail).toMatchObject({
      caseId: childId,
      parentCaseId: bundle.id,
      stages: [{ tasks: [{ department: 'SAMR' }] }],
    });
    expect(bundleCommit).toMatchObject({ caseIds: [bundle.id], events: [] });
    expect((await world.cases.get(bundle.id))!.members![0]).toEqual({
      matterCode: REG,
      wave: 0,
      status: 'RUNNING',
      caseId: childId,
      caseNumber: child.number,
    });
    expect(world.engine.answers).toEqual([]);
  });

  it('starts a member once: a retried start finds the same case, and a re-opened wait renews its token', async () => {
    const { world, bundle } = await bundleInReview();
    const input = { caseId: bundle.id, waveIndex: 0, matterCode: REG, taskToken: 'bundle-token-reg-1' };
    await startMember(input, world.deps, world.engine);
    const childId = memberCaseId(bundle.id, REG);

    const before = world.cases.snapshot();
    expect(await startMember(input, world.deps, world.engine)).toEqual({ caseId: childId, status: 'RUNNING' });
    expect(world.cases.snapshot()).toEqual(before);

    await startMember({ ...input, taskToken: 'bundle-token-reg-2' }, world.deps, world.engine);
    expect((await world.cases.get(childId))!.parent?.taskToken).toBe('bundle-token-reg-2');
    expect((await world.cases.history(childId)).at(-1)).toMatchObject({ action: 'bundle-wait-renewed' });
    expect(world.cases.eventsOf(childId)).toHaveLength(2);
  });

  it('does not start a later wave before the earlier one is approved: the token is answered NOT_STARTED', async () => {
    const { world, bundle } = await bundleInReview();
    await startMember(
      { caseId: bundle.id, waveIndex: 0, matterCode: REG, taskToken: 'bundle-token-reg-1' },
      world.deps,
      world.engine,
    );
    const skipped = await startMember(
      { caseId: bundle.id, waveIndex: 1, matterCode: 'SEAL-FILING', taskToken: 'bundle-token-seal-1' },
      world.deps,
      world.engine,
    );

    expect(skipped).toEqual({ status: 'NOT_STARTED' });
    expect(await world.cases.get(memberCaseId(bundle.id, 'SEAL-FILING'))).toBeUndefined();
    const member = (await world.cases.get(bundle.id))!.members!.find((m) => m.matterCode === 'SEAL-FILING');
    expect(member).toMatchObject({
      status: 'NOT_STARTED',
      reason: `An earlier member was not approved: ${REG} RUNNING`,
    });
    expect(world.engine.answers).toEqual([
      {
        token: 'bundle-token-seal-1',
        outcome: 'success',
        output: { matterCode: 'SEAL-FILING', status: 'NOT_STARTED' },
      },
    ]);
  });

  it('starts the next wave once registration is approved, its form completed from that result', async () => {
    const { world, bundle } = await bundleInReview();
    await startMember(
      { caseId: bundle.id, waveIndex: 0, matterCode: REG, taskToken: 'bundle-token-reg-1' },
      world.deps,
      world.engine,
    );
    const registration = memberCaseId(bundle.id, REG);
    await approveMemberCase(world, registration, { uscc: enterprise.uscc });
    await memberCompleted(registration, world.deps, world.engine);

    expect(world.engine.answers).toEqual([
      {
        token: 'bundle-token-reg-1',
        outcome: 'success',
        output: { matterCode: REG, caseId: registration, status: 'APPROVED' },
      },
    ]);
    expect((await world.cases.get(bundle.id))!.members![0]).toMatchObject({
      status: 'APPROVED',
      result: { uscc: enterprise.uscc },
    });
    const started = await startMember(
      { caseId: bundle.id, waveIndex: 1, matterCode: 'INVOICE-APPLICATION', taskToken: 'bundle-token-invoice-1' },
      world.deps,
      world.engine,
    );
    expect(started.status).toBe('RUNNING');
    expect(await world.cases.get(started.caseId!)).toMatchObject({
      status: 'ACCEPTED',
      form: { uscc: enterprise.uscc },
    });
  });

  it('starts nothing for a withdrawn bundle', async () => {
    const { world, bundle } = await bundleInReview();
    await withdraw(bundle.id, {}, enterprise, world.deps);
    await expectRefusedWithoutChange(
      world.cases,
      () =>
        startMember(
          { caseId: bundle.id, waveIndex: 0, matterCode: REG, taskToken: 'bundle-token-reg-1' },
          world.deps,
          world.engine,
        ),
      WithdrawnError,
    );
    expect(world.engine.answers).toEqual([]);
  });
});
