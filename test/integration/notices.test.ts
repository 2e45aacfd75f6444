import { LocalCloud } from '../../infra/local/cloud';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { uploadMaterial } from '../support/cases';
import { FOOD_FORM, USCC } from '../support/food-case';
import { call } from '../support/http';
import { NOTICE_PDF_LAYOUT } from '../../shared/domain/notices/render-pdf';
import { decodeQr, extractText, pageCount } from '../support/pdf';

/**
 * 受理通知书, 不予受理通知书 and 补正材料通知书 over HTTP against a local cloud with the demo catalogue. The PDF is read
 * back: its text through the embedded font's ToUnicode map (test/support/pdf.ts; no PDF parser is installed), its
 * pages, and its QR code repainted and decoded; the JSON variant must say what the PDF says.
 */
let cloud: LocalCloud;
const tokens: Record<string, string> = {};
const ID_NUMBER = '11010519491231002X';
/** The smallest file the platform takes as a PNG: the signature and an IHDR chunk's header. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(64, 7),
]);

beforeAll(async () => {
  // The seed brings the demo identities' licences: the enterprise's 营业执照 and 林晓明's ID card (RID-350100-0001).
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T09:00:00+08:00'), seed: true });
  await freshTokens();
});
afterAll(() => cloud?.stop());

/** Tokens last an hour of the cloud's clock: new ones after it moves. */
async function freshTokens() {
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.other = await cloud.issueToken({ sub: 'ent-2', role: 'applicant', uscc: '91350100M000200Y1H' });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.xiamenWindow = await cloud.issueToken({ sub: 'window-xm', role: 'window', region: '350200' });
  tokens.department = await cloud.issueToken({ sub: 'staff-SAMR', role: 'department', department: 'SAMR' });
}

const api = (method: string, path: string, who: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });

/** The PDF as bytes, with its status and content type. */
async function pdfOf(id: string, kind: string, who: string) {
  const response = await fetch(`${cloud.baseUrl}/applications/${id}/notices/${kind}`, {
    headers: { authorization: `Bearer ${tokens[who]}` },
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

/** A 食品经营许可 draft of the demo enterprise with every material but the health certificates (tolerable). */
async function foodDraft(): Promise<string> {
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
  for (const material of ['floorPlan', 'equipmentList', 'foodSafetyRules'])
    await uploadMaterial(cloud.baseUrl, tokens.applicant!, id, material);
  expect(
    (
      await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, {
        token: tokens.applicant,
        headers: { 'idempotency-key': `k-${id}` },
      })
    ).status,
  ).toBe(200);
  return id;
}

describe('a case corrected, then accepted with 容缺', () => {
  let id: string;
  let number: string;

  beforeAll(async () => {
    id = await foodDraft();
    number = (await api('GET', `/applications/${id}`, 'applicant')).json.number;
    const corrections = [
      { target: 'material', code: 'floorPlan', message: '平面图未标注操作区域' },
      { target: 'field', code: 'premisesArea', message: '面积与平面图不符' },
    ];
    expect(
      (
        await api('POST', `/applications/${id}/acceptance`, 'window', {
          decision: 'correct',
          corrections,
          reason: '请一次补齐',
        })
      ).status,
    ).toBe(200);
    expect(
      (await api('POST', `/applications/${id}/resubmit`, 'applicant', { form: { ...FOOD_FORM, premisesArea: 58 } }))
        .status,
    ).toBe(200);
    cloud.clock.advance(24 * 3600_000);
    await freshTokens();
    expect(
      (
        await api('POST', `/applications/${id}/acceptance`, 'window', {
          decision: 'accept',
          tolerated: ['healthCertificates'],
        })
      ).status,
    ).toBe(200);
  });

  it('gives the 补正材料通知书 as a one-page PDF naming every item, the case, the applicant and the legal basis, with a QR code of the case’s page', async () => {
    const pdf = await pdfOf(id, 'correction', 'applicant');
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toBe('application/pdf');
    expect(Buffer.from(pdf.bytes.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
    expect(pageCount(pdf.bytes)).toBe(1);
    const text = extractText(pdf.bytes).replaceAll('\n', '');
    for (const expected of [
      '补正材料通知书（一次性告知书）',
      `补正〔2026〕${number}号`,
      '福州市鼓楼区榕城小吃店',
      USCC,
      '食品经营许可',
      '《中华人民共和国行政许可法》第三十二条',
      '1. 【材料】经营场所平面图：平面图未标注操作区域',
      '2. 【填报内容】经营场所面积（平方米）：面积与平面图不符',
      '说明：请一次补齐',
      '市场监督管理局',
      '2026年3月2日',
    ]) {
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    }
    expect(decodeQr(pdf.bytes, NOTICE_PDF_LAYOUT.qr)).toBe(`${cloud.baseUrl}/cases/${id}`);
  });

  it('gives the same notice as JSON for the printable page: every line of it is in the PDF', async () => {
    const json = await api('GET', `/applications/${id}/notices/correction?format=json`, 'applicant');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(json.json).toMatchObject({
      kind: 'correction',
      caseId: id,
      caseNumber: number,
      caseUrl: `${cloud.baseUrl}/cases/${id}`,
      applicant: {
        type: 'enterprise',
        name: '福州市鼓楼区榕城小吃店',
        identifierLabel: '统一社会信用代码',
        identifier: USCC,
      },
      issuer: { department: 'SAMR', name: '市场监督管理局' },
      decisionDate: '2026-03-02',
      items: [
        { target: 'material', code: 'floorPlan', name: '经营场所平面图' },
        { target: 'field', code: 'premisesArea', name: '经营场所面积（平方米）' },
      ],
    });
    const text = extractText((await pdfOf(id, 'correction', 'applicant')).bytes).replaceAll('\n', '');
    for (const line of json.json.lines as { text: string }[])
      expect([line.text, text.includes(line.text)]).toEqual([line.text, true]);
  });

  it('gives the 受理通知书 with the tolerated material and the decision deadline, to the owner and to a window officer', async () => {
    const json = await api('GET', `/applications/${id}/notices/acceptance?format=json`, 'window');
    expect(json.status).toBe(200);
    // Accepted on Tuesday 3 March; 食品经营许可 promises a decision within 5 working days.
    expect(json.json).toMatchObject({
      kind: 'acceptance',
      decisionDate: '2026-03-03',
      deemed: false,
      tolerated: [{ code: 'healthCertificates' }],
      decisionDeadline: '2026-03-10',
      submittedOn: '2026-03-02',
    });
    const pdf = await pdfOf(id, 'acceptance', 'applicant');
    expect(pdf.status).toBe(200);
    const text = extractText(pdf.bytes).replaceAll('\n', '');
    expect(text).toContain('受理通知书');
    expect(text).toContain(json.json.tolerated[0].name);
    expect(text).toContain('本机关将于2026年3月10日前作出决定');
  });

  it('answers 409 for a decision the case never had, 404 to whoever may not see it, 403 to other roles, 400 for an unknown kind', async () => {
    const never = await api('GET', `/applications/${id}/notices/refusal?format=json`, 'applicant');
    expect(never.status).toBe(409);
    expect(never.json.error.details[0]).toMatchObject({ path: 'params.kind', rule: 'decided' });
    expect((await pdfOf(id, 'refusal', 'applicant')).status).toBe(409);
    expect((await pdfOf(id, 'acceptance', 'other')).status).toBe(404);
    expect((await pdfOf(id, 'acceptance', 'xiamenWindow')).status).toBe(404);
    expect((await pdfOf(id, 'acceptance', 'department')).status).toBe(403);
    const unknown = await api('GET', `/applications/${id}/notices/approval`, 'applicant');
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details[0].path).toBe('params.kind');
  });
});

describe('a refused case', () => {
  it('gives the 不予受理通知书 with the written reason', async () => {
    const id = await foodDraft();
    const reason = '经营场所位于居民住宅楼内，不符合食品经营许可审查细则的场所要求';
    expect((await api('POST', `/applications/${id}/acceptance`, 'window', { decision: 'refuse', reason })).status).toBe(
      200,
    );
    const json = await api('GET', `/applications/${id}/notices/refusal?format=json`, 'applicant');
    expect(json.json).toMatchObject({ kind: 'refusal', title: '不予受理通知书', reason });
    const text = extractText((await pdfOf(id, 'refusal', 'window')).bytes).replaceAll('\n', '');
    expect(text).toContain('不予受理通知书');
    expect(text).toContain(reason);
    expect(text).toContain('行政复议');
    expect((await api('GET', `/applications/${id}/notices/acceptance`, 'applicant')).status).toBe(409);
  });
});

describe('a walk-in citizen’s case', () => {
  it('addresses the person identified at the window, with the ID number masked everywhere', async () => {
    const guide = (await call(cloud.baseUrl, 'GET', '/matters/RESIDENCE-PERMIT')).json;
    const form = sampleAnswers(guide.form, { today: '2026-03-02' });
    const created = await api('POST', '/window/applications', 'window', {
      matterCode: 'RESIDENCE-PERMIT',
      applicant: { idNumber: ID_NUMBER, name: '林晓明' },
      form,
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(
      (
        await api('POST', `/applications/${id}/licence-references`, 'window', {
          material: 'idCard',
          licenceNo: 'RID-350100-0001',
        })
      ).status,
    ).toBe(200);
    for (const material of guide.materials as { code: string; required: boolean; fileTypes: string[] }[]) {
      if (material.required && material.code !== 'idCard')
        await uploadMaterial(
          cloud.baseUrl,
          tokens.window!,
          id,
          material.code,
          material.fileTypes.includes('pdf')
            ? undefined
            : { bytes: PNG, fileName: `${material.code}.png`, contentType: 'image/png' },
        );
    }
    const submitted = await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, {
      token: tokens.window,
      headers: { 'idempotency-key': `k-${id}` },
    });
    expect([submitted.status, submitted.json.error]).toEqual([200, undefined]);
    if (submitted.json.status === 'SUBMITTED')
      expect((await api('POST', `/applications/${id}/acceptance`, 'window', { decision: 'accept' })).status).toBe(200);

    const json = await api('GET', `/applications/${id}/notices/acceptance?format=json`, 'window');
    expect(json.status).toBe(200);
    expect(json.json.applicant).toEqual({
      type: 'citizen',
      name: '林晓明',
      identifierLabel: '公民身份号码',
      identifier: '110***********002X',
    });
    expect(json.json.lines[0].text.startsWith('你于')).toBe(true);
    expect(json.text).not.toContain(ID_NUMBER);
    const pdf = await pdfOf(id, 'acceptance', 'window');
    const text = extractText(pdf.bytes);
    expect(text).toContain('110***********002X');
    expect(text).not.toContain(ID_NUMBER);
    expect(Buffer.from(pdf.bytes).toString('latin1')).not.toContain(ID_NUMBER);
  });
});
