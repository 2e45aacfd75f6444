import { EventBridgeClient, PutEventsCommand, type PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { chunkByBytes, type OutboxEvent, outboxPut, PUT_EVENTS_MAX_BYTES } from '../../shared/adapters/outbox';

/**
 * The outbox relay against a mocked EventBridge client: PutEvents failures (partial and whole) are hard to produce
 * on a real bus, and they decide what the stream delivers again. The happy path on the local cloud is in
 * test/integration/outbox-stream.test.ts.
 */
type Handler = typeof import('../../functions/integration/outbox-relay').handler;
let handler: Handler;
const eventBridge = mockClient(EventBridgeClient);
const dynamo = mockClient(DynamoDBDocumentClient);
const occurredAt = '2026-03-02T01:00:00.000Z';

beforeAll(async () => {
  process.env.EVENT_BUS_NAME = 'one-stop-test-bus';
  process.env.MAIN_TABLE_NAME = 'one-stop-test-main';
  ({ handler } = await import('../../functions/integration/outbox-relay'));
});
beforeEach(() => {
  eventBridge.reset();
  dynamo.reset();
  dynamo.on(UpdateCommand).resolves({});
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map((_, i) => ({ EventId: `bus-${i}` })),
  }));
});

let sequence = 1000;
const outboxEvent = (n: number): OutboxEvent => ({
  eventId: `evt-${n}`,
  source: 'gov.one-stop.applications',
  detailType: 'Application.Submitted.v1',
  detail: { caseId: `C-2026-${n}`, applicant: { idNumber: '11010519491231002X' } },
  occurredAt,
});

function record(item: Record<string, unknown>, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'INSERT'): DynamoDBRecord {
  const image = marshall(item, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
  return {
    eventID: `e${sequence}`,
    eventName,
    eventSource: 'aws:dynamodb',
    awsRegion: 'cn-north-1',
    dynamodb: {
      SequenceNumber: String(sequence++),
      Keys: { pk: { S: String(item.pk) }, sk: { S: String(item.sk) } },
      NewImage: eventName === 'REMOVE' ? undefined : image,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}
const outboxRecord = (n: number) => record(outboxPut('main', outboxEvent(n), new Date(occurredAt)).Put.Item);
const caseRecord = (n: number) => record({ pk: `CASE#C-2026-${n}`, sk: 'CASE', type: 'Case', status: 'SUBMITTED' });
const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
const sequences = (records: DynamoDBRecord[]) => records.map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber! }));
const putCalls = () => eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries ?? []);

describe('the outbox relay', () => {
  it('puts each outbox item on the bus with its event id and time in the detail', async () => {
    await expect(handler(streamEvent(outboxRecord(1), outboxRecord(2)))).resolves.toEqual({ batchItemFailures: [] });

    expect(putCalls()).toEqual([
      [1, 2].map(() => ({
        EventBusName: 'one-stop-test-bus',
        Source: 'gov.one-stop.applications',
        DetailType: 'Application.Submitted.v1',
        Detail: expect.any(String),
        Time: new Date(occurredAt),
      })),
    ]);
    expect(putCalls()[0]!.map((e) => JSON.parse(e.Detail!))).toEqual(
      [1, 2].map((n) => ({ ...outboxEvent(n).detail, eventId: `evt-${n}`, occurredAt })),
    );
  });

  it('ignores records that are not new outbox items', async () => {
    const removed = record({ pk: 'OUTBOX#evt-9', sk: 'EVENT' }, 'REMOVE');
    const modified = record(outboxPut('main', outboxEvent(8), new Date(occurredAt)).Put.Item, 'MODIFY');
    await expect(handler(streamEvent(caseRecord(1), removed, modified))).resolves.toEqual({ batchItemFailures: [] });
    expect(putCalls()).toEqual([]);

    await handler(streamEvent(caseRecord(2), outboxRecord(3), caseRecord(4)));
    expect(
      putCalls()
        .flat()
        .map((e) => JSON.parse(e.Detail!).eventId),
    ).toEqual(['evt-3']);
  });

  it('reports the first entry PutEvents refused and every record after it', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [
        { EventId: 'bus-1' },
        { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' },
        { EventId: 'bus-3' },
      ] satisfies PutEventsResultEntry[],
    });
    const records = [outboxRecord(1), caseRecord(1), outboxRecord(2), caseRecord(2), outboxRecord(3)];
    await expect(handler(streamEvent(...records))).resolves.toEqual({ batchItemFailures: sequences(records.slice(2)) });
  });

  it('reports the whole batch when PutEvents itself fails', async () => {
    eventBridge
      .on(PutEventsCommand)
      .rejects(Object.assign(new Error('We encountered an internal error'), { name: 'InternalFailure' }));
    const records = [outboxRecord(1), caseRecord(1), outboxRecord(2)];
    await expect(handler(streamEvent(...records))).resolves.toEqual({ batchItemFailures: sequences(records) });
  });

  it('puts 23 events in three calls of at most ten, in order', async () => {
    const records = Array.from({ length: 23 }, (_, n) => outboxRecord(n));
    await expect(handler(streamEvent(...records))).resolves.toEqual({ batchItemFailures: [] });
    expect(putCalls().map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(
      putCalls()
        .flat()
        .map((e) => JSON.parse(e.Detail!).eventId),
    ).toEqual(records.map((_, n) => `evt-${n}`));
  });

  it('stops at a failed call: its records and all later ones are retried, later calls are not made', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 0, Entries: Array.from({ length: 10 }, (_, i) => ({ EventId: `bus-${i}` })) })
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const records = Array.from({ length: 23 }, (_, n) => outboxRecord(n));
    await expect(handler(streamEvent(...records))).resolves.toEqual({
      batchItemFailures: sequences(records.slice(10)),
    });
    expect(putCalls()).toHaveLength(2);
  });

  it('logs event ids and types, never the details', async () => {
    const lines: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      await handler(streamEvent(outboxRecord(1)));
      eventBridge
        .on(PutEventsCommand)
        .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] });
      await handler(streamEvent(outboxRecord(2)));
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const logged = lines.join('');
    expect(logged).toContain('evt-1');
    expect(logged).toContain('evt-2');
    expect(logged).toContain('InternalFailure');
    expect(logged).not.toMatch(/C-2026-|11010519491231002X|caseId/);
  });
});

describe('the outbox relay by bytes', () => {
  it('splits requests at 256 KB as well as at 10 entries, keeping the order', () => {
    const sizes = [100_000, 100_000, 100_000, 10, 10];
    expect(chunkByBytes(sizes, (n) => n)).toEqual([
      [100_000, 100_000],
      [100_000, 10, 10],
    ]);
    expect(
      chunkByBytes(
        Array.from({ length: 23 }, () => 1),
        (n) => n,
      ).map((c) => c.length),
    ).toEqual([10, 10, 3]);
    // Too large for any request: alone, so it cannot hold the others back.
    expect(chunkByBytes([10, PUT_EVENTS_MAX_BYTES + 1, 10], (n) => n)).toEqual([
      [10],
      [PUT_EVENTS_MAX_BYTES + 1],
      [10],
    ]);
  });

  it('puts ten large events in requests under 256 KB each, all of them, and marks them relayed', async () => {
    const big = (n: number): OutboxEvent => ({
      ...outboxEvent(n),
      detail: { caseId: `C-2026-${n}`, note: 'x'.repeat(60_000) },
    });
    const records = Array.from({ length: 10 }, (_, i) =>
      record(outboxPut('main', big(100 + i), new Date(occurredAt)).Put.Item),
    );
    await expect(handler(streamEvent(...records))).resolves.toEqual({ batchItemFailures: [] });
    const calls = putCalls();
    expect(calls.length).toBeGreaterThan(1);
    for (const entries of calls)
      expect(
        entries.reduce(
          (n, e) =>
            n +
            Buffer.byteLength(e.Detail ?? '') +
            Buffer.byteLength(e.Source ?? '') +
            Buffer.byteLength(e.DetailType ?? ''),
          0,
        ),
      ).toBeLessThanOrEqual(PUT_EVENTS_MAX_BYTES);
    expect(calls.flat().map((e) => JSON.parse(e.Detail!).eventId)).toEqual(
      Array.from({ length: 10 }, (_, i) => `evt-${100 + i}`),
    );
    // One receipt per request put on the bus (all ten occurred in one hour), naming every event once.
    const receipts = dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(receipts).toHaveLength(calls.length);
    for (const receipt of receipts) {
      expect(receipt.Key!.pk).toBe('OUTBOX#RELAYED#2026-03-02T01');
      expect(receipt.ExpressionAttributeValues![':type']).toBe('OutboxReceipt');
    }
    expect(receipts.flatMap((r) => r.ExpressionAttributeValues![':ids'] as string[]).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `evt-${100 + i}`),
    );
  });

  it('takes an item written before the outbox was kept by the hour off the reconciler’s index, and receipts it', async () => {
    const event = outboxEvent(300);
    const legacy = record({ pk: 'OUTBOX#evt-300', sk: 'EVENT', type: 'OutboxEvent', ...event, gsi2pk: 'RECONCILE#1' });
    await expect(handler(streamEvent(legacy, outboxRecord(301)))).resolves.toEqual({ batchItemFailures: [] });
    const updates = dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    const offIndex = updates.filter((u) => (u.Key as { sk: string }).sk === 'EVENT');
    expect(offIndex).toEqual([
      expect.objectContaining({
        Key: { pk: 'OUTBOX#evt-300', sk: 'EVENT' },
        UpdateExpression: 'SET relayedAt = :at REMOVE gsi2pk, gsi2sk',
      }),
    ]);
    expect(
      updates.filter((u) => u.ExpressionAttributeValues?.[':ids']).flatMap((u) => u.ExpressionAttributeValues![':ids']),
    ).toEqual(['evt-300', 'evt-301']);
  });

  it('does not let an event too large for the bus block the others: it is logged as refused and left for the reconciler', async () => {
    const huge: OutboxEvent = {
      ...outboxEvent(200),
      detail: { caseId: 'C-2026-200', note: 'x'.repeat(PUT_EVENTS_MAX_BYTES) },
    };
    const records = [
      outboxRecord(199),
      record(outboxPut('main', huge, new Date(occurredAt)).Put.Item),
      outboxRecord(201),
    ];
    await expect(handler(streamEvent(...records))).resolves.toEqual({ batchItemFailures: [] });
    expect(
      putCalls()
        .flat()
        .map((e) => JSON.parse(e.Detail!).eventId),
    ).toEqual(['evt-199', 'evt-201']);
    // Only the published ones are receipted: the reconciler reports the other.
    expect(
      dynamo
        .commandCalls(UpdateCommand)
        .flatMap((c) => c.args[0].input.ExpressionAttributeValues![':ids'] as string[])
        .sort(),
    ).toEqual(['evt-199', 'evt-201']);
  });
});
