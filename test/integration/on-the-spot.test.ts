import { LocalCloud } from '../../infra/local/cloud';
import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';
import { uploadMaterial } from '../support/cases';
import { FOOD_FORM } from '../support/food-case';

/**
 * 即办件 at the window (issue 19): a window officer holding the police's delegation decides 公章刻制备案 on the spot,
 * and the licence is issued the same day. Without the delegation, or for a matter that is not a 即办件, the decision
 * is refused and nothing changes. The clock starts on Monday 2 March 2026.
 */
let cloud: LocalCloud;
const USCC = '91350100M000100Y43';
const DAY = '2026-03-02';
const tokens: Record<string, string> = {};
/** A copy of 公章刻制备案 that waits at the window instead of being accepted automatically online. */
const AT_THE_DESK = 'SEAL-FILING-DESK';

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date(`${DAY}T09:00:00+08:00`), seed: true });
  await importDemoLicences(cloud);
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.delegated = await cloud.issueToken({
    sub: 'window-7',
    role: 'window',
    name: '综合窗口7号',
    delegations: ['PSB:*'],
  });
  tokens.otherDelegation = await cloud.issueToken({
    sub: 'window-8',
    role: 'window',
    delegations: ['TAX:*', 'PSB:RESIDENCE-PERMIT'],
  });
  tokens.plain = await cloud.issueToken({ sub: 'window-9', role: 'window' });
  tokens.PSB = await cloud.issueToken({ sub: 'staff-psb', role: 'department', department: 'PSB' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  tokens.admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
  const seal = DEMO_CATALOGUE.matters.find((m) => m.code === 'SEAL-FILING')!.content;
  const content = {
    ...seal,
    name: '公章刻制备案（窗口受理）',
    basicCode: `${seal.basicCode}`,
    procedure: { ...seal.procedure, acceptance: 'window' },
  };
  expect((await api('POST', '/admin/matters', 'admin', { code: AT_THE_DESK, content })).status).toBe(201);
  expect((await api('POST', `/admin/matters/${AT_THE_DESK}/versions/1/submit`, 'admin', {})).status).toBe(200);
  const published = await api('POST', `/admin/matters/${AT_THE_DESK}/versions/1/publish`, 'admin', {});
  expect([published.status, published.json.error]).toEqual([200, undefined]);
}, 120_000);
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who?: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, {
    ...(who ? { token: tokens[who] } : {}),
    ...(body !== undefined ? { body } : {}),
  });
const settle = () => cloud.idle();
const today = () => new Date(cloud.clock.now()).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

async function submitted(matter: string): Promise<{ id: string; status: string }> {
  const guide = (await api('GET', `/matters/${matter}`)).json;
  const draft = await api('POST', '/applications', 'applicant', {
    matterCode: matter,
    form: sampleAnswers(guide.form, { today: DAY, overrides: { uscc: USCC } }),
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
  const done = await api('POST', `/applications/${id}/submit`, 'applicant');
  expect([done.status, done.json.error]).toEqual([200, undefined]);
  return { id, status: done.json.status as string };
}

const issued = (id: string) =>
  eventually(
    `the licence of ${id}`,
    async () => {
      await settle();
      const record = (await api('GET', `/applications/${id}`, 'applicant')).json;
      return record.status === 'ISSUED' ? record : undefined;
    },
    30_000,
  );

describe('即办件 decided on the spot at the window', () => {
  it('an online case accepted on its own: hidden from officers without the delegation, then decided by the delegated officer, licensed the same day', async () => {
    const { id } = await submitted('SEAL-FILING');
    await settle();
    const task = await eventually('the police task', async () =>
      ((await api('GET', '/tasks', 'PSB')).json.items as any[]).find((t) => t.caseId === id),
    );

    // It waits in the delegated officer's on-the-spot queue, and in no one else's.
    expect(((await api('GET', '/acceptance/on-the-spot', 'delegated')).json.items as any[]).map((c) => c.id)).toContain(
      id,
    );
    for (const who of ['plain', 'otherDelegation'])
      expect((await api('GET', '/acceptance/on-the-spot', who)).json.items).toEqual([]);
    // Officers without the police's delegation for this matter do not even see a case in review.
    for (const who of ['plain', 'otherDelegation'])
      expect((await api('POST', `/applications/${id}/on-the-spot`, who)).status).toBe(404);
    // The refusals changed nothing: the police's task still waits.
    expect((await api('GET', `/tasks/${encodeURIComponent(task.id)}`, 'PSB')).json.task.status).toBe('WAITING');

    const decided = await api('POST', `/applications/${id}/on-the-spot`, 'delegated');
    expect([decided.status, decided.json.error]).toEqual([200, undefined]);
    expect(decided.json.onTheSpot).toEqual({ at: expect.any(String), byName: '综合窗口7号' });
    const record = await issued(id);

    const licence = (await api('GET', `/licences/${record.licenceNo}`, 'applicant')).json;
    expect(licence.issuedAt.slice(0, 10)).toBe(today());
    const decidedTask = (await api('GET', `/tasks/${encodeURIComponent(task.id)}`, 'PSB')).json.task;
    expect(decidedTask).toMatchObject({ status: 'APPROVED' });
    const history = (await api('GET', `/applications/${id}/timeline`, 'applicant')).json;
    expect(JSON.stringify(history)).toContain('on-the-spot');

    expect(
      ((await api('GET', '/acceptance/on-the-spot', 'delegated')).json.items as any[]).map((c) => c.id),
    ).not.toContain(id);
    // Decided and licensed, the case has left the window: there is nothing more to decide on it.
    expect((await api('POST', `/applications/${id}/on-the-spot`, 'delegated')).status).toBe(404);
  }, 120_000);

  it('a case waiting at the window: one decision accepts it, its task opens approved, the licence is issued the same day', async () => {
    const { id, status } = await submitted(AT_THE_DESK);
    expect(status).toBe('SUBMITTED');
    const queue = (await api('GET', '/acceptance/queue?limit=100', 'delegated')).json.items as any[];
    expect(queue.map((c) => c.id)).toContain(id);

    // Every window officer sees a case waiting for acceptance; only the delegated one may decide it on the spot.
    for (const who of ['plain', 'otherDelegation']) {
      const refused = await api('POST', `/applications/${id}/on-the-spot`, who);
      expect(refused.status).toBe(403);
      expect(refused.json.error.details).toEqual([
        expect.objectContaining({
          path: 'delegations',
          rule: 'delegation',
          message: expect.stringContaining(`PSB:${AT_THE_DESK}`),
        }),
      ]);
    }
    expect((await api('GET', `/applications/${id}`, 'applicant')).json.status).toBe('SUBMITTED');

    const decided = await api('POST', `/applications/${id}/on-the-spot`, 'delegated');
    expect([decided.status, decided.json.error]).toEqual([200, undefined]);
    expect(decided.json.status).toBe('ACCEPTED');
    const record = await issued(id);
    expect(record.acceptedAt.slice(0, 10)).toBe(DAY);
    const licence = (await api('GET', `/licences/${record.licenceNo}`, 'applicant')).json;
    expect(licence.issuedAt.slice(0, 10)).toBe(today());

    // The police's task opened already approved: nothing waits in their to-do list.
    const open = ((await api('GET', '/tasks', 'PSB')).json.items as any[]).filter((t) => t.caseId === id);
    expect(open).toEqual([]);
    // Its Task.Opened says so, so messaging tells nobody it is due soon (its limit is one working day).
    const opened = cloud.bus.archive.filter((e) => e['detail-type'] === 'Task.Opened.v1' && e.detail.caseId === id);
    expect(opened.map((e) => e.detail.decidedAtOpening)).toEqual([true]);
    const inbox = ((await api('GET', '/me/inbox', 'PSB')).json.items as any[]).filter((m) => m.caseId === id);
    expect(inbox.filter((m) => m.detailType === 'Task.Opened.v1').map((m) => m.body.includes('黄灯'))).toEqual([false]);
  }, 120_000);

  it('a matter that is not a 即办件 is refused with the rule named, and nothing changes; in review it is not even seen', async () => {
    // 食品经营许可 waits at the window: every officer sees it there, and deciding it on the spot is refused.
    const draft = await api('POST', '/applications', 'applicant', {
      matterCode: 'FOOD-BUSINESS-LICENCE',
      form: FOOD_FORM,
    });
    const food = draft.json.id as string;
    for (const [material, licenceNo] of [
      ['businessLicence', USCC],
      ['legalRepIdCard', 'RID-350100-0001'],
    ]) {
      expect(
        (await api('POST', `/applications/${food}/licence-references`, 'applicant', { material, licenceNo })).status,
      ).toBe(200);
    }
    for (const material of ['floorPlan', 'equipmentList', 'foodSafetyRules', 'healthCertificates'])
      await uploadMaterial(cloud.baseUrl, tokens.applicant!, food, material);
    expect((await api('POST', `/applications/${food}/submit`, 'applicant')).json.status).toBe('SUBMITTED');
    const before = (await api('GET', `/applications/${food}/timeline`, 'applicant')).json;
    const refused = await api('POST', `/applications/${food}/on-the-spot`, 'delegated');
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toEqual([expect.objectContaining({ path: 'matterCode', rule: 'immediate' })]);
    expect((await api('GET', `/applications/${food}/timeline`, 'applicant')).json).toEqual(before);

    // 增值税发票申领 (tax) is no 即办件: in review, even the officer holding the tax office's delegation cannot see it.
    const guide = (await api('GET', '/matters/INVOICE-APPLICATION')).json;
    const invoice = await api('POST', '/applications', 'applicant', {
      matterCode: 'INVOICE-APPLICATION',
      form: sampleAnswers(guide.form, { today: DAY, overrides: { uscc: USCC, handlerIdNumber: '11010519491231002X' } }),
    });
    const id = invoice.json.id as string;
    expect(
      (
        await api('POST', `/applications/${id}/licence-references`, 'applicant', {
          material: 'handlerIdCard',
          licenceNo: 'RID-350100-0001',
        })
      ).status,
    ).toBe(200);
    expect((await api('POST', `/applications/${id}/submit`, 'applicant')).status).toBe(200);
    await settle();
    expect((await api('GET', `/applications/${id}`, 'otherDelegation')).status).toBe(404);
    expect((await api('POST', `/applications/${id}/on-the-spot`, 'otherDelegation')).status).toBe(404);
  }, 120_000);

  it('the 即办件 share counts the cases decided on the spot', async () => {
    await settle();
    const rows = (await api('GET', `/stats?from=${DAY}&to=${today()}&groupBy=matter`, 'supervisor')).json
      .rows as Record<string, any>[];
    for (const matter of ['SEAL-FILING', AT_THE_DESK]) {
      const row = rows.find((r) => r.matter === matter)!;
      expect([matter, row.immediate, row.immediateShare]).toEqual([matter, 1, 1]);
    }
  }, 60_000);
});
