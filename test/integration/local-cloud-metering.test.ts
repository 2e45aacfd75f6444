import { PutObjectCommand } from '@aws-sdk/client-s3';
import { LocalCloud } from '../../infra/local/cloud';
import { s3Client } from '../../shared/adapters/aws-clients';
import { call } from '../support/http';

/** The local cloud meters what handlers ask of DynamoDB and S3, as AWS bills it (the bench's cost figures read it). */
let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T09:00:00+08:00'), seed: true });
});
afterAll(() => cloud?.stop());

it('counts read units for a catalogue search, write units (transactions twice) for a new draft, and S3 requests by tier', async () => {
  // The seed's own events are still being consumed after start: measure from a quiet cloud.
  await cloud.idle();
  const before = { reads: cloud.meter.readRequestUnits, writes: cloud.meter.writeRequestUnits };
  expect((await call(cloud.baseUrl, 'GET', '/matters?q=%E9%A3%9F%E5%93%81')).status).toBe(200);
  expect(cloud.meter.readRequestUnits).toBeGreaterThan(before.reads);
  expect(cloud.meter.writeRequestUnits).toBe(before.writes);

  const token = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: '91350100M000100Y43' });
  const draft = await call(cloud.baseUrl, 'POST', '/applications', {
    token,
    body: { matterCode: 'SEAL-FILING', form: {} },
  });
  expect(draft.status).toBe(201);
  // A draft is one transaction of several items: at least two units each, doubled.
  expect(cloud.meter.writeRequestUnits - before.writes).toBeGreaterThanOrEqual(4);

  const tier1 = cloud.meter.s3Tier1;
  await s3Client().send(
    new PutObjectCommand({ Bucket: cloud.env.ATTACHMENTS_BUCKET_NAME, Key: 'metering-probe', Body: 'x' }),
  );
  expect(cloud.meter.s3Tier1).toBe(tier1 + 1);
  cloud.meter.countS3('GetObject');
  expect(cloud.meter.s3Tier2).toBeGreaterThanOrEqual(1);
  expect(cloud.functions.durationsMs.get('catalogue')).toBeGreaterThan(0);
  expect(cloud.handlerMsByRoute.get('POST /applications')).toHaveLength(1);
  expect(cloud.handlerMsByRoute.get('GET /matters')![0]).toBeGreaterThan(0);
});
