import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { environmentOf } from '../../bench/bundles';
import { buildPlatform } from '../../infra/platform';
import { loadStageConfig } from '../../infra/stage-config';
import { topology } from '../../infra/topology';
import { settingEnvironment } from '../../infra/bindings';
import type { FunctionDeclaration, StageSettings } from '../../infra/topology-model';
import { DEFAULT_COMPRESSION_RULE } from '../../shared/domain/analytics/compression';
import { testApp } from '../support/synth';

/**
 * Each function starts with exactly the environment CDK gives it (its bindings' variables), no more: a handler whose
 * dependencies need a variable its topology entry does not bind would fail in AWS, while the local cloud, which sets
 * every variable for every function, would hide it. Each module loads in a fresh registry; every environment check
 * (parseEnv), including those that async factories make after the import, is recorded.
 */
const functions = Object.entries(topology.functions as Record<string, FunctionDeclaration>);
const BOUND =
  /_(TABLE|BUCKET)_NAME$|_STATE_MACHINE_ARN$|^(EVENT_BUS_NAME|PLATFORM_SECRETS_PREFIX|PLATFORM_KMS_KEY_ID|LICENCE_SIGNING_KEY|LICENCE_RETIRED_KEYS|SMS_CHANNEL|EMAIL_CHANNEL|COURIER|PAYMENT_PROVIDER|COMPRESSION_RULE_MODE|COMPRESSION_RULE_MAX_PERCENT)$/;
/** Stage settings as a stage that leaves them out gets them (the schema's defaults). */
const DEFAULT_SETTINGS: StageSettings = { compressionRule: DEFAULT_COMPRESSION_RULE };
/** What CDK sets for a function's `{ setting }` bindings (bench's environmentOf covers the other bindings). */
const settingsEnvironmentOf = (declaration: FunctionDeclaration, settings: StageSettings) =>
  Object.assign(
    {},
    ...declaration.uses.map((b) => ('setting' in b ? settingEnvironment(b.setting, settings) : {})),
  ) as Record<string, string>;
const saved = { ...process.env };
let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'function-env-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

it.each(functions)('%s loads with only its own bindings’ environment', async (name, declaration) => {
  for (const key of Object.keys(process.env)) if (BOUND.test(key)) delete process.env[key];
  Object.assign(
    process.env,
    environmentOf(name, declaration, scratch),
    settingsEnvironmentOf(declaration, DEFAULT_SETTINGS),
  );
  // Keys and secrets from local folders, so the licence functions' async set-up finishes here without a network.
  if (process.env.LICENCE_SIGNING_KEY)
    process.env.LICENCE_SIGNING_KEY = `${pathToFileURL(join(scratch, 'keys')).href}/`;
  if (process.env.PLATFORM_SECRETS_PREFIX)
    process.env.PLATFORM_SECRETS_PREFIX = `${pathToFileURL(join(scratch, 'secrets')).href}/`;
  const refused: string[] = [];
  let loaded: { handler?: unknown } | undefined;
  await jest.isolateModulesAsync(async () => {
    jest.doMock('../../shared/config/env', () => {
      const actual = jest.requireActual<typeof import('../../shared/config/env')>('../../shared/config/env');
      return {
        ...actual,
        parseEnv: (shape: never, source?: NodeJS.ProcessEnv) => {
          try {
            return actual.parseEnv(shape, source);
          } catch (error) {
            refused.push((error as Error).message);
            throw error;
          }
        },
      };
    });
    loaded = await import(resolve(__dirname, '..', '..', declaration.entry));
    // Factories that resolve asynchronously (the licence register) check their environment on the next turns.
    await new Promise((r) => setTimeout(r, 100));
  });
  expect({ name, refused }).toEqual({ name, refused: [] });
  expect(typeof loaded?.handler).toBe('function');
});

describe('the compression rule, a stage setting', () => {
  const bound = functions
    .filter(([, d]) => d.uses.some((b) => 'setting' in b && b.setting === 'compressionRule'))
    .map(([name]) => name);

  it('is bound to the catalogue administration and statistics functions', () => {
    expect(bound.sort()).toEqual(['catalogueAdmin', 'stats']);
  });

  it('reaches those functions from the stage’s settings in the synthesized template, and cdk-nag stays clean', () => {
    const context = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'cdk.json'), 'utf8')).context as {
      stages: Record<string, object>;
    };
    const stages = {
      ...context.stages,
      prod: { ...context.stages.prod, compressionRule: { mode: 'refuse', maxPromisedPercent: 40 } },
    };
    const config = loadStageConfig(stages, 'prod');
    expect(config.compressionRule).toEqual({ mode: 'refuse', maxPromisedPercent: 40 });
    const app = testApp({ context: { ...context, stage: 'prod', 'aws:cdk:bundling-stacks': [] } });
    const stacks = buildPlatform(app, config, topology, process.cwd());
    // buildPlatform adds the AwsSolutions checks: an unacknowledged finding makes the synth throw.
    let assembly: ReturnType<App['synth']> | undefined;
    expect(() => {
      assembly = app.synth();
    }).not.toThrow();
    const compute = Template.fromJSON(assembly!.getStackByName(stacks.compute.stackName).template);
    const variables = new Map(
      Object.values(
        compute.findResources('AWS::Lambda::Function') as Record<
          string,
          { Properties: { FunctionName?: string; Environment?: { Variables?: Record<string, unknown> } } }
        >,
      ).map((r) => [r.Properties.FunctionName, r.Properties.Environment?.Variables ?? {}]),
    );
    for (const name of bound) {
      expect({ name, variables: variables.get(`${config.prefix}-${name}`) }).toEqual({
        name,
        variables: expect.objectContaining({ COMPRESSION_RULE_MODE: 'refuse', COMPRESSION_RULE_MAX_PERCENT: '40' }),
      });
    }
    // Only the functions that bind it.
    const others = [...variables].filter(
      ([fn, v]) => 'COMPRESSION_RULE_MODE' in v && !bound.some((name) => fn === `${config.prefix}-${name}`),
    );
    expect(others).toEqual([]);
  });
});
