import { authoriseAgent } from '../../../shared/domain/applications/agents';
import { createApplication, updateDraft } from '../../../shared/domain/applications/drafts';
import { submit } from '../../../shared/domain/applications/submit';
import { verifyChain } from '../../../shared/domain/applications/case';
import {
  ConcurrentChangeError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  ValidationError,
} from '../../../shared/domain/errors';
import { FOOD_FORM } from '../../support/food-case';
import { detailTypes, expectRefusedWithoutChange, lastCommittedEvents } from '../../support/in-memory/expectations';
import { FOOD, foodDraft, uploadFile } from '../../support/in-memory/scenarios';
import { inMemoryWorld, PRINCIPALS } from '../../support/in-memory/world';

const { enterprise, otherEnterprise, agent, window } = PRINCIPALS;

describe('submit', () => {
  it('submits a complete draft: SUBMITTED, acceptance due in 5 working days, one event with it', async () => {
    const world = inMemoryWorld();
    const draft = await foodDraft(world);
    const submitted = await submit(draft.id, {}, enterprise, world.deps);

    expect(submitted).toMatchObject({
      status: 'SUBMITTED',
      submittedAt: '2026-03-02T01:00:00.000Z',
      acceptanceDue: '2026-03-09',
      seq: draft.seq + 1,
    });
    expect(submitted.expiresAt).toBeUndefined();
    expect(await world.cases.get(draft.id)).toEqual(submitted);
    const events = lastCommittedEvents(world.cases);
    expect(detailTypes(events)).toEqual(['Application.Submitted.v1']);
    expect(events[0]!.detail).toMatchObject({
      caseId: draft.id,
      caseNumber: draft.number,
      matterCode: FOOD,
      acceptanceDue: '2026-03-09',
      missingTolerable: ['healthCertificates'],
    });
    const history = await world.cases.history(draft.id);
    expect(history.at(-1)).toMatchObject({
      action: 'submitted',
      from: 'DRAFT',
      to: 'SUBMITTED',
      actor: { sub: enterprise.sub, role: 'applicant' },
    });
    expect(verifyChain(history)).toEqual({ valid: true, entries: history.length });
  });

  it('accepts at once when the matter accepts automatically and nothing is missing: both events together', async () => {
    const world = inMemoryWorld();
    const form = {
      uscc: enterprise.uscc,
      taxpayerName: '福州市鼓楼区榕城小吃店',
      taxpayerKind: 'small-scale',
      invoiceTypes: ['digital-ordinary'],
      monthlyLimitYuan: 10000,
      handlerName: '林晓明',
      handlerIdNumber: '11010519491231002X',
      handlerMobile: '13812345678',
    };
    const draft = await createApplication({ matterCode: 'INVOICE-APPLICATION', form }, enterprise, world.deps);
    await uploadFile(world, draft.id, 'handlerIdCard');
    const accepted = await submit(draft.id, {}, enterprise, world.deps);

    expect(accepted).toMatchObject({ status: 'ACCEPTED', departments: ['TAX'], tolerated: [] });
    expect(accepted.acceptanceDue).toBeUndefined();
    const events = lastCommittedEvents(world.cases);
    expect(detailTypes(events)).toEqual(['Application.Submitted.v1', 'Application.Accepted.v1']);
    expect(events[1]!.detail).toMatchObject({
      caseId: draft.id,
      deemed: false,
      tolerated: [],
      stages: [{ tasks: [{ department: 'TAX' }] }],
    });
    expect((await world.cases.history(draft.id)).slice(-2)).toMatchObject([
      { action: 'submitted' },
      { action: 'accepted', actor: { sub: 'system', role: 'system' } },
    ]);
  });

  it('answers a repeated Idempotency-Key with the first answer, writing nothing; another body conflicts', async () => {
    const world = inMemoryWorld();
    const draft = await foodDraft(world);
    const first = await submit(draft.id, {}, enterprise, world.deps, 'submit-key-0001');
    const record = await world.cases.getIdempotency(enterprise.sub, 'submit-key-0001');
    expect(record).toMatchObject({ caseId: draft.id });
    expect(record?.response).toEqual(first);

    const before = world.cases.snapshot();
    expect(await submit(draft.id, {}, enterprise, world.deps, 'submit-key-0001')).toEqual(first);
    expect(world.cases.snapshot()).toEqual(before);
    await expectRefusedWithoutChange(
      world.cases,
      () => submit(draft.id, { form: { ...FOOD_FORM, premisesArea: 61 } }, enterprise, world.deps, 'submit-key-0001'),
      ConflictError,
      /Idempotency-Key/,
    );
  });

  it('will not submit twice: the second submission is a conflict and changes nothing', async () => {
    const world = inMemoryWorld();
    const draft = await foodDraft(world);
    await submit(draft.id, {}, enterprise, world.deps);
    await expectRefusedWithoutChange(
      world.cases,
      () => submit(draft.id, {}, enterprise, world.deps),
      ConflictError,
      /SUBMITTED cannot be submitted/,
    );
  });

  it('names every missing required material, and a bad form field, writing nothing', async () => {
    const world = inMemoryWorld();
    const draft = await foodDraft(world, ['businessLicence', 'legalRepIdCard', 'foodSafetyRules']);
    const missing = await expectRefusedWithoutChange(
      world.cases,
      () => submit(draft.id, {}, enterprise, world.deps),
      RuleViolationError,
    );
    expect((missing as RuleViolationError).details.map((d) => d.path)).toEqual([
      'materials.floorPlan',
      'materials.equipmentList',
    ]);

    const complete = await foodDraft(world);
    const invalid = await expectRefusedWithoutChange(
      world.cases,
      () =>
        submit(complete.id, { form: { ...FOOD_FORM, legalRepIdNumber: '110105194912310021' } }, enterprise, world.deps),
      ValidationError,
    );
    expect((invalid as ValidationError).details[0]).toMatchObject({ path: 'form.legalRepIdNumber', rule: 'checksum' });
  });

  it('hides the case from another applicant and refuses a window officer: neither can submit it', async () => {
    const world = inMemoryWorld();
    const draft = await foodDraft(world);
    await expectRefusedWithoutChange(
      world.cases,
      () => submit(draft.id, {}, otherEnterprise, world.deps),
      NotFoundError,
    );
    await expectRefusedWithoutChange(world.cases, () => submit(draft.id, {}, window, world.deps), NotFoundError);
  });

  it('lets an agent submit under an authorisation for the matter, and not once it is revoked', async () => {
    const world = inMemoryWorld();
    await authoriseAgent(
      { agentSub: agent.sub, matters: [FOOD], until: '2026-12-31T23:59:59+08:00' },
      enterprise,
      world.deps,
    );
    const draft = await createApplication(
      { matterCode: FOOD, form: FOOD_FORM, onBehalfOf: { uscc: enterprise.uscc } },
      agent,
      world.deps,
    );
    expect(draft).toMatchObject({
      agentSub: agent.sub,
      ownerKey: `E#${enterprise.uscc}`,
      applicant: { sub: enterprise.sub },
    });
    for (const material of ['businessLicence', 'legalRepIdCard', 'floorPlan', 'equipmentList', 'foodSafetyRules'])
      await uploadFile(world, draft.id, material, agent);

    await world.cases.deleteAuthorisation(`E#${enterprise.uscc}`, agent.sub);
    await expectRefusedWithoutChange(
      world.cases,
      () => submit(draft.id, {}, agent, world.deps),
      ForbiddenError,
      /authorisation/,
    );

    await authoriseAgent(
      { agentSub: agent.sub, matters: [FOOD], until: '2026-12-31T23:59:59+08:00' },
      enterprise,
      world.deps,
    );
    const submitted = await submit(draft.id, {}, agent, world.deps);
    expect(submitted.status).toBe('SUBMITTED');
    expect(lastCommittedEvents(world.cases)[0]!.detail).toMatchObject({ applicantSub: enterprise.sub });
  });

  it('meets a change made meanwhile with a conflict, and writes nothing of the submission', async () => {
    const world = inMemoryWorld();
    const draft = await foodDraft(world);
    // The applicant saves the draft in another tab after submit read the case.
    world.cases.beforeNextCommit(async () => {
      await updateDraft(draft.id, { ...FOOD_FORM, premisesArea: 70 }, enterprise, world.deps);
    });
    const eventsBefore = world.cases.events.length;
    await expect(submit(draft.id, {}, enterprise, world.deps, 'submit-key-0002')).rejects.toBeInstanceOf(
      ConcurrentChangeError,
    );

    const stored = await world.cases.get(draft.id);
    expect(stored).toMatchObject({ status: 'DRAFT', form: { premisesArea: 70 } });
    expect(world.cases.events.length).toBe(eventsBefore);
    expect(await world.cases.getIdempotency(enterprise.sub, 'submit-key-0002')).toBeUndefined();
    // Tried again on the current version, it goes through.
    expect((await submit(draft.id, {}, enterprise, world.deps, 'submit-key-0002')).status).toBe('SUBMITTED');
  });
});
