import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { LicenceType } from '../catalogue/model';
import type { LicenceCredential } from './credential';
import { parseTimestamp, shanghaiDate } from './vc';

/**
 * The licence document (证照文件) as a one-page A4 PDF in Chinese: title, number, holder, content fields, issuing
 * department, dates, the department's seal and a QR code of the public verification URL. Everything is drawn as
 * vector graphics; the only embedded resource is the CJK font, subset by pdfkit to the characters used.
 *
 * The document is a rendering of the signed credential, not a second source of truth: whoever doubts it scans the
 * QR code and gets the credential's status.
 */

/** WenQuanYi Micro Hei (Apache-2.0), vendored from Debian's fonts-wqy-microhei: see assets/fonts/README.md. */
export const DEFAULT_LICENCE_FONT_FILE = 'assets/fonts/wqy-microhei.ttc';
export const DEFAULT_LICENCE_FONT_NAME = 'WenQuanYiMicroHei';

export interface LicenceFont {
  /** A TrueType font or collection. */
  readonly bytes: Uint8Array;
  /** The PostScript name of the face to use when `bytes` is a collection. */
  readonly postscriptName?: string;
}

let defaultFont: LicenceFont | undefined;

/**
 * The platform's CJK font, read once per container: from LICENCE_FONT_PATH, else `assets/fonts/` under the Lambda
 * task root (the bundle must copy it there) or under the working directory (npm scripts, tests, the local cloud).
 */
export function loadLicenceFont(path?: string): LicenceFont {
  if (path) return { bytes: readFileSync(path), postscriptName: DEFAULT_LICENCE_FONT_NAME };
  defaultFont ??= {
    bytes: readFileSync(process.env.LICENCE_FONT_PATH ?? join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), DEFAULT_LICENCE_FONT_FILE)),
    postscriptName: DEFAULT_LICENCE_FONT_NAME,
  };
  return defaultFont;
}

export interface LicenceDocumentInput {
  readonly credential: LicenceCredential;
  /** The licence type's content fields, in display order; content without a field here is not shown. */
  readonly fields: readonly Pick<LicenceType['contentFields'][number], 'key' | 'label' | 'type'>[];
  /** The public verification URL the QR code carries. */
  readonly verificationUrl: string;
  readonly font: LicenceFont;
}

export interface RenderedLicence {
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** Characters of the text the font has no glyph for (they print as blanks): the caller decides whether to issue. */
  readonly missingCharacters: readonly string[];
}

const A4: [number, number] = [595.28, 841.89];
const SEAL_RED = '#D5161F';
const FRAME_RED = '#9E1B1B';
const INK = '#1A1A1A';
const GREY = '#6B6B6B';

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

  const doc = new PDFDocument({
    size: A4,
    margin: L.margin,
    autoFirstPage: true,
    lang: 'zh-CN',
    displayTitle: true,
    pdfVersion: '1.7',
    // No default Helvetica: pdfkit's ESM build loads standard fonts with a runtime require that a bundle lacks.
    font: null as unknown as string,
    info: {
      Title: `${subject.licenceTypeName} ${subject.licenceNumber}`,
      Author: credential.issuer.name,
      Subject: '电子证照',
      // The issue time, not the rendering time: rendering the same licence twice gives the same bytes.
      CreationDate: parseTimestamp(credential.validFrom) ?? new Date(0),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  doc.registerFont('cjk', Buffer.from(font.bytes), font.postscriptName);
  doc.font('cjk');

  const rows = fieldRows(input);
  // The data, whose characters the font may lack; this file's own labels are covered by the tests.
  const texts: string[] = [subject.licenceTypeName, subject.licenceNumber, credential.issuer.name, input.verificationUrl];
  let pages = 1;
  drawPageFrame(doc, subject.licenceTypeName, subject.licenceNumber);
  let y: number = L.fieldsTop;
  const labelWidth = 150;
  const valueX = L.margin + 24 + labelWidth;
  const valueWidth = A4[0] - L.margin - 24 - valueX;
  for (const row of rows) {
    texts.push(row.label, row.value);
    doc.fontSize(12);
    const height = Math.max(doc.heightOfString(row.value, { width: valueWidth }), doc.heightOfString(row.label, { width: labelWidth - 12 })) + 14;
    if (y + height > L.fieldsBottom) {
      doc.addPage();
      pages += 1;
      drawPageFrame(doc, `${subject.licenceTypeName}（续）`, subject.licenceNumber);
      y = L.fieldsTop;
    }
    doc.fillColor(GREY).text(row.label, L.margin + 24, y + 7, { width: labelWidth - 12, lineBreak: true });
    doc.fillColor(INK).text(row.value, valueX, y + 7, { width: valueWidth });
    y += height;
    doc.moveTo(L.margin + 24, y).lineTo(A4[0] - L.margin - 24, y).lineWidth(0.5).strokeColor('#D0D0D0').stroke();
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
  drawQrCode(doc, input.verificationUrl);
  doc.fillColor(GREY).fontSize(8).text('扫码核验', L.qr.x, L.qr.y + L.qr.size + 4, { width: L.qr.size, align: 'center' });
  drawSeal(doc, credential.issuer.name);
  const note = '本电子证照由发证机关签发，可通过扫描二维码或访问上述地址核验真伪与状态。';
  doc.fillColor(GREY).fontSize(8);
  doc.text(note, L.margin + 16, A4[1] - L.margin - 28, { width: A4[0] - 2 * L.margin - 32, align: 'center' });
  doc.text(input.verificationUrl, L.margin + 16, A4[1] - L.margin - 16, { width: A4[0] - 2 * L.margin - 32, align: 'center', lineBreak: false });

  doc.end();
  await ended;
  return { pdf: new Uint8Array(Buffer.concat(chunks)), pages, missingCharacters: missingCharacters(font, texts.join('')) };
}

interface Row {
  readonly label: string;
  readonly value: string;
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
  for (const field of input.fields) {
    const raw = subject.content[field.key];
    if (raw === undefined || raw === '') continue;
    const value = field.type === 'date' && typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? chineseDay(raw) : String(raw);
    // The holder's name and code are often content fields too (经营者名称, 社会信用代码): print them once.
    if (rows.some((row) => row.value === value)) continue;
    rows.push({ label: field.label.zh, value });
  }
  return rows;
}

function drawPageFrame(doc: PDFKit.PDFDocument, title: string, licenceNumber: string): void {
  const [width, height] = A4;
  const m = LICENCE_PDF_LAYOUT.margin - 28;
  doc.lineWidth(2.4).strokeColor(FRAME_RED).rect(m, m, width - 2 * m, height - 2 * m).stroke();
  doc.lineWidth(0.8).rect(m + 6, m + 6, width - 2 * m - 12, height - 2 * m - 12).stroke();
  doc.fillColor(FRAME_RED).fontSize(11).text('电子证照', 0, 70, { width, align: 'center', characterSpacing: 6 });
  // Micro Hei has no bold face: a thin stroke over the fill thickens the title.
  doc.fillColor(INK).strokeColor(INK).lineWidth(0.6).fontSize(28).text(title, 0, 96, { width, align: 'center', characterSpacing: 4, fill: true, stroke: true });
  doc.fillColor(INK).fontSize(11).text(`证照编号：${licenceNumber}`, 0, 148, { width, align: 'center' });
}

/** The QR code as filled squares, one rectangle per run of dark modules in a row (fewer operators, same picture). */
function drawQrCode(doc: PDFKit.PDFDocument, url: string): void {
  const { x, y, size } = LICENCE_PDF_LAYOUT.qr;
  // M: 15 % of the code may be damaged (a fold, a stamp) and it still reads, at a size that stays easy to scan.
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const module = size / count;
  doc.save().fillColor('#000000');
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!qr.modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < count && qr.modules.get(row, col)) col += 1;
      doc.rect(x + start * module, y + row * module, (col - start) * module, module);
    }
  }
  doc.fill();
  doc.restore();
}

/**
 * The issuing department's seal: a red ring, the department's name along the upper edge, a five-pointed star in
 * the centre and 电子证照专用章 below it, in the manner of an official seal (公章), drawn as vectors.
 */
function drawSeal(doc: PDFKit.PDFDocument, department: string): void {
  const { cx, cy, radius } = LICENCE_PDF_LAYOUT.seal;
  const chars = Array.from(department);
  doc.save().opacity(0.82).strokeColor(SEAL_RED).fillColor(SEAL_RED);
  doc.lineWidth(3).circle(cx, cy, radius).stroke();

  // The name spans at most 230° of the ring, from lower left over the top to lower right, clear of the label.
  const span = Math.min(230, 26 * Math.max(chars.length - 1, 1));
  const textRadius = radius - 8;
  // Glyphs hang inwards from the ring, so neighbours come closest at their feet: size them for that radius.
  const fontSize = Math.min(15, (0.8 * (textRadius - 12) * ((span * Math.PI) / 180)) / Math.max(chars.length - 1, 1));
  doc.fontSize(fontSize);
  chars.forEach((char, i) => {
    const angle = chars.length === 1 ? 0 : -span / 2 + (span * i) / (chars.length - 1);
    const rad = (angle * Math.PI) / 180;
    const px = cx + textRadius * Math.sin(rad);
    const py = cy - textRadius * Math.cos(rad);
    const width = doc.widthOfString(char);
    doc.save().rotate(angle, { origin: [px, py] });
    // The glyph hangs from its top at the ring, upright towards the edge.
    doc.text(char, px - width / 2, py, { lineBreak: false });
    doc.restore();
  });

  starPath(doc, cx, cy - 4, radius * 0.3);
  doc.fill();
  doc.fontSize(8.5);
  const label = '电子证照专用章';
  doc.text(label, cx - doc.widthOfString(label) / 2, cy + radius * 0.38, { lineBreak: false });
  doc.restore();
}

function starPath(doc: PDFKit.PDFDocument, cx: number, cy: number, outer: number): void {
  const inner = outer * 0.382; // a regular pentagram's inner to outer radius
  for (let k = 0; k < 10; k++) {
    const r = k % 2 === 0 ? outer : inner;
    const a = ((-90 + k * 36) * Math.PI) / 180;
    const px = cx + r * Math.cos(a);
    const py = cy + r * Math.sin(a);
    if (k === 0) doc.moveTo(px, py);
    else doc.lineTo(px, py);
  }
  doc.closePath();
}

/** `2026-03-02T10:00:00+08:00` → 2026年3月2日 (the day in China). */
function chineseDate(timestamp: string): string {
  const date = parseTimestamp(timestamp);
  return date ? chineseDay(shanghaiDate(date)) : timestamp;
}

function chineseDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

const faces = new WeakMap<LicenceFont, fontkit.Font>();

function missingCharacters(font: LicenceFont, text: string): string[] {
  let face = faces.get(font);
  if (!face) {
    const opened = fontkit.create(Buffer.from(font.bytes), font.postscriptName);
    if (!('hasGlyphForCodePoint' in opened)) throw new Error(`font collection without the face ${font.postscriptName ?? '(none given)'}`);
    face = opened;
    faces.set(font, face);
  }
  const missing = new Set<string>();
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp > 0x20 && !face.hasGlyphForCodePoint(cp)) missing.add(char);
  }
  return [...missing];
}
