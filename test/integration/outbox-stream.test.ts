import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { LocalCloud } from '../../infra/local/cloud';
import { LocalStreamPoller } from '../../infra/local/streams';
import { OUTBOX_STREAM_FILTER, type OutboxEvent, outboxPut } from '../../shared/adapters/outbox';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';

/**
 * The transactional outbox end to end on the local cloud: a command's transaction writes an outbox item, the table's
 * stream carries it to the outbox relay (through the same filter and batch size as the AWS event source mapping), and
 * the relay puts it on the bus, at least once, also when PutEvents fails for a while.
 */
const now = new Date('2026-03-02T01:00:00.000Z');

function outboxEvent(detail: Record<string, unknown> = {}): OutboxEvent {
  return {
    eventId: randomUUID(),
    source: 'gov.one-stop.applications',
    detailType: 'Application.Submitted.v1',
    detail: { caseId: `C-2026-${Math.floor(Math.random() * 1e6)}`, ...detail },
    occurredAt: now.toISOString(),
  };
}

/** A client for this cloud (the platform's clients are per process, and one test here starts three clouds). */
const clients = new WeakMap<LocalCloud, DynamoDBDocumentClient>();
function documentClient(cloud: LocalCloud): DynamoDBDocumentClient {
  if (!clients.has(cloud))
    clients.set(
      cloud,
      DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: cloud.env.AWS_ENDPOINT_URL_DYNAMODB })),
    );
  return clients.get(cloud)!;
}

/** What a command does: its state change and the outbox item, in one transaction. */
async function commit(cloud: LocalCloud, event: OutboxEvent): Promise<void> {
  const table = cloud.env.MAIN_TABLE_NAME!;
  await documentClient(cloud).send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: { pk: `CASE#${event.detail.caseId}`, sk: 'CASE', type: 'Case', status: 'SUBMITTED' },
          },
        },
        outboxPut(table, event, now),
      ],
    }),
  );
}

async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the outbox on the local cloud', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await LocalCloud.start({ clock: 'manual', startTime: now });
  });
  afterAll(() => cloud?.stop());

  const onBus = (eventId: string) => cloud.bus.archive.filter((e) => e.detail.eventId === eventId);
  const relay = () => cloud.streams.find((s) => s.consumer.function === 'outboxRelay')!;

  it('puts a committed outbox item on the bus once, with its event id and time', async () => {
    const event = outboxEvent();
    await commit(cloud, event);
    await cloud.idle();

    expect(onBus(event.eventId)).toEqual([
      expect.objectContaining({
        source: 'gov.one-stop.applications',
        'detail-type': 'Application.Submitted.v1',
        time: '2026-03-02T01:00:00Z',
        detail: { ...event.detail, eventId: event.eventId, occurredAt: event.occurredAt },
      }),
    ]);
    expect(relay().failures).toBe(0);
  });

  it('keeps the order of events committed one after another', async () => {
    const events = Array.from({ length: 15 }, (_, i) => outboxEvent({ seq: i }));
    for (const event of events) await commit(cloud, event);
    await cloud.idle();

    const ids = new Set(events.map((e) => e.eventId));
    expect(cloud.bus.archive.filter((e) => ids.has(e.detail.eventId as string)).map((e) => e.detail.seq)).toEqual(
      events.map((_, i) => i),
    );
  });

  it('is woken by the platform’s own writes, so a quiet poller does not wait out its back-off', async () => {
    const woken = jest.spyOn(relay(), 'written');
    try {
      // The handlers' client (one per process): the cloud watches its writes, not its reads.
      await dynamoDocumentClient().send(
        new GetCommand({ TableName: cloud.env.MAIN_TABLE_NAME!, Key: { pk: 'CASE#none', sk: 'CASE' } }),
      );
      expect(woken).not.toHaveBeenCalled();
      const event = outboxEvent();
      await dynamoDocumentClient().send(
        new TransactWriteCommand({ TransactItems: [outboxPut(cloud.env.MAIN_TABLE_NAME!, event, now)] }),
      );
      expect(woken).toHaveBeenCalledTimes(1);
      await cloud.idle();
      expect(onBus(event.eventId)).toHaveLength(1);
    } finally {
      woken.mockRestore();
    }
  });

  it('retries until the bus takes the event when PutEvents fails for longer than the SDK retries', async () => {
    const failuresBefore = relay().failures;
    cloud.bus.failNextPutEvents(6); // two invocations' worth: the SDK makes 3 attempts per call
    const event = outboxEvent();
    await commit(cloud, event);

    await eventually(() => relay().failures > failuresBefore);
    expect(onBus(event.eventId)).toHaveLength(0);

    await eventually(() => onBus(event.eventId).length > 0);
    await cloud.idle();
    // At least once: a redelivery could repeat it; here the failed calls put nothing, so it is there once.
    expect(onBus(event.eventId).length).toBeGreaterThanOrEqual(1);
    expect(relay().failures - failuresBefore).toBeGreaterThanOrEqual(2);
  });

  it('never puts an item that is not an outbox item on the bus, nor one that is only updated', async () => {
    const invocations = cloud.functions.invocations.get('outboxRelay') ?? 0;
    const table = cloud.env.MAIN_TABLE_NAME!;
    const lookalike = randomUUID();
    await documentClient(cloud).send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: `NOTE#${lookalike}`,
          sk: 'NOTE',
          type: 'Note',
          eventId: lookalike,
          source: 'x',
          detailType: 'y',
          detail: {},
        },
      }),
    );
    // An outbox item rewritten (MODIFY) is not a new event: the filter only passes INSERTs.
    const event = outboxEvent();
    await commit(cloud, event);
    await cloud.idle();
    const { Put } = outboxPut(table, event, now);
    await documentClient(cloud).send(
      new PutCommand({ TableName: table, Item: { ...Put.Item, detail: { changed: true } } }),
    );
    await cloud.idle();

    expect(onBus(lookalike)).toHaveLength(0);
    expect(onBus(event.eventId)).toHaveLength(1);
    expect(cloud.functions.invocations.get('outboxRelay')).toBe(invocations + 1);
  });
});

describe('the outbox across a restart of the local cloud', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'one-stop-outbox-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const archived = () =>
    readFileSync(join(dataDir, 'events', 'archive.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { detail: { eventId?: string } }).detail.eventId);

  it('resumes after the last record it handled: nothing lost, nothing repeated', async () => {
    const [first, second, third] = [outboxEvent(), outboxEvent(), outboxEvent()];
    // The outbox relay asks for its SDK clients on every batch, and they follow the running cloud's endpoints
    // (shared/adapters/aws-clients.ts), so the same relay module serves the second cloud too.
    let cloud = await LocalCloud.start({ dataDir, clock: 'manual', startTime: now });
    try {
      await commit(cloud, first);
      await cloud.idle();
      await commit(cloud, second); // stopped before or after the relay ran: either way it is checkpointed right
    } finally {
      await cloud.stop();
    }
    expect(JSON.parse(readFileSync(join(dataDir, 'streams', 'outbox.json'), 'utf8'))).toMatchObject({
      shards: expect.any(Object),
    });

    cloud = await LocalCloud.start({ dataDir, clock: 'manual', startTime: now });
    try {
      await commit(cloud, third);
      await cloud.idle();
    } finally {
      await cloud.stop();
    }
    expect(archived()).toEqual([first!.eventId, second!.eventId, third!.eventId]);
  });
});

/**
 * The poller on a stream whose shards close and get children, as DynamoDB (and DynamoDB Local) does: a fake streams
 * API, because DynamoDB Local will not split a shard on demand.
 */
describe('the local stream poller on shards that close and split', () => {
  const streamArn = 'arn:aws:dynamodb:ddblocal:000000000000:table/one-stop-local-main/stream/2026-03-02T01:00:00.000';
  type FakeShard = { id: string; parent?: string; records: _Record[]; closed: boolean };
  const shards: FakeShard[] = [];
  let sequence = 0;
  // Created in beforeAll: mocking a client class affects every instance, the clouds' above included.
  let dynamo: AwsClientStub<DynamoDBClient>;
  let streams: AwsClientStub<DynamoDBStreamsClient>;
  const checkpointDir = mkdtempSync(join(tmpdir(), 'one-stop-streams-'));

  const shard = (id: string, parent?: string) => shards.push({ id, parent, records: [], closed: false });
  const shardOf = (id: string) => shards.find((s) => s.id === id)!;
  const write = (shardId: string, eventId: string, type = 'OutboxEvent') =>
    shardOf(shardId).records.push({
      eventID: `e-${eventId}`,
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: {
        ApproximateCreationDateTime: now,
        Keys: marshall({ pk: `OUTBOX#${eventId}`, sk: 'EVENT' }) as never,
        NewImage: marshall({
          pk: `OUTBOX#${eventId}`,
          sk: 'EVENT',
          type,
          eventId,
          blob: new Uint8Array([1, 2, 3]),
        }) as never,
        SequenceNumber: String(++sequence).padStart(21, '0'),
        SizeBytes: 100,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });

  // What the function saw, and how it behaves next.
  const handled: string[] = [];
  const calls: string[][] = [];
  const logged: string[] = [];
  let throwNext = 0;
  let failAfterFirstNext = 0;
  let lastEvent: DynamoDBStreamEvent | undefined;
  const invoke = async (_fn: string, event: DynamoDBStreamEvent) => {
    lastEvent = event;
    const ids = event.Records.map((r) => r.dynamodb!.NewImage!.eventId!.S!);
    calls.push(ids);
    if (throwNext > 0) {
      throwNext -= 1;
      throw new Error('the function is down');
    }
    if (failAfterFirstNext > 0 && ids.length > 1) {
      failAfterFirstNext -= 1;
      handled.push(ids[0]!);
      return {
        batchItemFailures: event.Records.slice(1).map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber! })),
      };
    }
    handled.push(...ids);
    return { batchItemFailures: [] };
  };
  const consumer = {
    name: 'outbox',
    description: 'test',
    table: 'main',
    function: 'outboxRelay',
    filter: OUTBOX_STREAM_FILTER,
    batchSize: 2,
  };
  const poller = (pollIntervalMs = 5) =>
    new LocalStreamPoller(consumer, {
      endpoint: 'http://127.0.0.1:9',
      tableName: 'one-stop-local-main',
      invoke,
      checkpointDir,
      pollIntervalMs,
      retryDelaysMs: [5, 20],
      log: (line) => logged.push(line),
    });

  beforeAll(() => {
    dynamo = mockClient(DynamoDBClient);
    streams = mockClient(DynamoDBStreamsClient);
    dynamo.on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: streamArn } });
    // Two shards a page, so the poller must follow LastEvaluatedShardId.
    streams.on(DescribeStreamCommand).callsFake(async (input: { ExclusiveStartShardId?: string }) => {
      const from = input.ExclusiveStartShardId ? shards.findIndex((s) => s.id === input.ExclusiveStartShardId) + 1 : 0;
      const page = shards.slice(from, from + 2);
      return {
        StreamDescription: {
          StreamArn: streamArn,
          Shards: page.map((s) => ({
            ShardId: s.id,
            ParentShardId: s.parent,
            SequenceNumberRange: { StartingSequenceNumber: s.records[0]?.dynamodb?.SequenceNumber },
          })),
          LastEvaluatedShardId: from + 2 < shards.length ? page.at(-1)!.id : undefined,
        },
      };
    });
    streams
      .on(GetShardIteratorCommand)
      .callsFake(async (input: { ShardId: string; ShardIteratorType: string; SequenceNumber?: string }) => {
        const records = shardOf(input.ShardId).records;
        const position =
          input.ShardIteratorType === 'TRIM_HORIZON'
            ? 0
            : records.findIndex((r) => r.dynamodb!.SequenceNumber === input.SequenceNumber) + 1;
        return { ShardIterator: `${input.ShardId}|${position}` };
      });
    streams.on(GetRecordsCommand).callsFake(async (input: { ShardIterator: string }) => {
      const [id, at] = input.ShardIterator.split('|') as [string, string];
      const s = shardOf(id);
      const records = s.records.slice(Number(at), Number(at) + 3); // small pages
      const next = Number(at) + records.length;
      // A closed shard read to its end has no next iterator, possibly in the same answer as its last records.
      return {
        Records: records,
        NextShardIterator: s.closed && next >= s.records.length ? undefined : `${id}|${next}`,
      };
    });
  });
  afterAll(() => {
    dynamo.restore();
    streams.restore();
    rmSync(checkpointDir, { recursive: true, force: true });
  });

  it('reads a parent shard to its end before its child, filtering and batching like the event source mapping', async () => {
    shard('shard-a');
    write('shard-a', 'o1');
    write('shard-a', 'n1', 'Case');
    write('shard-a', 'o2');
    write('shard-a', 'o3');
    shardOf('shard-a').closed = true;
    shard('shard-b', 'shard-a');
    write('shard-b', 'o4');
    const p = poller();
    await p.start();
    try {
      await p.idle();
      expect(handled).toEqual(['o1', 'o2', 'o3', 'o4']);
      expect(calls).toEqual([['o1', 'o2'], ['o3'], ['o4']]);
      expect(lastEvent!.Records[0]).toMatchObject({
        eventSource: 'aws:dynamodb',
        eventSourceARN: streamArn,
        awsRegion: 'cn-north-1',
        eventName: 'INSERT',
        dynamodb: {
          ApproximateCreationDateTime: now.getTime() / 1000,
          NewImage: { type: { S: 'OutboxEvent' }, blob: { B: 'AQID' } },
        },
      });

      // The list grows: b closes with one more record, c and d follow it; d is a second child page away.
      write('shard-b', 'o5');
      shardOf('shard-b').closed = true;
      shard('shard-c', 'shard-b');
      write('shard-c', 'o6');
      shardOf('shard-c').closed = true;
      shard('shard-d', 'shard-c');
      write('shard-d', 'o7');
      await p.idle();
      expect(handled).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7']);
    } finally {
      await p.stop();
    }
  });

  it('retries a thrown batch and restarts a partly failed one from its first failure, never dropping a record', async () => {
    const seen = calls.length;
    const p = poller(); // a new poller on the same checkpoints, as after a restart
    await p.start();
    try {
      await p.idle();
      expect(calls).toHaveLength(seen); // nothing repeated

      throwNext = 2;
      write('shard-d', 'o8');
      write('shard-d', 'o9');
      await p.idle();
      // Thrown twice: the batch is halved (bisect), then o8 and o9 go through in order.
      expect(calls.slice(seen)).toEqual([['o8', 'o9'], ['o8'], ['o8'], ['o9']]);
      expect(p.failures).toBe(2);

      failAfterFirstNext = 1;
      write('shard-d', 'o10');
      write('shard-d', 'o11');
      await p.idle();
      expect(calls.slice(seen + 4)).toEqual([['o10', 'o11'], ['o11']]);
      expect(handled).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 'o9', 'o10', 'o11']);
      expect(p.failures).toBe(3);
    } finally {
      await p.stop();
    }
    const saved = JSON.parse(readFileSync(join(checkpointDir, 'outbox.json'), 'utf8'));
    expect(saved).toEqual({
      streamArn,
      shards: {
        'shard-a': { done: true },
        'shard-b': { done: true },
        'shard-c': { done: true },
        'shard-d': { after: shardOf('shard-d').records.at(-1)!.dynamodb!.SequenceNumber },
      },
    });
  });
  it('polls at once when told of a write while it backs off, and keeps its interval while busy', async () => {
    // Ten seconds between polls: whatever arrives sooner was fetched because of written().
    shard('shard-w');
    const p = poller(10_000);
    await p.start();
    try {
      await p.idle(); // quiet: the next poll is ten seconds away
      write('shard-w', 'w1');
      p.written();
      await eventually(() => handled.includes('w1'), 5_000);

      // That poll read a record, so the poller is busy: a write now waits for its interval.
      write('shard-w', 'w2');
      p.written();
      await new Promise((r) => setTimeout(r, 300));
      expect(handled).not.toContain('w2');
      await p.idle();
      expect(handled.slice(-2)).toEqual(['w1', 'w2']);
    } finally {
      await p.stop();
    }
  });
});
