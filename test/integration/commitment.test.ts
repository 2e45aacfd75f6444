import { LocalCloud } from '../../infra/local/cloud';
import { topology } from '../../infra/topology';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { uploadMaterial } from '../support/cases';
import { USCC } from '../support/food-case';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';
import { extractText } from '../support/pdf';

/**
 * 告知承诺制 end to end (issue 19; seed 000, 《广州市优化营商环境条例》第三十三条): an enterprise applies for the
 * 公共场所卫生许可 on its written commitment instead of the test report and the hygiene rules; the health commission
 * approves without them; the licence says it was issued on commitment; the post-check opens, is watched by
 * supervision, and, found false, revokes the licence (verification says revoked), tells the applicant and the credit
 * system, and is counted. The clock starts on Monday 2 March 2026.
 */
let cloud: LocalCloud;
const MATTER = 'PUBLIC-HYGIENE-LICENCE';
const tokens: Record<string, string> = {};

async function freshTokens() {
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  for (const dept of ['HEALTH', 'SAMR'])
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
    startTime: new Date('2026-03-02T09:00:00+08:00'),
    seed: true,
    topology,
  });
  await importDemoLicences(cloud);
  await freshTokens();
}, 120_000);
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who?: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, {
    ...(who ? { token: tokens[who] } : {}),
    ...(body !== undefined ? { body } : {}),
  });
const events = (type: string, caseId: string) =>
  cloud.bus.archive.filter((e) => e['detail-type'] === type && e.detail.caseId === caseId);

/** The health commission approves the case's three stages; the case's record once its licence is issued. */
async function approvedAndIssued(id: string) {
  for (let stage = 0; stage < 3; stage++) {
    const task = await eventually(`stage ${stage}`, async () => {
      await cloud.idle();
      return ((await api('GET', '/tasks', 'HEALTH')).json.items as any[]).find(
        (t) => t.caseId === id && t.stageIndex === stage && t.status === 'WAITING',
      );
    });
    expect(
      (await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, 'HEALTH', { decision: 'approve' })).status,
    ).toBe(200);
  }
  return eventually('the licence', async () => {
    await cloud.idle();
    const record = (await api('GET', `/applications/${id}`, 'applicant')).json;
    return record.status === 'ISSUED' ? record : undefined;
  });
}

let guide: Record<string, any>;
let caseId: string;
let licenceNo: string;
let postCheckId: string;

describe('告知承诺制', () => {
  it('publishes the commitment in the guide: what it replaces, its text and consequences, its hash', async () => {
    guide = (await api('GET', `/matters/${MATTER}`)).json;
    expect(guide.commitment).toMatchObject({
      materials: ['hygieneTestReport', 'hygieneRules'],
      postCheckDays: 30,
      textHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(guide.commitment.text).toContain('承诺');
    expect(guide.commitment.consequences).toContain('撤销');
    // A matter without 告知承诺 publishes none.
    expect((await api('GET', '/matters/FOOD-BUSINESS-LICENCE')).json.commitment).toBeUndefined();
  });

  it('refuses a commitment for a material the matter does not allow, unconfirmed, or to another text, and changes nothing', async () => {
    const draft = await api('POST', '/applications', 'applicant', {
      matterCode: MATTER,
      form: sampleAnswers(guide.form, { today: '2026-03-02', overrides: { uscc: USCC } }),
    });
    expect(draft.status).toBe(201);
    caseId = draft.json.id;
    const { textHash } = guide.commitment;
    const put = (body: unknown) => api('PUT', `/applications/${caseId}/commitment`, 'applicant', body);

    const notAllowed = await put({ materials: ['hygieneTestReport', 'floorPlan'], accepted: true, textHash });
    expect(notAllowed.status).toBe(422);
    expect(notAllowed.json.error.details).toEqual([
      expect.objectContaining({ path: 'body.materials.1', rule: 'commitment-replaceable' }),
    ]);
    const unconfirmed = await put({ materials: ['hygieneTestReport'], textHash });
    expect([
      unconfirmed.status,
      unconfirmed.json.error.details[0].path,
      unconfirmed.json.error.details[0].rule,
    ]).toEqual([400, 'body.accepted', 'required']);
    const otherText = await put({ materials: ['hygieneTestReport'], accepted: true, textHash: '0'.repeat(64) });
    expect([otherText.status, otherText.json.error.details[0].rule]).toEqual([400, 'current-text']);
    expect((await api('GET', `/applications/${caseId}`, 'applicant')).json.commitment).toBeUndefined();

    // A matter that takes no commitment says so.
    const food = await api('POST', '/applications', 'applicant', { matterCode: 'FOOD-BUSINESS-LICENCE', form: {} });
    const refused = await api('PUT', `/applications/${food.json.id}/commitment`, 'applicant', {
      materials: ['floorPlan'],
      accepted: true,
      textHash,
    });
    expect([refused.status, refused.json.error.details[0].rule]).toEqual([422, 'commitment-allowed']);
  });

  it('records the commitment with its text’s hash in the history, and the case is submitted without the materials it replaces', async () => {
    const made = await api('PUT', `/applications/${caseId}/commitment`, 'applicant', {
      materials: ['hygieneTestReport', 'hygieneRules'],
      accepted: true,
      textHash: guide.commitment.textHash,
    });
    expect([made.status, made.json.error]).toEqual([200, undefined]);
    expect(made.json.commitment).toMatchObject({
      materials: ['hygieneTestReport', 'hygieneRules'],
      textHash: guide.commitment.textHash,
      matterVersion: guide.version,
    });
    const history = (await api('GET', `/applications/${caseId}/timeline`, 'applicant')).json.items as any[];
    expect(history.find((e) => e.action === 'commitment-made')).toMatchObject({
      data: { textHash: guide.commitment.textHash, matterVersion: guide.version },
    });

    for (const [material, licenceNo] of [['businessLicence', USCC]]) {
      const referenced = await api('POST', `/applications/${caseId}/licence-references`, 'applicant', {
        material,
        licenceNo,
      });
      expect([material, referenced.status, referenced.json.error]).toEqual([material, 200, undefined]);
    }
    for (const material of ['legalRepIdCard', 'floorPlan', 'healthCertificates'])
      await uploadMaterial(cloud.baseUrl, tokens.applicant!, caseId, material);
    const submitted = await api('POST', `/applications/${caseId}/submit`, 'applicant');
    expect([submitted.status, submitted.json.error]).toEqual([200, undefined]);
    expect((await api('POST', `/applications/${caseId}/acceptance`, 'window', { decision: 'accept' })).status).toBe(
      200,
    );
  }, 60_000);

  it('is approved without those materials; the decision and the licence say it was made on commitment', async () => {
    const issued = await approvedAndIssued(caseId);
    expect(issued.outcome.onCommitment).toBe(true);
    licenceNo = issued.licenceNo;
    const licence = (await api('GET', `/licences/${licenceNo}`, 'applicant')).json;
    expect(licence).toMatchObject({ issuedOnCommitment: true, state: 'valid' });
    const [, payload] = (licence.credential as string).split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString()).credentialSubject.issuedOnCommitment).toBe(true);
    const link = await api('GET', `/licences/${licenceNo}/document`, 'applicant');
    expect(link.status).toBe(200);
    expect(extractText(Buffer.from(await (await fetch(link.json.url)).arrayBuffer()))).toContain(
      '本证依告知承诺制核发',
    );
  }, 120_000);

  it('opens the health commission’s post-check, due in 30 working days, and no one else’s', async () => {
    const listed = (await api('GET', '/post-checks', 'HEALTH')).json.items as any[];
    const check = listed.find((c) => c.caseId === caseId);
    expect(check).toMatchObject({
      status: 'open',
      department: 'HEALTH',
      days: 30,
      materials: ['hygieneTestReport', 'hygieneRules'],
      dueDate: '2026-04-14',
    });
    postCheckId = check.id;
    expect(events('PostCheck.Opened.v1', caseId)).toHaveLength(1);
    expect(((await api('GET', '/post-checks', 'SAMR')).json.items as any[]).some((c) => c.caseId === caseId)).toBe(
      false,
    );
    expect((await api('GET', `/post-checks/${postCheckId}`, 'SAMR')).status).toBe(404);
  });

  it('is watched by supervision: yellow two working days before it is due, red after', async () => {
    await at('2026-04-10T09:00:00+08:00');
    const warnings = (await api('GET', '/supervision/warnings?kind=post-check', 'supervisor')).json.items as any[];
    expect(warnings.find((w) => w.caseId === caseId)).toMatchObject({
      level: 'yellow',
      dueDate: '2026-04-14',
      department: 'HEALTH',
    });
    await at('2026-04-15T09:00:00+08:00');
    const overdue = (await api('GET', '/supervision/overdue?kind=post-check', 'supervisor')).json.items as any[];
    expect(overdue.find((w) => w.caseId === caseId)).toMatchObject({ level: 'red', overdueDays: 1 });
  }, 60_000);

  it('found false, needs a reason, then revokes the licence at once, tells the applicant and the credit system', async () => {
    const noReason = await api('POST', `/post-checks/${postCheckId}/result`, 'HEALTH', { result: 'false' });
    expect([noReason.status, noReason.json.error.details[0].path]).toEqual([400, 'body.reason']);
    expect((await api('GET', `/verify/${licenceNo}`)).json.status).toBe('valid');

    const recorded = await api('POST', `/post-checks/${postCheckId}/result`, 'HEALTH', {
      result: 'false',
      reason: '现场核查发现未建立卫生管理制度',
    });
    expect([recorded.status, recorded.json.error]).toEqual([200, undefined]);
    expect(recorded.json).toMatchObject({ status: 'done', result: 'false', onTime: false, licenceNo });
    expect((await api('POST', `/post-checks/${postCheckId}/result`, 'HEALTH', { result: 'true' })).status).toBe(409);

    // Commitment.Breached.v1 revokes the licence; verification says so as soon as it is delivered.
    await cloud.idle();
    expect((await api('GET', `/verify/${licenceNo}`)).json.status).toBe('revoked');
    expect(events('Commitment.Breached.v1', caseId)).toHaveLength(1);
    expect(events('PostCheck.Completed.v1', caseId)[0]!.detail).toMatchObject({ commitmentHeld: false, onTime: false });
    const inbox = (await api('GET', '/me/inbox', 'applicant')).json.items as any[];
    expect(inbox.some((m) => `${m.title} ${m.body}`.includes(licenceNo) && m.body.includes('告知承诺核查不实'))).toBe(
      true,
    );
    // Supervision no longer lists it as overdue.
    const overdue = (await api('GET', '/supervision/overdue?kind=post-check', 'supervisor')).json.items as any[];
    expect(overdue.some((w) => w.caseId === caseId)).toBe(false);
  }, 60_000);

  it('found true, closes the check and keeps the licence valid, with no word to the credit system', async () => {
    const draft = await api('POST', '/applications', 'applicant', {
      matterCode: MATTER,
      form: sampleAnswers(guide.form, { today: '2026-04-15', overrides: { uscc: USCC } }),
    });
    const id = draft.json.id as string;
    expect(
      (
        await api('PUT', `/applications/${id}/commitment`, 'applicant', {
          materials: ['hygieneTestReport'],
          accepted: true,
          textHash: guide.commitment.textHash,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api('POST', `/applications/${id}/licence-references`, 'applicant', {
          material: 'businessLicence',
          licenceNo: USCC,
        })
      ).status,
    ).toBe(200);
    for (const material of ['legalRepIdCard', 'floorPlan', 'hygieneRules', 'healthCertificates'])
      await uploadMaterial(cloud.baseUrl, tokens.applicant!, id, material);
    expect((await api('POST', `/applications/${id}/submit`, 'applicant')).status).toBe(200);
    expect((await api('POST', `/applications/${id}/acceptance`, 'window', { decision: 'accept' })).status).toBe(200);
    const issued = await approvedAndIssued(id);
    const check = ((await api('GET', '/post-checks', 'HEALTH')).json.items as any[]).find((c) => c.caseId === id);
    expect(check.materials).toEqual(['hygieneTestReport']);
    const recorded = await api('POST', `/post-checks/${check.id}/result`, 'HEALTH', { result: 'true' });
    expect(recorded.json).toMatchObject({ status: 'done', result: 'true', onTime: true });
    expect((await api('GET', `/verify/${issued.licenceNo}`)).json.status).toBe('valid');
    expect(((await api('GET', '/post-checks', 'HEALTH')).json.items as any[]).some((c) => c.caseId === id)).toBe(false);
    expect(((await api('GET', '/post-checks?status=done', 'HEALTH')).json.items as any[]).map((c) => c.caseId)).toEqual(
      expect.arrayContaining([id, caseId]),
    );
    await cloud.idle();
    expect(events('Commitment.Breached.v1', id)).toHaveLength(0);
    expect(
      (await api('GET', `/applications/${id}/timeline`, 'applicant')).json.items.some(
        (e: any) => e.action === 'post-check-recorded' && e.data.result === 'true',
      ),
    ).toBe(true);
  }, 120_000);

  it('counts: decided on commitment, post-checks done (one on time), commitments found false', async () => {
    const rows = (await api('GET', '/stats?from=2026-03-01&to=2026-04-30', 'supervisor')).json.rows as Record<
      string,
      any
    >[];
    expect(rows[0]).toMatchObject({
      decidedOnCommitment: 2,
      postChecksDone: 2,
      postChecksOnTime: 1,
      commitmentsFalse: 1,
      commitmentFalseShare: 0.5,
      postCheckOnTimeRate: 0.5,
    });
  });
});
