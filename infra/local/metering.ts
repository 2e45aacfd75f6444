import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { localSignatures } from '../../shared/adapters/licence-signers';
import { MAIN_TABLE } from '../../shared/db/table';

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
  private readonly signaturesBefore = localSignatures.count;

  /** Licence and status-list signatures the handlers made (KMS Sign requests in AWS), counted by the local signer. */
  get kmsSignRequests(): number {
    return localSignatures.count - this.signaturesBefore;
  }

  /** Asks every DynamoDB request for its consumed capacity and adds it up. */
  meterDynamoDb(client: DynamoDBDocumentClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ReturnConsumedCapacity?: string };
        input.ReturnConsumedCapacity ??= 'TOTAL';
        const result = await next(args);
        this.addCapacity(
          String(context.commandName),
          args.input,
          (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity,
        );
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

  private addCapacity(commandName: string, input: unknown, consumed: unknown): void {
    const { writes, units } = billedUnits(commandName, input, consumed);
    if (writes) this.writeRequestUnits += units;
    else this.readRequestUnits += units;
  }
}

/**
 * The request units AWS bills for one DynamoDB call, from its input and the consumed capacity DynamoDB Local reported.
 * DynamoDB Local's figure for a transaction is not the sum of its items, so those are counted by AWS's rules; reads
 * in a transaction cost twice, which DynamoDB Local does not count either.
 */
export function billedUnits(
  commandName: string,
  input: unknown,
  consumed: unknown,
): { writes: boolean; units: number } {
  const entries = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as {
    CapacityUnits?: number;
    ReadCapacityUnits?: number;
    WriteCapacityUnits?: number;
  }[];
  const reported = entries.reduce(
    (sum, e) => sum + (e.CapacityUnits ?? (e.ReadCapacityUnits ?? 0) + (e.WriteCapacityUnits ?? 0)),
    0,
  );
  const units = commandName.startsWith('TransactWrite')
    ? transactionWriteUnits((input as { TransactItems?: TransactWriteEntry[] }).TransactItems ?? [])
    : commandName.startsWith('TransactGet')
      ? reported * 2
      : reported;
  return { writes: /^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(commandName), units };
}

/**
 * An item's size as DynamoDB counts it, near enough: attribute names and values as UTF-8, numbers as their digits,
 * a few bytes of overhead per list, map and element.
 */
export function itemBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value).length;
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (value instanceof Uint8Array) return value.length;
  if (value instanceof Set) return [...value].reduce<number>((s, v) => s + itemBytes(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce<number>((s, v) => s + 1 + itemBytes(v), 0);
  return (
    3 +
    Object.entries(value as Record<string, unknown>).reduce(
      (s, [k, v]) => s + 1 + Buffer.byteLength(k) + itemBytes(v),
      0,
    )
  );
}

/** The index key attributes of the platform's single table (shared/db/table.ts); both indexes project ALL. */
const INDEX_KEYS = MAIN_TABLE.indexes.map((index) => index.partitionKey);

/**
 * The write request units AWS bills for a TransactWriteItems: 2 per started KB of each item put, again for each index
 * the item is in (the indexes project every attribute); an update, delete or condition check at 2 (their items here
 * are small counters and guards). An index entry that moves to another key also costs a delete, which the request
 * does not show: a floor, not a ceiling.
 */
export function transactionWriteUnits(items: readonly TransactWriteEntry[]): number {
  return items.reduce((sum, entry) => {
    const item = entry.Put?.Item;
    if (!item) return sum + 2;
    const indexes = INDEX_KEYS.filter((k) => item[k] !== undefined).length;
    return sum + 2 * Math.ceil(itemBytes(item) / 1024) * (1 + indexes);
  }, 0);
}

type TransactWriteEntry = { readonly Put?: { readonly Item?: Record<string, unknown> } };
