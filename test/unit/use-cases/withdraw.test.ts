import { decideAcceptance } from '../../../shared/domain/applications/acceptance';
import { authoriseAgent } from '../../../shared/domain/applications/agents';
import { createApplication } from '../../../shared/domain/applications/drafts';
import { withdraw } from '../../../shared/domain/applications/withdraw';
import { ConcurrentChangeError, ConflictError, ForbiddenError, NotFoundError } from '../../../shared/domain/errors';
import { closeReview } from '../../../shared/domain/workflow/close-review';
import { FOOD_FORM } from '../../support/food-case';
import { detailTypes, expectRefusedWithoutChange, lastCommittedEvents } from '../../support/in-memory/expectations';
import { acceptedFoodCase, caseInReview, FOOD, foodDraft, submittedFoodCase } from '../../support/in-memory/scenarios';
import { inMemoryWorld, PRINCIPALS } from '../../support/in-memory/world';

const { enterprise, otherEnterprise, agent, window, samr } = PRINCIPALS;

describe('withdraw', () => {
  it('withdraws a draft: it no longer expires, and the event says where it came from', async () => {
    const world = inMemoryWorld();
    const draft = await foodDraft(world, []);
    expect(draft.expiresAt).toBeDefined();
    const withdrawn = await withdraw(draft.id, {}, enterprise, world.deps);

    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(withdrawn.expiresAt).toBeUndefined();
    const events = lastCommittedEvents(world.cases);
    expect(detailTypes(events)).toEqual(['Application.Withdrawn.v1']);
    expect(events[0]!.detail).toMatchObject({ caseId: draft.id, fromStatus: 'DRAFT' });
    expect(events[0]!.detail).not.toHaveProperty('reason');
  });

  it('withdraws a submitted case with its reason: it leaves the acceptance queue', async () => {
    const world = inMemoryWorld();
    const submitted = await submittedFoodCase(world);
    expect((await world.cases.listAcceptanceQueue(10)).items).toHaveLength(1);
    const withdrawn = await withdraw(submitted.id, { reason: '经营场所变更' }, enterprise, world.deps);

    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(withdrawn.acceptanceDue).toBeUndefined();
    expect(lastCommittedEvents(world.cases)[0]!.detail).toMatchObject({
      fromStatus: 'SUBMITTED',
      reason: '经营场所变更',
    });
    expect((await world.cases.history(submitted.id)).at(-1)).toMatchObject({
      action: 'withdrawn',
      from: 'SUBMITTED',
      to: 'WITHDRAWN',
      reason: '经营场所变更',
    });
    expect((await world.cases.listAcceptanceQueue(10)).items).toEqual([]);
  });

  it('withdraws a case in review until the decision; closing the review then cancels its open tasks', async () => {
    const world = inMemoryWorld();
    const { record, tasks } = await caseInReview(world, await acceptedFoodCase(world));
    await withdraw(record.id, {}, enterprise, world.deps);
    expect(lastCommittedEvents(world.cases)[0]!.detail).toMatchObject({ fromStatus: 'IN_REVIEW' });

    expect(await closeReview(record.id, 'approve', world.deps)).toEqual({ status: 'WITHDRAWN' });
    expect((await world.cases.tasksOf(record.id)).map((t) => t.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(world.cases.transactions.at(-1)).toMatchObject({ events: [], taskIds: [tasks.HEALTH!.id, tasks.SAMR!.id] });
    await expectRefusedWithoutChange(
      world.cases,
      () => withdraw(record.id, {}, enterprise, world.deps),
      ConflictError,
      /WITHDRAWN cannot be withdrawn/,
    );
  });

  it('is the owner’s alone: another applicant finds nothing; the window and the department may not', async () => {
    const world = inMemoryWorld();
    const submitted = await submittedFoodCase(world);
    await expectRefusedWithoutChange(
      world.cases,
      () => withdraw(submitted.id, {}, otherEnterprise, world.deps),
      NotFoundError,
    );
    await expectRefusedWithoutChange(world.cases, () => withdraw(submitted.id, {}, window, world.deps), ForbiddenError);

    const accepted = await decideAcceptance(
      submitted.id,
      { decision: 'accept', tolerated: ['healthCertificates'] },
      window,
      world.deps,
    );
    await expectRefusedWithoutChange(world.cases, () => withdraw(accepted.id, {}, samr, world.deps), ForbiddenError);
  });

  it('refuses an agent whose authorisation expired; the applicant themself still may withdraw', async () => {
    const world = inMemoryWorld();
    await authoriseAgent(
      { agentSub: agent.sub, matters: ['*'], until: '2026-03-03T00:00:00+08:00' },
      enterprise,
      world.deps,
    );
    const draft = await createApplication(
      { matterCode: FOOD, form: FOOD_FORM, onBehalfOf: { uscc: enterprise.uscc } },
      agent,
      world.deps,
    );
    world.clock.set('2026-03-03T01:00:00Z');
    await expectRefusedWithoutChange(
      world.cases,
      () => withdraw(draft.id, {}, agent, world.deps),
      ForbiddenError,
      /authorisation/,
    );
    expect((await withdraw(draft.id, {}, enterprise, world.deps)).status).toBe('WITHDRAWN');
  });

  it('meets an acceptance made meanwhile with a conflict: the case stays accepted, no withdrawal', async () => {
    const world = inMemoryWorld();
    const submitted = await submittedFoodCase(world);
    world.cases.beforeNextCommit(async () => {
      await decideAcceptance(
        submitted.id,
        { decision: 'accept', tolerated: ['healthCertificates'] },
        window,
        world.deps,
      );
    });
    await expect(withdraw(submitted.id, {}, enterprise, world.deps)).rejects.toBeInstanceOf(ConcurrentChangeError);
    expect((await world.cases.get(submitted.id))?.status).toBe('ACCEPTED');
    expect(detailTypes(world.cases.eventsOf(submitted.id))).toEqual([
      'Application.Submitted.v1',
      'Application.Accepted.v1',
    ]);
  });
});
