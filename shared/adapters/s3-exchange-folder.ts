import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ExchangeFolder } from '../domain/integration/ports';

const encodeKey = (key: string) => key.split('/').map(encodeURIComponent).join('/');

/** The exchange bucket; a move is a copy then a delete, so a crash in between leaves a copy, never a loss. */
export function s3ExchangeFolder(client: S3Client, bucket: string, attachmentsBucket?: string): ExchangeFolder {
  return {
    async list(prefix, limit) {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: limit }));
      return (page.Contents ?? []).filter((o) => o.Key).map((o) => ({ key: o.Key!, size: o.Size ?? 0 }));
    },
    async read(key) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return object.Body!.transformToString('utf8');
    },
    async readBytes(key, maxBytes) {
      // One byte more than allowed, never the whole object: a file replaced by a huge one since the listing is not
      // read into memory either.
      const object = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${maxBytes}` }),
      );
      const bytes = await object.Body!.transformToByteArray();
      return bytes.length > maxBytes ? 'too-large' : bytes;
    },
    async write(key, body) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: key.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
        }),
      );
    },
    async move(from, to) {
      await client.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: `${bucket}/${encodeKey(from)}` }));
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: from }));
    },
    async copyAttachment(attachmentKey, to) {
      if (!attachmentsBucket) throw new Error('This function is not bound to the attachments bucket');
      await client.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: to,
          CopySource: `${attachmentsBucket}/${encodeKey(attachmentKey)}`,
        }),
      );
    },
  };
}
