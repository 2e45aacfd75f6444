import type { LicenceType } from '../catalogue/model';
import { chineseDay } from '../documents/dates';
import {
  A4,
  createPdfDocument,
  DEFAULT_FONT_FILE,
  DEFAULT_FONT_NAME,
  type DocumentFont,
  drawQrCode,
  drawSeal,
  GREY,
  INK,
  missingCharacters,
} from '../documents/pdf';
import { contentInWords } from './content';
import { type ContentChoices, type LicenceCredential, licenceCredentialSchema } from './credential';
import { choicesOf, type LicenceDeps, type LicenceRecord, verificationUrl } from './register';
import { parseTimestamp, shanghaiDate } from './vc';

/**
 * The licence document (证照文件) as a one-page A4 PDF in Chinese: title, number, holder, content fields, issuing
 * department, dates, the department's seal and a QR code of the public verification URL. Everything is drawn as
 * vector graphics; the only embedded resource is the CJK font, subset by pdfkit to the characters used.
 *
 * The document is a rendering of the signed credential, not a second source of truth: whoever doubts it scans the
 * QR code and gets the credential's status.
 */

/** The platform's CJK font (shared with the other documents: shared/domain/documents/pdf.ts; read by shared/adapters/document-font.ts). */
export const DEFAULT_LICENCE_FONT_FILE = DEFAULT_FONT_FILE;
export const DEFAULT_LICENCE_FONT_NAME = DEFAULT_FONT_NAME;
export type LicenceFont = DocumentFont;

export interface LicenceDocumentInput {
  readonly credential: LicenceCredential;
  /** The licence type's content fields, in display order; content without a field here is not shown. */
  readonly fields: readonly Pick<LicenceType['contentFields'][number], 'key' | 'label' | 'type'>[];
  /** The public verification URL the QR code carries. */
  readonly verificationUrl: string;
  readonly font: LicenceFont;
  /** The content's choices, for a licence whose credential has none (read from its case's form); else the credential's. */
  readonly choices?: ContentChoices;
}

export interface RenderedLicence {
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** Characters of the text the font has no glyph for (they print as blanks): the caller decides whether to issue. */
  readonly missingCharacters: readonly string[];
}

const FRAME_RED = '#9E1B1B';

/** Where things are on a page, in points from the top-left corner: exported for the tests that read them back. */
export const LICENCE_PDF_LAYOUT = {
  page: A4,
  margin: 56,
  fieldsTop: 190,
  /** Fields stop above this line; more continue on another page. */
  fieldsBottom: 560,
  footer: { x: 300, y: 600 },
  qr: { x: 76, y: 604, size: 108 },
  seal: { cx: 472, cy: 640, radius: 60 },
} as const;

/** Renders the licence document. */
export async function renderLicencePdf(input: LicenceDocumentInput): Promise<RenderedLicence> {
  const { credential, font } = input;
  const subject = credential.credentialSubject;
  const L = LICENCE_PDF_LAYOUT;
  const issuedOn = chineseDate(credential.validFrom);
  const validUntil = credential.validUntil ? chineseDate(credential.validUntil) : '长期';

  const { doc, finish } = createPdfDocument({
    title: `${subject.licenceTypeName} ${subject.licenceNumber}`,
    author: credential.issuer.name,
    subject: '电子证照',
    // The issue time, not the rendering time: rendering the same licence twice gives the same bytes.
    creationDate: parseTimestamp(credential.validFrom) ?? new Date(0),
    margin: L.margin,
    font,
  });

  const rows = fieldRows(input);
  // The data, whose characters the font may lack; this file's own labels are covered by the tests.
  const texts: string[] = [
    subject.licenceTypeName,
    subject.licenceNumber,
    credential.issuer.name,
    input.verificationUrl,
  ];
  let pages = 1;
  drawPageFrame(doc, subject.licenceTypeName, subject.licenceNumber);
  let y: number = L.fieldsTop;
  const labelWidth = 150;
  const valueX = L.margin + 24 + labelWidth;
  const valueWidth = A4[0] - L.margin - 24 - valueX;
  for (const row of rows) {
    texts.push(row.label, row.value, row.valueEn ?? '');
    const enHeight = row.valueEn ? doc.fontSize(9).heightOfString(row.valueEn, { width: valueWidth }) + 2 : 0;
    doc.fontSize(12);
    const height =
      Math.max(
        doc.heightOfString(row.value, { width: valueWidth }) + enHeight,
        doc.heightOfString(row.label, { width: labelWidth - 12 }),
      ) + 14;
    if (y + height > L.fieldsBottom) {
      doc.addPage();
      pages += 1;
      drawPageFrame(doc, `${subject.licenceTypeName}（续）`, subject.licenceNumber);
      y = L.fieldsTop;
    }
    doc.fillColor(GREY).text(row.label, L.margin + 24, y + 7, { width: labelWidth - 12, lineBreak: true });
    doc.fillColor(INK).text(row.value, valueX, y + 7, { width: valueWidth });
    // Chinese first, the English label under it, smaller.
    if (row.valueEn)
      doc
        .fillColor(GREY)
        .fontSize(9)
        .text(row.valueEn, valueX, doc.y + 2, { width: valueWidth });
    y += height;
    doc
      .moveTo(L.margin + 24, y)
      .lineTo(A4[0] - L.margin - 24, y)
      .lineWidth(0.5)
      .strokeColor('#D0D0D0')
      .stroke();
  }

  // Footer, seal and QR code on the last page; the seal is stamped over the department's name, as on paper.
  const footerWidth = A4[0] - L.margin - 24 - L.footer.x;
  const department = `发证机关：${credential.issuer.name}`;
  // A long department name shrinks (down to 9 pt) to stay on one line rather than wrap under the seal.
  const footerSize = Math.max(9, Math.min(12, (12 * footerWidth) / doc.fontSize(12).widthOfString(department)));
  doc.fillColor(INK).fontSize(footerSize);
  doc.text(department, L.footer.x, L.footer.y, { width: footerWidth });
  doc.text(`发证日期：${issuedOn}`, L.footer.x, doc.y + 12);
  doc.text(`有效期至：${validUntil}`, L.footer.x, doc.y + 12);
  drawQrCode(doc, input.verificationUrl, L.qr);
  doc
    .fillColor(GREY)
    .fontSize(8)
    .text('扫码核验', L.qr.x, L.qr.y + L.qr.size + 4, { width: L.qr.size, align: 'center' });
  drawSeal(doc, credential.issuer.name, L.seal, '电子证照专用章');
  const note = `${credential.credentialSubject.issuedOnCommitment ? '本证依告知承诺制核发，发证机关将进行事后核查，承诺不实的依法撤销。' : ''}本电子证照由发证机关签发，可通过扫描二维码或访问上述地址核验真伪与状态。`;
  doc.fillColor(GREY).fontSize(8);
  doc.text(note, L.margin + 16, A4[1] - L.margin - 28, { width: A4[0] - 2 * L.margin - 32, align: 'center' });
  doc.text(input.verificationUrl, L.margin + 16, A4[1] - L.margin - 16, {
    width: A4[0] - 2 * L.margin - 32,
    align: 'center',
    lineBreak: false,
  });

  return { pdf: await finish(), pages, missingCharacters: missingCharacters(font, texts.join('')) };
}

/**
 * A register record's document: a rendering of its signed credential. A licence issued before choices were kept
 * gets its labels from its case's form (`deps.formOf`), read now. The font is the caller's (shared/adapters/document-font.ts).
 */
export async function renderLicenceRecord(
  record: LicenceRecord,
  deps: Pick<LicenceDeps, 'licenceTypes' | 'formOf' | 'publicApiUrl' | 'publicWebUrl'>,
  font: LicenceFont,
): Promise<RenderedLicence> {
  const payload: unknown = JSON.parse(Buffer.from(record.credential.split('.')[1] ?? '', 'base64url').toString('utf8'));
  const credential = licenceCredentialSchema.parse(payload) as unknown as LicenceCredential;
  const type = await deps.licenceTypes(record.type);
  const choices =
    credential.credentialSubject.contentChoices ??
    (await choicesOf({ ...record, content: credential.credentialSubject.content }, deps));
  return renderLicencePdf({
    credential,
    fields: type.contentFields,
    verificationUrl: verificationUrl(deps, record.licenceNo),
    font,
    choices,
  });
}

interface Row {
  readonly label: string;
  readonly value: string;
  readonly valueEn?: string;
}

function fieldRows(input: LicenceDocumentInput): Row[] {
  const subject = input.credential.credentialSubject;
  const rows: Row[] =
    subject.holderType === 'enterprise'
      ? [
          { label: '持证主体', value: subject.holderName },
          { label: '统一社会信用代码', value: subject.uscc ?? '' },
        ]
      : [
          { label: '持证人', value: subject.holderName },
          { label: '公民身份号码', value: subject.idNumberMasked ?? '' },
        ];
  const choices = input.choices ?? subject.contentChoices ?? {};
  for (const field of input.fields) {
    const raw = subject.content[field.key];
    if (raw === undefined || raw === '') continue;
    // A choice prints as its labels (餐饮服务经营者), never as its code (catering).
    const words = contentInWords(raw, choices[field.key]);
    const value =
      field.type === 'date' && typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? chineseDay(raw) : words.zh;
    // The holder's name and code are often content fields too (经营者名称, 社会信用代码): print them once.
    if (rows.some((row) => row.value === value)) continue;
    rows.push({ label: field.label.zh, value, ...(words.en ? { valueEn: words.en } : {}) });
  }
  return rows;
}

function drawPageFrame(doc: PDFKit.PDFDocument, title: string, licenceNumber: string): void {
  const [width, height] = A4;
  const m = LICENCE_PDF_LAYOUT.margin - 28;
  doc
    .lineWidth(2.4)
    .strokeColor(FRAME_RED)
    .rect(m, m, width - 2 * m, height - 2 * m)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(m + 6, m + 6, width - 2 * m - 12, height - 2 * m - 12)
    .stroke();
  doc.fillColor(FRAME_RED).fontSize(11).text('电子证照', 0, 70, { width, align: 'center', characterSpacing: 6 });
  // Micro Hei has no bold face: a thin stroke over the fill thickens the title.
  doc
    .fillColor(INK)
    .strokeColor(INK)
    .lineWidth(0.6)
    .fontSize(28)
    .text(title, 0, 96, { width, align: 'center', characterSpacing: 4, fill: true, stroke: true });
  doc.fillColor(INK).fontSize(11).text(`证照编号：${licenceNumber}`, 0, 148, { width, align: 'center' });
}

/** `2026-03-02T10:00:00+08:00` → 2026年3月2日 (the day in China). */
function chineseDate(timestamp: string): string {
  const date = parseTimestamp(timestamp);
  return date ? chineseDay(shanghaiDate(date)) : timestamp;
}
