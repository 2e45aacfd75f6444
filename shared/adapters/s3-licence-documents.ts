import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { LicenceDocuments } from './dynamo-licence-store';

/** Licence documents (PDFs) in the licences bucket (versioned, KMS), handed out by five-minute links. */
export function s3LicenceDocuments(s3: S3Client, bucket: string): LicenceDocuments {
  return {
    async putDocument(key, pdf) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: pdf, ContentType: 'application/pdf' }));
    },
    async presignDocument(key, fileName, expiresInSeconds) {
      const url = await getSignedUrl(
        s3,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        }),
        { expiresIn: expiresInSeconds },
      );
      return { url, expiresAt: new Date(Date.now() + expiresInSeconds * 1000).toISOString() };
    },
  };
}
