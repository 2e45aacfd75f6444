import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { dynamoCaseStore } from '../../shared/adapters/dynamo-case-store';
import { isTransactionConflict, TRANSACTION_ATTEMPTS, transactWrite } from '../../shared/adapters/transact';
import type { CaseRecord } from '../../shared/domain/applications/model';
import { ConcurrentChangeError, ConflictError } from '../../shared/domain/errors';
import { errorToHttpResponse } from '../../shared/lambda/error-response';

/**
 * A TransactionConflict (another transaction on the same item at the same instant) is hard to produce on purpose
 * against DynamoDB Local, so the client is mocked here: the wrapper retries it, then answers 409, and leaves a failed
 * condition (the domain's own conflict) alone.
 */
const documents = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));

const canceled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const record = {
  id: 'c-1',
  number: 'SX-20261206-000001',
  seq: 2,
  ownerKey: 'P#x',
  createdAt: '2026-12-06T00:00:00.000Z',
  status: 'IN_REVIEW',
  materials: {},
  form: {},
} as unknown as CaseRecord;
const commit = () =>
  dynamoCaseStore(client, 'main', () => new Date('2026-12-06T00:00:00Z')).commit({
    before: record,
    after: { ...record, seq: 3 },
    entries: [],
    events: [],
  });

beforeEach(() => documents.reset());

test('a conflict is retried and the write goes through once it clears', async () => {
  documents
    .on(TransactWriteCommand)
    .rejectsOnce(canceled('None', 'TransactionConflict'))
    .rejectsOnce(canceled('TransactionConflict'))
    .resolves({});
  await commit();
  expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(3);
});

test('a conflict that does not clear answers 409 saying to try again, not 500', async () => {
  documents.on(TransactWriteCommand).rejects(canceled('TransactionConflict', 'None'));
  const error = await commit().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConflictError);
  expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(TRANSACTION_ATTEMPTS);
  const response = errorToHttpResponse(error, 'req-1');
  expect(response.statusCode).toBe(409);
  const body = JSON.parse(response.body!) as { error: { code: string; message: string; details: { rule: string }[] } };
  expect(body.error.code).toBe('ConflictError');
  expect(body.error.message).toMatch(/try again/);
  expect(body.error.details[0]!.rule).toBe('transaction-conflict');
});

test('a failed condition is not retried: it stays the domain conflict of the store', async () => {
  documents.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'TransactionConflict'));
  await expect(commit()).rejects.toBeInstanceOf(ConcurrentChangeError);
  expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(1);
});

test('other errors pass through untouched, once', async () => {
  const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });
  documents.on(TransactWriteCommand).rejects(throttled);
  await expect(transactWrite(client, { TransactItems: [] })).rejects.toThrow('Rate exceeded');
  expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(1);
});

test('which errors count as a conflict', () => {
  expect(isTransactionConflict(canceled('None', 'TransactionConflict'))).toBe(true);
  expect(isTransactionConflict(Object.assign(new Error('x'), { name: 'TransactionConflictException' }))).toBe(true);
  expect(isTransactionConflict(canceled('ConditionalCheckFailed'))).toBe(false);
  expect(isTransactionConflict(canceled('TransactionConflict', 'ConditionalCheckFailed'))).toBe(false);
  expect(isTransactionConflict(new Error('boom'))).toBe(false);
});

test('a conflict that reaches the HTTP layer unretried (a send outside transactWrite) is still a 409, not a 500', () => {
  expect(errorToHttpResponse(canceled('None', 'TransactionConflict'), 'req-2').statusCode).toBe(409);
  expect(
    errorToHttpResponse(Object.assign(new Error('x'), { name: 'TransactionConflictException' }), 'req-3').statusCode,
  ).toBe(409);
  // A failed condition that a store forgot to map stays an internal error: it is a bug, not the caller's to retry.
  expect(errorToHttpResponse(canceled('ConditionalCheckFailed'), 'req-4').statusCode).toBe(500);
});
