import { createHash } from 'node:crypto';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AttachmentStore, PresignedUpload, StoredObject } from '../domain/applications/attachment-port';
import { SHA256_BASE64 } from '../domain/applications/attachment-port';
import { HEAD_BYTES } from '../domain/applications/file-types';
import { NotFoundError } from '../domain/errors';

/** Bodies up to this size are read to their end by inspect(), so their connection is kept (see inspectObject). */
const SMALL_BODY_BYTES = 256 * 1024;

/** S3's limit for presigned requests (SigV4): seven days. */
const MAX_EXPIRY_SECONDS = 7 * 24 * 3600;

/**
 * The attachments bucket on S3. Server-side encryption is the bucket's default (KMS, set by the stateful stack), so
 * nothing here asks for it: a form field naming it would only widen the policy.
 *
 * Against the local cloud the client must use path-style addressing (s3Client() does when AWS_ENDPOINT_URL_S3 is
 * set), and AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED keeps the SDK from sending aws-chunked bodies that
 * s3rver would store with their framing.
 */
export function s3AttachmentStore(client: S3Client, bucket: string, now: () => Date): AttachmentStore {
  const expiry = (seconds: number) => {
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRY_SECONDS) {
      throw new RangeError(`expiresInSeconds must be an integer from 1 to ${MAX_EXPIRY_SECONDS}, not ${seconds}`);
    }
    return new Date(now().getTime() + seconds * 1000).toISOString();
  };

  return {
    async presignUpload({ key, contentType, maxBytes, sha256Base64, expiresInSeconds }): Promise<PresignedUpload> {
      checkKey(key);
      if (key.includes('${filename}'))
        throw new RangeError('the key must be exact; ${filename} would let the browser choose it');
      if (!Number.isSafeInteger(maxBytes) || maxBytes < 1)
        throw new RangeError(`maxBytes must be a positive integer, not ${maxBytes}`);
      if (!SHA256_BASE64.test(sha256Base64))
        throw new RangeError('sha256Base64 must be a base64 SHA-256 digest (44 characters)');
      if (!contentType || /[\r\n]/.test(contentType))
        throw new RangeError('contentType must be a single-line media type');
      const expiresAt = expiry(expiresInSeconds);
      // Every field is also an exact-match condition of the policy (createPresignedPost adds {field: value} for each
      // and {key} for the key); the explicit conditions below say the same for readers of the policy. With the
      // checksum fields S3 computes SHA-256 over the received file and refuses the upload when it differs, so only
      // the bytes the applicant announced can land under this key.
      const fields = {
        'Content-Type': contentType,
        'x-amz-checksum-algorithm': 'SHA256',
        'x-amz-checksum-sha256': sha256Base64,
      };
      // The policy's expiration comes from the SDK's clock (wall clock plus the client's skew correction), which S3
      // judges it by and which is `now` in AWS; expiresAt is reported on the platform clock so that it agrees with
      // the rest of the case (in a local cloud with a moved clock the two differ by the move).
      const post = await createPresignedPost(client, {
        Bucket: bucket,
        Key: key,
        Expires: expiresInSeconds,
        Fields: fields,
        Conditions: [
          ['content-length-range', 1, maxBytes],
          ['eq', '$Content-Type', contentType],
          ['eq', '$x-amz-checksum-algorithm', 'SHA256'],
          ['eq', '$x-amz-checksum-sha256', sha256Base64],
        ],
      });
      return { url: post.url, fields: post.fields, expiresAt, key };
    },

    async inspect(key) {
      checkKey(key);
      return inspectObject(client, bucket, key);
    },

    async move(fromKey, toKey, options) {
      checkKey(fromKey);
      checkKey(toKey);
      // Copying an object onto itself would be refused by S3, and the delete that follows would lose it.
      if (fromKey === toKey) return;
      try {
        await client.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: toKey,
            CopySource: `${bucket}/${encodeKey(fromKey)}`,
            MetadataDirective: 'COPY',
            // S3 computes a fresh checksum for a copy; asking for SHA-256 keeps inspect() cheap after the move.
            ChecksumAlgorithm: 'SHA256',
          }),
        );
      } catch (error) {
        if (!isMissing(error)) throw error;
        // A retried move whose first attempt got as far as the delete: the object is already where it belongs.
        if (await exists(client, bucket, toKey)) return;
        throw new NotFoundError(`no attachment at ${fromKey} to move`);
      }
      if (!options?.keepSource) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: fromKey }));
    },

    async remove(key) {
      checkKey(key);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    async presignDownload({ key, fileName, expiresInSeconds }) {
      checkKey(key);
      const expiresAt = expiry(expiresInSeconds);
      // Signed on the SDK's clock like the POST policy: S3 (and s3rver) judge expiry on their own wall clock, so a
      // signing date from a moved test clock would make the link expired or not yet valid.
      const url = await getSignedUrl(
        client,
        new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: contentDisposition(fileName) }),
        { expiresIn: expiresInSeconds },
      );
      return { url, expiresAt };
    },
  };
}

/**
 * One GET answers it all: the size, the type and a recorded checksum come with the bytes of the same object, so
 * nothing can replace it between a HEAD and a read (one round trip, where a HEAD and a GET took two). With a
 * full-object SHA-256 recorded (S3 after a POST with x-amz-checksum-sha256) it is trusted and a large body is read
 * no further than its head; without one the bytes are hashed as they arrive.
 */
async function inspectObject(client: S3Client, bucket: string, key: string): Promise<StoredObject | undefined> {
  let object: GetObjectCommandOutput;
  try {
    object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }));
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  const contentType = object.ContentType;
  // A full-object SHA-256 is what the upload policy pinned. A composite one (multipart, "digest-N") is a checksum of
  // part checksums and cannot be compared with the applicant's digest, so it counts as none. s3rver (the local
  // cloud) records none, and in AWS an object written without one carries only S3's default CRC: then the case
  // domain must still compare the bytes with the digest the applicant announced (materials are at most 50 MB).
  const recorded =
    object.ChecksumSHA256 && object.ChecksumType !== 'COMPOSITE' && !object.ChecksumSHA256.includes('-')
      ? object.ChecksumSHA256
      : undefined;
  // Trusted only with the object's length stated beside it (S3 always sends it).
  const trusted = recorded !== undefined && object.ContentLength !== undefined;
  // A small body is read to its end even when trusted, so its connection goes back to the pool for the copy that
  // follows; a larger one is closed after its head, and what is not yet in flight is never sent.
  const stopAfterHead = trusted && object.ContentLength! > SMALL_BODY_BYTES;
  const body = (object.Body ?? []) as AsyncIterable<Uint8Array>;
  const hash = trusted ? undefined : createHash('sha256');
  const head = new Uint8Array(HEAD_BYTES);
  let read = 0;
  for await (const chunk of body) {
    if (read < HEAD_BYTES) head.set(chunk.subarray(0, HEAD_BYTES - read), read);
    hash?.update(chunk);
    read += chunk.length;
    if (stopAfterHead && read >= HEAD_BYTES) break;
  }
  if (stopAfterHead) (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
  return {
    // Hashed: the bytes actually read. Trusted: the object's length as S3 states it.
    size: trusted ? object.ContentLength! : read,
    contentType,
    sha256Base64: trusted ? recorded! : hash!.digest('base64'),
    head: head.slice(0, Math.min(read, HEAD_BYTES)),
  };
}

async function exists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/**
 * Content-Disposition for a download under the applicant's file name (RFC 6266): an ASCII `filename` for old
 * clients and `filename*` (RFC 8187, UTF-8, percent-encoded) that every current browser prefers, so 营业执照.pdf
 * keeps its name. Path parts and control characters (header injection) are dropped.
 */
export function contentDisposition(fileName: string): string {
  // Control characters would break the Content-Disposition header: they are what this removes.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  const name = (fileName.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'download';
  const fallback = name.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** CopySource is bucket/key with the key URL-encoded segment by segment. */
function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/**
 * Keys are the platform's own (pending/<case>/<material>/<id>), never a file name, and are kept to S3's "safe
 * characters" (letters, digits, / ! - _ . * ' ( )) in non-empty segments. Beyond safety, this keeps CopySource
 * portable: S3 wants '+' and the other reserved characters percent-encoded there, while s3rver decodes it with
 * decodeURI, which leaves %2B, %3A, %40 … encoded, so such a key could be moved in AWS but not in the local cloud.
 */
function checkKey(key: string): void {
  const segments = key.split('/');
  if (
    key.length > 1024 ||
    !/^[A-Za-z0-9!_.*'()/-]+$/.test(key) ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new RangeError(`not a usable object key (S3 safe characters in non-empty segments): ${JSON.stringify(key)}`);
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'NotFound' || name === 'NoSuchKey' || statusOf(error) === 404;
}
