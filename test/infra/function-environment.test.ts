import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { environmentOf } from '../../bench/bundles';
import { topology } from '../../infra/topology';
import type { FunctionDeclaration } from '../../infra/topology-model';

/**
 * Each function starts with exactly the environment CDK gives it (its bindings' variables), no more: a handler whose
 * dependencies need a variable its topology entry does not bind would fail in AWS, while the local cloud, which sets
 * every variable for every function, would hide it. Each module loads in a fresh registry; every environment check
 * (parseEnv), including those that async factories make after the import, is recorded.
 */
const functions = Object.entries(topology.functions as Record<string, FunctionDeclaration>);
const BOUND = /_(TABLE|BUCKET)_NAME$|_STATE_MACHINE_ARN$|^(EVENT_BUS_NAME|PLATFORM_SECRETS_PREFIX|PLATFORM_KMS_KEY_ID|LICENCE_SIGNING_KEY|LICENCE_RETIRED_KEYS|SMS_CHANNEL|EMAIL_CHANNEL|COURIER|PAYMENT_PROVIDER)$/;
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
  Object.assign(process.env, environmentOf(name, declaration, scratch));
  // Keys and secrets from local folders, so the licence functions' async set-up finishes here without a network.
  if (process.env.LICENCE_SIGNING_KEY) process.env.LICENCE_SIGNING_KEY = `${pathToFileURL(join(scratch, 'keys')).href}/`;
  if (process.env.PLATFORM_SECRETS_PREFIX) process.env.PLATFORM_SECRETS_PREFIX = `${pathToFileURL(join(scratch, 'secrets')).href}/`;
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
