import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ArnFormat, Aws, Duration, RemovalPolicy, Stack, type StackProps, TimeZone, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { Construct } from 'constructs';
import { PlatformFunction } from '../constructs/platform-function';
import type { StageConfig } from '../stage-config';
import type { ReadScope } from '../../shared/db/table';
import { type Binding, CONSUMER_RETRY_POLICY, envVarFor, settingEnvironment, type Topology } from '../topology-model';
import { type AlarmSpec, namedMetric } from './monitoring-stack';
import { platformBucketName, type StatefulStack } from './stateful-stack';

export interface ComputeStackProps extends StackProps {
  readonly config: StageConfig;
  readonly topology: Topology;
  readonly stateful: StatefulStack;
  readonly rootDir: string;
}

/** Functions, state machines, event rules, schedules and stream consumers: everything that runs, nothing that keeps data. */
export class ComputeStack extends Stack {
  private readonly topology: Topology;
  readonly functions: Record<string, PlatformFunction> = {};
  readonly stateMachines: Record<string, sfn.StateMachine> = {};
  /** The alarms on what runs here, for the monitoring stack. */
  readonly alarms: AlarmSpec[] = [];

  constructor(scope: Construct, id: string, props: ComputeStackProps) {
    super(scope, id, props);
    const { config, topology, stateful } = props;
    this.topology = topology;

    for (const [name, declaration] of Object.entries(topology.functions)) {
      const fn = new PlatformFunction(this, `${name}Fn`, { name, declaration, config, alarm: (spec) => this.alarms.push(spec), rootDir: props.rootDir });
      for (const binding of declaration.uses) this.bind(fn, binding, config, stateful);
      this.functions[name] = fn;
    }

    for (const [name, declaration] of Object.entries(topology.stateMachines)) {
      const stateMachineName = `${config.prefix}-${name}`;
      const logGroup = new logs.LogGroup(this, `${name}Logs`, {
        logGroupName: `/aws/vendedlogs/states/${stateMachineName}`,
        retention: config.logRetentionDays as logs.RetentionDays,
        removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      const substitutions: Record<string, string> = { Partition: Aws.PARTITION };
      const invoked = new Set<string>();
      for (const [placeholder, ref] of Object.entries(declaration.substitutions)) {
        substitutions[placeholder] = this.functions[ref.functionArn]!.function.functionArn;
        invoked.add(ref.functionArn);
      }
      const machine = new sfn.StateMachine(this, `${name}StateMachine`, {
        stateMachineName,
        comment: declaration.description,
        // Inline, byte for byte the file the local cloud runs.
        definitionBody: sfn.DefinitionBody.fromString(readFileSync(resolve(props.rootDir, declaration.definition), 'utf8')),
        definitionSubstitutions: substitutions,
        stateMachineType: sfn.StateMachineType.STANDARD,
        tracingEnabled: true,
        // Execution data holds personal data (ID numbers, forms); the logs keep only the event flow.
        logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      });
      Validations.of(machine).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'CloudWatch Logs delivery and X-Ray actions support no resource-level permissions.',
      });
      for (const fnName of invoked) {
        const fn = this.functions[fnName]!.function;
        fn.grantInvoke(machine);
        Validations.of(machine).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(this.resolve(`${fn.functionArn}:*`))}]`,
          reason: `Invoking ${fnName} includes its versions and aliases (function ARN with a qualifier).`,
        });
      }
      const stateMachineArn = PlatformFunction.stateMachineArn(this, config, name);
      for (const what of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionThrottled']) {
        this.alarms.push({ id: `${name}${what}Alarm`, description: `${stateMachineName}: ${what}`, metric: namedMetric('AWS/States', what, { StateMachineArn: stateMachineArn }) });
      }
      this.stateMachines[name] = machine;
    }

    // A rule's function reads the rule's own queue (CONSUMER_RETRY_POLICY): a failed receive comes back after the
    // visibility timeout, 36 times 5 minutes apart (about 3 hours, outlasting a one-hour outage), then goes to the
    // rule's DLQ (alarmed; `npm run redrive` moves it back to the queue). The same DLQ takes the rare event
    // EventBridge could not put on the queue (its retries: 24 hours). Consumers de-duplicate by event id.
    for (const rule of topology.rules) {
      const dlq = this.deadLetterQueue(`${rule.name}Dlq`, `${config.prefix}-${rule.name}-dlq`, stateful);
      let target: events.IRuleTarget;
      if ('function' in rule.target) {
        const queue = new sqs.Queue(this, `${rule.name}Queue`, {
          queueName: `${config.prefix}-${rule.name}-events`,
          encryption: sqs.QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          visibilityTimeout: Duration.seconds(CONSUMER_RETRY_POLICY.visibilityTimeoutSeconds),
          retentionPeriod: Duration.days(CONSUMER_RETRY_POLICY.retentionDays),
          deadLetterQueue: { queue: dlq, maxReceiveCount: CONSUMER_RETRY_POLICY.maxReceiveCount },
        });
        // Batch size 1: a failing event fails (and is retried) alone; the handler throws for it.
        this.functions[rule.target.function]!.function.addEventSource(new eventSources.SqsEventSource(queue, { batchSize: 1 }));
        target = new targets.SqsQueue(queue, { deadLetterQueue: dlq, retryAttempts: 185, maxEventAge: Duration.hours(24) });
      } else {
        target = new targets.SfnStateMachine(this.stateMachines[rule.target.stateMachine]!, {
          input: rule.target.inputPath ? events.RuleTargetInput.fromEventPath(rule.target.inputPath) : undefined,
          deadLetterQueue: dlq,
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
        });
      }
      const cdkRule = new events.Rule(this, `${rule.name}Rule`, {
        ruleName: `${config.prefix}-${rule.name}`,
        description: rule.description,
        eventBus: stateful.bus,
        eventPattern: { source: ['placeholder'] },
        targets: [target],
      });
      // The topology's pattern is the EventBridge JSON itself; it goes into the template unchanged.
      (cdkRule.node.defaultChild as events.CfnRule).eventPattern = rule.pattern;
    }

    for (const schedule of topology.schedules) {
      const dlq = this.deadLetterQueue(`${schedule.name}Dlq`, `${config.prefix}-${schedule.name}-dlq`, stateful);
      const fn = this.functions[schedule.target.function]!.function;
      const role = new iam.Role(this, `${schedule.name}ScheduleRole`, {
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
        description: `EventBridge Scheduler: invokes ${schedule.target.function} for ${schedule.name}`,
      });
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(this.resolve(`${fn.functionArn}:*`))}]`,
        reason: `Invoking ${schedule.target.function} includes its versions and aliases (function ARN with a qualifier).`,
      });
      new scheduler.Schedule(this, `${schedule.name}Schedule`, {
        scheduleName: `${config.prefix}-${schedule.name}`,
        description: schedule.description,
        schedule: scheduler.ScheduleExpression.expression(schedule.expression, TimeZone.ASIA_SHANGHAI),
        target: new schedulerTargets.LambdaInvoke(fn, {
          role,
          input: scheduler.ScheduleTargetInput.fromObject({ ...schedule.input, schedule: schedule.name }),
          deadLetterQueue: dlq,
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
        }),
      });
    }

    for (const consumer of topology.streams) {
      const table = stateful.tables[consumer.table]!;
      const fn = this.functions[consumer.function]!;
      const dlq = this.deadLetterQueue(`${consumer.name}StreamDlq`, `${config.prefix}-${consumer.name}-stream-dlq`, stateful);
      fn.function.addEventSource(
        new eventSources.DynamoEventSource(table, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          // The topology's filter is the Lambda event-filter JSON itself; the local cloud applies the same one.
          filters: [lambda.FilterCriteria.filter(consumer.filter)],
          batchSize: consumer.batchSize,
          // A failing record is isolated (bisect) and retried from the first failure (partial batch responses),
          // in order, for as long as the stream keeps it (24 hours); then its position goes to the DLQ.
          bisectBatchOnError: true,
          reportBatchItemFailures: true,
          retryAttempts: 10000,
          maxRecordAge: Duration.hours(24),
          onFailure: new eventSources.SqsDlq(dlq),
        }),
      );
    }
  }

  /** Each binding sets its environment variable and grants exactly the matching access. */
  private bind(fn: PlatformFunction, binding: Binding, config: StageConfig, stateful: StatefulStack): void {
    const variable = envVarFor(binding);
    const target = fn.function;
    if ('table' in binding) {
      const table = stateful.tables[binding.table]!;
      target.addEnvironment(variable!, table.tableName);
      // Lists page with encrypted cursors; the value is a CloudFormation dynamic reference, resolved at deploy time.
      target.addEnvironment('CURSOR_SECRET', stateful.cursorSecret.secretValue.unsafeUnwrap());
      // Explicit actions on the table and its named indexes: no wildcard, nothing beyond the binding's access.
      const indexes = topologyIndexNames(this.topology, binding.table).map((index) => `${table.tableArn}/index/${index}`);
      const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
      const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
      if ('scope' in binding && binding.scope) this.bindScope(fn, table.tableArn, binding.scope, binding.access === 'readWrite' ? ['dynamodb:UpdateItem'] : []);
      else fn.role.addToPolicy(new iam.PolicyStatement({ actions: binding.access === 'read' ? read : [...read, ...write], resources: [table.tableArn, ...indexes] }));
      this.grantKey(fn, stateful, binding.access === 'read' ? 'decrypt' : 'both');
    } else if ('bucket' in binding) {
      const bucketName = platformBucketName(config, binding.bucket);
      const bucketArn = `arn:${Aws.PARTITION}:s3:::${bucketName}`;
      target.addEnvironment(variable!, bucketName);
      const objects = `${bucketArn}/${binding.prefix ?? ''}*`;
      const actions = {
        read: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAttributes'],
        write: ['s3:PutObject', 's3:AbortMultipartUpload'],
        readWrite: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAttributes', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'],
      }[binding.access];
      fn.role.addToPolicy(new iam.PolicyStatement({ actions, resources: [objects] }));
      fn.role.addToPolicy(
        new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucketArn], ...(binding.prefix ? { conditions: { StringLike: { 's3:prefix': [`${binding.prefix}*`] } } } : {}) }),
      );
      this.grantKey(fn, stateful, binding.access === 'read' ? 'decrypt' : 'both');
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(this.resolve(objects))}]`,
        reason: binding.prefix
          ? `Objects under ${binding.prefix} of the ${binding.bucket} bucket, one per key the function serves; nothing else of the bucket.`
          : `Objects of the ${binding.bucket} bucket are keyed per case and upload; the function needs every key of this one bucket.`,
      });
    } else if ('bus' in binding) {
      target.addEnvironment(variable!, stateful.bus.eventBusName);
      stateful.bus.grantPutEventsTo(target);
    } else if ('signingKey' in binding) {
      target.addEnvironment(variable!, stateful.licenceSigningKey.keyArn);
      target.addEnvironment('LICENCE_RETIRED_KEYS', config.retiredLicenceKeyArns.join(','));
      // Verification needs only the public key: a function bound for `publicKey` can never sign.
      const keyActions = 'access' in binding && binding.access === 'publicKey' ? ['kms:GetPublicKey', 'kms:DescribeKey'] : ['kms:Sign', 'kms:GetPublicKey', 'kms:DescribeKey'];
      fn.role.addToPolicy(new iam.PolicyStatement({ actions: keyActions, resources: [stateful.licenceSigningKey.keyArn] }));
      if (config.retiredLicenceKeyArns.length) fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['kms:GetPublicKey'], resources: config.retiredLicenceKeyArns }));
    } else if ('messaging' in binding) {
      this.bindMessaging(fn, target, variable!, binding.messaging, config);
    } else if ('external' in binding) {
      // An adapter and its endpoint (`<adapter>:<url>`), or `none`; the service's secret, if any, is a platform secret.
      target.addEnvironment(variable!, config.externals[binding.external]);
    } else if ('setting' in binding) {
      // A stage setting from cdk.json, read by the function at cold start; it grants nothing.
      for (const [name, value] of Object.entries(settingEnvironment(binding.setting, config))) target.addEnvironment(name, value);
    } else if ('secrets' in binding) {
      const prefix = `${config.prefix}/secrets/`;
      target.addEnvironment(variable!, prefix);
      target.addEnvironment('PLATFORM_KMS_KEY_ID', stateful.key.keyArn);
      const secrets = Stack.of(this).formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${prefix}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
      const read = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];
      fn.role.addToPolicy(new iam.PolicyStatement({ actions: binding.access === 'read' ? read : [...read, 'secretsmanager:PutSecretValue', 'secretsmanager:CreateSecret'], resources: [secrets] }));
      this.grantKey(fn, stateful, binding.access === 'read' ? 'decrypt' : 'both');
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(this.resolve(secrets))}]`,
        reason: 'One secret per department (and the licence holder key) under the stage’s secrets prefix; departments are added at run time by administrators.',
      });
    } else {
      // By name, not by reference: a state machine that invokes this function may also be started by it.
      const arn = PlatformFunction.stateMachineArn(this, config, binding.stateMachine);
      if (binding.access === 'start') {
        target.addEnvironment(variable!, arn);
        fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [arn] }));
      } else if (binding.access === 'describe') {
        // Executions are named after cases: every execution of this one machine.
        const executions = Stack.of(this).formatArn({ service: 'states', resource: 'execution', resourceName: `${config.prefix}-${binding.stateMachine}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
        fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['states:DescribeExecution'], resources: [executions] }));
        Validations.of(fn.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(this.resolve(executions))}]`,
          reason: `Executions of ${binding.stateMachine} are named after cases; the reconciler describes any case's one.`,
        });
      } else {
        fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], resources: [arn] }));
      }
    }
  }

  /**
   * Read-only access to the partition keys of `scope` only (fine-grained access control): GetItem, BatchGetItem
   * and Query on the table for its keys, Query on each index for that index's keys (a query's leading key is the
   * index's partition key), and GetItem of `partial` keys with a projection of the listed attributes only. The Null
   * condition refuses a request without a leading key, which ForAllValues alone would let through. `writes` are
   * allowed on the table under the same keys.
   */
  private bindScope(fn: PlatformFunction, tableArn: string, scope: ReadScope, writes: readonly string[]): void {
    const onlyKeys = (keys: readonly string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...keys] }, Null: { 'dynamodb:LeadingKeys': 'false' } });
    fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', ...writes], resources: [tableArn], conditions: onlyKeys(scope.table) }));
    for (const [index, keys] of Object.entries(scope.indexes ?? {})) {
      fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${tableArn}/index/${index}`], conditions: onlyKeys(keys) }));
    }
    if (scope.partial) {
      fn.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:GetItem'],
          resources: [tableArn],
          conditions: {
            ...onlyKeys(scope.partial.keys),
            'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...scope.partial.attributes] },
            StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
          },
        }),
      );
    }
    fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [tableArn] }));
  }

  /** SMS straight to phone numbers (never to topics) and e-mail from the stage's one SES identity; `none` sends nothing. */
  private bindMessaging(fn: PlatformFunction, target: lambda.Function, variable: string, channel: 'sms' | 'email', config: StageConfig): void {
    if (channel === 'sms') {
      target.addEnvironment(variable, config.messaging.sms);
      if (config.messaging.sms === 'none') return;
      // Publishing to a phone number has no resource ARN, so the grant is on "*"; the deny keeps topics out of reach.
      fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
      fn.role.addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['sns:Publish'], resources: [`arn:${Aws.PARTITION}:sns:*:*:*`] }));
      Validations.of(fn.role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'SMS to a phone number (sns:Publish with PhoneNumber) has no resource ARN; publishing to topics is denied.' });
      return;
    }
    const email = config.messaging.email;
    if (email === 'none') {
      target.addEnvironment(variable, 'none');
      return;
    }
    target.addEnvironment(variable, `ses:${email.from}`);
    const identity = Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: email.identity });
    fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [identity] }));
  }

  private grantKey(fn: PlatformFunction, stateful: StatefulStack, use: 'decrypt' | 'both'): void {
    const actions = use === 'decrypt' ? ['kms:Decrypt', 'kms:DescribeKey'] : ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'];
    fn.role.addToPolicy(new iam.PolicyStatement({ actions, resources: [stateful.key.keyArn] }));
  }

  private deadLetterQueue(id: string, queueName: string, stateful: StatefulStack): sqs.Queue {
    const queue = new sqs.Queue(this, id, {
      queueName,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself a dead-letter queue (of an EventBridge rule or schedule target, a consumer queue, or a stream consumer).' });
    this.alarms.push({
      id: `${id}Alarm`,
      description: `${queueName}: undelivered events are waiting; redrive after the fix`,
      metric: namedMetric('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: queueName }, 'Maximum'),
    });
    return queue;
  }
}

function topologyIndexNames(topology: Topology, table: string): string[] {
  return topology.tables[table]!.design.indexes.map((index) => index.name);
}
