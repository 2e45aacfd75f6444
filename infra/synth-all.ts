import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildPlatform } from './platform';
import { loadStageConfig, STAGES } from './stage-config';
import { topology } from './topology';

/**
 * `npm run synth`: CloudFormation templates for every stage into cdk.out/<stage>, offline (no AWS account, no
 * Docker: functions are bundled by the local esbuild; the npm script builds the hall, web/dist, first). Fails on any
 * unacknowledged cdk-nag finding.
 */
const context = JSON.parse(readFileSync('cdk.json', 'utf8')).context as Record<string, unknown>;
for (const stage of STAGES) {
  const started = performance.now();
  const outdir = join('cdk.out', stage);
  const app = new App({ outdir, context: { ...context, stage } });
  const { stateful, compute, monitoring, api, web } = buildPlatform(
    app,
    loadStageConfig(context.stages, stage),
    topology,
    process.cwd(),
  );
  app.synth();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${stage}: ${[stateful, compute, monitoring, api, web].map((s) => `${s.stackName}.template.json`).join(', ')} in ${outdir} (${seconds}s)`,
  );
}
