import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';

/**
 * Reading pdfkit's PDFs back in tests, with just enough of PDF syntax for what pdfkit writes (no object streams,
 * Flate streams): the text through the embedded font's ToUnicode CMap (a CID font's text cannot be grepped), the
 * page count, and a QR code repainted from the rectangles drawn in its box and read with jsQR.
 */

export function streams(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf).toString('latin1');
  const found: string[] = [];
  const pattern = /(?<!end)stream\r?\n/g;
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    try {
      found.push(inflateSync(Buffer.from(raw.slice(start, end), 'latin1')).toString('latin1'));
    } catch {
      // not Flate (or not a stream at all): nothing to read here
    }
    pattern.lastIndex = end;
  }
  return found;
}

/** The text shown on the pages, decoded through the font's ToUnicode CMap (glyph ids → Unicode), one line per TJ. */
export function extractText(pdf: Uint8Array): string {
  const all = streams(pdf);
  const toUnicode = new Map<number, string>();
  for (const cmap of all.filter((s) => s.includes('beginbfrange'))) {
    for (const [, start = '0', , list = ''] of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
      [...list.matchAll(/<([0-9a-f ]+)>/gi)].forEach(([, hex = ''], i) => {
        toUnicode.set(
          Number.parseInt(start, 16) + i,
          String.fromCharCode(...hex.split(' ').map((h) => Number.parseInt(h, 16))),
        );
      });
    }
  }
  const lines: string[] = [];
  for (const content of all.filter((s) => / TJ/.test(s))) {
    for (const [, array = ''] of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      const codes = [...array.matchAll(/<([0-9a-f]+)>/gi)].flatMap(([, hex = '']) => hex.match(/.{4}/g) ?? []);
      lines.push(codes.map((code) => toUnicode.get(Number.parseInt(code, 16)) ?? '\uFFFD').join(''));
    }
  }
  return lines.join('\n');
}

/** Paints the rectangles drawn inside a QR code's box on one page (default the last) onto a white bitmap and reads it with jsQR. */
export function decodeQr(
  pdf: Uint8Array,
  box: { readonly x: number; readonly y: number; readonly size: number },
  page = -1,
): string | undefined {
  const contents = streams(pdf).filter((s) => / re\b/.test(s) && / TJ/.test(s));
  const content = contents.at(page) ?? '';
  const { x, y, size } = box;
  const scale = 4;
  const margin = 40;
  const width = Math.ceil(size * scale) + 2 * margin;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  let rects = 0;
  for (const [, rx = '', ry = '', rw = '', rh = ''] of content.matchAll(
    /(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g,
  )) {
    const [left, top, w, h] = [Number(rx), Number(ry), Number(rw), Number(rh)];
    if (left < x - 0.01 || top < y - 0.01 || left + w > x + size + 0.01 || top + h > y + size + 0.01) continue;
    rects += 1;
    for (let py = Math.round((top - y) * scale); py < Math.round((top + h - y) * scale); py++) {
      for (let px = Math.round((left - x) * scale); px < Math.round((left + w - x) * scale); px++) {
        const offset = ((py + margin) * width + px + margin) * 4;
        pixels.fill(0, offset, offset + 3);
      }
    }
  }
  if (rects === 0) return undefined;
  return jsQR(pixels, width, width)?.data;
}

export function pageCount(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type \/Page\b(?!s)/g)?.length ?? 0
  );
}

/**
 * A small, well-formed one-page PDF (pdfkit: catalogue, page tree, xref table, trailer) with a line of text, for the
 * browser tests' uploads: a real file a viewer opens, not just the magic bytes.
 */
export async function smallPdf(title: string): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A5', info: { Title: title }, compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(16).text(title).moveDown().fontSize(10).text('Rongcheng Snacks, 88 Wusi Road, Gulou District, Fuzhou');
  doc.end();
  return done;
}
