import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { Webhook } from 'standardwebhooks';
import { signCallback } from '../../clients/department-client';
import { LocalCloud } from '../../infra/local/cloud';
import { startSimulatedDepartment } from '../../infra/local/simulated-department';
import { signedDecisionFile } from '../../infra/local/simulated-exchange-department';
import { secretStoreFor } from '../../shared/adapters/secret-stores';
import { s3Client } from '../../shared/adapters/aws-clients';
import { sign } from '../../shared/webhooks/standard-webhooks';
import { importDemoLicences } from '../support/licences';
import { acceptedFoodCase as acceptedFood } from '../support/cases';
import { FOOD_FORM as foodForm, PDF, USCC } from '../support/food-case';
import { call, eventually } from '../support/http';

/** Departments' own systems against a local cloud: signed webhooks, callbacks, retries, the exchange folder. */
let cloud: LocalCloud;
const tokens: Record<string, string> = {};

/** A stand-in department endpoint: records every request and answers as told. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
let endpoint: {
  url: string;
  received: Received[];
  answer: (n: number) => { status: number; body?: unknown };
  server: Server;
};

async function refreshTokens() {
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
  for (const dept of ['SAMR', 'HEALTH', 'TAX'])
    tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
}
const api = (method: string, path: string, who: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T09:00:00+08:00'), seed: true });
  await importDemoLicences(cloud);
  await refreshTokens();
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const { status, body } = endpoint.answer(received.length);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tasks`,
    received,
    answer: () => ({ status: 202 }),
    server,
  };
});
afterAll(async () => {
  await new Promise((r) => endpoint?.server.close(r));
  await cloud?.stop();
});

const acceptedFoodCase = () => acceptedFood(cloud.baseUrl, tokens.applicant!, tokens.window!, () => cloud.idle());

const samrTaskId = (caseId: string) => `${caseId}.0.SAMR`;
const taskOf = async (dept: string, taskId: string) =>
  (await api('GET', `/tasks/${encodeURIComponent(taskId)}`, dept)).json.task;
const deliveriesTo = (taskId: string) => endpoint.received.filter((r) => JSON.parse(r.body || '{}').taskId === taskId);

async function advance(ms: number) {
  cloud.clock.advance(ms);
  await cloud.idle();
  await refreshTokens();
}

let secret: string;

describe('outbound webhooks', () => {
  it('configures a webhook department and shows its secret once; plain HTTP elsewhere than loopback is refused', async () => {
    expect(
      (
        await api('PUT', '/admin/integrations/SAMR', 'admin', {
          mode: 'webhook',
          endpoint: 'http://samr.example.gov.cn/hook',
        })
      ).status,
    ).toBe(400);
    const configured = await api('PUT', '/admin/integrations/SAMR', 'admin', {
      mode: 'webhook',
      endpoint: endpoint.url,
    });
    expect(configured.status).toBe(200);
    secret = configured.json.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect((await api('GET', '/admin/integrations/SAMR', 'admin')).json).not.toHaveProperty('secret');
    expect(
      (await api('PUT', '/admin/integrations/SAMR', 'admin', { mode: 'webhook', endpoint: endpoint.url })).json,
    ).not.toHaveProperty('secret');
    expect((await api('PUT', '/admin/integrations/SAMR', 'SAMR', { mode: 'todo' })).status).toBe(403);
    // The overview: every department of the catalogue, SAMR's webhook without its secret, the others unconfigured.
    const overview = await api('GET', '/admin/integrations', 'admin');
    expect(overview.status).toBe(200);
    const samr = overview.json.items.find((i: { department: string }) => i.department === 'SAMR');
    expect(samr).toMatchObject({ name: '市场监督管理局', config: { mode: 'webhook', endpoint: endpoint.url } });
    // Each config holds the integration's settings and nothing else (no secret, no key of the table).
    const shown = ['department', 'endpoint', 'events', 'matters', 'mode', 'timeoutMs', 'updatedAt', 'updatedBy'];
    const configs = (overview.json.items as { config: Record<string, unknown> | null }[]).flatMap((i) =>
      i.config ? [i.config] : [],
    );
    expect(configs.flatMap((c) => Object.keys(c).filter((k) => !shown.includes(k)))).toEqual([]);
    expect(JSON.stringify(overview.json)).not.toContain(secret);
    const departments = (await api('GET', '/departments', 'admin')).json.items as { code: string }[];
    expect(overview.json.items.map((i: { department: string }) => i.department).sort()).toEqual(
      departments.map((d) => d.code).sort(),
    );
    expect(overview.json.items.find((i: { department: string }) => i.department === 'HRSS')).toMatchObject({
      config: null,
    });
    expect((await api('GET', '/admin/integrations', 'SAMR')).status).toBe(403);
  });

  it('delivers each task signed per Standard Webhooks, verified by an independent implementation, with working material links', async () => {
    const id = await acceptedFoodCase();
    const [delivery] = await eventually('a delivery', async () =>
      deliveriesTo(samrTaskId(id)).length ? deliveriesTo(samrTaskId(id)) : undefined,
    );
    // The library checks the timestamp against Date.now(): the platform's clock is the local cloud's.
    jest.spyOn(Date, 'now').mockReturnValue(cloud.clock.now());
    const payload = new Webhook(secret).verify(delivery!.body, delivery!.headers as Record<string, string>) as Record<
      string,
      any
    >;
    expect(payload).toMatchObject({
      type: 'task.opened',
      taskId: samrTaskId(id),
      department: 'SAMR',
      caseId: id,
      dueDate: expect.any(String),
      callbackUrl: `${cloud.baseUrl}/integration/SAMR/callbacks`,
    });
    expect(payload.form.operatorName).toBe(foodForm.operatorName);
    expect(payload.materials).toHaveLength(4);
    expect(Buffer.from(await (await fetch(payload.materials[0].url)).arrayBuffer()).equals(PDF)).toBe(true);
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(
        delivery!.body,
        delivery!.headers as Record<string, string>,
      ),
    ).toThrow();
    jest.restoreAllMocks();
    const log = await api('GET', '/integration/SAMR/deliveries?status=delivered', 'SAMR');
    expect(log.json.items.find((d: any) => d.taskId === samrTaskId(id))).toMatchObject({
      status: 'delivered',
      attempts: [{ status: 202, latencyMs: expect.any(Number) }],
    });
    expect((await api('GET', '/integration/SAMR/deliveries', 'HEALTH')).status).toBe(404);
  });

  it('keeps trying an endpoint that is down, with the same webhook-id, until it comes back', async () => {
    endpoint.answer = () => ({ status: 503 });
    const id = await acceptedFoodCase();
    await eventually('the first attempt', async () => (deliveriesTo(samrTaskId(id)).length ? true : undefined));
    await advance(10 * 60_000);
    await advance(40 * 60_000);
    expect(deliveriesTo(samrTaskId(id)).length).toBeGreaterThanOrEqual(3);
    endpoint.answer = () => ({ status: 202 });
    for (let i = 0; i < 4; i++) await advance(3 * 3600_000);
    const attempts = deliveriesTo(samrTaskId(id));
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    expect(new Set(attempts.map((a) => a.headers['webhook-timestamp'])).size).toBe(attempts.length);
    const log = await api('GET', '/integration/SAMR/deliveries?status=delivered', 'SAMR');
    const delivery = log.json.items.find((d: any) => d.taskId === samrTaskId(id));
    expect(delivery.attempts.map((a: any) => a.status)).toEqual([...Array(attempts.length - 1).fill(503), 202]);
  });

  it('lists a delivery that failed for a whole day as dead, and redelivers it', async () => {
    endpoint.answer = () => ({ status: 500 });
    const id = await acceptedFoodCase();
    await eventually('the first attempt', async () => (deliveriesTo(samrTaskId(id)).length ? true : undefined));
    for (let i = 0; i < 14; i++) await advance(4 * 3600_000);
    const dead = await api('GET', '/integration/SAMR/deliveries?status=dead', 'admin');
    const delivery = dead.json.items.find((d: any) => d.taskId === samrTaskId(id));
    expect(delivery.attempts).toHaveLength(9);
    expect(Date.parse(delivery.attempts.at(-1).at) - Date.parse(delivery.attempts[0].at)).toBeGreaterThanOrEqual(
      24 * 3600_000,
    );
    endpoint.answer = () => ({ status: 202 });
    const again = await api('POST', `/integration/deliveries/${delivery.id}/redeliver`, 'admin');
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: delivery.id, status: 'delivered' });
    expect(deliveriesTo(samrTaskId(id)).at(-1)!.headers['webhook-id']).toBe(delivery.id);
    expect((await api('POST', `/integration/deliveries/${delivery.id}/redeliver`, 'admin')).status).toBe(409);
  });

  it('takes a decision given as the 200 answer to the webhook', async () => {
    endpoint.answer = () => ({ status: 200, body: { decision: 'approve', reason: '材料齐全' } });
    const id = await acceptedFoodCase();
    const task = await eventually('the answer to decide the task', async () => {
      const t = await taskOf('SAMR', samrTaskId(id));
      return t?.status === 'APPROVED' ? t : undefined;
    });
    expect(task.decision).toMatchObject({ decision: 'approve', via: 'webhook-answer' });
    endpoint.answer = () => ({ status: 202 });
  });
});

describe('signed callbacks', () => {
  let id: string;
  const post = (headers: Record<string, string>, body: string, dept = 'SAMR') =>
    fetch(`${cloud.baseUrl}/integration/${dept}/callbacks`, { method: 'POST', headers, body });
  const history = async () =>
    ((await api('GET', `/applications/${id}/timeline`, 'applicant')).json.items as any[]).map((e) => e.action);

  it('refuses a forged or stale callback and changes nothing', async () => {
    id = await acceptedFoodCase();
    await taskOf('SAMR', samrTaskId(id));
    const decision = { callbackId: 'cb-forged-1', taskId: samrTaskId(id), decision: 'approve' as const };
    const forged = signCallback(
      decision,
      `whsec_${Buffer.alloc(32, 9).toString('base64')}`,
      cloud.clock.now() ? new Date(cloud.clock.now()) : new Date(),
    );
    expect((await post(forged.headers, forged.body)).status).toBe(401);
    const stale = signCallback(
      { ...decision, callbackId: 'cb-stale-1' },
      secret,
      new Date(cloud.clock.now() - 10 * 60_000),
    );
    expect((await post(stale.headers, stale.body)).status).toBe(401);
    const tampered = signCallback({ ...decision, callbackId: 'cb-tampered-1' }, secret, new Date(cloud.clock.now()));
    expect((await post(tampered.headers, tampered.body.replace('approve', 'reject'))).status).toBe(401);
    expect(
      (
        await post(
          { ...signCallback(decision, secret, new Date(cloud.clock.now())).headers },
          signCallback(decision, secret, new Date(cloud.clock.now())).body,
          'TAX',
        )
      ).status,
    ).toBe(401);
    expect((await taskOf('SAMR', samrTaskId(id))).status).toBe('WAITING');
    expect(await history()).not.toContain('task-approved');
  });

  it('decides once for a duplicate callback, and a replay gets the first answer', async () => {
    const signed = signCallback(
      { callbackId: 'cb-approve-1', taskId: samrTaskId(id), decision: 'approve', reason: '审查通过' },
      secret,
      new Date(cloud.clock.now()),
    );
    const first = await post(signed.headers, signed.body);
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    const replay = await post(signed.headers, signed.body);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(firstBody);
    await cloud.idle();
    expect((await history()).filter((a) => a === 'task-approved')).toHaveLength(1);
    expect((await taskOf('SAMR', samrTaskId(id))).decision).toMatchObject({ via: 'callback' });
  });

  it('answers a decision for a task that is not waiting with 409, and for an unknown task with 404', async () => {
    const late = signCallback(
      { callbackId: 'cb-late-1', taskId: samrTaskId(id), decision: 'reject', reason: '迟到的决定' },
      secret,
      new Date(cloud.clock.now()),
    );
    expect((await post(late.headers, late.body)).status).toBe(409);
    const unknown = signCallback(
      { callbackId: 'cb-unknown-1', taskId: `${id}.7.SAMR`, decision: 'approve' },
      secret,
      new Date(cloud.clock.now()),
    );
    expect((await post(unknown.headers, unknown.body)).status).toBe(404);
    // Signed correctly, but a rejection without its reason: the client refuses to send it, the platform too.
    const body = JSON.stringify({ callbackId: 'cb-invalid-1', taskId: samrTaskId(id), decision: 'reject' });
    const headers = {
      ...sign({ id: 'cb-invalid-1', timestamp: new Date(cloud.clock.now()), body }, [secret]),
      'content-type': 'application/json',
    };
    const invalid = await post(headers, body);
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as any).error.details[0]).toMatchObject({ path: 'body.reason' });
  });

  it('rotates the secret: during the grace period both the old and the new secret verify', async () => {
    const rotated = await api('POST', '/admin/integrations/SAMR/rotate-secret', 'admin', { graceHours: 1 });
    expect(rotated.status).toBe(200);
    const fresh = await acceptedFoodCase();
    const old = signCallback(
      {
        callbackId: 'cb-old-secret',
        taskId: samrTaskId(fresh),
        decision: 'return',
        corrections: [{ target: 'field', code: 'premisesArea', message: '请核对面积' }],
      },
      secret,
      new Date(cloud.clock.now()),
    );
    expect((await post(old.headers, old.body)).status).toBe(200);
    await advance(2 * 3600_000);
    const expired = signCallback(
      { callbackId: 'cb-old-secret-2', taskId: samrTaskId(fresh), decision: 'reject', reason: 'x' },
      secret,
      new Date(cloud.clock.now()),
    );
    expect((await post(expired.headers, expired.body)).status).toBe(401);
    secret = rotated.json.secret;
  });
});

describe('the simulated department system', () => {
  it('decides a case end to end through webhooks and callbacks on this machine', async () => {
    const department = await startSimulatedDepartment({
      port: 0,
      secret,
      behaviour: { mode: 'approve-after', delayMs: 0 },
      now: () => new Date(cloud.clock.now()),
    });
    try {
      expect(
        (await api('PUT', '/admin/integrations/SAMR', 'admin', { mode: 'webhook', endpoint: department.url })).status,
      ).toBe(200);
      const id = await acceptedFoodCase();
      await eventually('the simulated department to answer', async () => {
        await department.idle();
        return (await taskOf('SAMR', samrTaskId(id)))?.status === 'APPROVED' ? true : undefined;
      });
      expect(department.received.at(-1)).toMatchObject({ verified: true });
      expect((await taskOf('SAMR', samrTaskId(id))).decision).toMatchObject({ via: 'callback' });
    } finally {
      await department.stop();
      await api('PUT', '/admin/integrations/SAMR', 'admin', { mode: 'webhook', endpoint: endpoint.url });
    }
  });
});

describe('the exchange folder (前置机)', () => {
  const bucket = () => process.env.EXCHANGE_BUCKET_NAME!;
  const keys = async (prefix: string) =>
    ((await s3Client().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix }))).Contents ?? []).map(
      (o) => o.Key!,
    );
  const read = async (key: string) =>
    (await s3Client().send(new GetObjectCommand({ Bucket: bucket(), Key: key }))).Body!.transformToString();
  const drop = (key: string, body: string) =>
    s3Client().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body }));

  it('writes each task with its materials, and decides a case from a dropped decision file', async () => {
    expect((await api('PUT', '/admin/integrations/HEALTH', 'admin', { mode: 'exchange' })).status).toBe(200);
    const id = await acceptedFoodCase();
    const taskId = `${id}.0.HEALTH`;
    const file = await eventually('the task file', async () =>
      (await keys(`outbox/HEALTH/${taskId}.json`)).length ? `outbox/HEALTH/${taskId}.json` : undefined,
    );
    const task = JSON.parse(await read(file));
    expect(task).toMatchObject({ type: 'task.opened', taskId, department: 'HEALTH' });
    expect(task.materials.filter((m: any) => m.path)).toHaveLength(4);
    expect(await read(task.materials.find((m: any) => m.path).path)).toBe(PDF.toString());

    const healthSecret = (await secretStoreFor(process.env.PLATFORM_SECRETS_PREFIX!).get('HEALTH'))!.current;
    await drop(
      `inbox/HEALTH/${id}-decision.json`,
      signedDecisionFile(
        { callbackId: `dec-${id}`, taskId, decision: 'approve', reason: '健康证明核验通过' },
        healthSecret,
        new Date(cloud.clock.now()),
      ),
    );
    await drop('inbox/HEALTH/broken.json', '{ not json');
    await advance(61_000);
    expect((await taskOf('HEALTH', taskId)).decision).toMatchObject({ decision: 'approve', via: 'exchange' });
    expect(await keys('inbox/HEALTH/')).toEqual([]);
    expect((await keys('processed/HEALTH/')).some((k) => k.endsWith(`${id}-decision.json`))).toBe(true);
    expect(await keys('error/HEALTH/')).toEqual(['error/HEALTH/broken.json', 'error/HEALTH/broken.json.reason.txt']);
    expect(await read('error/HEALTH/broken.json.reason.txt')).toMatch(/^webhook-signature: required/);
  });
});
