import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamConsumerDeclaration } from '../topology-model';
import { matchesEventPattern, validateEventPattern } from './event-pattern';
import { LOCAL } from './names';

export interface LocalStreamPollerOptions {
  /** DynamoDB Local's URL; it serves the streams API too. */
  readonly endpoint: string;
  readonly tableName: string;
  /** Runs the consumer function (LocalFunctions.invoke). */
  readonly invoke: (functionName: string, event: DynamoDBStreamEvent) => Promise<unknown>;
  /** Checkpoints go to `<checkpointDir>/<name>.json`; without it they live in memory only. */
  readonly checkpointDir?: string;
  /** Between polls while records come; a quiet stream is polled less and less often, down to 4 times a second. */
  readonly pollIntervalMs?: number;
  /** Waits before the 1st, 2nd, ... retry of a failed batch; the last one repeats forever. */
  readonly retryDelaysMs?: readonly number[];
  readonly log?: (line: string) => void;
}

/** What a restart resumes from: per shard, the last record handled, or that the (closed) shard is done. */
interface Checkpoints {
  streamArn: string;
  shards: Record<string, { after?: string; done?: true }>;
}

interface ShardState {
  readonly id: string;
  readonly parentId?: string;
  iterator?: string;
  /** Closed and read to its end (GetRecords gave no next iterator). */
  exhausted: boolean;
  /** The last record read from the shard, handled or not. */
  lastRead?: string;
  /** Read but not yet handled, in stream order. */
  pending: DynamoDBRecord[];
  /** Consecutive failed invocations, and when the next try may run. */
  attempts: number;
  retryAt: number;
  /** Records per invocation: the consumer's batch size, halved after a thrown error (bisectBatchOnError). */
  limit: number;
}

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * A quiet stream's polls back off to this interval, the rate at which Lambda's event source mapping polls a shard
 * (4 a second). An idle cloud used to poll every 50 ms, which kept DynamoDB Local at a fifth of a core doing nothing;
 * `idle()` and new records still poll at once.
 */
const QUIET_POLL_MS = 250;
/** The shard list is read again when a shard is read to its end (its children follow), and at least this often. */
const SHARD_LIST_MAX_AGE_MS = 1_000;

/**
 * A Lambda event source mapping on a DynamoDB stream, on one machine: reads DynamoDB Local's stream with the real
 * streams API, from TRIM_HORIZON, shard by shard (a child only after its parent), filters records with the
 * consumer's pattern as Lambda event filtering does, and invokes the function in batches. A thrown error retries the
 * batch; batchItemFailures restart it from the first failed record. Nothing is ever dropped (at least once), and
 * with a checkpoint directory a restart resumes after the last record handled.
 */
export class LocalStreamPoller {
  /** For the bench and tests: successful invocations, records delivered in them, failed invocations. */
  batches = 0;
  records = 0;
  failures = 0;
  /** Every record read from the stream, filtered out or not. */
  recordsRead = 0;
  /** Where a shard without a checkpoint starts, as the AWS event source mapping does. */
  readonly startingPosition = 'TRIM_HORIZON';
  private streamArn = '';
  private checkpoints: Checkpoints = { streamArn: '', shards: {} };
  private readonly shards = new Map<string, ShardState>();
  /** The last DescribeStream's shards in stream order, and when it was read (0: read it again). */
  private listed: ShardState[] = [];
  private listedAt = 0;
  /** Quiet polls in a row, for the back-off. */
  private quietPolls = 0;
  private readonly dynamo: DynamoDBClient;
  private readonly streams: DynamoDBStreamsClient;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private wakeRequested = false;
  private stopped = false;
  private cycles = 0;
  private waiters: { after: number; resolve: () => void }[] = [];

  constructor(
    readonly consumer: StreamConsumerDeclaration,
    private readonly options: LocalStreamPollerOptions,
  ) {
    try {
      validateEventPattern(consumer.filter);
    } catch (error) {
      throw new Error(`stream ${consumer.name}: ${(error as Error).message}`);
    }
    this.dynamo = new DynamoDBClient({ endpoint: options.endpoint, region: LOCAL.region, credentials: CREDENTIALS });
    this.streams = new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: LOCAL.region,
      credentials: CREDENTIALS,
    });
  }

  get name(): string {
    return this.consumer.name;
  }

  /** Finds the table's stream, loads the checkpoints and starts polling. */
  async start(): Promise<void> {
    const table = await this.dynamo.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`stream ${this.consumer.name}: table ${this.options.tableName} has no stream`);
    this.streamArn = streamArn;
    const saved =
      this.checkpointFile() && existsSync(this.checkpointFile()!)
        ? (JSON.parse(readFileSync(this.checkpointFile()!, 'utf8')) as Checkpoints)
        : undefined;
    // Another stream (the table was recreated) starts from its beginning.
    this.checkpoints = saved?.streamArn === streamArn ? saved : { streamArn, shards: {} };
    this.schedule(0);
  }

  /** Resolves when every record readable now has been handled successfully (a whole quiet poll after the call). */
  idle(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ after: this.cycles, resolve });
      this.wake();
    });
  }

  /**
   * Something was written to the table: a poller backing off polls now instead of at the end of its back-off, so a
   * record reaches its consumer within a poll, as on AWS, and a quiet cloud still polls at 4 a second. A busy poller
   * keeps its interval.
   */
  written(): void {
    if (this.quietPolls > 0) this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
    this.dynamo.destroy();
    this.streams.destroy();
  }

  private wake(): void {
    if (this.running) this.wakeRequested = true;
    else if (this.timer) {
      clearTimeout(this.timer);
      this.schedule(0);
    }
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.run(), ms);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    if (this.stopped) return;
    this.wakeRequested = false;
    const cycle = ++this.cycles;
    let quiet = false;
    this.running = this.poll().then(
      (q) => {
        quiet = q;
      },
      (error: Error) =>
        this.options.log?.(
          `stream ${this.consumer.name}: polling failed, trying again: ${error.name}: ${error.message}`,
        ),
    );
    await this.running;
    this.running = undefined;
    if (quiet) {
      const ready = this.waiters.filter((w) => w.after < cycle);
      this.waiters = this.waiters.filter((w) => w.after >= cycle);
      for (const waiter of ready) waiter.resolve();
    }
    this.quietPolls = quiet ? this.quietPolls + 1 : 0;
    const busyMs = this.options.pollIntervalMs ?? 50;
    const delay = Math.min(busyMs * 2 ** this.quietPolls, Math.max(busyMs, QUIET_POLL_MS));
    if (!this.stopped) this.schedule(this.wakeRequested ? 0 : delay);
  }

  /** One pass over the shards; true when nothing was read, nothing waits and nothing is being retried. */
  private async poll(): Promise<boolean> {
    let quiet = true;
    for (const shard of await this.listShards()) {
      if (this.stopped) return false;
      if (this.checkpoints.shards[shard.id]?.done) continue;
      // A child shard's records follow its parent's: read it only once the parent is done (or trimmed away).
      if (shard.parentId && this.shards.has(shard.parentId) && !this.checkpoints.shards[shard.parentId]?.done) {
        quiet = false;
        continue;
      }
      if (shard.retryAt > Date.now()) {
        quiet = false;
        continue;
      }
      if (shard.pending.length === 0 && !shard.exhausted && (await this.read(shard)) > 0) quiet = false;
      if (shard.pending.length > 0) {
        quiet = false;
        await this.handle(shard);
      }
      if (shard.exhausted && shard.pending.length === 0) {
        this.checkpoints.shards[shard.id] = { done: true };
        this.save();
        quiet = false;
      }
    }
    return quiet;
  }

  /**
   * The stream's shards; the list grows as DynamoDB (Local) closes shards and opens their children. A child is read
   * only after its parent is read to its end, which lists the shards again, so a list up to a second old misses
   * nothing that could be read.
   */
  private async listShards(): Promise<ShardState[]> {
    if (this.listedAt > 0 && Date.now() - this.listedAt < SHARD_LIST_MAX_AGE_MS) return this.listed;
    const listed: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: start }),
      );
      listed.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    const ids = new Set(listed.map((s) => s.ShardId!));
    for (const id of this.shards.keys()) if (!ids.has(id)) this.shards.delete(id);
    let pruned = false;
    for (const id of Object.keys(this.checkpoints.shards)) {
      if (!ids.has(id)) {
        delete this.checkpoints.shards[id];
        pruned = true;
      }
    }
    if (pruned) this.save();
    this.listedAt = Date.now();
    this.listed = listed.map((s) => {
      let state = this.shards.get(s.ShardId!);
      if (!state) {
        state = {
          id: s.ShardId!,
          parentId: s.ParentShardId,
          exhausted: false,
          pending: [],
          attempts: 0,
          retryAt: 0,
          limit: this.consumer.batchSize,
        };
        this.shards.set(state.id, state);
      }
      return state;
    });
    return this.listed;
  }

  /** A shard read to its end: its children, if any, are listed now. */
  private exhaust(shard: ShardState): void {
    shard.exhausted = true;
    this.listedAt = 0;
  }

  /** Reads the next page of a shard into `pending`; returns how many records came. */
  private async read(shard: ShardState): Promise<number> {
    shard.iterator ??= await this.iteratorFor(shard);
    if (!shard.iterator) {
      this.exhaust(shard);
      return 0;
    }
    let out: GetRecordsCommandOutput;
    try {
      out = await this.streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator }));
    } catch (error) {
      if ((error as Error).name !== 'ExpiredIteratorException') throw error;
      shard.iterator = undefined; // a new one from the last record read, on the next pass
      return 0;
    }
    shard.iterator = out.NextShardIterator;
    if (!out.NextShardIterator) this.exhaust(shard);
    const records = (out.Records ?? []).map((r) => this.lambdaRecord(r));
    shard.pending.push(...records);
    if (records.length > 0) shard.lastRead = sequenceOf(records.at(-1)!);
    this.recordsRead += records.length;
    return records.length;
  }

  private async iteratorFor(shard: ShardState): Promise<string | undefined> {
    const after = shard.lastRead ?? this.checkpoints.shards[shard.id]?.after;
    const get = (
      position:
        | { ShardIteratorType: 'TRIM_HORIZON' }
        | { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER'; SequenceNumber: string },
    ) =>
      this.streams
        .send(new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shard.id, ...position }))
        .then((o) => o.ShardIterator);
    if (!after) return get({ ShardIteratorType: this.startingPosition });
    try {
      return await get({ ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after });
    } catch (error) {
      if ((error as Error).name !== 'TrimmedDataAccessException') throw error;
      this.options.log?.(
        `stream ${this.consumer.name}: records after ${after} in ${shard.id} were trimmed; reading from the oldest left`,
      );
      return get({ ShardIteratorType: 'TRIM_HORIZON' });
    }
  }

  /** Invokes the function on the shard's pending records, batch by batch, until they are handled or one fails. */
  private async handle(shard: ShardState): Promise<void> {
    while (shard.pending.length > 0 && !this.stopped) {
      // Like Lambda event filtering: records the pattern does not match are skipped, and count as handled.
      const batch: DynamoDBRecord[] = [];
      let through = shard.pending.length - 1;
      for (const [index, record] of shard.pending.entries()) {
        if (!matchesEventPattern(this.consumer.filter, record)) continue;
        batch.push(record);
        if (batch.length === shard.limit) {
          through = index;
          break;
        }
      }
      if (batch.length === 0) {
        this.advance(shard, through);
        return;
      }
      const failedAt = await this.invoke(shard, batch);
      if (failedAt === undefined) {
        this.batches += 1;
        this.records += batch.length;
        shard.attempts = 0;
        shard.retryAt = 0;
        shard.limit = this.consumer.batchSize;
        this.advance(shard, through);
        continue;
      }
      this.failures += 1;
      this.advance(shard, shard.pending.indexOf(batch[failedAt]!) - 1);
      shard.attempts += 1;
      const delays = this.options.retryDelaysMs ?? [50, 200, 1000];
      shard.retryAt = Date.now() + delays[Math.min(shard.attempts, delays.length) - 1]!;
      return;
    }
  }

  /** Runs the function; returns the position in `batch` of the first record to retry, undefined when all succeeded. */
  private async invoke(shard: ShardState, batch: DynamoDBRecord[]): Promise<number | undefined> {
    let response: unknown;
    try {
      response = await this.options.invoke(this.consumer.function, { Records: batch });
    } catch (error) {
      this.options.log?.(
        `stream ${this.consumer.name}: ${this.consumer.function} failed on ${batch.length} records, retrying: ${(error as Error).name}: ${(error as Error).message}`,
      );
      shard.limit = Math.max(1, Math.ceil(batch.length / 2));
      return 0;
    }
    const failures = (response as Partial<DynamoDBBatchResponse> | null | undefined)?.batchItemFailures;
    if (!failures || failures.length === 0) return undefined;
    const positions = failures.map((f) => batch.findIndex((r) => sequenceOf(r) === f?.itemIdentifier));
    this.options.log?.(
      `stream ${this.consumer.name}: ${this.consumer.function} reported ${failures.length} of ${batch.length} records failed, retrying`,
    );
    // Lambda restarts from the lowest failed sequence number; an identifier not in the batch fails all of it.
    return positions.some((p) => p < 0) ? 0 : Math.min(...positions);
  }

  /** Marks the pending records up to `index` handled and checkpoints the last of them. */
  private advance(shard: ShardState, index: number): void {
    if (index < 0) return;
    const last = shard.pending[index]!;
    shard.pending.splice(0, index + 1);
    this.checkpoints.shards[shard.id] = { after: sequenceOf(last) };
    this.save();
  }

  private checkpointFile(): string | undefined {
    return this.options.checkpointDir && join(this.options.checkpointDir, `${this.consumer.name}.json`);
  }

  private save(): void {
    const file = this.checkpointFile();
    if (!file) return;
    mkdirSync(this.options.checkpointDir!, { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(this.checkpoints, null, 2));
    renameSync(`${file}.tmp`, file);
  }

  /** The record as Lambda hands it over: plain JSON, binary values in base64, the time in epoch seconds. */
  private lambdaRecord(record: _Record): DynamoDBRecord {
    const created = record.dynamodb?.ApproximateCreationDateTime;
    return plainJson({
      ...record,
      eventSource: 'aws:dynamodb',
      awsRegion: LOCAL.region,
      eventSourceARN: this.streamArn,
      dynamodb: { ...record.dynamodb, ApproximateCreationDateTime: created && Math.floor(created.getTime() / 1000) },
    }) as DynamoDBRecord;
  }
}

const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber;

function plainJson(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plainJson);
  if (value && typeof value === 'object') {
    // A plain loop: this runs on every attribute of every stream record (entries/flatMap/fromEntries cost 3× more).
    const out: Record<string, unknown> = {};
    for (const key in value) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = plainJson(v);
    }
    return out;
  }
  return value;
}
