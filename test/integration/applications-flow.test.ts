import { LocalCloud } from '../../infra/local/cloud';
import { importDemoLicences } from '../support/licences';
import { FOOD_FORM as validForm, PDF, sha256, USCC } from '../support/food-case';
import { uploadMaterial } from '../support/cases';
import { call, eventually } from '../support/http';

/** The applicant's whole path over HTTP, against a local cloud with the demo catalogue. */
let cloud: LocalCloud;
let enterprise: string;
let otherEnterprise: string;
let window: string;

const MATTER = 'FOOD-BUSINESS-LICENCE';
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 1)]);

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T01:00:00Z'), seed: true });
  await importDemoLicences(cloud);
});
// Fresh tokens for every test: some tests move the clock by days, past a token's hour.
beforeEach(async () => {
  enterprise = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  otherEnterprise = await cloud.issueToken({
    sub: 'ent-2',
    role: 'applicant',
    uscc: `${'91350100M000100Y43'.replace('M0001', 'M0002').slice(0, 17)}0`,
  });
  window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
});
afterAll(() => cloud?.stop());

/** Uploads `bytes` as the enterprise; the confirmation must answer `confirmStatus`. */
const upload = (caseId: string, material: string, bytes: Buffer, fileName = `${material}.pdf`, confirmStatus = 200) =>
  uploadMaterial(cloud.baseUrl, enterprise, caseId, material, { bytes, fileName }, confirmStatus);

async function readyDraft(): Promise<string> {
  const draft = await call(cloud.baseUrl, 'POST', '/applications', {
    token: enterprise,
    body: { matterCode: MATTER, form: validForm },
  });
  expect(draft.status).toBe(201);
  const id = draft.json.id as string;
  for (const [material, licenceNo] of [
    ['businessLicence', '91350100M000100Y43'],
    ['legalRepIdCard', 'RID-350100-0001'],
  ]) {
    expect(
      (
        await call(cloud.baseUrl, 'POST', `/applications/${id}/licence-references`, {
          token: enterprise,
          body: { material, licenceNo },
        })
      ).status,
    ).toBe(200);
  }
  for (const material of ['floorPlan', 'equipmentList', 'foodSafetyRules'])
    expect((await upload(id, material, PDF)).status).toBe(200);
  return id;
}

describe('an application from draft to acceptance', () => {
  let id: string;

  it('starts a draft with a readable, dated case number and saves its form', async () => {
    const draft = await call(cloud.baseUrl, 'POST', '/applications', {
      token: enterprise,
      body: { matterCode: MATTER, form: { operatorName: '榕城小吃' } },
    });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ status: 'DRAFT', matterVersion: 1, applicant: { type: 'enterprise' } });
    expect(draft.json.number).toMatch(/^350100-20260302-\d{5}$/);
    expect(draft.json.deadlines.draftExpiresAt).toBe('2026-04-01T01:00:00.000Z');
    id = draft.json.id;
    const saved = await call(cloud.baseUrl, 'PATCH', `/applications/${id}`, {
      token: enterprise,
      body: { form: validForm },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.form.operatorName).toBe(validForm.operatorName);
  });

  it('takes materials through presigned uploads and licence references', async () => {
    for (const [material, licenceNo] of [
      ['businessLicence', USCC],
      ['legalRepIdCard', 'RID-350100-0001'],
    ]) {
      await call(cloud.baseUrl, 'POST', `/applications/${id}/licence-references`, {
        token: enterprise,
        body: { material, licenceNo },
      });
    }
    for (const material of ['floorPlan', 'equipmentList', 'foodSafetyRules']) {
      const confirmed = await upload(id, material, PDF);
      expect(confirmed.status).toBe(200);
      expect(confirmed.json.materials[material].files[0]).toMatchObject({
        fileName: `${material}.pdf`,
        size: PDF.length,
        sha256: sha256(PDF),
      });
    }
  });

  it('refuses an executable renamed .pdf, removes it, and keeps the case as it was', async () => {
    const before = await call(cloud.baseUrl, 'GET', `/applications/${id}`, { token: enterprise });
    const refused = await upload(id, 'foodSafetyManagerAppointment', ELF, 'appointment.pdf', 415);
    expect(refused.status).toBe(415);
    expect(refused.json.error.details[0]).toMatchObject({ path: 'file', rule: 'fileType' });
    const after = await call(cloud.baseUrl, 'GET', `/applications/${id}`, { token: enterprise });
    expect(after.json.materials.foodSafetyManagerAppointment).toBeUndefined();
    expect(after.json.updatedAt).toBe(before.json.updatedAt);
  });

  it('refuses a file type the material does not accept before any upload', async () => {
    const res = await call(cloud.baseUrl, 'POST', `/applications/${id}/attachments`, {
      token: enterprise,
      body: {
        material: 'equipmentList',
        fileName: 'list.png',
        contentType: 'image/png',
        size: 10,
        sha256: sha256(Buffer.from('x')),
      },
    });
    expect(res.status).toBe(415);
  });

  it('submits once per Idempotency-Key: the same key gives the same case, another body a 409', async () => {
    const first = await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, {
      token: enterprise,
      body: {},
      headers: { 'idempotency-key': 'submit-key-0001' },
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ status: 'SUBMITTED', deadlines: { acceptance: '2026-03-09' } });
    const again = await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, {
      token: enterprise,
      body: {},
      headers: { 'idempotency-key': 'submit-key-0001' },
    });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const other = await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, {
      token: enterprise,
      body: { form: { ...validForm, premisesArea: 61 } },
      headers: { 'idempotency-key': 'submit-key-0001' },
    });
    expect(other.status).toBe(409);
  });

  it('shows the case to its owner and the window, and answers 404 to another applicant', async () => {
    expect((await call(cloud.baseUrl, 'GET', `/applications/${id}`, { token: otherEnterprise })).status).toBe(404);
    expect((await call(cloud.baseUrl, 'GET', `/applications/${id}/timeline`, { token: otherEnterprise })).status).toBe(
      404,
    );
    expect(
      (await call(cloud.baseUrl, 'POST', `/applications/${id}/withdraw`, { token: otherEnterprise, body: {} })).status,
    ).toBe(404);
    const queue = await call(cloud.baseUrl, 'GET', '/acceptance/queue', { token: window });
    expect(queue.json.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await call(cloud.baseUrl, 'GET', '/acceptance/queue', { token: enterprise })).status).toBe(403);
  });

  it('goes through one correction round: every item at once, then the resubmission', async () => {
    const correct = await call(cloud.baseUrl, 'POST', `/applications/${id}/acceptance`, {
      token: window,
      body: {
        decision: 'correct',
        corrections: [
          { target: 'material', code: 'floorPlan', message: '平面图未标注操作区域' },
          { target: 'field', code: 'premisesArea', message: '面积与平面图不符' },
        ],
      },
    });
    expect(correct.status).toBe(200);
    expect(correct.json).toMatchObject({
      status: 'CORRECTION_REQUESTED',
      corrections: [{ code: 'floorPlan' }, { code: 'premisesArea' }],
    });
    expect(
      (await upload(id, 'floorPlan', Buffer.concat([PDF, Buffer.from('% revised\n')]), 'floorPlan-v2.pdf')).status,
    ).toBe(200);
    const resubmitted = await call(cloud.baseUrl, 'POST', `/applications/${id}/resubmit`, {
      token: enterprise,
      body: { form: { ...validForm, premisesArea: 58 } },
    });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.json).toMatchObject({ status: 'SUBMITTED', form: { premisesArea: 58 } });
  });

  it('accepts only with 容缺 for the listed tolerable material, and records it', async () => {
    const refused = await call(cloud.baseUrl, 'POST', `/applications/${id}/acceptance`, {
      token: window,
      body: { decision: 'accept' },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details[0]).toMatchObject({ path: 'materials.healthCertificates' });
    const wrongTolerance = await call(cloud.baseUrl, 'POST', `/applications/${id}/acceptance`, {
      token: window,
      body: { decision: 'accept', tolerated: ['floorPlan', 'healthCertificates'] },
    });
    expect(wrongTolerance.status).toBe(422);
    const accepted = await call(cloud.baseUrl, 'POST', `/applications/${id}/acceptance`, {
      token: window,
      body: { decision: 'accept', tolerated: ['healthCertificates'] },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ status: 'ACCEPTED', tolerated: ['healthCertificates'] });
    expect(accepted.json.departments).toEqual(expect.arrayContaining(['SAMR', 'HEALTH']));
  });

  it('lets those who may see the case download a file through a short-lived link, and nobody else', async () => {
    const current = await call(cloud.baseUrl, 'GET', `/applications/${id}`, { token: enterprise });
    const file = current.json.materials.equipmentList.files[0];
    const link = await call(cloud.baseUrl, 'GET', `/applications/${id}/attachments/${file.uploadId}`, {
      token: enterprise,
    });
    expect(link.status).toBe(200);
    expect(Date.parse(link.json.expiresAt) - Date.parse('2026-03-02T01:00:00Z')).toBeLessThanOrEqual(5 * 60 * 1000);
    expect(Buffer.from(await (await fetch(link.json.url)).arrayBuffer()).equals(PDF)).toBe(true);
    expect(
      (await call(cloud.baseUrl, 'GET', `/applications/${id}/attachments/${file.uploadId}`, { token: otherEnterprise }))
        .status,
    ).toBe(404);
  });

  it('shows an accepted case to the departments that review it, and to no other', async () => {
    const samr = await cloud.issueToken({ sub: 'samr-1', role: 'department', department: 'SAMR' });
    const urban = await cloud.issueToken({ sub: 'urban-1', role: 'department', department: 'URBAN' });
    expect((await call(cloud.baseUrl, 'GET', `/applications/${id}`, { token: samr })).status).toBe(200);
    expect((await call(cloud.baseUrl, 'GET', `/applications/${id}`, { token: urban })).status).toBe(404);
    // The window sees what waits for it; an accepted case no longer does.
    expect((await call(cloud.baseUrl, 'GET', `/applications/${id}`, { token: window })).status).toBe(404);
  });

  it('keeps a tamper-evident timeline of every step', async () => {
    // The review starts from the acceptance's event, a moment after the window's answer (later on a busy machine).
    const transitionsOf = (t: Awaited<ReturnType<typeof call>>): string[] =>
      t.json.items.filter((e: { to?: string }) => e.to).map((e: { action: string }) => e.action);
    const timeline = await eventually('the review to start', async () => {
      const t = await call(cloud.baseUrl, 'GET', `/applications/${id}/timeline`, { token: enterprise });
      return t.status === 200 && transitionsOf(t).includes('review-started') ? t : undefined;
    });
    expect(timeline.json.integrity).toEqual({ valid: true, entries: timeline.json.items.length });
    const transitions = transitionsOf(timeline);
    expect(transitions).toEqual([
      'created',
      'submitted',
      'correction-requested',
      'resubmitted',
      'accepted',
      'review-started',
    ]);
    for (const [i, entry] of timeline.json.items.entries()) {
      if (i > 0) expect(entry.prevHash).toBe(timeline.json.items[i - 1].hash);
    }
  });

  it('announces each step on the bus through the outbox, and the accepted case starts its procedure', async () => {
    await cloud.idle();
    const types = cloud.bus.archive.filter((e) => e.detail.caseId === id).map((e) => e['detail-type']);
    expect(types.slice(0, 5)).toEqual([
      'Application.Submitted.v1',
      'Application.CorrectionRequested.v1',
      'Application.Resubmitted.v1',
      'Application.Accepted.v1',
      'Application.ReviewStarted.v1',
    ]);
    const executions = cloud.stepFunctions.listExecutions(cloud.stepFunctions.stateMachineArns()[0]!);
    expect(executions.some((e) => JSON.parse(e.input).caseId === id)).toBe(true);
  });
});

describe('submission and acceptance rules', () => {
  it('will not submit while a required, non-tolerable material is missing, and names it', async () => {
    const draft = await call(cloud.baseUrl, 'POST', '/applications', {
      token: enterprise,
      body: { matterCode: MATTER, form: validForm },
    });
    const res = await call(cloud.baseUrl, 'POST', `/applications/${draft.json.id}/submit`, {
      token: enterprise,
      body: {},
    });
    expect(res.status).toBe(422);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['materials.floorPlan', 'materials.equipmentList']),
    );
  });

  it('refuses with a written reason only', async () => {
    const id = await readyDraft();
    await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, { token: enterprise, body: {} });
    expect(
      (
        await call(cloud.baseUrl, 'POST', `/applications/${id}/acceptance`, {
          token: window,
          body: { decision: 'refuse' },
        })
      ).status,
    ).toBe(400);
    const refused = await call(cloud.baseUrl, 'POST', `/applications/${id}/acceptance`, {
      token: window,
      body: { decision: 'refuse', reason: '申请事项不属于本机关职权范围' },
    });
    expect(refused.json.status).toBe('REFUSED');
    expect(
      (await call(cloud.baseUrl, 'POST', `/applications/${id}/withdraw`, { token: enterprise, body: {} })).status,
    ).toBe(409);
  });

  it('lets the applicant withdraw until a decision', async () => {
    const id = await readyDraft();
    await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, { token: enterprise, body: {} });
    const withdrawn = await call(cloud.baseUrl, 'POST', `/applications/${id}/withdraw`, {
      token: enterprise,
      body: { reason: '经营场所变更' },
    });
    expect(withdrawn.json.status).toBe('WITHDRAWN');
  });

  it('counts a case as accepted when the window does not decide within 5 working days', async () => {
    const id = await readyDraft();
    const submitted = await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, { token: enterprise, body: {} });
    const due = submitted.json.deadlines.acceptance as string;
    cloud.clock.advanceTo(new Date(`${due}T15:00:00Z`)); // the evening of the due day in Shanghai: not yet
    await cloud.idle();
    // Tokens live an hour; time has moved on by days.
    let token = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
    expect((await call(cloud.baseUrl, 'GET', `/applications/${id}`, { token })).json.status).toBe('SUBMITTED');
    cloud.clock.advance(2 * 3600 * 1000); // past midnight in Shanghai
    await cloud.idle();
    token = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
    const after = await call(cloud.baseUrl, 'GET', `/applications/${id}`, { token });
    // Deemed accepted, it went straight into review.
    expect(after.json.status).toBe('IN_REVIEW');
    const timeline = await call(cloud.baseUrl, 'GET', `/applications/${id}/timeline`, { token });
    expect(timeline.json.items.find((e: { action: string }) => e.action === 'accepted')).toMatchObject({
      actor: { sub: 'system' },
      data: { deemed: true },
    });
  });
});

describe('abandoned drafts', () => {
  it('expire after the configured days: the case is gone for its owner', async () => {
    const draft = await call(cloud.baseUrl, 'POST', '/applications', {
      token: enterprise,
      body: { matterCode: MATTER, form: { operatorName: '将被遗弃' } },
    });
    const expiresAt = Date.parse(draft.json.deadlines.draftExpiresAt);
    cloud.clock.advanceTo(new Date(expiresAt + 1000));
    const token = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
    expect((await call(cloud.baseUrl, 'GET', `/applications/${draft.json.id}`, { token })).status).toBe(404);
    expect(
      (await call(cloud.baseUrl, 'GET', '/applications?limit=100', { token })).json.items.map(
        (c: { id: string }) => c.id,
      ),
    ).not.toContain(draft.json.id);
  });
});

describe('bad input', () => {
  const myCaseCount = async () =>
    (await call(cloud.baseUrl, 'GET', '/applications?limit=100', { token: enterprise })).json.items.length as number;

  it('gets 4xx with field-level messages and writes nothing', async () => {
    const before = await myCaseCount();
    const missing = await call(cloud.baseUrl, 'POST', '/applications', { token: enterprise, body: { form: {} } });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details[0]).toMatchObject({ path: 'body.matterCode', rule: 'oneOf' });
    const wrongType = await call(cloud.baseUrl, 'POST', '/applications', {
      token: enterprise,
      body: { matterCode: MATTER, form: { premisesArea: 'big' } },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.details[0]).toMatchObject({ path: 'form.premisesArea', rule: 'type' });
    const badId = await call(cloud.baseUrl, 'POST', '/applications', {
      token: enterprise,
      body: { matterCode: MATTER, form: { legalRepIdNumber: '110105194912310021' } },
    });
    expect(badId.status).toBe(400);
    expect(badId.json.error.details[0]).toMatchObject({ path: 'form.legalRepIdNumber', rule: 'checksum' });
    const oversize = await call(cloud.baseUrl, 'POST', '/applications', {
      token: enterprise,
      body: { matterCode: MATTER, form: { operatorName: 'x'.repeat(300_000) } },
    });
    expect(oversize.status).toBe(413);
    const unknownMatter = await call(cloud.baseUrl, 'POST', '/applications', {
      token: enterprise,
      body: { matterCode: 'NO-SUCH-MATTER' },
    });
    expect(unknownMatter.status).toBe(422);
    const citizenOnly = await call(cloud.baseUrl, 'POST', '/applications', {
      token: await cloud.issueToken({ sub: 'c-9', role: 'applicant', idNumber: '11010519491231002X' }),
      body: { matterCode: MATTER },
    });
    expect(citizenOnly.status).toBe(422);
    expect(await myCaseCount()).toBe(before);
  });
});

describe('agents', () => {
  it('act for an applicant only under an authorisation for that matter', async () => {
    const agent = await cloud.issueToken({ sub: 'agent-7', role: 'agent' });
    const body = { matterCode: MATTER, form: { operatorName: '代办' }, onBehalfOf: { uscc: USCC } };
    expect((await call(cloud.baseUrl, 'POST', '/applications', { token: agent, body })).status).toBe(403);
    const grant = await call(cloud.baseUrl, 'POST', '/me/authorisations', {
      token: enterprise,
      body: { agentSub: 'agent-7', matters: [MATTER], until: '2026-12-31T23:59:59+08:00' },
    });
    expect(grant.status).toBe(201);
    const created = await call(cloud.baseUrl, 'POST', '/applications', { token: agent, body });
    expect(created.status).toBe(201);
    expect(created.json.actingAgent).toBe('agent-7');
    expect(
      (await call(cloud.baseUrl, 'GET', '/applications', { token: agent })).json.items.map((c: { id: string }) => c.id),
    ).toEqual([created.json.id]);
    // The applicant sees the case the agent started for them.
    expect((await call(cloud.baseUrl, 'GET', `/applications/${created.json.id}`, { token: enterprise })).status).toBe(
      200,
    );
    expect(
      (
        await call(cloud.baseUrl, 'POST', '/applications', {
          token: agent,
          body: { ...body, matterCode: 'COMPANY-REGISTRATION' },
        })
      ).status,
    ).toBe(403);
    await call(cloud.baseUrl, 'DELETE', '/me/authorisations/agent-7', { token: enterprise });
    expect(
      (
        await call(cloud.baseUrl, 'PATCH', `/applications/${created.json.id}`, {
          token: agent,
          body: { form: { operatorName: '代办2' } },
        })
      ).status,
    ).toBe(403);
  });
});

describe('automatic acceptance and supervision', () => {
  it('accepts at once when the matter allows it and every required material is there, announcing both steps', async () => {
    const form = {
      uscc: USCC,
      taxpayerName: '福州市鼓楼区榕城小吃店',
      taxpayerKind: 'small-scale',
      invoiceTypes: ['digital-ordinary'],
      monthlyLimitYuan: 10000,
      handlerName: '林晓明',
      handlerIdNumber: '11010519491231002X',
      handlerMobile: '13812345678',
    };
    const draft = await call(cloud.baseUrl, 'POST', '/applications', {
      token: enterprise,
      body: { matterCode: 'INVOICE-APPLICATION', form },
    });
    expect(draft.status).toBe(201);
    const unknown = await call(cloud.baseUrl, 'POST', `/applications/${draft.json.id}/licence-references`, {
      token: enterprise,
      body: { material: 'handlerIdCard', licenceNo: 'RID-350100-0002' },
    });
    expect(unknown.status).toBe(422);
    expect(
      (
        await call(cloud.baseUrl, 'POST', `/applications/${draft.json.id}/licence-references`, {
          token: enterprise,
          body: { material: 'handlerIdCard', licenceNo: 'RID-350100-0001' },
        })
      ).status,
    ).toBe(200);
    const submitted = await call(cloud.baseUrl, 'POST', `/applications/${draft.json.id}/submit`, {
      token: enterprise,
      body: {},
    });
    expect(submitted.json).toMatchObject({ status: 'ACCEPTED', departments: ['TAX'] });
    await cloud.idle();
    const types = cloud.bus.archive.filter((e) => e.detail.caseId === draft.json.id).map((e) => e['detail-type']);
    expect(types.slice(0, 3)).toEqual([
      'Application.Submitted.v1',
      'Application.Accepted.v1',
      'Application.ReviewStarted.v1',
    ]);
    const timeline = await call(cloud.baseUrl, 'GET', `/applications/${draft.json.id}/timeline`, { token: enterprise });
    expect(timeline.json.items.find((e: { action: string }) => e.action === 'accepted')).toMatchObject({
      actor: { sub: 'system' },
    });
  });

  it('lets a supervisor list every case of a day and read any of them', async () => {
    const supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
    const day = await call(cloud.baseUrl, 'GET', '/applications?date=2026-03-02&limit=100', { token: supervisor });
    expect(day.status).toBe(200);
    expect(day.json.items.length).toBeGreaterThan(3);
    expect(day.json.items.every((c: { number: string }) => c.number.includes('-20260302-'))).toBe(true);
    expect(
      (await call(cloud.baseUrl, 'GET', `/applications/${day.json.items[0].id}`, { token: supervisor })).status,
    ).toBe(200);
    expect((await call(cloud.baseUrl, 'GET', '/applications', { token: window })).status).toBe(403);
  });
});
