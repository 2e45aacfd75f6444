import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { LocalCloud } from '../../infra/local/cloud';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';
import { watchKey } from '../../shared/adapters/dynamo-supervision-store';
import { SHIPPED_CALENDARS } from '../../shared/domain/calendar/holidays';
import { uploadMaterial } from '../support/cases';
import { FOOD_FORM, USCC } from '../support/food-case';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';

/**
 * The year boundary (issue 17, part 5), on a local cloud whose clock stands in late December 2026, when only the
 * 2025 and 2026 holiday notices are loaded. Cases submitted then go through to their licence (nothing fails for a
 * late notice); their deadlines reaching 2027 are counted Monday to Friday and marked provisional; loading 2027
 * (1–3 January off) moves every open one, once.
 */
jest.setTimeout(240_000);

let cloud: LocalCloud;
const tokens: Record<string, string> = {};
async function freshTokens() {
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  tokens.admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
  for (const dept of ['SAMR', 'HEALTH', 'URBAN'])
    tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
}
async function at(instant: string) {
  cloud.clock.advanceTo(new Date(instant));
  await cloud.idle();
  await freshTokens();
}

/** Illustrative, not the real 2027 notice (not published when this was written): 元旦 1–3 January. */
const CALENDAR_2027 = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ date, name: '元旦' })),
  workdays: [],
};

beforeAll(async () => {
  expect(SHIPPED_CALENDARS.map((c) => c.year)).not.toContain(2027);
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-12-28T09:00:00+08:00'), seed: true });
  await importDemoLicences(cloud);
  await freshTokens();
});
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who: string, body?: unknown, headers?: Record<string, string>) =>
  call(cloud.baseUrl, method, path, {
    token: tokens[who],
    ...(body !== undefined ? { body } : {}),
    ...(headers ? { headers } : {}),
  });
const getCase = async (id: string) => (await api('GET', `/applications/${id}`, 'supervisor')).json;
const tasksOf = async (dept: string, caseId: string) =>
  ((await api('GET', '/tasks', dept)).json.items as any[]).filter((t) => t.caseId === caseId);
const history = async (id: string) =>
  ((await api('GET', `/applications/${id}/timeline`, 'applicant')).json.items as any[]).map((e) => e.action as string);
const events = (type: string, caseId: string) =>
  cloud.bus.archive.filter((e) => e['detail-type'] === type && e.detail.caseId === caseId);
const watch = async (
  kind: 'case' | 'task' | 'delivery' | 'rectification' | 'complaint',
  subjectId: string,
  caseId?: string,
) =>
  (
    await dynamoDocumentClient().send(
      new GetCommand({
        TableName: process.env.MAIN_TABLE_NAME,
        Key: watchKey({ kind, subjectId, ...(caseId ? { caseId } : {}) }),
      }),
    )
  ).Item;
const engagementEvents = (type: string, complaintId: string) =>
  cloud.bus.archive.filter((e) => e['detail-type'] === type && e.detail.complaintId === complaintId);
const rectificationOf = async (caseId: string) =>
  ((await api('GET', '/rectifications?status=open', 'SAMR')).json.items as any[]).find((r) => r.caseId === caseId);

/** A 食品经营许可 case of the demo enterprise, submitted now (Monday 28 December 2026). */
async function submittedFoodCase(): Promise<string> {
  const draft = await api('POST', '/applications', 'applicant', {
    matterCode: 'FOOD-BUSINESS-LICENCE',
    form: FOOD_FORM,
  });
  expect(draft.status).toBe(201);
  const id = draft.json.id as string;
  for (const [material, licenceNo] of [
    ['businessLicence', USCC],
    ['legalRepIdCard', 'RID-350100-0001'],
  ]) {
    expect(
      (await api('POST', `/applications/${id}/licence-references`, 'applicant', { material, licenceNo })).status,
    ).toBe(200);
  }
  for (const material of ['floorPlan', 'equipmentList', 'foodSafetyRules', 'healthCertificates'])
    await uploadMaterial(cloud.baseUrl, tokens.applicant!, id, material);
  const submitted = await api('POST', `/applications/${id}/submit`, 'applicant', undefined, {
    'idempotency-key': `k-${id}`,
  });
  expect(submitted.status).toBe(200);
  return id;
}

async function accept(id: string) {
  expect((await api('POST', `/applications/${id}/acceptance`, 'window', { decision: 'accept' })).status).toBe(200);
  await cloud.idle();
}

/** Approves every open task of the stage that is open now; returns how many it approved. */
async function approveOpenStage(id: string): Promise<number> {
  await cloud.idle();
  let approved = 0;
  for (const dept of (await getCase(id)).departments as string[]) {
    for (const task of await tasksOf(dept, id)) {
      const answer = await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, dept, { decision: 'approve' });
      expect(answer.status).toBe(200);
      approved += 1;
    }
  }
  await cloud.idle();
  return approved;
}

async function throughToLicence(id: string): Promise<any> {
  for (let round = 0; round < 10 && (await approveOpenStage(id)) > 0; round++);
  return eventually(
    'the licence',
    async () => {
      const c = await getCase(id);
      return c.status === 'ISSUED' && c.licenceNo ? c : undefined;
    },
    60_000,
  );
}

describe('a case submitted in late December, before the 2027 notice is loaded', () => {
  let early: string;
  let open: string;
  let waiting: string;
  let complaint: { id: string; accessCode: string };

  it('is submitted and accepted, its deadlines counted Monday to Friday into 2027 and marked provisional', async () => {
    early = await submittedFoodCase();
    // Five working days after Mon 28 Dec: 29, 30, 31 Dec, Fri 1 Jan (a weekday: unknown yet), Mon 4 Jan.
    const submitted = await getCase(early);
    expect(submitted.deadlines).toMatchObject({ acceptance: '2027-01-04', acceptanceProvisional: true });
    await accept(early);
    const accepted = await getCase(early);
    expect(accepted.status).toBe('IN_REVIEW');
    expect(accepted.review).toMatchObject({
      startDate: '2026-12-28',
      limitDays: 5,
      dueDate: '2027-01-04',
      provisional: true,
    });
    expect(accepted.deadlines).toMatchObject({ review: '2027-01-04', reviewProvisional: true });
    const [task] = await eventually('the first task', async () =>
      (await tasksOf('SAMR', early)).length ? tasksOf('SAMR', early) : undefined,
    );
    // The first stage's two working days end on Wednesday 30 December: counted by the 2026 notice, final.
    expect(task).toMatchObject({ dueDate: '2026-12-30' });
    expect(task.provisional).toBeUndefined();
  });

  it('goes through review to its licence while 2027 is still not loaded', async () => {
    const issued = await throughToLicence(early);
    expect(issued.licenceNo).toBeTruthy();
    const licence = await api('GET', `/licences/${encodeURIComponent(issued.licenceNo)}`, 'applicant');
    expect(licence.status).toBe(200);
    // Supervision watched the provisional deadline and closed it; nothing failed on the way.
    expect((await watch('case', early, early))?.status).toBe('closed');
    // 送达: ten working days from the decision on Monday 28 December, counted Monday to Friday into 2027.
    const delivery = await api('GET', `/applications/${early}/delivery`, 'applicant');
    expect(delivery.json).toMatchObject({ dueDate: '2027-01-11', dueProvisional: true });
    const deliveryWatch = await eventually('the delivery watch', () => watch('delivery', early, early));
    expect(deliveryWatch).toMatchObject({ dueDate: '2027-01-11', provisional: true, status: 'open' });
    // A bad rating opens a rectification: fifteen working days, also into 2027.
    expect(
      (await api('POST', `/applications/${early}/rating`, 'applicant', { ability: 1, attitude: 2, effect: 1 })).status,
    ).toBe(201);
    await cloud.idle();
    const rectification = await eventually('the rectification', () => rectificationOf(early));
    expect(rectification).toMatchObject({ dueDate: '2027-01-18', provisional: true });
    expect(await eventually('the rectification watch', () => watch('rectification', rectification.id))).toMatchObject({
      dueDate: '2027-01-18',
      provisional: true,
    });
  });

  it('keeps open deadlines provisional until the notice comes: a case in review and one waiting for the window', async () => {
    open = await submittedFoodCase();
    await accept(open);
    await eventually('the first stage', async () => ((await tasksOf('SAMR', open)).length ? true : undefined));
    waiting = await submittedFoodCase();
    // On Wednesday 30 December the first stage is approved; the on-site check's two working days reach 2027.
    await at('2026-12-30T10:00:00+08:00');
    expect(await approveOpenStage(open)).toBe(2);
    const onSite = await eventually('the on-site check', async () =>
      (await tasksOf('SAMR', open)).find((t) => t.stageIndex === 1),
    );
    expect(onSite).toMatchObject({ startDate: '2026-12-30', dueDate: '2027-01-01', provisional: true });
    expect((await getCase(waiting)).deadlines).toMatchObject({ acceptance: '2027-01-04', acceptanceProvisional: true });
    const caseWatch = await eventually('the case watch', () => watch('case', open, open));
    expect(caseWatch).toMatchObject({ dueDate: '2027-01-04', provisional: true });
    expect(await eventually('the on-site watch', () => watch('task', onSite.id, open))).toMatchObject({
      dueDate: '2027-01-01',
      provisional: true,
    });
    // A complaint about the matter, received on 30 December: ten working days, counted Monday to Friday into 2027.
    const received = await call(cloud.baseUrl, 'POST', '/complaints', {
      body: {
        about: { matterCode: 'FOOD-BUSINESS-LICENCE' },
        category: 'delay',
        content: '办理进度很慢，请尽快处理。',
        contact: { name: '张三', email: 'complainant@example.com' },
      },
    });
    expect(received.status).toBe(201);
    expect(received.json).toMatchObject({ dueDate: '2027-01-13', provisional: true });
    complaint = { id: received.json.id, accessCode: received.json.accessCode };
    expect(
      (await call(cloud.baseUrl, 'GET', `/complaints/${complaint.id}?code=${complaint.accessCode}`, {})).json,
    ).toMatchObject({ dueDate: '2027-01-13', provisional: true });
    await cloud.idle();
    expect(await eventually('the complaint watch', () => watch('complaint', complaint.id))).toMatchObject({
      dueDate: '2027-01-13',
      provisional: true,
    });
  });

  let before: { review: string; tasks: Record<string, string> };
  it('moves every open deadline when an administrator loads 2027, with the event, the history and the applicant told', async () => {
    const tasksBefore = [...(await tasksOf('SAMR', open)), ...(await tasksOf('HEALTH', open))];
    before = {
      review: (await getCase(open)).review.dueDate,
      tasks: Object.fromEntries(tasksBefore.map((t) => [t.id, t.dueDate])),
    };
    expect(tasksBefore.length).toBeGreaterThan(0);

    const put = await api('PUT', '/admin/calendars/2027', 'admin', CALENDAR_2027);
    expect(put.status).toBe(200);
    await cloud.idle();

    // 1 January is a holiday after all: the fifth working day after 28 December is Tuesday 5 January.
    const moved = await eventually(
      'the re-dated case',
      async () => {
        const c = await getCase(open);
        return c.review.dueDate !== before.review ? c : undefined;
      },
      60_000,
    );
    expect(moved.review).toMatchObject({ dueDate: '2027-01-05' });
    expect(moved.review.provisional).toBeUndefined();
    expect(moved.deadlines.reviewProvisional).toBeUndefined();
    const onSiteWatch = await eventually('the on-site watch moved', async () => {
      const w = await watch('task', Object.keys(before.tasks).find((id) => before.tasks[id] === '2027-01-01')!, open);
      return w?.dueDate === '2027-01-04' ? w : undefined;
    });
    expect(onSiteWatch.provisional).toBeUndefined();
    const [onSite, ...others] = await tasksOf('SAMR', open);
    expect(others).toHaveLength(0);
    // 31 December, then Monday 4 January: Friday 1 January is off after all.
    expect(onSite).toMatchObject({ stageIndex: 1, dueDate: '2027-01-04' });
    for (const task of [onSite]) {
      expect(task.provisional).toBeUndefined();
      const taskWatch = await eventually(`the watch of ${task.id}`, async () => {
        const w = await watch('task', task.id, open);
        return w?.dueDate === task.dueDate ? w : undefined;
      });
      expect(taskWatch.dueDate).toBe(task.dueDate);
    }
    expect(await history(open)).toContain('deadlines-redated');
    const [redated] = events('Application.DeadlinesRedated.v1', open);
    expect(redated?.detail).toMatchObject({
      year: 2027,
      dueDate: '2027-01-05',
      previousDueDate: '2027-01-04',
      caseDueDate: '2027-01-05',
      tasks: [{ taskId: onSite.id, taskDepartment: 'SAMR', dueDate: '2027-01-04', previousDueDate: '2027-01-01' }],
      stillProvisional: false,
    });
    const caseWatch = await eventually('the case watch moved', async () => {
      const w = await watch('case', open, open);
      return w?.dueDate === '2027-01-05' ? w : undefined;
    });
    expect(caseWatch.provisional).toBeUndefined();

    const stillWaiting = await getCase(waiting);
    expect(stillWaiting.deadlines.acceptance).toBe('2027-01-05');
    expect(stillWaiting.deadlines.acceptanceProvisional).toBeUndefined();

    const inbox = await eventually('the applicant told', async () => {
      const page = await api('GET', '/me/inbox', 'applicant');
      return (page.json.items as any[]).find(
        (m) => m.caseId === open && m.detailType === 'Application.DeadlinesRedated.v1',
      );
    });
    expect(`${inbox.title}${inbox.body}`).toMatch(/2027/);

    // The issued case's closed deadlines are history; its result's delivery and its rectification are still open and move.
    const [earlyRedated, ...again] = events('Application.DeadlinesRedated.v1', early);
    expect(again).toHaveLength(0);
    expect(earlyRedated?.detail).toMatchObject({
      deliveryDueDate: '2027-01-12',
      dueDate: '2027-01-12',
      previousDueDate: '2027-01-11',
      tasks: [],
    });
    expect(earlyRedated?.detail.rectification).toMatchObject({
      dueDate: '2027-01-19',
      previousDueDate: '2027-01-18',
      responsibleDepartment: 'SAMR',
    });
    expect(earlyRedated?.detail.caseDueDate).toBeUndefined();
    const delivery = (await api('GET', `/applications/${early}/delivery`, 'applicant')).json;
    expect(delivery.dueDate).toBe('2027-01-12');
    expect(delivery.dueProvisional).toBeUndefined();
    const deliveryWatch = await eventually('the delivery watch moved', async () => {
      const w = await watch('delivery', early, early);
      return w?.dueDate === '2027-01-12' ? w : undefined;
    });
    expect(deliveryWatch.provisional).toBeUndefined();
    const rectification = await rectificationOf(early);
    expect(rectification.dueDate).toBe('2027-01-19');
    expect(rectification.provisional).toBeUndefined();
    const rectificationWatch = await eventually('the rectification watch moved', async () => {
      const w = await watch('rectification', rectification.id);
      return w?.dueDate === '2027-01-19' ? w : undefined;
    });
    expect(rectificationWatch.provisional).toBeUndefined();

    // The complaint: 1 January is off after all, so the tenth working day after 30 December is 14 January.
    const status = (await call(cloud.baseUrl, 'GET', `/complaints/${complaint.id}?code=${complaint.accessCode}`, {}))
      .json;
    expect(status.dueDate).toBe('2027-01-14');
    expect(status.provisional).toBeUndefined();
    expect(engagementEvents('Complaint.DeadlineRedated.v1', complaint.id).map((e) => e.detail)).toEqual([
      expect.objectContaining({ year: 2027, dueDate: '2027-01-14', previousDueDate: '2027-01-13', provisional: false }),
    ]);
    const complaintWatch = await eventually('the complaint watch moved', async () => {
      const w = await watch('complaint', complaint.id);
      return w?.dueDate === '2027-01-14' ? w : undefined;
    });
    expect(complaintWatch.provisional).toBeUndefined();
  });

  it('changes nothing when the notice is loaded again (the re-dating is done once)', async () => {
    const seqBefore = (await history(open)).length;
    expect((await api('PUT', '/admin/calendars/2027', 'admin', CALENDAR_2027)).status).toBe(200);
    await cloud.idle();
    expect((await history(open)).filter((a) => a === 'deadlines-redated')).toHaveLength(1);
    expect((await history(open)).length).toBe(seqBefore);
    expect(events('Application.DeadlinesRedated.v1', open)).toHaveLength(1);
    expect(events('Application.DeadlinesRedated.v1', early)).toHaveLength(1);
    expect(engagementEvents('Complaint.DeadlineRedated.v1', complaint.id)).toHaveLength(1);
    expect((await getCase(open)).review.dueDate).toBe('2027-01-05');
    expect((await api('GET', `/applications/${early}/delivery`, 'applicant')).json.dueDate).toBe('2027-01-12');
    expect((await rectificationOf(early)).dueDate).toBe('2027-01-19');
  });

  it('goes on to its licence after the notice is loaded, and new deadlines are final', async () => {
    const issued = await throughToLicence(open);
    expect(issued.licenceNo).toBeTruthy();
    const fresh = await submittedFoodCase();
    // Submitted on Wednesday 30 December: 31 December, 4, 5, 6 and 7 January.
    expect((await getCase(fresh)).deadlines).toMatchObject({ acceptance: '2027-01-07' });
    expect((await getCase(fresh)).deadlines.acceptanceProvisional).toBeUndefined();
  });
});
