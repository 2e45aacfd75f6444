import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { LocalCloud } from '../infra/local/cloud';
import { LocalIdentityProvider } from '../infra/local/identity';
import { startSimulatedDepartment, type SimulatedDepartment } from '../infra/local/simulated-department';
import { s3Client } from '../shared/adapters/aws-clients';
import { secretStoreFor } from '../shared/adapters/secret-stores';
import { signExchangeFile } from '../shared/webhooks/exchange-file';
import type { DemoPlatform } from './demo-steps';

/** The demo's day on a fresh cloud: a Monday with no holiday within the review's limits (2026's calendar ships). */
export const DEMO_DAY = '2026-03-02';

export interface FreshDemoCloud {
  readonly platform: DemoPlatform;
  readonly cloud: LocalCloud;
  /** SAMR's own system, simulated: tests change its behaviour (reject, return…). */
  readonly samr: SimulatedDepartment;
  stop(): Promise<void>;
}

/**
 * A throw-away local cloud in this process, with the demo catalogue and the departments' systems as `npm start`
 * connects them (SAMR's simulated system on signed webhooks, URBAN on the exchange folder). Its clock is movable
 * and starts on `day`: the demo's deadlines do not depend on when it runs (the shipped calendars cover 2025–2026),
 * and the exchange folder's once-a-minute pickup needs no waiting.
 */
export async function startFreshDemoCloud(
  options: { day?: string; approveAfterMs?: number; port?: number } = {},
): Promise<FreshDemoCloud> {
  const day = options.day ?? DEMO_DAY;
  const cloud = await LocalCloud.start({
    seed: true,
    clock: 'manual',
    startTime: new Date(`${day}T08:30:00+08:00`),
    port: options.port ?? 0,
  });
  let samr: SimulatedDepartment | undefined;
  try {
    samr = await connectDepartments(cloud, options.approveAfterMs ?? 800);
  } catch (error) {
    await cloud.stop();
    throw error;
  }
  const department = samr;
  // Until neither the cloud nor SAMR's system has anything under way: a callback SAMR still holds decides a task,
  // which may open the next one and send SAMR another webhook.
  const settle = async () => {
    for (;;) {
      await cloud.idle();
      if (department.pending === 0) return;
      await department.idle();
    }
  };
  const bucket = cloud.env.EXCHANGE_BUCKET_NAME ?? process.env.EXCHANGE_BUCKET_NAME;
  const platform: DemoPlatform = {
    baseUrl: cloud.baseUrl,
    description: `a fresh local cloud started for this demo (in this process, data thrown away at the end; clock starts ${day})`,
    token: (principal) => cloud.issueToken(principal),
    now: () => cloud.clock.now(),
    moveTo: async (instant) => {
      // Nothing signed may be on its way across the jump: a webhook or callback signed before it would reach a
      // receiver whose clock is hours on, and be refused as stale (±5 minutes), as it would be in AWS.
      await settle();
      cloud.clock.advanceTo(instant);
      await settle();
    },
    movableClock: true,
    settle,
    patienceMs: 20_000,
    exchange: bucket
      ? {
          keys: async (prefix) =>
            ((await s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map(
              (o) => o.Key!,
            ),
          // A department's 前置机 signs each decision file with its integration secret (Standard Webhooks lines on top).
          put: async (key, body) => {
            const department = key.split('/')[1]!;
            const secret = (
              await secretStoreFor(cloud.env.PLATFORM_SECRETS_PREFIX ?? process.env.PLATFORM_SECRETS_PREFIX!).get(
                department,
              )
            )?.current;
            if (!secret) throw new Error(`${department} has no integration secret to sign its decision files with`);
            await s3Client().send(
              new PutObjectCommand({
                Bucket: bucket,
                Key: key,
                Body: signExchangeFile({ id: `dec-${randomUUID()}`, timestamp: new Date(cloud.clock.now()), body }, [
                  secret,
                ]),
                ContentType: 'text/plain; charset=utf-8',
              }),
            );
          },
          collect: async () => {
            // The exchange inbox is read once a minute.
            cloud.clock.advance(61_000);
            await cloud.idle();
          },
        }
      : undefined,
  };
  return {
    platform,
    cloud,
    samr: department,
    stop: async () => {
      await department.stop();
      await cloud.stop();
    },
  };
}

/**
 * As `npm start` does (infra/local/departments.ts), with SAMR's system on the cloud's clock (webhook timestamps are
 * checked against it) and subscribed to food licences only: company registrations stay with SAMR's registrars in the
 * to-do list, who enter the new enterprise's 统一社会信用代码 (a simulated system cannot assign one).
 */
async function connectDepartments(cloud: LocalCloud, approveAfterMs: number): Promise<SimulatedDepartment> {
  const admin = await cloud.issueToken({ sub: 'demo-operator', role: 'admin' });
  const put = async (dept: string, body: unknown) => {
    const response = await fetch(`${cloud.baseUrl}/admin/integrations/${dept}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200)
      throw new Error(`Could not connect ${dept}: HTTP ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  await put('URBAN', { mode: 'exchange' });
  const samrConfig = { mode: 'webhook', matters: ['FOOD-BUSINESS-LICENCE'] };
  // The first configuration creates the secret (shown once); the endpoint follows when the system is up.
  const created = await put('SAMR', { ...samrConfig, endpoint: 'http://127.0.0.1:9/' });
  const secret = created.secret as string;
  const department = await startSimulatedDepartment({
    port: 0,
    secret,
    behaviour: { mode: 'approve-after', delayMs: approveAfterMs },
    now: () => new Date(cloud.clock.now()),
  });
  try {
    await put('SAMR', { ...samrConfig, endpoint: department.url });
  } catch (error) {
    await department.stop();
    throw error;
  }
  return department;
}

/**
 * A platform already running (`npm start` in another terminal), reached over HTTP only. Tokens are signed with the
 * same local identity key that `npm run token` uses; the clock is real, so the demo waits for SAMR's system.
 */
export async function runningPlatform(baseUrl: string, dataDir: string): Promise<DemoPlatform> {
  const keyFile = join(resolve(dataDir), 'identity', 'signing-key.json');
  if (!existsSync(keyFile)) {
    throw new Error(
      `A platform answers at ${baseUrl}, but ${keyFile} does not exist, so the demo cannot sign tokens it accepts. Pass --data-dir <the folder npm start uses>, or --fresh for a cloud of the demo's own.`,
    );
  }
  const identity = await LocalIdentityProvider.open(keyFile);
  const platform: DemoPlatform = {
    baseUrl,
    description:
      'the local cloud already running (npm start), over HTTP; its clock is real, SAMR’s system answers after its delay',
    token: (principal) => identity.issue(principal, { ttlSeconds: 3600 }),
    now: () => Date.now(),
    moveTo: async () => {},
    movableClock: false,
    settle: () => new Promise((r) => setTimeout(r, 250)),
    patienceMs: 90_000,
  };
  const me = await fetch(`${baseUrl}/me`, {
    headers: { authorization: `Bearer ${await platform.token({ sub: 'demo-probe', role: 'admin' })}` },
  });
  if (me.status !== 200) {
    throw new Error(
      `The platform at ${baseUrl} refuses tokens signed with ${keyFile} (HTTP ${me.status}). Pass --data-dir <the folder npm start uses>, or --fresh.`,
    );
  }
  return platform;
}
