import {
  AWS_CALL_CAP_MS,
  costPerThousandCases,
  estimateBilledMs,
  FULL_VCPU_MB,
  loadAllPrices,
  type Usage,
} from '../../bench/cost';
import { unionMs } from '../../infra/local/functions';

const usage: Usage = {
  lambdaRequests: 500,
  lambdaGbSeconds: 40,
  stateTransitions: 80,
  readRequestUnits: 600,
  writeRequestUnits: 1200,
  events: 100,
  schedulerInvocations: 0,
  s3Tier1: 30,
  s3Tier2: 20,
  apiRequests: 90,
  emails: 50,
  sms: 40,
  kmsSignRequests: 10,
  firehoseBilledBytes: 100 * 5 * 1024,
};
const regions = loadAllPrices('bench');
const byRegion = (region: string) => regions.find((p) => p.region === region)!;

describe('the cost per 1,000 cases, per region', () => {
  it('prices us-east-1, the Beijing and the Ningxia regions, each in its own currency', () => {
    expect(regions.map((p) => [p.region, p.currency])).toEqual([
      ['us-east-1', 'USD'],
      ['cn-north-1', 'CNY'],
      ['cn-northwest-1', 'CNY'],
    ]);
    for (const p of regions) expect(p.takenOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives known lines for a known usage in us-east-1 (10 cases scaled to 1,000)', () => {
    const cost = costPerThousandCases(usage, 10, byRegion('us-east-1'));
    const line = (service: string) => cost.lines.find((l) => l.service === service)!;
    // 1,200 WRU for 10 cases: 120,000 per 1,000 cases at $0.625 a million.
    expect(line('DynamoDB writes')).toMatchObject({ quantity: 120_000, priced: true });
    expect(line('DynamoDB writes').cost).toBeCloseTo(0.075, 10);
    // 80 transitions: 8,000 at $0.025 a thousand.
    expect(line('Step Functions').cost).toBeCloseTo(0.2, 10);
    // 40 GB-s: 4,000 GB-s at the arm64 rate.
    expect(line('Lambda compute').cost).toBeCloseTo(4000 * 0.0000133334, 10);
    // 10 signatures: 1,000 at $0.15 per 10,000.
    expect(line('KMS Sign (asymmetric)').cost).toBeCloseTo(0.015, 10);
    // 100 records of ≤ 5 KB: 10,000 × 5 KB.
    expect(line('Firehose ingestion').quantity).toBeCloseTo((10_000 * 5 * 1024) / 1024 ** 3, 12);
    expect(cost.unpriced).toEqual([]);
    expect(cost.total).toBeCloseTo(
      cost.lines.reduce((s, l) => s + l.cost, 0),
      12,
    );
  });

  it('keeps the message providers’ fees out of the AWS total, on lines of their own', () => {
    const cost = costPerThousandCases(usage, 10, byRegion('us-east-1'));
    expect(cost.lines.map((l) => l.service)).not.toContain('SES e-mail');
    expect(cost.lines.map((l) => l.service)).not.toContain('SMS');
    const email = cost.messageLines.find((l) => l.service === 'SES e-mail')!;
    const sms = cost.messageLines.find((l) => l.service === 'SMS')!;
    // 50 e-mails for 10 cases: 5,000 at $0.10 a thousand.
    expect(email).toMatchObject({ quantity: 5000, priced: true });
    expect(email.cost).toBeCloseTo(0.5, 10);
    // SMS counted (4,000 per 1,000 cases) but not priced: no price in the stored pages.
    expect(sms).toMatchObject({ quantity: 4000, priced: false, cost: 0 });
    expect(cost.messagesTotal).toBeCloseTo(0.5, 10);
    // Adding e-mails changes the message fees, never the AWS figure.
    const more = costPerThousandCases({ ...usage, emails: 500 }, 10, byRegion('us-east-1'));
    expect(more.total).toBe(cost.total);
    expect(more.messagesTotal).toBeCloseTo(5, 10);
  });

  it('prices the China regions in CNY where their pages gave a price, and names the lines they leave out', () => {
    for (const region of ['cn-north-1', 'cn-northwest-1']) {
      const cost = costPerThousandCases(usage, 10, byRegion(region));
      expect(cost.currency).toBe('CNY');
      // DynamoDB on-demand writes, ¥ 11.1538 a million (www.amazonaws.cn/en/dynamodb/pricing/).
      expect(cost.lines.find((l) => l.service === 'DynamoDB writes')!.cost).toBeCloseTo(0.12 * 11.1538, 10);
      expect(cost.unpriced).toContain('Lambda compute');
      expect(cost.unpriced).not.toContain('DynamoDB writes');
      expect(cost.total).toBeCloseTo(0.12 * 11.1538, 10);
      // No SNS SMS in the China regions: counted, not priced, with the reason.
      const sms = cost.messageLines.find((l) => l.service === 'SMS')!;
      expect(sms.priced).toBe(false);
      expect(sms.note).toMatch(/not available/);
    }
  });

  it('refuses a run without cases', () => {
    expect(() => costPerThousandCases(usage, 0, byRegion('us-east-1'))).toThrow(RangeError);
  });
});

describe('the billed duration of an invocation, estimated', () => {
  it('counts parallel calls once', () => {
    expect(
      unionMs([
        [0, 10],
        [5, 20],
        [30, 40],
      ]),
    ).toBe(30);
    expect(unionMs([])).toBe(0);
  });

  it('stretches CPU to the memory’s share of a vCPU and caps each call at an AWS latency', () => {
    // 4 ms of CPU at 256 MB, two DynamoDB reads in parallel (80 ms each here), then a transaction (200 ms here).
    const sample = {
      cpuMs: 4,
      calls: [
        ['dynamodb', 0, 80],
        ['dynamodb', 1, 80],
        ['dynamodb-transact', 100, 200],
      ] as const,
    };
    const cpu = 4 * (FULL_VCPU_MB / 256);
    const io = 1 + AWS_CALL_CAP_MS.dynamodb! + AWS_CALL_CAP_MS['dynamodb-transact']!;
    expect(estimateBilledMs(sample, 256)).toBe(Math.ceil(cpu + io));
    // At 1,769 MB and above, a full vCPU: CPU counts once. Webhooks (http) count as measured.
    expect(estimateBilledMs({ cpuMs: 4, calls: [['http', 0, 120]] }, 3008)).toBe(124);
  });
});
