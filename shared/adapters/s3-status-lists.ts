import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod/mini';
import type { PublishedStatusList, StatusListPublications } from '../domain/licences/ports';
import { STATUS_LIST_PREFIX } from '../domain/licences/status-list-publication';

const stored = z.object({
  jwt: z.string().check(z.minLength(1)),
  validUntil: z.string().check(z.minLength(1)),
  revision: z.int().check(z.nonnegative()),
  signedAt: z.string().check(z.minLength(1)),
});

/** Signed status lists as one small JSON object per list (`status-lists/<id>.json`) in the licences bucket. */
export function s3StatusListPublications(s3: S3Client, bucket: string): StatusListPublications {
  const key = (id: string) => `${STATUS_LIST_PREFIX}${id}.json`;
  return {
    async read(id): Promise<PublishedStatusList | undefined> {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key(id) }));
        return stored.parse(JSON.parse(await object.Body!.transformToString('utf-8')));
      } catch (error) {
        const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404) return undefined;
        throw error;
      }
    },
    async write(id, list) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key(id),
          Body: JSON.stringify(list),
          ContentType: 'application/json',
        }),
      );
    },
  };
}
