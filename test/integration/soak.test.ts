import { runSoak } from '../../bench/soak-run';

/**
 * The soak in small (`npm run soak` runs 1000 cases): 20 cases under a 20 % fault rate on a fresh local cloud, then
 * recovery and the audit. Every fault point is asked, faults of several kinds are injected, and the audit finds
 * nothing lost and nothing duplicated.
 */
// Room for a busy machine: recovery ends as soon as every case is done, or after 6 rounds without progress.
jest.setTimeout(360_000);

test('20 cases under 20 % faults end with nothing lost and nothing duplicated', async () => {
  // Recovery moves the clock 6 minutes a round and the reconciler judges events 15 minutes old: on a busy machine
  // (the full suite on two cores) its rounds are slower, so it gets the soak's own budget rather than a minute.
  const lines: string[] = [];
  const result = await runSoak({
    cases: 20,
    faults: 0.2,
    seed: 7,
    concurrency: 4,
    recoveryMs: 150_000,
    log: (line) => lines.push(line),
  });
  // A finding comes with the soak's own account (its recovery rounds, what stayed open and why), for the CI log.
  if (result.audit.findings.length > 0) process.stderr.write(`${lines.slice(-60).join('\n')}\n${result.text}\n`);
  expect(result.told).toBeGreaterThan(0);
  expect(Object.values(result.injected).filter((n) => n > 0).length).toBeGreaterThanOrEqual(5);
  expect(result.audit.checks['terminal state'].checked).toBe(result.told);
  expect(result.text).toMatch(/lost: \d+, duplicated: \d+/);
  expect(result.audit.findings).toEqual([]);
  expect([result.audit.lost, result.audit.duplicated]).toEqual([0, 0]);
});
