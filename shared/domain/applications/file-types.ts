import type { Material } from '../catalogue/model';

/**
 * The file types a matter may ask for (materialSchema.fileTypes), with what a browser declares for each and the
 * magic bytes that prove it. A material is accepted only when the declared name and type agree with each other
 * (fileTypeForDeclared) AND the stored bytes are of that type (detectFileType): a renamed executable, script, HTML
 * page or arbitrary ZIP is refused whatever it is called.
 */
export const FILE_TYPES = {
  pdf: { contentTypes: ['application/pdf'], extensions: ['pdf'] },
  jpg: { contentTypes: ['image/jpeg'], extensions: ['jpg', 'jpeg'] },
  png: { contentTypes: ['image/png'], extensions: ['png'] },
  /**
   * OFD (GB/T 33190-2016), China's fixed-layout format for e-documents and e-licences. Browsers do not know the
   * type, so File.type is '' and the client must declare 'application/ofd' itself.
   */
  ofd: { contentTypes: ['application/ofd'], extensions: ['ofd'] },
} as const;

export type FileTypeCode = keyof typeof FILE_TYPES;
export const FILE_TYPE_CODES = Object.keys(FILE_TYPES) as FileTypeCode[];

// The catalogue's material file types and these codes must be the same set; this fails to compile otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCodes: Same<FileTypeCode, Material['fileTypes'][number]> = true;
void sameCodes;

/**
 * How many bytes from the start of a file detectFileType needs. PDF, JPEG and PNG need 8; OFD needs the ZIP entry
 * named OFD.xml to start (with its whole local header and name) within these bytes. Producers write OFD.xml, the
 * entry file, first or among the first entries; an OFD whose OFD.xml comes after 64 KiB of other entries is refused.
 */
export const HEAD_BYTES = 64 * 1024;

/** The canonical content type of a file type, e.g. for the presigned upload when the browser declared none. */
export function contentTypeOf(code: FileTypeCode): string {
  return FILE_TYPES[code].contentTypes[0];
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IHDR = ascii('IHDR');
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_CENTRAL = [0x50, 0x4b, 0x01, 0x02];
const OFD_ENTRY = ascii('OFD.xml');
const DIGIT = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;

/**
 * The file type proven by the first bytes of a file (pass at least HEAD_BYTES, or the whole file when shorter), or
 * undefined. Only known-good signatures are recognised, so executables (MZ, ELF, Mach-O), scripts (#!), HTML, SVG,
 * Office files and other ZIPs are all undefined without being listed.
 * - PDF: '%PDF-' and a version digit at offset 0. Readers tolerate up to 1 KiB of junk before the header; this
 *   check does not, since junk before the header is how PDF polyglots are built.
 * - JPEG: FF D8 FF (SOI followed by a marker).
 * - PNG: the 8-byte signature followed by the IHDR chunk.
 * - OFD: a ZIP (PK 03 04 at offset 0) with an entry named exactly 'OFD.xml' whose local header, or central
 *   directory header for small files, lies within `head`. A ZIP with only a '.ofd' name is NOT accepted.
 */
export function detectFileType(head: Uint8Array): FileTypeCode | undefined {
  if (startsWith(head, PDF) && DIGIT(head[5]) && head[6] === 0x2e) return 'pdf';
  if (startsWith(head, JPEG)) return 'jpg';
  if (startsWith(head, PNG) && startsWith(head, PNG_IHDR, 12)) return 'png';
  if (startsWith(head, ZIP_LOCAL) && zipHasOfdEntry(head)) return 'ofd';
  return undefined;
}

/**
 * Looks for an entry named OFD.xml among the ZIP headers within `head`. Every local (PK 03 04) and central
 * (PK 01 02) header signature is tried rather than walking entry by entry, because entries written with a data
 * descriptor carry no sizes in their local header and cannot be skipped over.
 */
function zipHasOfdEntry(head: Uint8Array): boolean {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  for (let at = 0; at + 30 <= head.length; at++) {
    if (head[at] !== 0x50 || head[at + 1] !== 0x4b) continue;
    let nameLength: number;
    let nameAt: number;
    if (startsWith(head, ZIP_LOCAL, at)) {
      nameLength = view.getUint16(at + 26, true);
      nameAt = at + 30;
    } else if (startsWith(head, ZIP_CENTRAL, at) && at + 46 <= head.length) {
      nameLength = view.getUint16(at + 28, true);
      nameAt = at + 46;
    } else {
      continue;
    }
    if (nameLength === OFD_ENTRY.length && startsWith(head, OFD_ENTRY, nameAt)) return true;
  }
  return false;
}

/** The extension of a file name, lower-cased, without the dot; '' when there is none. Paths are ignored. */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 || dot === base.length - 1 ? '' : base.slice(dot + 1).toLowerCase();
}

/** A content type without parameters or case: 'Image/JPEG; x=1' → 'image/jpeg'. */
function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * The file type that a file name and a content type BOTH declare, or undefined when either is unknown or they
 * disagree ('scan.pdf' sent as image/png, 'photo.jpeg' sent as application/octet-stream). Extensions and content
 * types compare without case; content-type parameters are ignored.
 */
export function fileTypeForDeclared(fileName: string, contentType: string): FileTypeCode | undefined {
  const extension = extensionOf(fileName);
  const type = mediaType(contentType);
  if (!extension || !type) return undefined;
  return FILE_TYPE_CODES.find((code) => {
    const spec: { readonly contentTypes: readonly string[]; readonly extensions: readonly string[] } = FILE_TYPES[code];
    return spec.extensions.includes(extension) && spec.contentTypes.includes(type);
  });
}
