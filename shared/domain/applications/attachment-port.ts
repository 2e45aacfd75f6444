/**
 * Where application materials (办件材料) are kept. Browsers upload straight to the store with a presigned POST;
 * the case domain then inspects what actually arrived (size, checksum, magic bytes: see file-types.ts) before it
 * accepts a material, moves accepted files from pending/ to the case, and hands out short-lived download links.
 *
 * The store's own refusal of a wrong upload (policy conditions) is a first line only: the local emulator enforces
 * none of them, so the case domain must compare inspect() with what it presigned, and that comparison is what
 * refuses a material.
 */
export interface PresignedUpload {
  /** Where the browser POSTs the multipart form. */
  readonly url: string;
  /** Form fields to send, in any order but all BEFORE the file part, which must be named `file` and come last. */
  readonly fields: Record<string, string>;
  /** ISO 8601; after this the store refuses the form. */
  readonly expiresAt: string;
  readonly key: string;
}

export interface StoredObject {
  /** Bytes stored. */
  readonly size: number;
  /** The content type stored with the object, as the uploader declared it. */
  readonly contentType?: string;
  /** SHA-256 of the whole object, base64 (as in x-amz-checksum-sha256). */
  readonly sha256Base64?: string;
  /** The first HEAD_BYTES bytes (file-types.ts), or the whole object when shorter. */
  readonly head: Uint8Array;
}

/**
 * Keys are chosen by the platform, never taken from a file name, and use only S3's safe characters: letters, digits,
 * / ! - _ . * ' ( ), in non-empty segments (e.g. pending/<caseId>/<materialCode>/<uuid>). Other keys are refused with
 * a RangeError. The applicant's file name travels separately, to presignDownload.
 */
export interface AttachmentStore {
  /** A presigned POST whose policy enforces the exact key, the content type, the size range [1, maxBytes] and the SHA-256 checksum (x-amz-checksum-sha256, so S3 itself refuses other bytes). */
  presignUpload(input: {
    key: string;
    contentType: string;
    maxBytes: number;
    sha256Base64: string;
    expiresInSeconds: number;
  }): Promise<PresignedUpload>;
  /** Size, type, the checksum S3 recorded (or one computed by reading the object when the store keeps none), and the first HEAD_BYTES bytes; undefined when absent. */
  inspect(key: string): Promise<StoredObject | undefined>;
  /**
   * Moves an object (copy then delete), e.g. from pending/ to cases/. Safe to retry: when the source is gone but the
   * destination exists, the move is taken as done; when both are missing it throws NotFoundError. Moving a key onto
   * itself does nothing. `keepSource` copies only: the caller removes the source when it no longer needs it.
   */
  move(fromKey: string, toKey: string, options?: { keepSource?: boolean }): Promise<void>;
  /** Deletes the object; removing an absent key is not an error. */
  remove(key: string): Promise<void>;
  /** A short-lived GET URL that downloads under the original file name (Content-Disposition, RFC 6266 filename* for Chinese names). */
  presignDownload(input: {
    key: string;
    fileName: string;
    expiresInSeconds: number;
  }): Promise<{ url: string; expiresAt: string }>;
}

/** A SHA-256 digest in base64: 32 bytes, 44 characters with one '=' of padding. */
export const SHA256_BASE64 = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
