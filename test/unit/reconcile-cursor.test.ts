import {
  type Observation,
  type ReconcilePorts,
  reconcile,
  type WatchedEvent,
} from '../../shared/domain/workflow/reconcile';

/**
 * The reconciler's cursor over the outbox (shared/domain/workflow/reconcile.ts): it moves only when every event read
 * behind it is judged or kept on the index, so nothing unrelayed is left behind by a failed repair. The ports are
 * in memory; the adapter on DynamoDB Local is covered by test/integration/reconciler.test.ts.
 */
const NOW = new Date('2026-12-07T04:00:00.000Z');

const unrelayed = (id: string, dueKey?: string): WatchedEvent => ({
  eventId: id,
  source: 'gov.one-stop.applications',
  detailType: 'Application.Submitted.v1',
  detail: { caseId: `C-${id}` },
  occurredAt: '2026-12-07T03:10:00.000Z',
  ...(dueKey ? { dueKey } : {}),
});

function ports(events: WatchedEvent[], options: { republishFails?: Set<string>; laterFails?: boolean } = {}) {
  const calls = { advanced: [] as string[], kept: [] as string[], done: [] as string[], republished: [] as string[] };
  const memory: ReconcilePorts = {
    due: async () => ({ events, checkpoint: '2026-12-07T03:45:00.000Z' }),
    done: async (e) => {
      calls.done.push(e.eventId);
    },
    later: async (e) => {
      if (options.laterFails) throw new Error('table unavailable');
      calls.kept.push(e.eventId);
    },
    advance: async (checkpoint) => {
      calls.advanced.push(checkpoint);
    },
    observe: async (): Promise<Observation> => ({}),
    repair: async (e) => {
      if (options.republishFails?.has(e.eventId))
        throw Object.assign(new Error('bus down'), { name: 'ServiceUnavailable' });
      calls.republished.push(e.eventId);
      return 'repaired';
    },
    report: () => undefined,
    unreadable: () => undefined,
    now: () => NOW,
  };
  return { memory, calls };
}

describe('the reconciler’s cursor', () => {
  it('republishes what the relay did not receipt and moves the cursor to the checkpoint', async () => {
    const { memory, calls } = ports([unrelayed('a'), unrelayed('b')]);
    const result = await reconcile(memory);
    expect(result.findings['outbox-unrelayed']).toBe(2);
    expect(calls.republished).toEqual(['a', 'b']);
    expect(calls.advanced).toEqual(['2026-12-07T03:45:00.000Z']);
    expect(calls.kept).toEqual([]);
  });

  it('keeps an event it could not repair on the index, and still moves the cursor', async () => {
    const { memory, calls } = ports([unrelayed('a'), unrelayed('b')], { republishFails: new Set(['a']) });
    const result = await reconcile(memory);
    expect(result.failed).toBe(1);
    expect(calls.kept).toEqual(['a']);
    expect(calls.republished).toEqual(['b']);
    expect(calls.advanced).toEqual(['2026-12-07T03:45:00.000Z']);
  });

  it('does not move the cursor when an event it could not repair could not be kept either', async () => {
    const { memory, calls } = ports([unrelayed('a'), unrelayed('b')], {
      republishFails: new Set(['a']),
      laterFails: true,
    });
    await reconcile(memory);
    expect(calls.advanced).toEqual([]);
  });

  it('puts a repaired follow-up on the index to be judged again at the next run, and a republished event not', async () => {
    const accepted: WatchedEvent = {
      ...unrelayed('acc'),
      detailType: 'Application.Accepted.v1',
      relayedAt: '2026-12-07T03:10:01.000Z',
    };
    const { memory, calls } = ports([accepted, unrelayed('sub')]);
    memory.observe = async (e) => (e.eventId === 'acc' ? { case: { status: 'ACCEPTED' } } : {});
    const result = await reconcile(memory);
    expect(result.findings['accepted-without-review']).toBe(1);
    expect(result.findings['outbox-unrelayed']).toBe(1);
    expect(calls.kept).toEqual(['acc']);
  });

  it('leaves an event already on the index where it is when its repair fails (the index keeps it)', async () => {
    const { memory, calls } = ports([unrelayed('a', '2026-12-07T03:00:00.000Z#a')], {
      republishFails: new Set(['a']),
    });
    await reconcile(memory);
    expect(calls.kept).toEqual([]);
    expect(calls.advanced).toEqual(['2026-12-07T03:45:00.000Z']);
  });
});
