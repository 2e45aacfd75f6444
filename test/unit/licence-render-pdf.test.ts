import {
  buildLicenceCredential,
  type LicenceCredential,
  type LicenceCredentialInput,
  validUntilAfterYears,
} from '../../shared/domain/licences/credential';
import { loadLicenceFont } from '../../shared/adapters/document-font';
import {
  LICENCE_PDF_LAYOUT,
  type LicenceDocumentInput,
  renderLicencePdf,
} from '../../shared/domain/licences/render-pdf';
import { decodeQr as readQr, extractText, pageCount } from '../support/pdf';

const ISSUED_AT = new Date('2026-03-02T02:15:00Z');
const NUMBER = 'JY202603023501007K3MQXA';
const URL = `https://gov.example.cn/verify/${NUMBER}`;
const FIELDS: LicenceDocumentInput['fields'] = [
  { key: 'operatorName', label: { zh: '经营者名称', en: 'Operator' }, type: 'text' },
  { key: 'uscc', label: { zh: '社会信用代码', en: 'Unified social credit code' }, type: 'text' },
  { key: 'legalRepresentative', label: { zh: '法定代表人（负责人）', en: 'Legal representative' }, type: 'text' },
  { key: 'premisesAddress', label: { zh: '经营场所', en: 'Business premises' }, type: 'text' },
  { key: 'mainBusiness', label: { zh: '主体业态', en: 'Main type of business' }, type: 'text' },
  { key: 'businessItems', label: { zh: '经营项目', en: 'Business items' }, type: 'text' },
  { key: 'inspectedOn', label: { zh: '现场核查日期', en: 'Inspected on' }, type: 'date' },
];

function foodLicence(overrides: Partial<LicenceCredentialInput> = {}): LicenceCredential {
  return buildLicenceCredential({
    licenceNumber: NUMBER,
    type: { code: 'FOOD_BUSINESS_LICENCE', name: '食品经营许可证' },
    issuer: { id: 'https://gov.example.cn/departments/SAMR', name: '福州市市场监督管理局' },
    holder: { kind: 'enterprise', uscc: '91350100M000100Y43', name: '福州榕城小吃店有限公司' },
    content: {
      operatorName: '福州榕城小吃店有限公司',
      uscc: '91350100M000100Y43',
      legalRepresentative: '张三丰',
      premisesAddress: '福建省福州市鼓楼区五四路100号一层',
      mainBusiness: '餐饮服务经营者（小型餐馆）',
      businessItems: '热食类食品制售；冷食类食品制售（不含生食）；自制饮品制售（不含自酿酒）',
      inspectedOn: '2026-02-26',
    },
    validFrom: ISSUED_AT,
    validUntil: validUntilAfterYears(ISSUED_AT, 5),
    status: {
      index: 1,
      revocationList: 'https://gov.example.cn/status/revocation/1',
      suspensionList: 'https://gov.example.cn/status/suspension/1',
    },
    ...overrides,
  });
}

async function render(credential: LicenceCredential = foodLicence(), verificationUrl = URL, fields = FIELDS) {
  return renderLicencePdf({ credential, fields, verificationUrl, font: loadLicenceFont() });
}

// Reading the PDF back (text through the font's CMap, pages, the QR code): test/support/pdf.ts.
const decodeQr = (pdf: Uint8Array, page = -1) => readQr(pdf, LICENCE_PDF_LAYOUT.qr, page);

describe('renderLicencePdf', () => {
  let pdf: Uint8Array;
  let text: string;
  beforeAll(async () => {
    const rendered = await render();
    expect(rendered.pages).toBe(1);
    expect(rendered.missingCharacters).toEqual([]);
    pdf = rendered.pdf;
    text = extractText(pdf);
  });

  it('is a one-page PDF of a few dozen kilobytes: the font is embedded as a subset', () => {
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pageCount(pdf)).toBe(1);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiMicroHei/);
    expect(raw).toContain('/FontFile2');
    // The whole font is 5 MB; its subset for one licence is a small fraction of that.
    expect(pdf.length).toBeLessThan(80_000);
  });

  it('shows the title, number, holder, content fields, department and dates in Chinese', () => {
    for (const expected of [
      '食品经营许可证',
      `证照编号：${NUMBER}`,
      '持证主体',
      '福州榕城小吃店有限公司',
      '统一社会信用代码',
      '91350100M000100Y43',
      '法定代表人（负责人）',
      '张三丰',
      '福建省福州市鼓楼区五四路100号一层',
      '现场核查日期',
      '2026年2月26日',
      '发证机关：福州市市场监督管理局',
      '发证日期：2026年3月2日',
      '有效期至：2031年3月1日',
      '电子证照专用章',
      URL,
    ]) {
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    }
    // The holder's name and code are content fields too, and are printed once.
    expect(text.split('91350100M000100Y43')).toHaveLength(2);
    expect(text.split('\n')).not.toContain('社会信用代码');
    expect(text).not.toContain('\uFFFD');
  });

  it('writes the department name around the seal, one character at a time', () => {
    const lines = text.split('\n');
    const start = lines.indexOf('福');
    expect(lines.slice(start, start + 10).join('')).toBe('福州市市场监督管理局');
  });

  it('draws a QR code that reads back as the verification URL', () => {
    expect(decodeQr(pdf)).toBe(URL);
  });

  it('draws the URL it is given, not another one', async () => {
    const other = 'https://gov.example.cn/verify/JY20260302350100AAAAAAB';
    const rendered = await render(foodLicence(), other);
    expect(decodeQr(rendered.pdf)).toBe(other);
    expect(decodeQr(rendered.pdf)).not.toBe(URL);
  });

  it('gives the same bytes for the same licence (re-rendering is idempotent)', async () => {
    const again = await render();
    expect(Buffer.from(again.pdf).equals(Buffer.from(pdf))).toBe(true);
  });
});

describe('renderLicencePdf, other holders and contents', () => {
  it('shows a citizen masked ID number and never the full one', async () => {
    const credential = foodLicence({
      holder: { kind: 'citizen', idNumber: '11010519491231002X', name: '林觉民' },
      content: { operatorName: '林觉民', premisesAddress: '福州市鼓楼区杨桥东路17号' },
      holderIdKey: new Uint8Array(32).fill(1),
    });
    const { pdf } = await render(credential);
    const text = extractText(pdf);
    expect(text).toContain('持证人');
    expect(text).toContain('110***********002X');
    expect(text).not.toContain('11010519491231002X');
    expect(Buffer.from(pdf).toString('latin1')).not.toContain('11010519491231002X');
  });

  it('reports the characters the font cannot show', async () => {
    const rendered = await render(
      foodLicence({ holder: { kind: 'enterprise', uscc: '91350100M000100Y43', name: '𪚥记小吃店' } }),
    );
    expect(rendered.missingCharacters).toEqual(['𪚥']);
  });

  it('continues long contents on further pages, with the QR code on the last page only', async () => {
    const fields = Array.from({ length: 24 }, (_, i) => ({
      key: `item${i}`,
      label: { zh: `经营项目${i + 1}`, en: `Item ${i + 1}` },
      type: 'text' as const,
    }));
    const content = Object.fromEntries(
      fields.map((f, i) => [
        f.key,
        `第${i + 1}项：热食类食品制售、冷食类食品制售、生食类食品制售、糕点类食品制售、自制饮品制售`,
      ]),
    );
    const rendered = await render(foodLicence({ content }), URL, fields);
    expect(rendered.pages).toBeGreaterThan(1);
    expect(pageCount(rendered.pdf)).toBe(rendered.pages);
    const text = extractText(rendered.pdf);
    expect(text).toContain('食品经营许可证（续）');
    expect(text).toContain('第24项');
    expect(decodeQr(rendered.pdf, -1)).toBe(URL);
    expect(decodeQr(rendered.pdf, 0)).toBeUndefined();
  });
});
