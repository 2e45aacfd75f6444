import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { LocalCloud } from '../../infra/local/cloud';
import { s3Client } from '../../shared/adapters/aws-clients';
import { acceptedFoodCase } from '../support/cases';
import { USCC } from '../support/food-case';
import { importDemoLicences } from '../support/licences';
import { call, eventually } from '../support/http';

/**
 * GET /integration/{dept}/exchange: a department's staff see the files of its exchange folder (前置机) that wait
 * (task files of open tasks, decision files not yet picked up) and the ones that failed, with the reason; their own
 * department only.
 */
let cloud: LocalCloud;
const tokens: Record<string, string> = {};

async function refreshTokens() {
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  for (const dept of ['SAMR', 'HEALTH']) tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
}
const api = (method: string, path: string, who: string, body?: unknown) => call(cloud.baseUrl, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });
const bucket = () => process.env.EXCHANGE_BUCKET_NAME!;
const keys = async (prefix: string) => ((await s3Client().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);
const drop = (key: string, body: string) => s3Client().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body }));

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T09:00:00+08:00'), seed: true });
  await importDemoLicences(cloud);
  await refreshTokens();
});
afterAll(() => cloud?.stop());

async function advance(ms: number) {
  cloud.clock.advance(ms);
  await cloud.idle();
  await refreshTokens();
}

describe('the exchange folder as department staff see it', () => {
  it('says a department without a folder is reached through the to-do, with nothing listed', async () => {
    const answer = await api('GET', '/integration/SAMR/exchange', 'SAMR');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ mode: 'todo', items: [], truncated: false });
  });

  it('lists the task files waiting for the department and the decision files that failed, with their reasons', async () => {
    expect((await api('PUT', '/admin/integrations/HEALTH', 'admin', { mode: 'exchange' })).status).toBe(200);
    const id = await acceptedFoodCase(cloud.baseUrl, tokens.applicant!, tokens.window!, () => cloud.idle());
    const taskId = `${id}.0.HEALTH`;
    await eventually('the task file', async () => ((await keys(`outbox/HEALTH/${taskId}.json`)).length ? true : undefined));

    const waiting = await api('GET', '/integration/HEALTH/exchange?status=waiting', 'HEALTH');
    expect(waiting.status).toBe(200);
    expect(waiting.json.mode).toBe('exchange');
    const task = await api('GET', `/tasks/${encodeURIComponent(taskId)}`, 'HEALTH');
    // The task file only, not its materials' files beside it.
    expect(waiting.json.items).toEqual([{ key: `outbox/HEALTH/${taskId}.json`, name: `${taskId}.json`, kind: 'task', taskId, caseNumber: task.json.task.caseNumber, dueDate: task.json.task.dueDate }]);

    // A decision file not yet picked up waits too; a broken one fails with its reason.
    await drop('inbox/HEALTH/broken.json', '{ not json');
    const dropped = await api('GET', '/integration/HEALTH/exchange?status=waiting', 'admin');
    expect(dropped.json.items.map((f: { name: string; kind: string }) => [f.kind, f.name])).toEqual([
      ['task', `${taskId}.json`],
      ['decision', 'broken.json'],
    ]);
    await advance(61_000);
    const failed = await api('GET', '/integration/HEALTH/exchange?status=failed', 'HEALTH');
    expect(failed.json.items).toEqual([{ key: 'error/HEALTH/broken.json', name: 'broken.json', kind: 'decision', reason: 'The file is not JSON' }]);

    // Decided through the folder, the task's file no longer waits.
    await drop(`inbox/HEALTH/${id}.json`, JSON.stringify({ taskId, decision: 'approve' }));
    await advance(61_000);
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
