import { randomUUID } from 'node:crypto';
import {
  type HeaderSource,
  sign,
  verify,
  type WebhookHeaders,
  WebhookVerificationError,
} from '../shared/webhooks/standard-webhooks';

/**
 * The client for a department's own system: check the platform's task webhooks and send decisions back, both
 * signed per Standard Webhooks with the department's integration secret ("whsec_…").
 *
 * Standalone on purpose: this file and shared/integration/standard-webhooks.ts import nothing but node:crypto,
 * so a department can copy the two. The platform checks the same shapes with zod (shared/contracts/integration.ts).
 *
 *   const task = verifyWebhook(req.headers, rawBody, secret);      // 401 on WebhookVerificationError
 *   await postCallback(base, 'SAMR', { callbackId: newCallbackId(), taskId: task.taskId, decision: 'approve' }, secret);
 *
 * Deliveries are at least once: de-duplicate webhooks on the webhook-id header (or the taskId), and re-send a
 * failed callback with the same callbackId so the platform can de-duplicate it.
 */

export { WebhookVerificationError };
export type { WebhookHeaders };

export interface MaterialLink {
  code: string;
  fileName: string;
  /** Presigned download link, valid until expiresAt. */
  url: string;
  expiresAt: string;
}

/** What the platform sends for each task opened for the department. */
export interface TaskWebhookPayload {
  type: 'task.opened';
  taskId: string;
  caseId: string;
  caseNumber: string;
  matterCode: string;
  department: string;
  stageIndex: number;
  taskName: string;
  /** Last working day for the decision, YYYY-MM-DD. */
  dueDate: string;
  form: Record<string, unknown>;
  materials: MaterialLink[];
  callbackUrl: string;
}

export const DECISION_KINDS = ['approve', 'reject', 'return', 'suspend', 'resume', 'extend'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface Correction {
  target: 'material' | 'field';
  code: string;
  message: string;
}

export const SPECIAL_PROCEDURES = [
  'hearing',
  'inspection',
  'testing',
  'expert-review',
  'public-notice',
  'on-site-verification',
] as const;
export type SpecialProcedure = (typeof SPECIAL_PROCEDURES)[number];

/**
 * What the department sends back. Needs by kind: reject → reason; return → corrections (all at once);
 * suspend → reason and expectedDays (specialProcedure optional); extend → reason (days default to 10).
 */
export interface Decision {
  /** Unique per decision; used as the callback's webhook-id. Re-send a decision with the same one. */
  callbackId: string;
  taskId: string;
  decision: DecisionKind;
  reason?: string;
  /** return: every item to correct. */
  corrections?: Correction[];
  /** suspend: the special procedure (行政许可法 art. 45). */
  specialProcedure?: SpecialProcedure;
  /** suspend: expected working days, 1-365. */
  expectedDays?: number;
  /** extend: working days added, 1-30. */
  days?: number;
  /** approve: what the decision establishes. */
  result?: Record<string, unknown>;
}

export type DepartmentClientFailure = 'invalid_payload' | 'invalid_decision' | 'callback_refused';

export class DepartmentClientError extends Error {
  override readonly name = 'DepartmentClientError';
  constructor(
    readonly reason: DepartmentClientFailure,
    message: string,
    readonly problems: readonly string[] = [],
    /** For callback_refused: the platform's HTTP status and answer. */
    readonly status?: number,
    readonly body?: string,
  ) {
    super(message);
  }

  /** A refused callback worth sending again, with the same callbackId. */
  get retryable(): boolean {
    return this.status !== undefined && (this.status >= 500 || this.status === 429);
  }
}

const CALLBACK_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const REQUIRED: Record<DecisionKind, readonly (keyof Decision)[]> = {
  approve: [],
  reject: ['reason'],
  return: ['corrections'],
  suspend: ['reason', 'expectedDays'],
  resume: [],
  extend: ['reason'],
};
const DECISION_FIELDS = new Set<string>([
  'callbackId',
  'taskId',
  'decision',
  'reason',
  'corrections',
  'specialProcedure',
  'expectedDays',
  'days',
  'result',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = Infinity): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max;
const isWhole = (value: unknown, min: number, max: number) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const isUrl = (value: unknown) => typeof value === 'string' && URL.canParse(value);

/** Every problem with a decision, as `field: rule` strings; empty when it is valid. */
export function decisionProblems(value: unknown): string[] {
  if (!isRecord(value)) return ['(root): must be an object'];
  const problems = Object.keys(value)
    .filter((key) => !DECISION_FIELDS.has(key))
    .map((key) => `${key}: unknown field`);
  if (typeof value.callbackId !== 'string' || !CALLBACK_ID.test(value.callbackId)) {
    problems.push('callbackId: 1-128 characters of A-Z a-z 0-9 . _ : -');
  }
  if (!isText(value.taskId, 256)) problems.push('taskId: required text');
  if (value.reason !== undefined && !isText(value.reason, 2000)) problems.push('reason: 1-2000 characters');
  if (value.corrections !== undefined) {
    const list = value.corrections;
    const valid =
      Array.isArray(list) &&
      list.length >= 1 &&
      list.length <= 50 &&
      list.every(
        (c) =>
          isRecord(c) &&
          Object.keys(c).every((k) => k === 'target' || k === 'code' || k === 'message') &&
          (c.target === 'material' || c.target === 'field') &&
          typeof c.code === 'string' &&
          c.code.length > 0 &&
          typeof c.message === 'string' &&
          c.message.length > 0 &&
          c.message.length <= 500,
      );
    if (!valid) problems.push('corrections: 1-50 of {target: material|field, code, message (≤ 500)}');
  }
  if (
    value.specialProcedure !== undefined &&
    !(SPECIAL_PROCEDURES as readonly unknown[]).includes(value.specialProcedure)
  ) {
    problems.push(`specialProcedure: one of ${SPECIAL_PROCEDURES.join(', ')}`);
  }
  if (value.expectedDays !== undefined && !isWhole(value.expectedDays, 1, 365))
    problems.push('expectedDays: a whole number, 1-365');
  if (value.days !== undefined && !isWhole(value.days, 1, 30)) problems.push('days: a whole number, 1-30');
  if (value.result !== undefined && !isRecord(value.result)) problems.push('result: must be an object');
  const kind = value.decision;
  if (typeof kind !== 'string' || !(DECISION_KINDS as readonly string[]).includes(kind)) {
    problems.push(`decision: one of ${DECISION_KINDS.join(', ')}`);
    return problems;
  }
  for (const field of REQUIRED[kind as DecisionKind]) {
    if (value[field] === undefined) problems.push(`${field}: ${kind} needs it`);
  }
  return problems;
}

/** The decision, typed, or a DepartmentClientError listing every problem. */
export function checkDecision(value: unknown): Decision {
  const problems = decisionProblems(value);
  if (problems.length > 0) {
    throw new DepartmentClientError('invalid_decision', `Invalid decision: ${problems.join('; ')}`, problems);
  }
  return value as Decision;
}

/** Every problem with a task payload. Unknown fields pass: the platform may add some. */
export function taskPayloadProblems(value: unknown): string[] {
  if (!isRecord(value)) return ['(root): must be an object'];
  const problems: string[] = [];
  if (value.type !== 'task.opened') problems.push('type: must be task.opened');
  for (const field of ['taskId', 'caseId', 'caseNumber', 'matterCode', 'department', 'taskName'] as const) {
    if (!isText(value[field])) problems.push(`${field}: required text`);
  }
  if (!Number.isInteger(value.stageIndex) || (value.stageIndex as number) < 0)
    problems.push('stageIndex: a whole number ≥ 0');
  if (typeof value.dueDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value.dueDate))
    problems.push('dueDate: YYYY-MM-DD');
  if (!isRecord(value.form)) problems.push('form: must be an object');
  const materialsValid =
    Array.isArray(value.materials) &&
    value.materials.every(
      (m) =>
        isRecord(m) &&
        isText(m.code) &&
        isText(m.fileName) &&
        isUrl(m.url) &&
        typeof m.expiresAt === 'string' &&
        !Number.isNaN(Date.parse(m.expiresAt)),
    );
  if (!materialsValid) problems.push('materials: a list of {code, fileName, url, expiresAt}');
  if (!isUrl(value.callbackUrl)) problems.push('callbackUrl: a URL');
  return problems;
}

/** A fresh callbackId. Keep it with the decision until the platform has answered 2xx. */
export function newCallbackId(): string {
  return randomUUID();
}

const secretList = (secret: string | readonly string[]): readonly string[] =>
  typeof secret === 'string' ? [secret] : secret;

/**
 * Checks a task webhook and returns its payload. Throws WebhookVerificationError (answer 401) when the signature
 * or timestamp is wrong, DepartmentClientError `invalid_payload` (answer 400) when the signed body is not a task.
 * `rawBody` must be the request body exactly as received. Pass two secrets during a rotation.
 */
export function verifyWebhook(
  headers: HeaderSource,
  rawBody: string | Uint8Array,
  secret: string | readonly string[],
  now: Date = new Date(),
): TaskWebhookPayload {
  verify(headers, rawBody, secretList(secret), now);
  let payload: unknown;
  try {
    payload = JSON.parse(typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody));
  } catch {
    throw new DepartmentClientError('invalid_payload', 'The webhook body is not JSON', ['(root): not JSON']);
  }
  const problems = taskPayloadProblems(payload);
  if (problems.length > 0) {
    throw new DepartmentClientError('invalid_payload', `Not a task webhook: ${problems.join('; ')}`, problems);
  }
  return payload as TaskWebhookPayload;
}

/** The signed request for a decision: POST `body` with `headers`. The webhook-id is the decision's callbackId. */
export function signCallback(
  decision: Decision,
  secret: string | readonly string[],
  now: Date = new Date(),
): { headers: WebhookHeaders & { 'content-type': 'application/json' }; body: string } {
  const body = JSON.stringify(checkDecision(decision));
  const signed = sign({ id: decision.callbackId, timestamp: now, body }, secretList(secret));
  return { headers: { 'content-type': 'application/json', ...signed }, body };
}

/** The callback address of a department on a platform whose API is at `baseUrl`. */
export function callbackUrl(baseUrl: string, deptCode: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/integration/${encodeURIComponent(deptCode)}/callbacks`;
}

/**
 * Signs and POSTs a decision to the task's callbackUrl. Resolves with the platform's answer when it is 2xx; throws
 * DepartmentClientError `callback_refused` otherwise (see `retryable`). Network failures reject as fetch does.
 */
export async function postCallbackTo(
  url: string,
  decision: Decision,
  secret: string | readonly string[],
  fetchImpl: typeof fetch = fetch,
): Promise<{ status: number; body: string }> {
  const request = signCallback(decision, secret);
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  if (!response.ok) {
    throw new DepartmentClientError(
      'callback_refused',
      `The platform answered ${response.status}`,
      [],
      response.status,
      body,
    );
  }
  return { status: response.status, body };
}

/** postCallbackTo the callback address of `deptCode` on the platform at `baseUrl`. */
export function postCallback(
  baseUrl: string,
  deptCode: string,
  decision: Decision,
  secret: string | readonly string[],
  fetchImpl: typeof fetch = fetch,
): Promise<{ status: number; body: string }> {
  return postCallbackTo(callbackUrl(baseUrl, deptCode), decision, secret, fetchImpl);
}
