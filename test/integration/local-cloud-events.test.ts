import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { LocalCloud } from '../../infra/local/cloud';
import { eventBridgeClient } from '../../shared/adapters/aws-clients';
import { failNext, recorded } from '../fixtures/functions/recorder';
import { fixtureTopology } from '../fixtures/topology';

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await LocalCloud.start({
    topology: fixtureTopology,
    clock: 'manual',
    startTime: new Date('2026-03-02T00:30:00Z'),
    retryDelaysMs: [1, 1],
  });
});
afterAll(() => cloud?.stop());
beforeEach(() => recorded().splice(0));

async function put(source: string, detailType: string, detail: Record<string, unknown>) {
  const out = await eventBridgeClient().send(
    new PutEventsCommand({
      Entries: [
        {
          Source: source,
          DetailType: detailType,
          Detail: JSON.stringify(detail),
          EventBusName: process.env.EVENT_BUS_NAME ?? 'one-stop-local-bus',
        },
      ],
    }),
  );
  await cloud.idle();
  return out;
}

const targetsOf = (eventId: string | undefined) =>
  recorded()
    .filter((r) => (r.event as { id: string }).id === eventId)
    .map((r) => r.target)
    .sort();

describe('the local event bus', () => {
  it('delivers an event to exactly the targets whose patterns match', async () => {
    const taskEvent = await put('gov.one-stop.workflow', 'Task.Opened.v1', { taskId: 't1' });
    expect(targetsOf(taskEvent.Entries?.[0]?.EventId)).toEqual(['analytics', 'supervision']);

    const approved = await put('gov.one-stop.applications', 'Application.Approved.v1', {
      caseId: 'c1',
      channel: 'web',
    });
    expect(targetsOf(approved.Entries?.[0]?.EventId)).toEqual(['analytics', 'messaging']);

    const internal = await put('gov.one-stop.applications', 'Application.Approved.v1', {
      caseId: 'c2',
      channel: 'internal',
    });
    expect(targetsOf(internal.Entries?.[0]?.EventId)).toEqual(['analytics']);

    const foreign = await put('partner.system', 'Task.Opened.v1', { taskId: 't2' });
    expect(targetsOf(foreign.Entries?.[0]?.EventId)).toEqual([]);
  });

  it('hands targets the EventBridge envelope with id, source, detail-type, time and detail', async () => {
    const out = await put('gov.one-stop.workflow', 'Task.Opened.v1', { taskId: 't3' });
    const event = recorded().find((r) => r.target === 'supervision')!.event;
    expect(event).toEqual({
      version: '0',
      id: out.Entries?.[0]?.EventId,
      'detail-type': 'Task.Opened.v1',
      source: 'gov.one-stop.workflow',
      account: '000000000000',
      time: '2026-03-02T00:30:00Z',
      region: 'cn-north-1',
      resources: [],
      detail: { taskId: 't3' },
    });
  });

  it('refuses malformed entries one by one, as PutEvents does', async () => {
    const out = await eventBridgeClient().send(
      new PutEventsCommand({
        Entries: [
          { Source: 'gov.one-stop.workflow', DetailType: 'Task.Opened.v1', Detail: 'not json' },
          { Source: 'gov.one-stop.workflow', DetailType: 'Task.Opened.v1', Detail: '{}', EventBusName: 'no-such-bus' },
          { Source: 'gov.one-stop.workflow', DetailType: 'Task.Opened.v1', Detail: '{"ok":true}' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(2);
    expect(out.Entries?.map((e) => e.ErrorCode ?? 'ok')).toEqual(['MalformedDetail', 'NotFoundException', 'ok']);
  });

  it('retries a failing target and then sends the event to the rule’s dead-letter queue', async () => {
    failNext('supervision', 1);
    const retried = await put('gov.one-stop.workflow', 'Task.Opened.v1', { taskId: 't4' });
    expect(targetsOf(retried.Entries?.[0]?.EventId)).toContain('supervision');
    expect(
      cloud.bus.deliveries.find(
        (d) => d.eventId === retried.Entries?.[0]?.EventId && d.rule === 'supervision-on-workflow',
      )?.attempts,
    ).toBe(2);

    failNext('supervision', 10);
    const dead = await put('gov.one-stop.workflow', 'Task.Opened.v1', { taskId: 't5' });
    expect(targetsOf(dead.Entries?.[0]?.EventId)).toEqual(['analytics']);
    expect(cloud.bus.deadLetters.map((d) => [d.rule, d.event.id])).toContainEqual([
      'supervision-on-workflow',
      dead.Entries?.[0]?.EventId,
    ]);
    failNext('supervision', 0);
  });
});

describe('local schedules', () => {
  it('fire on the movable clock, once per period, with the declared input', async () => {
    expect(recorded().filter((r) => r.target === 'sweep')).toHaveLength(0);
    for (let hour = 0; hour < 3; hour++) {
      cloud.clock.advance(3600 * 1000);
      await cloud.idle();
    }
    const firings = recorded().filter((r) => r.target === 'sweep');
    expect(firings.map((f) => (f.event as { scheduledAt: string }).scheduledAt)).toEqual([
      '2026-03-02T01:30:00.000Z',
      '2026-03-02T02:30:00.000Z',
      '2026-03-02T03:30:00.000Z',
    ]);
    expect(firings[0]!.event).toMatchObject({ kind: 'deadlines', schedule: 'hourly-sweep' });
  });

  it('fire once for all the occurrences a clock jump passes, saying how many', async () => {
    recorded().splice(0);
    cloud.clock.advance(24 * 3600 * 1000);
    await cloud.idle();
    const firings = recorded().filter((r) => r.target === 'sweep');
    expect(firings).toHaveLength(1);
    expect(firings[0]!.event).toMatchObject({ coveredRuns: 24, scheduledAt: '2026-03-03T03:30:00.000Z' });
  });
});
