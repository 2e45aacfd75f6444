import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { LocalCloud } from '../../infra/local/cloud';
import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import { topology } from '../../infra/topology';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';
import { watchKey } from '../../shared/adapters/dynamo-supervision-store';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import type { Watch } from '../../shared/domain/supervision/model';
import { uploadMaterial } from '../support/cases';
import { USCC } from '../support/food-case';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';

/**
 * The bundle's deadline is watched (issue 19, part 4): a 开餐馆 一件事 is one deadline of its own promised limit, from
 * its acceptance to its last member's licence; yellow and red as time passes, cleared when that licence issues;
 * counted once in 按时办结率; and a bundle promising more than its members' legal limits allow is not published.
 * A local cloud wired as the platform is (consumers on their rules, the hourly sweep), the clock moving through
 * March 2026 (no holiday near).
 */

let cloud: LocalCloud;
const tokens: Record<string, string> = {};
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

async function freshTokens() {
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  tokens.admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
  for (const dept of ['SAMR', 'HEALTH', 'URBAN', 'PSB', 'TAX', 'HRSS'])
    tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
}

async function at(instant: string) {
  cloud.clock.advanceTo(new Date(instant));
  await cloud.idle();
  await freshTokens();
}

beforeAll(async () => {
  cloud = await LocalCloud.start({
    clock: 'manual',
    startTime: new Date('2026-03-02T08:00:00+08:00'),
    seed: true,
    topology,
  });
  await importDemoLicences(cloud);
  await freshTokens();
});
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });
const getCase = async (id: string) => (await api('GET', `/applications/${id}`, 'supervisor')).json;
const listed = async (path: string) => {
  const answer = await api('GET', path, 'supervisor');
  expect(answer.status).toBe(200);
  return answer.json.items as any[];
};
const notices = (type: string, watchId: string) =>
  cloud.bus.archive.filter((e) => e['detail-type'] === type && e.detail.watchId === watchId);

async function storedWatch(caseId: string): Promise<Watch | undefined> {
  const { Item } = await dynamoDocumentClient().send(
    new GetCommand({
      TableName: process.env.MAIN_TABLE_NAME,
      Key: watchKey({ kind: 'case', subjectId: caseId, caseId }),
    }),
  );
  return Item as Watch | undefined;
}

/** A bundle case (开餐馆 unless told) with its merged form and every required material, accepted at the window now. */
async function acceptedRestaurant(today: string, bundleCode = 'OPEN-RESTAURANT'): Promise<string> {
  const guide = (await call(cloud.baseUrl, 'GET', `/bundles/${bundleCode}`)).json;
  // A bank account number sampleAnswers cannot make up (企业开办's social insurance member checks its form).
  const form = sampleAnswers(guide.form, {
    today,
    ...(bundleCode === 'OPEN-COMPANY' ? { overrides: { bankAccount: '6222021001234567890' } } : {}),
  });
  delete form.uscc;
  const draft = await api('POST', '/applications', 'applicant', { bundleCode, form });
  expect(draft.status).toBe(201);
  const id = draft.json.id as string;
  for (const material of guide.materials as { code: string; required: boolean; fileTypes: string[] }[]) {
    if (!material.required) continue;
    await uploadMaterial(
      cloud.baseUrl,
      tokens.applicant!,
      id,
      material.code,
      material.fileTypes.includes('pdf')
        ? undefined
        : { bytes: PNG, fileName: `${material.code}.png`, contentType: 'image/png' },
    );
  }
  const submitted = await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, {
    token: tokens.applicant,
    headers: { 'idempotency-key': `k-${id}` },
  });
  expect([submitted.status, submitted.json.error]).toEqual([200, undefined]);
  // 企业开办 is accepted automatically when every material is there; 开餐馆 at the window.
  if (submitted.json.status === 'SUBMITTED')
    expect((await api('POST', `/applications/${id}/acceptance`, 'window', { decision: 'accept' })).status).toBe(200);
  await cloud.idle();
  return id;
}

/** Every department approves every task of a member case, stage by stage, until it is decided. */
async function approveAll(caseId: string, result?: Record<string, unknown>) {
  for (let round = 0; round < 10; round++) {
    await cloud.idle();
    const record = await getCase(caseId);
    if (['APPROVED', 'ISSUED', 'DELIVERED'].includes(record.status)) return;
    for (const dept of record.departments as string[]) {
      const list = await api('GET', '/tasks', dept);
      for (const task of (list.json.items as any[]).filter((t) => t.caseId === caseId)) {
        expect(
          (
            await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, dept, {
              decision: 'approve',
              ...(result ? { result } : {}),
            })
          ).status,
        ).toBe(200);
      }
    }
  }
  throw new Error(`Case ${caseId} was not approved`);
}

const member = (bundle: any, matterCode: string) => bundle.members.find((m: any) => m.matterCode === matterCode);
const running = (id: string, n: number) =>
  eventually(`${n} members of ${id} running`, async () => {
    const c = await getCase(id);
    return c.members.filter((m: any) => m.status === 'RUNNING').length === n ? c : undefined;
  });

describe('the bundle’s deadline is watched', () => {
  let late: string;

  it('starts at acceptance with the bundle’s own promised limit: 8 working days for 开餐馆', async () => {
    await at('2026-03-02T09:30:00+08:00');
    const guide = (await call(cloud.baseUrl, 'GET', '/bundles/OPEN-RESTAURANT')).json;
    expect(guide.promisedLimitDays).toBe(8);
    late = await acceptedRestaurant('2026-03-02');
    // Accepted Monday 2 March (not counted): 3, 4, 5, 6, 9, 10, 11, 12 March.
    expect((await getCase(late)).review).toMatchObject({
      startDate: '2026-03-02',
      limitDays: 8,
      dueDate: '2026-03-12',
    });
    expect(await storedWatch(late)).toMatchObject({
      kind: 'case',
      status: 'open',
      level: 'green',
      dueDate: '2026-03-12',
      matterCode: 'OPEN-RESTAURANT',
      department: 'SAMR',
    });

    // Registration, then two of the three others, are approved and licensed; the 户外广告 permit is still in review.
    await approveAll(member(await getCase(late), 'COMPANY-REGISTRATION').caseId, { uscc: USCC });
    const bundle = await running(late, 3);
    await approveAll(member(bundle, 'FOOD-BUSINESS-LICENCE').caseId);
    await approveAll(member(bundle, 'PUBLIC-HYGIENE-LICENCE').caseId);
    await cloud.idle();
    expect((await getCase(late)).status).toBe('IN_REVIEW');
    expect(await storedWatch(late)).toMatchObject({ status: 'open', level: 'green' });
  });

  it('turns yellow when 2 working days are left, with one warning', async () => {
    await at('2026-03-10T09:00:00+08:00');
    const warned = (await listed('/supervision/warnings?kind=case')).find((w) => w.watchId === `case#${late}`);
    expect(warned).toMatchObject({
      level: 'yellow',
      remainingDays: 2,
      dueDate: '2026-03-12',
      matterCode: 'OPEN-RESTAURANT',
      department: 'SAMR',
    });
    expect(notices('Supervision.DeadlineWarning.v1', `case#${late}`)).toHaveLength(1);
  });

  it('turns red the day after its due date, with one overdue notice', async () => {
    await at('2026-03-13T09:00:00+08:00');
    const red = (await listed('/supervision/overdue?kind=case')).find((w) => w.watchId === `case#${late}`);
    expect(red).toMatchObject({ level: 'red', overdueDays: 1, dueDate: '2026-03-12' });
    expect(notices('Supervision.DeadlineOverdue.v1', `case#${late}`)).toHaveLength(1);
  });

  it('is cleared when the last member’s licence issues', async () => {
    const outdoor = member(await getCase(late), 'OUTDOOR-AD-PERMIT').caseId as string;
    await approveAll(outdoor);
    await eventually('the last licence', async () => (await getCase(outdoor)).licenceNo);
    const closed = await eventually('the bundle’s watch to close', async () => {
      await cloud.idle();
      const w = await storedWatch(late);
      return w?.status === 'closed' ? w : undefined;
    });
    expect(['Licence.Issued.v1', 'Application.Approved.v1']).toContain(closed.closedBy);
    expect((await listed('/supervision/overdue?kind=case')).map((w) => w.watchId)).not.toContain(`case#${late}`);
    expect((await getCase(late)).status).toBe('APPROVED');
  });

  it('counts in 按时办结率 as one case each: one bundle late, one on time; their members’ decisions not again', async () => {
    // A second 开餐馆, accepted and completed on Friday 13 March, well within its 8 working days.
    const onTime = await acceptedRestaurant('2026-03-13');
    await approveAll(member(await getCase(onTime), 'COMPANY-REGISTRATION').caseId, { uscc: USCC });
    const bundle = await running(onTime, 3);
    for (const code of ['FOOD-BUSINESS-LICENCE', 'PUBLIC-HYGIENE-LICENCE', 'OUTDOOR-AD-PERMIT'])
      await approveAll(member(bundle, code).caseId);
    await eventually('the second bundle’s watch to close', async () => {
      await cloud.idle();
      return (await storedWatch(onTime))?.status === 'closed' || undefined;
    });

    const rows = await eventually('both bundles counted', async () => {
      await cloud.idle();
      const answer = await api('GET', '/stats?from=2026-03-01&to=2026-03-13&groupBy=matter', 'supervisor');
      const items = answer.json.rows as any[];
      return items.find((r) => r.matter === 'OPEN-RESTAURANT')?.completed === 2 ? items : undefined;
    });
    const restaurant = rows.find((r) => r.matter === 'OPEN-RESTAURANT');
    // Each bundle once, against its own limit: 8 promised, 3 + max(10, 20, 20) = 23 legal working days.
    expect(restaurant).toMatchObject({
      completed: 2,
      approved: 2,
      completedOnTime: 1,
      onTimeRate: 0.5,
      promisedDays: 16,
      legalDays: 46,
    });
    // Members are counted at intake (their own cases and departments), not again at completion.
    const food = rows.find((r) => r.matter === 'FOOD-BUSINESS-LICENCE');
    expect(food).toMatchObject({ accepted: 2, completed: 0, completedOnTime: 0 });

    const drill = await api(
      'GET',
      '/stats/cases?indicator=onTimeRate&from=2026-03-01&to=2026-03-13&matter=OPEN-RESTAURANT',
      'supervisor',
    );
    expect(drill.status).toBe(200);
    expect(Object.fromEntries(drill.json.items.map((r: any) => [r.caseId, r.numerator]))).toEqual({
      [late]: 0,
      [onTime]: 1,
    });
  });
});

describe('企业开办 (OPEN-COMPANY): its own 3 working days, not its members’ 1 + 1', () => {
  it('is due 3 working days after acceptance, and met at its last result, the invoice member yielding no licence', async () => {
    await at('2026-03-16T09:00:00+08:00');
    const id = await acceptedRestaurant('2026-03-16', 'OPEN-COMPANY');
    // Accepted Monday 16 March: 17, 18, 19 March (the members' promises along the waves would give 18 March).
    expect((await getCase(id)).review).toMatchObject({ startDate: '2026-03-16', limitDays: 3, dueDate: '2026-03-19' });
    expect(await storedWatch(id)).toMatchObject({ status: 'open', dueDate: '2026-03-19', matterCode: 'OPEN-COMPANY' });
    await approveAll(member(await getCase(id), 'COMPANY-REGISTRATION').caseId, { uscc: USCC });
    const bundle = await running(id, 3);
    for (const code of ['SEAL-FILING', 'INVOICE-APPLICATION', 'SOCIAL-INSURANCE-REGISTRATION'])
      await approveAll(member(bundle, code).caseId);
    const closed = await eventually('the bundle’s watch to close', async () => {
      await cloud.idle();
      const w = await storedWatch(id);
      return w?.status === 'closed' ? w : undefined;
    });
    expect(closed.level).toBe('green');
    expect((await getCase(member(bundle, 'INVOICE-APPLICATION').caseId)).licenceNo).toBeUndefined();
  });
});

describe('publishing a bundle’s limit', () => {
  const restaurant = DEMO_CATALOGUE.bundles.find((b) => b.code === 'OPEN-RESTAURANT')!.content;

  async function tryPublish(code: string, content: Record<string, unknown>) {
    expect((await api('POST', '/admin/bundles', 'admin', { code, content })).status).toBe(201);
    expect((await api('POST', `/admin/bundles/${code}/versions/1/submit`, 'admin', {})).status).toBe(200);
    return api('POST', `/admin/bundles/${code}/versions/1/publish`, 'admin', {});
  }

  it('refuses a promise longer than the members’ legal limits allow along the waves, naming the field and the rule, and changes nothing', async () => {
    const refused = await tryPublish('RESTAURANT-SLOW', { ...restaurant, promisedLimitDays: 24 });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toContainEqual(
      expect.objectContaining({
        path: 'content.promisedLimitDays',
        rule: 'withinMembersLegalLimits',
        message: expect.stringContaining('(23)'),
      }),
    );
    expect((await api('GET', '/admin/bundles/RESTAURANT-SLOW/versions/1', 'admin')).json.status).toBe('in_review');
    expect((await call(cloud.baseUrl, 'GET', '/bundles/RESTAURANT-SLOW')).status).toBe(404);
  });

  it('refuses a new version without a promise, and publishes one at the legal limits', async () => {
    const { promisedLimitDays: _gone, ...without } = restaurant;
    const refused = await tryPublish('RESTAURANT-NOLIMIT', without);
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toContainEqual(
      expect.objectContaining({ path: 'content.promisedLimitDays', rule: 'required' }),
    );
    expect((await tryPublish('RESTAURANT-23', { ...restaurant, promisedLimitDays: 23 })).status).toBe(200);
    expect((await call(cloud.baseUrl, 'GET', '/bundles/RESTAURANT-23')).json.promisedLimitDays).toBe(23);
  });
});
