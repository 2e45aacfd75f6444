import { App } from 'aws-cdk-lib';
import { buildPlatform } from './platform';
import { loadStageConfig } from './stage-config';
import { topology } from './topology';

/** The CDK app for one stage: `npx cdk deploy --all -c stage=dev`. */
const app = new App();
const config = loadStageConfig(app.node.tryGetContext('stages'), String(app.node.tryGetContext('stage') ?? 'dev'));
buildPlatform(app, config, topology, process.cwd());
app.synth();
