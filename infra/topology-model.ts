import type { RouteContract } from '../shared/contracts/route-contract';
import type { ReadScope, TableDesign } from '../shared/db/table';
import type { CompressionRule } from '../shared/domain/analytics/compression';

/**
 * The vocabulary of infra/topology.ts. CDK (infra/stacks) and the local cloud (infra/local) both iterate over a
 * Topology; neither declares a resource of its own.
 */

export type TableName = string;
export type BucketName = string;
export type FunctionName = string;
export type StateMachineName = string;
export type DeliveryStreamName = string;

/**
 * The stage settings a function may bind (`{ setting: … }`), with the values their environment variables are built
 * from: the stage's settings in cdk.json (infra/stage-config.ts) in AWS, the local cloud's own values locally.
 */
export interface StageSettings {
  readonly compressionRule: CompressionRule;
}
export type StageSettingName = keyof StageSettings;

/**
 * What a function may touch. Each binding gives it one environment variable and the matching IAM grant; a setting
 * binding gives it the setting's variables (see settingEnvironment) and no grant. Each kind (the key that names
 * what it binds) has its entry in infra/bindings.ts, which CDK and the local cloud both read.
 */
export type Binding =
  /**
   * `scope`: only these partition keys (IAM dynamodb:LeadingKeys conditions), for functions that serve the public or
   * touch one kind of item (the outbox relay marks outbox items, nothing else).
   */
  | { readonly table: TableName; readonly access: 'read' | 'readWrite'; readonly scope?: ReadScope }
  /** `prefix`: only objects under it (e.g. `status-lists/`), for functions that must not see the rest of the bucket. */
  | { readonly bucket: BucketName; readonly access: 'read' | 'write' | 'readWrite'; readonly prefix?: string }
  | { readonly bus: 'publish' }
  /** `describe`: DescribeExecution of the machine's executions (the reconciler looks whether a case's one runs). */
  | { readonly stateMachine: StateMachineName; readonly access: 'start' | 'taskResponse' | 'describe' }
  /** The platform's secrets (departments' webhook secrets, the licence holder key): Secrets Manager under the stage's prefix in AWS, files in the local cloud. */
  | { readonly secrets: 'platform'; readonly access: 'read' | 'readWrite' }
  /** The licence signing key: an asymmetric KMS key (ECC_NIST_P256) in AWS, a local P-256 key file in the local cloud. */
  | { readonly signingKey: 'licences' }
  /** The licence key's public half only (kms:GetPublicKey, no kms:Sign): verification and the JWKS. */
  | { readonly signingKey: 'licences'; readonly access: 'publicKey' }
  /** Outgoing messages: SMS through SNS and e-mail through SES in AWS (per the stage's settings), an outbox folder in the local cloud. */
  | { readonly messaging: 'sms' | 'email' }
  /** External services the platform calls: a courier for posted results, a payment provider for fees (simulated locally). */
  | { readonly external: 'courier' | 'payments' }
  /** A stage setting the function reads at cold start, e.g. the region's compression rule (COMPRESSION_RULE_*). */
  | { readonly setting: StageSettingName };

/** A function's memory and timeout when its declaration gives none (in AWS and in the local cloud alike). */
export const FUNCTION_DEFAULTS = { memoryMb: 256, timeoutSeconds: 10 } as const;

export interface FunctionDeclaration {
  /** Entry file, relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
  readonly uses: readonly Binding[];
  /** Log messages that page the operators (a metric filter on the function's log group, and an alarm). */
  /** Files (relative to the repository root) copied into the bundle at the same path, e.g. a font. */
  readonly assets?: readonly string[];
  readonly logAlarms?: readonly { readonly name: string; readonly message: string; readonly description: string }[];
}

export interface RouteDeclaration {
  readonly route: RouteContract;
  readonly function: FunctionName;
}

export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/**
 * Anonymous routes (public and unsigned: verification, status lists, keys, the catalogue, liveness) each get a
 * quarter of the stage's limits, so a flood of them is refused at the gateway (429) long before it takes the
 * capacity signed-in people and departments' signed callbacks need. Undefined for every other route (stage limits).
 */
export function routeThrottle(route: RouteContract, stage: Throttle): Throttle | undefined {
  if (route.auth !== 'public' || route.signed) return undefined;
  return {
    rateLimit: Math.max(1, Math.floor(stage.rateLimit / 4)),
    burstLimit: Math.max(1, Math.floor(stage.burstLimit / 4)),
  };
}

export interface TableDeclaration {
  readonly design: TableDesign;
}

export interface BucketDeclaration {
  readonly purpose: string;
  /** Keep every version (signed licences). */
  readonly versioned: boolean;
  /** Objects under this prefix that were never confirmed (abandoned uploads) expire after `abandonedAfterDays`. */
  readonly abandonedPrefix?: string;
  readonly abandonedAfterDays?: number;
  /** Browsers upload straight to the bucket with presigned requests. */
  readonly browserUploads?: boolean;
}

export interface StateMachineDeclaration {
  /** ASL file under statemachines/, used as-is by CDK and by the local cloud. */
  readonly definition: string;
  /** `${Name}` placeholders in the ASL and what they stand for. `Partition` is always provided. */
  readonly substitutions: Readonly<Record<string, { readonly functionArn: FunctionName }>>;
  /**
   * Functions an earlier revision of the definition invoked and this one no longer does: an execution keeps the
   * definition it started with, so the state machine keeps its grant to invoke them until those have ended.
   */
  readonly earlierInvokes?: readonly FunctionName[];
  readonly description: string;
}

export type RuleTarget =
  | { readonly function: FunctionName }
  | { readonly stateMachine: StateMachineName; readonly inputPath?: string };

/**
 * How an event reaches a rule's function, in AWS and in the local cloud alike: the rule puts it on the rule's own
 * SQS queue, the function reads it (batch size 1); a failed receive comes back after the visibility timeout, and
 * after `maxReceiveCount` receives the message goes to the rule's failed-events DLQ (alarmed; `npm run redrive`).
 * 36 receives 5 minutes apart: about 3 hours of retries, so a one-hour outage of a downstream service is outlasted
 * with room to spare. 300 s is also the longest consumer timeout (a visibility timeout may not be shorter).
 */
export const CONSUMER_RETRY_POLICY = {
  visibilityTimeoutSeconds: 300,
  maxReceiveCount: 36,
  /** Messages wait on the queue this long at most (well beyond the 3 hours of retries). */
  retentionDays: 4,
} as const;
export type ConsumerRetryPolicy = { readonly visibilityTimeoutSeconds: number; readonly maxReceiveCount: number };

export interface RuleDeclaration {
  readonly name: string;
  readonly description: string;
  /** An EventBridge event pattern. */
  readonly pattern: Record<string, unknown>;
  readonly target: RuleTarget;
}

/**
 * A stream that archives events without a function: an EventBridge rule puts each matching event, shaped by an input
 * transformer, on an Amazon Data Firehose stream, which buffers, gzips and writes one object per flush to a topology
 * bucket (CDK: infra/stacks/compute-stack.ts; the local cloud: infra/local/firehose.ts, same keys and bytes).
 */
export interface DeliveryStreamDeclaration {
  readonly description: string;
  /** The rule that feeds it, on the platform's bus (its DLQ is `<rule>-dlq`, as for every rule). */
  readonly rule: {
    readonly name: string;
    readonly description: string;
    readonly pattern: Record<string, unknown>;
    /** The input transformer: each record is a JSON object of these keys, read from the event at these paths. */
    readonly record: Readonly<Record<string, string>>;
  };
  readonly bucket: BucketName;
  /** Firehose's S3 prefix; only `!{timestamp:…}` (the oldest record's arrival time, in `timeZone`). */
  readonly prefix: string;
  /** Where records that failed delivery go (outside `prefix`); must use `!{firehose:error-output-type}`. */
  readonly errorOutputPrefix: string;
  /** IANA time zone of the prefix's and the object name's timestamps. */
  readonly timeZone: string;
  /** Flush when this much has come in (MiB, 1–128)… */
  readonly bufferMiB: number;
  /** …or when the oldest buffered record is this old (seconds, 0–900), whichever comes first. */
  readonly bufferSeconds: number;
  readonly compression: 'GZIP';
  /** Appended to each object's name, e.g. `.jsonl.gz` (Athena reads gzip by the extension). */
  readonly fileExtension: string;
  /** Appended to every record (Firehose's AppendDelimiterToRecord processor), so the objects are JSON Lines. */
  readonly delimiter: '\n';
}

export interface ScheduleDeclaration {
  readonly name: string;
  readonly description: string;
  /** EventBridge Scheduler expression: rate(...), cron(...) or at(...), evaluated in Asia/Shanghai. */
  readonly expression: string;
  readonly target: { readonly function: FunctionName };
  readonly input?: Record<string, unknown>;
}

/** A function fed by a table's change stream (DynamoDB Streams → Lambda event source mapping in AWS). */
export interface StreamConsumerDeclaration {
  readonly name: string;
  readonly description: string;
  readonly table: TableName;
  readonly function: FunctionName;
  /** A Lambda event-filter pattern on the stream record (the same syntax as EventBridge patterns). */
  readonly filter: Record<string, unknown>;
  readonly batchSize: number;
}

export interface Topology {
  readonly tables: Readonly<Record<TableName, TableDeclaration>>;
  readonly buckets: Readonly<Record<BucketName, BucketDeclaration>>;
  readonly functions: Readonly<Record<FunctionName, FunctionDeclaration>>;
  readonly routes: readonly RouteDeclaration[];
  readonly stateMachines: Readonly<Record<StateMachineName, StateMachineDeclaration>>;
  readonly rules: readonly RuleDeclaration[];
  readonly schedules: readonly ScheduleDeclaration[];
  readonly streams: readonly StreamConsumerDeclaration[];
  /** Optional so that test topologies need not declare one. */
  readonly deliveryStreams?: Readonly<Record<DeliveryStreamName, DeliveryStreamDeclaration>>;
}

/** Every reference in the topology points at something declared; returns the problems, empty when sound. */
export function topologyProblems(topology: Topology): string[] {
  const problems: string[] = [];
  const fn = (name: string, where: string) => {
    if (!topology.functions[name]) problems.push(`${where}: unknown function "${name}"`);
  };
  const sm = (name: string, where: string) => {
    if (!topology.stateMachines[name]) problems.push(`${where}: unknown state machine "${name}"`);
  };
  for (const [name, f] of Object.entries(topology.functions)) {
    for (const b of f.uses) {
      if ('table' in b && !topology.tables[b.table]) problems.push(`function ${name}: unknown table "${b.table}"`);
      if ('bucket' in b && !topology.buckets[b.bucket]) problems.push(`function ${name}: unknown bucket "${b.bucket}"`);
      if ('bucket' in b && b.prefix !== undefined && !/^[a-z0-9-]+\/$/.test(b.prefix))
        problems.push(`function ${name}: bucket prefix "${b.prefix}" must be lower-case words ending in /`);
      if ('stateMachine' in b) sm(b.stateMachine, `function ${name}`);
    }
  }
  const keys = new Set<string>();
  for (const r of topology.routes) {
    const key = `${r.route.method} ${r.route.path}`;
    if (keys.has(key)) problems.push(`route ${key} is declared twice`);
    keys.add(key);
    fn(r.function, `route ${key}`);
  }
  for (const [name, m] of Object.entries(topology.stateMachines)) {
    for (const [placeholder, s] of Object.entries(m.substitutions))
      fn(s.functionArn, `state machine ${name} \${${placeholder}}`);
    for (const earlier of m.earlierInvokes ?? []) fn(earlier, `state machine ${name} (earlier definition)`);
  }
  const ruleNames = new Set<string>();
  for (const r of topology.rules) {
    if (ruleNames.has(r.name)) problems.push(`rule ${r.name} is declared twice`);
    ruleNames.add(r.name);
    if ('function' in r.target) fn(r.target.function, `rule ${r.name}`);
    else sm(r.target.stateMachine, `rule ${r.name}`);
  }
  for (const r of topology.rules) {
    // SQS refuses a visibility timeout shorter than the function's timeout (CONSUMER_RETRY_POLICY).
    const declared = 'function' in r.target ? topology.functions[r.target.function] : undefined;
    const timeout = declared ? (declared.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds) : 0;
    if (timeout > CONSUMER_RETRY_POLICY.visibilityTimeoutSeconds)
      problems.push(`rule ${r.name}: its function's timeout exceeds the queue's visibility timeout`);
  }
  for (const s of topology.schedules) fn(s.target.function, `schedule ${s.name}`);
  for (const [name, d] of Object.entries(topology.deliveryStreams ?? {})) {
    if (!topology.buckets[d.bucket]) problems.push(`delivery stream ${name}: unknown bucket "${d.bucket}"`);
    if (ruleNames.has(d.rule.name)) problems.push(`rule ${d.rule.name} is declared twice`);
    ruleNames.add(d.rule.name);
    if (d.bufferMiB < 1 || d.bufferMiB > 128) problems.push(`delivery stream ${name}: buffer of 1 to 128 MiB`);
    if (d.bufferSeconds < 0 || d.bufferSeconds > 900) problems.push(`delivery stream ${name}: buffer of 0 to 900 s`);
    const folder = (prefix: string) => prefix.slice(0, prefix.split('!{')[0]!.lastIndexOf('/') + 1);
    if (folder(d.errorOutputPrefix).startsWith(folder(d.prefix)))
      problems.push(`delivery stream ${name}: failed records must not land under the archive's prefix`);
  }
  for (const s of topology.streams) {
    fn(s.function, `stream ${s.name}`);
    if (!topology.tables[s.table]?.design.stream) problems.push(`stream ${s.name}: table "${s.table}" has no stream`);
  }
  return problems;
}
