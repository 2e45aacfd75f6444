import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** Attempts in all (the first and the retries); each waits a jittered, growing delay (about 10, 20, 40, 80 ms). */
export const TRANSACTION_ATTEMPTS = 5;

/**
 * A transaction refused only because another transaction touched one of its items at the same moment
 * (a `TransactionConflict` cancellation reason, or TransactionConflictException). No condition failed, so the same
 * write is tried again as it stands. A ConditionalCheckFailed anywhere is the domain's business (its 409 or 422),
 * never retried here.
 */
export function isTransactionConflict(error: unknown): boolean {
  if (
    error instanceof TransactionCanceledException ||
    (error as { name?: string })?.name === 'TransactionCanceledException'
  ) {
    const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
    return (
      reasons.some((r) => r?.Code === 'TransactionConflict') &&
      !reasons.some((r) => r?.Code === 'ConditionalCheckFailed')
    );
  }
  return (error as { name?: string })?.name === 'TransactionConflictException';
}

/**
 * TransactWrite that outlasts a burst of parallel writers (two officers deciding at once, a consumer and a command):
 * a conflict is retried a few times with jitter, then answered as a ConflictError (409) that says to try again,
 * never a 500. Every other error (a failed condition included) is thrown as it came, for the caller to map.
 */
export async function transactWrite(
  client: Pick<DynamoDBDocumentClient, 'send'>,
  input: TransactWriteCommandInput,
  options: { attempts?: number; baseDelayMs?: number } = {},
): Promise<void> {
  const attempts = options.attempts ?? TRANSACTION_ATTEMPTS;
  const base = options.baseDelayMs ?? 10;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      if (!isTransactionConflict(error)) throw error;
      if (attempt >= attempts) {
        throw new ConflictError('Someone else changed the same record at the same moment; try again', [
          {
            path: '(request)',
            rule: 'transaction-conflict',
            message: 'a concurrent change won; repeat the request',
            messageZh: '有其他操作同时修改了该记录，请重试',
          },
        ]);
      }
      // Full jitter on an exponential step: parallel writers that collided do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, base * 2 ** (attempt - 1) * (0.5 + Math.random())));
    }
  }
}
