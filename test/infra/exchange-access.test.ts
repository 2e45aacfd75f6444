import { readFileSync } from 'node:fs';
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { StatefulStack } from '../../infra/stacks/stateful-stack';
import { loadStageConfig, stageConfigSchema } from '../../infra/stage-config';
import { topology } from '../../infra/topology';
import { resourcesOf, testApp } from '../support/synth';

/**
 * The exchange bucket's write policy per department (infra/constructs/exchange-access.ts): each department of the
 * stage's `exchangeDepartments` gets a role that writes only under its own inbox prefix, and the bucket refuses
 * writes under inbox/ from anyone else. The stateful stack (which holds the bucket) is synthesized with two
 * departments and cdk-nag's checks, as `npm run synth` does.
 */
const context = JSON.parse(readFileSync('cdk.json', 'utf8')).context as Record<string, unknown>;
const departments = {
  URBAN: { trustedPrincipals: ['111122223333'] },
  HEALTH: { trustedPrincipals: ['arn:aws-cn:iam::444455556666:role/health-frontend'] },
};
const app = testApp({ context: { ...context, stage: 'dev', 'aws:cdk:bundling-stacks': [] } });
const config = { ...loadStageConfig(context.stages, 'dev'), exchangeDepartments: departments };
const stack = new StatefulStack(app, 'exchange-access-stateful', { env: { region: config.region }, config, topology });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
// Throws on a cdk-nag finding that is not acknowledged.
const stateful = Template.fromJSON(app.synth().getStackByName(stack.stackName).template);

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: unknown;
  Sid?: string;
};
const ref = (value: unknown) => JSON.stringify(value);
/** A role's statements, found by its logical id prefix. */
function statementsOf(department: string): Statement[] {
  const [roleId] = Object.keys(resourcesOf(stateful, 'AWS::IAM::Role')).filter((id) =>
    id.startsWith(`ExchangeRole${department}`),
  );
  const policies = Object.values(resourcesOf(stateful, 'AWS::IAM::Policy')).filter((p) =>
    ref(p.Properties.Roles).includes(roleId!),
  );
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actions = (s: Statement) => [s.Action].flat();

describe('the exchange bucket’s write access per department', () => {
  it('gives each department a role that puts objects under its own inbox prefix only', () => {
    for (const department of Object.keys(departments)) {
      const statements = statementsOf(department);
      const writes = statements.filter((s) =>
        actions(s).some((a) => /Put|Delete|Copy|\*/.test(a) && a.startsWith('s3:')),
      );
      expect(writes).toHaveLength(1);
      expect(actions(writes[0]!)).toEqual(['s3:PutObject']);
      expect(ref(writes[0]!.Resource)).toMatch(new RegExp(`/inbox/${department}/\\*"`));
      // It reads its own folders, lists only under them, and uses the data key only through S3 for this bucket.
      const reads = statements.find((s) => actions(s).includes('s3:GetObject'))!;
      for (const root of ['outbox', 'error', 'processed'])
        expect(ref(reads.Resource)).toContain(`/${root}/${department}/*`);
      expect(ref(reads.Resource)).not.toMatch(/\/(outbox|error|processed)\/(?!URBAN|HEALTH)/);
      const other = department === 'URBAN' ? 'HEALTH' : 'URBAN';
      expect(ref(statements)).not.toContain(`/${other}/`);
      const list = statements.find((s) => actions(s).includes('s3:ListBucket'))!;
      expect(list.Condition?.StringLike?.['s3:prefix']).toEqual([
        `inbox/${department}/*`,
        `outbox/${department}/*`,
        `error/${department}/*`,
        `processed/${department}/*`,
      ]);
      const kms = statements.find((s) => actions(s).includes('kms:Decrypt'))!;
      expect(Object.keys(kms.Condition!.StringEquals!)).toEqual(['kms:ViaService', 'kms:EncryptionContext:aws:s3:arn']);
    }
  });

  it('lets only the principals the stage trusts for a department assume its role', () => {
    const roles = resourcesOf(stateful, 'AWS::IAM::Role');
    const urban = Object.entries(roles).find(([id]) => id.startsWith('ExchangeRoleURBAN'))![1];
    const health = Object.entries(roles).find(([id]) => id.startsWith('ExchangeRoleHEALTH'))![1];
    expect(ref(urban.Properties.AssumeRolePolicyDocument)).toContain(':iam::111122223333:root');
    expect(ref(urban.Properties.AssumeRolePolicyDocument)).not.toContain('444455556666');
    expect(ref(health.Properties.AssumeRolePolicyDocument)).toContain(
      'arn:aws-cn:iam::444455556666:role/health-frontend',
    );
  });

  it('denies a write under a department’s inbox to every other principal, and under inbox/ to all but the department roles', () => {
    const statements = Object.values(resourcesOf(stateful, 'AWS::S3::BucketPolicy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Statement[],
    );
    for (const department of Object.keys(departments)) {
      const deny = statements.find((s) => s.Sid === `OnlyItsRoleWritesTheInboxOf${department}`)!;
      expect(deny).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:PutObject' });
      expect(ref(deny.Resource)).toMatch(new RegExp(`/inbox/${department}/\\*"`));
      expect(ref(deny.Condition!.ArnNotEquals!['aws:PrincipalArn'])).toContain(`ExchangeRole${department}`);
    }
    const all = statements.find((s) => s.Sid === 'OnlyDepartmentRolesWriteInboxes')!;
    expect(all).toMatchObject({ Effect: 'Deny', Action: 's3:PutObject' });
    expect(ref(all.Resource)).toMatch(/\/inbox\/\*"/);
    expect(all.Condition!.ArnNotEquals!['aws:PrincipalArn']).toHaveLength(2);
  });

  it('lets nobody write under inbox/ in a stage that lists no department', () => {
    const bare = testApp({ context: { ...context, stage: 'dev', 'aws:cdk:bundling-stacks': [] } });
    const only = new StatefulStack(bare, 'exchange-access-bare', {
      env: { region: config.region },
      config: loadStageConfig(context.stages, 'dev'),
      topology,
    });
    Validations.of(bare).addPlugins(new AwsSolutionsChecks(bare));
    const template = Template.fromJSON(bare.synth().getStackByName(only.stackName).template);
    expect(Object.keys(resourcesOf(template, 'AWS::IAM::Role')).filter((id) => id.startsWith('ExchangeRole'))).toEqual(
      [],
    );
    const statements = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Statement[],
    );
    const all = statements.find((s) => s.Sid === 'OnlyDepartmentRolesWriteInboxes')!;
    expect(all).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:PutObject' });
    expect(all.Condition).toBeUndefined();
  });

  it('refuses a stage setting that is not a department code or a principal, naming it', () => {
    const parse = (exchangeDepartments: unknown) =>
      stageConfigSchema.safeParse({
        ...(context.stages as Record<string, object>).dev,
        stage: 'dev',
        exchangeDepartments,
      });
    expect(parse(departments).success).toBe(true);
    const badCode = parse({ urban: { trustedPrincipals: ['111122223333'] } });
    expect(badCode.error?.issues[0]).toMatchObject({ path: ['exchangeDepartments', 'urban'] });
    const badPrincipal = parse({ URBAN: { trustedPrincipals: ['*'] } });
    expect(badPrincipal.error?.issues[0]).toMatchObject({
      path: ['exchangeDepartments', 'URBAN', 'trustedPrincipals', 0],
      message: 'an account ID, or an IAM role or user ARN',
    });
    expect(parse({ URBAN: { trustedPrincipals: [] } }).success).toBe(false);
  });
});
