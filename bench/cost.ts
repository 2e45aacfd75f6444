import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unionMs } from '../infra/local/functions';

/**
 * The list prices the cost figures use: bench/prices.json (us-east-1, USD) and bench/prices-cn.json (the AWS China
 * regions, CNY, as their operators publish them). A price the stored pages did not give is null, with a note: its
 * line shows its quantity and no cost, and the total says how many lines it leaves out.
 */
export interface Prices {
  readonly currency: string;
  readonly region: string;
  readonly lambda: {
    readonly requestsPerMillion: number;
    readonly gbSecondArm64: number;
    readonly gbSecondX86: number;
  };
  readonly stepFunctions: { readonly standardTransitionsPerThousand: number };
  readonly dynamodb: { readonly writeRequestUnitsPerMillion: number; readonly readRequestUnitsPerMillion: number };
  readonly eventBridge: { readonly customEventsPerMillion: number; readonly schedulerInvocationsPerMillion: number };
  readonly s3: { readonly tier1RequestsPerThousand: number; readonly tier2RequestsPerThousand: number };
  readonly apiGateway: { readonly httpApiRequestsPerMillion: number };
  readonly ses: { readonly emailsPerThousand: number };
  readonly kms?: { readonly asymmetricRequestsPerTenThousand: number | null };
  readonly firehose?: { readonly ingestedPerGb: number | null };
  readonly sms?: { readonly perMessage: number | null; readonly note?: string };
}

/** A region's prices as the files hold them: any price may be unknown (null), with a note saying why. */
type PriceTable = Readonly<Record<string, number | string | null>>;
export interface RegionPrices {
  readonly currency: string;
  readonly region: string;
  readonly operator?: string;
  readonly takenOn?: string;
  readonly notes?: Readonly<Record<string, string>>;
  readonly sources?: Readonly<Record<string, string>>;
  readonly lambda: PriceTable;
  readonly stepFunctions: PriceTable;
  readonly dynamodb: PriceTable;
  readonly eventBridge: PriceTable;
  readonly s3: PriceTable;
  readonly apiGateway: PriceTable;
  readonly ses: PriceTable;
  readonly kms?: PriceTable;
  readonly firehose?: PriceTable;
  readonly sms?: PriceTable;
}

const here = import.meta.dirname ?? __dirname;

export function loadPrices(path = join(here, 'prices.json')): Prices {
  return JSON.parse(readFileSync(path, 'utf8')) as Prices;
}

/** Every region the bench prices: us-east-1 first, then the China regions. */
export function loadAllPrices(dir = here): RegionPrices[] {
  const us = loadPrices(join(dir, 'prices.json')) as unknown as RegionPrices;
  const cn = JSON.parse(readFileSync(join(dir, 'prices-cn.json'), 'utf8')) as { regions: RegionPrices[] };
  return [us, ...cn.regions];
}

/** The billed operations of a run, as the local cloud counted them. */
export interface Usage {
  readonly lambdaRequests: number;
  readonly lambdaGbSeconds: number;
  readonly stateTransitions: number;
  readonly readRequestUnits: number;
  readonly writeRequestUnits: number;
  readonly events: number;
  readonly schedulerInvocations: number;
  readonly s3Tier1: number;
  readonly s3Tier2: number;
  readonly apiRequests: number;
  readonly emails: number;
  /** SMS sent (a message provider's fee, like e-mail). */
  readonly sms?: number;
  /** KMS Sign requests (asymmetric key: the licences' signatures). */
  readonly kmsSignRequests?: number;
  /** Bytes ingested by Firehose as billed: each record rounded up to a multiple of 5 KB. */
  readonly firehoseBilledBytes?: number;
}

export type CostLine = {
  readonly service: string;
  readonly quantity: number;
  readonly unit: string;
  /** 0 when the region's price is not known (`priced` false; see its note). */
  readonly cost: number;
  readonly priced: boolean;
  readonly note?: string;
};

export interface Cost {
  readonly region: string;
  readonly currency: string;
  /** AWS's own services, without the message providers' fees. */
  readonly lines: CostLine[];
  /** AWS cost per 1,000 cases without message fees (the lines with a known price). */
  readonly total: number;
  /** The lines whose price is unknown in this region, left out of `total`. */
  readonly unpriced: string[];
  /** The message providers' fees (e-mail, SMS), on their own. */
  readonly messageLines: CostLine[];
  readonly messagesTotal: number;
}

/** The cost of `usage` scaled to 1,000 cases, per service, at `prices` (Lambda on arm64, as the stacks deploy it). */
export function costPerThousandCases(usage: Usage, cases: number, prices: Prices | RegionPrices): Cost {
  if (cases <= 0) throw new RangeError('cases must be positive');
  const p = prices as unknown as RegionPrices;
  const scale = 1000 / cases;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const line = (
    service: string,
    quantity: number,
    unit: string,
    price: unknown,
    per: number,
    note?: string,
  ): CostLine => {
    const unitPrice = num(price);
    return {
      service,
      quantity: quantity * scale,
      unit,
      cost: unitPrice === null ? 0 : (quantity * scale * unitPrice) / per,
      priced: unitPrice !== null,
      ...(unitPrice === null && note ? { note } : {}),
    };
  };
  const noteOf = (key: string) => p.notes?.[key];
  const lines = [
    line('Lambda requests', usage.lambdaRequests, 'requests', p.lambda.requestsPerMillion, 1e6, noteOf('lambda')),
    line('Lambda compute', usage.lambdaGbSeconds, 'GB-seconds', p.lambda.gbSecondArm64, 1, noteOf('lambda')),
    line(
      'Step Functions',
      usage.stateTransitions,
      'state transitions',
      p.stepFunctions.standardTransitionsPerThousand,
      1000,
      noteOf('stepFunctions'),
    ),
    line(
      'DynamoDB writes',
      usage.writeRequestUnits,
      'write request units',
      p.dynamodb.writeRequestUnitsPerMillion,
      1e6,
      noteOf('dynamodb'),
    ),
    line(
      'DynamoDB reads',
      usage.readRequestUnits,
      'read request units',
      p.dynamodb.readRequestUnitsPerMillion,
      1e6,
      noteOf('dynamodb'),
    ),
    line(
      'EventBridge events',
      usage.events,
      'custom events',
      p.eventBridge.customEventsPerMillion,
      1e6,
      noteOf('eventBridge'),
    ),
    line(
      'EventBridge Scheduler',
      usage.schedulerInvocations,
      'invocations',
      p.eventBridge.schedulerInvocationsPerMillion,
      1e6,
      noteOf('eventBridge'),
    ),
    line('S3 PUT/COPY/POST/LIST', usage.s3Tier1, 'requests', p.s3.tier1RequestsPerThousand, 1000, noteOf('s3')),
    line('S3 GET and others', usage.s3Tier2, 'requests', p.s3.tier2RequestsPerThousand, 1000, noteOf('s3')),
    line(
      'API Gateway (HTTP API)',
      usage.apiRequests,
      'requests',
      p.apiGateway.httpApiRequestsPerMillion,
      1e6,
      noteOf('apiGateway'),
    ),
    line(
      'KMS Sign (asymmetric)',
      usage.kmsSignRequests ?? 0,
      'requests',
      p.kms?.asymmetricRequestsPerTenThousand,
      1e4,
      noteOf('kms'),
    ),
    line(
      'Firehose ingestion',
      (usage.firehoseBilledBytes ?? 0) / 1024 ** 3,
      'GB (5 KB steps)',
      p.firehose?.ingestedPerGb,
      1,
      noteOf('firehose'),
    ),
  ];
  const messageLines = [
    line('SES e-mail', usage.emails, 'e-mails', p.ses.emailsPerThousand, 1000, noteOf('ses')),
    line(
      'SMS',
      usage.sms ?? 0,
      'messages',
      p.sms?.perMessage,
      1,
      noteOf('sms') ?? (typeof p.sms?.note === 'string' ? p.sms.note : undefined),
    ),
  ];
  const sum = (ls: CostLine[]) => ls.reduce((s, l) => s + l.cost, 0);
  return {
    region: p.region,
    currency: p.currency,
    lines,
    total: sum(lines),
    unpriced: lines.filter((l) => !l.priced && l.quantity > 0).map((l) => l.service),
    messageLines,
    messagesTotal: sum(messageLines),
  };
}

// ---- Lambda compute from each invocation's own CPU and awaited I/O ----

/**
 * Lambda gives a function CPU in proportion to its memory: one full vCPU at 1,769 MB
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). CPU work measured on a full core here
 * takes 1,769 / memory times as long below that.
 */
export const FULL_VCPU_MB = 1769;

/**
 * A call's longest plausible wait on AWS, in the same region (ms). DynamoDB Local and s3rver run on this machine's
 * shared cores, so a call's local time measures this machine, not the service: each call counts at most this much.
 * Typical medians, not guarantees: DynamoDB's single-digit milliseconds (10; a transaction, two phases, 25), S3,
 * Step Functions and EventBridge API calls 30. Other HTTP (webhooks to departments' systems) counts as measured.
 */
export const AWS_CALL_CAP_MS: Readonly<Record<string, number>> = {
  dynamodb: 10,
  'dynamodb-transact': 25,
  s3: 30,
  sfn: 30,
  eventbridge: 30,
  aws: 30,
};

/** One invocation as the local cloud measured it: CPU on a full core, and its calls [service, offset ms, ms]. */
export interface InvocationSample {
  readonly cpuMs: number;
  readonly calls: readonly (readonly [string, number, number])[];
}

/**
 * An invocation's billed duration on AWS, estimated: its CPU stretched to its memory's share of a vCPU, plus the
 * union of its awaited calls, each capped at AWS_CALL_CAP_MS, rounded up to the next millisecond as Lambda bills.
 * CPU that ran while a call was awaited counts twice, so this is a ceiling rather than a floor.
 */
export function estimateBilledMs(sample: InvocationSample, memoryMb: number, caps = AWS_CALL_CAP_MS): number {
  const cpuScale = Math.max(1, FULL_VCPU_MB / memoryMb);
  const io = unionMs(
    sample.calls.map(([service, start, ms]) => [start, start + Math.min(ms, caps[service] ?? ms)] as const),
  );
  return Math.ceil(sample.cpuMs * cpuScale + io);
}
