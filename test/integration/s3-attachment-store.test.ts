import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { LocalCloud } from '../../infra/local/cloud';
import { localBucketName } from '../../infra/local/names';
import { s3Client } from '../../shared/adapters/aws-clients';
import { contentDisposition, s3AttachmentStore } from '../../shared/adapters/s3-attachment-store';
import type { AttachmentStore, PresignedUpload } from '../../shared/domain/applications/attachment-port';
import { detectFileType, HEAD_BYTES } from '../../shared/domain/applications/file-types';
import { NotFoundError } from '../../shared/domain/errors';

/**
 * The attachment store against the local cloud's S3 (s3rver). Uploads go the way a browser sends them: fetch with a
 * FormData holding the presigned fields first and the file last.
 *
 * Measured: s3rver stores any multipart POST to a bucket without checking the POST policy at all (signature,
 * expiration, key, Content-Type, content-length-range, x-amz-checksum-sha256), and records no checksum. It does
 * not check SigV4 signatures either (only that the access key exists and a presigned URL has not expired). So in
 * the local cloud the platform's own comparison of inspect() with what it presigned is what refuses a bad upload;
 * the tests under "what s3rver does not enforce" pin both facts.
 */
let cloud: LocalCloud;
let store: AttachmentStore;
let bucket: string;

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('base64');
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual' });
  // No topology function binds the attachments bucket yet; fall back to its local name.
  bucket = process.env.ATTACHMENTS_BUCKET_NAME ?? localBucketName('attachments');
  store = s3AttachmentStore(s3Client(), bucket, () => new Date(cloud.clock.now()));
});
afterAll(() => cloud?.stop());

/** POSTs a file as a browser form does: every presigned field, then the file part named `file`, last. */
async function browserUpload(
  upload: PresignedUpload,
  file: Uint8Array,
  fileName: string,
  fileType: string,
  overrides: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...overrides })) form.append(name, value);
  form.append('file', new Blob([file], { type: fileType }), fileName);
  const response = await fetch(upload.url, { method: 'POST', body: form });
  return { status: response.status, body: await response.text() };
}

const presign = (key: string, file: Uint8Array, options: { contentType?: string; maxBytes?: number } = {}) =>
  store.presignUpload({
    key,
    contentType: options.contentType ?? 'application/pdf',
    maxBytes: options.maxBytes ?? 1024 * 1024,
    sha256Base64: sha256(file),
    expiresInSeconds: 900,
  });

const policyOf = (upload: PresignedUpload) =>
  JSON.parse(Buffer.from(upload.fields.Policy!, 'base64').toString('utf8')) as {
    expiration: string;
    conditions: unknown[];
  };

describe('presignUpload', () => {
  it('signs a POST policy that pins the key, content type, size range and SHA-256', async () => {
    const upload = await presign('pending/case-1/licence/a.pdf', pdf, { maxBytes: 5 * 1024 * 1024 });
    expect(upload.key).toBe('pending/case-1/licence/a.pdf');
    expect(upload.url).toBe(`${process.env.AWS_ENDPOINT_URL_S3}/${bucket}`);
    expect(upload.expiresAt).toBe(new Date(cloud.clock.now() + 900_000).toISOString());
    expect(upload.fields).toMatchObject({
      key: 'pending/case-1/licence/a.pdf',
      'Content-Type': 'application/pdf',
      'x-amz-checksum-algorithm': 'SHA256',
      'x-amz-checksum-sha256': sha256(pdf),
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    });
    expect(upload.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    const policy = policyOf(upload);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 5 * 1024 * 1024],
        ['eq', '$Content-Type', 'application/pdf'],
        ['eq', '$x-amz-checksum-algorithm', 'SHA256'],
        ['eq', '$x-amz-checksum-sha256', sha256(pdf)],
        { key: 'pending/case-1/licence/a.pdf' },
        { bucket },
      ]),
    );
    expect(policy.conditions.some((c) => Array.isArray(c) && c[0] === 'starts-with')).toBe(false);
  });

  it('refuses a key the browser could choose, a malformed digest, a bad size or expiry', async () => {
    const base = {
      key: 'pending/x',
      contentType: 'application/pdf',
      maxBytes: 10,
      sha256Base64: sha256(pdf),
      expiresInSeconds: 60,
    };
    await expect(store.presignUpload({ ...base, key: 'pending/${filename}' })).rejects.toThrow(RangeError);
    await expect(store.presignUpload({ ...base, key: '' })).rejects.toThrow(RangeError);
    await expect(store.presignUpload({ ...base, sha256Base64: 'abc' })).rejects.toThrow(RangeError);
    await expect(
      store.presignUpload({ ...base, sha256Base64: createHash('sha256').update(pdf).digest('hex') }),
    ).rejects.toThrow(RangeError);
    await expect(store.presignUpload({ ...base, maxBytes: 0 })).rejects.toThrow(RangeError);
    await expect(store.presignUpload({ ...base, expiresInSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(store.presignUpload({ ...base, expiresInSeconds: 8 * 24 * 3600 })).rejects.toThrow(RangeError);
    await expect(store.presignUpload({ ...base, contentType: 'application/pdf\r\nx-evil: 1' })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('upload, inspect, move, remove, download', () => {
  it('stores a browser upload; inspect returns its size, content type, SHA-256 and head', async () => {
    const upload = await presign('pending/case-2/licence/1', pdf);
    const res = await browserUpload(upload, pdf, '营业执照.pdf', 'application/pdf');
    expect(res.status).toBe(204);
    const stored = await store.inspect('pending/case-2/licence/1');
    expect(stored).toEqual({
      size: pdf.length,
      contentType: 'application/pdf',
      sha256Base64: sha256(pdf),
      head: new Uint8Array(pdf),
    });
    expect(detectFileType(stored!.head)).toBe('pdf');
  });

  it('reads only HEAD_BYTES of head but hashes the whole of a larger file', async () => {
    const png = Buffer.alloc(3 * HEAD_BYTES + 123);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(png);
    for (let i = 16; i < png.length; i++) png[i] = (i * 31) & 0xff;
    const upload = await presign('pending/case-2/photo/1', png, { contentType: 'image/png' });
    expect((await browserUpload(upload, png, 'photo.png', 'image/png')).status).toBe(204);
    const stored = await store.inspect('pending/case-2/photo/1');
    expect(stored?.size).toBe(png.length);
    expect(stored?.sha256Base64).toBe(sha256(png));
    expect(stored?.head).toEqual(new Uint8Array(png.subarray(0, HEAD_BYTES)));
    expect(detectFileType(stored!.head)).toBe('png');
  });

  it('inspects an empty object and a missing key', async () => {
    await s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: 'pending/empty', Body: new Uint8Array(0) }));
    expect(await store.inspect('pending/empty')).toEqual({
      size: 0,
      contentType: expect.any(String),
      sha256Base64: sha256(new Uint8Array(0)),
      head: new Uint8Array(0),
    });
    expect(await store.inspect('pending/no-such-key')).toBeUndefined();
  });

  it('moves an object: the old key is gone, the new one has the same bytes and type; retries and self-moves are safe', async () => {
    const upload = await presign('pending/case-3/licence/1', pdf);
    expect((await browserUpload(upload, pdf, 'a.pdf', 'application/pdf')).status).toBe(204);
    await store.move('pending/case-3/licence/1', 'cases/case-3/licence/1');
    expect(await store.inspect('pending/case-3/licence/1')).toBeUndefined();
    expect(await store.inspect('cases/case-3/licence/1')).toEqual({
      size: pdf.length,
      contentType: 'application/pdf',
      sha256Base64: sha256(pdf),
      head: new Uint8Array(pdf),
    });

    await expect(store.move('pending/case-3/licence/1', 'cases/case-3/licence/1')).resolves.toBeUndefined(); // a retry
    await expect(store.move('pending/case-3/nothing', 'cases/case-3/nothing')).rejects.toThrow(NotFoundError);
    await store.move('cases/case-3/licence/1', 'cases/case-3/licence/1');
    expect((await store.inspect('cases/case-3/licence/1'))?.size).toBe(pdf.length);
  });

  it("moves keys made of all of S3's safe characters", async () => {
    const from = "pending/Case_4-a/mat.(1)/x!*'y";
    await s3Client().send(
      new PutObjectCommand({ Bucket: bucket, Key: from, Body: pdf, ContentType: 'application/pdf' }),
    );
    await store.move(from, "cases/Case_4-a/mat.(1)/x!*'y");
    expect(await store.inspect(from)).toBeUndefined();
    expect((await store.inspect("cases/Case_4-a/mat.(1)/x!*'y"))?.sha256Base64).toBe(sha256(pdf));
  });

  it('refuses keys outside the safe characters, which CopySource would encode differently in S3 and s3rver', async () => {
    for (const key of [
      'pending/案件/1',
      'pending/a+b',
      'pending/a b',
      'pending/a:b',
      'pending//a',
      '/pending/a',
      'pending/../a',
      'pending/a\nb',
    ]) {
      await expect(store.inspect(key)).rejects.toThrow(RangeError);
      await expect(store.move(key, 'cases/a')).rejects.toThrow(RangeError);
    }
  });

  it('removes an object, and removing it again is not an error', async () => {
    const upload = await presign('pending/case-5/licence/1', pdf);
    expect((await browserUpload(upload, pdf, 'a.pdf', 'application/pdf')).status).toBe(204);
    await store.remove('pending/case-5/licence/1');
    expect(await store.inspect('pending/case-5/licence/1')).toBeUndefined();
    await expect(store.remove('pending/case-5/licence/1')).resolves.toBeUndefined();
  });

  it('presigns a download that returns the bytes under the Chinese file name', async () => {
    const upload = await presign('cases/case-6/licence/1', pdf);
    expect((await browserUpload(upload, pdf, 'x.pdf', 'application/pdf')).status).toBe(204);
    const fileName = '营业执照（副本）2026.pdf';
    const { url, expiresAt } = await store.presignDownload({
      key: 'cases/case-6/licence/1',
      fileName,
      expiresInSeconds: 300,
    });
    expect(expiresAt).toBe(new Date(cloud.clock.now() + 300_000).toISOString());
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('300');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toBe(contentDisposition(fileName));
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    expect(decodeURIComponent(encoded!)).toBe(fileName);
  });

  it('hands out working links after the platform clock has moved on (signed on the SDK clock, as S3 judges)', async () => {
    cloud.clock.advance(3 * 24 * 3600_000);
    const { url, expiresAt } = await store.presignDownload({
      key: 'cases/case-6/licence/1',
      fileName: 'a.pdf',
      expiresInSeconds: 60,
    });
    expect(expiresAt).toBe(new Date(cloud.clock.now() + 60_000).toISOString());
    expect((await fetch(url)).status).toBe(200);
  });
});

describe('inspect when S3 has recorded a checksum (as AWS does for a POST with x-amz-checksum-sha256)', () => {
  /**
   * A client on the same emulator whose GetObject answers carry the given checksum fields, as S3's would; it notes
   * the commands sent and keeps each answer's body, to see how much of it was read.
   */
  function clientRecording(checksum: { ChecksumSHA256: string; ChecksumType?: 'FULL_OBJECT' | 'COMPOSITE' }) {
    const client = new S3Client({ forcePathStyle: true });
    const commands: string[] = [];
    const bodies: Readable[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(`${context.commandName}${(args.input as { Range?: string }).Range ? ' (range)' : ''}`);
        const result = await next(args);
        if (context.commandName === 'GetObjectCommand') {
          Object.assign(result.output as object, checksum);
          bodies.push((result.output as { Body: Readable }).Body);
        }
        return result;
      },
      { step: 'initialize', name: 'recordedChecksum' },
    );
    return { client, commands, bodies };
  }

  it('trusts the recorded full-object SHA-256 and reads only the head, in one GET', async () => {
    // Larger than a stream chunk (64 KiB), so that reading it all and reading its head differ.
    const big = Buffer.concat([pdf, Buffer.alloc(1024 * 1024, 0x20)]);
    await s3Client().send(
      new PutObjectCommand({ Bucket: bucket, Key: 'cases/r/1', Body: big, ContentType: 'application/pdf' }),
    );
    const { client, commands, bodies } = clientRecording({
      ChecksumSHA256: sha256(big),
      ChecksumType: 'FULL_OBJECT',
    });
    const stored = await s3AttachmentStore(client, bucket, () => new Date(cloud.clock.now())).inspect('cases/r/1');
    expect(stored).toEqual({
      size: big.length,
      contentType: 'application/pdf',
      sha256Base64: sha256(big),
      head: new Uint8Array(big.subarray(0, HEAD_BYTES)),
    });
    expect(commands).toEqual(['GetObjectCommand']);
    // The body was closed after its head, not read to its end.
    expect(bodies[0]!.destroyed).toBe(true);
    expect(bodies[0]!.readableEnded).toBe(false);
    client.destroy();
  });

  it('reads a small object to its end, keeping its connection, and still trusts the recorded SHA-256', async () => {
    await s3Client().send(
      new PutObjectCommand({ Bucket: bucket, Key: 'cases/r/3', Body: pdf, ContentType: 'application/pdf' }),
    );
    // Not the bytes' digest: what S3 recorded is what inspect answers, without hashing.
    const recorded = sha256(Buffer.from('what S3 recorded at the upload'));
    const { client, commands, bodies } = clientRecording({ ChecksumSHA256: recorded, ChecksumType: 'FULL_OBJECT' });
    const stored = await s3AttachmentStore(client, bucket, () => new Date(cloud.clock.now())).inspect('cases/r/3');
    expect(stored).toEqual({
      size: pdf.length,
      contentType: 'application/pdf',
      sha256Base64: recorded,
      head: new Uint8Array(pdf.subarray(0, HEAD_BYTES)),
    });
    expect(commands).toEqual(['GetObjectCommand']);
    expect(bodies[0]!.readableEnded).toBe(true);
    client.destroy();
  });

  it('hashes the object itself when the recorded checksum is composite (multipart)', async () => {
    await s3Client().send(
      new PutObjectCommand({ Bucket: bucket, Key: 'cases/r/2', Body: pdf, ContentType: 'application/pdf' }),
    );
    const { client, commands, bodies } = clientRecording({
      ChecksumSHA256: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=-2',
      ChecksumType: 'COMPOSITE',
    });
    const stored = await s3AttachmentStore(client, bucket, () => new Date(cloud.clock.now())).inspect('cases/r/2');
    expect(stored?.sha256Base64).toBe(sha256(pdf));
    expect(stored?.size).toBe(pdf.length);
    expect(commands).toEqual(['GetObjectCommand']);
    expect(bodies[0]!.readableEnded).toBe(true);
    client.destroy();
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and an RFC 8187 filename* for non-ASCII names', () => {
    expect(contentDisposition('营业执照.pdf')).toBe(
      `attachment; filename="_.pdf"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf`,
    );
    expect(contentDisposition('scan 1.pdf')).toBe(`attachment; filename="scan 1.pdf"; filename*=UTF-8''scan%201.pdf`);
  });

  it('escapes what would break the header or the parameter', () => {
    expect(contentDisposition(`a"b%d'(e)*.pdf`)).toBe(
      `attachment; filename="a_b_d'(e)*.pdf"; filename*=UTF-8''a%22b%25d%27%28e%29%2A.pdf`,
    );
    expect(contentDisposition('evil\r\nSet-Cookie: x=1.pdf')).not.toMatch(/[\r\n]/);
    expect(contentDisposition('C:\\Users\\me\\scan.pdf')).toBe(
      `attachment; filename="scan.pdf"; filename*=UTF-8''scan.pdf`,
    );
    expect(contentDisposition('')).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
  });
});

describe('what s3rver does not enforce (measured): inspect still tells the truth', () => {
  it('records no checksum: HeadObject has no ChecksumSHA256, so inspect hashes the bytes itself', async () => {
    const upload = await presign('pending/m/checksum-recorded', pdf);
    expect((await browserUpload(upload, pdf, 'a.pdf', 'application/pdf')).status).toBe(204);
    const head = await s3Client().send(
      new HeadObjectCommand({ Bucket: bucket, Key: 'pending/m/checksum-recorded', ChecksumMode: 'ENABLED' }),
    );
    expect(head.ChecksumSHA256).toBeUndefined();
    expect((await store.inspect('pending/m/checksum-recorded'))?.sha256Base64).toBe(sha256(pdf));
  });

  it('accepts bytes whose SHA-256 differs from the signed x-amz-checksum-sha256, which S3 refuses', async () => {
    const other = Buffer.from('%PDF-1.4\n% a different document\n%%EOF\n', 'latin1');
    const upload = await presign('pending/m/wrong-checksum', pdf);
    expect((await browserUpload(upload, other, 'a.pdf', 'application/pdf')).status).toBe(204);
    const stored = await store.inspect('pending/m/wrong-checksum');
    expect(stored?.sha256Base64).toBe(sha256(other));
    expect(stored?.sha256Base64).not.toBe(upload.fields['x-amz-checksum-sha256']);
  });

  it('accepts a file larger than content-length-range allows, which S3 refuses', async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(4096, 0x20)]);
    const upload = await store.presignUpload({
      key: 'pending/m/oversize',
      contentType: 'application/pdf',
      maxBytes: 1024,
      sha256Base64: sha256(big),
      expiresInSeconds: 900,
    });
    expect((await browserUpload(upload, big, 'a.pdf', 'application/pdf')).status).toBe(204);
    expect((await store.inspect('pending/m/oversize'))?.size).toBe(big.length);
  });

  it('accepts an empty file below the range minimum of 1 byte', async () => {
    const empty = new Uint8Array(0);
    const upload = await presign('pending/m/empty', empty);
    expect((await browserUpload(upload, empty, 'a.pdf', 'application/pdf')).status).toBe(204);
    expect(await store.inspect('pending/m/empty')).toMatchObject({ size: 0, head: new Uint8Array(0) });
  });

  it('accepts a Content-Type the policy does not allow, which S3 refuses', async () => {
    const upload = await presign('pending/m/wrong-type', pdf);
    expect((await browserUpload(upload, pdf, 'a.html', 'text/html', { 'Content-Type': 'text/html' })).status).toBe(204);
    expect((await store.inspect('pending/m/wrong-type'))?.contentType).toBe('text/html');
  });

  it('stores under whatever key the form names, even without the signed fields, which S3 refuses', async () => {
    const upload = await presign('pending/m/signed-key', pdf);
    expect((await browserUpload(upload, pdf, 'a.pdf', 'application/pdf', { key: 'pending/m/other-key' })).status).toBe(
      204,
    );
    expect(await store.inspect('pending/m/signed-key')).toBeUndefined();
    expect((await store.inspect('pending/m/other-key'))?.size).toBe(pdf.length);

    const bare = { ...upload, fields: { key: 'pending/m/unsigned' } };
    expect((await browserUpload(bare, pdf, 'a.pdf', 'application/pdf')).status).toBe(204);
    expect((await store.inspect('pending/m/unsigned'))?.size).toBe(pdf.length);
  });

  it('accepts a form whose policy expired long ago', async () => {
    const upload = await store.presignUpload({
      key: 'pending/m/expired',
      contentType: 'application/pdf',
      maxBytes: 1024,
      sha256Base64: sha256(pdf),
      expiresInSeconds: 1,
    });
    const expired = {
      ...upload,
      fields: {
        ...upload.fields,
        Policy: Buffer.from(JSON.stringify({ ...policyOf(upload), expiration: '2001-01-01T00:00:00Z' })).toString(
          'base64',
        ),
      },
    };
    expect((await browserUpload(expired, pdf, 'a.pdf', 'application/pdf')).status).toBe(204);
    expect((await store.inspect('pending/m/expired'))?.sha256Base64).toBe(sha256(pdf));
  });

  it('checks a presigned GET only for its expiry (on the wall clock) and access key, not its signature', async () => {
    await s3Client().send(
      new PutObjectCommand({ Bucket: bucket, Key: 'cases/m/download', Body: pdf, ContentType: 'application/pdf' }),
    );
    const command = new GetObjectCommand({ Bucket: bucket, Key: 'cases/m/download' });
    const expired = await getSignedUrl(s3Client(), command, {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 3600_000),
    });
    expect((await fetch(expired)).status).toBe(403);

    const { url } = await store.presignDownload({ key: 'cases/m/download', fileName: 'a.pdf', expiresInSeconds: 60 });
    const tampered = new URL(url);
    tampered.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    expect((await fetch(tampered)).status).toBe(200);
    tampered.searchParams.set(
      'X-Amz-Credential',
      tampered.searchParams.get('X-Amz-Credential')!.replace(/^[^/]+/, 'UNKNOWN'),
    );
    expect((await fetch(tampered)).status).toBe(403);
  });
});
