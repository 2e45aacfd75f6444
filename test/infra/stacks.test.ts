import { Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { topology } from '../../infra/topology';
import type { Topology } from '../../infra/topology-model';
import { resourcesOf, synthStage, testApp } from '../support/synth';

const dev = synthStage('dev');
const prod = synthStage('prod');

describe('the stateful stack', () => {
  it('keeps data in prod: point-in-time recovery, deletion protection and RETAIN', () => {
    const [table] = Object.values(resourcesOf(prod.stateful, 'AWS::DynamoDB::GlobalTable'));
    expect(table!.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
    });
    expect(table!.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
    expect(table!.DeletionPolicy).toBe('Retain');
    for (const bucket of Object.values(resourcesOf(prod.stateful, 'AWS::S3::Bucket')))
      expect(bucket.DeletionPolicy).toBe('Retain');
    expect(Object.values(resourcesOf(prod.stateful, 'AWS::KMS::Key'))[0]!.DeletionPolicy).toBe('Retain');
  });

  it('lets dev data go: no point-in-time recovery, DESTROY', () => {
    const [table] = Object.values(resourcesOf(dev.stateful, 'AWS::DynamoDB::GlobalTable'));
    expect(table!.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: false,
    });
    expect(table!.DeletionPolicy).toBe('Delete');
  });

  it('builds the table from the shared key design: keys, both indexes, stream and TTL, encrypted with the data key', () => {
    prod.stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' }), Match.objectLike({ IndexName: 'gsi2' })],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
    prod.stateful.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('encrypts every topology bucket with the data key, blocks public access and refuses plain HTTP', () => {
    const buckets = Object.entries(resourcesOf(prod.stateful, 'AWS::S3::Bucket')).filter(
      ([id]) => !id.startsWith('AccessLogs'),
    );
    expect(buckets).toHaveLength(Object.keys(topology.buckets).length);
    for (const [, bucket] of buckets) {
      expect(
        bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
          .SSEAlgorithm,
      ).toBe('aws:kms');
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.LoggingConfiguration).toBeDefined();
    }
    const policies = Object.values(resourcesOf(prod.stateful, 'AWS::S3::BucketPolicy'));
    expect(policies.length).toBeGreaterThanOrEqual(buckets.length);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('versions the licences bucket and expires abandoned uploads in the attachments bucket', () => {
    const buckets = resourcesOf(prod.stateful, 'AWS::S3::Bucket');
    const licences = Object.entries(buckets).find(([id]) => id.startsWith('licencesBucket'))![1];
    const attachments = Object.entries(buckets).find(([id]) => id.startsWith('attachmentsBucket'))![1];
    expect(licences.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(attachments.Properties.VersioningConfiguration).toBeUndefined();
    expect(attachments.Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
        expect.objectContaining({ Prefix: 'pending/', ExpirationInDays: 2 }),
      ]),
    );
  });

  it('gives the event bus an archive with the stage’s retention', () => {
    prod.stateful.resourceCountIs('AWS::Events::EventBus', 1);
    prod.stateful.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 365 });
    dev.stateful.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 7 });
  });

  it('creates a Cognito user pool with required MFA where the stage uses cognito, and none where it uses an issuer', () => {
    dev.stateful.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    prod.stateful.resourceCountIs('AWS::Cognito::UserPool', 0);
  });
});

describe('the compute stack', () => {
  it('runs every topology function on Node.js 22 with tracing, its own log group and alarms on errors and throttles', () => {
    const functions = resourcesOf(dev.compute, 'AWS::Lambda::Function');
    expect(Object.keys(functions)).toHaveLength(Object.keys(topology.functions).length);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
    const alarms = Object.values(resourcesOf(dev.monitoring, 'AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.MetricName,
    );
    expect(alarms.filter((m) => m === 'Errors')).toHaveLength(Object.keys(topology.functions).length);
    expect(alarms.filter((m) => m === 'Throttles')).toHaveLength(Object.keys(topology.functions).length);
  });

  it('gives every function that reads the table the stage’s cursor secret, by a Secrets Manager reference resolved at deploy time', () => {
    const functions = Object.values(resourcesOf(dev.compute, 'AWS::Lambda::Function'));
    const withTable = functions.filter((f) => f.Properties.Environment.Variables.MAIN_TABLE_NAME);
    expect(withTable.length).toBeGreaterThan(10);
    for (const fn of withTable) {
      const value = JSON.stringify(fn.Properties.Environment.Variables.CURSOR_SECRET);
      expect(value).toContain('{{resolve:secretsmanager:');
    }
    dev.stateful.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'one-stop-dev/cursor-secret',
      GenerateSecretString: Match.objectLike({ PasswordLength: 48 }),
    });
  });

  it('grants a table binding explicit actions on the table and its named indexes, without wildcards', () => {
    const policies = Object.values(resourcesOf(dev.compute, 'AWS::IAM::Policy'));
    const statements = policies.flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const dynamo = statements.find((s) => [s.Action].flat().includes('dynamodb:PutItem'))!;
    expect([dynamo.Action].flat().some((a) => a.includes('*'))).toBe(false);
    expect(JSON.stringify(dynamo.Resource)).toContain('/index/gsi1');
    expect(JSON.stringify(dynamo.Resource)).not.toContain('/index/*');
  });

  // The topology's rules, and those that feed its delivery streams (the event archive).
  const allRules = [...topology.rules, ...Object.values(topology.deliveryStreams).map((d) => d.rule)];

  it('gives every rule a dead-letter queue with an alarm and retries for 24 hours', () => {
    const rules = Object.values(resourcesOf(dev.compute, 'AWS::Events::Rule'));
    expect(rules).toHaveLength(allRules.length);
    for (const rule of rules) {
      for (const target of rule.Properties.Targets) {
        expect(target.DeadLetterConfig.Arn).toBeDefined();
        expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 });
      }
    }
    const dlqAlarms = Object.values(resourcesOf(dev.monitoring, 'AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible',
    );
    // One per rule (a function rule's also takes the events its function kept failing on), schedule and stream.
    expect(dlqAlarms).toHaveLength(allRules.length + topology.schedules.length + topology.streams.length);
  });

  it('puts a function rule’s events on its own queue, retried 5 minutes apart for 3 hours (outlasting a one-hour outage), then to a DLQ', () => {
    const queues = resourcesOf(dev.compute, 'AWS::SQS::Queue');
    const rules = Object.values(resourcesOf(dev.compute, 'AWS::Events::Rule'));
    const sqsMappings = Object.values(resourcesOf(dev.compute, 'AWS::Lambda::EventSourceMapping')).filter(
      (m) => !JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'),
    );
    const functionRules = topology.rules.filter((r) => 'function' in r.target);
    expect(sqsMappings).toHaveLength(functionRules.length);
    for (const declared of functionRules) {
      const rule = rules.find((r) => r.Properties.Name === `one-stop-dev-${declared.name}`)!;
      const queueId = rule.Properties.Targets[0].Arn['Fn::GetAtt'][0] as string;
      const queue = queues[queueId]!.Properties;
      expect([declared.name, queue.QueueName, queue.VisibilityTimeout, queue.RedrivePolicy.maxReceiveCount]).toEqual([
        declared.name,
        `one-stop-dev-${declared.name}-events`,
        300,
        36,
      ]);
      expect(queue.VisibilityTimeout * queue.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(2 * 3600);
      expect(queues[queue.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]]!.Properties.QueueName).toBe(
        `one-stop-dev-${declared.name}-dlq`,
      );
      const mapping = sqsMappings.find((m) => m.Properties.EventSourceArn['Fn::GetAtt'][0] === queueId)!;
      expect(mapping.Properties.BatchSize).toBe(1);
    }
    expect(Object.keys(resourcesOf(dev.compute, 'AWS::Lambda::EventInvokeConfig'))).toHaveLength(0);
  });

  it('puts each rule’s topology pattern into the template unchanged', () => {
    const patterns = Object.values(resourcesOf(dev.compute, 'AWS::Events::Rule')).map((r) => r.Properties.EventPattern);
    expect(patterns).toEqual(allRules.map((r) => r.pattern));
  });

  it('logs every state machine at level ALL without execution data, with tracing and failure alarms', () => {
    for (const machine of Object.values(resourcesOf(dev.compute, 'AWS::StepFunctions::StateMachine'))) {
      expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
      expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
    }
    const metrics = Object.values(resourcesOf(dev.monitoring, 'AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.MetricName,
    );
    expect(metrics).toEqual(expect.arrayContaining(['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionThrottled']));
  });
});

describe('the stack set', () => {
  it('keeps every stack well under CloudFormation’s 500 resources (room to grow: at most 450)', () => {
    for (const stage of [dev, prod]) {
      for (const stack of stage.assembly.stacks) {
        const count = Object.keys(stack.template.Resources ?? {}).length;
        expect([stack.stackName, count <= 450]).toEqual([stack.stackName, true]);
      }
    }
  });

  it('alarms on every function, dead-letter queue and state machine by name, from a stack that imports nothing of the compute stack', () => {
    const alarms = Object.values(resourcesOf(dev.monitoring, 'AWS::CloudWatch::Alarm'));
    const functionNames = Object.values(resourcesOf(dev.compute, 'AWS::Lambda::Function')).map(
      (f) => f.Properties.FunctionName as string,
    );
    for (const name of functionNames) {
      for (const metric of ['Errors', 'Throttles']) {
        expect(
          alarms.some(
            (a) =>
              a.Properties.MetricName === metric &&
              JSON.stringify(a.Properties.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: name }]),
          ),
        ).toBe(true);
      }
    }
    const dlqNames = Object.values(resourcesOf(dev.compute, 'AWS::SQS::Queue'))
      .map((q) => q.Properties.QueueName as string)
      .filter((n) => n.endsWith('-dlq'));
    for (const name of dlqNames)
      expect(alarms.filter((a) => JSON.stringify(a.Properties.Dimensions ?? []).includes(`"${name}"`))).toHaveLength(1);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    expect(JSON.stringify(dev.monitoring.toJSON())).not.toMatch(/one-stop-dev-compute/);
  });
});

describe('the api stack', () => {
  it('protects non-public routes with the JWT authorizer and leaves public ones open', () => {
    const routes = Object.values(resourcesOf(prod.api, 'AWS::ApiGatewayV2::Route'));
    for (const { route } of topology.routes) {
      const created = routes.find((r) => r.Properties.RouteKey === `${route.method} ${route.path}`)!;
      expect(created.Properties.AuthorizationType).toBe(route.auth === 'public' ? 'NONE' : 'JWT');
    }
    prod.api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://idp.example.gov.cn/realms/one-stop', Audience: ['one-stop-api'] },
    });
  });

  it('writes access logs without request data and throttles the default stage', () => {
    const stage = Object.values(resourcesOf(prod.api, 'AWS::ApiGatewayV2::Stage'))[0]!;
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/requestBody|\$context\.identity|\$input/);
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: 1000,
      ThrottlingBurstLimit: 2000,
    });
  });
});

describe('the public surface (issue 17)', () => {
  type Statement = {
    Effect?: string;
    Action: string | string[];
    Resource: unknown;
    Condition?: Record<string, Record<string, unknown>>;
  };
  const statementsOf = (fn: string) =>
    Object.entries(resourcesOf(prod.compute, 'AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith(`${fn}FnRole`))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
  const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

  it('lets the public functions read only their keys: every DynamoDB read carries a LeadingKeys condition', () => {
    for (const fn of ['catalogue', 'licenceVerification']) {
      const reads = statementsOf(fn).filter((s) =>
        actionsOf([s]).some((a) => a.startsWith('dynamodb:') && a !== 'dynamodb:DescribeTable'),
      );
      expect(reads.length).toBeGreaterThan(0);
      for (const s of reads) {
        expect({ fn, leadingKeys: s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] }).toEqual({
          fn,
          leadingKeys: expect.any(Array),
        });
        expect(s.Condition?.Null).toEqual({ 'dynamodb:LeadingKeys': 'false' });
        expect(actionsOf([s]).filter((a) => /Put|Update|Delete|Write/.test(a))).toEqual([]);
      }
      const keys = reads.flatMap((s) => s.Condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys'] as string[]);
      // No case, owner, task list or person is within reach.
      for (const forbidden of ['CASE#*', 'OWNER#*', 'DEPT#*#*', 'HOLDER#*', 'CONTACT#*', 'COMPLAINT#*', '*'])
        expect(keys.filter((k) => k === forbidden && !(fn === 'licenceVerification' && k === 'CASE#*'))).toEqual([]);
      // gsi1 is queried only for the catalogue's lists; gsi2 not at all.
      const onIndexes = reads.filter((s) => JSON.stringify(s.Resource).includes('/index/'));
      expect(onIndexes.map((s) => s.Condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys'])).toEqual([
        ['CATALOGUE#*'],
      ]);
      expect(JSON.stringify(onIndexes.map((s) => s.Resource))).not.toContain('gsi2');
    }
  });

  it('lets verification read of a case only which form it was decided on (a projection of named attributes)', () => {
    const cases = statementsOf('licenceVerification').filter((s) =>
      JSON.stringify(s.Condition ?? {}).includes('CASE#*'),
    );
    expect(cases).toHaveLength(1);
    expect(actionsOf(cases)).toEqual(['dynamodb:GetItem']);
    expect(cases[0]!.Condition).toMatchObject({
      'ForAllValues:StringEquals': {
        'dynamodb:Attributes': ['pk', 'sk', 'kind', 'matterCode', 'matterVersion', 'memberVersions'],
      },
      StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
    });
  });

  it('keeps verification away from signing and secrets: the public key only, and status lists only of the licences bucket', () => {
    const statements = statementsOf('licenceVerification');
    const actions = actionsOf(statements);
    expect(actions).toEqual(expect.arrayContaining(['kms:GetPublicKey']));
    for (const forbidden of [
      'kms:Sign',
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
      's3:PutObject',
      'events:PutEvents',
    ])
      expect(actions).not.toContain(forbidden);
    expect(actions.some((a) => a.startsWith('secretsmanager:'))).toBe(false);
    const objects = statements.filter((s) => actionsOf([s]).includes('s3:GetObject'));
    expect(objects).toHaveLength(1);
    expect(JSON.stringify(objects[0]!.Resource)).toMatch(/-licences-.*"\/status-lists\/\*"/);
    // The catalogue neither: it reads its keys and nothing else.
    expect(actionsOf(statementsOf('catalogue')).filter((a) => /^(kms:Sign|secretsmanager:|s3:)/.test(a))).toEqual([]);
    // The signing side publishes the lists: it signs, and writes only under status-lists/.
    const publisher = statementsOf('publishStatusLists');
    expect(actionsOf(publisher)).toEqual(expect.arrayContaining(['kms:Sign', 's3:PutObject']));
    expect(
      JSON.stringify(publisher.filter((s) => actionsOf([s]).includes('s3:PutObject')).map((s) => s.Resource)),
    ).toMatch(/status-lists\/\*/);
    expect(actionsOf(publisher).some((a) => a.startsWith('secretsmanager:'))).toBe(false);
  });

  it('throttles every anonymous route below the stage default, and leaves signed-in and signed routes at the stage’s', () => {
    const stage = Object.values(resourcesOf(prod.api, 'AWS::ApiGatewayV2::Stage'))[0]!;
    const settings = stage.Properties.RouteSettings as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;
    const anonymous = topology.routes
      .filter((r) => r.route.auth === 'public' && !r.route.signed)
      .map((r) => `${r.route.method} ${r.route.path}`);
    expect(anonymous).toEqual(
      expect.arrayContaining([
        'GET /status-lists/{id}',
        'GET /verify/{licenceNo}',
        'POST /verify',
        'GET /.well-known/jwks.json',
      ]),
    );
    expect(Object.keys(settings).sort()).toEqual([...anonymous].sort());
    for (const key of anonymous) expect(settings[key]).toEqual({ ThrottlingRateLimit: 250, ThrottlingBurstLimit: 500 });
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: 1000,
      ThrottlingBurstLimit: 2000,
    });
    // The stage is created after the routes its settings name.
    const stageId = Object.keys(resourcesOf(prod.api, 'AWS::ApiGatewayV2::Stage'))[0]!;
    const dependsOn = (prod.api.toJSON().Resources[stageId].DependsOn ?? []) as string[];
    expect(dependsOn.length).toBeGreaterThanOrEqual(anonymous.length);
  });

  it('publishes status lists on a licence’s status change and on a schedule, never from the public routes', () => {
    expect(topology.routes.filter((r) => r.function === 'publishStatusLists')).toEqual([]);
    expect(topology.rules.find((r) => r.target.function === ('publishStatusLists' as never))?.pattern).toMatchObject({
      'detail-type': expect.arrayContaining(['Licence.Revoked.v1', 'Licence.Suspended.v1']),
    });
    expect(topology.schedules.find((s) => s.target.function === 'publishStatusLists')?.expression).toBe(
      'rate(5 minutes)',
    );
    expect(topology.routes.filter((r) => r.route.path === '/status-lists/{id}').map((r) => r.function)).toEqual([
      'licenceVerification',
    ]);
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('passes every stage with no unacknowledged finding', () => {
    // synthStage throws on a failed validation; staging is the one not synthesized above.
    expect(() => synthStage('staging')).not.toThrow();
  });

  it('carries a reason with every acknowledgement', () => {
    const reasons: [string, string][] = [];
    for (const node of prod.app.node.findAll() as IConstruct[]) {
      for (const entry of node.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules')) {
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) reasons.push([id, reason]);
      }
    }
    expect(reasons.length).toBeGreaterThan(0);
    for (const [id, reason] of reasons)
      expect({ id, reasonLength: reason.trim().length > 30 }).toEqual({ id, reasonLength: true });
  });

  it('fails the synth when a finding is not acknowledged', () => {
    const app = testApp();
    const stack = new Stack(app, 'Careless');
    new s3.Bucket(stack, 'Careless');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });

  it('passes a topology that binds a bucket, the bus and a state machine and has a schedule', () => {
    const rich: Topology = {
      ...topology,
      functions: {
        ...topology.functions,
        sweep: {
          entry: 'functions/system/health-api.ts',
          description: 'binds everything',
          uses: [
            { table: 'main', access: 'read' },
            { bucket: 'attachments', access: 'readWrite' },
            { bucket: 'licences', access: 'read' },
            { bus: 'publish' },
            { stateMachine: 'procedure', access: 'start' },
            { stateMachine: 'procedure', access: 'taskResponse' },
          ],
        },
      },
      schedules: [
        {
          name: 'nightly-sweep',
          description: 'sweeps',
          expression: 'cron(0 1 * * ? *)',
          target: { function: 'sweep' },
        },
      ],
    };
    const { compute } = synthStage('prod', rich);
    compute.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 1 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
    });
    compute.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'one-stop-prod-sweep',
      Environment: {
        Variables: Match.objectLike({
          PROCEDURE_STATE_MACHINE_ARN: Match.anyValue(),
          EVENT_BUS_NAME: Match.anyValue(),
          ATTACHMENTS_BUCKET_NAME: Match.anyValue(),
        }),
      },
    });
  });
});

describe('the stream consumers (event source mappings)', () => {
  // (The rules' queues have mappings too: see the compute stack's tests.)
  const mappings = () =>
    Object.values(resourcesOf(dev.compute, 'AWS::Lambda::EventSourceMapping')).filter((m) =>
      JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'),
    );
  const functionNameOf = (ref: { Ref: string }) =>
    resourcesOf(dev.compute, 'AWS::Lambda::Function')[ref.Ref]!.Properties.FunctionName as string;

  it('feed each topology stream to its function from the table’s stream, from the oldest record, in batches of its size', () => {
    expect(mappings()).toHaveLength(topology.streams.length);
    for (const consumer of topology.streams) {
      const mapping = mappings().find(
        (m) => functionNameOf(m.Properties.FunctionName) === `one-stop-dev-${consumer.function}`,
      )!;
      expect(mapping.Properties).toMatchObject({ StartingPosition: 'TRIM_HORIZON', BatchSize: consumer.batchSize });
      expect(JSON.stringify(mapping.Properties.EventSourceArn)).toMatch(
        new RegExp(`${consumer.table}Table\\w*StreamArn`),
      );
    }
  });

  it('filter records with the topology’s pattern, unchanged', () => {
    for (const consumer of topology.streams) {
      const mapping = mappings().find(
        (m) => functionNameOf(m.Properties.FunctionName) === `one-stop-dev-${consumer.function}`,
      )!;
      expect(mapping.Properties.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern))).toEqual([
        consumer.filter,
      ]);
    }
  });

  it('retry failed records from the first failure, bisecting, for the 24 hours the stream keeps them, then to a DLQ with an alarm', () => {
    const queues = resourcesOf(dev.compute, 'AWS::SQS::Queue');
    const alarms = Object.values(resourcesOf(dev.monitoring, 'AWS::CloudWatch::Alarm'));
    for (const mapping of mappings()) {
      expect(mapping.Properties).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRecordAgeInSeconds: 86400,
        MaximumRetryAttempts: 10000,
      });
      const queueId = mapping.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0] as string;
      expect(queues[queueId]).toBeDefined();
      const queueName = queues[queueId]!.Properties.QueueName as string;
      expect(
        alarms.some(
          (a) =>
            a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' &&
            JSON.stringify(a.Properties.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: queueName }]),
        ),
      ).toBe(true);
    }
  });

  it('let the consumer read the stream, decrypt it, mark outbox items and write to its DLQ, nothing more', () => {
    const relayPolicy = Object.entries(resourcesOf(dev.compute, 'AWS::IAM::Policy')).find(([id]) =>
      id.startsWith('outboxRelayFnRole'),
    )![1];
    const statements = relayPolicy.Properties.PolicyDocument.Statement as {
      Action: string | string[];
      Resource: unknown;
    }[];
    const stream = statements.find((s) => [s.Action].flat().includes('dynamodb:GetRecords'))!;
    expect(JSON.stringify(stream.Resource)).toMatch(/StreamArn/);
    const unconditioned = statements.filter((s) => !('Condition' in s));
    expect(
      unconditioned
        .flatMap((s) => [s.Action].flat())
        .filter((a) => a.startsWith('dynamodb:'))
        .sort(),
    ).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:DescribeTable',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
    ]);
    // Its one write: UpdateItem of its receipts under the outbox's leading key.
    const write = statements.find((s) => [s.Action].flat().includes('dynamodb:UpdateItem')) as unknown as {
      Condition: Record<string, Record<string, unknown>>;
    };
    expect(write.Condition['ForAllValues:StringLike']).toEqual({ 'dynamodb:LeadingKeys': ['OUTBOX#*'] });
    expect(statements.flatMap((s) => [s.Action].flat())).not.toEqual(expect.arrayContaining(['dynamodb:PutItem']));
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['kms:Decrypt', 'sqs:SendMessage']));
    expect(actions.filter((a) => a.startsWith('kms:')).sort()).toEqual([
      'kms:Decrypt',
      'kms:DescribeKey',
      'kms:Encrypt',
      'kms:GenerateDataKey',
    ]);
  });
});

describe('the fan-out’s resources', () => {
  const statementsOf = (template: typeof dev.compute, functionPrefix: string) =>
    Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith(functionPrefix))
      .flatMap(
        ([, p]) =>
          p.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[]; Resource: unknown }[],
      );
  const actions = (s: { Action: string | string[] }) => [s.Action].flat();

  it('lets the notify function send SMS to phone numbers only and e-mail from the stage’s SES identity, where AWS offers them', () => {
    const devStatements = statementsOf(dev.compute, 'notify');
    // (Policy minimisation may merge the grant with other "*" actions such as X-Ray's.)
    expect(
      devStatements.some((s) => s.Effect === 'Allow' && actions(s).includes('sns:Publish') && s.Resource === '*'),
    ).toBe(true);
    expect(devStatements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish' }));
    const ses = devStatements.find((s) => actions(s).includes('ses:SendEmail'))!;
    expect(JSON.stringify(ses.Resource)).toContain(':identity/dev.one-stop.example.gov.cn');
    // prod is in cn-north-1, where neither SNS SMS nor SES is offered: the inbox only, and no grant at all.
    const prodStatements = statementsOf(prod.compute, 'notify');
    expect(prodStatements.some((s) => actions(s).some((a) => a.startsWith('sns:') || a.startsWith('ses:')))).toBe(
      false,
    );
    const [notify] = Object.values(resourcesOf(prod.compute, 'AWS::Lambda::Function')).filter(
      (f) => f.Properties.Environment?.Variables?.SMS_CHANNEL,
    );
    expect(notify!.Properties.Environment.Variables).toMatchObject({ SMS_CHANNEL: 'none', EMAIL_CHANNEL: 'none' });
  });

  it('declares the event archive as an Athena table with date partitions projected (no crawler)', () => {
    const [table] = Object.values(resourcesOf(prod.stateful, 'AWS::Glue::Table'));
    const input = table!.Properties.TableInput;
    expect(input.PartitionKeys.map((k: { Name: string }) => k.Name)).toEqual(['dt']);
    expect(input.StorageDescriptor.Columns.map((c: { Name: string }) => c.Name)).toEqual([
      'event_id',
      'source',
      'detail_type',
      'occurred_at',
      'detail',
    ]);
    expect(input.Parameters['projection.enabled']).toBe('true');
    expect(input.StorageDescriptor.SerdeInfo.SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
  });

  it('archives every event through Firehose, not a function: gzipped JSON Lines by Shanghai date, encrypted with the data key', () => {
    const [stream] = Object.values(resourcesOf(prod.compute, 'AWS::KinesisFirehose::DeliveryStream'));
    const archive = topology.deliveryStreams.eventArchive;
    expect(stream!.Properties.DeliveryStreamEncryptionConfigurationInput.KeyType).toBe('CUSTOMER_MANAGED_CMK');
    const s3 = stream!.Properties.ExtendedS3DestinationConfiguration;
    expect(s3).toMatchObject({
      Prefix: 'events/dt=!{timestamp:yyyy-MM-dd}/',
      ErrorOutputPrefix: archive.errorOutputPrefix,
      CustomTimeZone: 'Asia/Shanghai',
      CompressionFormat: 'GZIP',
      FileExtension: '.jsonl.gz',
      BufferingHints: { IntervalInSeconds: archive.bufferSeconds, SizeInMBs: archive.bufferMiB },
      ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [] }] },
      CloudWatchLoggingOptions: expect.objectContaining({ Enabled: true }),
    });
    expect(s3.EncryptionConfiguration.KMSEncryptionConfig.AWSKMSKeyARN).toBeDefined();
    // The Athena table reads where the stream writes, and failed records land outside it.
    const [table] = Object.values(resourcesOf(prod.stateful, 'AWS::Glue::Table'));
    expect(JSON.stringify(table!.Properties.TableInput.Parameters['storage.location.template'])).toContain(
      '/events/dt=${dt}/',
    );
    expect(archive.errorOutputPrefix.startsWith('events/')).toBe(false);
    // No function archives any more.
    const functions = Object.values(resourcesOf(prod.compute, 'AWS::Lambda::Function'));
    expect(functions.some((f) => /archive/i.test(String(f.Properties.FunctionName)))).toBe(false);
  });

  it('lets the stream write only under its two prefixes of the analytics bucket, with the key only through S3', () => {
    const policies = Object.entries(resourcesOf(prod.compute, 'AWS::IAM::Policy'));
    const [, policy] = policies.find(([id]) => id.startsWith('eventArchiveStreamRole'))!;
    const statements = policy.Properties.PolicyDocument.Statement as {
      Action: string | string[];
      Resource: unknown;
      Condition?: Record<string, Record<string, unknown>>;
    }[];
    const actions = statements.flatMap((s) => [s.Action].flat()).sort();
    expect(actions).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'logs:PutLogEvents',
      's3:AbortMultipartUpload',
      's3:GetBucketLocation',
      's3:GetObject',
      's3:ListBucket',
      's3:ListBucketMultipartUploads',
      's3:PutObject',
    ]);
    const put = statements.find((s) => [s.Action].flat().includes('s3:PutObject'))!;
    const resources = JSON.stringify(put.Resource);
    expect(resources).toContain('one-stop-prod-analytics-');
    expect(resources).toContain('/events/*');
    expect(resources).toContain('/events-failed/*');
    expect(put.Resource).toHaveLength(2);
    const kms = statements.find((s) => [s.Action].flat().includes('kms:GenerateDataKey'))!;
    expect(Object.keys(kms.Condition!.StringEquals!)).toEqual(['kms:ViaService']);
    // Only Firehose, for this account, assumes the role.
    const [, role] = Object.entries(resourcesOf(prod.compute, 'AWS::IAM::Role')).find(([id]) =>
      id.startsWith('eventArchiveStreamRole'),
    )!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0]).toMatchObject({
      Principal: { Service: 'firehose.amazonaws.com' },
      Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'AWS::AccountId' } } },
    });
  });

  it('feeds the stream from the archive rule, each event shaped into the archive’s line by an input transformer', () => {
    const rules = Object.values(resourcesOf(prod.compute, 'AWS::Events::Rule'));
    const rule = rules.find((r) => String(r.Properties.Name).endsWith('archive-events'))!;
    const [target] = rule.Properties.Targets;
    expect(JSON.stringify(target.Arn)).toContain('eventArchiveStream');
    expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 });
    expect(Object.values(target.InputTransformer.InputPathsMap).sort()).toEqual(
      Object.values(topology.deliveryStreams.eventArchive.rule.record).sort(),
    );
    expect(target.InputTransformer.InputTemplate).toMatch(/^\{"eventId":<[^>]+>,"source":<source>,/);
  });

  it('gives each consumer of the fan-out its own rule with a dead-letter queue', () => {
    const rules = Object.values(resourcesOf(prod.compute, 'AWS::Events::Rule'));
    for (const name of ['notify-people', 'count-indicators', 'archive-events', 'supervision-track']) {
      const rule = rules.find((r) => String(r.Properties.Name).endsWith(name));
      expect([name, rule?.Properties.Targets[0].DeadLetterConfig]).toEqual([
        name,
        expect.objectContaining({ Arn: expect.anything() }),
      ]);
    }
  });
});
