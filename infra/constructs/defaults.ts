import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { StageConfig } from '../stage-config';
import { type FunctionDeclaration, FUNCTION_DEFAULTS } from '../topology-model';

/**
 * The platform's defaults for the resources its stacks create, as small functions (in the manner of AWS Solutions
 * Constructs' core/lib/*-defaults.ts): one place says how every bucket, queue, log group, table and function is
 * secured and kept, and the stacks add only what is particular to one resource.
 */

/** Stages that keep their data (staging, prod) keep it when a stack is deleted; the others clean up. */
export function stageRemovalPolicy(config: StageConfig): RemovalPolicy {
  return config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

/** A log group with the stage's retention, kept with the stage's data. */
export function logGroupProps(config: StageConfig, logGroupName?: string): logs.LogGroupProps {
  return {
    ...(logGroupName ? { logGroupName } : {}),
    retention: config.logRetentionDays as logs.RetentionDays,
    removalPolicy: stageRemovalPolicy(config),
  };
}

/** Every bucket: no public access, TLS only, no ACLs (CloudFront's log bucket, which needs them, asks for them). */
export function bucketSecurityProps(options: { acls?: boolean } = {}) {
  return {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: options.acls
      ? s3.ObjectOwnership.BUCKET_OWNER_PREFERRED
      : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  } as const;
}

/** Buckets of the platform's data: the data key, with S3 Bucket Keys (fewer KMS requests). */
export function dataBucketEncryptionProps(key: kms.IKey) {
  return { encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true } as const;
}

/** Buckets that log delivery or CloudFront write to: SSE-S3, since they cannot write to SSE-KMS buckets. */
export function serviceBucketEncryptionProps() {
  return { encryption: s3.BucketEncryption.S3_MANAGED } as const;
}

/** Every queue: SQS-managed encryption, TLS only. */
export function queueSecurityProps() {
  return { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;
}

/** A dead-letter queue keeps what it holds for the longest SQS allows (14 days), for the operators to redrive. */
export function deadLetterQueueProps(queueName: string): sqs.QueueProps {
  return { queueName, ...queueSecurityProps(), retentionPeriod: Duration.days(14) };
}

/**
 * EventBridge and Scheduler targets retry for as long as they can (185 attempts, 24 hours) before what they could
 * not deliver goes to the target's dead-letter queue.
 */
export function targetRetryProps(deadLetterQueue: sqs.IQueue) {
  return { deadLetterQueue, retryAttempts: 185, maxEventAge: Duration.hours(24) };
}

/** A table: on demand, encrypted with the data key, point-in-time recovery and deletion protection per stage. */
export function tableProps(config: StageConfig, key: kms.IKey) {
  return {
    billing: dynamodb.Billing.onDemand(),
    encryption: dynamodb.TableEncryptionV2.customerManagedKey(key),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: config.pointInTimeRecovery },
    deletionProtection: config.retainData,
    removalPolicy: stageRemovalPolicy(config),
  };
}

/**
 * A function: Node.js 22 (the runtime the platform is built and tested on), the stage's architecture, the
 * declaration's memory and timeout (FUNCTION_DEFAULTS otherwise), X-Ray tracing, JSON logs.
 */
export function functionProps(config: StageConfig, declaration: FunctionDeclaration) {
  return {
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: config.lambdaArchitecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
    memorySize: declaration.memoryMb ?? FUNCTION_DEFAULTS.memoryMb,
    timeout: Duration.seconds(declaration.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds),
    tracing: lambda.Tracing.ACTIVE,
    loggingFormat: lambda.LoggingFormat.JSON,
  };
}
