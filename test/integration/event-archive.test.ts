import { gunzipSync } from 'node:zlib';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { LocalCloud } from '../../infra/local/cloud';
import { localBucketName } from '../../infra/local/names';
import { topology as platform } from '../../infra/topology';
import type { Topology } from '../../infra/topology-model';
import { eventBridgeClient, s3Client } from '../../shared/adapters/aws-clients';
import { archiveLine } from '../../shared/adapters/s3-event-archive';
import { ALL_EVENT_CONTRACTS } from '../../shared/contracts/all-events';

/**
 * The event archive on the local cloud: the platform's `archive-events` rule hands each event to the local Firehose
 * stream, which writes gzipped JSON Lines objects to the analytics bucket under the Shanghai date of the oldest
 * line's arrival, named as Firehose names them, when its buffer's time or size is reached. No function runs for it
 * and one PUT carries many events. (Stopping flushes the buffer: test/unit/local-firehose.test.ts.)
 */
const archive = platform.deliveryStreams.eventArchive;
// The platform's stream, with the smallest buffer Firehose allows so that the size trigger is reached quickly.
const topology: Topology = {
  tables: {},
  buckets: { analytics: platform.buckets.analytics },
  functions: {},
  routes: [],
  stateMachines: {},
  rules: [],
  schedules: [],
  streams: [],
  deliveryStreams: { eventArchive: { ...archive, bufferMiB: 1 } },
};
const STREAM = 'one-stop-local-eventArchive';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await LocalCloud.start({
    topology,
    clock: 'manual',
    // 23:59 on 2 March in Shanghai: the buffer's time runs out on 3 March.
    startTime: new Date('2026-03-02T15:59:00Z'),
  });
}, 60_000);
afterAll(() => cloud?.stop());

const contracts = ALL_EVENT_CONTRACTS.slice(0, 7);
let serial = 0;
function platformEvent(padding = 0) {
  const contract = contracts[serial % contracts.length]!;
  serial += 1;
  const detail = {
    eventId: `evt-${serial}`,
    occurredAt: '2026-03-02T23:58:00+08:00',
    caseId: `case-${serial}`,
    note: 'a line\nbreak and "quotes"',
    ...(padding ? { padding: 'x'.repeat(padding) } : {}),
  };
  return { contract, detail };
}

async function put(events: ReturnType<typeof platformEvent>[]) {
  for (let i = 0; i < events.length; i += 10) {
    const out = await eventBridgeClient().send(
      new PutEventsCommand({
        Entries: events.slice(i, i + 10).map(({ contract, detail }) => ({
          Source: contract.source,
          DetailType: contract.detailType,
          Detail: JSON.stringify(detail),
        })),
      }),
    );
    expect(out.FailedEntryCount).toBe(0);
  }
  await cloud.idle();
}

async function objects(): Promise<{ key: string; body: Buffer }[]> {
  const bucket = localBucketName('analytics');
  const listed = await s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'events/' }));
  const found: { key: string; body: Buffer }[] = [];
  for (const { Key } of listed.Contents ?? []) {
    const object = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key }));
    found.push({ key: Key!, body: Buffer.from(await object.Body!.transformToByteArray()) });
  }
  return found;
}

const expectedLines = (events: ReturnType<typeof platformEvent>[]) =>
  events
    .map(({ contract, detail }) =>
      archiveLine({
        eventId: detail.eventId,
        source: contract.source,
        detailType: contract.detailType,
        occurredAt: detail.occurredAt,
        detail,
      }),
    )
    .join('');

describe('the event archive on the local cloud', () => {
  it('buffers events and writes one gzipped JSON Lines object when the buffer time is up, under the oldest arrival’s Shanghai date', async () => {
    const firehose = cloud.firehoses.eventArchive!;
    const events = Array.from({ length: 25 }, () => platformEvent());
    await put(events);
    expect(firehose.bufferedRecords).toBe(25);
    expect(await objects()).toEqual([]);

    cloud.clock.advance((archive.bufferSeconds - 1) * 1000);
    await cloud.idle();
    expect(await objects()).toEqual([]);

    // (The test's own listings count as tier-1 requests too: the meter is read around the flush alone.)
    const puts = cloud.meter.s3Tier1;
    cloud.clock.advance(1000);
    await cloud.idle();
    const flushPuts = cloud.meter.s3Tier1 - puts;
    const written = await objects();
    expect(written.map((o) => o.key)).toEqual([
      expect.stringMatching(
        new RegExp(`^events/dt=2026-03-02/${STREAM}-1-2026-03-02-23-59-00-[0-9a-f-]{36}\\.jsonl\\.gz$`),
      ),
    ]);
    const body = written[0]!.body;
    expect([...body.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    // Byte for byte the lines the rule's input transformer makes, each ended by the stream's delimiter.
    expect(gunzipSync(body).toString('utf8')).toBe(expectedLines(events));

    // No function ran for the 25 events, and one PUT carried them all.
    expect([...cloud.functions.invocations.values()].reduce((a, b) => a + b, 0)).toBe(0);
    expect(flushPuts).toBe(1);
    expect(firehose.metrics).toMatchObject({ records: 25, objects: 1, failedObjects: 0, bytesOut: body.length });
    expect(firehose.metrics.bytesIn).toBe(Buffer.byteLength(expectedLines(events)));
    // Ingestion is billed per record rounded up to 5 KiB.
    expect(firehose.metrics.billedBytesIn).toBe(25 * 5 * 1024);
  });

  it('writes as soon as the buffer size is reached, without waiting for the clock', async () => {
    const before = new Set((await objects()).map((o) => o.key));
    // About 230 KB a line: the fifth passes 1 MiB.
    const events = Array.from({ length: 5 }, () => platformEvent(230_000));
    // One a request: PutEvents takes 256 KB a request.
    for (const event of events.slice(0, 4)) await put([event]);
    expect((await objects()).length).toBe(before.size);
    await put(events.slice(4));
    const fresh = (await objects()).filter((o) => !before.has(o.key));
    expect(fresh.map((o) => o.key)).toEqual([expect.stringMatching(/^events\/dt=2026-03-03\/.*\.jsonl\.gz$/)]);
    expect(gunzipSync(fresh[0]!.body).toString('utf8')).toBe(expectedLines(events));
    expect(cloud.firehoses.eventArchive!.bufferedRecords).toBe(0);
    expect([...cloud.functions.invocations.values()].reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('is fed by the platform rule the stacks declare, for every contract', () => {
    expect(cloud.bus.ruleNames()).toEqual(['archive-events']);
    expect(archive.rule.pattern).toEqual({
      source: [...new Set(ALL_EVENT_CONTRACTS.map((c) => c.source))].sort(),
      'detail-type': [...new Set(ALL_EVENT_CONTRACTS.map((c) => c.detailType))].sort(),
    });
  });
});
