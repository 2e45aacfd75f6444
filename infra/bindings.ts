import { compressionRuleEnv } from '../shared/config/compression-rule';
import type { ReadScope } from '../shared/db/table';
import { LOCAL, localBucketName, localStateMachineArn, localTableName } from './local/names';
import type { StageConfig } from './stage-config';
import type { Binding, StageSettingName, StageSettings } from './topology-model';

/**
 * THE table of binding kinds: for each kind, the environment variable it gives a function, what CDK grants for it
 * (infra/stacks/compute-stack.ts carries it out) and the value the local cloud sets (infra/local/cloud.ts). A new
 * kind is a member of `Binding` (topology-model.ts) and one entry here. No CDK module is loaded here, so the local
 * cloud reads the table without aws-cdk-lib.
 */

/** One IAM statement, as CDK's PolicyStatement takes it. */
export interface Statement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions?: Record<string, unknown>;
  readonly effect?: 'Allow' | 'Deny';
}

/** What a binding may ask of one function in a stage; ComputeStack implements it (values are CDK tokens). */
export interface AwsBinder {
  readonly config: StageConfig;
  /** The AWS partition (`aws`, `aws-cn`). */
  readonly partition: string;
  env(name: string, value: string): void;
  allow(statement: Statement): void;
  /** Acknowledges cdk-nag's wildcard finding (AwsSolutions-IAM5) for a resource, with the reason. */
  acknowledgeWildcard(resource: string, reason: string): void;
  /** The data key (tables, buckets, secrets): decrypt only, or encrypt too. */
  dataKey(use: 'decrypt' | 'both'): void;
  table(name: string): { readonly name: string; readonly arn: string; readonly indexNames: readonly string[] };
  bucketName(name: string): string;
  publishToBus(): string;
  readonly signingKeyArn: string;
  readonly cursorSecret: string;
  readonly dataKeyArn: string;
  stateMachineArn(name: string): string;
  arn(parts: { service: string; resource: string; resourceName: string; colon?: boolean }): string;
}

/** The local cloud's values for bindings (folders are `file:` URLs under its data folder). */
export interface LocalValues {
  readonly secretsUrl: string;
  readonly keysUrl: string;
  readonly outboxUrl: string;
  readonly externals: Readonly<Partial<Record<'courier' | 'payments', string>>>;
  readonly settings: StageSettings;
}

/** A binding's kind: the key that names what it binds (the others, access, scope and prefix, qualify it). */
type KindOf<B> = B extends unknown ? Exclude<keyof B, 'access' | 'scope' | 'prefix'> : never;
export type BindingKindName = KindOf<Binding>;
type BindingOf<K extends BindingKindName> = K extends BindingKindName ? Extract<Binding, Record<K, unknown>> : never;

interface BindingKind<K extends BindingKindName> {
  /** The variable the binding sets; CDK sets it to the real name, the local cloud to the local one. */
  envVar(binding: BindingOf<K>): string | undefined;
  aws(binding: BindingOf<K>, aws: AwsBinder): void;
  local(binding: BindingOf<K>, local: LocalValues): Record<string, string>;
}

const constantCase = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();
const TABLE_READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const OBJECT_READ = ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAttributes'];
const OBJECT_WRITE = ['s3:PutObject', 's3:AbortMultipartUpload'];
const SECRET_READ = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];

/** Every kind of Binding must have its entry: a new member of the union without one does not compile. */
export const BINDING_KINDS: { readonly [K in BindingKindName]: BindingKind<K> } = {
  table: {
    envVar: (b) => `${constantCase(b.table)}_TABLE_NAME`,
    aws: (b, aws) => {
      const table = aws.table(b.table);
      aws.env(BINDING_KINDS.table.envVar(b)!, table.name);
      // Lists page with encrypted cursors; the value is a CloudFormation dynamic reference, resolved at deploy time.
      aws.env('CURSOR_SECRET', aws.cursorSecret);
      // Explicit actions on the table and its named indexes: no wildcard, nothing beyond the binding's access.
      const indexes = table.indexNames.map((index) => `${table.arn}/index/${index}`);
      if (b.scope) scopedTableAccess(aws, table.arn, b.scope, b.access === 'readWrite' ? ['dynamodb:UpdateItem'] : []);
      else {
        const actions = b.access === 'read' ? TABLE_READ : [...TABLE_READ, ...TABLE_WRITE];
        aws.allow({ actions, resources: [table.arn, ...indexes] });
      }
      aws.dataKey(b.access === 'read' ? 'decrypt' : 'both');
    },
    local: (b) => ({ [BINDING_KINDS.table.envVar(b)!]: localTableName(b.table) }),
  },

  bucket: {
    envVar: (b) => `${constantCase(b.bucket)}_BUCKET_NAME`,
    aws: (b, aws) => {
      const bucketName = aws.bucketName(b.bucket);
      const bucketArn = `arn:${aws.partition}:s3:::${bucketName}`;
      aws.env(BINDING_KINDS.bucket.envVar(b)!, bucketName);
      const objects = `${bucketArn}/${b.prefix ?? ''}*`;
      const readWrite = [...OBJECT_READ, ...OBJECT_WRITE, 's3:DeleteObject'];
      const actions = { read: OBJECT_READ, write: OBJECT_WRITE, readWrite }[b.access];
      aws.allow({ actions, resources: [objects] });
      const listed = b.prefix ? { conditions: { StringLike: { 's3:prefix': [`${b.prefix}*`] } } } : {};
      aws.allow({ actions: ['s3:ListBucket'], resources: [bucketArn], ...listed });
      aws.dataKey(b.access === 'read' ? 'decrypt' : 'both');
      aws.acknowledgeWildcard(
        objects,
        b.prefix
          ? `Objects under ${b.prefix} of the ${b.bucket} bucket, one per key the function serves; ` +
              'nothing else of the bucket.'
          : `Objects of the ${b.bucket} bucket are keyed per case and upload; ` +
              'the function needs every key of this one bucket.',
      );
    },
    local: (b) => ({ [BINDING_KINDS.bucket.envVar(b)!]: localBucketName(b.bucket) }),
  },

  bus: {
    envVar: () => 'EVENT_BUS_NAME',
    aws: (_b, aws) => aws.env('EVENT_BUS_NAME', aws.publishToBus()),
    local: () => ({ EVENT_BUS_NAME: LOCAL.busName }),
  },

  stateMachine: {
    // Task responses carry their token and descriptions name the execution: only starting needs the ARN.
    envVar: (b) => (b.access === 'start' ? `${constantCase(b.stateMachine)}_STATE_MACHINE_ARN` : undefined),
    aws: (b, aws) => {
      // By name, not by reference: a state machine that invokes this function may also be started by it.
      const arn = aws.stateMachineArn(b.stateMachine);
      if (b.access === 'start') {
        aws.env(BINDING_KINDS.stateMachine.envVar(b)!, arn);
        aws.allow({ actions: ['states:StartExecution'], resources: [arn] });
      } else if (b.access === 'describe') {
        // Executions are named after cases: every execution of this one machine.
        const resourceName = `${aws.config.prefix}-${b.stateMachine}:*`;
        const executions = aws.arn({ service: 'states', resource: 'execution', resourceName, colon: true });
        aws.allow({ actions: ['states:DescribeExecution'], resources: [executions] });
        aws.acknowledgeWildcard(
          executions,
          `Executions of ${b.stateMachine} are named after cases; the reconciler describes any case's one.`,
        );
      } else {
        const actions = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];
        aws.allow({ actions, resources: [arn] });
      }
    },
    local: (b) => {
      const variable = BINDING_KINDS.stateMachine.envVar(b);
      return variable ? { [variable]: localStateMachineArn(b.stateMachine) } : {};
    },
  },

  secrets: {
    envVar: () => 'PLATFORM_SECRETS_PREFIX',
    aws: (b, aws) => {
      const prefix = `${aws.config.prefix}/secrets/`;
      aws.env('PLATFORM_SECRETS_PREFIX', prefix);
      aws.env('PLATFORM_KMS_KEY_ID', aws.dataKeyArn);
      const resourceName = `${prefix}*`;
      const secrets = aws.arn({ service: 'secretsmanager', resource: 'secret', resourceName, colon: true });
      const write = ['secretsmanager:PutSecretValue', 'secretsmanager:CreateSecret'];
      const actions = b.access === 'read' ? SECRET_READ : [...SECRET_READ, ...write];
      aws.allow({ actions, resources: [secrets] });
      aws.dataKey(b.access === 'read' ? 'decrypt' : 'both');
      aws.acknowledgeWildcard(
        secrets,
        'One secret per department (and the licence holder key) under the stage’s secrets prefix; ' +
          'departments are added at run time by administrators.',
      );
    },
    local: (_b, local) => ({ PLATFORM_SECRETS_PREFIX: local.secretsUrl }),
  },

  signingKey: {
    envVar: () => 'LICENCE_SIGNING_KEY',
    aws: (b, aws) => {
      aws.env('LICENCE_SIGNING_KEY', aws.signingKeyArn);
      aws.env('LICENCE_RETIRED_KEYS', aws.config.retiredLicenceKeyArns.join(','));
      // Verification needs only the public key: a function bound for `publicKey` can never sign.
      const publicOnly = 'access' in b && b.access === 'publicKey';
      const actions = [...(publicOnly ? [] : ['kms:Sign']), 'kms:GetPublicKey', 'kms:DescribeKey'];
      aws.allow({ actions, resources: [aws.signingKeyArn] });
      const retired = aws.config.retiredLicenceKeyArns;
      if (retired.length) aws.allow({ actions: ['kms:GetPublicKey'], resources: retired });
    },
    local: (_b, local) => ({ LICENCE_SIGNING_KEY: local.keysUrl }),
  },

  messaging: {
    envVar: (b) => (b.messaging === 'sms' ? 'SMS_CHANNEL' : 'EMAIL_CHANNEL'),
    // SMS straight to phone numbers (never to topics) and e-mail from the stage's one SES identity;
    // `none` sends nothing.
    aws: (b, aws) => {
      if (b.messaging === 'sms') {
        const sms = aws.config.messaging.sms;
        aws.env('SMS_CHANNEL', sms);
        if (sms === 'none') return;
        // Publishing to a phone number has no resource ARN, so the grant is on "*"; the deny keeps topics out of reach.
        aws.allow({ actions: ['sns:Publish'], resources: ['*'] });
        aws.allow({ effect: 'Deny', actions: ['sns:Publish'], resources: [`arn:${aws.partition}:sns:*:*:*`] });
        aws.acknowledgeWildcard(
          '*',
          'SMS to a phone number (sns:Publish with PhoneNumber) has no resource ARN; publishing to topics is denied.',
        );
        return;
      }
      const email = aws.config.messaging.email;
      if (email === 'none') {
        aws.env('EMAIL_CHANNEL', 'none');
        return;
      }
      aws.env('EMAIL_CHANNEL', `ses:${email.from}`);
      const identity = aws.arn({ service: 'ses', resource: 'identity', resourceName: email.identity });
      aws.allow({ actions: ['ses:SendEmail'], resources: [identity] });
    },
    // Both channels write to one outbox folder (sms/ and email/ under it) and log a line without the address.
    local: (b, local) => ({ [BINDING_KINDS.messaging.envVar(b)!]: local.outboxUrl }),
  },

  external: {
    envVar: (b) => (b.external === 'courier' ? 'COURIER' : 'PAYMENT_PROVIDER'),
    // An adapter and its endpoint (`<adapter>:<url>`), or `none`; the service's secret, if any, is a platform secret.
    aws: (b, aws) => aws.env(BINDING_KINDS.external.envVar(b)!, aws.config.externals[b.external]),
    local: (b, local) => ({ [BINDING_KINDS.external.envVar(b)!]: local.externals[b.external] ?? 'none' }),
  },

  setting: {
    // A setting may set several variables (settingEnvironment), read by the function at cold start; it grants nothing.
    envVar: () => undefined,
    aws: (b, aws) => {
      for (const [name, value] of Object.entries(settingEnvironment(b.setting, aws.config))) aws.env(name, value);
    },
    local: (b, local) => settingEnvironment(b.setting, local.settings),
  },
};

/** The kind of a binding: the one key that names what it binds. */
export function bindingKindOf(binding: Binding): BindingKindName {
  const kind = (Object.keys(BINDING_KINDS) as BindingKindName[]).find((name) => name in binding);
  if (!kind) throw new Error(`Unknown binding kind: ${JSON.stringify(binding)}`);
  return kind;
}

// The entry of the binding's own kind: sound to call with the binding, which TypeScript cannot see through the index.
const entryOf = (binding: Binding) => BINDING_KINDS[bindingKindOf(binding)] as BindingKind<BindingKindName>;

/** The environment variable a binding sets (a setting's variables come from settingEnvironment). */
export function envVarFor(binding: Binding): string | undefined {
  return entryOf(binding).envVar(binding);
}

/** What CDK does for a binding of a function: its environment variables and its grants. */
export function bindInAws(binding: Binding, aws: AwsBinder): void {
  entryOf(binding).aws(binding, aws);
}

/** The environment variables the local cloud sets for a binding. */
export function localEnvironment(binding: Binding, local: LocalValues): Record<string, string> {
  return entryOf(binding).local(binding, local);
}

/** The environment variables a `{ setting }` binding sets, from the settings' values. */
export function settingEnvironment(setting: StageSettingName, settings: StageSettings): Record<string, string> {
  switch (setting) {
    case 'compressionRule':
      return compressionRuleEnv(settings.compressionRule);
  }
}

/**
 * Read-only access to the partition keys of `scope` only (fine-grained access control): GetItem, BatchGetItem
 * and Query on the table for its keys, Query on each index for that index's keys (a query's leading key is the
 * index's partition key), and GetItem of `partial` keys with a projection of the listed attributes only. The Null
 * condition refuses a request without a leading key, which ForAllValues alone would let through. `writes` are
 * allowed on the table under the same keys.
 */
function scopedTableAccess(aws: AwsBinder, tableArn: string, scope: ReadScope, writes: readonly string[]): void {
  const onlyKeys = (keys: readonly string[]) => ({
    'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...keys] },
    Null: { 'dynamodb:LeadingKeys': 'false' },
  });
  const reads = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
  aws.allow({ actions: [...reads, ...writes], resources: [tableArn], conditions: onlyKeys(scope.table) });
  for (const [index, keys] of Object.entries(scope.indexes ?? {})) {
    aws.allow({ actions: ['dynamodb:Query'], resources: [`${tableArn}/index/${index}`], conditions: onlyKeys(keys) });
  }
  if (scope.partial) {
    aws.allow({
      actions: ['dynamodb:GetItem'],
      resources: [tableArn],
      conditions: {
        ...onlyKeys(scope.partial.keys),
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...scope.partial.attributes] },
        StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
      },
    });
  }
  aws.allow({ actions: ['dynamodb:DescribeTable'], resources: [tableArn] });
}
