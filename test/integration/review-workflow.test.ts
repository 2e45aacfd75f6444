import { LocalCloud } from '../../infra/local/cloud';
import { localStateMachineArn } from '../../infra/local/names';
import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient, sfnClient } from '../../shared/adapters/aws-clients';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { importDemoLicences } from '../support/licences';
import { acceptedFoodCase as acceptedFood, uploadMaterial } from '../support/cases';
import { FOOD_FORM as foodForm, USCC } from '../support/food-case';
import { call, eventually } from '../support/http';

/**
 * 后台分类审批 against a local cloud with the demo catalogue, as a department, a window, a supervisor and an
 * applicant would use it over HTTP. The clock starts just before the 2025 National Day holiday.
 */
let cloud: LocalCloud;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

const tokens: Record<string, string> = {};
async function freshTokens() {
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  for (const dept of ['SAMR', 'HEALTH', 'URBAN', 'TAX'])
    tokens[dept] = await cloud.issueToken({
      sub: `staff-${dept}`,
      role: 'department',
      department: dept,
      name: `${dept} 审批员`,
    });
}

/** Moves the platform clock to a moment (Asia/Shanghai wall time given as +08:00) and refreshes the tokens. */
async function at(instant: string) {
  cloud.clock.advanceTo(new Date(instant));
  await cloud.idle();
  await freshTokens();
}

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2025-09-29T09:00:00+08:00'), seed: true });
  await importDemoLicences(cloud);
  await freshTokens();
});
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });

/** Uploads a required material as the applicant: the minimal PDF, or a PNG where the material takes no PDF. */
const upload = (caseId: string, material: string, fileTypes: readonly string[] = ['pdf']) =>
  uploadMaterial(
    cloud.baseUrl,
    tokens.applicant!,
    caseId,
    material,
    fileTypes.includes('pdf') ? undefined : { bytes: PNG, fileName: `${material}.png`, contentType: 'image/png' },
  );

/** A food-business licence case accepted at the window now. */
const acceptedFoodCase = () => acceptedFood(cloud.baseUrl, tokens.applicant!, tokens.window!, () => cloud.idle());

async function tasksOf(dept: string, caseId: string, status?: string) {
  const list = await api('GET', `/tasks${status ? `?status=${status}` : ''}`, dept);
  expect(list.status).toBe(200);
  return (list.json.items as any[]).filter((t) => t.caseId === caseId);
}

async function openTask(dept: string, caseId: string, stageIndex: number) {
  return eventually(`${dept}'s task at stage ${stageIndex} of ${caseId}`, async () =>
    (await tasksOf(dept, caseId)).find((t) => t.stageIndex === stageIndex),
  );
}

/**
 * The states the case's procedure execution entered, each a billed transition (test/infra/transitions.test.ts has
 * the table per shape). Retries, billed too, are left out: whether one happens depends on timing, not on the shape.
 */
const statesEntered = (caseId: string) =>
  cloud.stepFunctions
    .listExecutions(localStateMachineArn('procedure'))
    .find((e) => e.name === caseId)
    ?.transitions.filter((t) => !t.endsWith(' (retry)'));

async function decide(dept: string, taskId: string, body: Record<string, unknown>) {
  const answer = await api('POST', `/tasks/${encodeURIComponent(taskId)}/decision`, dept, body);
  await cloud.idle();
  return answer;
}

const getCase = async (id: string) => (await api('GET', `/applications/${id}`, 'supervisor')).json;
const events = (type: string, caseId: string) =>
  cloud.bus.archive.filter((e) => e['detail-type'] === type && e.detail.caseId === caseId);

describe('deadlines in working days', () => {
  let id: string;
  it('sets the task and case due dates across the 2025 National Day holiday as the official calendar says', async () => {
    await at('2025-09-30T10:00:00+08:00');
    id = await acceptedFoodCase();
    const record = await getCase(id);
    expect(record.status).toBe('IN_REVIEW');
    // Accepted 30 Sep; 1–8 Oct are holidays, Sat 11 Oct is a make-up working day: 9, 10, 11, 13, 14 Oct.
    expect(record.review).toMatchObject({
      startDate: '2025-09-30',
      limitDays: 5,
      dueDate: '2025-10-14',
      pausedDays: 0,
    });
    expect(record.deadlines.review).toBe('2025-10-14');
    const samr = await openTask('SAMR', id, 0);
    const health = await openTask('HEALTH', id, 0);
    expect(samr.dueDate).toBe('2025-10-10');
    expect(health.dueDate).toBe('2025-10-10');
    expect(samr).not.toHaveProperty('taskToken');
    expect(events('Application.ReviewStarted.v1', id)).toHaveLength(1);
  });

  it("lists the deadlines of a date for supervision, from supervision's watches", async () => {
    await cloud.idle(); // the watches follow the tasks' events
    const due = await api('GET', '/supervision/deadlines?date=2025-10-10', 'supervisor');
    expect(due.status).toBe(200);
    const mine = (due.json.items as any[]).filter((i) => i.caseId === id);
    expect(mine.map((i) => `${i.kind}:${i.department}`).sort()).toEqual(['task:HEALTH', 'task:SAMR']);
    expect(mine[0]).toMatchObject({ dueDate: '2025-10-10', level: expect.stringMatching(/^(green|yellow|red)$/) });
    expect(
      (await api('GET', '/supervision/deadlines?date=2025-10-14', 'supervisor')).json.items.some(
        (i: any) => i.kind === 'case' && i.caseId === id,
      ),
    ).toBe(true);
    // One kind when asked; a bad region is named; another region's supervisor sees none of it and cannot ask for it.
    const cases = (await api('GET', '/supervision/deadlines?date=2025-10-14&kind=case', 'supervisor')).json;
    expect(cases.items.length).toBeGreaterThan(0);
    expect(cases.items.every((i: any) => i.kind === 'case')).toBe(true);
    expect((await api('GET', '/supervision/deadlines?date=2025-10-10&region=abc', 'supervisor')).status).toBe(400);
    const region = mine[0].regionCode as string;
    const elsewhere = region.startsWith('3502') ? '350100' : '350200';
    const other = await cloud.issueToken({ sub: 'sup-2', role: 'supervisor', region: elsewhere });
    const theirs = await call(cloud.baseUrl, 'GET', '/supervision/deadlines?date=2025-10-10', { token: other });
    expect(theirs.status).toBe(200);
    expect((theirs.json.items as any[]).some((i) => i.caseId === id)).toBe(false);
    const asked = `/supervision/deadlines?date=2025-10-10&region=${region}`;
    expect((await call(cloud.baseUrl, 'GET', asked, { token: other })).status).toBe(403);
    expect((await api('GET', '/supervision/deadlines?date=2025-10-14', 'SAMR')).status).toBe(403);
    expect((await api('GET', '/supervision/deadlines?date=14-10-2025', 'supervisor')).status).toBe(400);
  });
});

describe('two departments in parallel, a return for correction, then the later stages', () => {
  let id: string;
  it('completes the first stage only after both departments approve', async () => {
    await at('2025-10-09T09:30:00+08:00');
    id = await acceptedFoodCase();
    const samr = await openTask('SAMR', id, 0);
    const health = await openTask('HEALTH', id, 0);
    // Someone else's department cannot see or decide it.
    expect((await decide('URBAN', samr.id, { decision: 'approve' })).status).toBe(404);
    expect((await api('POST', `/tasks/${encodeURIComponent(samr.id)}/claim`, 'SAMR')).json).toMatchObject({
      status: 'CLAIMED',
      claimedBy: 'staff-SAMR',
      claimedByName: 'SAMR 审批员',
    });
    const approved = await decide('SAMR', samr.id, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.json.task).toMatchObject({ status: 'APPROVED', decision: { decision: 'approve', via: 'todo' } });
    expect((await decide('SAMR', samr.id, { decision: 'approve' })).status).toBe(409);
    expect((await tasksOf('SAMR', id)).some((t) => t.stageIndex === 1)).toBe(false);
    expect((await getCase(id)).status).toBe('IN_REVIEW');

    expect((await decide('HEALTH', health.id, { decision: 'approve' })).status).toBe(200);
    const next = await openTask('SAMR', id, 1);
    expect(next.name).toBe('经营场所现场核查');
  });

  it('returns the case to the applicant and resumes the same task, on the same token, after the correction', async () => {
    const task = await openTask('SAMR', id, 1);
    expect((await decide('SAMR', task.id, { decision: 'return' })).status).toBe(400);
    const returned = await decide('SAMR', task.id, {
      decision: 'return',
      reason: '面积与平面图不符',
      corrections: [{ target: 'field', code: 'premisesArea', message: '请按平面图填写经营面积' }],
    });
    expect(returned.status).toBe(200);
    expect(returned.json.task.status).toBe('RETURNED');
    const record = await getCase(id);
    expect(record).toMatchObject({
      status: 'RETURNED',
      corrections: [{ code: 'premisesArea' }],
      deadlines: { reviewPaused: true },
    });
    const waitingBefore = cloud.stepFunctions.waitingTasks().length;

    await at('2025-10-13T10:00:00+08:00');
    const resubmitted = await api('POST', `/applications/${id}/resubmit`, 'applicant', {
      form: { ...foodForm, premisesArea: 58 },
    });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.json.status).toBe('IN_REVIEW');
    await cloud.idle();
    const resumed = await openTask('SAMR', id, 1);
    expect(resumed.id).toBe(task.id);
    expect(resumed.status).toBe('WAITING');
    // Returned on Thu 9 Oct, answered on Mon 13 Oct: 10, 11 (make-up Saturday), 13 Oct = 3 working days with the applicant.
    expect(resumed.pausedDays).toBe(3);
    expect(cloud.stepFunctions.waitingTasks().length).toBe(waitingBefore);
    expect(events('Task.Resumed.v1', id)[0]?.detail).toMatchObject({ cause: 'applicant', pausedDays: 3 });
  });

  it('reaches APPROVED when the last stage approves, and the history tells the whole story', async () => {
    expect((await decide('SAMR', (await openTask('SAMR', id, 1)).id, { decision: 'approve' })).status).toBe(200);
    expect(
      (await decide('SAMR', (await openTask('SAMR', id, 2)).id, { decision: 'approve', reason: '准予许可' })).status,
    ).toBe(200);
    // Approved, then the licence step: the food business licence is issued at the decision.
    const record = await eventually('the case to be approved and its licence issued', async () => {
      const c = await getCase(id);
      return c.status === 'ISSUED' ? c : undefined;
    });
    expect(record.outcome.tasks).toHaveLength(4);
    expect(events('Application.Approved.v1', id)).toHaveLength(1);
    const timeline = await api('GET', `/applications/${id}/timeline`, 'applicant');
    expect(timeline.json.integrity.valid).toBe(true);
    const actions = (timeline.json.items as any[]).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'review-started',
        'task-opened',
        'task-claimed',
        'task-approved',
        'returned',
        'correction-submitted',
        'approved',
        'licence-issued',
      ]),
    );
    const execution = cloud.stepFunctions.listExecutions(localStateMachineArn('procedure')).find((e) => e.name === id);
    expect(execution?.status).toBe('SUCCEEDED');
    // Three stages, the first two departments in parallel: 9 transitions; the return for correction added none, and
    // the licence came from the approval's event.
    expect(statesEntered(id)).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'AwaitDepartmentDecision',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'ApproveAndAwaitPayment',
    ]);
  });
});

describe('suspension, extension, escalation, rejection, withdrawal', () => {
  it('moves the task and case due dates by the 3 working days a special procedure took', async () => {
    await at('2025-10-20T09:00:00+08:00');
    const id = await acceptedFoodCase();
    const task = await openTask('SAMR', id, 0);
    expect(task.dueDate).toBe('2025-10-22');
    expect((await getCase(id)).review.dueDate).toBe('2025-10-27');
    expect(
      (
        await decide('SAMR', task.id, {
          decision: 'suspend',
          reason: '现场核查',
          specialProcedure: 'hearing',
          expectedDays: 3,
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await decide('SAMR', task.id, {
          decision: 'suspend',
          specialProcedure: 'on-site-verification',
          expectedDays: 3,
        })
      ).status,
    ).toBe(400);
    const suspended = await decide('SAMR', task.id, {
      decision: 'suspend',
      reason: '现场核查',
      specialProcedure: 'on-site-verification',
      expectedDays: 3,
    });
    expect(suspended.json.task).toMatchObject({ status: 'SUSPENDED', pause: { kind: 'suspend', expectedDays: 3 } });
    // While paused, neither the task nor the case is due on its old date.
    await cloud.idle(); // the watches follow the tasks' events
    const due = (await api('GET', '/supervision/deadlines?date=2025-10-22', 'supervisor')).json.items as any[];
    expect(due.map((i) => i.subjectId)).toEqual(expect.arrayContaining([`${id}.0.HEALTH`]));
    expect(due.some((i) => i.subjectId === task.id)).toBe(false);
    expect(
      ((await api('GET', '/supervision/deadlines?date=2025-10-27', 'supervisor')).json.items as any[]).some(
        (i) => i.kind === 'case' && i.caseId === id,
      ),
    ).toBe(false);
    expect((await decide('SAMR', task.id, { decision: 'approve' })).status).toBe(409);

    await at('2025-10-23T15:00:00+08:00');
    const resumed = await decide('SAMR', task.id, { decision: 'resume' });
    expect(resumed.status).toBe(200);
    // Suspended Mon 20 Oct, resumed Thu 23 Oct: 21, 22, 23 Oct are not counted.
    expect(resumed.json.task).toMatchObject({ status: 'WAITING', dueDate: '2025-10-27', pausedDays: 3 });
    expect(resumed.json.case.review).toMatchObject({ dueDate: '2025-10-30', pausedDays: 3 });
  });

  it('grants one extension of 10 working days, approved by a window, and tells the applicant why', async () => {
    await at('2025-11-03T09:00:00+08:00');
    const id = await acceptedFoodCase();
    const task = await openTask('SAMR', id, 0);
    const before = (await getCase(id)).review.dueDate;
    expect((await decide('SAMR', task.id, { decision: 'extend' })).status).toBe(400);
    expect((await decide('SAMR', task.id, { decision: 'extend', reason: '需组织专家论证' })).status).toBe(200);
    expect((await api('POST', `/applications/${id}/extension`, 'SAMR', { decision: 'approve' })).status).toBe(403);
    const granted = await api('POST', `/applications/${id}/extension`, 'window', { decision: 'approve' });
    expect(granted.status).toBe(200);
    await cloud.idle();
    expect(before).toBe('2025-11-10');
    expect(granted.json.review).toMatchObject({
      dueDate: '2025-11-24',
      extension: { status: 'granted', days: 10, reason: '需组织专家论证' },
    });
    expect(events('Application.Extended.v1', id)[0]?.detail).toMatchObject({
      days: 10,
      reason: '需组织专家论证',
      dueDate: '2025-11-24',
    });
    const again = await decide('SAMR', task.id, { decision: 'extend', reason: '再次延期' });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toMatch(/once per case/);
  });

  it('escalates a task nobody decides for a week, and the department can still decide it', async () => {
    await at('2025-11-10T09:00:00+08:00');
    const id = await acceptedFoodCase();
    const samr = await openTask('SAMR', id, 0);
    await at('2025-11-17T09:30:00+08:00');
    const escalated = await eventually('an escalation', async () =>
      events('Task.Escalated.v1', id).find((e) => e.detail.taskDepartment === 'SAMR'),
    );
    expect(escalated.detail).toMatchObject({ taskId: samr.id, overdue: true, escalations: 1, dueDate: '2025-11-12' });
    const task = await openTask('SAMR', id, 0);
    expect(task).toMatchObject({ id: samr.id, escalations: 1, status: 'WAITING' });
    expect((await decide('SAMR', samr.id, { decision: 'approve' })).status).toBe(200);
    expect((await tasksOf('SAMR', id, 'APPROVED')).map((t) => t.id)).toEqual([samr.id]);
    const health = await openTask('HEALTH', id, 0);
    expect((await decide('HEALTH', health.id, { decision: 'approve' })).status).toBe(200);
    await openTask('SAMR', id, 1);
  });

  it('rejects with the department’s reason and cancels the parallel task', async () => {
    await at('2025-11-18T09:00:00+08:00');
    const id = await acceptedFoodCase();
    const samr = await openTask('SAMR', id, 0);
    const health = await openTask('HEALTH', id, 0);
    expect((await decide('HEALTH', health.id, { decision: 'reject' })).status).toBe(400);
    expect((await decide('HEALTH', health.id, { decision: 'reject', reason: '从业人员健康证明已过期' })).status).toBe(
      200,
    );
    const record = await eventually('the case to be rejected', async () => {
      const c = await getCase(id);
      return c.status === 'REJECTED' ? c : undefined;
    });
    expect(record.outcome).toMatchObject({ decision: 'rejected' });
    expect(events('Application.Rejected.v1', id)[0]?.detail).toMatchObject({
      reasons: [{ department: 'HEALTH', reason: '从业人员健康证明已过期' }],
    });
    expect((await tasksOf('SAMR', id, 'CANCELLED')).map((t) => t.id)).toEqual([samr.id]);
    expect((await decide('SAMR', samr.id, { decision: 'approve' })).status).toBe(409);
    // A lawful outcome: the execution ends on RecordRejection, succeeded, and the later stages never start.
    await eventually('the execution to end', async () =>
      cloud.stepFunctions.listExecutions(localStateMachineArn('procedure')).find((e) => e.name === id)?.status ===
      'SUCCEEDED'
        ? true
        : undefined,
    );
    expect(statesEntered(id)).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'AwaitDepartmentDecision',
      'RecordRejection',
    ]);
  });

  it('stops the review when the applicant withdraws', async () => {
    const id = await acceptedFoodCase();
    await openTask('SAMR', id, 0);
    expect((await api('POST', `/applications/${id}/withdraw`, 'applicant', { reason: '不再经营' })).status).toBe(200);
    await cloud.idle();
    const execution = await eventually('the execution to end', async () => {
      const e = cloud.stepFunctions.listExecutions(localStateMachineArn('procedure')).find((x) => x.name === id);
      return e && e.status !== 'RUNNING' ? e : undefined;
    });
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(id)).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'AwaitDepartmentDecision',
      'RecordWithdrawal',
    ]);
    expect(await tasksOf('SAMR', id)).toEqual([]);
    expect((await tasksOf('SAMR', id, 'CANCELLED')).length).toBe(1);
  });

  it('runs one execution when the same case is started twice', async () => {
    const id = await acceptedFoodCase();
    await openTask('SAMR', id, 0);
    const accepted = events('Application.Accepted.v1', id)[0]!;
    await cloud.bus.putEvents([
      {
        Source: accepted.source,
        DetailType: accepted['detail-type'],
        Detail: JSON.stringify(accepted.detail),
        EventBusName: 'one-stop-local-bus',
      },
    ] as never);
    await cloud.idle();
    expect(
      cloud.stepFunctions.listExecutions(localStateMachineArn('procedure')).filter((e) => e.name === id),
    ).toHaveLength(1);
    expect(await tasksOf('SAMR', id)).toHaveLength(1);
    const timeline = await api('GET', `/applications/${id}/timeline`, 'applicant');
    expect((timeline.json.items as any[]).filter((e) => e.action === 'review-started')).toHaveLength(1);
    // Step Functions itself refuses the case's name with another input (as AWS does).
    const sfn = sfnClient();
    await expect(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: localStateMachineArn('procedure'),
          name: id,
          input: JSON.stringify({ caseId: id, stages: [] }),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('answers a token that no longer waits with TaskDoesNotExist, as AWS does', async () => {
    const id = await acceptedFoodCase();
    const task = await openTask('SAMR', id, 0);
    const stored = await dynamoDocumentClient().send(
      new GetCommand({ TableName: process.env.MAIN_TABLE_NAME, Key: { pk: `CASE#${id}`, sk: 'TASK#00#SAMR' } }),
    );
    const token = stored.Item!.taskToken as string;
    expect((await decide('SAMR', task.id, { decision: 'approve' })).status).toBe(200);
    await expect(
      sfnClient().send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });
});

describe('a 一件事 bundle: 开餐馆', () => {
  it('runs registration first, then the three others in parallel, and completes with four results', async () => {
    await at('2025-11-24T09:00:00+08:00');
    const guide = (await call(cloud.baseUrl, 'GET', '/bundles/OPEN-RESTAURANT')).json;
    expect(guide.waves).toEqual([
      ['COMPANY-REGISTRATION'],
      expect.arrayContaining(['FOOD-BUSINESS-LICENCE', 'PUBLIC-HYGIENE-LICENCE', 'OUTDOOR-AD-PERMIT']),
    ]);
    const form = sampleAnswers(guide.form, { today: '2025-11-24', overrides: { uscc: undefined } });
    delete form.uscc;
    const draft = await api('POST', '/applications', 'applicant', { bundleCode: 'OPEN-RESTAURANT', form });
    expect(draft.status).toBe(201);
    expect(draft.json.kind).toBe('bundle');
    const id = draft.json.id as string;
    for (const material of guide.materials as { code: string; required: boolean; fileTypes: string[] }[])
      if (material.required) await upload(id, material.code, material.fileTypes);
    const submitted = await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, {
      token: tokens.applicant,
      headers: { 'idempotency-key': `k-${id}` },
    });
    expect(submitted.status).toBe(200);
    expect((await api('POST', `/applications/${id}/acceptance`, 'window', { decision: 'accept' })).status).toBe(200);
    await cloud.idle();

    let bundle = await getCase(id);
    expect(bundle.status).toBe('IN_REVIEW');
    const registration = bundle.members.find((m: any) => m.matterCode === 'COMPANY-REGISTRATION');
    expect(registration.status).toBe('RUNNING');
    expect(bundle.members.filter((m: any) => m.status === 'PENDING')).toHaveLength(3);

    // Registration's departments decide; its result (the 统一社会信用代码) fills the later members' forms.
    await approveAll(registration.caseId, { uscc: USCC });
    bundle = await eventually('the three others to run', async () => {
      const c = await getCase(id);
      return c.members.filter((m: any) => m.status === 'RUNNING').length === 3 ? c : undefined;
    });
    const others = bundle.members.filter((m: any) => m.wave === 1);
    for (const member of others) expect((await getCase(member.caseId)).form.uscc).toBe(USCC);
    // All three are in review at once (parallel), before any of them is decided.
    for (const member of others) expect(['IN_REVIEW']).toContain((await getCase(member.caseId)).status);

    for (const member of others) await approveAll(member.caseId);
    bundle = await eventually(
      'the bundle to complete',
      async () => {
        const c = await getCase(id);
        return c.status === 'APPROVED' ? c : undefined;
      },
      20_000,
    );
    expect(bundle.members.map((m: any) => m.status)).toEqual(['APPROVED', 'APPROVED', 'APPROVED', 'APPROVED']);
    expect(events('Application.Approved.v1', id)[0]?.detail.members).toHaveLength(4);
    // The bundle's own machine, waves [1, 3]: 8 transitions (each member's procedure counts its own).
    await eventually('the bundle execution to end', async () =>
      cloud.stepFunctions.listExecutions(localStateMachineArn('bundle')).find((e) => e.name === id)?.status ===
      'SUCCEEDED'
        ? true
        : undefined,
    );
    expect(
      cloud.stepFunctions
        .listExecutions(localStateMachineArn('bundle'))
        .find((e) => e.name === id)
        ?.transitions.filter((t) => !t.endsWith(' (retry)')),
    ).toEqual([
      'RunWaves',
      'RunMembers',
      'AwaitMemberCase',
      'RunMembers',
      'AwaitMemberCase',
      'AwaitMemberCase',
      'AwaitMemberCase',
      'RecordOutcome',
    ]);
  });
});

describe('a 一件事 bundle whose first member is rejected', () => {
  it('does not start the later members and reports every member’s state on the bundle', async () => {
    const id = await acceptedRestaurantBundle();
    const registration = (await getCase(id)).members.find((m: any) => m.matterCode === 'COMPANY-REGISTRATION');
    const task = await openTask('SAMR', registration.caseId, 0);
    expect((await decide('SAMR', task.id, { decision: 'reject', reason: '企业名称与在先登记的名称相同' })).status).toBe(
      200,
    );
    const bundle = await eventually('the bundle to be decided', async () => {
      const c = await getCase(id);
      return c.status === 'REJECTED' ? c : undefined;
    });
    expect(Object.fromEntries(bundle.members.map((m: any) => [m.matterCode, m.status]))).toEqual({
      'COMPANY-REGISTRATION': 'REJECTED',
      'FOOD-BUSINESS-LICENCE': 'NOT_STARTED',
      'PUBLIC-HYGIENE-LICENCE': 'NOT_STARTED',
      'OUTDOOR-AD-PERMIT': 'NOT_STARTED',
    });
    const rejected = events('Application.Rejected.v1', id)[0]!.detail;
    expect(rejected.reasons).toEqual([
      { department: 'COMPANY-REGISTRATION', reason: expect.stringContaining('企业名称与在先登记的名称相同') },
    ]);
    expect(rejected.members).toHaveLength(4);
  });
});

describe('withdrawing a 一件事 bundle', () => {
  it('withdraws its running member cases too, and stops their reviews', async () => {
    const id = await acceptedRestaurantBundle();
    const registration = (await getCase(id)).members.find((m: any) => m.matterCode === 'COMPANY-REGISTRATION');
    await openTask('SAMR', registration.caseId, 0);
    expect((await api('POST', `/applications/${id}/withdraw`, 'applicant', { reason: '改变经营计划' })).status).toBe(
      200,
    );
    await cloud.idle();
    const member = await eventually('the member case to be withdrawn', async () => {
      const c = await getCase(registration.caseId);
      return c.status === 'WITHDRAWN' ? c : undefined;
    });
    expect(member.status).toBe('WITHDRAWN');
    expect(await tasksOf('SAMR', registration.caseId)).toEqual([]);
    const bundleExecution = await eventually('the bundle execution to end', async () => {
      const e = cloud.stepFunctions.listExecutions(localStateMachineArn('bundle')).find((x) => x.name === id);
      return e && e.status !== 'RUNNING' ? e : undefined;
    });
    expect(bundleExecution.status).toBe('SUCCEEDED');
  });
});

/** A 开餐馆 bundle case with its merged form and every required material, accepted at the window. */
async function acceptedRestaurantBundle(): Promise<string> {
  const guide = (await call(cloud.baseUrl, 'GET', '/bundles/OPEN-RESTAURANT')).json;
  const form = sampleAnswers(guide.form, { today: '2025-11-24' });
  delete form.uscc;
  const draft = await api('POST', '/applications', 'applicant', { bundleCode: 'OPEN-RESTAURANT', form });
  const id = draft.json.id as string;
  for (const material of guide.materials as { code: string; required: boolean; fileTypes: string[] }[])
    if (material.required) await upload(id, material.code, material.fileTypes);
  expect(
    (
      await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, {
        token: tokens.applicant,
        headers: { 'idempotency-key': `k-${id}` },
      })
    ).status,
  ).toBe(200);
  expect((await api('POST', `/applications/${id}/acceptance`, 'window', { decision: 'accept' })).status).toBe(200);
  await cloud.idle();
  return id;
}

/** Every department approves every task of a case, stage by stage, until the case is decided. */
async function approveAll(caseId: string, result?: Record<string, unknown>) {
  for (let round = 0; round < 10; round++) {
    await cloud.idle();
    const record = await getCase(caseId);
    if (record.status === 'APPROVED' || record.status === 'ISSUED') return;
    for (const dept of record.departments as string[]) {
      tokens[dept] ??= await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
      for (const task of await tasksOf(dept, caseId)) {
        const answer = await decide(dept, task.id, { decision: 'approve', ...(result ? { result } : {}) });
        expect(answer.status).toBe(200);
      }
    }
  }
  throw new Error(`Case ${caseId} did not reach APPROVED`);
}
