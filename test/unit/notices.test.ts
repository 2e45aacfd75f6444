import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { defineRoute } from '../../shared/contracts/route-contract';
import { buildOpenApiDocument } from '../../shared/contracts/openapi';
import { noticeRoute } from '../../shared/contracts/notices';
import type { CaseRecord } from '../../shared/domain/applications/model';
import { loadDocumentFont } from '../../shared/adapters/document-font';
import { applicantNameOf, buildNotice, type NoticeSource } from '../../shared/domain/notices/notice';
import { canHaveNotices } from '../../shared/domain/notices/notices';
import { NOTICE_PDF_LAYOUT, renderNoticePdf } from '../../shared/domain/notices/render-pdf';
import { HttpResponse, httpHandler, type HttpEvent } from '../../shared/lambda/http';
import { decodeQr, extractText, pageCount, streams } from '../support/pdf';

const ID_NUMBER = '11010519491231002X';
const URL = 'https://hall.example.cn/cases/7d4c1e1a-8c1b-4f57-9a0e-3d2f5c6b7a80';
const MATTER = {
  name: '食品经营许可',
  materials: [
    { code: 'floorPlan', name: '经营场所平面图' },
    { code: 'healthCertificates', name: '从业人员健康证明' },
  ],
  fields: [{ key: 'premisesArea', label: { zh: '经营场所面积' } }],
};

function source(
  kind: NoticeSource['kind'],
  decision: NoticeSource['decision'],
  overrides: Partial<NoticeSource> = {},
): NoticeSource {
  return {
    kind,
    record: {
      id: '7d4c1e1a-8c1b-4f57-9a0e-3d2f5c6b7a80',
      number: '350100-20260302-30017',
      ownerKey: `P#${ID_NUMBER}`,
      applicant: { type: 'citizen', sub: 'walk-in:x', name: '林晓明' },
      matterCode: 'FOOD-BUSINESS-LICENCE',
      form: {},
    },
    decision,
    submittedAt: '2026-03-02T09:30:00+08:00',
    matter: MATTER,
    issuer: { department: 'SAMR', name: '市场监督管理局' },
    applicantName: '林晓明',
    caseUrl: URL,
    ...overrides,
  };
}

const accepted = () =>
  source(
    'acceptance',
    { at: '2026-03-03T10:00:00+08:00', data: { deemed: false, tolerated: ['healthCertificates'] } },
    { decisionDeadline: '2026-03-10' },
  );
const refused = () =>
  source('refusal', {
    at: '2026-03-03T10:00:00+08:00',
    reason: '申请事项不属于本机关职权范围，请向区市场监督管理局申请',
  });
const correction = () =>
  source('correction', {
    at: '2026-03-03T10:00:00+08:00',
    reason: '请携带原件到窗口核对',
    data: {
      items: [
        { target: 'material', code: 'floorPlan', message: '平面图未标注操作区域' },
        { target: 'field', code: 'premisesArea', message: '面积与平面图不符' },
      ],
    },
  });

describe('a notice’s fields and lines (one source for the PDF and the printable page)', () => {
  it('受理通知书: the decision, the legal basis, 容缺 materials by name, the decision deadline, the case’s page', () => {
    const notice = buildNotice(accepted());
    expect(notice).toMatchObject({
      kind: 'acceptance',
      title: '受理通知书',
      documentNo: '受理〔2026〕350100-20260302-30017号',
      applicant: { type: 'citizen', name: '林晓明', identifierLabel: '公民身份号码', identifier: '110***********002X' },
      decisionDate: '2026-03-03',
      submittedOn: '2026-03-02',
      legalBasis: '《中华人民共和国行政许可法》第三十二条',
      tolerated: [{ code: 'healthCertificates', name: '从业人员健康证明' }],
      decisionDeadline: '2026-03-10',
      salutation: '林晓明：',
      closing: ['市场监督管理局', '2026年3月3日'],
    });
    const text = notice.lines.map((l) => l.text).join('\n');
    expect(text).toContain('你于2026年3月2日提交的食品经营许可申请（办件编号：350100-20260302-30017）');
    expect(text).toContain('根据《中华人民共和国行政许可法》第三十二条的规定，本机关决定予以受理');
    expect(notice.lines).toContainEqual({ kind: 'item', text: '1. 从业人员健康证明' });
    expect(text).toContain('本机关将于2026年3月10日前作出决定');
    expect(text).toContain(URL);
    expect(JSON.stringify(notice)).not.toContain(ID_NUMBER);
  });

  it('受理通知书 of a deemed acceptance says so', () => {
    const notice = buildNotice(
      source('acceptance', { at: '2026-03-10T01:00:00+08:00', data: { deemed: true, tolerated: [] } }),
    );
    expect(notice.deemed).toBe(true);
    expect(notice.lines[0]!.text).toContain('自收到申请材料之日起即为受理');
  });

  it('不予受理通知书: the written reason and the remedies', () => {
    const notice = buildNotice(refused());
    expect(notice).toMatchObject({
      title: '不予受理通知书',
      documentNo: '不予受理〔2026〕350100-20260302-30017号',
      reason: '申请事项不属于本机关职权范围，请向区市场监督管理局申请',
    });
    expect(notice.lines).toContainEqual({
      kind: 'item',
      text: '申请事项不属于本机关职权范围，请向区市场监督管理局申请',
    });
    expect(notice.lines.map((l) => l.text).join('')).toContain('行政复议');
  });

  it('补正材料通知书: every item at once, materials and fields by their names, and the window’s note', () => {
    const notice = buildNotice(correction());
    expect(notice.title).toBe('补正材料通知书（一次性告知书）');
    expect(notice.items).toEqual([
      { target: 'material', code: 'floorPlan', name: '经营场所平面图', message: '平面图未标注操作区域' },
      { target: 'field', code: 'premisesArea', name: '经营场所面积', message: '面积与平面图不符' },
    ]);
    expect(notice.lines.filter((l) => l.kind === 'item').map((l) => l.text)).toEqual([
      '1. 【材料】经营场所平面图：平面图未标注操作区域',
      '2. 【填报内容】经营场所面积：面积与平面图不符',
    ]);
    expect(notice.lines.map((l) => l.text)).toContain('说明：请携带原件到窗口核对');
    expect(notice.lines[0]!.text).toContain('一次性告知');
  });

  it('addresses an enterprise as 你单位 and shows its 统一社会信用代码 as it is', () => {
    const notice = buildNotice(
      source(
        'refusal',
        { at: '2026-03-03T10:00:00+08:00', reason: '不符合条件' },
        {
          record: {
            ...accepted().record,
            ownerKey: 'E#91350100M000100Y43',
            applicant: { type: 'enterprise', sub: 's' },
          },
        },
      ),
    );
    expect(notice.applicant).toMatchObject({
      type: 'enterprise',
      identifierLabel: '统一社会信用代码',
      identifier: '91350100M000100Y43',
    });
    expect(notice.lines[0]!.text.startsWith('你单位')).toBe(true);
  });

  it('names the applicant as identified, else by the form field the profile’s name fills', () => {
    const fields = [{ key: 'operatorName', prefill: 'profile.name' }];
    expect(
      applicantNameOf(
        { applicant: { type: 'enterprise', sub: 's', name: '窗口登记名' }, form: { operatorName: '表单名' } },
        fields,
      ),
    ).toBe('窗口登记名');
    expect(
      applicantNameOf(
        { applicant: { type: 'enterprise', sub: 's' }, form: { operatorName: '福州市鼓楼区榕城小吃店' } },
        fields,
      ),
    ).toBe('福州市鼓楼区榕城小吃店');
    expect(applicantNameOf({ applicant: { type: 'citizen', sub: 's' }, form: {} }, fields)).toBe('申请人');
  });
});

describe('who may have a case’s notices', () => {
  const record = {
    status: 'ACCEPTED',
    regionCode: '350100',
    ownerKey: `P#${ID_NUMBER}`,
    channel: 'online',
  } as CaseRecord;
  it('the owner, and window officers of the region once the case is past its draft; nobody else', () => {
    expect(canHaveNotices(record, { sub: 'c', role: 'applicant', idNumber: ID_NUMBER })).toBe(true);
    expect(canHaveNotices(record, { sub: 'o', role: 'applicant', idNumber: '11010519491231003X' })).toBe(false);
    // Fail closed: a window officer without a region claim reaches nothing; '*' is every region, said explicitly.
    expect(canHaveNotices(record, { sub: 'w', role: 'window' })).toBe(false);
    expect(canHaveNotices(record, { sub: 'w', role: 'window', region: '*' })).toBe(true);
    expect(canHaveNotices(record, { sub: 'w', role: 'window', region: '350100' })).toBe(true);
    expect(canHaveNotices(record, { sub: 'w', role: 'window', region: '350200' })).toBe(false);
    expect(canHaveNotices({ ...record, status: 'DRAFT' }, { sub: 'w', role: 'window', region: '350100' })).toBe(false);
    expect(canHaveNotices(record, { sub: 'd', role: 'department', department: 'SAMR' })).toBe(false);
  });
});

describe('the notice as a PDF', () => {
  const font = loadDocumentFont();

  it('is a one-page A4 PDF with every line of the notice, the closing, and a QR code of the case’s page', async () => {
    const notice = buildNotice(correction());
    const rendered = await renderNoticePdf(notice, font);
    expect(rendered.missingCharacters).toEqual([]);
    expect(rendered.pages).toBe(1);
    expect(Buffer.from(rendered.pdf).subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(pageCount(rendered.pdf)).toBe(1);
    const text = extractText(rendered.pdf);
    for (const expected of [
      '补正材料通知书（一次性告知书）',
      notice.documentNo,
      '林晓明',
      '110***********002X',
      '350100-20260302-30017',
      '食品经营许可',
      ...notice.lines.map((l) => l.text),
      '市场监督管理局',
      '2026年3月3日',
      '政务服务专用章',
    ]) {
      // pdfkit writes a wrapped line as several text runs: compare without the breaks.
      expect([expected, text.replaceAll('\n', '').includes(expected)]).toEqual([expected, true]);
    }
    expect(text).not.toContain('\uFFFD');
    expect(Buffer.from(rendered.pdf).toString('latin1')).not.toContain(ID_NUMBER);
    expect(text).not.toContain(ID_NUMBER);
    expect(decodeQr(rendered.pdf, NOTICE_PDF_LAYOUT.qr)).toBe(URL);
  });

  it('gives the same bytes for the same notice', async () => {
    const a = await renderNoticePdf(buildNotice(accepted()), font);
    const b = await renderNoticePdf(buildNotice(accepted()), font);
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });

  it('continues a long list of corrections on further pages, the QR code and the closing on the last', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({
      target: 'material',
      code: 'floorPlan',
      message: `第${i + 1}处：平面图未标注操作区域、清洗消毒区域和食品原料贮存区域的位置与面积`,
    }));
    const rendered = await renderNoticePdf(
      buildNotice(source('correction', { at: '2026-03-03T10:00:00+08:00', data: { items } })),
      font,
    );
    expect(rendered.pages).toBeGreaterThan(1);
    expect(pageCount(rendered.pdf)).toBe(rendered.pages);
    expect(extractText(rendered.pdf)).toContain('40. 【材料】经营场所平面图');
    expect(decodeQr(rendered.pdf, NOTICE_PDF_LAYOUT.qr, -1)).toBe(URL);
    // One content stream per page; only the last draws rectangles (the QR code) and the closing.
    const pages = streams(rendered.pdf).filter((s) => / TJ/.test(s));
    expect(pages).toHaveLength(rendered.pages);
    expect(pages[0]).not.toMatch(/ re\b/);
    expect(pages.at(-1)).toMatch(/ re\b/);
  });
});

describe('binary answers', () => {
  const pdfRoute = defineRoute({
    method: 'GET',
    path: '/doc',
    auth: 'public',
    summary: 'a document',
    tags: [],
    response: z.object({ ok: z.boolean() }),
  });
  const event = {
    routeKey: 'GET /doc',
    rawPath: '/doc',
    headers: {},
    requestContext: { http: { method: 'GET', path: '/doc' } },
  } as unknown as HttpEvent;

  it('go out base64-encoded with isBase64Encoded, as API Gateway payload 2.0 expects', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    const handler = httpHandler(
      pdfRoute,
      async () => new HttpResponse(bytes, 200, { 'content-type': 'application/pdf' }),
    );
    const result = await handler(event, { awsRequestId: 'r' } as Context);
    expect(result).toMatchObject({
      statusCode: 200,
      isBase64Encoded: true,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(Buffer.from(result.body as string, 'base64')).toEqual(Buffer.from(bytes));
  });

  it('and the API document lists the PDF beside the JSON of the notice route', () => {
    const document = buildOpenApiDocument([noticeRoute], { version: 'test' }) as any;
    const operation = document.paths['/applications/{id}/notices/{kind}'].get;
    expect(operation.operationId).toBe('getApplicationsByIdNoticesByKind');
    expect(Object.keys(operation.responses['200'].content)).toEqual(['application/json', 'application/pdf']);
  });
});
