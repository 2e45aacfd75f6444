import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { DeliveryStreamDeclaration } from '../topology-model';
import type { LocalClock } from './clock';
import type { BusEvent } from './event-bus';
import { selectInputPath } from './event-bus';

const gzipAsync = promisify(gzip);

/** Firehose refuses a record larger than this (1,000 KiB before base64). */
const MAX_RECORD_BYTES = 1000 * 1024;
/** Direct PUT ingestion is billed per record rounded up to the next 5 KiB. */
const BILLING_INCREMENT = 5 * 1024;
/** A failed PutObject is tried again after these delays (Firehose retries S3 for up to a day; locally, briefly). */
const WRITE_RETRY_MS = [100, 1000, 5000] as const;

/** What the stream took in and wrote out, for tests and the bench (cost: ingestion GB, S3 PUTs). */
export interface FirehoseMetrics {
  records: number;
  /** Bytes of the records as received (the delimiter included). */
  bytesIn: number;
  /** Bytes Firehose bills for Direct PUT ingestion: each record rounded up to 5 KiB. */
  billedBytesIn: number;
  /** Objects written to S3 (one PutObject each) and their gzipped bytes. */
  objects: number;
  bytesOut: number;
  /** Objects that could not be written after the retries (their records are lost, as after Firehose's own). */
  failedObjects: number;
}

/**
 * Amazon Data Firehose (Direct PUT → S3) on one machine, for the event archive: records are buffered until
 * `bufferMiB` has come in or the oldest is `bufferSeconds` old on the cloud's clock, then written as one gzipped object
 * under the prefix evaluated at the oldest record's arrival time (in the stream's time zone), named as Firehose names
 * its objects: `<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>`. Stopping flushes what is buffered.
 * Each record gets the declared delimiter appended, as the AppendDelimiterToRecord processor does.
 */
export class LocalFirehose {
  readonly metrics: FirehoseMetrics = {
    records: 0,
    bytesIn: 0,
    billedBytesIn: 0,
    objects: 0,
    bytesOut: 0,
    failedObjects: 0,
  };
  private buffer: Buffer[] = [];
  private bufferedBytes = 0;
  private oldestArrival = 0;
  private timer: number | undefined;
  private readonly writes = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    /** The stream's name, which begins every object's name. */
    readonly streamName: string,
    readonly declaration: DeliveryStreamDeclaration,
    private readonly options: {
      readonly clock: LocalClock;
      /** Writes one object to the stream's bucket (the local S3). */
      readonly putObject: (key: string, body: Buffer) => Promise<void>;
      readonly log?: (line: string) => void;
    },
  ) {
    // Fail at start, not at the first flush, on a prefix this emulation does not evaluate.
    objectPrefix(declaration.prefix, 0, declaration.timeZone);
  }

  /** PutRecord: takes the record into the buffer (throws, as Firehose answers 400, for one that is too large). */
  putRecord(data: string | Buffer): void {
    if (this.stopped) throw new Error(`Delivery stream ${this.streamName} is stopped`);
    const record = Buffer.concat([Buffer.from(data), Buffer.from(this.declaration.delimiter)]);
    if (record.length > MAX_RECORD_BYTES)
      throw Object.assign(new Error(`A record may not exceed ${MAX_RECORD_BYTES} bytes`), {
        name: 'InvalidArgumentException',
      });
    const now = this.options.clock.now();
    if (this.buffer.length === 0) {
      this.oldestArrival = now;
      this.timer = this.options.clock.at(now + this.declaration.bufferSeconds * 1000, () => void this.flush());
    }
    this.buffer.push(record);
    this.bufferedBytes += record.length;
    this.metrics.records += 1;
    this.metrics.bytesIn += record.length;
    this.metrics.billedBytesIn += Math.ceil(record.length / BILLING_INCREMENT) * BILLING_INCREMENT;
    if (this.bufferedBytes >= this.declaration.bufferMiB * 1024 * 1024) void this.flush();
  }

  /** The record the rule's input transformer makes of an event: a JSON object of the declared paths. */
  putEvent(event: BusEvent): void {
    this.putRecord(streamRecordOf(this.declaration.rule.record, event));
  }

  /** Writes what is buffered as one object now; resolves when it is written. */
  flush(): Promise<void> {
    if (this.timer !== undefined) this.options.clock.cancel(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return Promise.resolve();
    const batch = this.buffer;
    const arrival = this.oldestArrival;
    this.buffer = [];
    this.bufferedBytes = 0;
    const write = this.write(batch, arrival);
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
    return write;
  }

  /** Records waiting in the buffer for its size or time to be reached. */
  get bufferedRecords(): number {
    return this.buffer.length;
  }

  /** Resolves when every object being written is written (the buffer is not flushed: its time has not come). */
  async idle(): Promise<void> {
    while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
  }

  /** Flushes the buffer and waits for every write; further records are refused. */
  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
    await this.idle();
  }

  private async write(batch: readonly Buffer[], arrival: number): Promise<void> {
    const { prefix, timeZone, fileExtension } = this.declaration;
    const key = `${objectPrefix(prefix, arrival, timeZone)}${this.streamName}-1-${formatTimestamp(arrival, 'yyyy-MM-dd-HH-mm-ss', timeZone)}-${randomUUID()}${fileExtension}`;
    const body = await gzipAsync(Buffer.concat(batch));
    for (let attempt = 0; ; attempt++) {
      try {
        await this.options.putObject(key, body);
        this.metrics.objects += 1;
        this.metrics.bytesOut += body.length;
        return;
      } catch (error) {
        if (attempt >= WRITE_RETRY_MS.length) {
          this.metrics.failedObjects += 1;
          this.options.log?.(`${this.streamName}: ${key} not written (${(error as Error).message})`);
          return;
        }
        await new Promise((r) => setTimeout(r, WRITE_RETRY_MS[attempt]));
      }
    }
  }
}

/**
 * The record a delivery stream's rule makes of an event with its input transformer: a JSON object of the declared
 * keys, each read at its path (the stream appends the delimiter). Also the redrive's (scripts/redrive.ts).
 */
export function streamRecordOf(record: Readonly<Record<string, string>>, event: unknown): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(record).map(([key, path]) => [key, selectInputPath(event, path) ?? null])),
  );
}

/**
 * Firehose's S3 prefix at an instant: `!{timestamp:<pattern>}` in the time zone (the only namespace the archive
 * uses), and its default `yyyy/MM/dd/HH/` when the prefix has no timestamp.
 */
export function objectPrefix(prefix: string, at: number, timeZone: string): string {
  const evaluated = prefix.replace(/!\{([a-zA-Z]+):([^}]+)\}/g, (_, namespace: string, value: string) => {
    if (namespace === 'timestamp') return formatTimestamp(at, value, timeZone);
    if (namespace === 'firehose' && value === 'random-string') return randomUUID().slice(0, 11);
    throw new Error(`Unsupported prefix expression !{${namespace}:${value}}`);
  });
  return prefix.includes('!{timestamp:') ? evaluated : `${evaluated}${formatTimestamp(at, 'yyyy/MM/dd/HH/', timeZone)}`;
}

/** Java DateTimeFormatter's yyyy, MM, dd, HH, mm and ss (what Firehose prefixes use) in an IANA time zone. */
export function formatTimestamp(at: number, pattern: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const fields: Record<string, string> = {
    yyyy: parts.year!,
    MM: parts.month!,
    dd: parts.day!,
    HH: parts.hour!,
    mm: parts.minute!,
    ss: parts.second!,
  };
  const formatted = pattern.replace(/yyyy|MM|dd|HH|mm|ss/g, (token) => fields[token]!);
  if (/[a-zA-Z]/.test(formatted.replace(/\d/g, '')))
    throw new Error(`Unsupported timestamp pattern ${pattern} (yyyy, MM, dd, HH, mm and ss only)`);
  return formatted;
}
