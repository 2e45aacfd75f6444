import { createHash } from 'node:crypto';
import { CALLBACK_ID_PATTERN, type DepartmentDecision, decisionSchema } from '../../contracts/integration';
import { parseExchangeFile } from '../../webhooks/exchange-file';
import { verify, WebhookVerificationError } from '../../webhooks/standard-webhooks';
import { toShanghaiDate } from '../calendar/working-days';
import { ConcurrentChangeError, ConflictError, isDomainError } from '../errors';
import { decide } from '../workflow/decide';
import { isOpen } from '../workflow/task';
import type { ExchangeFolder, ExchangeObject, IntegrationDeps } from './ports';
import { activeSecrets, taskOpenedMessage } from './webhook-deliveries';

/**
 * The exchange folder (前置机 style), for departments with no live endpoint: the platform writes each task as a
 * JSON file with its materials under `outbox/<dept>/`, and collects decision files the department drops under
 * `inbox/<dept>/`. A decision file is signed with the department's secret (shared/integration/exchange-file.ts), and
 * in AWS only the department's own role may write under its inbox prefix. Every file processed moves to
 * `processed/<dept>/<date>/` with a result file beside it; a file that cannot be used moves to `error/<dept>/` with
 * a `.reason.txt` naming the field and the rule. Nothing is deleted without being moved.
 */
export async function writeTaskFile(
  event: { taskId: string; taskDepartment: string; caseId: string },
  deps: IntegrationDeps & { folder: ExchangeFolder },
): Promise<string | undefined> {
  const config = await deps.store.getConfig(event.taskDepartment);
  if (config?.mode !== 'exchange') return undefined;
  const [task, record] = await Promise.all([deps.app.cases.getTask(event.taskId), deps.app.cases.get(event.caseId)]);
  if (!task || !record) return undefined;
  const base = `outbox/${task.department}/${task.id}`;
  const materials = [];
  for (const [code, material] of Object.entries(record.materials)) {
    for (const file of material.files) {
      const key = `${base}/materials/${code}/${file.uploadId}-${file.fileName}`;
      await deps.folder.copyAttachment(file.key, key);
      materials.push({ code, fileName: file.fileName, path: key, sha256: file.sha256 });
    }
    if (material.licenceNo) materials.push({ code, licenceNo: material.licenceNo });
  }
  const body = {
    ...taskOpenedMessage(task, record),
    materials,
    answer: `Drop a signed decision file under inbox/${task.department}/: the lines webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks, with the department’s secret), an empty line, then the JSON {"taskId", "decision", "reason"?, ...}`,
  };
  // The JSON file last, so a department that picks up *.json finds the materials already there.
  await deps.folder.write(`${base}.json`, JSON.stringify(body, null, 2));
  return `${base}.json`;
}

/** Decision files are a JSON decision after three header lines, a few kilobytes; larger ones are refused unread. */
export const EXCHANGE_MAX_FILE_BYTES = 256 * 1024;
/**
 * How far a file's webhook-timestamp may be from the pick-up's clock, either way. Wider than a callback's 5 minutes:
 * a file waits up to a minute for the pick-up, and a department's 前置机 may sync its folder on a schedule of its own.
 */
export const EXCHANGE_TOLERANCE_SECONDS = 15 * 60;
/** Files per run: the rest wait for the next minute. */
const PICK_UP_LIMIT = 100;

export interface InboxRun {
  /** Decided (or found decided by this very file before) and moved to processed/. */
  readonly processed: string[];
  /** Moved to error/ with their reason. */
  readonly failed: string[];
  /** Left in the inbox after a passing clash or throttle: the next minute's run takes them again. */
  readonly retrying: string[];
}

class Refusal {
  constructor(
    readonly field: string,
    readonly rule: string,
    readonly message: string,
  ) {}
  toString() {
    return `${this.field}: ${this.rule} — ${this.message}`;
  }
}

/** Errors that a later run may not meet: another writer's clash, DynamoDB or S3 throttling, a 5xx. */
function isTransient(error: unknown): boolean {
  if (error instanceof ConcurrentChangeError) return true;
  const e = error as { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; name?: string };
  return (
    Boolean(e?.$retryable) ||
    (e?.$metadata?.httpStatusCode ?? 0) >= 500 ||
    ['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'SlowDown'].includes(
      e?.name ?? '',
    )
  );
}

/**
 * The scheduled pick-up of decision files. Each file is checked on its own: its size before it is read, its
 * signature before anything in it is believed, then its decision, decided once (its webhook-id is its callbackId).
 * Whatever goes wrong with one file (also an unexpected error) moves it to error/ with the reason, and the run goes
 * on with the next; only passing clashes and throttles leave a file for the next run.
 */
export async function processInbox(
  deps: IntegrationDeps & { folder: ExchangeFolder },
  options: { budgetMs?: number } = {},
): Promise<InboxRun> {
  const run: InboxRun = { processed: [], failed: [], retrying: [] };
  const started = Date.now();
  for (const object of await deps.folder.list('inbox/', PICK_UP_LIMIT)) {
    // Stop taking files before the function's timeout rather than in the middle of one; the rest wait a minute.
    if (options.budgetMs !== undefined && Date.now() - started > options.budgetMs) break;
    const [, department, ...rest] = object.key.split('/');
    const name = rest.join('/');
    if (!department || !name || name.endsWith('/')) continue;
    let refusal: Refusal;
    try {
      const outcome = await processFile(object, department, name, deps);
      if (!(outcome instanceof Refusal)) {
        run.processed.push(object.key);
        continue;
      }
      refusal = outcome;
      deps.log.info('exchange file refused', { key: object.key, field: refusal.field, rule: refusal.rule });
    } catch (error) {
      if (isTransient(error)) {
        deps.log.info('exchange file retried next run', { key: object.key, error: describe(error) });
        run.retrying.push(object.key);
        continue;
      }
      deps.log.error('exchange file failed', { key: object.key, error: describe(error) });
      refusal = new Refusal(
        'file',
        'processing',
        `the platform could not finish this file (${error instanceof Error ? error.name : 'error'}); if its task is still open, sign it again with a fresh timestamp and drop it again`,
      );
    }
    try {
      await deps.folder.move(object.key, `error/${department}/${name}`);
      await deps.folder.write(`error/${department}/${name}.reason.txt`, `${refusal}\n`);
      run.failed.push(object.key);
    } catch (error) {
      // The file stays in the inbox (or its copy in error/ lacks a reason) until a later run gets through.
      deps.log.error('exchange file could not be moved to error/', { key: object.key, error: describe(error) });
      run.retrying.push(object.key);
    }
  }
  return run;
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error).slice(0, 300);

async function processFile(
  object: ExchangeObject,
  department: string,
  name: string,
  deps: IntegrationDeps & { folder: ExchangeFolder },
): Promise<Refusal | { answer: unknown }> {
  const tooLarge = new Refusal(
    'file',
    'size',
    `a decision file may have at most ${EXCHANGE_MAX_FILE_BYTES} bytes (this one has ${object.size}); it was not read`,
  );
  if (object.size > EXCHANGE_MAX_FILE_BYTES) return tooLarge;
  if (object.size === 0) return new Refusal('file', 'required', 'the file is empty');
  const config = await deps.store.getConfig(department);
  if (config?.mode !== 'exchange')
    return new Refusal('folder', 'mode', `${department} does not use the exchange folder`);
  const bytes = await deps.folder.readBytes(object.key, EXCHANGE_MAX_FILE_BYTES);
  if (bytes === 'too-large') return tooLarge;

  // The signature first: nothing in the file is believed before it verifies.
  const file = parseExchangeFile(bytes);
  if ('problem' in file) return new Refusal(file.problem.field, file.problem.rule, file.problem.message);
  const secrets = await deps.secrets.get(department);
  if (!secrets)
    return new Refusal(
      'webhook-signature',
      'secret',
      `${department} has no integration secret yet: an administrator configures the department`,
    );
  const now = deps.app.now();
  const check = (s: NonNullable<typeof secrets>) =>
    verify(file.headers, file.body, activeSecrets(s, now), now, EXCHANGE_TOLERANCE_SECONDS);
  try {
    try {
      check(secrets);
    } catch (error) {
      // Signed with a secret rotated since this container cached its copy: read it afresh once (as callbacks do).
      if (!(error instanceof WebhookVerificationError) || error.reason !== 'bad_signature') throw error;
      const fresh = await deps.secrets.get(department, { fresh: true });
      if (!fresh || fresh.current === secrets.current) throw error;
      check(fresh);
    }
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    if (error.reason === 'bad_signature')
      return new Refusal(
        'webhook-signature',
        'signature',
        `no v1 signature matches the body with ${department}’s secret`,
      );
    if (error.reason === 'stale_timestamp')
      return new Refusal(
        'webhook-timestamp',
        'tolerance',
        `${error.message}; at most ${EXCHANGE_TOLERANCE_SECONDS} s either way`,
      );
    return new Refusal('webhook-timestamp', 'format', error.message);
  }

  const webhookId = file.headers['webhook-id'];
  if (!CALLBACK_ID_PATTERN.test(webhookId))
    return new Refusal(
      'webhook-id',
      'pattern',
      '1 to 128 letters, digits, ".", "_", ":" or "-" (it is the decision’s callbackId)',
    );
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.body));
  } catch {
    return new Refusal('body', 'json', 'the body after the empty line is not JSON (UTF-8)');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return new Refusal('body', 'object', 'the body is a JSON object: a decision');
  if ('callbackId' in json && json.callbackId !== webhookId)
    return new Refusal('body.callbackId', 'equals', 'must equal the webhook-id line, or be left out');
  const parsed = decisionSchema.safeParse({ ...json, callbackId: webhookId });
  if (!parsed.success) {
    const [first, ...others] = parsed.error.issues;
    const more = others.map((i) => `; body.${i.path.join('.')}: ${i.code} — ${i.message}`).join('');
    return new Refusal(
      `body${first!.path.length ? `.${first!.path.join('.')}` : ''}`,
      first!.code,
      `${first!.message}${more}`,
    );
  }

  // Keyed by the file's name too: this very file found again (a crash before its move) is finished, not decided
  // twice, while the same webhook-id in another file or a callback is a replay.
  const bodyHash = createHash('sha256').update(`exchange\n${object.key}\n`).update(bytes).digest('hex');
  const replay = new Refusal(
    'webhook-id',
    'unique',
    `${webhookId} was used before by another file or callback of ${department}; nothing was applied`,
  );
  const seen = await deps.store.getCallback(department, webhookId);
  if (seen && seen.bodyHash !== bodyHash) return replay;
  let result: { status: number; answer: unknown } | undefined = seen && { status: seen.status, answer: seen.answer };
  if (!result) {
    result = await decideOnce(parsed.data, department, deps);
    const first = await deps.store.putCallback({
      department,
      callbackId: webhookId,
      bodyHash,
      status: result.status,
      answer: result.answer,
      receivedAt: now.toISOString(),
    });
    if (!first) {
      const other = (await deps.store.getCallback(department, webhookId))!;
      if (other.bodyHash !== bodyHash) return replay;
      result = { status: other.status, answer: other.answer };
    }
  }
  if (result.status !== 200) {
    const answer = result.answer as { error?: string; message?: string };
    return new Refusal(
      'decision',
      'refused',
      `${answer.error ?? 'refused'}: ${answer.message ?? JSON.stringify(result.answer)}`,
    );
  }
  const date = toShanghaiDate(now);
  await deps.folder.move(object.key, `processed/${department}/${date}/${name}`);
  await deps.folder.write(
    `processed/${department}/${date}/${name}.result.json`,
    JSON.stringify(result.answer, null, 2),
  );
  return { answer: result.answer };
}

async function decideOnce(
  decision: DepartmentDecision,
  department: string,
  deps: IntegrationDeps,
): Promise<{ status: number; answer: unknown }> {
  try {
    const decided = await decide(
      decision.taskId,
      decision,
      { sub: `system:${department}`, role: 'system', department, via: 'exchange', callbackId: decision.callbackId },
      deps.app,
    );
    return {
      status: 200,
      answer: { taskId: decided.task.id, status: decided.task.status, caseStatus: decided.case.status },
    };
  } catch (error) {
    if (!isDomainError(error) || error instanceof ConcurrentChangeError) throw error;
    // This very decision decided the task (a concurrent run, or a crash before its answer was stored).
    const task = error instanceof ConflictError ? await deps.app.cases.getTask(decision.taskId) : undefined;
    if (task?.decision?.callbackId === decision.callbackId)
      return { status: 200, answer: { taskId: task.id, status: task.status } };
    return {
      status: deps.refusalStatus(error),
      answer: {
        error: error.name,
        message: error.message,
        ...(error.details.length ? { details: error.details } : {}),
      },
    };
  }
}

/** The most keys one listing reads: a task file comes with its materials' files, so this covers a few hundred tasks. */
const LIST_LIMIT = 1000;

export interface ExchangeFileView {
  readonly key: string;
  readonly name: string;
  readonly kind: 'task' | 'decision';
  readonly taskId?: string;
  readonly caseNumber?: string;
  readonly dueDate?: string;
  readonly reason?: string;
}

/**
 * What sits in a department's exchange folder, for its staff: `waiting` lists the task files under `outbox/<dept>/`
 * whose task is still open (the department's system has not decided yet) and the decision files under
 * `inbox/<dept>/` the minute's pick-up has not reached; `failed` lists the files moved to `error/<dept>/`, each with
 * the reason written beside it.
 */
export async function listExchangeFiles(
  department: string,
  status: 'waiting' | 'failed',
  deps: Pick<IntegrationDeps, 'app'> & { folder: ExchangeFolder },
): Promise<{ items: ExchangeFileView[]; truncated: boolean }> {
  if (status === 'failed') {
    const keys = (await deps.folder.list(`error/${department}/`, LIST_LIMIT)).map((o) => o.key);
    const reasons = new Set(keys.filter((k) => k.endsWith('.reason.txt')));
    const files = keys.filter((k) => !k.endsWith('.reason.txt'));
    const items = await Promise.all(
      files.map(async (key): Promise<ExchangeFileView> => {
        const name = key.slice(`error/${department}/`.length);
        const reasonKey = `${key}.reason.txt`;
        const reason = reasons.has(reasonKey) ? (await deps.folder.read(reasonKey)).trim() : undefined;
        return { key, name, kind: 'decision', ...(reason ? { reason } : {}) };
      }),
    );
    return { items, truncated: keys.length >= LIST_LIMIT };
  }
  const [outbox, inbox] = (
    await Promise.all([
      deps.folder.list(`outbox/${department}/`, LIST_LIMIT),
      deps.folder.list(`inbox/${department}/`, LIST_LIMIT),
    ])
  ).map((objects) => objects.map((o) => o.key)) as [string[], string[]];
  // Task files only (outbox/<dept>/<taskId>.json), not their materials below outbox/<dept>/<taskId>/.
  const taskFiles = outbox.filter((k) => /^[^/]+\.json$/.test(k.slice(`outbox/${department}/`.length)));
  const tasks = await Promise.all(
    taskFiles.map(async (key): Promise<ExchangeFileView | undefined> => {
      const name = key.slice(`outbox/${department}/`.length);
      const task = await deps.app.cases.getTask(name.slice(0, -'.json'.length));
      if (!task || task.department !== department || !isOpen(task)) return undefined;
      return { key, name, kind: 'task', taskId: task.id, caseNumber: task.caseNumber, dueDate: task.dueDate };
    }),
  );
  const decisions = inbox
    .filter((k) => !k.endsWith('/'))
    .map((key): ExchangeFileView => ({ key, name: key.slice(`inbox/${department}/`.length), kind: 'decision' }));
  const open = tasks
    .filter((t): t is ExchangeFileView => t !== undefined)
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
  return { items: [...open, ...decisions], truncated: outbox.length >= LIST_LIMIT || inbox.length >= LIST_LIMIT };
}
