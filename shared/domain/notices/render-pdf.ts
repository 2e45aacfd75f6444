import {
  A4,
  createPdfDocument,
  type DocumentFont,
  drawQrCode,
  drawSeal,
  GREY,
  INK,
  missingCharacters,
} from '../documents/pdf';
import type { Notice } from './notice';

/**
 * A written notice as an A4 PDF in Chinese, drawn from the notice's own fields and lines (shared/domain/notices/
 * notice.ts) with the documents' building blocks: the embedded font, the issuing body's seal over its name and the
 * date, and a QR code of the case's page. Longer notices continue on further pages; the closing, seal and QR code
 * are on the last.
 */

export interface RenderedNotice {
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** Characters the font has no glyph for (they print as blanks). */
  readonly missingCharacters: readonly string[];
}

/** Where things are, in points from the top-left corner: exported for the tests that read them back. */
export const NOTICE_PDF_LAYOUT = {
  page: A4,
  margin: 64,
  /** The closing block (issuer, date, seal, QR code) needs the page from here down. */
  footerTop: 600,
  closing: { x: 330, y: 640, width: 200 },
  seal: { cx: 430, cy: 636, radius: 54 },
  qr: { x: 64, y: 628, size: 96 },
} as const;

export async function renderNoticePdf(notice: Notice, font: DocumentFont): Promise<RenderedNotice> {
  const L = NOTICE_PDF_LAYOUT;
  const [width, height] = A4;
  const textWidth = width - 2 * L.margin;
  const { doc, finish } = createPdfDocument({
    title: `${notice.title} ${notice.documentNo}`,
    author: notice.issuer.name,
    subject: notice.title,
    // The decision's time: rendering the same notice twice gives the same bytes.
    creationDate: new Date(notice.decidedAt),
    margin: L.margin,
    font,
  });
  let pages = 1;
  doc.on('pageAdded', () => {
    pages += 1;
  });

  // Micro Hei has no bold face: a thin stroke over the fill thickens the title.
  doc.fillColor(INK).strokeColor(INK).lineWidth(0.5).fontSize(22).text(notice.title, L.margin, 72, {
    width: textWidth,
    align: 'center',
    characterSpacing: 3,
    fill: true,
    stroke: true,
  });
  doc
    .fontSize(10.5)
    .fillColor(GREY)
    .text(notice.documentNo, L.margin, doc.y + 8, { width: textWidth, align: 'center' });

  const facts: [string, string][] = [
    ['申请人', notice.applicant.name],
    [notice.applicant.identifierLabel, notice.applicant.identifier],
    ['办件编号', notice.caseNumber],
    ['申请事项', notice.matter.name],
  ];
  doc.moveDown(1.2).fontSize(11);
  for (const [label, value] of facts)
    doc
      .fillColor(GREY)
      .text(`${label}：`, L.margin, doc.y + 2, { continued: true })
      .fillColor(INK)
      .text(value);
  doc
    .moveTo(L.margin, doc.y + 8)
    .lineTo(width - L.margin, doc.y + 8)
    .lineWidth(0.5)
    .strokeColor('#C8C8C8')
    .stroke();

  doc
    .fontSize(12)
    .fillColor(INK)
    .text(notice.salutation, L.margin, doc.y + 20, { width: textWidth });
  const indent = doc.widthOfString('　　');
  for (const line of notice.lines) {
    doc.moveDown(0.4);
    if (line.kind === 'paragraph') doc.text(line.text, L.margin, doc.y, { width: textWidth, indent, lineGap: 3 });
    else doc.text(line.text, L.margin + indent, doc.y, { width: textWidth - indent, lineGap: 3 });
  }

  // The closing stands on the last page, below the text.
  if (doc.y > L.footerTop) doc.addPage();
  doc.fontSize(12).fillColor(INK);
  const [issuer, date] = notice.closing;
  doc.text(issuer ?? '', L.closing.x, L.closing.y, { width: L.closing.width, align: 'center' });
  // The seal is stamped over the issuer's name, as on paper; the date stays readable below its label.
  doc.text(date ?? '', L.closing.x, L.closing.y + 44, { width: L.closing.width, align: 'center' });
  drawSeal(doc, notice.issuer.name, L.seal, '政务服务专用章');
  drawQrCode(doc, notice.caseUrl, L.qr);
  doc
    .fillColor(GREY)
    .fontSize(8)
    .text('扫码查询办件进度', L.qr.x, L.qr.y + L.qr.size + 4, { width: L.qr.size, align: 'center', lineBreak: false });
  doc.fontSize(8).text(`${notice.issuer.centre}　${notice.caseUrl}`, L.margin, height - L.margin - 14, {
    width: textWidth,
    align: 'center',
    lineBreak: false,
  });

  const texts = [
    notice.title,
    notice.documentNo,
    ...facts.flat(),
    notice.salutation,
    ...notice.lines.map((l) => l.text),
    ...notice.closing,
    notice.issuer.centre,
  ];
  return { pdf: await finish(), pages, missingCharacters: missingCharacters(font, texts.join('')) };
}
