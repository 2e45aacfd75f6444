import { parseArgs } from 'node:util';
import { runSoak } from './soak-run';

/**
 * `npm run soak -- --cases 1000 --faults 0.1 [--seed 1] [--concurrency 12] [--recovery 150]`: the platform end to end
 * on a local cloud under injected faults, then recovery and the audit (bench/soak-run.ts). Prints the faults by kind,
 * the retries, the repairs and the audit; exits 1 when the audit fails, 2 when the soak itself could not run.
 */
const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    faults: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '12' },
    recovery: { type: 'string', default: '150' },
  },
});
const integer = (name: string, value: string | undefined, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, not ${value}`);
  return n;
};
const faults = Number(args.faults);
if (!(faults >= 0 && faults <= 1)) throw new Error(`--faults must be a rate between 0 and 1, not ${args.faults}`);

const stderr = process.stderr.write.bind(process.stderr);
try {
  const result = await runSoak({
    cases: integer('cases', args.cases, 1),
    faults,
    seed: integer('seed', args.seed, 0),
    concurrency: integer('concurrency', args.concurrency, 1),
    recoveryMs: integer('recovery', args.recovery, 1) * 1000,
    log: (line) => void stderr(`${line}\n`),
  });
  console.log(result.text);
  process.exit(result.audit.ok ? 0 : 1);
} catch (error) {
  stderr(`the soak failed: ${(error as Error).stack ?? error}\n`);
  process.exit(2);
}
