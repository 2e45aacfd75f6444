import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { BUNDLE_RATIO_LIMIT, type BundleReport, measureBundles, RENDERER_PACKAGES } from './bundles';

/**
 * `npx tsx bench/bundles-cli.ts [--runs N] [--only fnA,fnB] [--json out.json] [--analyze fn]`: every function's
 * bundle size and cold-start import time, each also against its AWS-SDK-only stub; a table sorted by size, and
 * the same figures as JSON. `--analyze fn` also prints esbuild's breakdown of that function's bundle;
 * `--override '{"mainFields":["module","main"]}'` tries esbuild options over the deployed ones (with --out elsewhere).
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    json: { type: 'string', default: 'bench/results/bundles.json' },
    out: { type: 'string' },
    analyze: { type: 'string', multiple: true },
    quiet: { type: 'boolean', default: false },
    override: { type: 'string' },
  },
});

const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not ${values.runs}`);
const report = await measureBundles({
  runs,
  ...(values.only
    ? {
        functions: values.only
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      }
    : {}),
  ...(values.out ? { outDir: values.out } : {}),
  ...(values.override ? { overrides: JSON.parse(values.override) as Record<string, unknown> } : {}),
  log: values.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
});

console.log(table(report));
const jsonFile = resolve(values.json!);
mkdirSync(dirname(jsonFile), { recursive: true });
writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(
  `\n${report.functions.length} functions, ${runs} runs each, in ${(report.totalMs / 1000).toFixed(1)} s (Node ${report.node}, esbuild ${report.esbuild}); JSON: ${jsonFile}`,
);

for (const name of values.analyze ?? []) {
  const fn = report.functions.find((f) => f.name === name);
  if (!fn) throw new Error(`--analyze ${name}: not measured`);
  console.log(`\n${name}:\n${await esbuild.analyzeMetafile(readFileSync(fn.metafile, 'utf8'), { verbose: false })}`);
}

export function table(report: BundleReport): string {
  const rows = [...report.functions].sort((a, b) => b.bytes - a.bytes);
  const header = [
    'function',
    'KiB',
    '× stub',
    'import ms',
    '× stub',
    `≤ ${BUNDLE_RATIO_LIMIT}`,
    'stub',
    'largest part',
  ];
  const short = (clients: readonly string[], extras: readonly string[]) =>
    [...clients.map((c) => c.replace('@aws-sdk/client-', '')), ...extras.map((e) => `+${e}`)].join(' ');
  // Without SDK clients the stub is an empty module: a ratio to it says nothing, so none is printed.
  const lines = rows.map((f) => [
    f.name,
    (f.bytes / 1024).toFixed(0),
    f.sdkClients.length ? f.sizeRatio.toFixed(2) : '–',
    f.importMs === null ? 'error' : f.importMs.toFixed(0),
    f.importRatio === null || !f.sdkClients.length ? '–' : f.importRatio.toFixed(2),
    f.withinBudget === null ? '–' : f.withinBudget ? 'yes' : 'NO',
    short(f.sdkClients, f.stub.extras) || '(none: no ratio)',
    f.largestParts[0] ? `${f.largestParts[0].name} ${(f.largestParts[0].bytes / 1024).toFixed(0)} KiB` : '',
  ]);
  const stubLines = report.stubs.map((s) => [
    `(stub: ${short(s.sdkClients, s.extras) || 'no clients'})`,
    (s.bytes / 1024).toFixed(0),
    '',
    s.importMs === null ? 'error' : s.importMs.toFixed(0),
    '',
    '',
    '',
    '',
  ]);
  const all = [header, ...lines, ...stubLines];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const numeric = new Set([1, 2, 3, 4, 5]);
  const failed = [
    ...report.functions,
    ...report.stubs.map((s) => ({ ...s, name: `stub of [${s.sdkClients.join(', ')}]` })),
  ].filter((f) => f.error);
  const judged = report.functions.filter((f) => f.withinBudget !== null);
  return [
    `Budget: ≤ ${BUNDLE_RATIO_LIMIT}× the stub (a bundle importing and constructing the same AWS SDK clients), in size and in import time.`,
    `The stated exception, the document renderer: a bundle with ${RENDERER_PACKAGES.join(', ')} in it is measured against the stub + ${RENDERER_PACKAGES.join(', ')} (the font is an asset read at the first render, counted by neither).`,
    '',
    ...all.map((r) =>
      r
        .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    ),
    ...(failed.length
      ? ['', 'Imports that failed (the function would not start with the environment its bindings give it):']
      : []),
    ...failed.map((f) => `  ${f.name}: ${f.error}`),
    '',
    `Within budget: ${judged.filter((f) => f.withinBudget).length} of ${judged.length} functions with SDK clients` +
      (judged.some((f) => !f.withinBudget)
        ? `; over: ${judged
            .filter((f) => !f.withinBudget)
            .map((f) => f.name)
            .join(', ')}`
        : ''),
  ].join('\n');
}
