import * as z from 'zod';
import { compressionRuleSchema } from '../shared/config/compression-rule';

/**
 * Per-stage settings, read from cdk.json's `stages` context (or `-c stages=...`) and parsed here, so a typo stops
 * the synth with a message naming the setting instead of deploying something half-configured.
 */
const authSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('cognito'),
    /** Staff and test users; citizens usually sign in through the province's unified identity (issuer mode). */
    callbackUrls: z.array(z.url()).default([]),
  }),
  z.object({
    mode: z.literal('issuer'),
    /** An OIDC issuer (e.g. the province's unified identity platform); its tokens must carry the platform claims. */
    issuer: z.url().refine((u) => u.startsWith('https://'), 'the issuer must be https'),
    audience: z.array(z.string().min(1)).min(1),
    /** The hall's public client at the issuer (authorization code + PKCE, no secret); required where the hall is deployed. */
    webClientId: z.string().min(1).optional(),
    /** The scopes the hall asks the issuer for. */
    webScope: z.string().min(1).default('openid profile'),
  }),
]);

export const stageConfigSchema = z
  .object({
    stage: z.enum(['dev', 'staging', 'prod']),
    /** Resource name prefix, e.g. one-stop-dev. */
    prefix: z.string().regex(/^[a-z][a-z0-9-]{2,24}$/, 'lower-case letters, digits and dashes, 3 to 25 characters'),
    account: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
      .default('cn-north-1'),
    /** RETAIN data stores and protect tables from deletion. */
    retainData: z.boolean(),
    pointInTimeRecovery: z.boolean(),
    logRetentionDays: z.union([
      z.literal(7),
      z.literal(14),
      z.literal(30),
      z.literal(90),
      z.literal(180),
      z.literal(365),
      z.literal(731),
      z.literal(1827),
      z.literal(3653),
    ]),
    eventArchiveRetentionDays: z.number().int().min(1).max(3650),
    auth: authSchema,
    alarmEmail: z.email().optional(),
    /** More origins of web front ends, e.g. a developer's Vite server (CORS for the API and for browser uploads); the hall's own are added. */
    corsOrigins: z.array(z.url()).default([]),
    /** KMS keys that signed licences before a rotation: still published in the JWKS so their licences verify. */
    retiredLicenceKeyArns: z.array(z.string().startsWith('arn:')).default([]),
    /** The public API's URL as departments reach it (the callback URL in each webhook). */
    publicApiUrl: z.url().refine((u) => u.startsWith('https://'), 'the public API URL must be https'),
    /** The online service hall's URL (the licence QR codes lead to `${publicWebUrl}/verify/<no>`). */
    publicWebUrl: z
      .url()
      .refine((u) => /^https:\/\/[^/]+\/?$/.test(u), 'the public web URL must be an https origin without a path')
      .transform((u) => new URL(u).origin),
    /** The hall's own domain names on CloudFront; they need a certificate (webCertificateArn, or webIamCertificateId in China). */
    webDomainNames: z.array(z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'a lower-case domain name')).default([]),
    /** An ACM certificate in us-east-1 for webDomainNames (CloudFront takes ACM certificates only from there). */
    webCertificateArn: z
      .string()
      .regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/\S+$/, 'an ACM certificate ARN in us-east-1')
      .optional(),
    /** An IAM server certificate ID for webDomainNames: CloudFront in the AWS China regions does not take ACM certificates. */
    webIamCertificateId: z
      .string()
      .regex(/^[A-Z0-9]{16,32}$/, 'an IAM server certificate ID')
      .optional(),
    /**
     * Outgoing messages besides the in-app inbox. SNS SMS and SES are not offered in the AWS China regions: there a
     * stage keeps `none` (inbox only) until a domestic provider's adapter is configured.
     */
    messaging: z
      .object({
        sms: z.enum(['sns', 'none']).default('none'),
        email: z
          .union([
            z.literal('none'),
            z.object({
              from: z.email(),
              identity: z.string().min(3).meta({ description: 'The SES identity (domain or address) that sends' }),
            }),
          ])
          .default('none'),
      })
      .default({ sms: 'none', email: 'none' }),
    /**
     * External services as `<adapter>:<endpoint>`, or `none`: the courier that carries posted results and the payment
     * provider that collects fees. Only the `simulated` adapters exist so far (the local cloud runs them); `none` refuses
     * posting and fee orders with a clear error.
     */
    externals: z
      .object({
        courier: z
          .string()
          .regex(/^(none|[a-z-]+:https:\/\/\S+)$/, 'none, or <adapter>:https://…')
          .default('none'),
        payments: z
          .string()
          .regex(/^(none|[a-z-]+:https:\/\/\S+)$/, 'none, or <adapter>:https://…')
          .default('none'),
      })
      .default({ courier: 'none', payments: 'none' }),
    /**
     * The departments that drop decision files in the exchange bucket (前置机), each with who may act for it: an account
     * ID, or the ARN of an IAM role or user of the department's machine. Each gets a role that writes only under
     * `inbox/<DEPT>/` (infra/constructs/exchange-access.ts); nobody else may write under `inbox/`.
     */
    exchangeDepartments: z
      .record(
        z.string().regex(/^[A-Z][A-Z0-9_-]{1,31}$/, 'a department code'),
        z.strictObject({
          trustedPrincipals: z
            .array(
              z
                .string()
                .regex(
                  /^(\d{12}|arn:aws(-cn|-us-gov)?:iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+))$/,
                  'an account ID, or an IAM role or user ARN',
                ),
            )
            .min(1),
        }),
      )
      .default({}),
    throttle: z
      .object({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() })
      .default({ rateLimit: 200, burstLimit: 400 }),
    /**
     * The region's compression rule (压缩办理时限): a matter's promised time limit may be at most `maxPromisedPercent` %
     * of its legal limit; `mode` `warn` lets a publisher publish a matter that breaks it after acknowledging the warning,
     * `refuse` refuses it. Default `{ "mode": "warn", "maxPromisedPercent": 50 }`. The functions bound to the setting
     * (catalogueAdmin, stats) get it as COMPRESSION_RULE_MODE and COMPRESSION_RULE_MAX_PERCENT.
     */
    compressionRule: compressionRuleSchema,
    lambdaArchitecture: z.enum(['arm64', 'x86_64']).default('arm64'),
  })
  .refine((c) => !(c.auth.mode === 'cognito' && c.region.startsWith('cn-')), {
    path: ['auth', 'mode'],
    message:
      'Cognito user pools are not offered in the AWS China regions; use mode "issuer" with the province’s identity platform',
  })
  .refine((c) => !(c.region.startsWith('cn-') && (c.messaging.sms !== 'none' || c.messaging.email !== 'none')), {
    path: ['messaging'],
    message:
      'SNS SMS and SES are not offered in the AWS China regions; keep "none" there (messages still reach the in-app inbox)',
  })
  .refine(
    (c) =>
      c.webDomainNames.length > 0 === Boolean(c.webCertificateArn || c.webIamCertificateId) &&
      !(c.webCertificateArn && c.webIamCertificateId),
    {
      path: ['webDomainNames'],
      message: 'the hall’s domain names and one certificate (webCertificateArn or webIamCertificateId) go together',
    },
  )
  .refine((c) => !c.region.startsWith('cn-') || (c.webDomainNames.length > 0 && c.webIamCertificateId !== undefined), {
    path: ['webDomainNames'],
    message:
      'CloudFront in the AWS China regions serves only an ICP-registered domain of your own with an IAM server certificate: set webDomainNames and webIamCertificateId',
  })
  .refine((c) => c.webDomainNames.length === 0 || c.webDomainNames.includes(new URL(c.publicWebUrl).hostname), {
    path: ['publicWebUrl'],
    message: 'the public web URL’s host must be one of webDomainNames',
  });
export type StageConfig = z.infer<typeof stageConfigSchema>;
export const STAGES = ['dev', 'staging', 'prod'] as const;

/** The origins browsers call the API and the attachments bucket from: the hall's own, then corsOrigins. */
export function webOrigins(config: Pick<StageConfig, 'publicWebUrl' | 'webDomainNames' | 'corsOrigins'>): string[] {
  return [
    ...new Set([
      new URL(config.publicWebUrl).origin,
      ...config.webDomainNames.map((d) => `https://${d}`),
      ...config.corsOrigins.map((o) => new URL(o).origin),
    ]),
  ];
}

export function loadStageConfig(stages: unknown, stage: string): StageConfig {
  if (!STAGES.includes(stage as never))
    throw new Error(`Unknown stage "${stage}": use one of ${STAGES.join(', ')} (-c stage=dev)`);
  const raw = (stages as Record<string, unknown> | undefined)?.[stage];
  if (!raw) throw new Error(`No settings for stage "${stage}" in cdk.json context "stages"`);
  // The stage asked for wins over any `stage` key inside the settings.
  const parsed = stageConfigSchema.safeParse({ ...(raw as object), stage });
  if (!parsed.success) {
    throw new Error(
      `Invalid settings for stage "${stage}": ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
