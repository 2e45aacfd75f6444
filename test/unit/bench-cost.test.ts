import { costPerThousandCases, loadPrices, type Usage } from '../../bench/cost';

const prices = loadPrices('bench/prices.json');
const none: Usage = {
  lambdaRequests: 0,
  lambdaGbSeconds: 0,
  stateTransitions: 0,
  readRequestUnits: 0,
  writeRequestUnits: 0,
  events: 0,
  schedulerInvocations: 0,
  s3Tier1: 0,
  s3Tier2: 0,
  apiRequests: 0,
  emails: 0,
};

describe('costPerThousandCases', () => {
  it('prices each operation from the prices file and scales the run to 1,000 cases', () => {
    // 10 cases made 1,000 state transitions and 2,000 write units: per 1,000 cases 100,000 transitions and 200,000 WRU.
    const { lines, total, currency } = costPerThousandCases(
      { ...none, stateTransitions: 1000, writeRequestUnits: 2000 },
      10,
      prices,
    );
    expect(currency).toBe('USD');
    expect(lines.find((l) => l.service === 'Step Functions')).toMatchObject({
      quantity: 100_000,
      cost: 100_000 * (prices.stepFunctions.standardTransitionsPerThousand / 1000),
    });
    expect(lines.find((l) => l.service === 'DynamoDB writes')!.cost).toBeCloseTo(
      0.2 * prices.dynamodb.writeRequestUnitsPerMillion,
      10,
    );
    expect(total).toBeCloseTo(
      lines.reduce((s, l) => s + l.cost, 0),
      12,
    );
  });

  it('costs nothing for nothing, and refuses a run without cases', () => {
    expect(costPerThousandCases(none, 5, prices).total).toBe(0);
    expect(() => costPerThousandCases(none, 0, prices)).toThrow(RangeError);
  });

  it('reads every price the figures need as a positive number', () => {
    const numbers = [
      prices.lambda.requestsPerMillion,
      prices.lambda.gbSecondArm64,
      prices.stepFunctions.standardTransitionsPerThousand,
      prices.dynamodb.writeRequestUnitsPerMillion,
      prices.dynamodb.readRequestUnitsPerMillion,
      prices.eventBridge.customEventsPerMillion,
      prices.s3.tier1RequestsPerThousand,
      prices.s3.tier2RequestsPerThousand,
      prices.apiGateway.httpApiRequestsPerMillion,
      prices.ses.emailsPerThousand,
    ];
    expect(numbers.every((n) => typeof n === 'number' && n > 0)).toBe(true);
  });
});
