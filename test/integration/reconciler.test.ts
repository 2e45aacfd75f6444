import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { LocalCloud } from '../../infra/local/cloud';
import { localStateMachineArn } from '../../infra/local/names';
import { dynamoReconcileIndex } from '../../shared/adapters/dynamo-reconcile-index';
import { outboxKey, outboxPut } from '../../shared/adapters/outbox';
import type { ReconcileResult } from '../../shared/domain/workflow/reconcile';
import { acceptedFoodCase as acceptedFood } from '../support/cases';
import { USCC } from '../support/food-case';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';

/**
 * The reconciler on the local cloud: a consumer that is down (an outage longer than its retries) leaves a case
 * stuck; the reconciler finds it, counts it, repairs it with the same idempotent step, and a second run finds nothing.
 */
jest.setTimeout(120_000);

let cloud: LocalCloud;
const tokens: Record<string, string> = {};
const api = (method: string, path: string, who: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });
/** Functions made to fail, as in an outage of what they call. */
const down = new Set<string>();

beforeAll(async () => {
  // The normal path gets no grace here: the tests wait for the cloud to be idle before the reconciler runs.
  process.env.RECONCILE_GRACE_MINUTES = '0';
  cloud = await LocalCloud.start({
    clock: 'manual',
    startTime: new Date('2026-03-02T09:00:00+08:00'),
    seed: true,
    retryDelaysMs: [5, 5],
  });
  await importDemoLicences(cloud);
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  for (const dept of ['SAMR', 'HEALTH', 'TAX'])
    tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
  const invoke = cloud.functions.invoke.bind(cloud.functions);
  cloud.functions.invoke = async (name, event) => {
    if (down.has(name)) throw Object.assign(new Error(`${name} is down`), { name: 'ServiceUnavailable' });
    return invoke(name, event);
  };
});
afterAll(async () => {
  delete process.env.RECONCILE_GRACE_MINUTES;
  await cloud?.stop();
});

const reconcile = async () => {
  const result = (await cloud.functions.invoke('reconcile', { schedule: 'reconcile' })) as ReconcileResult;
  await cloud.idle();
  // The clock stands still here: a second on, so that what happens next is after this run's cursor, as it would be.
  cloud.clock.advance(1000);
  return result;
};
const nothingFound = {
  'outbox-unrelayed': 0,
  'accepted-without-review': 0,
  'approved-without-licence': 0,
  'lost-wait-token': 0,
};
const status = async (id: string) => (await api('GET', `/applications/${id}`, 'applicant')).json.status as string;
const execution = (id: string) =>
  cloud.stepFunctions.describeExecution(
    `${localStateMachineArn('procedure').replace(':stateMachine:', ':execution:')}:${id}`,
  );

describe('the reconciler', () => {
  it('finds nothing on a platform where nothing is stuck', async () => {
    await cloud.idle();
    expect((await reconcile()).findings).toEqual(nothingFound);
  });

  it('starts the review of a case accepted while the review consumer was down, counts it, and then finds nothing', async () => {
    down.add('startReview');
    const id = await acceptedFood(cloud.baseUrl, tokens.applicant!, tokens.window!, () => cloud.idle());
    // Every retry failed: the event is in the rule's dead-letter queue and the case waits, ACCEPTED, with no review.
    expect(
      cloud.bus.deadLetters.some((d) => d.rule === 'start-review-on-acceptance' && d.event.detail.caseId === id),
    ).toBe(true);
    expect(await status(id)).toBe('ACCEPTED');
    expect(() => execution(id)).toThrow(/does not exist/i);
    down.delete('startReview');

    const first = await reconcile();
    expect(first.findings).toEqual({ ...nothingFound, 'accepted-without-review': 1 });
    expect(first.repaired).toBe(1);
    expect(await status(id)).toBe('IN_REVIEW');
    expect(execution(id).status).toBe('RUNNING');

    const second = await reconcile();
    expect(second.findings).toEqual(nothingFound);
  });

  it('answers the waiting task of a decision whose resume was lost, and the case goes on to its licence', async () => {
    const id = await acceptedFood(cloud.baseUrl, tokens.applicant!, tokens.window!, () => cloud.idle());
    const taskId = `${id}.0.SAMR`;
    await eventually('SAMR’s task', async () =>
      (await api('GET', `/tasks/${encodeURIComponent(taskId)}`, 'SAMR')).status === 200 ? true : undefined,
    );
    down.add('resumeWorkflow');
    expect(
      (await api('POST', `/tasks/${encodeURIComponent(taskId)}/decision`, 'SAMR', { decision: 'approve' })).status,
    ).toBe(200);
    await cloud.idle();
    expect(
      cloud.bus.deadLetters.some((d) => d.rule === 'resume-workflow-on-decision' && d.event.detail.taskId === taskId),
    ).toBe(true);
    expect(await status(id)).toBe('IN_REVIEW');
    down.delete('resumeWorkflow');

    const first = await reconcile();
    expect(first.findings).toEqual({ ...nothingFound, 'lost-wait-token': 1 });
    // The wait was answered (the task remembers it) and the procedure went on to the next tasks.
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: cloud.env.AWS_ENDPOINT_URL_DYNAMODB }));
    const task = (
      await client.send(
        new GetCommand({ TableName: cloud.env.MAIN_TABLE_NAME!, Key: { pk: `CASE#${id}`, sk: 'TASK#00#SAMR' } }),
      )
    ).Item!;
    client.destroy();
    expect(task.resumedAt).toEqual(expect.any(String));
    expect(cloud.stepFunctions.waitingTasks().some((t) => t.executionArn.endsWith(`:${id}`))).toBe(true);
    expect((await reconcile()).findings).toEqual(nothingFound);
  });

  it('puts an outbox event on the bus that its stream never carried, once, and then finds nothing', async () => {
    // The stream consumer stops (as when AWS drops a record after 24 hours of failures).
    await cloud.streams[0]!.stop();
    const table = cloud.env.MAIN_TABLE_NAME!;
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: cloud.env.AWS_ENDPOINT_URL_DYNAMODB }));
    const eventId = randomUUID();
    const now = new Date(cloud.clock.now());
    const event = {
      eventId,
      source: 'gov.one-stop.applications',
      detailType: 'Application.Submitted.v1',
      detail: { caseId: `C-lost-${eventId}` },
      occurredAt: now.toISOString(),
    };
    await client.send(new TransactWriteCommand({ TransactItems: [outboxPut(table, event, now)] }));
    const onBus = () => cloud.bus.archive.filter((e) => e.detail.eventId === eventId);
    expect(onBus()).toHaveLength(0);

    const first = await reconcile();
    expect(first.findings).toEqual({ ...nothingFound, 'outbox-unrelayed': 1 });
    expect(onBus()).toHaveLength(1);
    const item = (await client.send(new GetCommand({ TableName: table, Key: outboxKey(event) }))).Item!;
    expect(item.relayedAt).toEqual(expect.any(String));
    expect(item.gsi2pk).toBeUndefined();

    expect((await reconcile()).findings).toEqual(nothingFound);
    expect(onBus()).toHaveLength(1);
    client.destroy();
  });

  it('reads at most its limit of unrelayed events a run, never splitting one instant, and the rest at the next', async () => {
    // The stream consumer stops (again, when the previous test ran): nothing written here is relayed or receipted.
    await cloud.streams[0]!.stop();
    const table = cloud.env.MAIN_TABLE_NAME!;
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: cloud.env.AWS_ENDPOINT_URL_DYNAMODB }));
    const index = dynamoReconcileIndex(client, table);
    const base = cloud.clock.now();
    const at = (seconds: number) => new Date(base + seconds * 1000);
    // Only what this test writes is behind the cursor (the seed's events, when run alone, are before it).
    await index.advance(new Date(base).toISOString());
    // Four events: one at +1 s, two sharing +2 s (one transaction's), one at +3 s.
    for (const [n, seconds] of [
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 3],
    ] as const) {
      const event = {
        eventId: `limit-${n}-${randomUUID()}`,
        source: 'gov.one-stop.applications',
        detailType: 'Application.Submitted.v1',
        detail: { caseId: `C-limit-${n}` },
        occurredAt: at(seconds).toISOString(),
      };
      await client.send(new TransactWriteCommand({ TransactItems: [outboxPut(table, event, at(seconds))] }));
    }
    const until = at(4).toISOString();
    const first = await index.due(until, 2);
    // Sorted: events of one instant come in no particular order.
    const mine = (events: { eventId: string }[]) =>
      events
        .map((e) => e.eventId.split('-').slice(0, 2).join('-'))
        .filter((id) => id.startsWith('limit-'))
        .sort();
    // The limit is 2; the second event's instant is shared with the third, so both come, and the cursor stops there.
    expect(mine(first.events)).toEqual(['limit-1', 'limit-2', 'limit-3']);
    expect(first.checkpoint).toBe(at(2).toISOString());
    await index.advance(first.checkpoint!);
    const second = await index.due(until, 2);
    expect(mine(second.events)).toEqual(['limit-4']);
    expect(second.checkpoint).toBe(until);
    await index.advance(second.checkpoint!);
    expect(mine((await index.due(until, 2)).events)).toEqual([]);
    client.destroy();
  });
});
