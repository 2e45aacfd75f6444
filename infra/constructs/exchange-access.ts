import { Aws, CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { Construct } from 'constructs';
import type { StageConfig } from '../stage-config';

/** The folders of the exchange bucket a department reads: its tasks, its refused files and its results. */
const READABLE_ROOTS = ['outbox', 'error', 'processed'] as const;

/**
 * Who may write decision files in the exchange bucket (前置机): one role per department of the stage's
 * `exchangeDepartments`, assumable by the principals the stage trusts for it, that may write only under
 * `inbox/<DEPT>/` and read only its own `outbox/`, `error/` and `processed/` folders. The bucket policy denies a
 * write under `inbox/` to every other principal, so neither another department's role nor a broad operator policy
 * can drop a decision in a department's name (its signature is checked as well: shared/domain/integration/exchange.ts).
 */
export function exchangeDepartmentAccess(
  scope: Construct,
  bucket: s3.Bucket,
  key: kms.IKey,
  config: Pick<StageConfig, 'exchangeDepartments'>,
): Record<string, iam.Role> {
  const stack = Stack.of(scope);
  const roles: Record<string, iam.Role> = {};
  for (const [department, { trustedPrincipals }] of Object.entries(config.exchangeDepartments)) {
    const principals = trustedPrincipals.map((p) =>
      /^\d{12}$/.test(p) ? new iam.AccountPrincipal(p) : new iam.ArnPrincipal(p),
    );
    const role = new iam.Role(scope, `ExchangeRole${department}`, {
      assumedBy: new iam.CompositePrincipal(...principals),
      description: `${department}'s front-end processor (exchange folder): writes decision files under inbox/${department}/ of the exchange bucket, reads its own folders`,
    });
    const inbox = bucket.arnForObjects(`inbox/${department}/*`);
    const readable = READABLE_ROOTS.map((root) => bucket.arnForObjects(`${root}/${department}/*`));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [inbox] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: readable }));
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: {
          StringLike: { 's3:prefix': ['inbox', ...READABLE_ROOTS].map((root) => `${root}/${department}/*`) },
        },
      }),
    );
    // The bucket's objects are encrypted with the data key: only through S3, only for this bucket (bucket keys).
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [key.keyArn],
        conditions: {
          StringEquals: {
            'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com`,
            'kms:EncryptionContext:aws:s3:arn': bucket.bucketArn,
          },
        },
      }),
    );
    Validations.of(role).acknowledge(
      ...[inbox, ...readable].map((arn) => ({
        id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(stack.resolve(arn))}]`,
        reason: `Decision and task files are named per task; ${department}'s role reaches only its own folder under each root.`,
      })),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `OnlyItsRoleWritesTheInboxOf${department.replace(/[^A-Za-z0-9]/g, '')}`,
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [inbox],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': role.roleArn } },
      }),
    );
    new CfnOutput(scope, `ExchangeRoleArn${department.replace(/[^A-Za-z0-9]/g, '')}`, {
      value: role.roleArn,
      description: `The role ${department}'s front-end processor assumes to reach the exchange bucket`,
    });
    roles[department] = role;
  }
  // A department the stage does not list cannot write under inbox/ at all, nor can anyone else.
  const writers = Object.values(roles).map((r) => r.roleArn);
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'OnlyDepartmentRolesWriteInboxes',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('inbox/*')],
      ...(writers.length ? { conditions: { ArnNotEquals: { 'aws:PrincipalArn': writers } } } : {}),
    }),
  );
  return roles;
}
