import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildPlatform } from '../../infra/platform';
import { StatefulStack } from '../../infra/stacks/stateful-stack';
import { WebStack } from '../../infra/stacks/web-stack';
import { loadStageConfig, STAGES } from '../../infra/stage-config';
import { topology } from '../../infra/topology';
import { cacheControlFor, contentSecurityPolicy, s3RegionalOrigin, securityHeaders } from '../../infra/web-hosting';
import { verificationUrl } from '../../shared/domain/licences/register';
import { resourcesOf, testApp } from '../support/synth';

type Stage = (typeof STAGES)[number];
const context = JSON.parse(readFileSync('cdk.json', 'utf8')).context as {
  stages: Record<string, Record<string, unknown>>;
} & Record<string, unknown>;
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

// A stand-in for the Vite build, so these tests need no `npm run build:web`.
const dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(
  join(dist, 'index.html'),
  '<!doctype html><html lang="zh-CN"><script type="module" src="/assets/app-3f9a1c.js"></script></html>',
);
writeFileSync(join(dist, 'assets', 'app-3f9a1c.js'), 'console.log("hall")');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

interface Options {
  readonly stages?: Record<string, unknown>;
  readonly distDir?: string;
  /** Stacks whose assets are built (bundled); none by default, as `synthStage` does. */
  readonly bundlingStacks?: string[];
}

/** One stage as `npm run synth` builds it (cdk-nag included: an unacknowledged finding throws), bundling skipped. */
function synth(stage: Stage, options: Options = {}) {
  const app = testApp({ context: { ...context, stage, 'aws:cdk:bundling-stacks': options.bundlingStacks ?? [] } });
  const stacks = buildPlatform(app, loadStageConfig(options.stages ?? context.stages, stage), topology, process.cwd(), {
    webDistDir: options.distDir ?? dist,
  });
  const assembly = app.synth();
  const template = (name: string) => Template.fromJSON(assembly.getStackByName(name).template);
  return {
    assembly,
    stacks,
    stateful: template(stacks.stateful.stackName),
    compute: template(stacks.compute.stackName),
    api: template(stacks.api.stackName),
    web: template(stacks.web.stackName),
  };
}
/** The stateful and web stacks of a stage alone (quicker: no functions), with cdk-nag. */
function synthWeb(stage: Stage, options: Options = {}) {
  const app = testApp({ context: { ...context, stage, 'aws:cdk:bundling-stacks': options.bundlingStacks ?? [] } });
  const config = loadStageConfig(options.stages ?? context.stages, stage);
  const stateful = new StatefulStack(app, `${config.prefix}-stateful`, {
    env: { region: config.region },
    config,
    topology,
  });
  const web = new WebStack(app, `${config.prefix}-web`, {
    env: { region: config.region },
    config,
    topology,
    stateful,
    rootDir: process.cwd(),
    distDir: options.distDir ?? dist,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { web, template: Template.fromJSON(app.synth().getStackByName(web.stackName).template) };
}
const synthesized = new Map<Stage, ReturnType<typeof synth>>();
const stageOf = (stage: Stage) => synthesized.get(stage) ?? synthesized.set(stage, synth(stage)).get(stage)!;

/** A CloudFormation string value as text: Fn::Join flattened, other intrinsics as <…>. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(text).join(join[0]);
  return `<${JSON.stringify(value)}>`;
}

const only = <T>(record: Record<string, T>): T => {
  const values = Object.values(record);
  expect(values).toHaveLength(1);
  return values[0]!;
};
const distributionOf = (template: Template) =>
  only(resourcesOf(template, 'AWS::CloudFront::Distribution')).Properties.DistributionConfig;
const headersOf = (template: Template) =>
  only(resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy')).Properties.ResponseHeadersPolicyConfig;
const siteBucketId = (template: Template) =>
  Object.keys(resourcesOf(template, 'AWS::S3::Bucket')).find((id) => id.startsWith('Site'))!;

/** The files a BucketDeployment uploads from its second source (config.json), with deploy-time values as <…>. */
function configJsonOf(assembly: CloudAssembly, template: Template) {
  const pages = Object.values(resourcesOf(template, 'Custom::CDKBucketDeployment')).find(
    (d) => d.Properties.Prune === true,
  )!;
  const [key] = (pages.Properties.SourceObjectKeys as string[]).slice(-1);
  let json = readFileSync(join(assembly.directory, `asset.${key!.replace(/\.zip$/, '')}`, 'config.json'), 'utf8');
  for (const [marker, value] of Object.entries(
    (pages.Properties.SourceMarkers?.at(-1) ?? {}) as Record<string, unknown>,
  ))
    json = json.replaceAll(marker, `<${JSON.stringify(value).replaceAll('"', "'")}>`);
  return JSON.parse(json) as {
    stage: string;
    apiUrl: string;
    auth: { mode: string; issuer: string; clientId: string; scope: string };
  };
}

describe('cdk-nag (AwsSolutions) with the web stack', () => {
  it.each([...STAGES])('passes %s with no unacknowledged finding', (stage) => {
    expect(() => stageOf(stage)).not.toThrow();
    expect(stageOf(stage).stacks.web.stackName).toBe(`one-stop-${stage}-web`);
  });
});

describe('no local-only route is deployed', () => {
  it('the topology declares no /local route (the local cloud’s sign-in stays in infra/local)', () => {
    expect(topology.routes.length).toBeGreaterThan(0);
    expect(topology.routes.map(({ route }) => route.path).filter((path) => /^\/local(\/|$)/.test(path))).toEqual([]);
  });

  it.each([...STAGES])('no stack of %s has a route under /local', (stage) => {
    const { assembly } = stageOf(stage);
    const routeKeys = assembly.stacks.flatMap((stack) =>
      Object.values(
        (stack.template as { Resources: Record<string, { Type: string; Properties: { RouteKey: string } }> }).Resources,
      )
        .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
        .map((r) => r.Properties.RouteKey),
    );
    expect(routeKeys.length).toBe(topology.routes.length);
    expect(routeKeys.filter((key) => /^\S+ \/local(\/|$)/.test(key))).toEqual([]);
    // Nor does the hall's distribution route anything there.
    const patterns = (distributionOf(stageOf(stage).web).CacheBehaviors ?? []).map(
      (b: { PathPattern: string }) => b.PathPattern,
    );
    expect(patterns.filter((p: string) => p.replace(/^\//, '').startsWith('local'))).toEqual([]);
  });
});

describe('the hall’s bucket', () => {
  it('is private, encrypted, TLS-only and logged, and readable by this distribution only (origin access control)', () => {
    const { web } = stageOf('dev');
    const site = siteBucketId(web);
    const bucket = resourcesOf(web, 'AWS::S3::Bucket')[site]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
    ).toBe('AES256');
    expect(bucket.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'site/' });
    expect(bucket.WebsiteConfiguration).toBeUndefined();

    const policy = Object.values(resourcesOf(web, 'AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === site,
    )!;
    const statements = policy.Properties.PolicyDocument.Statement as {
      Effect: string;
      Action: string | string[];
      Principal: unknown;
      Condition?: unknown;
    }[];
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const reads = statements.filter((s) => s.Effect === 'Allow' && [s.Action].flat().includes('s3:GetObject'));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(JSON.stringify(reads[0]!.Condition)).toContain(':distribution/');
    expect(statements.some((s) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes('"*"'))).toBe(false);

    const [origin] = distributionOf(web).Origins;
    expect(origin.DomainName).toEqual({ 'Fn::GetAtt': [site, 'RegionalDomainName'] });
    expect(origin.OriginAccessControlId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'],
    });
    web.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
  });

  it('falls back to an origin access identity in the China regions, where CloudFront offers no origin access control', () => {
    const { web } = stageOf('prod');
    web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 0);
    web.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 1);
    const site = siteBucketId(web);
    const policy = Object.values(resourcesOf(web, 'AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === site,
    )!;
    const reads = (
      policy.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[]; Principal: unknown }[]
    ).filter((s) => s.Effect === 'Allow' && [s.Action].flat().includes('s3:GetObject'));
    expect(reads).toEqual([
      expect.objectContaining({
        Principal: { CanonicalUser: { 'Fn::GetAtt': [expect.stringMatching(/S3Origin/), 'S3CanonicalUserId'] } },
      }),
    ]);
    expect(
      resourcesOf(web, 'AWS::S3::Bucket')[site]!.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets,
    ).toBe(true);
  });

  it('is build output: destroyed with its objects where the stage keeps no data, kept in prod', () => {
    expect(resourcesOf(stageOf('dev').web, 'AWS::S3::Bucket')[siteBucketId(stageOf('dev').web)]!.DeletionPolicy).toBe(
      'Delete',
    );
    stageOf('dev').web.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    expect(resourcesOf(stageOf('prod').web, 'AWS::S3::Bucket')[siteBucketId(stageOf('prod').web)]!.DeletionPolicy).toBe(
      'Retain',
    );
    stageOf('prod').web.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });
});

describe('the hall’s distribution', () => {
  it('answers every client route with index.html and 200, and / with index.html', () => {
    const distribution = distributionOf(stageOf('dev').web);
    expect(distribution.DefaultRootObject).toBe('index.html');
    expect(distribution.CustomErrorResponses).toEqual([
      expect.objectContaining({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' }),
      expect.objectContaining({ ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html' }),
    ]);
  });

  it('redirects plain HTTP on every behaviour, speaks HTTP/2 and 3, logs, and serves GET and HEAD only', () => {
    const distribution = distributionOf(stageOf('dev').web);
    expect(distribution.HttpVersion).toBe('http2and3');
    expect(distribution.Logging).toMatchObject({ Prefix: 'cloudfront/' });
    for (const behaviour of [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors]) {
      expect(behaviour).toMatchObject({
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        Compress: true,
      });
    }
  });

  it('revalidates index.html and config.json on every request and keeps hashed assets for a year', () => {
    const { web } = stageOf('dev');
    const distribution = distributionOf(web);
    const pages = resourcesOf(web, 'AWS::CloudFront::CachePolicy')[distribution.DefaultCacheBehavior.CachePolicyId.Ref]!
      .Properties.CachePolicyConfig;
    expect(pages).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
    expect(distribution.CacheBehaviors).toEqual([
      expect.objectContaining({ PathPattern: 'assets/*', CachePolicyId: CACHING_OPTIMIZED }),
    ]);

    const deployments = Object.values(resourcesOf(web, 'Custom::CDKBucketDeployment')).map((d) => d.Properties);
    expect(deployments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Include: ['assets/*'],
          Exclude: ['*'],
          Prune: false,
          SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
        }),
        expect.objectContaining({
          Exclude: ['assets/*'],
          Prune: true,
          SystemMetadata: { 'cache-control': 'no-cache' },
        }),
      ]),
    );
    expect(deployments).toHaveLength(2);
  });

  it('uploads the build given to it', () => {
    const { assembly, web } = stageOf('dev');
    const assets = Object.values(resourcesOf(web, 'Custom::CDKBucketDeployment')).find(
      (d) => d.Properties.Prune === false,
    )!;
    const [key] = assets.Properties.SourceObjectKeys as string[];
    expect(
      readFileSync(join(assembly.directory, `asset.${key!.replace(/\.zip$/, '')}`, 'assets', 'app-3f9a1c.js'), 'utf8'),
    ).toBe('console.log("hall")');
  });

  it('puts the security headers on every behaviour: a strict CSP, HSTS with preload, no framing, no sniffing, a referrer policy', () => {
    const { web } = stageOf('dev');
    const distribution = distributionOf(web);
    const [policyId] = Object.keys(resourcesOf(web, 'AWS::CloudFront::ResponseHeadersPolicy'));
    for (const behaviour of [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors])
      expect(behaviour.ResponseHeadersPolicyId).toEqual({ Ref: policyId });

    const { SecurityHeadersConfig: security, CustomHeadersConfig: custom } = headersOf(web);
    const csp = text(security.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self';",
      "style-src 'self';",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      'upgrade-insecure-requests',
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp).toMatch(
      /connect-src 'self' https:\/\/api\.dev\.one-stop\.example\.gov\.cn https:\/\/cognito-idp\.ap-southeast-1\.\S+ https:\/\/\S+\.auth\.ap-southeast-1\.amazoncognito\.com https:\/\/one-stop-dev-attachments-\S+\.s3\.ap-southeast-1\.amazonaws\.com;/,
    );
    expect(csp).toMatch(/form-action 'self' https:\/\/cognito-idp\./);
    expect(csp).toMatch(
      /frame-src 'self' blob: https:\/\/one-stop-dev-attachments-\S+ https:\/\/one-stop-dev-licences-\S+;/,
    );
    expect(security.ContentSecurityPolicy.Override).toBe(true);
    expect(security.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: 63072000,
      IncludeSubdomains: true,
      Preload: true,
      Override: true,
    });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true });
    expect(custom.Items).toEqual([expect.objectContaining({ Header: 'Permissions-Policy', Override: true })]);
  });

  it('lets prod’s hall talk to the provincial issuer and sign in there', () => {
    const csp = text(headersOf(stageOf('prod').web).SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain(
      "connect-src 'self' https://api.one-stop.example.gov.cn https://idp.example.gov.cn https://one-stop-prod-attachments-",
    );
    expect(csp).toContain('.s3.cn-north-1.amazonaws.com.cn');
    expect(csp).toContain("form-action 'self' https://idp.example.gov.cn;");
  });

  it('outputs the distribution’s domain and the bucket’s name', () => {
    const outputs = stageOf('dev').web.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.DistributionDomainName!.Value).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^Distribution/), 'DomainName'],
    });
    expect(outputs.BucketName!.Value).toEqual({ Ref: siteBucketId(stageOf('dev').web) });
  });
});

describe('the hall’s own domain', () => {
  it('serves prod on its ICP-registered name with the IAM certificate, SNI only, TLS 1.2 at least', () => {
    const distribution = distributionOf(stageOf('prod').web);
    expect(distribution.Aliases).toEqual(['www.one-stop.example.gov.cn']);
    expect(distribution.ViewerCertificate).toEqual({
      IamCertificateId: 'ASCAEXAMPLEWEBCERTIFICATE',
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
  });

  it('takes an ACM certificate outside China, with TLS 1.2 at least and no acknowledged TLS finding', () => {
    const stages = {
      ...context.stages,
      dev: {
        ...context.stages.dev,
        webDomainNames: ['www.dev.one-stop.example.gov.cn'],
        webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/hall',
      },
    };
    const { web: stack, template } = synthWeb('dev', { stages });
    const distribution = distributionOf(template);
    expect(distribution.Aliases).toEqual(['www.dev.one-stop.example.gov.cn']);
    expect(distribution.ViewerCertificate).toEqual({
      AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/hall',
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    const acknowledged = stack.distribution.node.metadata
      .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
      .flatMap((m) => Object.keys(m.data as object));
    expect(acknowledged.some((id) => id.includes('CFR4'))).toBe(false);
  });
});

describe('config.json', () => {
  it('gives the hall dev’s API URL and its Cognito issuer and public web client', () => {
    const { assembly, web } = stageOf('dev');
    const config = configJsonOf(assembly, web);
    expect(config).toEqual({
      stage: 'dev',
      apiUrl: 'https://api.dev.one-stop.example.gov.cn',
      auth: {
        mode: 'oidc',
        issuer: expect.stringMatching(
          /^https:\/\/cognito-idp\.ap-southeast-1\..+\/<.*ExportsOutputRefUsers0A0EEA89.*>$/,
        ),
        clientId: expect.stringMatching(/^<.*ExportsOutputRefUsersWebClient.*>$/),
        scope: 'openid email profile',
      },
    });
  });

  it('gives prod’s hall the provincial issuer and the client registered there', () => {
    const { assembly, web } = stageOf('prod');
    expect(configJsonOf(assembly, web)).toEqual({
      stage: 'prod',
      apiUrl: 'https://api.one-stop.example.gov.cn',
      auth: {
        mode: 'oidc',
        issuer: 'https://idp.example.gov.cn/realms/one-stop',
        clientId: 'one-stop-web',
        scope: 'openid profile',
      },
    });
  });

  it('stops the synth when an issuer stage has no web client, naming the setting', () => {
    const { webClientId: _removed, ...auth } = context.stages.prod!.auth as Record<string, unknown>;
    expect(() => synthWeb('prod', { stages: { ...context.stages, prod: { ...context.stages.prod, auth } } })).toThrow(
      /auth\.webClientId is missing/,
    );
  });
});

describe('the hall and the rest of the platform', () => {
  it('has a public Cognito client for the hall: code flow, no secret, callback and logout on the hall’s URL', () => {
    stageOf('dev').stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'one-stop-dev-web',
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: ['https://www.dev.one-stop.example.gov.cn/auth/callback'],
      LogoutURLs: ['https://www.dev.one-stop.example.gov.cn/'],
    });
    stageOf('dev').stateful.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    const authorizer = only(resourcesOf(stageOf('dev').api, 'AWS::ApiGatewayV2::Authorizer')).Properties;
    expect(JSON.stringify(authorizer.JwtConfiguration.Audience)).toContain('ExportsOutputRefUsersWebClient');
  });

  it('lets the hall call the API and upload to and read from the attachments bucket, from its own origin', () => {
    for (const stage of STAGES) {
      const origin = loadStageConfig(context.stages, stage).publicWebUrl;
      const api = only(resourcesOf(stageOf(stage).api, 'AWS::ApiGatewayV2::Api')).Properties;
      expect(api.CorsConfiguration.AllowOrigins).toContain(origin);
      const attachments = Object.entries(resourcesOf(stageOf(stage).stateful, 'AWS::S3::Bucket')).find(([id]) =>
        id.startsWith('attachmentsBucket'),
      )![1];
      const [rule] = attachments.Properties.CorsConfiguration.CorsRules;
      expect(rule.AllowedOrigins).toContain(origin);
      expect(rule.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'GET']));
    }
  });

  it('gives every function the hall’s URL beside the API’s', () => {
    for (const fn of Object.values(resourcesOf(stageOf('prod').compute, 'AWS::Lambda::Function'))) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        PUBLIC_API_URL: 'https://api.one-stop.example.gov.cn',
        PUBLIC_WEB_URL: 'https://www.one-stop.example.gov.cn',
      });
    }
  });

  it('leads a licence’s QR code to the hall’s verification page, or to the API’s origin where no hall URL is set', () => {
    expect(
      verificationUrl(
        { publicApiUrl: 'https://api.example.gov.cn', publicWebUrl: 'https://www.example.gov.cn' },
        '3501-2026-000001',
      ),
    ).toBe('https://www.example.gov.cn/verify/3501-2026-000001');
    expect(verificationUrl({ publicApiUrl: 'http://127.0.0.1:3000' }, '3501-2026-000001')).toBe(
      'http://127.0.0.1:3000/verify/3501-2026-000001',
    );
  });
});

describe('the build of the hall', () => {
  const missing = join(dist, 'not-built');

  it('must exist when the web stack is synthesized for deployment, with what to run', () => {
    expect(() => synthWeb('dev', { distDir: missing, bundlingStacks: ['one-stop-dev-web'] })).toThrow(
      /not built: .*index\.html is missing\. Run `npm run build:web`/,
    );
  });

  it('may be missing when bundling is skipped (tests, cdk ls), as the functions’ bundles may', () => {
    expect(() => synthWeb('staging', { distDir: missing })).not.toThrow();
  });
});

describe('contentSecurityPolicy (also for the local cloud)', () => {
  it('builds the whole policy from plain strings, keeping origins only', () => {
    expect(
      contentSecurityPolicy({
        apiUrl: 'https://api.example.gov.cn/v1',
        issuer: 'https://idp.example.gov.cn/realms/one-stop',
        uploadOrigins: ['https://b.s3.cn-north-1.amazonaws.com.cn/'],
      }),
    ).toBe(
      [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob: https://b.s3.cn-north-1.amazonaws.com.cn",
        "font-src 'self'",
        "connect-src 'self' https://api.example.gov.cn https://idp.example.gov.cn https://b.s3.cn-north-1.amazonaws.com.cn",
        "frame-src 'self' blob: https://b.s3.cn-north-1.amazonaws.com.cn",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self' https://idp.example.gov.cn",
        "frame-ancestors 'none'",
        'upgrade-insecure-requests',
      ].join('; '),
    );
  });

  it('needs nothing but the API URL: same origin, no issuer, no uploads, no upgrade on a plain-http local cloud', () => {
    const csp = contentSecurityPolicy({ apiUrl: '', upgradeInsecureRequests: false });
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("form-action 'self';");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it.each([
    'https://a.example.gov.cn https://evil.example',
    'https://a.example.gov.cn;script-src *',
    'javascript:alert(1)',
  ])('refuses %p as a source', (apiUrl) => {
    expect(() => contentSecurityPolicy({ apiUrl })).toThrow();
  });

  it('comes with the other security headers, and cache rules by path', () => {
    expect(securityHeaders('x')).toMatchObject({
      'content-security-policy': 'x',
      'x-frame-options': 'DENY',
      'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
    });
    expect(cacheControlFor('/assets/app-3f9a1c.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/index.html')).toBe('no-cache');
    expect(cacheControlFor('config.json')).toBe('no-cache');
    expect(s3RegionalOrigin('b', 'ap-southeast-1')).toBe('https://b.s3.ap-southeast-1.amazonaws.com');
  });
});
