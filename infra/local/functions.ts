import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import diagnosticsChannel from 'node:diagnostics_channel';
import { resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import { FUNCTION_DEFAULTS, type Topology } from '../topology-model';
import { faultInjector, InjectedFault } from './fault-injector';
import { LOCAL, localFunctionArn, localFunctionName } from './names';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Runs the topology's Lambda handlers in this process, unchanged: each entry module is imported on first use
 * (its cold start, where it parses its environment) and called with a Lambda-shaped context.
 */
export class LocalFunctions {
  private readonly loaded = new Map<string, Promise<Handler>>();
  /** How many times each function ran, and for how long in all (ms, wall time); the bench and tests read them. */
  readonly invocations = new Map<string, number>();
  readonly durationsMs = new Map<string, number>();
  /** Each function's own CPU and awaited I/O, when `accountInvocations()` was called (the bench); else empty. */
  readonly accounts = new Map<string, FunctionAccount>();

  constructor(
    private readonly topology: Topology,
    private readonly rootDir: string,
  ) {}

  names(): string[] {
    return Object.keys(this.topology.functions);
  }

  async invoke(name: string, event: unknown): Promise<unknown> {
    const declaration = this.topology.functions[name];
    if (!declaration) throw new Error(`No function "${name}" in the topology`);
    let handler = this.loaded.get(name);
    if (!handler) {
      handler = import(resolve(this.rootDir, declaration.entry)).then((module: { handler?: Handler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${declaration.entry} does not export a handler`);
        return module.handler;
      });
      this.loaded.set(name, handler);
    }
    const timeoutMs = (declaration.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds) * 1000;
    const deadline = Date.now() + timeoutMs;
    const context: Context = {
      callbackWaitsForEmptyEventLoop: false,
      functionName: localFunctionName(name),
      functionVersion: '$LATEST',
      invokedFunctionArn: localFunctionArn(name),
      memoryLimitInMB: String(declaration.memoryMb ?? FUNCTION_DEFAULTS.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${localFunctionName(name)}`,
      logStreamName: `local/${LOCAL.region}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    this.invocations.set(name, (this.invocations.get(name) ?? 0) + 1);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            Object.assign(new Error(`Task timed out after ${timeoutMs / 1000} seconds`), { name: 'Sandbox.Timedout' }),
          ),
        timeoutMs,
      );
    });
    const started = performance.now();
    const account = accounting ? newInvocationAccount() : undefined;
    try {
      const run = await handler;
      // The handler's first synchronous stretch runs here, in the caller's slice: it is the invocation's own CPU.
      const pending = account ? accounting!.run(account, () => run(event, context)) : run(event, context);
      const result = await Promise.race([pending, timeout]);
      // The soak's fault: the handler's writes are made, but its answer is lost (the container crashed).
      const crash = faultInjector()?.roll('function');
      if (crash)
        throw new InjectedFault(crash, `${name} crashed after its work, before its answer`, 'Runtime.ExitError');
      return result;
    } finally {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      this.durationsMs.set(name, (this.durationsMs.get(name) ?? 0) + wallMs);
      if (account) addToFunctionAccount(this.accounts, name, account, wallMs);
    }
  }
}

// ---- what an invocation would be billed on AWS: its own CPU and its awaited calls ----

/**
 * In this process every function shares the event loop and the cores with the others, the local API, the bus, the
 * state machines and s3rver, so an invocation's wall time says little about AWS, where it has its own CPU. Its
 * billed duration there is, to a close upper bound, the CPU its own code uses plus the time it waits for the
 * services it calls. `accountInvocations()` measures both, per invocation:
 * - CPU: every synchronous slice the event loop runs on the invocation's behalf (async_hooks before/after, the
 *   invocation known by an AsyncLocalStorage tag), timed with performance.now();
 * - I/O: the union of the intervals of its outgoing HTTP requests (the AWS SDK's calls to DynamoDB, S3, Step
 *   Functions and EventBridge, and webhooks), from request start to the end of the response, per service.
 * Off by default: the hooks cost a little on every callback (the bench measures how much and prints it).
 */
export interface InvocationAccount {
  cpuMs: number;
  /** [start, end] of each awaited request, by service. */
  readonly calls: { service: string; start: number; end: number }[];
}
export interface FunctionAccount {
  invocations: number;
  wallMs: number;
  cpuMs: number;
  /** The union of all its requests' intervals, per invocation, summed. */
  ioMs: number;
  /** Requests and their summed duration, by service. */
  readonly byService: Record<string, { calls: number; ms: number }>;
  /** Per invocation: [cpuMs, [service, startOffsetMs, durationMs][]], for a cost model to cap and merge. */
  readonly samples: { cpuMs: number; calls: [string, number, number][] }[];
}

const newInvocationAccount = (): InvocationAccount => ({ cpuMs: 0, calls: [] });

function addToFunctionAccount(
  accounts: Map<string, FunctionAccount>,
  name: string,
  account: InvocationAccount,
  wallMs: number,
) {
  let sum = accounts.get(name);
  if (!sum) {
    sum = { invocations: 0, wallMs: 0, cpuMs: 0, ioMs: 0, byService: {}, samples: [] };
    accounts.set(name, sum);
  }
  sum.invocations += 1;
  sum.wallMs += wallMs;
  sum.cpuMs += account.cpuMs;
  sum.ioMs += unionMs(account.calls.map((c) => [c.start, c.end]));
  const first = account.calls.reduce((m, c) => Math.min(m, c.start), Number.POSITIVE_INFINITY);
  for (const c of account.calls) {
    const s = sum.byService[c.service] ?? { calls: 0, ms: 0 };
    s.calls += 1;
    s.ms += c.end - c.start;
    sum.byService[c.service] = s;
  }
  sum.samples.push({
    cpuMs: account.cpuMs,
    calls: account.calls.map((c) => [c.service, c.start - first, c.end - c.start]),
  });
}

/** The length of the union of some intervals (parallel calls count once). */
export function unionMs(intervals: readonly (readonly [number, number])[]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const [s, e] of sorted) {
    if (s > end) {
      if (end > start) total += end - start;
      start = s;
      end = e;
    } else if (e > end) end = e;
  }
  if (end > start) total += end - start;
  return total;
}

export interface Accounting {
  run<T>(account: InvocationAccount, fn: () => T): T;
  /**
   * Tags the running callback's resource, and what it starts from now on, with `account` (AsyncLocalStorage
   * enterWith): the capacity bench tags the local servers (s3rver, the local API) as they accept a connection.
   */
  enter(account: InvocationAccount): void;
  /** Async callbacks run since accounting began (each one ran the before and after hooks). */
  readonly callbacks: () => number;
  /**
   * The wall time of every slice timed (any invocation's or none), ms. Slices are timed by the clock, so when the OS
   * runs another process in the middle of one, that time counts too: the process's CPU time over this is the share
   * of slice time really spent on the CPU, by which the bench scales the slices it attributes.
   */
  readonly sliceWallMs: () => number;
  /**
   * What the hooks cost per callback (ns): a loop of awaits timed with the hooks off, then on. Run it when the
   * process is otherwise quiet.
   */
  calibrate(): Promise<number>;
}
let accounting: Accounting | undefined;

/** The service an outgoing request goes to, from the endpoints the local cloud set (AWS_ENDPOINT_URL_*). */
function serviceOf(origin: string, target: string | undefined): string {
  const env = process.env;
  const is = (url: string | undefined) => {
    if (!url) return false;
    try {
      return new URL(url).host === origin;
    } catch {
      return false;
    }
  };
  if (is(env.AWS_ENDPOINT_URL_DYNAMODB)) return target?.includes('.Transact') ? 'dynamodb-transact' : 'dynamodb';
  if (is(env.AWS_ENDPOINT_URL_S3)) return 's3';
  if (is(env.AWS_ENDPOINT_URL_SFN) || is(env.AWS_ENDPOINT_URL_EVENTBRIDGE))
    return target?.startsWith('AWSEvents') ? 'eventbridge' : target?.startsWith('AWSStepFunctions') ? 'sfn' : 'aws';
  return 'http';
}

/**
 * Turns on the per-invocation accounting (process-wide; once). The bench calls it before the cloud starts.
 * Slices nest (a synchronous emit inside a callback): the inner one is its resource's, the outer one pauses.
 */
export function accountInvocations(): Accounting {
  if (accounting) return accounting;
  const tag = new AsyncLocalStorage<InvocationAccount>();
  const stack: { id: number; account: InvocationAccount | undefined; since: number }[] = [];
  let callbacks = 0;
  let sliceWall = 0;
  const open = (id: number, account: InvocationAccount | undefined) => {
    const now = performance.now();
    const outer = stack[stack.length - 1];
    if (outer) sliceWall += now - outer.since;
    if (outer?.account) outer.account.cpuMs += now - outer.since;
    stack.push({ id, account, since: now });
  };
  const close = (id: number) => {
    const now = performance.now();
    // Unwind to the matching slice (an uncaught exception can skip an after hook).
    while (stack.length) {
      const slice = stack.pop()!;
      sliceWall += now - slice.since;
      if (slice.account) slice.account.cpuMs += now - slice.since;
      if (slice.id === id) break;
    }
    const outer = stack[stack.length - 1];
    if (outer) outer.since = now;
  };
  const hook = createHook({
    before(asyncId) {
      callbacks += 1;
      open(asyncId, tag.getStore());
    },
    after(asyncId) {
      close(asyncId);
    },
  }).enable();

  const pending = new WeakMap<object, { account: InvocationAccount; service: string; start: number }>();
  const finish = (request: object) => {
    const p = pending.get(request);
    if (!p) return;
    pending.delete(request);
    p.account.calls.push({ service: p.service, start: p.start, end: performance.now() });
  };
  // node:http (the AWS SDK's handler).
  diagnosticsChannel.subscribe('http.client.request.start', (message) => {
    const account = tag.getStore();
    if (!account) return;
    const request = (message as { request: import('node:http').ClientRequest }).request;
    const target = request.getHeader('x-amz-target');
    // The SDK sets the Host header (host:port), which names the endpoint.
    const host = request.getHeader('host');
    pending.set(request, {
      account,
      service: serviceOf(
        typeof host === 'string' ? host : request.host,
        typeof target === 'string' ? target : undefined,
      ),
      start: performance.now(),
    });
    request.once('close', () => finish(request));
  });
  // fetch (undici): webhooks and other plain HTTP calls.
  diagnosticsChannel.subscribe('undici:request:create', (message) => {
    const account = tag.getStore();
    if (!account) return;
    const request = (message as { request: { origin: string } }).request;
    pending.set(request, {
      account,
      service: serviceOf(new URL(request.origin).host, undefined),
      start: performance.now(),
    });
  });
  for (const name of ['undici:request:trailers', 'undici:request:error'])
    diagnosticsChannel.subscribe(name, (message) => finish((message as { request: object }).request));

  let manual = -1;
  accounting = {
    run(account, fn) {
      const id = manual--;
      open(id, account);
      try {
        return tag.run(account, fn);
      } finally {
        close(id);
      }
    },
    enter(account) {
      tag.enterWith(account);
    },
    callbacks: () => callbacks,
    sliceWallMs: () => sliceWall,
    async calibrate() {
      const awaits = async (n: number) => {
        for (let i = 0; i < n; i++) await null;
      };
      const N = 200_000;
      await awaits(N / 10); // warm the loop up
      hook.disable();
      let started = performance.now();
      await awaits(N);
      const off = performance.now() - started;
      hook.enable();
      const counted = callbacks;
      started = performance.now();
      await awaits(N);
      const on = performance.now() - started;
      return Math.max(0, ((on - off) * 1e6) / Math.max(1, callbacks - counted));
    },
  };
  return accounting;
}
