import { LocalCloud } from '../../infra/local/cloud';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { acceptedFoodCase, uploadMaterial } from '../support/cases';
import { FOOD_FORM, PDF, USCC } from '../support/food-case';
import { call, eventually } from '../support/http';

/**
 * 窗口收件 and 一窗出件 against a local cloud with the demo catalogue: a window officer registers cases for people at the
 * counter, fills them in through the owner's routes, submits them; they go through acceptance as usual, the
 * applicant finds them online, the indicators count them apart; a 一件事 bundle's results are handed over at once.
 * The clock starts on Monday 2 March 2026.
 */
let cloud: LocalCloud;
const tokens: Record<string, string> = {};
const OTHER_USCC = '91350100M000200Y1H';
const ID_NUMBER = '11010519491231002X';
/** The smallest file the platform takes as a PNG: the signature and an IHDR chunk's header. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(64, 7),
]);

async function freshTokens() {
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.otherWindow = await cloud.issueToken({ sub: 'window-2', role: 'window' });
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  for (const dept of ['SAMR', 'PSB', 'TAX', 'HRSS'])
    tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
}

beforeAll(async () => {
  // The seed brings the demo identities' licences: the enterprise's 营业执照 and 林晓明's ID card.
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T09:00:00+08:00'), seed: true });
  await freshTokens();
});
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who: string, body?: unknown, headers?: Record<string, string>) =>
  call(cloud.baseUrl, method, path, {
    token: tokens[who],
    ...(body !== undefined ? { body } : {}),
    ...(headers ? { headers } : {}),
  });
const published = (type: string, caseId: string) =>
  cloud.bus.archive.filter((e) => e['detail-type'] === type && e.detail.caseId === caseId);
const rules = (res: { json: any }) =>
  (res.json.error.details as { path: string; rule: string }[]).map((d) => `${d.path}:${d.rule}`);

describe('窗口收件: a case registered at the counter', () => {
  let id: string;
  let number: string;

  it('refuses an applicant whose ID number or 统一社会信用代码 does not check, naming the field and the rule', async () => {
    const badUscc = await api('POST', '/window/applications', 'window', {
      matterCode: 'FOOD-BUSINESS-LICENCE',
      applicant: { uscc: '91350100M000100Y44', name: '榕城小吃店' },
    });
    expect(badUscc.status).toBe(400);
    expect(rules(badUscc)).toEqual(['applicant.uscc:checksum']);
    const badId = await api('POST', '/window/applications', 'window', {
      matterCode: 'RESIDENCE-PERMIT',
      applicant: { idNumber: '110105194912310021', name: '林觉民' },
    });
    expect(badId.status).toBe(400);
    expect(rules(badId)).toEqual(['applicant.idNumber:checksum']);
    const both = await api('POST', '/window/applications', 'window', {
      matterCode: 'FOOD-BUSINESS-LICENCE',
      applicant: { uscc: USCC, idNumber: ID_NUMBER, name: '榕城' },
    });
    expect(rules(both)).toEqual(['applicant.idNumber:oneOf']);
    expect(
      (
        await api('POST', '/window/applications', 'applicant', {
          matterCode: 'FOOD-BUSINESS-LICENCE',
          applicant: { uscc: USCC, name: '榕城' },
        })
      ).status,
    ).toBe(403);
    // The identity comes before the catalogue: an unknown matter with a good applicant is the catalogue's 422.
    expect(
      (
        await api('POST', '/window/applications', 'window', {
          matterCode: 'NO-SUCH-MATTER',
          applicant: { uscc: USCC, name: '榕城' },
        })
      ).status,
    ).toBe(422);
  });

  it('registers a draft for the identified applicant: channel window, a number from the same sequence', async () => {
    const created = await api('POST', '/window/applications', 'window', {
      matterCode: 'FOOD-BUSINESS-LICENCE',
      applicant: { uscc: USCC, name: '福州市鼓楼区榕城小吃店', mobile: '13812345678' },
      form: { operatorName: '榕城小吃' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      status: 'DRAFT',
      channel: 'window',
      applicant: { type: 'enterprise', name: '福州市鼓楼区榕城小吃店', identifier: USCC },
      intakeOfficer: 'window-1',
    });
    expect(created.json.number).toMatch(/^350100-20260302-\d{5}$/);
    expect(JSON.stringify(created.json)).not.toContain('13812345678');
    id = created.json.id;
    number = created.json.number;
  });

  it('lets the officer fill it in through the owner’s routes: form, 免证, uploads', async () => {
    const saved = await api('PATCH', `/applications/${id}`, 'window', { form: FOOD_FORM });
    expect(saved.status).toBe(200);
    for (const [material, licenceNo] of [
      ['businessLicence', USCC],
      ['legalRepIdCard', 'RID-350100-0001'],
    ]) {
      expect(
        (await api('POST', `/applications/${id}/licence-references`, 'window', { material, licenceNo })).status,
      ).toBe(200);
    }
    for (const material of ['floorPlan', 'equipmentList', 'foodSafetyRules'])
      await uploadMaterial(cloud.baseUrl, tokens.window!, id, material);
    const timeline = (await api('GET', `/applications/${id}/timeline`, 'window')).json;
    expect(timeline.items.map((e: any) => `${e.action}:${e.actor.role}`)).toEqual([
      'created:window',
      'draft-updated:window',
      'licence-referenced:window',
      'licence-referenced:window',
      'material-added:window',
      'material-added:window',
      'material-added:window',
    ]);
    expect(timeline.items[0].data.channel).toBe('window');
  });

  it('gives another window officer 404 for the draft, and the officer 404 for someone else’s online draft', async () => {
    expect((await api('GET', `/applications/${id}`, 'otherWindow')).status).toBe(404);
    expect((await api('PATCH', `/applications/${id}`, 'otherWindow', { form: FOOD_FORM })).status).toBe(404);
    expect(
      (
        await api('POST', `/applications/${id}/licence-references`, 'otherWindow', {
          material: 'businessLicence',
          licenceNo: USCC,
        })
      ).status,
    ).toBe(404);
    const online = await api('POST', '/applications', 'applicant', {
      matterCode: 'FOOD-BUSINESS-LICENCE',
      form: { operatorName: '网上办' },
    });
    expect(online.json.channel).toBe('online');
    expect((await api('PATCH', `/applications/${online.json.id}`, 'window', { form: FOOD_FORM })).status).toBe(404);
    // Withdrawal stays the applicant's own decision.
    expect((await api('POST', `/applications/${id}/withdraw`, 'window', {})).status).toBe(403);
  });

  it('checks at the window that a licence given for 免证 belongs to the identified applicant', async () => {
    const other = await api('POST', '/window/applications', 'window', {
      matterCode: 'FOOD-BUSINESS-LICENCE',
      applicant: { uscc: OTHER_USCC, name: '另一家店' },
      form: {},
    });
    expect(other.status).toBe(201);
    const refused = await api('POST', `/applications/${other.json.id}/licence-references`, 'window', {
      material: 'businessLicence',
      licenceNo: USCC,
    });
    expect(refused.status).toBe(422);
    expect(rules(refused)).toEqual(['body.licenceNo:exists']);
  });

  it('submits it with an Idempotency-Key; its events carry the window channel', async () => {
    const headers = { 'idempotency-key': `walk-in-${id}` };
    const submitted = await api('POST', `/applications/${id}/submit`, 'window', {}, headers);
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({ status: 'SUBMITTED', channel: 'window', number });
    expect((await api('POST', `/applications/${id}/submit`, 'window', {}, headers)).json).toEqual(submitted.json);
    await cloud.idle();
    expect(published('Application.Submitted.v1', id).map((e) => e.detail.channel)).toEqual(['window']);
    // Now the case waits for acceptance: the officer's owner rights are over (409), another officer never had them (403).
    expect((await api('PATCH', `/applications/${id}`, 'window', { form: FOOD_FORM })).status).toBe(409);
    expect((await api('PATCH', `/applications/${id}`, 'otherWindow', { form: FOOD_FORM })).status).toBe(403);
  });

  it('is found by the applicant under 我的办件 when they sign in online', async () => {
    const mine = await api('GET', '/applications', 'applicant');
    expect(mine.status).toBe(200);
    expect(mine.json.items.find((c: any) => c.id === id)).toMatchObject({
      number,
      channel: 'window',
      status: 'SUBMITTED',
    });
    expect((await api('GET', `/applications/${id}/timeline`, 'applicant')).status).toBe(200);
  });

  it('lists the officer’s own walk-in cases, newest first, and no one else’s', async () => {
    const mine = await api('GET', '/window/applications', 'window');
    expect(mine.status).toBe(200);
    const ids = mine.json.items.map((c: any) => c.id);
    expect(ids).toContain(id);
    expect(mine.json.items.every((c: any) => c.channel === 'window' && c.intakeOfficer === 'window-1')).toBe(true);
    expect(mine.json.items.map((c: any) => c.createdAt)).toEqual(
      [...mine.json.items.map((c: any) => c.createdAt)].sort().reverse(),
    );
    expect((await api('GET', '/window/applications', 'otherWindow')).json.items).toEqual([]);
    expect((await api('GET', '/window/applications', 'applicant')).status).toBe(403);
  });

  it('goes through acceptance as usual: a correction the officer answers at the counter, then 容缺 acceptance', async () => {
    const correct = await api('POST', `/applications/${id}/acceptance`, 'otherWindow', {
      decision: 'correct',
      corrections: [{ target: 'material', code: 'floorPlan', message: '平面图未标注操作区域' }],
    });
    expect(correct.status).toBe(200);
    expect(correct.json.status).toBe('CORRECTION_REQUESTED');
    expect((await api('POST', `/applications/${id}/resubmit`, 'otherWindow', {})).status).toBe(403);
    await uploadMaterial(cloud.baseUrl, tokens.window!, id, 'floorPlan', {
      bytes: Buffer.concat([PDF, Buffer.from('% revised\n')]),
      fileName: 'floorPlan-v2.pdf',
    });
    const resubmitted = await api('POST', `/applications/${id}/resubmit`, 'window', {});
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.json.status).toBe('SUBMITTED');
    const accepted = await api('POST', `/applications/${id}/acceptance`, 'otherWindow', {
      decision: 'accept',
      tolerated: ['healthCertificates'],
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ status: 'ACCEPTED', channel: 'window', tolerated: ['healthCertificates'] });
    await cloud.idle();
    expect(published('Application.Accepted.v1', id).map((e) => e.detail.channel)).toEqual(['window']);
    expect(published('Application.Resubmitted.v1', id).map((e) => e.detail.channel)).toEqual(['window']);
  });

  it('is counted apart from online cases in the indicators (channel)', async () => {
    const online = await acceptedFoodCase(cloud.baseUrl, tokens.applicant!, tokens.window!, () => cloud.idle());
    expect((await api('GET', `/applications/${online}`, 'applicant')).json.channel).toBe('online');
    const rows = await eventually('both channels counted', async () => {
      await cloud.idle();
      const stats = await api('GET', '/stats?from=2026-03-02&to=2026-03-02&groupBy=channel', 'supervisor');
      const byChannel = Object.fromEntries((stats.json.rows as any[]).map((r) => [r.channel, r]));
      return byChannel.window?.accepted >= 1 && byChannel.online?.accepted >= 1 ? byChannel : undefined;
    });
    expect(rows.window).toMatchObject({ submitted: 1, accepted: 1, tolerated: 1 });
    expect(rows.online).toMatchObject({ submitted: 1, accepted: 1 });
  });
});

describe('一窗出件: a walk-in 企业开办 bundle’s results handed over at once', () => {
  let bundleId: string;
  let members: Record<string, string>;

  async function tasksOf(dept: string, caseId: string) {
    return ((await api('GET', '/tasks', dept)).json.items as any[]).filter((t) => t.caseId === caseId);
  }
  /** Every department approves every task of a case until it is decided. */
  async function approveAll(caseId: string, result?: Record<string, unknown>) {
    for (let round = 0; round < 10; round++) {
      await cloud.idle();
      const record = (await api('GET', `/applications/${caseId}`, 'supervisor')).json;
      if (['APPROVED', 'ISSUED'].includes(record.status)) return;
      for (const dept of record.departments as string[]) {
        for (const task of await tasksOf(dept, caseId)) {
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
    throw new Error(`Case ${caseId} was not decided`);
  }
  const bundleDelivery = async () => (await api('GET', `/applications/${bundleId}/delivery`, 'window')).json;
  const resultsOf = (delivery: any) =>
    Object.fromEntries((delivery.members as any[]).map((m) => [m.matterCode, m.result]));

  it('registers, fills in and submits the bundle at the window; it is accepted as usual', async () => {
    const guide = (await call(cloud.baseUrl, 'GET', '/bundles/OPEN-COMPANY')).json;
    const form = sampleAnswers(guide.form, { today: '2026-03-02', overrides: { bankAccount: '6222021001234567890' } });
    delete form.uscc;
    const created = await api('POST', '/window/applications', 'window', {
      bundleCode: 'OPEN-COMPANY',
      applicant: { uscc: USCC, name: '福州市鼓楼区榕城小吃店' },
      form,
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ kind: 'bundle', channel: 'window' });
    bundleId = created.json.id;
    for (const material of guide.materials as { code: string; required: boolean; fileTypes: string[] }[]) {
      if (material.required)
        await uploadMaterial(
          cloud.baseUrl,
          tokens.window!,
          bundleId,
          material.code,
          material.fileTypes.includes('pdf')
            ? undefined
            : { bytes: PNG, fileName: `${material.code}.png`, contentType: 'image/png' },
        );
    }
    const submitted = await api(
      'POST',
      `/applications/${bundleId}/submit`,
      'window',
      {},
      { 'idempotency-key': `k-${bundleId}` },
    );
    expect([submitted.status, submitted.json.error]).toEqual([200, undefined]);
    // 企业开办 is accepted automatically when every material is there; otherwise at the window.
    if (submitted.json.status === 'SUBMITTED')
      expect(
        (await api('POST', `/applications/${bundleId}/acceptance`, 'otherWindow', { decision: 'accept' })).status,
      ).toBe(200);
    await cloud.idle();
    const bundle = (await api('GET', `/applications/${bundleId}`, 'window')).json;
    expect(bundle.status).toBe('IN_REVIEW');
  });

  it('answers 409 naming the members whose results are still to come', async () => {
    const registration = (await api('GET', `/applications/${bundleId}`, 'supervisor')).json.members.find(
      (m: any) => m.matterCode === 'COMPANY-REGISTRATION',
    );
    await approveAll(registration.caseId, { uscc: USCC });
    const delivery = await eventually('the registration’s result at the window', async () => {
      await cloud.idle();
      const d = await bundleDelivery();
      return resultsOf(d)['COMPANY-REGISTRATION'] === 'ready' ? d : undefined;
    });
    expect(delivery).toMatchObject({ caseId: bundleId, status: 'READY_FOR_PICKUP' });
    const early = await api('POST', `/applications/${bundleId}/delivery/pickup`, 'window', { receivedBy: '林晓明' });
    expect(early.status).toBe(409);
    expect(rules(early).sort()).toEqual([
      'members.INVOICE-APPLICATION:ready',
      'members.SEAL-FILING:ready',
      'members.SOCIAL-INSURANCE-REGISTRATION:ready',
    ]);
    expect(early.json.error.message).toContain('SEAL-FILING');
    expect(resultsOf(await bundleDelivery())['COMPANY-REGISTRATION']).toBe('ready');
  });

  it('hands over every member’s result in one call once all are ready, each with its own 送达 entry and event', async () => {
    const bundle = await eventually('the three others to run', async () => {
      await cloud.idle();
      const c = (await api('GET', `/applications/${bundleId}`, 'supervisor')).json;
      return c.members.every((m: any) => m.caseId) ? c : undefined;
    });
    members = Object.fromEntries(bundle.members.map((m: any) => [m.matterCode, m.caseId]));
    for (const [code, caseId] of Object.entries(members)) if (code !== 'COMPANY-REGISTRATION') await approveAll(caseId);
    await eventually(
      'every result at the window',
      async () => {
        await cloud.idle();
        return Object.values(resultsOf(await bundleDelivery())).every((r) => r === 'ready') ? true : undefined;
      },
      20_000,
    );

    const handed = await api('POST', `/applications/${bundleId}/delivery/pickup`, 'window', {
      receivedBy: '林晓明',
      receiverIdNumber: ID_NUMBER,
    });
    expect(handed.status).toBe(200);
    expect(handed.json).toMatchObject({ caseId: bundleId, status: 'DELIVERED' });
    expect(handed.json.members.map((m: any) => [m.matterCode, m.result, m.handedOver])).toEqual(
      Object.keys(members).map((code) => [code, 'delivered', true]),
    );
    await cloud.idle();
    for (const caseId of Object.values(members)) {
      const delivery = (await api('GET', `/applications/${caseId}/delivery`, 'applicant')).json;
      expect(delivery).toMatchObject({
        status: 'DELIVERED',
        caseStatus: 'DELIVERED',
        receivedBy: '林晓明',
        receiverIdNumber: '110***********002X',
        bundleCaseId: bundleId,
      });
      const entries = (await api('GET', `/applications/${caseId}/timeline`, 'applicant')).json.items as any[];
      expect(entries.filter((e) => e.action === 'delivered')).toEqual([
        expect.objectContaining({
          to: 'DELIVERED',
          actor: { sub: 'window-1', role: 'window' },
          data: expect.objectContaining({ bundleCaseId: bundleId }),
        }),
      ]);
      const [event, ...more] = published('Delivery.Delivered.v1', caseId);
      expect(more).toEqual([]);
      expect(event!.detail).toMatchObject({ method: 'window', channel: 'window', parentCaseId: bundleId });
      expect(JSON.stringify(event!.detail)).not.toMatch(/林晓明|11010519491231002X/);
    }
    const bundleTimeline = (await api('GET', `/applications/${bundleId}/timeline`, 'window')).json;
    expect(bundleTimeline.items.at(-1)).toMatchObject({
      action: 'results-handed-over',
      data: { members: Object.keys(members) },
    });
    expect(bundleTimeline.integrity.valid).toBe(true);
  });

  it('has nothing left to hand over: a second call is 409', async () => {
    const again = await api('POST', `/applications/${bundleId}/delivery/pickup`, 'window', {});
    expect(again.status).toBe(409);
  });
});
