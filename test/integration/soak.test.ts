import { runSoak } from '../../bench/soak-run';

/**
 * The soak in small (`npm run soak` runs 1000 cases): 20 cases under a 20 % fault rate on a fresh local cloud, then
 * recovery and the audit. Every fault point is asked, faults of several kinds are injected, and the audit finds
 * nothing lost and nothing duplicated.
 */
jest.setTimeout(240_000);

test('20 cases under 20 % faults end with nothing lost and nothing duplicated', async () => {
  const result = await runSoak({ cases: 20, faults: 0.2, seed: 7, concurrency: 4, recoveryMs: 60_000 });
  expect(result.told).toBeGreaterThan(0);
  expect(Object.values(result.injected).filter((n) => n > 0).length).toBeGreaterThanOrEqual(5);
  expect(result.audit.checks['terminal state'].checked).toBe(result.told);
  expect(result.text).toMatch(/lost: \d+, duplicated: \d+/);
  expect(result.audit.findings).toEqual([]);
  expect([result.audit.lost, result.audit.duplicated]).toEqual([0, 0]);
});
