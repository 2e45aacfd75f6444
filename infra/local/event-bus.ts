import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONSUMER_RETRY_POLICY, type ConsumerRetryPolicy, type RuleDeclaration } from '../topology-model';
import type { LocalClock } from './clock';
import { matchesEventPattern, validateEventPattern } from './event-pattern';
import { faultInjector } from './fault-injector';
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

/**
 * A rule whose target takes the event at once, with no function between (a Firehose stream: PutRecord). A throw is a
 * refused record: EventBridge's retries would meet the same refusal, so it goes to the rule's DLQ at once.
 */
export interface DirectRule {
  readonly name: string;
  readonly pattern: Record<string, unknown>;
  readonly accept: (event: BusEvent) => void;
}

/** Delivers one event to a rule's target (`receiveCount`: its queue's receive, from 1); throws to ask for a retry. */
export type TargetInvoker = (rule: RuleDeclaration, event: BusEvent, receiveCount?: number) => Promise<void>;

const MAX_ENTRY_BYTES = 256 * 1024;

/**
 * EventBridge on one machine: PutEvents with AWS's validation, rules matched by the project's pattern matcher,
 * at-least-once delivery with retries, then the rule's dead-letter queue; every event is archived. Retries follow
 * the rule queue's policy in AWS (CONSUMER_RETRY_POLICY) on the local clock: a failed delivery is tried again when
 * the clock has moved one visibility timeout on, up to maxReceiveCount times. `retryDelaysMs` (tests of the local
 * cloud itself) replaces that with a few quick wall-clock retries.
 */
export class LocalEventBus {
  /** The most recent events and deliveries, for tests and the bench; the full archive is the file in dataDir. */
  readonly archive: BusEvent[] = [];
  readonly deliveries: Delivery[] = [];
  readonly deadLetters: { rule: string; event: BusEvent; error: string }[] = [];
  private readonly pending = new Set<Promise<void>>();
  private putEventsFaults = 0;
  private retriesWaiting = 0;

  constructor(
    private readonly rules: readonly RuleDeclaration[],
    private readonly invokeTarget: TargetInvoker,
    private readonly clock: LocalClock,
    private readonly options: {
      dataDir?: string;
      retryDelaysMs?: readonly number[];
      retryPolicy?: ConsumerRetryPolicy;
      /** Rules whose targets are services that take the event themselves (the event archive's stream). */
      directRules?: readonly DirectRule[];
    } = {},
  ) {
    for (const rule of [...rules, ...(options.directRules ?? [])]) {
      try {
        validateEventPattern(rule.pattern);
      } catch (error) {
        throw new Error(`rule ${rule.name}: ${(error as Error).message}`);
      }
    }
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  }

  ruleNames(): string[] {
    return [...this.rules, ...(this.options.directRules ?? [])].map((r) => r.name);
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

  /** Where the archive and the DLQ files (`dlq-<rule>.jsonl`) are kept. */
  get dataDir(): string | undefined {
    return this.options.dataDir;
  }

  /** One delivery of a dead letter to its rule's target, no retries (the redrive: scripts/redrive.ts). */
  async redeliver(ruleName: string, event: BusEvent): Promise<void> {
    const direct = this.options.directRules?.find((r) => r.name === ruleName);
    if (direct) return direct.accept(event);
    const rule = this.rules.find((r) => r.name === ruleName);
    if (!rule) throw new Error(`No rule ${ruleName}`);
    await this.invokeTarget(rule, event, 1);
    keepRecent(this.deliveries, { eventId: event.id, rule: rule.name, attempts: 1, status: 'delivered' });
  }

  /** Failed deliveries waiting for the clock to reach their next receive (not pending: nothing moves until then). */
  get waitingRetries(): number {
    return this.retriesWaiting;
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
    if (Buffer.byteLength(JSON.stringify(entry)) > MAX_ENTRY_BYTES)
      return fail('EntrySizeExceeded', 'An entry may not exceed 256 KB');
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail ?? '');
    } catch {
      return fail('MalformedDetail', 'Detail is not valid JSON');
    }
    if (!detail || typeof detail !== 'object' || Array.isArray(detail))
      return fail('MalformedDetail', 'Detail must be a JSON object');

    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: LOCAL.account,
      // On the wire (AWS JSON) Time is in epoch seconds.
      time: new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : (entry.Time ?? this.clock.now()))
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      region: LOCAL.region,
      resources: entry.Resources ?? [],
      detail: detail as Record<string, unknown>,
    };
    keepRecent(this.archive, event);
    if (this.options.dataDir && !this.closed)
      appendFileSync(join(this.options.dataDir, 'archive.jsonl'), `${JSON.stringify(event)}\n`);
    for (const rule of this.rules) {
      if (matchesEventPattern(rule.pattern, event)) this.track(this.deliver(rule, event));
    }
    for (const rule of this.options.directRules ?? []) {
      if (!matchesEventPattern(rule.pattern, event)) continue;
      try {
        rule.accept(event);
      } catch (error) {
        this.deadLetter(rule, event, 1, `${(error as Error).name}: ${(error as Error).message}`);
      }
    }
    return { EventId: event.id };
  }

  /**
   * Stopped with its cloud: a delivery still in flight finishes without writing to the data folder, which the
   * cloud's teardown may have removed already (a busy machine's late retry once failed with ENOENT there).
   */
  close(): void {
    this.closed = true;
  }

  private closed = false;

  private track(delivery: Promise<void>): void {
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  private async deliver(rule: RuleDeclaration, event: BusEvent): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [50, 200, 800];
    let lastError = '';
    // The soak's faults (off unless a fault injector is installed): a delivery delayed, made twice, or dropped into
    // the rule's DLQ at once (as when EventBridge's retries run out), for the redrive to bring back.
    const injector = faultInjector();
    const fault = injector?.roll('delivery');
    if (fault === 'event-delayed') await new Promise((r) => setTimeout(r, injector!.delayMs()));
    if (fault === 'event-duplicated') this.track(this.invokeTarget(rule, event).catch(() => undefined));
    if (fault === 'event-dropped') lastError = 'InjectedFault: the delivery was dropped';
    if (fault !== 'event-dropped' && !this.options.retryDelaysMs) return this.receive(rule, event, 1);
    for (let attempt = fault === 'event-dropped' ? delays.length + 1 : 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) injector?.countRetry('event bus delivery');
      if (attempt > 0) await new Promise((r) => setTimeout(r, delays[attempt - 1]! * (0.5 + Math.random() / 2)));
      try {
        await this.invokeTarget(rule, event);
        keepRecent(this.deliveries, { eventId: event.id, rule: rule.name, attempts: attempt + 1, status: 'delivered' });
        return;
      } catch (error) {
        lastError = `${(error as Error).name}: ${(error as Error).message}`;
      }
    }
    this.deadLetter(rule, event, delays.length + 1, lastError);
  }

  /** One receive from the rule's queue; a failure comes back one visibility timeout later on the clock, then the DLQ. */
  private async receive(rule: RuleDeclaration, event: BusEvent, receiveCount: number): Promise<void> {
    const policy = this.options.retryPolicy ?? CONSUMER_RETRY_POLICY;
    try {
      await this.invokeTarget(rule, event, receiveCount);
      keepRecent(this.deliveries, { eventId: event.id, rule: rule.name, attempts: receiveCount, status: 'delivered' });
    } catch (error) {
      const lastError = `${(error as Error).name}: ${(error as Error).message}`;
      if (receiveCount >= policy.maxReceiveCount) return this.deadLetter(rule, event, receiveCount, lastError);
      faultInjector()?.countRetry('event bus delivery');
      this.retriesWaiting += 1;
      this.clock.at(this.clock.now() + policy.visibilityTimeoutSeconds * 1000, () => {
        this.retriesWaiting -= 1;
        this.track(this.receive(rule, event, receiveCount + 1));
      });
    }
  }

  private deadLetter(rule: { readonly name: string }, event: BusEvent, attempts: number, error: string): void {
    keepRecent(this.deliveries, { eventId: event.id, rule: rule.name, attempts, status: 'dead', error });
    this.deadLetters.push({ rule: rule.name, event, error });
    if (this.options.dataDir && !this.closed)
      appendFileSync(join(this.options.dataDir, `dlq-${rule.name}.jsonl`), `${JSON.stringify({ error, event })}\n`);
  }
}

/** Evaluates a rule target's InputPath (`$`, `$.a.b`) against the event. */
export function selectInputPath(event: unknown, path: string | undefined): unknown {
  if (!path || path === '$') return event;
  if (!/^\$(\.[\w-]+)+$/.test(path)) throw new Error(`Unsupported InputPath ${path}`);
  return path
    .slice(2)
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      event,
    );
}

/** A long-running `npm start` must not grow without bound: memory keeps the latest entries only. */
const RECENT = 10_000;
function keepRecent<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > RECENT) list.splice(0, list.length - RECENT);
}
