import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import {
  callbackUrl,
  checkDecision,
  DECISION_KINDS,
  type Decision,
  DepartmentClientError,
  decisionProblems,
  newCallbackId,
  postCallback,
  signCallback,
  SPECIAL_PROCEDURES as CLIENT_SPECIAL_PROCEDURES,
  type TaskWebhookPayload,
  taskPayloadProblems,
  verifyWebhook,
  WebhookVerificationError,
} from '../../clients/department-client';
import {
  DECISION_KINDS as CONTRACT_DECISION_KINDS,
  decisionSchema,
  taskWebhookPayloadSchema,
} from '../../shared/contracts/integration';
import { SPECIAL_PROCEDURES } from '../../shared/domain/catalogue/model';
import { generateSecret, sign, verify } from '../../shared/webhooks/standard-webhooks';

const root = join(__dirname, '..', '..');
const now = new Date('2026-03-02T01:00:00Z');
const secret = generateSecret();

const task: TaskWebhookPayload = {
  type: 'task.opened',
  taskId: 'C-2026-000123.1.SAMR',
  caseId: 'C-2026-000123',
  caseNumber: '350100-20260302-30017',
  matterCode: 'FOOD-BUSINESS-LICENCE',
  department: 'SAMR',
  stageIndex: 1,
  taskName: '食品经营许可审查',
  dueDate: '2026-03-16',
  form: { operatorName: '榕城小吃店' },
  materials: [
    {
      code: 'business-licence',
      fileName: '营业执照.pdf',
      url: 'https://files.example.gov.cn/a?X-Amz-Signature=x',
      expiresAt: '2026-03-02T01:05:00Z',
    },
  ],
  callbackUrl: 'https://api.example.gov.cn/integration/SAMR/callbacks',
};

/** A webhook as the platform sends it. */
function webhook(payload: unknown = task, at = now) {
  const body = JSON.stringify(payload);
  return { headers: sign({ id: 'msg_task_1', timestamp: at, body }, [secret]), body };
}

describe('verifyWebhook', () => {
  it('returns the typed task of a webhook the platform signed', () => {
    const { headers, body } = webhook();
    expect(taskWebhookPayloadSchema.parse(task)).toEqual(task);
    expect(verifyWebhook(headers, body, secret, now)).toEqual(task);
    expect(verifyWebhook(headers, Buffer.from(body), secret, now)).toEqual(task);
  });

  it('accepts either secret during a rotation', () => {
    const { headers, body } = webhook();
    expect(verifyWebhook(headers, body, [generateSecret(), secret], now).taskId).toBe(task.taskId);
  });

  it('refuses a bad signature or a stale message with the verification reason', () => {
    const { headers, body } = webhook();
    expect(() => verifyWebhook(headers, body, generateSecret(), now)).toThrow(
      expect.objectContaining({ reason: 'bad_signature' }),
    );
    expect(() => verifyWebhook(headers, body.replace('SAMR', 'HEALTH'), secret, now)).toThrow(WebhookVerificationError);
    const late = new Date(now.getTime() + 301_000);
    expect(() => verifyWebhook(headers, body, secret, late)).toThrow(
      expect.objectContaining({ reason: 'stale_timestamp' }),
    );
  });

  it('refuses a correctly signed body that is not a task, naming each problem', () => {
    const { headers, body } = webhook({ ...task, type: 'task.closed', dueDate: '16/03/2026' });
    const error = (() => {
      try {
        verifyWebhook(headers, body, secret, now);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DepartmentClientError);
    expect(error).toMatchObject({
      reason: 'invalid_payload',
      problems: ['type: must be task.opened', 'dueDate: YYYY-MM-DD'],
    });
  });
});

describe('signCallback', () => {
  const decision: Decision = {
    callbackId: newCallbackId(),
    taskId: task.taskId,
    decision: 'approve',
    result: { licenceNo: 'JY13501000000123' },
  };

  it('signs a decision the platform verifies, with the callbackId as webhook-id', () => {
    const signed = signCallback(decision, secret, now);
    expect(signed.headers['content-type']).toBe('application/json');
    expect(verify(signed.headers, signed.body, [secret], now)).toMatchObject({ id: decision.callbackId });
    expect(decisionSchema.parse(JSON.parse(signed.body))).toEqual(decision);
  });

  it('is verified by the standardwebhooks package too', () => {
    const signed = signCallback(decision, secret);
    expect(new Webhook(secret).verify(signed.body, signed.headers)).toEqual(decision);
  });

  it('refuses to sign a decision the platform would refuse', () => {
    expect(() => signCallback({ callbackId: 'cb-1', taskId: task.taskId, decision: 'reject' }, secret)).toThrow(
      expect.objectContaining({ reason: 'invalid_decision', problems: ['reason: reject needs it'] }),
    );
  });
});

describe('the hand checks agree with the platform’s zod contracts', () => {
  const base = { callbackId: 'cb-1', taskId: 'T-1' };
  const decisions: [string, unknown][] = [
    ['approve', { ...base, decision: 'approve' }],
    ['approve with a result', { ...base, decision: 'approve', result: { licenceNo: 'X' } }],
    ['reject with a reason', { ...base, decision: 'reject', reason: '经营场所不符合要求' }],
    ['reject without a reason', { ...base, decision: 'reject' }],
    ['reject with a blank reason', { ...base, decision: 'reject', reason: '   ' }],
    [
      'return with corrections',
      { ...base, decision: 'return', corrections: [{ target: 'material', code: 'lease', message: '租赁合同已过期' }] },
    ],
    ['return without corrections', { ...base, decision: 'return', reason: 'x' }],
    ['return with an empty list', { ...base, decision: 'return', corrections: [] }],
    [
      'return with a bad target',
      { ...base, decision: 'return', corrections: [{ target: 'file', code: 'lease', message: 'x' }] },
    ],
    [
      'suspend with a reason, expected days and a procedure',
      { ...base, decision: 'suspend', reason: '现场核查', expectedDays: 5, specialProcedure: 'on-site-verification' },
    ],
    ['suspend without a reason', { ...base, decision: 'suspend', expectedDays: 5 }],
    ['suspend without expected days', { ...base, decision: 'suspend', reason: '专家评审' }],
    [
      'suspend for an unknown procedure',
      { ...base, decision: 'suspend', reason: 'x', expectedDays: 5, specialProcedure: 'lottery' },
    ],
    ['suspend for longer than a year', { ...base, decision: 'suspend', reason: 'x', expectedDays: 366 }],
    ['resume', { ...base, decision: 'resume' }],
    ['extend with a reason (default days)', { ...base, decision: 'extend', reason: '情况复杂' }],
    ['extend with days and a reason', { ...base, decision: 'extend', days: 10, reason: '情况复杂' }],
    ['extend without a reason', { ...base, decision: 'extend', days: 10 }],
    ['extend with fractional days', { ...base, decision: 'extend', days: 1.5, reason: 'x' }],
    ['extend by more than 30 days', { ...base, decision: 'extend', days: 31, reason: 'x' }],
    [
      'a correction with an extra field',
      { ...base, decision: 'return', corrections: [{ target: 'field', code: 'a', message: 'b', level: 1 }] },
    ],
    ['an unknown decision', { ...base, decision: 'maybe' }],
    ['an unknown field', { ...base, decision: 'approve', reasons: 'typo' }],
    ['a callbackId unfit for a header', { ...base, callbackId: 'cb 1\n', decision: 'approve' }],
    ['a missing taskId', { callbackId: 'cb-1', decision: 'approve' }],
    ['a result that is a list', { ...base, decision: 'approve', result: [] }],
    ['not an object', 'approve'],
  ];

  it.each(decisions)('decision: %s', (_name, value) => {
    const zodAccepts = decisionSchema.safeParse(value).success;
    expect(decisionProblems(value).length === 0).toBe(zodAccepts);
  });

  it('covers both outcomes, so the agreement above means something', () => {
    const outcomes = decisions.map(([, value]) => decisionSchema.safeParse(value).success);
    expect(outcomes.filter(Boolean).length).toBe(8);
    expect(() => checkDecision(decisions[3]![1])).toThrow(DepartmentClientError);
  });

  const payloads: [string, unknown][] = [
    ['the task', task],
    ['a task with no materials and an extra field', { ...task, materials: [], priority: 'high' }],
    ['another type', { ...task, type: 'task.closed' }],
    ['a negative stage', { ...task, stageIndex: -1 }],
    ['a date with a time', { ...task, dueDate: '2026-03-16T00:00:00Z' }],
    ['a material without a URL', { ...task, materials: [{ ...task.materials[0], url: 'not a url' }] }],
    ['a form that is a list', { ...task, form: [] }],
    ['no callbackUrl', { ...task, callbackUrl: undefined }],
  ];

  it.each(payloads)('task payload: %s', (_name, value) => {
    expect(taskPayloadProblems(value).length === 0).toBe(taskWebhookPayloadSchema.safeParse(value).success);
  });

  it('knows the same decision kinds and special procedures as the platform', () => {
    expect(DECISION_KINDS).toEqual(CONTRACT_DECISION_KINDS);
    expect(CLIENT_SPECIAL_PROCEDURES).toEqual(SPECIAL_PROCEDURES);
  });
});

describe('postCallback', () => {
  const decision: Decision = {
    callbackId: 'cb-42',
    taskId: task.taskId,
    decision: 'extend',
    days: 10,
    reason: '情况复杂，需延期',
  };

  /** A platform in-process: it checks the signature and the decision as the callback route will. */
  function platform(status: number) {
    const calls: { url: string; verified: string }[] = [];
    const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
      const body = String(init?.body);
      const { id } = verify(new Headers(init?.headers), body, [secret], new Date());
      decisionSchema.parse(JSON.parse(body));
      calls.push({ url: String(url), verified: id });
      return new Response(JSON.stringify({ ok: status < 300 }), { status });
    }) as typeof fetch;
    return { calls, fetchImpl };
  }

  it('POSTs the signed decision to /integration/{deptCode}/callbacks', async () => {
    const { calls, fetchImpl } = platform(202);
    await expect(postCallback('https://api.example.gov.cn/', 'SAMR', decision, secret, fetchImpl)).resolves.toEqual({
      status: 202,
      body: '{"ok":true}',
    });
    expect(calls).toEqual([{ url: 'https://api.example.gov.cn/integration/SAMR/callbacks', verified: 'cb-42' }]);
  });

  it('throws on a refusal, telling whether sending again can help', async () => {
    const refused = postCallback('https://api.example.gov.cn', 'SAMR', decision, secret, platform(409).fetchImpl);
    await expect(refused).rejects.toMatchObject({ reason: 'callback_refused', status: 409, retryable: false });
    const unavailable = postCallback('https://api.example.gov.cn', 'SAMR', decision, secret, platform(503).fetchImpl);
    await expect(unavailable).rejects.toMatchObject({ status: 503, retryable: true });
  });

  it('escapes the department code in the path', () => {
    expect(callbackUrl('http://127.0.0.1:3000//', 'A/B')).toBe('http://127.0.0.1:3000/integration/A%2FB/callbacks');
  });
});

describe('standalone', () => {
  const imports = (path: string) =>
    [...readFileSync(join(root, path), 'utf8').matchAll(/^import[^;]*?from '([^']+)'/gms)].map((m) => m[1]);

  it('the client and the signing module import nothing but node:crypto and each other', () => {
    expect(imports('clients/department-client.ts')).toEqual(['node:crypto', '../shared/webhooks/standard-webhooks']);
    expect(imports('shared/webhooks/standard-webhooks.ts')).toEqual(['node:crypto']);
  });
});
