const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest runs the slowest test files first when it knows their times from an earlier run, so the last minutes are not
 * one worker alone on a long file. A fresh clone (CI) has no times, and jest falls back to file size, which put the
 * soak (a small file, over a minute long) last. Here a file without a time gets an estimate from what its folder
 * starts: a local cloud and a browser (e2e) or a local cloud (integration), a CDK synth (infra), or nothing much.
 */
const ESTIMATED_MS = [
  // The one file over a minute (its fault recovery rounds): first, or it is the run's last minute, one worker alone.
  [/[/\\]test[/\\]integration[/\\]soak\.test\.ts$/, 90_000],
  [/[/\\]test[/\\](e2e|integration)[/\\]/, 15_000],
  [/[/\\]test[/\\]infra[/\\]/, 8_000],
];
const OTHERS_MS = 1_000;

class SlowestFirst extends Sequencer {
  sort(tests) {
    const expected = (test) =>
      this.time(test) ?? ESTIMATED_MS.find(([folder]) => folder.test(test.path))?.[1] ?? OTHERS_MS;
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    // As jest's own sort does: its scheduler reads the times (a short, known-fast run stays in one process).
    for (const test of tests) test.duration = this.time(test);
    return [...tests].sort(
      (a, b) => Number(this.hasFailed(b)) - Number(this.hasFailed(a)) || expected(b) - expected(a) || size(b) - size(a),
    );
  }
}

module.exports = SlowestFirst;
