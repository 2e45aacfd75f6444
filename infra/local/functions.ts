import { randomUUID } from 'node:crypto';
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
    try {
      const result = await Promise.race([(await handler)(event, context), timeout]);
      // The soak's fault: the handler's writes are made, but its answer is lost (the container crashed).
      const crash = faultInjector()?.roll('function');
      if (crash)
        throw new InjectedFault(crash, `${name} crashed after its work, before its answer`, 'Runtime.ExitError');
      return result;
    } finally {
      clearTimeout(timer);
      this.durationsMs.set(name, (this.durationsMs.get(name) ?? 0) + (performance.now() - started));
    }
  }
}
