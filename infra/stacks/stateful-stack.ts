import { Aws, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import {
  ARCHIVE_COLUMNS,
  ARCHIVE_PARTITION_KEYS,
  ARCHIVE_PREFIX,
  ARCHIVE_SERDE,
  ARCHIVE_STORAGE,
  archiveTableProperties,
} from '../../shared/adapters/s3-event-archive';
import { CLAIM } from '../../shared/auth/principal';
import {
  bucketSecurityProps,
  dataBucketEncryptionProps,
  serviceBucketEncryptionProps,
  stageRemovalPolicy,
  tableProps,
} from '../constructs/defaults';
import { exchangeDepartmentAccess } from '../constructs/exchange-access';
import { type StageConfig, webOrigins } from '../stage-config';
import type { Topology } from '../topology-model';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
  readonly topology: Topology;
}

/**
 * What holds data: the topology's tables and buckets, the event bus and its archive, the KMS key, the operators'
 * alarm topic and, in cognito mode, the user pool. Everything here is RETAINed in stages that keep their data.
 */
export class StatefulStack extends Stack {
  readonly key: kms.Key;
  /** Signs e-licences (ES256). Asymmetric keys do not rotate in KMS: a new key is added and the old one kept for verification. */
  readonly licenceSigningKey: kms.Key;
  readonly tables: Record<string, dynamodb.TableV2> = {};
  readonly buckets: Record<string, s3.Bucket> = {};
  /** Per department on the exchange folder: the role that may write under its inbox prefix only. */
  readonly exchangeRoles: Record<string, iam.Role> = {};
  readonly bus: events.EventBus;
  readonly alarmTopic: sns.Topic;
  /** The stage's key material for list cursors (shared/adapters/dynamo-cursor.ts): generated once, never in a template. */
  readonly cursorSecret: secretsmanager.Secret;
  readonly userPool?: cognito.UserPool;
  readonly userPoolClient?: cognito.UserPoolClient;
  /** The online service hall's public client (authorization code with PKCE, no secret) and the sign-in domain it uses. */
  readonly webClient?: cognito.UserPoolClient;
  readonly userPoolDomain?: cognito.UserPoolDomain;
  /** The OpenID Connect issuer of the user pool's tokens. */
  readonly userPoolIssuer?: string;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config, topology } = props;
    const removalPolicy = stageRemovalPolicy(config);

    this.key = new kms.Key(this, 'DataKey', {
      alias: `${config.prefix}-data`,
      description: 'Encrypts the platform’s tables, buckets and alarm topic',
      enableKeyRotation: true,
      removalPolicy,
    });
    this.licenceSigningKey = new kms.Key(this, 'LicenceSigningKey', {
      alias: `${config.prefix}-licence-signing`,
      description: 'Signs e-licences and status lists (ES256, W3C VC with JOSE)',
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      // Never destroyed with the stack: licences signed with it must stay verifiable.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish to the encrypted alarm topic.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    for (const [name, { design }] of Object.entries(topology.tables)) {
      const attr = (attributeName: string) => ({ name: attributeName, type: dynamodb.AttributeType.STRING });
      this.tables[name] = new dynamodb.TableV2(this, `${name}Table`, {
        tableName: `${config.prefix}-${name}`,
        partitionKey: attr(design.partitionKey),
        sortKey: attr(design.sortKey),
        ...tableProps(config, this.key),
        timeToLiveAttribute: design.timeToLiveAttribute,
        dynamoStream:
          design.stream === 'NEW_IMAGE'
            ? dynamodb.StreamViewType.NEW_IMAGE
            : design.stream
              ? dynamodb.StreamViewType.NEW_AND_OLD_IMAGES
              : undefined,
        globalSecondaryIndexes: design.indexes.map((index) => ({
          indexName: index.name,
          partitionKey: attr(index.partitionKey),
          sortKey: attr(index.sortKey),
        })),
      });
      if (!config.pointInTimeRecovery) {
        Validations.of(this.tables[name]).acknowledge({
          id: 'AwsSolutions-DDB3',
          reason: `Stage ${config.stage} holds disposable test data; point-in-time recovery is on where data is kept (staging, prod).`,
        });
      }
    }

    const accessLogs = accessLogsBucket(this, 'AccessLogs', config);

    for (const [name, declaration] of Object.entries(topology.buckets)) {
      const lifecycleRules: s3.LifecycleRule[] = [
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ];
      if (declaration.abandonedPrefix) {
        lifecycleRules.push({
          id: 'expire-abandoned-uploads',
          prefix: declaration.abandonedPrefix,
          expiration: Duration.days(declaration.abandonedAfterDays ?? 2),
        });
      }
      this.buckets[name] = new s3.Bucket(this, `${name}Bucket`, {
        bucketName: platformBucketName(config, name),
        ...dataBucketEncryptionProps(this.key),
        ...bucketSecurityProps(),
        versioned: declaration.versioned,
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: `${name}/`,
        lifecycleRules,
        // The hall (and corsOrigins) upload with presigned POSTs and read files back for previews.
        cors: declaration.browserUploads
          ? [
              {
                allowedOrigins: webOrigins(config),
                allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.HEAD, s3.HttpMethods.PUT, s3.HttpMethods.POST],
                allowedHeaders: ['*'],
                maxAge: 3000,
              },
            ]
          : undefined,
        removalPolicy,
      });
    }

    if (this.buckets.analytics) this.eventsTable(config, this.buckets.analytics);
    if (this.buckets.exchange)
      this.exchangeRoles = exchangeDepartmentAccess(this, this.buckets.exchange, this.key, config);

    this.bus = new events.EventBus(this, 'Bus', { eventBusName: `${config.prefix}-bus` });
    this.bus.archive('Archive', {
      archiveName: `${config.prefix}-events`,
      description: 'Every platform event, for replay after a consumer fix',
      eventPattern: { account: [this.account] },
      retention: Duration.days(config.eventArchiveRetentionDays),
    });

    this.cursorSecret = new secretsmanager.Secret(this, 'CursorSecret', {
      secretName: `${config.prefix}/cursor-secret`,
      description:
        'Derives the key that encrypts list cursors (no personal data in URLs); rotating it only restarts open lists',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy,
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Cursors live minutes; an operator rotates by setting a new value (outstanding cursors then answer 400 and clients restart the list). No rotation Lambda is needed for that.',
    });

    this.alarmTopic = new sns.Topic(this, 'Alarms', {
      topicName: `${config.prefix}-alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));

    if (config.auth.mode === 'cognito') {
      this.userPool = new cognito.UserPool(this, 'Users', {
        userPoolName: `${config.prefix}-users`,
        selfSignUpEnabled: false,
        signInAliases: { username: true, email: true },
        mfa: cognito.Mfa.REQUIRED,
        mfaSecondFactor: { sms: false, otp: true },
        passwordPolicy: {
          minLength: 12,
          requireDigits: true,
          requireLowercase: true,
          requireUppercase: true,
          requireSymbols: true,
        },
        accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
        // The platform claims (see shared/auth/principal.ts); only administrators set them.
        customAttributes: Object.fromEntries(
          Object.values(CLAIM)
            .filter((c) => c !== 'name')
            .map((c) => [c, new cognito.StringAttribute({ mutable: true })]),
        ),
        removalPolicy,
      });
      this.userPoolClient = this.userPool.addClient('ApiClient', {
        userPoolClientName: `${config.prefix}-api`,
        authFlows: { userSrp: true },
        generateSecret: false,
        readAttributes: new cognito.ClientAttributes()
          .withStandardAttributes({ email: true })
          .withCustomAttributes(...Object.values(CLAIM).filter((c) => c !== 'name')),
        writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
        oAuth:
          config.auth.callbackUrls.length > 0
            ? { callbackUrls: config.auth.callbackUrls, flows: { authorizationCodeGrant: true } }
            : undefined,
      });
      // The hosted sign-in pages and the OAuth endpoints (authorize, token) that the hall's OIDC client goes to.
      this.userPoolDomain = this.userPool.addDomain('Domain', {
        cognitoDomain: { domainPrefix: `${config.prefix}-${this.account}` },
      });
      this.webClient = this.userPool.addClient('WebClient', {
        userPoolClientName: `${config.prefix}-web`,
        generateSecret: false,
        authFlows: {},
        preventUserExistenceErrors: true,
        readAttributes: new cognito.ClientAttributes()
          .withStandardAttributes({ email: true })
          .withCustomAttributes(...Object.values(CLAIM).filter((c) => c !== 'name')),
        writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
        supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
        oAuth: {
          flows: { authorizationCodeGrant: true },
          scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
          callbackUrls: [`${config.publicWebUrl}/auth/callback`],
          logoutUrls: [`${config.publicWebUrl}/`],
        },
      });
      this.userPoolIssuer = `https://cognito-idp.${this.region}.${this.urlSuffix}/${this.userPool.userPoolId}`;
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection (Plus feature plan) is priced per user; operators enable it per region where it is offered. MFA is required.',
      });
    }
  }
  /** The archive as an Athena table: the same columns as the archive writes, partitions projected by date (no crawler). */
  private eventsTable(config: StageConfig, bucket: s3.Bucket): void {
    const databaseName = `${config.prefix.replaceAll('-', '_')}_analytics`;
    const database = new glue.CfnDatabase(this, 'AnalyticsDatabase', {
      catalogId: this.account,
      databaseInput: { name: databaseName, description: 'Platform events archived by date (JSON Lines)' },
    });
    const table = new glue.CfnTable(this, 'EventsTable', {
      catalogId: this.account,
      databaseName,
      tableInput: {
        name: 'events',
        description: 'Every platform event, one JSON line each, partitioned by its date in Asia/Shanghai',
        tableType: 'EXTERNAL_TABLE',
        parameters: archiveTableProperties(bucket.bucketName),
        partitionKeys: ARCHIVE_PARTITION_KEYS.map(({ name, type, comment }) => ({ name, type, comment })),
        storageDescriptor: {
          location: `s3://${bucket.bucketName}/${ARCHIVE_PREFIX}`,
          columns: ARCHIVE_COLUMNS.map(({ name, type, comment }) => ({ name, type, comment })),
          inputFormat: ARCHIVE_STORAGE.inputFormat,
          outputFormat: ARCHIVE_STORAGE.outputFormat,
          serdeInfo: { serializationLibrary: ARCHIVE_SERDE.serializationLibrary, parameters: ARCHIVE_SERDE.parameters },
        },
      },
    });
    table.addResourceDependency(database);
  }
}

/**
 * A bucket for S3 server access logs (and, with `acls`, CloudFront standard logs, which are written through ACLs):
 * SSE-S3, since neither log delivery writes to SSE-KMS buckets; kept a year where the stage keeps data, else 30 days.
 */
export function accessLogsBucket(
  scope: Construct,
  id: string,
  config: StageConfig,
  options: { acls?: boolean; autoDeleteObjects?: boolean } = {},
): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    ...serviceBucketEncryptionProps(),
    ...bucketSecurityProps({ acls: options.acls }),
    lifecycleRules: [{ expiration: Duration.days(config.retainData ? 365 : 30) }],
    removalPolicy: stageRemovalPolicy(config),
    autoDeleteObjects: options.autoDeleteObjects && !config.retainData,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This is the access-log bucket; logging it into itself would loop.',
  });
  return bucket;
}

/**
 * Bucket names are derived, not generated, so other stacks build a bucket's ARN from its name with their own
 * pseudo parameters instead of importing it (and IAM findings name the same resource in every stack).
 */
export function platformBucketName(config: StageConfig, bucket: string): string {
  return `${config.prefix}-${bucket}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}
