import { createHash } from 'node:crypto';
import type {
  AttachmentStore,
  PresignedUpload,
  StoredObject,
} from '../../../shared/domain/applications/attachment-port';
import { HEAD_BYTES } from '../../../shared/domain/applications/file-types';
import { NotFoundError } from '../../../shared/domain/errors';

/** S3's safe characters in non-empty segments, as the port promises (attachment-port.ts). */
const SAFE_KEY = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;

function checkKey(key: string): void {
  if (!SAFE_KEY.test(key)) throw new RangeError(`Not a safe object key: ${key}`);
}

/**
 * The AttachmentStore port in memory. Like the local emulator it enforces no POST policy: whatever `receive` puts
 * is stored, and the case domain's own inspection is what refuses a wrong file.
 */
export class InMemoryAttachmentStore implements AttachmentStore {
  readonly #objects = new Map<string, { bytes: Buffer; contentType?: string }>();

  constructor(private readonly now: () => Date) {}

  /** The browser's POST to a presigned form: the bytes land under the form's key. */
  receive(upload: Pick<PresignedUpload, 'key'>, bytes: Buffer, contentType?: string): void {
    checkKey(upload.key);
    this.#objects.set(upload.key, { bytes: Buffer.from(bytes), ...(contentType ? { contentType } : {}) });
  }

  keys(): string[] {
    return [...this.#objects.keys()].sort();
  }

  async presignUpload(input: {
    key: string;
    contentType: string;
    maxBytes: number;
    sha256Base64: string;
    expiresInSeconds: number;
  }): Promise<PresignedUpload> {
    checkKey(input.key);
    const expiresAt = new Date(this.now().getTime() + input.expiresInSeconds * 1000).toISOString();
    const fields = { key: input.key, 'Content-Type': input.contentType, 'x-amz-checksum-sha256': input.sha256Base64 };
    return { url: 'memory://attachments', fields, expiresAt, key: input.key };
  }

  async inspect(key: string): Promise<StoredObject | undefined> {
    checkKey(key);
    const found = this.#objects.get(key);
    if (!found) return undefined;
    return {
      size: found.bytes.length,
      ...(found.contentType ? { contentType: found.contentType } : {}),
      sha256Base64: createHash('sha256').update(found.bytes).digest('base64'),
      head: new Uint8Array(found.bytes.subarray(0, HEAD_BYTES)),
    };
  }

  async move(fromKey: string, toKey: string, options?: { keepSource?: boolean }): Promise<void> {
    checkKey(fromKey);
    checkKey(toKey);
    if (fromKey === toKey) return;
    const source = this.#objects.get(fromKey);
    if (!source) {
      // A repeated move whose first attempt got through: done.
      if (this.#objects.has(toKey)) return;
      throw new NotFoundError(`No object ${fromKey} to move`);
    }
    this.#objects.set(toKey, source);
    if (!options?.keepSource) this.#objects.delete(fromKey);
  }

  async remove(key: string): Promise<void> {
    checkKey(key);
    this.#objects.delete(key);
  }

  async presignDownload(input: {
    key: string;
    fileName: string;
    expiresInSeconds: number;
  }): Promise<{ url: string; expiresAt: string }> {
    checkKey(input.key);
    const expiresAt = new Date(this.now().getTime() + input.expiresInSeconds * 1000).toISOString();
    return { url: `memory://attachments/${input.key}?filename=${encodeURIComponent(input.fileName)}`, expiresAt };
  }
}
