import type { IntegrationDeps } from '../../shared/domain/integration/ports';
import type { WebhookDelivery } from '../../shared/domain/integration/model';
import { attemptWebhook } from '../../shared/domain/integration/webhook-deliveries';
import { generateSecret, verify } from '../../shared/webhooks/standard-webhooks';

/**
 * One webhook attempt reads the config, the secret, the task and its case before it POSTs. The receiver checks the
 * signed timestamp against its own clock (±5 minutes), so the message is signed when it is sent.
 */
describe('a webhook attempt', () => {
  it('signs with the time it sends at, not the time the attempt began', async () => {
    const secret = generateSecret();
    let clock = Date.parse('2026-03-02T02:45:00Z');
    const sent: { headers: Record<string, string>; body: string; at: Date }[] = [];
    const delivery: WebhookDelivery = {
      id: 'msg_test',
      department: 'SAMR',
      eventId: 'event-1',
      eventType: 'Task.Opened.v1',
      taskId: 'case-1.0.SAMR',
      caseId: 'case-1',
      status: 'pending',
      attempts: [],
      createdAt: new Date(clock).toISOString(),
      cycleStartedAt: new Date(clock).toISOString(),
      nextAttemptAt: new Date(clock).toISOString(),
      version: 1,
    };
    const updates: WebhookDelivery[] = [];
    const deps = {
      app: {
        now: () => new Date(clock),
        cases: {
          getTask: async () => ({
            id: 'case-1.0.SAMR',
            department: 'SAMR',
            stageIndex: 0,
            name: '材料审查',
            dueDate: '2026-03-09',
            status: 'WAITING',
          }),
          get: async () => ({ id: 'case-1', number: '350100-20260302-00001', matterCode: 'FOOD', form: {} }),
        },
      },
      store: {
        // The reads before the POST take a while: ten minutes pass on this clock (a busy machine, a moved clock).
        getConfig: async () => {
          clock += 10 * 60_000;
          return { mode: 'webhook', endpoint: 'https://samr.example/hooks', timeoutMs: 10_000 };
        },
        updateDelivery: async ({ after }: { after: WebhookDelivery }) => {
          updates.push(after);
        },
      },
      secrets: { get: async () => ({ current: secret }) },
      materials: { links: async () => [] },
      publicApiUrl: 'https://api.example',
      transport: {
        post: async (_url: string, headers: Record<string, string>, body: string) => {
          sent.push({ headers, body, at: new Date(clock) });
          return { status: 202, body: '{"status":"accepted"}' };
        },
      },
      log: { error: () => undefined, info: () => undefined },
    } as unknown as IntegrationDeps;

    const after = await attemptWebhook(delivery, deps);

    expect(sent).toHaveLength(1);
    const [message] = sent;
    // The receiver, on the same clock, at the moment it receives the POST.
    expect(verify(message!.headers, message!.body, [secret], message!.at).id).toBe('msg_test');
    expect(Number(message!.headers['webhook-timestamp'])).toBe(Math.floor(message!.at.getTime() / 1000));
    expect(after.status).toBe('delivered');
    expect(updates.map((u) => u.status)).toEqual(['delivered']);
  });
});
