import type { IntegrationDeps } from '../../shared/domain/integration/ports';
import { retryDueWebhooks as retryDue } from '../../shared/domain/integration/webhook-deliveries';

/** The webhook retry sweep: one delivery that fails unexpectedly does not stop the others. */
describe('the retry sweep', () => {
  it('tries every due delivery when one of them fails, and reports the failed one', async () => {
    const due = ['BROKEN', 'OK-1', 'OK-2'].map((department, i) => ({
      id: `d-${i}`,
      department,
      taskId: undefined,
      status: 'pending',
      version: 1,
      attempts: [],
      cycleStartedAt: '2026-03-02T00:00:00.000Z',
      cycleAttempt: 1,
      nextAttemptAt: '2026-03-02T00:00:00.000Z',
    }));
    const tried: string[] = [];
    const deps = {
      app: { now: () => new Date('2026-03-02T01:00:00.000Z') },
      store: {
        listDueRetries: async () => due,
        getConfig: async (department: string) => {
          tried.push(department);
          if (department === 'BROKEN')
            throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
          return undefined;
        },
        updateDelivery: async () => undefined,
      },
      secrets: { get: async () => undefined },
      log: { error: () => undefined, info: () => undefined },
    } as unknown as IntegrationDeps;
    const result = await retryDue(deps);
    expect(result.attempted).toBe(3);
    // The first failed; the sweep still went on to the others.
    expect(tried).toEqual(['BROKEN', 'OK-1', 'OK-2']);
    expect(result.failed[0]).toEqual({ id: 'd-0', error: 'ProvisionedThroughputExceededException' });
  });
});
