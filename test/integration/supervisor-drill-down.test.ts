import { LocalCloud } from '../../infra/local/cloud';
import { acceptedFoodCase as acceptedFood } from '../support/cases';
import { USCC } from '../support/food-case';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';

/**
 * The supervisor's two lists that /stats and the extension decision lacked, against a local cloud with the demo
 * catalogue: the drill-down from a number of /stats to the cases behind it (GET /stats/cases: its sums equal /stats'
 * numbers for the same range and filters, scoped by region as /stats is), and the extensions departments asked for
 * that wait for a window or a supervisor (GET /supervision/extensions).
 */

let cloud: LocalCloud;
const tokens: Record<string, string> = {};
const DAY = '2026-03-02';

async function freshTokens() {
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  tokens.fuzhou = await cloud.issueToken({ sub: 'sup-fz', role: 'supervisor', region: '350100' });
  tokens.xiamen = await cloud.issueToken({ sub: 'sup-xm', role: 'supervisor', region: '350200' });
  tokens.admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
  for (const dept of ['SAMR', 'HEALTH', 'URBAN', 'TAX'])
    tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
}

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date(`${DAY}T09:00:00+08:00`), seed: true });
  await importDemoLicences(cloud);
  await freshTokens();
});
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });
const acceptedFoodCase = () => acceptedFood(cloud.baseUrl, tokens.applicant!, tokens.window!, () => cloud.idle());

async function tasksOf(dept: string, caseId: string) {
  const list = await api('GET', '/tasks', dept);
  expect(list.status).toBe(200);
  return (list.json.items as any[]).filter((t) => t.caseId === caseId);
}

/** Every department approves every task of a case, stage by stage, until the case is decided. */
async function approveAll(caseId: string) {
  for (let round = 0; round < 10; round++) {
    await cloud.idle();
    const record = (await api('GET', `/applications/${caseId}`, 'supervisor')).json;
    if (record.status === 'APPROVED' || record.status === 'ISSUED') return;
    for (const dept of record.departments as string[]) {
      tokens[dept] ??= await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
      for (const task of await tasksOf(dept, caseId))
        expect(
          (await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, dept, { decision: 'approve' })).status,
        ).toBe(200);
    }
  }
  throw new Error(`Case ${caseId} did not reach APPROVED`);
}

const range = `from=${DAY}&to=${DAY}`;
const statsRow = async (who: string, groupBy = '') => {
  const answer = await api('GET', `/stats?${range}${groupBy ? `&groupBy=${groupBy}` : ''}`, who);
  expect(answer.status).toBe(200);
  return answer.json.rows as any[];
};
const drill = async (who: string, query: string) => {
  const answer = await api('GET', `/stats/cases?${range}&${query}`, who);
  expect(answer.status).toBe(200);
  return answer.json;
};

let decided: string;
let open: string;

describe('GET /stats/cases (the drill-down)', () => {
  beforeAll(async () => {
    decided = await acceptedFoodCase();
    open = await acceptedFoodCase();
    await approveAll(decided);
    await eventually('the licence of the decided case', async () =>
      (await api('GET', `/applications/${decided}`, 'supervisor')).json.status === 'ISSUED' ? true : undefined,
    );
    await cloud.idle();
  });

  it('sums to the numbers /stats gives: counters, an indicator’s numerator and denominator, sums of days', async () => {
    const [total] = await statsRow('supervisor');
    expect(total.accepted).toBeGreaterThanOrEqual(2);
    expect(total.completed).toBeGreaterThanOrEqual(1);

    const accepted = await drill('supervisor', 'indicator=accepted');
    expect(accepted).toMatchObject({ counter: 'accepted', total: total.accepted, count: total.accepted });
    expect(accepted.items.map((i: any) => i.caseId)).toEqual(expect.arrayContaining([decided, open]));
    expect(accepted.items.find((i: any) => i.caseId === open)).toMatchObject({
      matter: 'FOOD-BUSINESS-LICENCE',
      department: 'SAMR',
      region: '350100',
      channel: 'online',
      value: 1,
    });
    expect(accepted.items.find((i: any) => i.caseId === open).caseNumber).toMatch(/^\S+-\d{8}-/);

    const onTime = await drill('supervisor', 'indicator=onTimeRate');
    expect(onTime).toMatchObject({
      counter: 'completed',
      numeratorCounter: 'completedOnTime',
      total: total.completed,
      numeratorTotal: total.completedOnTime,
    });
    expect(onTime.items.map((i: any) => i.caseId)).toContain(decided);
    expect(onTime.items.map((i: any) => i.caseId)).not.toContain(open);
    expect(onTime.numeratorTotal / onTime.total).toBeCloseTo(total.onTimeRate, 4);

    const days = await drill('supervisor', 'indicator=avgWorkingDays');
    expect(days).toMatchObject({ total: total.completed, numeratorTotal: total.workingDaysToDecision });
    const waived = await drill('supervisor', 'indicator=materialsWaived');
    expect(waived.total).toBe(total.materialsWaived);
    expect(waived.total).toBeGreaterThan(0);
  });

  it('filters by the dimensions /stats groups by', async () => {
    for (const row of await statsRow('supervisor', 'department,channel')) {
      const part = await drill('supervisor', `indicator=submitted&department=${row.department}&channel=${row.channel}`);
      expect(part.total).toBe(row.submitted);
    }
    expect((await drill('supervisor', 'indicator=accepted&department=URBAN')).total).toBe(0);
  });

  it('pages with a cursor through every row once', async () => {
    const first = await drill('supervisor', 'indicator=accepted&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeDefined();
    const second = await drill('supervisor', `indicator=accepted&limit=1&cursor=${first.nextCursor}`);
    expect(second.items[0].eventId).not.toBe(first.items[0].eventId);
    expect((await api('GET', `/stats/cases?${range}&indicator=accepted&cursor=bm9wZQ`, 'supervisor')).status).toBe(400);
  });

  it('is scoped like /stats: a regional supervisor sees their region, departments none; bad input names its field', async () => {
    expect((await drill('fuzhou', 'indicator=accepted')).total).toBe((await statsRow('fuzhou'))[0].accepted);
    const xiamen = await drill('xiamen', 'indicator=accepted');
    expect(xiamen).toMatchObject({ total: 0, count: 0, items: [], region: '350200' });
    expect((await api('GET', `/stats/cases?${range}&indicator=accepted&region=350100`, 'xiamen')).status).toBe(403);
    expect((await drill('admin', 'indicator=accepted')).total).toBe((await statsRow('admin'))[0].accepted);
    expect((await api('GET', `/stats/cases?${range}&indicator=accepted`, 'SAMR')).status).toBe(403);
    const bad = await api('GET', `/stats/cases?${range}&indicator=nonsense`, 'supervisor');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('query.indicator');
    expect((await api('GET', `/stats/cases?from=2026-03-05&to=${DAY}&indicator=accepted`, 'supervisor')).status).toBe(
      400,
    );
  });
});

describe('GET /supervision/extensions (pending extension requests)', () => {
  it('lists a department’s request until a window decides it, in the supervisor’s region only', async () => {
    const samr = (await tasksOf('SAMR', open)).find((t) => t.stageIndex === 0);
    expect(
      (
        await api('POST', `/tasks/${encodeURIComponent(samr.id)}/decision`, 'SAMR', {
          decision: 'extend',
          reason: '需组织专家论证',
        })
      ).status,
    ).toBe(200);
    await cloud.idle();

    const listed = await api('GET', '/supervision/extensions', 'supervisor');
    expect(listed.status).toBe(200);
    const item = (listed.json.items as any[]).find((i) => i.id === open);
    expect(item).toMatchObject({
      department: 'SAMR',
      regionCode: '350100',
      status: 'IN_REVIEW',
      extension: { days: 10, reason: '需组织专家论证', taskId: samr.id, requestedBy: 'staff-SAMR' },
    });
    expect(
      (await api('GET', '/supervision/extensions?status=pending', 'fuzhou')).json.items.map((i: any) => i.id),
    ).toContain(open);
    expect((await api('GET', '/supervision/extensions', 'xiamen')).json.items.map((i: any) => i.id)).not.toContain(
      open,
    );
    expect((await api('GET', '/supervision/extensions', 'window')).json.items.map((i: any) => i.id)).toContain(open);
    expect((await api('GET', '/supervision/extensions', 'SAMR')).status).toBe(403);
    expect((await api('GET', '/supervision/extensions?status=granted', 'supervisor')).status).toBe(400);

    expect(
      (
        await api('POST', `/applications/${open}/extension`, 'supervisor', {
          decision: 'approve',
          note: '论证确需时间',
        })
      ).status,
    ).toBe(200);
    expect((await api('GET', '/supervision/extensions', 'supervisor')).json.items.map((i: any) => i.id)).not.toContain(
      open,
    );
  });
});
