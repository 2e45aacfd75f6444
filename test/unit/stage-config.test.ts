import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadStageConfig, STAGES, webOrigins } from '../../infra/stage-config';

const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as {
  context: { stage: string; stages: Record<string, Record<string, unknown>> };
};
const realStages = cdkJson.context.stages;

/** A deep copy of the real settings of `stage` with some fields replaced. */
function stagesWith(stage: string, changes: Record<string, unknown>): Record<string, unknown> {
  return { ...structuredClone(realStages), [stage]: { ...structuredClone(realStages[stage]), ...changes } };
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('loadStageConfig with the real cdk.json', () => {
  it('has settings for every stage and a default stage among them', () => {
    expect(Object.keys(realStages).sort()).toEqual([...STAGES].sort());
    expect(STAGES).toContain(cdkJson.context.stage);
  });

  it.each([...STAGES])('parses the %s settings', (stage) => {
    const config = loadStageConfig(realStages, stage);
    expect(config.stage).toBe(stage);
    expect(config.prefix).toBe(realStages[stage]?.prefix);
    expect(config.region).toBe(realStages[stage]?.region);
    expect(config.lambdaArchitecture).toBe('arm64');
  });

  it('applies the defaults and keeps explicit values', () => {
    const dev = loadStageConfig(realStages, 'dev');
    expect(dev.auth).toEqual({ mode: 'cognito', callbackUrls: [] });
    expect(dev.corsOrigins).toEqual(['http://localhost:5173']);
    expect(dev.throttle).toEqual({ rateLimit: 200, burstLimit: 400 });
    const prod = loadStageConfig(realStages, 'prod');
    expect(prod.throttle).toEqual({ rateLimit: 1000, burstLimit: 2000 });
    expect(prod.retainData).toBe(true);
    expect(prod.auth).toEqual({
      mode: 'issuer',
      issuer: 'https://idp.example.gov.cn/realms/one-stop',
      audience: ['one-stop-api'],
      webClientId: 'one-stop-web',
      webScope: 'openid profile',
    });
    expect(dev.webDomainNames).toEqual([]);
  });

  it('keeps production data and deploys production to a China region with a provincial identity issuer', () => {
    const prod = loadStageConfig(realStages, 'prod');
    expect(prod.retainData).toBe(true);
    expect(prod.pointInTimeRecovery).toBe(true);
    expect(prod.region.startsWith('cn-')).toBe(true);
    expect(prod.auth.mode).toBe('issuer');
  });
});

describe('loadStageConfig refuses', () => {
  it('an unknown stage, listing the known ones', () => {
    const message = messageOf(() => loadStageConfig(realStages, 'qa'));
    expect(message).toContain('Unknown stage "qa"');
    for (const stage of STAGES) expect(message).toContain(stage);
  });

  it('a known stage without settings', () => {
    const { staging: _removed, ...withoutStaging } = realStages;
    expect(() => loadStageConfig(withoutStaging, 'staging')).toThrow('No settings for stage "staging"');
    expect(() => loadStageConfig(undefined, 'dev')).toThrow('No settings for stage "dev"');
  });

  it.each(['One-Stop-Dev', 'one_stop_dev', 'os', '1stop-dev', 'one-stop-development-environment'])(
    'the invalid prefix %p, naming the field',
    (prefix) => {
      const message = messageOf(() => loadStageConfig(stagesWith('dev', { prefix }), 'dev'));
      expect(message).toContain('Invalid settings for stage "dev"');
      expect(message).toMatch(/\bprefix: /);
    },
  );

  it('a missing required field, naming it', () => {
    const { retainData: _removed, ...dev } = realStages.dev!;
    expect(messageOf(() => loadStageConfig({ dev }, 'dev'))).toMatch(/\bretainData: /);
  });

  it('a log retention CloudWatch does not offer', () => {
    expect(messageOf(() => loadStageConfig(stagesWith('staging', { logRetentionDays: 10 }), 'staging'))).toMatch(
      /\blogRetentionDays: /,
    );
  });

  it.each(['cn-north-1', 'cn-northwest-1'])('Cognito in the China region %s, naming auth.mode', (region) => {
    const message = messageOf(() => loadStageConfig(stagesWith('dev', { region, auth: { mode: 'cognito' } }), 'dev'));
    expect(message).toContain('auth.mode');
    expect(message).toContain('issuer');
  });

  it('Cognito without a region, since the default region is in China', () => {
    const { region: _removed, ...dev } = realStages.dev!;
    expect(messageOf(() => loadStageConfig({ dev }, 'dev'))).toContain('auth.mode');
  });

  it('an issuer that is not https, naming auth.issuer', () => {
    const message = messageOf(() =>
      loadStageConfig(
        stagesWith('prod', {
          auth: { mode: 'issuer', issuer: 'http://idp.example.gov.cn/realms/one-stop', audience: ['one-stop-api'] },
        }),
        'prod',
      ),
    );
    expect(message).toContain('auth.issuer');
    expect(message).toContain('https');
  });

  it('an issuer without an audience', () => {
    const message = messageOf(() =>
      loadStageConfig(
        stagesWith('prod', { auth: { mode: 'issuer', issuer: 'https://idp.example.gov.cn', audience: [] } }),
        'prod',
      ),
    );
    expect(message).toContain('auth.audience');
  });

  it('an unknown auth mode', () => {
    expect(messageOf(() => loadStageConfig(stagesWith('prod', { auth: { mode: 'saml' } }), 'prod'))).toContain(
      'auth.mode',
    );
  });
});

/** CloudFront in China serves only an ICP-registered domain with an IAM server certificate. */
const chinaWeb = {
  publicWebUrl: 'https://www.staging.one-stop.example.gov.cn',
  webDomainNames: ['www.staging.one-stop.example.gov.cn'],
  webIamCertificateId: 'ASCAEXAMPLEWEBCERTIFICATE',
};

describe('loadStageConfig accepts', () => {
  it('Cognito outside China and an https issuer inside China', () => {
    expect(
      loadStageConfig(stagesWith('dev', { region: 'ap-southeast-1', auth: { mode: 'cognito' } }), 'dev').auth.mode,
    ).toBe('cognito');
    const china = {
      region: 'cn-northwest-1',
      auth: { mode: 'issuer', issuer: 'https://idp.example.gov.cn', audience: ['a'] },
      messaging: { sms: 'none', email: 'none' },
      ...chinaWeb,
    };
    expect(loadStageConfig(stagesWith('staging', china), 'staging').region).toBe('cn-northwest-1');
  });
});

describe('loadStageConfig and the message channels', () => {
  const issuer = { mode: 'issuer', issuer: 'https://idp.example.gov.cn', audience: ['a'] };

  it('defaults to the inbox only, and parses SNS and an SES identity where AWS offers them', () => {
    expect(loadStageConfig(realStages, 'prod').messaging).toEqual({ sms: 'none', email: 'none' });
    expect(loadStageConfig(realStages, 'dev').messaging).toEqual({
      sms: 'sns',
      email: { from: 'noreply@dev.one-stop.example.gov.cn', identity: 'dev.one-stop.example.gov.cn' },
    });
  });

  it.each([{ sms: 'sns' }, { email: { from: 'noreply@example.gov.cn', identity: 'example.gov.cn' } }])(
    'refuses %j in a China region, naming messaging',
    (messaging) => {
      const message = messageOf(() =>
        loadStageConfig(
          stagesWith('staging', { region: 'cn-north-1', auth: issuer, messaging, ...chinaWeb }),
          'staging',
        ),
      );
      expect(message).toMatch(/messaging: SNS SMS and SES are not offered in the AWS China regions/);
    },
  );

  it('refuses a sender that is not an e-mail address, naming the field', () => {
    expect(
      messageOf(() =>
        loadStageConfig(
          stagesWith('dev', { messaging: { email: { from: 'noreply', identity: 'example.gov.cn' } } }),
          'dev',
        ),
      ),
    ).toMatch(/messaging\.email/);
  });
});

describe('loadStageConfig and the stage name', () => {
  it('never reports a stage other than the one asked for, even when the settings carry a "stage" key', () => {
    // config.stage becomes every function's STAGE variable and the stacks' stage tag.
    let reported: string | undefined;
    try {
      reported = loadStageConfig(stagesWith('dev', { stage: 'prod' }), 'dev').stage;
    } catch {
      reported = undefined; // refusing the conflicting key is as good as ignoring it
    }
    expect(reported).not.toBe('prod');
  });
});

describe('loadStageConfig and the online service hall', () => {
  it('reads each stage’s public web URL as an origin and adds the hall’s origins to the CORS origins', () => {
    for (const stage of STAGES) expect(loadStageConfig(realStages, stage).publicWebUrl).toMatch(/^https:\/\/[^/]+$/);
    expect(
      loadStageConfig(stagesWith('dev', { publicWebUrl: 'https://www.dev.one-stop.example.gov.cn/' }), 'dev')
        .publicWebUrl,
    ).toBe('https://www.dev.one-stop.example.gov.cn');
    expect(webOrigins(loadStageConfig(realStages, 'dev'))).toEqual([
      'https://www.dev.one-stop.example.gov.cn',
      'http://localhost:5173',
    ]);
    expect(webOrigins(loadStageConfig(realStages, 'prod'))).toEqual(['https://www.one-stop.example.gov.cn']);
  });

  it.each([
    ['plain http', 'http://www.dev.one-stop.example.gov.cn'],
    ['a path', 'https://www.dev.one-stop.example.gov.cn/hall'],
    ['nothing', undefined],
  ])('refuses a public web URL with %s, naming publicWebUrl', (_what, publicWebUrl) => {
    expect(messageOf(() => loadStageConfig(stagesWith('dev', { publicWebUrl }), 'dev'))).toMatch(/\bpublicWebUrl: /);
  });

  it('refuses domain names without a certificate, a certificate without domain names, and a URL on another host', () => {
    expect(
      messageOf(() =>
        loadStageConfig(stagesWith('dev', { webDomainNames: ['www.dev.one-stop.example.gov.cn'] }), 'dev'),
      ),
    ).toMatch(/webDomainNames: .*certificate/);
    expect(
      messageOf(() =>
        loadStageConfig(
          stagesWith('dev', { webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }),
          'dev',
        ),
      ),
    ).toMatch(/webDomainNames: /);
    const elsewhere = {
      webDomainNames: ['hall.example.gov.cn'],
      webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    };
    expect(messageOf(() => loadStageConfig(stagesWith('dev', elsewhere), 'dev'))).toMatch(
      /publicWebUrl: .*webDomainNames/,
    );
  });

  it('refuses an ACM certificate outside us-east-1, where CloudFront cannot use it', () => {
    const change = {
      webDomainNames: ['www.dev.one-stop.example.gov.cn'],
      webCertificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/abc',
    };
    expect(messageOf(() => loadStageConfig(stagesWith('dev', change), 'dev'))).toMatch(/webCertificateArn: /);
  });

  it('refuses a China region without the hall’s own domain and IAM certificate', () => {
    const { webDomainNames: _d, webIamCertificateId: _c, ...prod } = realStages.prod!;
    expect(messageOf(() => loadStageConfig({ prod }, 'prod'))).toMatch(
      /webDomainNames: CloudFront in the AWS China regions/,
    );
  });

  it('accepts an ACM certificate for the hall’s domain outside China', () => {
    const change = {
      webDomainNames: ['www.dev.one-stop.example.gov.cn'],
      webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    };
    const dev = loadStageConfig(stagesWith('dev', change), 'dev');
    expect(dev.webDomainNames).toEqual(['www.dev.one-stop.example.gov.cn']);
    expect(webOrigins(dev)).toEqual(['https://www.dev.one-stop.example.gov.cn', 'http://localhost:5173']);
  });
});

describe('loadStageConfig and the compression rule', () => {
  it('defaults to a warning at 50 % in every stage that leaves it out', () => {
    for (const stage of STAGES) {
      if (realStages[stage]?.compressionRule !== undefined) continue;
      expect(loadStageConfig(realStages, stage).compressionRule).toEqual({ mode: 'warn', maxPromisedPercent: 50 });
    }
  });

  it('keeps an explicit rule, and fills in what a partial one leaves out', () => {
    expect(
      loadStageConfig(stagesWith('prod', { compressionRule: { mode: 'refuse', maxPromisedPercent: 40 } }), 'prod')
        .compressionRule,
    ).toEqual({ mode: 'refuse', maxPromisedPercent: 40 });
    expect(loadStageConfig(stagesWith('dev', { compressionRule: { mode: 'refuse' } }), 'dev').compressionRule).toEqual({
      mode: 'refuse',
      maxPromisedPercent: 50,
    });
    expect(
      loadStageConfig(stagesWith('dev', { compressionRule: { maxPromisedPercent: 30 } }), 'dev').compressionRule,
    ).toEqual({ mode: 'warn', maxPromisedPercent: 30 });
  });

  it.each([
    ['an unknown mode', { mode: 'block' }, /compressionRule\.mode: /],
    ['a share of 0', { maxPromisedPercent: 0 }, /compressionRule\.maxPromisedPercent: /],
    ['a share above 100', { maxPromisedPercent: 120 }, /compressionRule\.maxPromisedPercent: /],
    ['a fractional share', { maxPromisedPercent: 33.3 }, /compressionRule\.maxPromisedPercent: /],
    ['a share as text', { maxPromisedPercent: '40' }, /compressionRule\.maxPromisedPercent: /],
  ])('refuses %s, naming the field', (_what, compressionRule, field) => {
    expect(messageOf(() => loadStageConfig(stagesWith('dev', { compressionRule }), 'dev'))).toMatch(field);
  });
});
