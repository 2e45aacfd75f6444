import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { create as createQrCode } from 'qrcode/lib/core/qrcode';

/**
 * The building blocks of the platform's Chinese PDF documents (licences, written notices): the embedded CJK font, an
 * A4 document collected into bytes, a QR code and an official-style seal drawn as vectors, and the check for
 * characters the font cannot print. Only functions bound to the font asset (`assets/fonts/…` in the topology) use it;
 * they read the font with shared/adapters/document-font.ts and hand it in.
 */

/** WenQuanYi Micro Hei (Apache-2.0), vendored from Debian's fonts-wqy-microhei: see assets/fonts/README.md. */
export const DEFAULT_FONT_FILE = 'assets/fonts/wqy-microhei.ttc';
export const DEFAULT_FONT_NAME = 'WenQuanYiMicroHei';

export interface DocumentFont {
  /** A TrueType font or collection. */
  readonly bytes: Uint8Array;
  /** The PostScript name of the face to use when `bytes` is a collection. */
  readonly postscriptName?: string;
}

export const A4: [number, number] = [595.28, 841.89];
export const SEAL_RED = '#D5161F';
export const INK = '#1A1A1A';
export const GREY = '#6B6B6B';

export interface PdfDocumentOptions {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  /** Fixed by the caller (the issue or decision time), so the same document renders to the same bytes. */
  readonly creationDate: Date;
  readonly margin: number;
  readonly font: DocumentFont;
}

/** An A4 document in Chinese with the font registered as `cjk` and selected; `finish()` ends it and gives its bytes. */
export function createPdfDocument(options: PdfDocumentOptions): {
  doc: PDFKit.PDFDocument;
  finish(): Promise<Uint8Array>;
} {
  const doc = new PDFDocument({
    size: A4,
    margin: options.margin,
    autoFirstPage: true,
    lang: 'zh-CN',
    displayTitle: true,
    pdfVersion: '1.7',
    // No default Helvetica: pdfkit's ESM build loads standard fonts with a runtime require that a bundle lacks.
    font: null as unknown as string,
    info: {
      Title: options.title,
      Author: options.author,
      Subject: options.subject,
      CreationDate: options.creationDate,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('cjk', Buffer.from(options.font.bytes), options.font.postscriptName);
  doc.font('cjk');
  return {
    doc,
    async finish() {
      doc.end();
      await ended;
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}

/** The QR code as filled squares, one rectangle per run of dark modules in a row (fewer operators, same picture). */
export function drawQrCode(
  doc: PDFKit.PDFDocument,
  url: string,
  box: { readonly x: number; readonly y: number; readonly size: number },
): void {
  const { x, y, size } = box;
  // M: 15 % of the code may be damaged (a fold, a stamp) and it still reads, at a size that stays easy to scan.
  const qr = createQrCode(url, { errorCorrectionLevel: 'M' });
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
 * An issuing body's seal: a red ring, the body's name along the upper edge, a five-pointed star in the centre and
 * the seal's purpose (e.g. 电子证照专用章) below it, in the manner of an official seal (公章), drawn as vectors.
 */
export function drawSeal(
  doc: PDFKit.PDFDocument,
  name: string,
  circle: { readonly cx: number; readonly cy: number; readonly radius: number },
  label: string,
): void {
  const { cx, cy, radius } = circle;
  const chars = Array.from(name);
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

const faces = new WeakMap<DocumentFont, fontkit.Font>();

/** Characters of `text` the font has no glyph for (they print as blanks): the caller decides what to do. */
export function missingCharacters(font: DocumentFont, text: string): string[] {
  let face = faces.get(font);
  if (!face) {
    const opened = fontkit.create(Buffer.from(font.bytes), font.postscriptName);
    if (!('hasGlyphForCodePoint' in opened))
      throw new Error(`font collection without the face ${font.postscriptName ?? '(none given)'}`);
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
