import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TaskWebhookPayload } from '../../clients/department-client';
import { decisionSchema } from '../../shared/contracts/integration';
import { generateSecret, sign, verify } from '../../shared/webhooks/standard-webhooks';
import { type SimulatedDepartment, startSimulatedDepartment } from '../../infra/local/simulated-department';

/**
 * The simulated department over real HTTP on loopback ephemeral ports: the platform's side is played by this test
 * (it signs webhooks with the platform's `sign`) and by a tiny callback server that checks callbacks with the
 * platform's `verify`, as the callback route will.
 */
const secret = generateSecret();
let clock = new Date('2026-03-02T01:00:00Z').getTime();
const now = () => new Date(clock);

interface CallbackRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let platform: Server;
let platformUrl: string;
const callbacksReceived: CallbackRequest[] = [];
/** What the callback server answers next, one status per callback (202 once these are used up). */
const platformAnswers: number[] = [];

beforeAll(async () => {
  platform = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      callbacksReceived.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = platformAnswers.shift() ?? 202;
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(status === 202 ? '{"status":"recorded"}' : '{"error":"try again"}');
    });
  });
  await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
  platformUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}`;
});
afterAll(async () => {
  platform.closeAllConnections();
  await new Promise((resolve) => platform.close(resolve));
});

let department: SimulatedDepartment | undefined;
afterEach(async () => {
  await department?.stop();
  department = undefined;
  callbacksReceived.length = 0;
  platformAnswers.length = 0;
});

let taskNumber = 0;
function newTask(): TaskWebhookPayload {
  taskNumber += 1;
  return {
    type: 'task.opened',
    taskId: `C-2026-${taskNumber}.0.SAMR`,
    caseId: `C-2026-${taskNumber}`,
    caseNumber: `350100-20260302-${30000 + taskNumber}`,
    matterCode: 'FOOD-BUSINESS-LICENCE',
    department: 'SAMR',
    stageIndex: 0,
    taskName: '食品经营许可审查',
    dueDate: '2026-03-16',
    form: { operatorName: '榕城小吃店' },
    materials: [],
    callbackUrl: `${platformUrl}/integration/SAMR/callbacks`,
  };
}

/** Delivers a task as the platform does: a fresh signature per attempt, the same webhook-id for every attempt. */
async function deliver(task: TaskWebhookPayload, id: string, signingSecret = secret) {
  const body = JSON.stringify(task);
  const headers = sign({ id, timestamp: now(), body }, [signingSecret]);
  const response = await fetch(department!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** Checks a callback as the platform's route will, and returns its decision. */
function verifiedDecision(request: CallbackRequest) {
  const { id } = verify(request.headers, request.body, [secret], now());
  const decision = decisionSchema.parse(JSON.parse(request.body));
  expect(id).toBe(decision.callbackId);
  return decision;
}

describe('the simulated department', () => {
  it('accepts a signed webhook and calls back with a signed approval the platform verifies', async () => {
    department = await startSimulatedDepartment({
      port: 0,
      secret,
      behaviour: { mode: 'approve-after', delayMs: 20 },
      now,
    });
    const task = newTask();
    expect(await deliver(task, 'msg_a')).toEqual({
      status: 202,
      body: JSON.stringify({ status: 'accepted', taskId: task.taskId }),
    });
    await department.idle();

    expect(callbacksReceived).toHaveLength(1);
    expect(callbacksReceived[0]!.path).toBe('/integration/SAMR/callbacks');
    expect(verifiedDecision(callbacksReceived[0]!)).toMatchObject({ taskId: task.taskId, decision: 'approve' });
    expect(department.received).toEqual([
      expect.objectContaining({
        id: 'msg_a',
        verified: true,
        status: 202,
        duplicate: false,
        body: JSON.stringify(task),
      }),
    ]);
    expect(department.callbacks).toEqual([
      expect.objectContaining({
        webhookId: 'msg_a',
        url: task.callbackUrl,
        status: 202,
        answer: '{"status":"recorded"}',
      }),
    ]);
  });

  it('answers 401 to a webhook signed with another secret, and does nothing', async () => {
    department = await startSimulatedDepartment({
      port: 0,
      secret,
      behaviour: { mode: 'approve-after', delayMs: 0 },
      now,
    });
    expect(await deliver(newTask(), 'msg_b', generateSecret())).toEqual({
      status: 401,
      body: '{"error":"bad_signature"}',
    });
    await department.idle();
    expect(callbacksReceived).toHaveLength(0);
    expect(department.received).toEqual([
      expect.objectContaining({ id: 'msg_b', verified: false, failure: 'bad_signature', status: 401 }),
    ]);
  });

  it('answers 401 to an unsigned request and to a stale one', async () => {
    department = await startSimulatedDepartment({
      port: 0,
      secret,
      behaviour: { mode: 'approve-after', delayMs: 0 },
      now,
    });
    const unsigned = await fetch(department.url, { method: 'POST', body: JSON.stringify(newTask()) });
    expect([unsigned.status, await unsigned.text()]).toEqual([401, '{"error":"missing_headers"}']);
    const body = JSON.stringify(newTask());
    const stale = sign({ id: 'msg_c', timestamp: new Date(clock - 10 * 60_000), body }, [secret]);
    expect((await fetch(department.url, { method: 'POST', headers: stale, body })).status).toBe(401);
    expect(department.received.map((r) => r.failure)).toEqual(['missing_headers', 'stale_timestamp']);
  });

  it('answers a repeated webhook-id the same, without a second callback', async () => {
    department = await startSimulatedDepartment({
      port: 0,
      secret,
      behaviour: { mode: 'approve-after', delayMs: 0 },
      now,
    });
    const task = newTask();
    const first = await deliver(task, 'msg_d');
    clock += 30_000; // the platform's retry, signed afresh 30 s later
    const again = await deliver(task, 'msg_d');
    await department.idle();
    expect(again).toEqual(first);
    expect(callbacksReceived).toHaveLength(1);
    expect(department.received.map((r) => [r.id, r.duplicate])).toEqual([
      ['msg_d', false],
      ['msg_d', true],
    ]);
    // A different message for the same department is handled on its own.
    await deliver(newTask(), 'msg_e');
    await department.idle();
    expect(callbacksReceived).toHaveLength(2);
  });

  it('answers 200 with the decision when it decides inline, and repeats that decision to a re-delivery', async () => {
    department = await startSimulatedDepartment({
      port: 0,
      secret,
      behaviour: { mode: 'answer-inline', decision: { decision: 'suspend', reason: '现场核查', expectedDays: 5 } },
      now,
    });
    const task = newTask();
    const answer = await deliver(task, 'msg_f');
    expect(answer.status).toBe(200);
    expect(decisionSchema.parse(JSON.parse(answer.body))).toMatchObject({
      taskId: task.taskId,
      decision: 'suspend',
      reason: '现场核查',
      expectedDays: 5,
    });
    expect(await deliver(task, 'msg_f')).toEqual(answer);
    await department.idle();
    expect(callbacksReceived).toHaveLength(0);
  });

  it('calls back with a rejection or a return, as configured at run time', async () => {
    department = await startSimulatedDepartment({
      port: 0,
      secret,
      behaviour: { mode: 'reject', reason: '经营场所不符合要求' },
      now,
    });
    await deliver(newTask(), 'msg_g');
    department.setBehaviour({
      mode: 'return',
      corrections: [{ target: 'material', code: 'lease', message: '租赁合同已过期' }],
    });
    await deliver(newTask(), 'msg_h');
    await department.idle();
    const decisions = callbacksReceived.map(verifiedDecision);
    expect(decisions.map((d) => [d.decision, d.reason, d.corrections?.[0]?.code])).toEqual([
      ['reject', '经营场所不符合要求', undefined],
      ['return', undefined, 'lease'],
    ]);
  });

  it('refuses a behaviour whose decision the platform would refuse', async () => {
    department = await startSimulatedDepartment({
      port: 0,
      secret,
      behaviour: { mode: 'approve-after', delayMs: 0 },
      now,
    });
    expect(() =>
      department!.setBehaviour({ mode: 'answer-inline', decision: { decision: 'suspend', reason: '专家评审' } }),
    ).toThrow('expectedDays: suspend needs it');
    expect(() => department!.setBehaviour({ mode: 'return', corrections: [] })).toThrow('corrections');
  });

  it('fails with 500 until forMs has passed since the first attempt, then approves', async () => {
    department = await startSimulatedDepartment({
      port: 0,
      secret,
      behaviour: { mode: 'fail', status: 500, forMs: 60_000 },
      now,
    });
    const task = newTask();
    expect((await deliver(task, 'msg_i')).status).toBe(500);
    clock += 59_000;
    expect((await deliver(task, 'msg_i')).status).toBe(500);
    await department.idle();
    expect(callbacksReceived).toHaveLength(0);

    clock += 1_000;
    expect((await deliver(task, 'msg_i')).status).toBe(202);
    await department.idle();
    expect(callbacksReceived.map(verifiedDecision)).toEqual([
      expect.objectContaining({ taskId: task.taskId, decision: 'approve' }),
    ]);
    // Once it succeeded, a further re-delivery is a duplicate: the same 202 and no second callback.
    expect((await deliver(task, 'msg_i')).status).toBe(202);
    await department.idle();
    expect(callbacksReceived).toHaveLength(1);
    expect(department.received.map((r) => r.status)).toEqual([500, 500, 202, 202]);
  });

  it('records a callback the platform could not be reached for', async () => {
    department = await startSimulatedDepartment({
      port: 0,
      secret,
      behaviour: { mode: 'approve-after', delayMs: 0 },
      now,
    });
    // A port that was just free and is closed again: nothing listens there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const task = { ...newTask(), callbackUrl: `http://127.0.0.1:${port}/integration/SAMR/callbacks` };
    await deliver(task, 'msg_j');
    await department.idle();
    // Sent four times in all (a lost connection is tried again), then given up and recorded.
    expect(department.callbacks).toEqual([
      expect.objectContaining({ webhookId: 'msg_j', attempts: 4, error: expect.stringContaining('ECONNREFUSED') }),
    ]);
    expect(department.callbacks[0]!.status).toBeUndefined();
  });

  it('sends a callback again after a 5xx or a 429, with the same callbackId and body, and stops at a 4xx', async () => {
    department = await startSimulatedDepartment({
      port: 0,
      secret,
      behaviour: { mode: 'approve-after', delayMs: 0 },
      now,
    });
    platformAnswers.push(503, 429);
    await deliver(newTask(), 'msg_k');
    await department.idle();
    expect(callbacksReceived).toHaveLength(3);
    const decisions = callbacksReceived.map(verifiedDecision);
    expect(new Set(decisions.map((d) => d.callbackId)).size).toBe(1);
    expect(new Set(callbacksReceived.map((c) => c.body)).size).toBe(1);
    expect(department.callbacks).toEqual([expect.objectContaining({ attempts: 3, status: 202 })]);

    // A refusal (4xx) is an answer: it is not sent again.
    callbacksReceived.length = 0;
    platformAnswers.push(409);
    await deliver(newTask(), 'msg_l');
    await department.idle();
    expect(callbacksReceived).toHaveLength(1);
    expect(department.callbacks[1]).toEqual(expect.objectContaining({ attempts: 1, status: 409 }));
  });
});
