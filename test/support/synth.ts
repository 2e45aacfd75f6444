import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildPlatform } from '../../infra/platform';
import { loadStageConfig } from '../../infra/stage-config';
import { topology as platformTopology } from '../../infra/topology';
import type { Topology } from '../../infra/topology-model';

const context = JSON.parse(readFileSync('cdk.json', 'utf8')).context as Record<string, unknown>;

/**
 * A CDK app for a test, synthesized into a folder of its own that is removed when the test file ends. CDK's default
 * is a new folder in the system's temporary directory that nobody removes: 25 MB each with the web stack (its
 * deployment's AWS CLI layer), a gigabyte or more left behind by every run of the suite.
 */
export function testApp(props: Omit<AppProps, 'outdir'> = {}): App {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-test-'));
  outdirs.push(outdir);
  return new App({ ...props, outdir });
}
const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Synthesizes one stage like `npm run synth`, with bundling skipped; throws on any unacknowledged cdk-nag finding. */
export function synthStage(stage: 'dev' | 'staging' | 'prod', topology: Topology = platformTopology) {
  const app = testApp({ context: { ...context, stage, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildPlatform(app, loadStageConfig(context.stages, stage), topology, process.cwd());
  const assembly = app.synth();
  return {
    app,
    assembly,
    stacks,
    stateful: Template.fromJSON(assembly.getStackByName(stacks.stateful.stackName).template),
    compute: Template.fromJSON(assembly.getStackByName(stacks.compute.stackName).template),
    monitoring: Template.fromJSON(assembly.getStackByName(stacks.monitoring.stackName).template),
    api: Template.fromJSON(assembly.getStackByName(stacks.api.stackName).template),
  };
}

/** The resources of one type in a template, by logical id. */
export function resourcesOf(
  template: Template,
  type: string,
): Record<string, { Properties: Record<string, any>; DeletionPolicy?: string }> {
  return template.findResources(type) as never;
}
