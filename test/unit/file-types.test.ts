import { crc32, deflateSync } from 'node:zlib';
import {
  contentTypeOf,
  detectFileType,
  extensionOf,
  FILE_TYPE_CODES,
  FILE_TYPES,
  fileTypeForDeclared,
  HEAD_BYTES,
} from '../../shared/domain/applications/file-types';
import { materialSchema } from '../../shared/domain/catalogue/model';

const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** A complete, valid PDF 1.4 with one empty page (xref offsets computed). */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>',
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG with real chunks and CRCs: IHDR, IDAT (zlib), IEND. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => bytes(be32(data.length), type, data, be32(crc32(bytes(type, data))));
  const ihdr = bytes(be32(1), be32(1), [8, 2, 0, 0, 0]);
  return bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(bytes([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  );
}

/** A baseline JFIF JPEG skeleton: SOI, APP0 (JFIF), EOI. */
function tinyJpeg(): Buffer {
  return bytes([0xff, 0xd8, 0xff, 0xe0], u16(16).reverse(), 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0], [0xff, 0xd9]);
}

/** A stored (uncompressed) ZIP with the given entries, local headers then central directory then EOCD. */
function zip(entries: { name: string; data: Buffer | string; dataDescriptor?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data);
    const crc = crc32(data);
    const flags = entry.dataDescriptor ? 0x0808 : 0x0800;
    const sizes = entry.dataDescriptor
      ? [...u32(0), ...u32(0), ...u32(0)]
      : [...u32(crc), ...u32(data.length), ...u32(data.length)];
    const local = bytes(
      [0x50, 0x4b, 0x03, 0x04],
      u16(20),
      u16(flags),
      u16(0),
      u16(0),
      u16(0),
      sizes,
      u16(Buffer.byteLength(entry.name)),
      u16(0),
      entry.name,
      data,
      entry.dataDescriptor
        ? bytes([0x50, 0x4b, 0x07, 0x08], u32(crc), u32(data.length), u32(data.length))
        : Buffer.alloc(0),
    );
    centrals.push(
      bytes(
        [0x50, 0x4b, 0x01, 0x02],
        u16(20),
        u16(20),
        u16(flags),
        u16(0),
        u16(0),
        u16(0),
        u32(crc),
        u32(data.length),
        u32(data.length),
        u16(Buffer.byteLength(entry.name)),
        u16(0),
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        u32(offset),
        entry.name,
      ),
    );
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const eocd = bytes(
    [0x50, 0x4b, 0x05, 0x06],
    u16(0),
    u16(0),
    u16(entries.length),
    u16(entries.length),
    u32(central.length),
    u32(offset),
    u16(0),
  );
  return Buffer.concat([...locals, central, eocd]);
}

const OFD_XML =
  '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>';
const tinyOfd = () =>
  zip([
    { name: 'OFD.xml', data: OFD_XML },
    { name: 'Doc_0/Document.xml', data: '<ofd:Document/>' },
  ]);

describe('FILE_TYPES', () => {
  it('has exactly the file types a catalogue material may ask for', () => {
    const allowed = materialSchema.shape.fileTypes.element.options;
    expect([...FILE_TYPE_CODES].sort()).toEqual([...allowed].sort());
  });

  it('names a canonical content type and extensions for each', () => {
    expect(contentTypeOf('pdf')).toBe('application/pdf');
    expect(contentTypeOf('jpg')).toBe('image/jpeg');
    expect(contentTypeOf('png')).toBe('image/png');
    expect(contentTypeOf('ofd')).toBe('application/ofd');
    expect(FILE_TYPES.jpg.extensions).toEqual(['jpg', 'jpeg']);
  });

  it('reads 64 KiB of head', () => {
    expect(HEAD_BYTES).toBe(65536);
  });
});

describe('detectFileType', () => {
  it('recognises real PDF, JPEG, PNG and OFD files by their magic bytes', () => {
    expect(detectFileType(tinyPdf())).toBe('pdf');
    expect(detectFileType(tinyJpeg())).toBe('jpg');
    expect(detectFileType(tinyPng())).toBe('png');
    expect(detectFileType(tinyOfd())).toBe('ofd');
  });

  it('recognises a PDF 2.0 and a JPEG with an Exif header', () => {
    expect(detectFileType(bytes('%PDF-2.0\n'))).toBe('pdf');
    expect(detectFileType(bytes([0xff, 0xd8, 0xff, 0xe1], [0, 0x10], 'Exif\0\0'))).toBe('jpg');
  });

  it('works on a head slice and on a Uint8Array view into a larger buffer', () => {
    const big = Buffer.concat([tinyPng(), Buffer.alloc(HEAD_BYTES * 2)]);
    expect(detectFileType(big.subarray(0, HEAD_BYTES))).toBe('png');
    const padded = Buffer.concat([Buffer.alloc(7), tinyOfd()]);
    expect(detectFileType(new Uint8Array(padded.buffer, padded.byteOffset + 7, padded.length - 7))).toBe('ofd');
  });

  it('refuses executables whatever they are called', () => {
    const elf = bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], Buffer.alloc(56));
    const pe = bytes('MZ', [0x90, 0], Buffer.alloc(56), u32(64), 'PE\0\0', Buffer.alloc(20));
    const machO = bytes([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1], Buffer.alloc(24));
    const machOFat = bytes([0xca, 0xfe, 0xba, 0xbe], Buffer.alloc(28));
    for (const exe of [elf, pe, machO, machOFat]) expect(detectFileType(exe)).toBeUndefined();
  });

  it('refuses scripts, HTML, SVG and other formats', () => {
    for (const text of [
      '#!/bin/sh\nrm -rf /\n',
      '<!DOCTYPE html><html><script>alert(1)</script>',
      '<html>',
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
      'GIF89a\x01\x00',
      '{"a":1}',
    ]) {
      expect(detectFileType(bytes(text))).toBeUndefined();
    }
  });

  it('is strict about where the signature is and how complete it is', () => {
    expect(detectFileType(new Uint8Array(0))).toBeUndefined();
    expect(detectFileType(bytes(' %PDF-1.7\n'))).toBeUndefined(); // junk before the header: a polyglot trick
    expect(detectFileType(bytes('\xef\xbb\xbf%PDF-1.7\n'))).toBeUndefined();
    expect(detectFileType(bytes('%PDF-'))).toBeUndefined();
    expect(detectFileType(bytes('%PDF-x.y'))).toBeUndefined();
    expect(detectFileType(bytes([0xff, 0xd8]))).toBeUndefined();
    expect(detectFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeUndefined(); // no IHDR
    expect(detectFileType(tinyPdf().subarray(1))).toBeUndefined();
  });

  it('refuses ZIPs that are not OFD: Office files, JARs, misplaced or misspelt OFD.xml, empty archives', () => {
    expect(
      detectFileType(
        zip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'word/document.xml', data: '<w:document/>' },
        ]),
      ),
    ).toBeUndefined();
    expect(detectFileType(zip([{ name: 'META-INF/MANIFEST.MF', data: 'Main-Class: Evil\n' }]))).toBeUndefined();
    expect(detectFileType(zip([{ name: 'Doc_0/OFD.xml', data: OFD_XML }]))).toBeUndefined();
    expect(detectFileType(zip([{ name: 'ofd.xml', data: OFD_XML }]))).toBeUndefined();
    expect(detectFileType(zip([{ name: 'OFD.xml.exe', data: 'MZ' }]))).toBeUndefined();
    expect(detectFileType(bytes([0x50, 0x4b, 0x05, 0x06], Buffer.alloc(18)))).toBeUndefined();
  });

  it('finds OFD.xml behind an entry written with a data descriptor (no sizes to skip by)', () => {
    const ofd = zip([
      { name: 'Doc_0/Res/logo.png', data: tinyPng(), dataDescriptor: true },
      { name: 'OFD.xml', data: OFD_XML },
    ]);
    expect(detectFileType(ofd)).toBe('ofd');
  });

  it('finds OFD.xml in the central directory of a small archive, but not past the head of a large one', () => {
    const large = Buffer.alloc(HEAD_BYTES, 0x20);
    const ofd = zip([
      { name: 'Doc_0/Res/scan.bin', data: large },
      { name: 'OFD.xml', data: OFD_XML },
    ]);
    expect(detectFileType(ofd)).toBe('ofd'); // the whole file: OFD.xml's headers are in it
    expect(detectFileType(ofd.subarray(0, HEAD_BYTES))).toBeUndefined(); // what inspect() reads: OFD.xml comes later
  });

  it('does not read past a truncated header', () => {
    const ofd = tinyOfd();
    expect(detectFileType(ofd.subarray(0, 33))).toBeUndefined(); // the name 'OFD.xml' is cut at 3 bytes
    expect(detectFileType(ofd.subarray(0, 37))).toBe('ofd');
  });
});

describe('fileTypeForDeclared', () => {
  it('accepts a name and a content type that agree', () => {
    expect(fileTypeForDeclared('营业执照.pdf', 'application/pdf')).toBe('pdf');
    expect(fileTypeForDeclared('身份证正面.JPG', 'image/jpeg')).toBe('jpg');
    expect(fileTypeForDeclared('photo.jpeg', 'IMAGE/JPEG; charset=binary')).toBe('jpg');
    expect(fileTypeForDeclared('seal.png', 'image/png')).toBe('png');
    expect(fileTypeForDeclared('电子证照.ofd', 'application/ofd')).toBe('ofd');
    expect(fileTypeForDeclared('C:\\fakepath\\scan.pdf', 'application/pdf')).toBe('pdf');
  });

  it('refuses a name and a content type that disagree', () => {
    expect(fileTypeForDeclared('scan.pdf', 'image/png')).toBeUndefined();
    expect(fileTypeForDeclared('photo.png', 'image/jpeg')).toBeUndefined();
    expect(fileTypeForDeclared('licence.ofd', 'application/zip')).toBeUndefined();
    expect(fileTypeForDeclared('licence.ofd', '')).toBeUndefined(); // what a browser sends for .ofd
  });

  it('refuses unknown extensions and types, double extensions and names without one', () => {
    expect(fileTypeForDeclared('setup.exe', 'application/pdf')).toBeUndefined();
    expect(fileTypeForDeclared('scan.pdf.exe', 'application/pdf')).toBeUndefined();
    expect(fileTypeForDeclared('scan', 'application/pdf')).toBeUndefined();
    expect(fileTypeForDeclared('scan.', 'application/pdf')).toBeUndefined();
    expect(fileTypeForDeclared('.pdf', 'application/pdf')).toBeUndefined();
    expect(fileTypeForDeclared('page.html', 'text/html')).toBeUndefined();
    expect(fileTypeForDeclared('scan.pdf', 'application/octet-stream')).toBeUndefined();
    expect(fileTypeForDeclared('photo.jpg', 'image/jpg')).toBeUndefined(); // not a registered type
  });

  it('takes the extension from the last path part', () => {
    expect(extensionOf('a.pdf/b')).toBe('');
    expect(extensionOf('dir.d/scan.PDF')).toBe('pdf');
  });
});
