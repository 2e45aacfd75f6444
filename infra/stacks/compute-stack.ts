import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ArnFormat, Aws, Duration, Size, Stack, type StackProps, TimeZone, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { Construct } from 'constructs';
import { deadLetterQueueProps, logGroupProps, queueSecurityProps, targetRetryProps } from '../constructs/defaults';
import { PlatformFunction } from '../constructs/platform-function';
import type { StageConfig } from '../stage-config';
import { type AwsBinder, bindInAws } from '../bindings';
import { CONSUMER_RETRY_POLICY, type DeliveryStreamDeclaration, type Topology } from '../topology-model';
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
      const fn = new PlatformFunction(this, `${name}Fn`, {
        name,
        declaration,
        config,
        alarm: (spec) => this.alarms.push(spec),
        rootDir: props.rootDir,
      });
      const binder = this.binder(fn, config, stateful);
      for (const binding of declaration.uses) bindInAws(binding, binder);
      this.functions[name] = fn;
    }

    for (const [name, declaration] of Object.entries(topology.stateMachines)) {
      const stateMachineName = `${config.prefix}-${name}`;
      const logGroupName = `/aws/vendedlogs/states/${stateMachineName}`;
      const logGroup = new logs.LogGroup(this, `${name}Logs`, logGroupProps(config, logGroupName));
      const substitutions: Record<string, string> = { Partition: Aws.PARTITION };
      const invoked = new Set<string>();
      for (const [placeholder, ref] of Object.entries(declaration.substitutions)) {
        substitutions[placeholder] = this.functions[ref.functionArn]!.function.functionArn;
        invoked.add(ref.functionArn);
      }
      for (const earlier of declaration.earlierInvokes ?? []) invoked.add(earlier);
      const machine = new sfn.StateMachine(this, `${name}StateMachine`, {
        stateMachineName,
        comment: declaration.description,
        // Inline, byte for byte the file the local cloud runs.
        definitionBody: sfn.DefinitionBody.fromString(
          readFileSync(resolve(props.rootDir, declaration.definition), 'utf8'),
        ),
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
        this.alarms.push({
          id: `${name}${what}Alarm`,
          description: `${stateMachineName}: ${what}`,
          metric: namedMetric('AWS/States', what, { StateMachineArn: stateMachineArn }),
        });
      }
      this.stateMachines[name] = machine;
    }

    // A rule's function reads the rule's own queue (CONSUMER_RETRY_POLICY): a failed receive comes back after the
    // visibility timeout, 36 times 5 minutes apart (about 3 hours, outlasting a one-hour outage), then goes to the
    // rule's DLQ (alarmed; `npm run redrive` moves it back to the queue). The same DLQ takes the rare event
    // EventBridge could not put on the queue (its retries: 24 hours). Consumers de-duplicate by event id.
    for (const rule of topology.rules) {
      const dlq = this.deadLetterQueue(`${rule.name}Dlq`, `${config.prefix}-${rule.name}-dlq`);
      let target: events.IRuleTarget;
      if ('function' in rule.target) {
        const queue = new sqs.Queue(this, `${rule.name}Queue`, {
          queueName: `${config.prefix}-${rule.name}-events`,
          ...queueSecurityProps(),
          visibilityTimeout: Duration.seconds(CONSUMER_RETRY_POLICY.visibilityTimeoutSeconds),
          retentionPeriod: Duration.days(CONSUMER_RETRY_POLICY.retentionDays),
          deadLetterQueue: { queue: dlq, maxReceiveCount: CONSUMER_RETRY_POLICY.maxReceiveCount },
        });
        // Batch size 1: a failing event fails (and is retried) alone; the handler throws for it.
        this.functions[rule.target.function]!.function.addEventSource(
          new eventSources.SqsEventSource(queue, { batchSize: 1 }),
        );
        target = new targets.SqsQueue(queue, targetRetryProps(dlq));
      } else {
        target = new targets.SfnStateMachine(this.stateMachines[rule.target.stateMachine]!, {
          input: rule.target.inputPath ? events.RuleTargetInput.fromEventPath(rule.target.inputPath) : undefined,
          ...targetRetryProps(dlq),
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

    for (const [name, declaration] of Object.entries(topology.deliveryStreams ?? {}))
      this.deliveryStream(name, declaration, config, stateful);

    for (const schedule of topology.schedules) {
      const dlq = this.deadLetterQueue(`${schedule.name}Dlq`, `${config.prefix}-${schedule.name}-dlq`);
      const fn = this.functions[schedule.target.function]!.function;
      const role = new iam.Role(this, `${schedule.name}ScheduleRole`, {
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
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
          ...targetRetryProps(dlq),
        }),
      });
    }

    for (const consumer of topology.streams) {
      const table = stateful.tables[consumer.table]!;
      const fn = this.functions[consumer.function]!;
      const dlq = this.deadLetterQueue(`${consumer.name}StreamDlq`, `${config.prefix}-${consumer.name}-stream-dlq`);
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

  /** What the bindings of one function may ask for (infra/bindings.ts): its variables, its grants, the stage's names. */
  private binder(fn: PlatformFunction, config: StageConfig, stateful: StatefulStack): AwsBinder {
    return {
      config,
      partition: Aws.PARTITION,
      env: (name, value) => fn.function.addEnvironment(name, value),
      allow: ({ actions, resources, conditions, effect }) =>
        fn.role.addToPolicy(
          new iam.PolicyStatement({
            actions: [...actions],
            resources: [...resources],
            conditions,
            effect: effect === 'Deny' ? iam.Effect.DENY : undefined,
          }),
        ),
      acknowledgeWildcard: (resource, reason) => {
        const id = `AwsSolutions-IAM5[Resource::${flattenCfnReference(this.resolve(resource))}]`;
        Validations.of(fn.role).acknowledge({ id, reason });
      },
      dataKey: (use) => this.grantKey(fn, stateful, use),
      table: (name) => {
        const table = stateful.tables[name]!;
        return { name: table.tableName, arn: table.tableArn, indexNames: topologyIndexNames(this.topology, name) };
      },
      bucketName: (name) => platformBucketName(config, name),
      publishToBus: () => {
        stateful.bus.grantPutEventsTo(fn.function);
        return stateful.bus.eventBusName;
      },
      get signingKeyArn() {
        return stateful.licenceSigningKey.keyArn;
      },
      get cursorSecret() {
        return stateful.cursorSecret.secretValue.unsafeUnwrap();
      },
      get dataKeyArn() {
        return stateful.key.keyArn;
      },
      stateMachineArn: (name) => PlatformFunction.stateMachineArn(this, config, name),
      arn: ({ service, resource, resourceName, colon }) => {
        const arnFormat = colon ? { arnFormat: ArnFormat.COLON_RESOURCE_NAME } : {};
        return Stack.of(this).formatArn({ service, resource, resourceName, ...arnFormat });
      },
    };
  }

  private grantKey(fn: PlatformFunction, stateful: StatefulStack, use: 'decrypt' | 'both'): void {
    const actions =
      use === 'decrypt'
        ? ['kms:Decrypt', 'kms:DescribeKey']
        : ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'];
    fn.role.addToPolicy(new iam.PolicyStatement({ actions, resources: [stateful.key.keyArn] }));
  }

  /**
   * An archive without a function: the rule puts each event, shaped by its input transformer, on a Firehose stream
   * (Direct PUT), which writes gzipped batches to the bucket under the declared prefix, encrypted with the data key.
   * The stream's role may write only under its two prefixes; CDK's own grants (read, write and delete on the whole
   * bucket) are dropped by giving the destination an immutable view of the role.
   */
  private deliveryStream(
    name: string,
    declaration: DeliveryStreamDeclaration,
    config: StageConfig,
    stateful: StatefulStack,
  ): void {
    // By its derived name, as the functions' bindings do: no export from the stateful stack to depend on.
    const bucket = s3.Bucket.fromBucketName(this, `${name}Bucket`, platformBucketName(config, declaration.bucket));
    const streamName = `${config.prefix}-${name}`;
    const role = new iam.Role(this, `${name}StreamRole`, {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
        // Firehose passes the account as the external id: no other account's stream can assume the role.
        conditions: { StringEquals: { 'sts:ExternalId': this.account } },
      }),
      description: `Firehose ${streamName}: writes ${declaration.bucket} under ${staticFolder(declaration.prefix)}`,
    });
    const objects = [declaration.prefix, declaration.errorOutputPrefix].map((p) =>
      bucket.arnForObjects(`${staticFolder(p)}*`),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
        resources: objects,
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
        resources: [bucket.bucketArn],
      }),
    );
    // SSE-KMS with the data key, only through S3 and only for this bucket (with S3 Bucket Keys the context is the bucket).
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [stateful.key.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': `s3.${this.region}.${this.urlSuffix}` },
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucket.bucketArn, ...objects] },
        },
      }),
    );
    const logGroup = new logs.LogGroup(this, `${name}StreamLogs`, logGroupProps(config));
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['logs:PutLogEvents'], resources: [`${logGroup.logGroupArn}:log-stream:*`] }),
    );
    for (const resource of [...objects, `${logGroup.logGroupArn}:log-stream:*`]) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(this.resolve(resource))}]`,
        reason:
          'Firehose names each object itself (date partition, stream name, time, random id) and its log streams: writes are limited to the archive and error prefixes of one bucket and to one log group.',
      });
    }
    const stream = new firehose.DeliveryStream(this, `${name}Stream`, {
      deliveryStreamName: streamName,
      // The buffer at rest too: the stage's data key (Firehose uses it through a grant it creates on the key).
      encryption: firehose.StreamEncryption.customerManagedKey(stateful.key),
      role: role.withoutPolicyUpdates(),
      destination: new firehose.S3Bucket(bucket, {
        role: role.withoutPolicyUpdates(),
        dataOutputPrefix: declaration.prefix,
        errorOutputPrefix: declaration.errorOutputPrefix,
        timeZone: TimeZone.of(declaration.timeZone),
        bufferingInterval: Duration.seconds(declaration.bufferSeconds),
        bufferingSize: Size.mebibytes(declaration.bufferMiB),
        compression: firehose.Compression.GZIP,
        fileExtension: declaration.fileExtension,
        encryptionKey: stateful.key,
        processors: [new firehose.AppendDelimiterToRecordProcessor()],
        loggingConfig: new firehose.EnableLogging(logGroup),
      }),
    });
    stream.node.addDependency(role);
    this.alarms.push({
      id: `${name}StreamFreshnessAlarm`,
      description: `${streamName}: records wait longer than twice the buffer time to reach S3`,
      metric: namedMetric('AWS/Firehose', 'DeliveryToS3.DataFreshness', { DeliveryStreamName: streamName }, 'Maximum'),
      threshold: declaration.bufferSeconds * 2,
    });

    // The rule: no queue and no function, the event goes straight to the stream; what EventBridge cannot put there
    // within its retries goes to the rule's DLQ (alarmed), like every rule's.
    const { rule: declared } = declaration;
    const dlq = this.deadLetterQueue(`${declared.name}Dlq`, `${config.prefix}-${declared.name}-dlq`);
    const record = Object.fromEntries(
      Object.entries(declared.record).map(([key, path]) => [key, events.EventField.fromPath(path)]),
    );
    const target = new targets.FirehoseDeliveryStream(stream, { message: events.RuleTargetInput.fromObject(record) });
    const withRetries: events.IRuleTarget = {
      bind: (rule, id) => {
        targets.addToDeadLetterQueueResourcePolicy(rule, dlq);
        return { ...target.bind(rule, id), ...targets.bindBaseTargetConfig(targetRetryProps(dlq)) };
      },
    };
    const cdkRule = new events.Rule(this, `${declared.name}Rule`, {
      ruleName: `${config.prefix}-${declared.name}`,
      description: declared.description,
      eventBus: stateful.bus,
      eventPattern: { source: ['placeholder'] },
      targets: [withRetries],
    });
    (cdkRule.node.defaultChild as events.CfnRule).eventPattern = declared.pattern;
  }

  private deadLetterQueue(id: string, queueName: string): sqs.Queue {
    const queue = new sqs.Queue(this, id, deadLetterQueueProps(queueName));
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue (of an EventBridge rule or schedule target, a consumer queue, or a stream consumer).',
    });
    this.alarms.push({
      id: `${id}Alarm`,
      description: `${queueName}: undelivered events are waiting; redrive after the fix`,
      metric: namedMetric('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: queueName }, 'Maximum'),
    });
    return queue;
  }
}

/** The folder of a Firehose prefix before its first expression: `events/dt=!{timestamp:…}/` → `events/`. */
function staticFolder(prefix: string): string {
  const literal = prefix.split('!{')[0]!;
  return literal.slice(0, literal.lastIndexOf('/') + 1);
}

function topologyIndexNames(topology: Topology, table: string): string[] {
  return topology.tables[table]!.design.indexes.map((index) => index.name);
}
