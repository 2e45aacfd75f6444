import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The list prices the cost figures use, in one file (bench/prices.json). */
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
}

export function loadPrices(path = join(import.meta.dirname ?? __dirname, 'prices.json')): Prices {
  return JSON.parse(readFileSync(path, 'utf8')) as Prices;
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
}

export type CostLine = {
  readonly service: string;
  readonly quantity: number;
  readonly unit: string;
  readonly cost: number;
};

/** The cost of `usage` scaled to 1,000 cases, per service, at `prices` (Lambda on arm64, as the stacks deploy it). */
export function costPerThousandCases(
  usage: Usage,
  cases: number,
  prices: Prices,
): { lines: CostLine[]; total: number; currency: string } {
  if (cases <= 0) throw new RangeError('cases must be positive');
  const scale = 1000 / cases;
  const line = (service: string, quantity: number, unit: string, pricePerUnit: number): CostLine => ({
    service,
    quantity: quantity * scale,
    unit,
    cost: quantity * scale * pricePerUnit,
  });
  const lines = [
    line('Lambda requests', usage.lambdaRequests, 'requests', prices.lambda.requestsPerMillion / 1e6),
    line('Lambda compute', usage.lambdaGbSeconds, 'GB-seconds', prices.lambda.gbSecondArm64),
    line(
      'Step Functions',
      usage.stateTransitions,
      'state transitions',
      prices.stepFunctions.standardTransitionsPerThousand / 1000,
    ),
    line(
      'DynamoDB writes',
      usage.writeRequestUnits,
      'write request units',
      prices.dynamodb.writeRequestUnitsPerMillion / 1e6,
    ),
    line(
      'DynamoDB reads',
      usage.readRequestUnits,
      'read request units',
      prices.dynamodb.readRequestUnitsPerMillion / 1e6,
    ),
    line('EventBridge events', usage.events, 'custom events', prices.eventBridge.customEventsPerMillion / 1e6),
    line(
      'EventBridge Scheduler',
      usage.schedulerInvocations,
      'invocations',
      prices.eventBridge.schedulerInvocationsPerMillion / 1e6,
    ),
    line('S3 PUT/COPY/POST/LIST', usage.s3Tier1, 'requests', prices.s3.tier1RequestsPerThousand / 1000),
    line('S3 GET and others', usage.s3Tier2, 'requests', prices.s3.tier2RequestsPerThousand / 1000),
    line('API Gateway (HTTP API)', usage.apiRequests, 'requests', prices.apiGateway.httpApiRequestsPerMillion / 1e6),
    line('SES e-mail', usage.emails, 'e-mails', prices.ses.emailsPerThousand / 1000),
  ];
  return { lines, total: lines.reduce((sum, l) => sum + l.cost, 0), currency: prices.currency };
}
