import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';

/**
 * What the local cloud's handlers asked of DynamoDB and S3, counted as AWS bills them, for the bench's cost figures
 * (bench/cost.ts). The other billed operations are counted where they happen: Lambda invocations and durations in
 * functions.ts, state transitions in step-functions.ts, events on the bus, requests in the HTTP API.
 */
export class Meter {
  /** Read and write request units (on-demand), from each response's ConsumedCapacity. */
  readRequestUnits = 0;
  writeRequestUnits = 0;
  /** Tier 1 (PUT, COPY, POST, LIST) and tier 2 (GET, HEAD and the rest) S3 requests. */
  s3Tier1 = 0;
  s3Tier2 = 0;

  /** Asks every DynamoDB request for its consumed capacity and adds it up. */
  meterDynamoDb(client: DynamoDBDocumentClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ReturnConsumedCapacity?: string };
        input.ReturnConsumedCapacity ??= 'TOTAL';
        const result = await next(args);
        this.addCapacity(String(context.commandName), (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
        return result;
      },
      { step: 'initialize', name: 'localCapacityMeter', override: true },
    );
  }

  meterS3(client: S3Client): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        this.countS3(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'localS3Meter', override: true },
    );
  }

  /** A request a browser sends straight to S3 with a presigned URL or POST (the SDK never sees it). */
  countS3(commandName: string): void {
    if (/^(Put|Copy|Post|List|CreateMultipart|UploadPart|CompleteMultipart)/.test(commandName)) this.s3Tier1 += 1;
    else this.s3Tier2 += 1;
  }

  private addCapacity(commandName: string, consumed: unknown): void {
    const entries = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }[];
    // DynamoDB Local does not double transactional requests; AWS bills them twice.
    const factor = commandName.startsWith('Transact') ? 2 : 1;
    const units = entries.reduce((sum, e) => sum + (e.CapacityUnits ?? (e.ReadCapacityUnits ?? 0) + (e.WriteCapacityUnits ?? 0)), 0) * factor;
    const writes = /^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(commandName);
    if (writes) this.writeRequestUnits += units;
    else this.readRequestUnits += units;
  }
}
