import { type FreshDemoCloud, startFreshDemoCloud } from '../../scripts/demo-cloud';
import { DemoFailed, demoSteps, runDemo } from '../../scripts/demo-steps';

/**
 * `npm run demo`'s day, in this process against a fresh local cloud (as the command starts one when none runs): it
 * completes, and a department that rejects instead of approving stops it with a message naming the step.
 */
// A whole day of cases: on a busy machine (the other core loaded) it ran past the default 60 s; room, not a race.
jest.setTimeout(240_000);

let fresh: FreshDemoCloud | undefined;
const logLevel = process.env.LOG_LEVEL;

beforeAll(async () => {
  // The handlers' logs are not what this test reads.
  process.env.LOG_LEVEL = 'SILENT';
  fresh = await startFreshDemoCloud({ approveAfterMs: 200 });
}, 90_000);
afterAll(async () => {
  await fresh?.stop();
  if (logLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = logLevel;
});

it('plays the whole day: every step passes and the timeline names the cases, the deadline and the verification URL', async () => {
  const lines: string[] = [];
  const report = await runDemo(fresh!.platform, { out: (line) => lines.push(line) });

  const passed = lines.filter((l) => / ✓ +\d+\. /.test(l));
  expect(passed).toHaveLength(report.steps);
  expect(report.steps).toBeGreaterThanOrEqual(20);
  expect(lines.some((l) => l.includes('✗'))).toBe(false);
  const output = lines.join('\n');
  // A fresh cloud's day is the fixed demo day: the deadlines are known in advance.
  expect(output).toMatch(/食品经营许可 350100-20260302-\d{5} submitted/);
  expect(output).toContain('the decision is due 2026-03-09 (5 working days from 2026-03-02)');
  expect(output).toMatch(
    new RegExp(`verification URL: ${fresh!.platform.baseUrl.replace(/[.:/]/g, '\\$&')}/verify/JY\\w+`),
  );
  expect(output).toMatch(/开餐馆一件事 350100-20260302-\d{5} APPROVED: 4 licences, each verified/);
  expect(output).toMatch(/All \d+ steps did what they should/);
  // Every department took part its own way.
  expect(report.milestones.map((m) => m.text)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/HEALTH .* to-do list/),
      expect.stringMatching(/SAMR’s system approved .* signed callback/),
      expect.stringMatching(/URBAN 3 exchange/),
      expect.stringMatching(/rated/),
    ]),
  );
  // The timeline is in time order.
  const times = report.milestones.map((m) => m.at);
  expect(times).toEqual([...times].sort((a, b) => a - b));
});

it('fails loudly when SAMR’s system rejects instead of approving: the step, what it expected and what came', async () => {
  // From the HEALTH step on, SAMR's system rejects the tasks it receives: stage 1 was already received (and is
  // approved), stage 2 opens after HEALTH's approval and is rejected.
  const steps = demoSteps().map((step) =>
    step.title.includes('HEALTH approves')
      ? {
          ...step,
          run: async (demo: Parameters<typeof step.run>[0]) => {
            // Stage 1's webhook is delivered asynchronously: on a busy machine it may not have reached SAMR's system
            // yet, and it would be rejected too. Its approval callback is sent before the behaviour changes.
            for (let waited = 0; fresh!.samr.callbacks.length === 0; waited += 100) {
              if (waited > 60_000) throw new Error('SAMR never answered stage 1');
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
            fresh!.samr.setBehaviour({ mode: 'reject', reason: '经营场所布局不符合要求' });
            return step.run(demo);
          },
        }
      : step,
  );
  const lines: string[] = [];
  const failure = await runDemo(fresh!.platform, { out: (line) => lines.push(line), steps }).then(
    () => undefined,
    (error: unknown) => error,
  );

  expect(failure).toBeInstanceOf(DemoFailed);
  const failed = failure as DemoFailed;
  expect(failed.stepTitle).toMatch(/^SAMR’s system approves stage 2/);
  expect(failed.message).toMatch(
    /^Step \d+ "SAMR’s system approves stage 2.*" failed: .*expected APPROVED via callback, got REJECTED via callback \(经营场所布局不符合要求\)$/,
  );
  // The terminal shows the failed step with both sides, and nothing after it ran.
  const cross = lines.findIndex((l) => / ✗ +\d+\. SAMR’s system approves stage 2/.test(l));
  expect(cross).toBeGreaterThan(0);
  expect(lines.slice(cross + 1, cross + 4).map((l) => l.trim())).toEqual([
    'while:    SAMR’s decision on stage 2',
    'expected: APPROVED via callback',
    'got:      REJECTED via callback (经营场所布局不符合要求)',
  ]);
  expect(lines.slice(cross).some((l) => / ✓ /.test(l))).toBe(false);
  expect(lines.at(-1)).toMatch(new RegExp(`^DEMO FAILED at step ${failed.stepNumber} of ${steps.length}`));
});
