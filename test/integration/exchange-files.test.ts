import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { LocalCloud } from '../../infra/local/cloud';
import {
  s3DepartmentFolder,
  signedDecisionFile,
  startSimulatedExchangeDepartment,
} from '../../infra/local/simulated-exchange-department';
import { s3Client } from '../../shared/adapters/aws-clients';
import { integrationDeps } from '../../shared/adapters/integration-deps';
import { secretStoreFor } from '../../shared/adapters/secret-stores';
import {
  EXCHANGE_MAX_FILE_BYTES,
  EXCHANGE_TOLERANCE_SECONDS,
  processInbox,
} from '../../shared/domain/integration/exchange';
import { signExchangeFile } from '../../shared/webhooks/exchange-file';
import { generateSecret } from '../../shared/webhooks/standard-webhooks';
import { acceptedFoodCase } from '../support/cases';
import { USCC } from '../support/food-case';
import { importDemoLicences } from '../support/licences';
import { call, eventually } from '../support/http';

/**
 * The exchange folder (前置机): decision files are signed with the department's secret and checked file by file
 * (size before reading, signature before anything in the file is believed); a file that fails for any reason goes
 * to error/ with a reason naming the field and the rule, and the run goes on. Department staff see the files that
 * wait and the ones that failed (GET /integration/{dept}/exchange), their own department only.
 */
let cloud: LocalCloud;
const tokens: Record<string, string> = {};
let secret: string;

async function refreshTokens() {
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  for (const dept of ['SAMR', 'HEALTH'])
    tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
}
const api = (method: string, path: string, who: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });
const bucket = () => process.env.EXCHANGE_BUCKET_NAME!;
const keys = async (prefix: string) =>
  ((await s3Client().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix }))).Contents ?? []).map(
    (o) => o.Key!,
  );
const read = async (key: string) =>
  (await s3Client().send(new GetObjectCommand({ Bucket: bucket(), Key: key }))).Body!.transformToString();
const drop = (key: string, body: string) =>
  s3Client().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body }));
const now = () => new Date(cloud.clock.now());
/** A decision file as HEALTH's 前置机 writes it: signed with its secret at the cloud's time, unless told otherwise. */
const signed = (
  decision: { taskId: string; decision: string; reason?: string },
  options: { id?: string; with?: string; at?: Date } = {},
) =>
  signedDecisionFile(
    { callbackId: options.id ?? `dec-${Math.random().toString(36).slice(2)}`, ...decision } as never,
    options.with ?? secret,
    options.at ?? now(),
  );
/** Any body, signed as is: for decisions the department client would refuse to sign. */
const signedAsIs = (body: string) =>
  signExchangeFile({ id: `dec-${Math.random().toString(36).slice(2)}`, timestamp: now(), body }, [secret]);
const taskOf = async (taskId: string) => (await api('GET', `/tasks/${encodeURIComponent(taskId)}`, 'HEALTH')).json.task;
const reasonOf = async (name: string) => (await read(`error/HEALTH/${name}.reason.txt`)).trim();

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T09:00:00+08:00'), seed: true });
  await importDemoLicences(cloud);
  await refreshTokens();
  expect((await api('PUT', '/admin/integrations/HEALTH', 'admin', { mode: 'exchange' })).status).toBe(200);
  // The department's integration secret, as an administrator gives it to HEALTH's 前置机.
  const store = secretStoreFor(process.env.PLATFORM_SECRETS_PREFIX!);
  secret = (await store.get('HEALTH'))?.current ?? generateSecret();
  await store.put('HEALTH', { current: secret });
}, 120_000);
afterAll(() => cloud?.stop());

/** The minute's pick-up: the clock moves past the schedule and the cloud settles. */
async function advance(ms = 61_000) {
  cloud.clock.advance(ms);
  await cloud.idle();
  await refreshTokens();
}
async function healthTask(): Promise<{ caseId: string; taskId: string }> {
  const caseId = await acceptedFoodCase(cloud.baseUrl, tokens.applicant!, tokens.window!, () => cloud.idle());
  const taskId = `${caseId}.0.HEALTH`;
  await eventually(
    'the task file',
    async () => ((await keys(`outbox/HEALTH/${taskId}.json`)).length ? true : undefined),
    30_000,
  );
  return { caseId, taskId };
}

describe('the exchange folder as department staff see it', () => {
  it('says a department without a folder is reached through the to-do, with nothing listed', async () => {
    const answer = await api('GET', '/integration/SAMR/exchange', 'SAMR');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ mode: 'todo', items: [], truncated: false });
  });

  it('lists the task files waiting for the department and the decision files that failed, with their reasons', async () => {
    const { caseId: id, taskId } = await healthTask();

    const waiting = await api('GET', '/integration/HEALTH/exchange?status=waiting', 'HEALTH');
    expect(waiting.status).toBe(200);
    expect(waiting.json.mode).toBe('exchange');
    const task = await taskOf(taskId);
    // The task file only, not its materials' files beside it.
    expect(waiting.json.items).toEqual([
      {
        key: `outbox/HEALTH/${taskId}.json`,
        name: `${taskId}.json`,
        kind: 'task',
        taskId,
        caseNumber: task.caseNumber,
        dueDate: task.dueDate,
      },
    ]);

    // A decision file not yet picked up waits too; a broken one fails with its reason.
    await drop('inbox/HEALTH/broken.json', '{ not json');
    const dropped = await api('GET', '/integration/HEALTH/exchange?status=waiting', 'admin');
    expect(dropped.json.items.map((f: { name: string; kind: string }) => [f.kind, f.name])).toEqual([
      ['task', `${taskId}.json`],
      ['decision', 'broken.json'],
    ]);
    await advance();
    const failed = await api('GET', '/integration/HEALTH/exchange?status=failed', 'HEALTH');
    expect(failed.json.items).toEqual([
      {
        key: 'error/HEALTH/broken.json',
        name: 'broken.json',
        kind: 'decision',
        reason: expect.stringMatching(/^webhook-signature: required — /),
      },
    ]);

    // Decided through the folder, the task's file no longer waits.
    await drop(`inbox/HEALTH/${id}.json`, signed({ taskId, decision: 'approve' }));
    await advance();
    expect((await api('GET', '/integration/HEALTH/exchange', 'HEALTH')).json.items).toEqual([]);
  });

  it('answers another department’s staff 404, other roles 403, and a bad status 400 naming it', async () => {
    expect((await api('GET', '/integration/HEALTH/exchange', 'SAMR')).status).toBe(404);
    expect((await api('GET', '/integration/HEALTH/exchange', 'supervisor')).status).toBe(403);
    expect((await api('GET', '/integration/HEALTH/exchange', 'applicant')).status).toBe(403);
    const bad = await api('GET', '/integration/HEALTH/exchange?status=lost', 'HEALTH');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('status');
  });
});

describe('signed decision files', () => {
  it('refuses unsigned, forged, stale, oversized and invalid files with the field and rule, deciding nothing', async () => {
    const { taskId } = await healthTask();
    const approve = JSON.stringify({ taskId, decision: 'approve' });
    await drop('inbox/HEALTH/a-unsigned.json', approve);
    await drop('inbox/HEALTH/b-forged.json', signed({ taskId, decision: 'approve' }, { with: generateSecret() }));
    await drop(
      'inbox/HEALTH/c-stale.json',
      signed(
        { taskId, decision: 'approve' },
        { at: new Date(now().getTime() - (EXCHANGE_TOLERANCE_SECONDS + 120) * 1000) },
      ),
    );
    await drop('inbox/HEALTH/d-no-reason.json', signedAsIs(JSON.stringify({ taskId, decision: 'reject' })));
    await drop(
      'inbox/HEALTH/e-huge.json',
      signedAsIs(
        JSON.stringify({ taskId, decision: 'approve', result: { note: 'x'.repeat(EXCHANGE_MAX_FILE_BYTES) } }),
      ),
    );
    // The signature covers the body byte for byte: one changed byte after signing is a forgery.
    await drop(
      'inbox/HEALTH/f-tampered.json',
      signed({ taskId, decision: 'approve' }).replace('"approve"', '"approve" '),
    );
    await drop(
      'inbox/HEALTH/g-id-mismatch.json',
      signed({ taskId, decision: 'approve' }).replace(/("callbackId":")[^"]+/, '$1other'),
    );
    await advance();

    expect(await keys('inbox/HEALTH/')).toEqual([]);
    expect(await reasonOf('a-unsigned.json')).toMatch(
      /^webhook-signature: required — .*webhook-id, webhook-timestamp and webhook-signature/,
    );
    expect(await reasonOf('b-forged.json')).toBe(
      'webhook-signature: signature — no v1 signature matches the body with HEALTH’s secret',
    );
    expect(await reasonOf('c-stale.json')).toMatch(/^webhook-timestamp: tolerance — .*too old.*at most 900 s/);
    expect(await reasonOf('d-no-reason.json')).toMatch(/^body\.reason: custom — reject needs reason/);
    expect(await reasonOf('e-huge.json')).toMatch(
      /^file: size — a decision file may have at most 262144 bytes \(this one has \d+\); it was not read/,
    );
    expect(await reasonOf('f-tampered.json')).toMatch(/^webhook-signature: signature/);
    expect(await reasonOf('g-id-mismatch.json')).toMatch(/^webhook-signature: signature/);
    // The files themselves are kept beside their reasons, and the task waits as before.
    expect(await read('error/HEALTH/a-unsigned.json')).toBe(approve);
    const task = await taskOf(taskId);
    expect(task.status).toBe('WAITING');
    expect(task.decision).toBeUndefined();
  });

  it('decides a task once from a signed file, and refuses the same webhook-id in another file as a replay', async () => {
    const { taskId } = await healthTask();
    const file = signed({ taskId, decision: 'approve' }, { id: `dec-${taskId.replaceAll('.', '-')}` });
    await drop('inbox/HEALTH/decision.json', file);
    await advance();
    const decided = await taskOf(taskId);
    expect(decided.decision).toMatchObject({ decision: 'approve', via: 'exchange' });
    const processed = (await keys('processed/HEALTH/')).filter((k) => k.endsWith('/decision.json.result.json'));
    expect(processed).toHaveLength(1);
    expect(JSON.parse(await read(processed[0]!))).toMatchObject({ taskId, status: 'APPROVED' });

    // The same signed bytes under another name, and a new file reusing the webhook-id for another decision.
    await drop('inbox/HEALTH/decision-again.json', file);
    await drop(
      'inbox/HEALTH/other-decision.json',
      signed({ taskId, decision: 'reject', reason: '不予许可' }, { id: `dec-${taskId.replaceAll('.', '-')}` }),
    );
    await advance();
    expect(await reasonOf('decision-again.json')).toMatch(/^webhook-id: unique — .*used before.*nothing was applied/);
    expect(await reasonOf('other-decision.json')).toMatch(/^webhook-id: unique — /);
    expect((await taskOf(taskId)).decision).toEqual(decided.decision);
  });

  it('refuses a file a department signed for another department’s folder, or dropped in a folder not in exchange mode', async () => {
    const { taskId } = await healthTask();
    const samr = secretStoreFor(process.env.PLATFORM_SECRETS_PREFIX!);
    const samrSecret = (await samr.get('SAMR'))?.current ?? generateSecret();
    await drop('inbox/HEALTH/from-samr.json', signed({ taskId, decision: 'approve' }, { with: samrSecret }));
    await drop('inbox/SAMR/misplaced.json', signed({ taskId, decision: 'approve' }));
    await advance();
    expect(await reasonOf('from-samr.json')).toMatch(/^webhook-signature: signature/);
    expect((await read('error/SAMR/misplaced.json.reason.txt')).trim()).toBe(
      'folder: mode — SAMR does not use the exchange folder',
    );
    expect((await taskOf(taskId)).status).toBe('WAITING');
  });

  it('goes on after a file that fails unexpectedly in the middle of a run, which moves to error/ with its reason', async () => {
    const first = await healthTask();
    const last = await healthTask();
    await drop('inbox/HEALTH/run-1.json', signed({ taskId: first.taskId, decision: 'approve' }));
    await drop('inbox/HEALTH/run-2.json', signed({ taskId: first.taskId, decision: 'approve' }));
    await drop('inbox/HEALTH/run-3.json', signed({ taskId: last.taskId, decision: 'approve' }));
    // The real folder, with a fault on the middle file's read (as a failing disk or S3 would give).
    const deps = integrationDeps({ exchange: true });
    const folder = deps.folder!;
    const faulty = {
      ...folder,
      readBytes: (key: string, max: number) =>
        key.endsWith('run-2.json') ? Promise.reject(new Error('simulated read failure')) : folder.readBytes(key, max),
    };
    const run = await processInbox({ ...deps, folder: faulty });
    expect(run).toEqual({
      processed: ['inbox/HEALTH/run-1.json', 'inbox/HEALTH/run-3.json'],
      failed: ['inbox/HEALTH/run-2.json'],
      retrying: [],
    });
    expect(await reasonOf('run-2.json')).toMatch(
      /^file: processing — the platform could not finish this file \(Error\)/,
    );
    expect((await taskOf(first.taskId)).status).toBe('APPROVED');
    expect((await taskOf(last.taskId)).status).toBe('APPROVED');
    await cloud.idle();
  });

  it('is answered end to end by the simulated department’s 前置机, which signs its decision files', async () => {
    const { taskId } = await healthTask();
    const department = startSimulatedExchangeDepartment({
      department: 'HEALTH',
      secret,
      folder: s3DepartmentFolder(s3Client(), bucket()),
      now,
    });
    const dropped = await department.sync();
    expect(dropped).toContain(`inbox/HEALTH/${taskId}.decision.json`);
    expect(await read(`inbox/HEALTH/${taskId}.decision.json`)).toMatch(
      /^webhook-id: \S+\nwebhook-timestamp: \d+\nwebhook-signature: v1,\S+\n\n\{/,
    );
    // A second pass drops nothing for a task already answered.
    expect(await department.sync()).toEqual([]);
    await advance();
    expect((await taskOf(taskId)).decision).toMatchObject({ decision: 'approve', via: 'exchange' });
    department.stop();
  });
});
