import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LocalCloud } from '../../infra/local/cloud';
import { CONSUMER_RETRY_POLICY } from '../../infra/topology-model';
import { redriveLocal } from '../../scripts/redrive';
import { acceptedFoodCase as acceptedFood } from '../support/cases';
import { USCC } from '../support/food-case';
import { call } from '../support/http';
import { importDemoLicences } from '../support/licences';

/**
 * The rule queues' retry policy on the local clock (the same numbers as in AWS: CONSUMER_RETRY_POLICY): a consumer
 * down for an hour of clock time gets the event once it is back, exactly once; one down for longer than the policy
 * leaves it in the rule's DLQ, and the redrive delivers it.
 */
jest.setTimeout(240_000);

let cloud: LocalCloud;
const tokens: Record<string, string> = {};
const down = new Set<string>();
/** startReview's outcomes per case id, as the rule's queue delivered them. */
const outcomes = new Map<string, ('failed' | 'done')[]>();
const MINUTE = 60_000;

beforeAll(async () => {
  // The reconciler would repair the stuck case by itself: kept out, so only the retries can deliver.
  process.env.RECONCILE_GRACE_MINUTES = '100000';
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T09:00:00+08:00'), seed: true });
  await importDemoLicences(cloud);
  // Valid for the whole test: the clock moves on by hours.
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC }, { ttlSeconds: 24 * 3600 });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' }, { ttlSeconds: 24 * 3600 });
  const invoke = cloud.functions.invoke.bind(cloud.functions);
  cloud.functions.invoke = async (name, event) => {
    if (name !== 'startReview') return invoke(name, event);
    const records = (event as { Records?: { body: string }[] }).Records ?? [];
    const caseId =
      records.map((r) => (JSON.parse(r.body) as { detail: { caseId?: string } }).detail.caseId)[0] ??
      (event as { detail?: { caseId?: string } }).detail?.caseId ??
      '';
    const seen = outcomes.get(caseId) ?? [];
    outcomes.set(caseId, seen);
    if (down.has(name)) {
      seen.push('failed');
      throw Object.assign(new Error(`${name} is down`), { name: 'ServiceUnavailable' });
    }
    const result = await invoke(name, event);
    seen.push('done');
    return result;
  };
});
afterAll(async () => {
  delete process.env.RECONCILE_GRACE_MINUTES;
  await cloud?.stop();
});

const status = async (id: string) =>
  (await call(cloud.baseUrl, 'GET', `/applications/${id}`, { token: tokens.applicant })).json.status as string;
/** Moves the clock on in the queue's visibility steps, letting each retry run. */
const advance = async (minutes: number) => {
  const step = CONSUMER_RETRY_POLICY.visibilityTimeoutSeconds / 60;
  for (let m = 0; m < minutes; m += step) {
    cloud.clock.advance(step * MINUTE);
    await cloud.idle();
  }
};

describe('a rule consumer’s retries (the rule queue’s policy, on the local clock)', () => {
  it('outlast a one-hour outage: the event is delivered when the consumer is back, exactly once', async () => {
    down.add('startReview');
    const id = await acceptedFood(cloud.baseUrl, tokens.applicant!, tokens.window!, () => cloud.idle());
    expect(await status(id)).toBe('ACCEPTED');
    expect(cloud.bus.waitingRetries).toBeGreaterThanOrEqual(1);

    await advance(60);
    // Tried at 0, 5, …, 60 minutes: 13 failed receives, nothing in the DLQ, still waiting for the next.
    expect(outcomes.get(id)).toEqual(Array(13).fill('failed'));
    expect(cloud.bus.deadLetters.filter((d) => d.event.detail.caseId === id)).toEqual([]);
    expect(await status(id)).toBe('ACCEPTED');

    down.delete('startReview');
    await advance(5);
    expect(await status(id)).toBe('IN_REVIEW');
    expect(outcomes.get(id)).toEqual([...Array(13).fill('failed'), 'done']);
    expect(
      cloud.bus.deliveries.filter(
        (d) => d.rule === 'start-review-on-acceptance' && d.status === 'delivered' && d.attempts === 14,
      ),
    ).toHaveLength(1);

    // Nothing more comes: the delivered event is not retried again.
    await advance(60);
    expect(outcomes.get(id)!.filter((o) => o === 'done')).toHaveLength(1);
    expect(cloud.bus.deadLetters.filter((d) => d.event.detail.caseId === id)).toEqual([]);
  });

  it('end in the rule’s DLQ after the policy’s receives, and the redrive delivers it and empties the DLQ file', async () => {
    down.add('startReview');
    const id = await acceptedFood(cloud.baseUrl, tokens.applicant!, tokens.window!, () => cloud.idle());
    await advance(CONSUMER_RETRY_POLICY.maxReceiveCount * (CONSUMER_RETRY_POLICY.visibilityTimeoutSeconds / 60));
    expect(outcomes.get(id)).toEqual(Array(CONSUMER_RETRY_POLICY.maxReceiveCount).fill('failed'));
    expect(
      cloud.bus.deadLetters.filter((d) => d.rule === 'start-review-on-acceptance' && d.event.detail.caseId === id),
    ).toHaveLength(1);
    const file = join(cloud.bus.dataDir!, 'dlq-start-review-on-acceptance.jsonl');
    expect(existsSync(file)).toBe(true);

    // Still down: the redrive leaves it where it is.
    expect((await redriveLocal(cloud)).results).toEqual([
      { rule: 'start-review-on-acceptance', redriven: 0, failed: 1 },
    ]);
    expect(existsSync(file)).toBe(true);

    down.delete('startReview');
    expect((await redriveLocal(cloud)).redriven).toBe(1);
    await cloud.idle();
    expect(await status(id)).toBe('IN_REVIEW');
    expect(existsSync(file)).toBe(false);
    expect(cloud.bus.deadLetters.filter((d) => d.event.detail.caseId === id)).toEqual([]);
    expect(outcomes.get(id)!.filter((o) => o === 'done')).toHaveLength(1);
  });
});
