import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { redriveStage } from '../../scripts/redrive';

// A deployed stage cannot run here: the SQS and Firehose calls are mocked, the topology and cdk.json are the real ones.
const sqs = mockClient(SQSClient);
const firehose = mockClient(FirehoseClient);

const event = {
  id: 'bus-1',
  source: 'gov.one-stop.applications',
  'detail-type': 'Application.Submitted.v1',
  detail: { eventId: 'evt-1', occurredAt: '2026-03-02T01:00:00Z', caseId: 'c-1' },
};

beforeEach(() => {
  sqs.reset();
  firehose.reset();
  const dlq = 'https://sqs.example/one-stop-dev-archive-events-dlq';
  sqs.on(GetQueueUrlCommand).rejects(Object.assign(new Error('none'), { name: 'QueueDoesNotExist' }));
  sqs.on(GetQueueUrlCommand, { QueueName: 'one-stop-dev-archive-events-dlq' }).resolves({ QueueUrl: dlq });
  sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: 'arn:dlq', ApproximateNumberOfMessages: '1' } });
  sqs
    .on(ReceiveMessageCommand)
    .resolvesOnce({ Messages: [{ Body: JSON.stringify(event), ReceiptHandle: 'r-1' }] })
    .resolves({ Messages: [] });
  sqs.on(DeleteMessageCommand).resolves({});
  sqs.on(ListQueuesCommand).resolves({ QueueUrls: [dlq] });
});

describe('npm run redrive -- --stage <s>: the event archive', () => {
  it("puts each dead-lettered event on the archive's stream again, as its rule shapes it, then deletes it", async () => {
    firehose.on(PutRecordBatchCommand).resolves({ FailedPutCount: 0, RequestResponses: [{ RecordId: 'x' }] });
    const lines = await redriveStage('dev', undefined);
    expect(lines).toEqual([
      { queue: 'one-stop-dev-archive-events-dlq', action: 'put on one-stop-dev-eventArchive again', count: 1 },
    ]);
    const put = firehose.commandCalls(PutRecordBatchCommand)[0]!.args[0].input;
    expect(put.DeliveryStreamName).toBe('one-stop-dev-eventArchive');
    expect(JSON.parse(Buffer.from(put.Records![0]!.Data!).toString())).toEqual({
      eventId: 'evt-1',
      source: 'gov.one-stop.applications',
      detailType: 'Application.Submitted.v1',
      occurredAt: '2026-03-02T01:00:00Z',
      detail: event.detail,
    });
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(1);
  });

  it('leaves an event on the DLQ when the stream refuses it', async () => {
    const said = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    firehose.on(PutRecordBatchCommand).resolves({ FailedPutCount: 1, RequestResponses: [{ ErrorCode: 'x' }] });
    const lines = await redriveStage('dev', undefined);
    expect(lines[0]).toMatchObject({ queue: 'one-stop-dev-archive-events-dlq', count: 0 });
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    expect(said).toHaveBeenCalledWith('  not redriven (left on the queue): FailedPut');
    said.mockRestore();
  });
});
