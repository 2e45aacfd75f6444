/**
 * The local cloud's fault injector, for the soak (`npm run soak`): switched off unless one is installed, and only the
 * local cloud's own parts and the SDK clients' middleware ask it. Each fault point asks `roll(point)` once per
 * operation; with probability `rate` the operation fails in one of the point's ways, drawn from a seeded generator,
 * so a run with the same seed draws the same sequence. Everything drawn is counted by kind.
 */

/** The ways an operation fails, grouped by the point in the local cloud that makes them happen. */
export const FAULT_POINTS = {
  /** SDK middleware on the DynamoDB client: throttling (the SDK retries it), a transaction conflict (TransactWriteItems only). */
  dynamodb: ['dynamodb-throttle'],
  'dynamodb-transaction': ['dynamodb-throttle', 'dynamodb-transaction-conflict'],
  /** SDK middleware on the S3 client: 503 SlowDown / 500 InternalError, which the SDK retries. */
  s3: ['s3-error'],
  /** The local functions: the handler finished (its writes are made) but the invoker throws: its answer is lost. */
  function: ['function-crash-after-write'],
  /** The local event bus, per delivery to a rule's target. A drop goes to the rule's DLQ without an attempt. */
  delivery: ['event-duplicated', 'event-delayed', 'event-dropped'],
  /** The local Step Functions, per Task state run: the task fails as a Lambda service error would. */
  task: ['sfn-task-failure'],
  /** The local AWS endpoint: a token's SendTaskSuccess/Failure fail (500) for 30 s, retries included: the answer is lost. */
  'task-answer': ['sfn-task-token-lost'],
  /** A department's simulated system: down (503) or slow (answers after the platform's timeout is near). */
  webhook: ['webhook-down', 'webhook-slow'],
  /** The simulated payment provider: a notification delivered a second time after it was accepted. */
  'payment-notification': ['payment-notification-twice'],
} as const;
export type FaultPoint = keyof typeof FAULT_POINTS;
export type FaultKind = (typeof FAULT_POINTS)[FaultPoint][number];
export const FAULT_KINDS: readonly FaultKind[] = [...new Set(Object.values(FAULT_POINTS).flat())] as FaultKind[];

export interface FaultInjectorOptions {
  /** Probability that one operation at a fault point fails (0 to 1). */
  readonly rate: number;
  readonly seed?: number;
  /** Only these kinds are drawn (default all). */
  readonly kinds?: readonly FaultKind[];
  /** How long a delayed delivery or a slow webhook waits (ms), drawn uniformly in [min, max]. */
  readonly delayMs?: readonly [number, number];
}

/** mulberry32: small, fast, good enough to spread faults; the same seed gives the same draws. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  readonly rate: number;
  readonly seed: number;
  /** Faults injected, by kind. */
  readonly injected = new Map<FaultKind, number>();
  /** Operations that asked, by point (the denominator of the rate). */
  readonly operations = new Map<FaultPoint, number>();
  /** Retries the local cloud's parts made (the SDK's attempts after the first, the bus's redeliveries), by where. */
  readonly retries = new Map<string, number>();
  private readonly kinds: ReadonlySet<FaultKind>;
  private readonly random: () => number;
  private readonly delay: readonly [number, number];
  private on = true;

  constructor(options: FaultInjectorOptions) {
    if (!(options.rate >= 0 && options.rate <= 1))
      throw new RangeError(`The fault rate must be between 0 and 1, not ${options.rate}`);
    this.rate = options.rate;
    this.seed = options.seed ?? 1;
    this.random = generator(this.seed);
    this.kinds = new Set(options.kinds ?? FAULT_KINDS);
    this.delay = options.delayMs ?? [500, 3000];
  }

  get enabled(): boolean {
    return this.on && this.rate > 0;
  }

  /** Stops injecting (counts stay); the platform then recovers on its own and by its repairs. */
  stop(): void {
    this.on = false;
  }

  start(): void {
    this.on = true;
  }

  /** Asked once per operation at a point: the fault to inject, or undefined to let it run. */
  roll(point: FaultPoint): FaultKind | undefined {
    if (!this.enabled) return undefined;
    this.operations.set(point, (this.operations.get(point) ?? 0) + 1);
    if (this.random() >= this.rate) return undefined;
    const candidates = (FAULT_POINTS[point] as readonly FaultKind[]).filter((k) => this.kinds.has(k));
    if (candidates.length === 0) return undefined;
    const kind = candidates[Math.floor(this.random() * candidates.length)]!;
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
    return kind;
  }

  /** A delay for a delayed delivery or a slow webhook (ms). */
  delayMs(): number {
    const [min, max] = this.delay;
    return Math.round(min + this.random() * (max - min));
  }

  countRetry(where: string, n = 1): void {
    this.retries.set(where, (this.retries.get(where) ?? 0) + n);
  }

  get totalInjected(): number {
    return [...this.injected.values()].reduce((s, n) => s + n, 0);
  }
}

/** An error the injector made, recognisable in logs and by the soak. */
export class InjectedFault extends Error {
  constructor(
    readonly kind: FaultKind,
    message: string,
    name = 'InjectedFault',
  ) {
    super(`${message} (injected: ${kind})`);
    this.name = name;
  }
}

// The one installed injector, on globalThis so every copy of this module (and the SDK middleware in
// shared/adapters/aws-clients.ts, which must not import infra code) sees the same one.
const KEY = Symbol.for('one-stop.local.fault-injector');
/** The SDK hook aws-clients.ts reads: (client, command, attempt) → an error to throw instead of sending, or undefined. */
const SDK_HOOK = Symbol.for('one-stop.sdk-fault-hook');
type Registry = { [KEY]?: FaultInjector; [SDK_HOOK]?: SdkFaultHook };
export type SdkFaultHook = (client: string, command: string, attempt: number) => Error | undefined;

export function faultInjector(): FaultInjector | undefined {
  return (globalThis as Registry)[KEY];
}

/** Installs (or, with undefined, removes) the injector for this process, with its SDK hook. */
export function installFaultInjector(injector: FaultInjector | undefined): void {
  const registry = globalThis as Registry;
  registry[KEY] = injector;
  registry[SDK_HOOK] = injector ? sdkHook(injector) : undefined;
}

/** An AWS service error as the SDK deserialises it: name, $fault, $metadata, and what the retry strategy reads. */
function serviceError(kind: FaultKind, name: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new InjectedFault(kind, name, name), {
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'injected', attempts: 1, totalRetryDelay: 0 },
    ...extra,
  });
}

function sdkHook(injector: FaultInjector): SdkFaultHook {
  return (client, command, attempt) => {
    if (attempt > 1) injector.countRetry(`${client} SDK`);
    if (client === 'dynamodb') {
      const transaction = command === 'TransactWriteItemsCommand' || command === 'TransactWriteCommand';
      const kind = injector.roll(transaction ? 'dynamodb-transaction' : 'dynamodb');
      if (kind === 'dynamodb-throttle')
        return serviceError(kind, 'ProvisionedThroughputExceededException', 400, { $retryable: { throttling: true } });
      if (kind === 'dynamodb-transaction-conflict') {
        return serviceError(kind, 'TransactionCanceledException', 400, {
          CancellationReasons: [{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }],
        });
      }
      return undefined;
    }
    if (client === 's3') {
      // Presigning builds no request through this stack; only sent commands roll.
      const kind = injector.roll('s3');
      if (kind)
        return injector.delayMs() % 2 ? serviceError(kind, 'SlowDown', 503) : serviceError(kind, 'InternalError', 500);
    }
    return undefined;
  };
}
