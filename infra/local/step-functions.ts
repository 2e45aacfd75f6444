import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Topology } from '../topology-model';
import type { LocalClock } from './clock';
import { faultInjector, InjectedFault } from './fault-injector';
import type { LocalFunctions } from './functions';
import { functionFromReference, LOCAL, localFunctionArn, localStateMachineArn } from './names';

/** An AWS API error: the AWS-JSON endpoint answers it as `{"__type": name, "message"}`. */
export class AwsApiError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface LocalExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  /**
   * What AWS bills a Standard execution for, in order: every state entered (Map and its inner states, Pass, Choice,
   * Succeed, Fail alike; an inline Map's iterations themselves are free), and every retry, listed as `<state> (retry)`.
   */
  readonly transitions: string[];
}

interface WaitingTask {
  readonly executionArn: string;
  readonly stateName: string;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: Error) => void;
  timeoutTimer?: number;
  heartbeatTimer?: number;
  readonly heartbeatSeconds?: number;
}

/** Placeholder that `$$.Task.Token` resolves to; each task swaps it for a token of its own. */
const TOKEN_PLACEHOLDER = '__LOCAL_TASK_TOKEN__';
/** The emulator enforces TimeoutSeconds with setTimeout; we enforce it on the movable clock instead. */
const EMULATOR_TIMEOUT_SECONDS = 2_000_000;

type AslState = Record<string, unknown> & { Type: string; Resource?: string };
type TaskHandler = (input: unknown) => Promise<unknown>;

export interface StepFunctionsPorts {
  readonly functions: LocalFunctions;
  readonly clock: LocalClock;
  /** PutEvents for `events:putEvents` tasks. */
  readonly putEvents: (entries: unknown[]) => Promise<unknown>;
}

/**
 * Step Functions on one machine: runs the ASL files of the topology with aws-local-stepfunctions, and adds what the
 * emulator lacks: per-task tokens answered by SendTaskSuccess/Failure/Heartbeat, execution names that cannot be
 * reused, DescribeExecution, and timeouts on the local clock.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<
    string,
    { name: string; machine: StateMachine; handlers: Record<string, TaskHandler>; sequentialMaps: Set<string> }
  >();
  private readonly executions = new Map<string, LocalExecution>();
  private readonly waiting = new Map<string, WaitingTask>();
  private readonly running = new Set<Promise<unknown>>();
  /** State transitions, for the bench's cost figures: counted as AWS bills them (see track). */
  stateTransitions = 0;
  /** Task invocations under way; idle() waits for them. */
  private inFlight = 0;

  constructor(
    topology: Topology,
    rootDir: string,
    private readonly ports: StepFunctionsPorts,
  ) {
    for (const [name, declaration] of Object.entries(topology.stateMachines)) {
      const definition = loadDefinition(resolve(rootDir, declaration.definition), {
        Partition: 'aws',
        ...Object.fromEntries(
          Object.entries(declaration.substitutions).map(([k, v]) => [k, localFunctionArn(v.functionArn)]),
        ),
      });
      const handlers: Record<string, TaskHandler> = {};
      for (const [stateName, state] of taskStates(definition)) {
        handlers[stateName] = this.taskHandler(topology, name, stateName, state);
        state.TimeoutSeconds = EMULATOR_TIMEOUT_SECONDS;
      }
      const machine = new StateMachine(definition as never, {
        validationOptions: { checkPaths: true, checkArn: true },
      });
      const sequentialMaps = new Set(
        Object.entries(definition.States as Record<string, AslState>)
          .filter(([, state]) => state.Type === 'Map' && state.MaxConcurrency === 1)
          .map(([stateName]) => stateName),
      );
      this.machines.set(localStateMachineArn(name), { name, machine, handlers, sequentialMaps });
    }
  }

  stateMachineArns(): string[] {
    return [...this.machines.keys()];
  }

  startExecution(stateMachineArn: string, input: string | undefined, name: string | undefined): LocalExecution {
    const entry = this.machines.get(stateMachineArn);
    if (!entry) throw new AwsApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    const executionName = name ?? randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(executionName))
      throw new AwsApiError('InvalidName', `Invalid Name: '${executionName}'`);
    const executionArn = `arn:aws:states:${LOCAL.region}:${LOCAL.account}:execution:${LOCAL.prefix}-${entry.name}:${executionName}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // As in AWS: the same name and input while running is idempotent; anything else is a conflict.
      if (existing.status === 'RUNNING' && existing.input === (input ?? '{}')) return existing;
      throw new AwsApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(input ?? '{}');
    } catch {
      throw new AwsApiError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not JSON');
    }
    const execution: LocalExecution = {
      executionArn,
      stateMachineArn,
      name: executionName,
      input: input ?? '{}',
      startDate: new Date(this.ports.clock.now()),
      status: 'RUNNING',
      transitions: [],
    };
    this.executions.set(executionArn, execution);
    const run = entry.machine.run(parsedInput as never, {
      overrides: { taskResourceLocalHandlers: bindExecution(entry.handlers, executionArn) as never },
      context: {
        Execution: { Id: executionArn, Name: executionName, RoleArn: `arn:aws:iam::${LOCAL.account}:role/local` },
        StateMachine: { Id: stateMachineArn, Name: `${LOCAL.prefix}-${entry.name}` },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    const settled = this.track(execution, entry.sequentialMaps, run.eventLogs, run.result)
      .then((output) => {
        execution.status = 'SUCCEEDED';
        execution.output = JSON.stringify(output ?? null);
      })
      .catch((error: Error & { cause?: unknown }) => {
        const inner = unwrapExecutionError(error);
        // TIMED_OUT is the execution's own TimeoutSeconds; a task's States.Timeout fails the execution.
        execution.status = error.name === 'ExecutionTimeoutError' ? 'TIMED_OUT' : 'FAILED';
        execution.error = inner.name;
        execution.cause = inner.message;
      })
      .finally(() => {
        execution.stopDate = new Date(this.ports.clock.now());
        this.running.delete(settled);
        this.forgetTasksOf(executionArn);
      });
    this.running.add(settled);
    return execution;
  }

  describeExecution(executionArn: string): LocalExecution {
    const execution = this.executions.get(executionArn);
    if (!execution) throw new AwsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  listExecutions(stateMachineArn: string): LocalExecution[] {
    return [...this.executions.values()].filter((e) => e.stateMachineArn === stateMachineArn);
  }

  sendTaskSuccess(token: string, output: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new AwsApiError('InvalidOutput', 'Invalid Output: not JSON');
    }
    this.takeTask(token).resolve(parsed);
  }

  sendTaskFailure(token: string, error: string | undefined, cause: string | undefined): void {
    this.takeTask(token).reject(Object.assign(new Error(cause ?? ''), { name: error ?? '' }));
  }

  sendTaskHeartbeat(token: string): void {
    const task = this.findTask(token);
    if (task.heartbeatSeconds !== undefined) this.armHeartbeat(token, task);
  }

  /** Tokens of tasks now waiting, for tests and the demo. */
  waitingTasks(): { token: string; executionArn: string; stateName: string }[] {
    return [...this.waiting.entries()].map(([token, t]) => ({
      token,
      executionArn: t.executionArn,
      stateName: t.stateName,
    }));
  }

  /** Resolves when no execution makes progress by itself any more (all finished or waiting on tokens). */
  async idle(): Promise<void> {
    for (let quietRounds = 0; quietRounds < 3; ) {
      const before = this.stateTransitions;
      await new Promise((r) => setTimeout(r, this.inFlight > 0 ? 5 : 0));
      quietRounds = this.inFlight === 0 && this.stateTransitions === before ? quietRounds + 1 : 0;
    }
  }

  async stop(): Promise<void> {
    for (const [token, task] of this.waiting) {
      task.reject(Object.assign(new Error('The local cloud stopped'), { name: 'States.Runtime' }));
      this.waiting.delete(token);
    }
    // An execution in a Retry's backoff (a failed step after a fault) would hold the stop for its whole interval.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => (timer = setTimeout(r, 5000)))]);
    clearTimeout(timer);
  }

  /**
   * Counts state transitions as AWS bills them: each state entered and each retry ("If you include retry error
   * handling in any steps of your workflow, each retry will be charged as an additional state transition", the
   * Step Functions pricing page). The emulator reports both, inner states of inline Maps included.
   *
   * One correction: when an iteration of a top-level Map with MaxConcurrency 1 fails (a stage rejected, a wave
   * withdrawn), the emulator's queue still starts the next iteration before it aborts them; AWS starts none. What
   * that iteration entered (arriving before or after the failure) is not counted.
   */
  private async track(
    execution: LocalExecution,
    sequentialMaps: ReadonlySet<string>,
    events: AsyncGenerator<unknown>,
    result: Promise<unknown>,
  ): Promise<unknown> {
    type Entry = { label: string; map?: string; index?: number };
    const entries: Entry[] = [];
    const failedIteration = new Map<string, number>();
    // Nested events reach the root with the top-level Map's iteration index; that Map is the last one entered.
    let topMap: string | undefined;
    const afterFailure = (e: Entry) =>
      e.map !== undefined && e.index !== undefined && e.index > (failedIteration.get(e.map) ?? Infinity);
    void (async () => {
      for await (const event of events) {
        const { type, state, index, parentState } = event as {
          type?: string;
          state?: { name?: string };
          index?: number;
          parentState?: { name?: string };
        };
        if (type === 'MapIterationFailed' && index !== undefined && sequentialMaps.has(String(parentState?.name))) {
          const map = String(parentState?.name);
          failedIteration.set(map, Math.min(index, failedIteration.get(map) ?? Infinity));
          const kept = entries.filter((e) => !afterFailure(e));
          this.stateTransitions -= entries.length - kept.length;
          entries.splice(0, entries.length, ...kept);
          execution.transitions.splice(0, execution.transitions.length, ...kept.map((e) => e.label));
          continue;
        }
        if (type !== 'StateEntered' && type !== 'StateRetried') continue;
        const name = String(state?.name);
        if (index === undefined && sequentialMaps.has(name)) topMap = name;
        const entry: Entry = {
          label: type === 'StateRetried' ? `${name} (retry)` : name,
          ...(index !== undefined && topMap ? { map: topMap, index } : {}),
        };
        if (afterFailure(entry)) continue;
        entries.push(entry);
        execution.transitions.push(entry.label);
        this.stateTransitions++;
      }
    })();
    return result;
  }

  private taskHandler(
    topology: Topology,
    machine: string,
    stateName: string,
    state: AslState,
  ): (input: unknown, executionArn?: string) => Promise<unknown> {
    const resource = String(state.Resource);
    const where = `state machine ${machine}, state ${stateName}`;
    const timeoutSeconds = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined;
    const heartbeatSeconds = typeof state.HeartbeatSeconds === 'number' ? state.HeartbeatSeconds : undefined;
    if ('TimeoutSecondsPath' in state || 'HeartbeatSecondsPath' in state) {
      throw new Error(`${where}: TimeoutSecondsPath/HeartbeatSecondsPath are not supported by the local cloud`);
    }
    const invokeFunction = (reference: unknown, payload: unknown) => {
      const fn = functionFromReference(topology, String(reference));
      if (!fn)
        throw Object.assign(new Error(`Function not found: ${String(reference)}`), {
          name: 'Lambda.ResourceNotFoundException',
        });
      return this.ports.functions.invoke(fn, payload);
    };

    const direct = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:(.+)$/.exec(resource);
    const integration = /^arn:aws[\w-]*:states:::(.+)$/.exec(resource)?.[1];
    let run: (input: Record<string, unknown>) => Promise<unknown>;
    if (direct) run = (input) => invokeFunction(direct[1], input);
    else if (integration === 'lambda:invoke' || integration === 'lambda:invoke.waitForTaskToken') {
      run = async (input) => ({
        ExecutedVersion: '$LATEST',
        StatusCode: 200,
        Payload: await invokeFunction(input.FunctionName, input.Payload),
      });
    } else if (integration === 'events:putEvents' || integration === 'events:putEvents.waitForTaskToken') {
      run = (input) => this.ports.putEvents(input.Entries as unknown[]);
    } else {
      throw new Error(`${where}: resource ${resource} is not supported by the local cloud`);
    }

    const waitsForToken = integration?.endsWith('.waitForTaskToken') ?? false;
    const counted = async (input: Record<string, unknown>) => {
      this.inFlight++;
      try {
        // The soak's fault: the task fails before its work, as a Lambda service error does (the state's Retry decides).
        const fault = faultInjector()?.roll('task');
        if (fault) throw new InjectedFault(fault, `${where}: the task failed`, 'Lambda.ServiceException');
        return await run(input);
      } finally {
        this.inFlight--;
      }
    };
    return async (rawInput: unknown, executionArn = '') => {
      const input = rawInput as Record<string, unknown>;
      if (!waitsForToken) return this.withTimeout(counted(input), timeoutSeconds);
      const token = randomBytes(48).toString('base64url');
      const decided = new Promise<unknown>((resolveTask, rejectTask) => {
        const task: WaitingTask = {
          executionArn,
          stateName,
          resolve: resolveTask,
          reject: rejectTask,
          heartbeatSeconds,
        };
        this.waiting.set(token, task);
        if (timeoutSeconds !== undefined) {
          task.timeoutTimer = this.ports.clock.at(this.ports.clock.now() + timeoutSeconds * 1000, () =>
            this.failWaiting(token, 'States.Timeout', `The task did not answer within ${timeoutSeconds} seconds`),
          );
        }
        if (heartbeatSeconds !== undefined) this.armHeartbeat(token, task);
      });
      // Once the execution has ended nobody awaits this promise; its late rejection must not go unhandled.
      decided.catch(() => undefined);
      // A failed invocation fails the task at once; its result is ignored, as for .waitForTaskToken in AWS.
      await counted(replaceDeep(input, TOKEN_PLACEHOLDER, token) as Record<string, unknown>).catch((error: Error) => {
        this.failWaiting(token, error.name, error.message);
      });
      return decided;
    };
  }

  private withTimeout(promise: Promise<unknown>, timeoutSeconds: number | undefined): Promise<unknown> {
    if (timeoutSeconds === undefined) return promise;
    let timer = 0;
    const timeout = new Promise((_, reject) => {
      timer = this.ports.clock.at(this.ports.clock.now() + timeoutSeconds * 1000, () =>
        reject(Object.assign(new Error('Task timed out'), { name: 'States.Timeout' })),
      );
    });
    return Promise.race([promise, timeout]).finally(() => this.ports.clock.cancel(timer));
  }

  private armHeartbeat(token: string, task: WaitingTask): void {
    if (task.heartbeatTimer !== undefined) this.ports.clock.cancel(task.heartbeatTimer);
    task.heartbeatTimer = this.ports.clock.at(this.ports.clock.now() + (task.heartbeatSeconds ?? 0) * 1000, () =>
      this.failWaiting(token, 'States.HeartbeatTimeout', `No heartbeat within ${task.heartbeatSeconds} seconds`),
    );
  }

  private failWaiting(token: string, name: string, message: string): void {
    const task = this.waiting.get(token);
    if (!task) return;
    this.release(token, task);
    task.reject(Object.assign(new Error(message), { name }));
  }

  private findTask(token: string): WaitingTask {
    if (!/^[A-Za-z0-9_-]{20,}$/.test(token)) throw new AwsApiError('InvalidToken', 'Invalid Token');
    const task = this.waiting.get(token);
    if (!task) throw new AwsApiError('TaskDoesNotExist', 'Task Does Not Exist');
    return task;
  }

  private takeTask(token: string): WaitingTask {
    const task = this.findTask(token);
    this.release(token, task);
    return task;
  }

  private release(token: string, task: WaitingTask): void {
    this.waiting.delete(token);
    if (task.timeoutTimer !== undefined) this.ports.clock.cancel(task.timeoutTimer);
    if (task.heartbeatTimer !== undefined) this.ports.clock.cancel(task.heartbeatTimer);
  }

  /** A finished execution's other tasks (e.g. parallel siblings of a failed one) stop waiting, as in AWS. */
  private forgetTasksOf(executionArn: string): void {
    for (const [token, task] of this.waiting) {
      if (task.executionArn !== executionArn) continue;
      this.release(token, task);
      task.reject(Object.assign(new Error('The execution ended'), { name: 'States.Runtime' }));
    }
  }
}

/** Reads an ASL file and replaces its `${Name}` placeholders, as CDK's definitionSubstitutions does. */
export function loadDefinition(file: string, substitutions: Record<string, string>): Record<string, unknown> {
  const text = readFileSync(file, 'utf8').replace(/\$\{(\w+)\}/g, (whole, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`${file}: no substitution for ${whole}`);
    return value;
  });
  return JSON.parse(text) as Record<string, unknown>;
}

/** Every Task state of a definition, including those inside Parallel branches and Map processors. */
export function taskStates(definition: Record<string, unknown>): [string, AslState][] {
  const found: [string, AslState][] = [];
  const visit = (machine: Record<string, unknown> | undefined) => {
    for (const [name, state] of Object.entries((machine?.States ?? {}) as Record<string, AslState>)) {
      if (state.Type === 'Task') found.push([name, state]);
      for (const branch of (state.Branches as Record<string, unknown>[] | undefined) ?? []) visit(branch);
      visit((state.ItemProcessor ?? state.Iterator) as Record<string, unknown> | undefined);
    }
  };
  visit(definition);
  return found;
}

function bindExecution(
  handlers: Record<string, (input: unknown, executionArn?: string) => Promise<unknown>>,
  executionArn: string,
) {
  return Object.fromEntries(
    Object.entries(handlers).map(([state, handler]) => [state, (input: unknown) => handler(input, executionArn)]),
  );
}

function replaceDeep(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, from, to));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceDeep(v, from, to)]));
  }
  return value;
}

/** The emulator wraps the failing state's error in an ExecutionError; the inner one carries the ASL error name. */
function unwrapExecutionError(error: Error & { cause?: unknown }): Error {
  const inner = error.cause;
  return inner instanceof Error ? inner : error;
}
