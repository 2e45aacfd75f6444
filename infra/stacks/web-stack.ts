import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CfnOutput, DefaultStackSynthesizer, Duration, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as deployment from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import {
  bucketSecurityProps,
  logGroupProps,
  serviceBucketEncryptionProps,
  stageRemovalPolicy,
} from '../constructs/defaults';
import type { StageConfig } from '../stage-config';
import type { Topology } from '../topology-model';
import {
  CACHE_CONTROL,
  contentSecurityPolicy,
  HASHED_ASSETS_PREFIX,
  HSTS_MAX_AGE_SECONDS,
  PERMISSIONS_POLICY,
  s3RegionalOrigin,
} from '../web-hosting';
import { accessLogsBucket, platformBucketName, type StatefulStack } from './stateful-stack';

export interface WebStackProps extends StackProps {
  readonly config: StageConfig;
  readonly topology: Topology;
  readonly stateful: StatefulStack;
  readonly rootDir: string;
  /** The built hall (index.html, assets/); default `<rootDir>/web/dist`. */
  readonly distDir?: string;
}

/** What the hall reads from /config.json at run time (web/src/config.ts): one build serves every stage. */
export interface WebConfigFile {
  readonly stage: string;
  readonly apiUrl: string;
  readonly auth: { readonly mode: 'oidc'; readonly issuer: string; readonly clientId: string; readonly scope: string };
}

/**
 * The online service hall: the Vite build in a private bucket, served by CloudFront (origin access control, HTTPS
 * only, security headers, client-side routes answered with index.html) with a config.json written here.
 */
export class WebStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  /** The content of /config.json (with deploy-time values). */
  readonly webConfig: WebConfigFile;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config, topology, stateful } = props;
    const china = config.region.startsWith('cn-');
    const distDir = resolve(props.distDir ?? join(props.rootDir, 'web', 'dist'));
    const built = existsSync(join(distDir, 'index.html'));
    // As with the functions' bundles: a synth that skips bundling (tests, `cdk ls`) needs no build of the hall.
    if (!built && this.bundlingRequired) {
      throw new Error(
        `The online service hall is not built: ${join(distDir, 'index.html')} is missing. Run \`npm run build:web\` first (\`npm run synth\` does).`,
      );
    }

    const identity = webIdentity(config, stateful);
    this.webConfig = {
      stage: config.stage,
      apiUrl: config.publicApiUrl,
      auth: { mode: 'oidc', issuer: identity.issuer, clientId: identity.clientId, scope: identity.scope },
    };

    const logBucket = accessLogsBucket(this, 'AccessLogs', config, { acls: true, autoDeleteObjects: true });
    this.bucket = new s3.Bucket(this, 'Site', {
      ...serviceBucketEncryptionProps(),
      ...bucketSecurityProps(),
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 'site/',
      // Build output, rebuilt from the repository at will.
      removalPolicy: stageRemovalPolicy(config),
      autoDeleteObjects: !config.retainData,
    });

    const bucketOrigin = (name: string) => s3RegionalOrigin(platformBucketName(config, name), config.region);
    const uploadOrigins = Object.entries(topology.buckets)
      .filter(([, b]) => b.browserUploads)
      .map(([name]) => bucketOrigin(name));
    const csp = contentSecurityPolicy({
      apiUrl: config.publicApiUrl,
      issuer: identity.issuer,
      identityOrigins: identity.origins,
      uploadOrigins,
      // Materials and the licence PDF may be previewed in a frame from their presigned URLs.
      previewOrigins: [...uploadOrigins, ...('licences' in topology.buckets ? [bucketOrigin('licences')] : [])],
    });
    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `${config.prefix}-web-security-headers`,
      comment: 'The online service hall: CSP, HSTS, no framing, no sniffing, referrer and permissions policies',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true }],
      },
    });

    // Origin access control; CloudFront in the AWS China regions offers only the older origin access identity.
    const origin = china
      ? origins.S3BucketOrigin.withOriginAccessIdentity(this.bucket)
      : origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    // index.html and config.json carry `no-cache` (set on upload): CloudFront revalidates them on every request.
    const pagesCachePolicy = new cloudfront.CachePolicy(this, 'PagesCache', {
      cachePolicyName: `${config.prefix}-web-pages`,
      comment: 'The hall’s fixed names: as the object’s Cache-Control says (no-cache), nothing forwarded',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const behaviour = (cachePolicy: cloudfront.ICachePolicy): cloudfront.BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      compress: true,
      cachePolicy,
      responseHeadersPolicy: this.responseHeadersPolicy,
    });
    const certificate = config.webCertificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', config.webCertificateArn)
      : undefined;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${config.prefix}: the online service hall`,
      defaultRootObject: 'index.html',
      defaultBehavior: behaviour(pagesCachePolicy),
      // Content-hashed files: a year at the edge and in browsers (Cache-Control: immutable, set on upload).
      additionalBehaviors: { [`${HASHED_ASSETS_PREFIX}*`]: behaviour(cloudfront.CachePolicy.CACHING_OPTIMIZED) },
      // Every page URL (/verify/<no>, /cases/<id>, /matters/<code>…) is a client route: the bucket answers 403 (no
      // list permission) or 404, and the viewer gets the app with 200.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(10),
      })),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      ...(certificate
        ? {
            certificate,
            domainNames: config.webDomainNames,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: cloudfront.SSLMethod.SNI,
          }
        : {}),
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
    });
    if (config.webIamCertificateId) {
      // An IAM server certificate (the only kind CloudFront takes in the AWS China regions); CDK models ACM ones only.
      const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', config.webDomainNames);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: config.webIamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }

    // Hashed assets first, never pruned, so pages still cached in browsers find the files they name; then the pages
    // and config.json, pruning what the new build no longer has (outside assets/).
    const site = built
      ? deployment.Source.asset(distDir)
      : deployment.Source.data('index.html', '<!doctype html><title>not built</title>');
    const deploymentLogs = new logs.LogGroup(this, 'DeploymentLogs', logGroupProps(config));
    const assets = new deployment.BucketDeployment(this, 'DeployAssets', {
      sources: [site],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: [`${HASHED_ASSETS_PREFIX}*`],
      prune: false,
      cacheControl: [deployment.CacheControl.fromString(CACHE_CONTROL.assets)],
      memoryLimit: 512,
      logGroup: deploymentLogs,
    });
    const pages = new deployment.BucketDeployment(this, 'DeployPages', {
      sources: [site, deployment.Source.jsonData('config.json', this.webConfig)],
      destinationBucket: this.bucket,
      exclude: [`${HASHED_ASSETS_PREFIX}*`],
      prune: true,
      cacheControl: [deployment.CacheControl.fromString(CACHE_CONTROL.pages)],
      memoryLimit: 512,
      logGroup: deploymentLogs,
    });
    pages.node.addDependency(assets);

    new CfnOutput(this, 'DistributionDomainName', {
      value: this.distribution.distributionDomainName,
      description: 'The CloudFront domain of the hall (point the hall’s DNS name here)',
    });
    new CfnOutput(this, 'BucketName', {
      value: this.bucket.bucketName,
      description: 'The bucket holding the hall’s build',
    });

    this.acknowledge(config, assets);
  }

  private acknowledge(config: StageConfig, assets: deployment.BucketDeployment): void {
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'The hall is for everyone who deals with the administration, applicants abroad included; what matters is who signs in to the API, not where a page is read.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves static files only and the API has its own throttling and JWT checks; a web ACL is priced per request and is not offered for CloudFront in the AWS China regions, so operators add one per stage.',
      },
    );
    if (config.webDomainNames.length === 0) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without webDomainNames the hall is on the *.cloudfront.net certificate, whose security policy CloudFront fixes (TLSv1); with a domain and certificate the minimum is TLSv1.2_2021.',
      });
    } else if (config.webIamCertificateId) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'The IAM server certificate is set by a property override (CDK models ACM certificates only), which the rule does not read: SNI only, minimum TLSv1.2_2021 (tested).',
      });
    }
    if (config.region.startsWith('cn-')) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR7',
        reason:
          'Origin access control is not offered by CloudFront in the AWS China regions; the bucket is private and readable only through this distribution’s origin access identity.',
      });
    }
    // aws-s3-deployment's copying function (one per stack, beside the deployments) as aws-cdk-lib builds it.
    const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
    const assetBucket = `cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${account}-${this.region}`;
    const site = this.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    const wildcard =
      'aws-s3-deployment’s copying function lists and reads its asset objects, then writes, and prunes, any key of the hall’s bucket; the grants name these two buckets only.';
    Validations.of(assets.handlerRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'aws-s3-deployment’s copying function writes its logs through AWSLambdaBasicExecutionRole, as aws-cdk-lib builds it.',
      },
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: wildcard,
      })),
      { id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${assetBucket}/*]`, reason: wildcard },
      { id: `AwsSolutions-IAM5[Resource::<${site}.Arn>/*]`, reason: wildcard },
    );
    for (const handler of this.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'The Python runtime of aws-s3-deployment’s copying function (for its AWS CLI layer) is chosen by aws-cdk-lib, not by the platform.',
      });
    }
  }
}

/** The hall's OpenID Connect settings: the user pool's web client in cognito mode, the stage's issuer otherwise. */
function webIdentity(
  config: StageConfig,
  stateful: StatefulStack,
): { issuer: string; clientId: string; scope: string; origins: string[] } {
  if (config.auth.mode === 'cognito') {
    // Discovery and keys are on the issuer; authorize, token and logout on the user pool's domain.
    return {
      issuer: stateful.userPoolIssuer!,
      clientId: stateful.webClient!.userPoolClientId,
      scope: 'openid email profile',
      origins: [stateful.userPoolDomain!.baseUrl()],
    };
  }
  if (!config.auth.webClientId) {
    throw new Error(
      `Stage "${config.stage}": auth.webClientId is missing. The online service hall signs in at ${config.auth.issuer} with its own public client (authorization code + PKCE, redirect ${config.publicWebUrl}/auth/callback); register one there and set stages.${config.stage}.auth.webClientId in cdk.json.`,
    );
  }
  return { issuer: config.auth.issuer, clientId: config.auth.webClientId, scope: config.auth.webScope, origins: [] };
}
