import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleDeclaration } from '../topology-model';
import type { LocalClock } from './clock';
import { matchesEventPattern, validateEventPattern } from './event-pattern';
import { LOCAL, localBusArn } from './names';

export interface BusEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: string[];
  readonly detail: Record<string, unknown>;
}

export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string | number | Date;
}

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: ({ EventId: string } | { ErrorCode: string; ErrorMessage: string })[];
}

export interface Delivery {
  readonly eventId: string;
  readonly rule: string;
  readonly attempts: number;
  readonly status: 'delivered' | 'dead';
  readonly error?: string;
}

/** Delivers one event to a rule's target; throws to ask for a retry. */
export type TargetInvoker = (rule: RuleDeclaration, event: BusEvent) => Promise<void>;

const MAX_ENTRY_BYTES = 256 * 1024;

/**
 * EventBridge on one machine: PutEvents with AWS's validation, rules matched by the project's pattern matcher,
 * at-least-once delivery with retries and backoff, then the rule's dead-letter queue; every event is archived.
 */
export class LocalEventBus {
  /** The most recent events and deliveries, for tests and the bench; the full archive is the file in dataDir. */
  readonly archive: BusEvent[] = [];
  readonly deliveries: Delivery[] = [];
  readonly deadLetters: { rule: string; event: BusEvent; error: string }[] = [];
  private readonly pending = new Set<Promise<void>>();
  private putEventsFaults = 0;

  constructor(
    private readonly rules: readonly RuleDeclaration[],
    private readonly invokeTarget: TargetInvoker,
    private readonly clock: LocalClock,
    private readonly options: { dataDir?: string; retryDelaysMs?: readonly number[] } = {},
  ) {
    for (const rule of rules) {
      try {
        validateEventPattern(rule.pattern);
      } catch (error) {
        throw new Error(`rule ${rule.name}: ${(error as Error).message}`);
      }
    }
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  }

  ruleNames(): string[] {
    return this.rules.map((r) => r.name);
  }

  putEvents(entries: PutEventsEntry[]): PutEventsResult {
    if (!Array.isArray(entries) || entries.length < 1 || entries.length > 10) {
      throw Object.assign(new Error('Entries must hold 1 to 10 events'), { name: 'ValidationException' });
    }
    const results = entries.map((entry) => this.putOne(entry));
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  }

  /** For tests: the next `count` PutEvents calls on the AWS endpoint answer 500 InternalFailure (the SDK retries those). */
  failNextPutEvents(count: number): void {
    this.putEventsFaults = count;
  }

  /** Asked by the AWS endpoint before each PutEvents call: true when this call is to fail. */
  takePutEventsFault(): boolean {
    if (this.putEventsFaults <= 0) return false;
    this.putEventsFaults -= 1;
    return true;
  }

  get pendingDeliveries(): number {
    return this.pending.size;
  }

  /** Resolves when every delivery under way has succeeded or gone to its DLQ. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private putOne(entry: PutEventsEntry): PutEventsResult['Entries'][number] {
    const fail = (ErrorCode: string, ErrorMessage: string) => ({ ErrorCode, ErrorMessage });
    if (entry.EventBusName && entry.EventBusName !== LOCAL.busName && entry.EventBusName !== localBusArn()) {
      return fail('NotFoundException', `Event bus ${entry.EventBusName} does not exist.`);
    }
    if (!entry.Source) return fail('MalformedDetail', 'Source is required');
    if (!entry.DetailType) return fail('MalformedDetail', 'DetailType is required');
    if (Buffer.byteLength(JSON.stringify(entry)) > MAX_ENTRY_BYTES) return fail('EntrySizeExceeded', 'An entry may not exceed 256 KB');
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail ?? '');
    } catch {
      return fail('MalformedDetail', 'Detail is not valid JSON');
    }
    if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return fail('MalformedDetail', 'Detail must be a JSON object');

    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: LOCAL.account,
      // On the wire (AWS JSON) Time is in epoch seconds.
      time: new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : (entry.Time ?? this.clock.now())).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: LOCAL.region,
      resources: entry.Resources ?? [],
      detail: detail as Record<string, unknown>,
    };
    keepRecent(this.archive, event);
    if (this.options.dataDir) appendFileSync(join(this.options.dataDir, 'archive.jsonl'), `${JSON.stringify(event)}\n`);
    for (const rule of this.rules) {
      if (matchesEventPattern(rule.pattern, event)) this.track(this.deliver(rule, event));
    }
    return { EventId: event.id };
  }

  private track(delivery: Promise<void>): void {
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  private async deliver(rule: RuleDeclaration, event: BusEvent): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [50, 200, 800];
    let lastError = '';
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, delays[attempt - 1]! * (0.5 + Math.random() / 2)));
      try {
        await this.invokeTarget(rule, event);
        keepRecent(this.deliveries, { eventId: event.id, rule: rule.name, attempts: attempt + 1, status: 'delivered' });
        return;
      } catch (error) {
        lastError = `${(error as Error).name}: ${(error as Error).message}`;
      }
    }
    keepRecent(this.deliveries, { eventId: event.id, rule: rule.name, attempts: delays.length + 1, status: 'dead', error: lastError });
    this.deadLetters.push({ rule: rule.name, event, error: lastError });
    if (this.options.dataDir) {
      appendFileSync(join(this.options.dataDir, `dlq-${rule.name}.jsonl`), `${JSON.stringify({ error: lastError, event })}\n`);
    }
  }
}

/** Evaluates a rule target's InputPath (`$`, `$.a.b`) against the event. */
export function selectInputPath(event: unknown, path: string | undefined): unknown {
  if (!path || path === '$') return event;
  if (!/^\$(\.[\w-]+)+$/.test(path)) throw new Error(`Unsupported InputPath ${path}`);
  return path
    .slice(2)
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), event);
}

/** A long-running `npm start` must not grow without bound: memory keeps the latest entries only. */
const RECENT = 10_000;
function keepRecent<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > RECENT) list.splice(0, list.length - RECENT);
}
