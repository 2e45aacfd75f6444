import { createHash } from 'node:crypto';
import { decisionSchema } from '../../contracts/integration';
import { toShanghaiDate } from '../calendar/working-days';
import { ConcurrentChangeError, isDomainError } from '../errors';
import { decide } from '../workflow/review';
import { isOpen } from '../workflow/task';
import { type IntegrationDeps, taskOpenedMessage } from './deliveries';

/**
 * The exchange folder (前置机 style), for departments with no live endpoint: the platform writes each task as a
 * JSON file with its materials under `outbox/<dept>/`, and collects decision files the department drops under
 * `inbox/<dept>/`. Every file processed moves to `processed/<dept>/<date>/` with a result file beside it; a file
 * that cannot be used moves to `error/<dept>/` with a `.reason.txt`. Nothing is deleted without being moved.
 */
export interface ExchangeFolder {
  list(prefix: string, limit: number): Promise<string[]>;
  read(key: string): Promise<string>;
  write(key: string, body: string): Promise<void>;
  move(from: string, to: string): Promise<void>;
  /** Copies a case file from the attachments bucket into the folder. */
  copyAttachment(attachmentKey: string, to: string): Promise<void>;
}

export async function writeTaskFile(event: { taskId: string; taskDepartment: string; caseId: string }, deps: IntegrationDeps & { folder: ExchangeFolder }): Promise<string | undefined> {
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
    answer: `Drop a decision file (JSON: {"taskId", "decision", "reason"?, ...}) under inbox/${task.department}/`,
  };
  // The JSON file last, so a department that picks up *.json finds the materials already there.
  await deps.folder.write(`${base}.json`, JSON.stringify(body, null, 2));
  return `${base}.json`;
}

/** The scheduled pick-up of decision files: each is decided once (its key is its callback id) and moved. */
export async function processInbox(deps: IntegrationDeps & { folder: ExchangeFolder }): Promise<{ processed: string[]; failed: string[] }> {
  const processed: string[] = [];
  const failed: string[] = [];
  for (const key of await deps.folder.list('inbox/', 100)) {
    const [, department, ...rest] = key.split('/');
    const name = rest.join('/');
    if (!department || !name || name.endsWith('/')) continue;
    const date = toShanghaiDate(deps.app.now());
    const fail = async (reason: string) => {
      await deps.folder.move(key, `error/${department}/${name}`);
      await deps.folder.write(`error/${department}/${name}.reason.txt`, `${reason}\n`);
      failed.push(key);
    };
    const config = await deps.store.getConfig(department);
    if (config?.mode !== 'exchange') {
      await fail(`${department} does not use the exchange folder`);
      continue;
    }
    const text = await deps.folder.read(key);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      await fail('The file is not JSON');
      continue;
    }
    // Once per file and content: the same name reused for another decision is another decision.
    const callbackId = `exchange.${department}.${createHash('sha256').update(`${key}\n${text}`).digest('hex').slice(0, 40)}`;
    const parsed = decisionSchema.safeParse({ callbackId, ...(json as object) });
    if (!parsed.success) {
      await fail(`The decision is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
      continue;
    }
    const seen = await deps.store.getCallback(department, callbackId);
    let result: { status: number; answer: unknown } = seen ? { status: seen.status, answer: seen.answer } : { status: 0, answer: undefined };
    if (!seen) {
      try {
        const decided = await decide(parsed.data.taskId, parsed.data, { sub: `system:${department}`, role: 'system', department, via: 'exchange', callbackId }, deps.app);
        result = { status: 200, answer: { taskId: decided.task.id, status: decided.task.status, caseStatus: decided.case.status } };
      } catch (error) {
        if (!isDomainError(error) || error instanceof ConcurrentChangeError) throw error;
        result = { status: 409, answer: { error: error.name, message: error.message } };
      }
      await deps.store.putCallback({ department, callbackId, bodyHash: '', status: result.status, answer: result.answer, receivedAt: deps.app.now().toISOString() });
    }
    if (result.status !== 200) {
      await fail(`The decision was refused: ${JSON.stringify(result.answer)}`);
      continue;
    }
    await deps.folder.move(key, `processed/${department}/${date}/${name}`);
    await deps.folder.write(`processed/${department}/${date}/${name}.result.json`, JSON.stringify(result.answer, null, 2));
    processed.push(key);
  }
  return { processed, failed };
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
export async function listExchangeFiles(department: string, status: 'waiting' | 'failed', deps: Pick<IntegrationDeps, 'app'> & { folder: ExchangeFolder }): Promise<{ items: ExchangeFileView[]; truncated: boolean }> {
  if (status === 'failed') {
    const keys = await deps.folder.list(`error/${department}/`, LIST_LIMIT);
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
  const [outbox, inbox] = await Promise.all([deps.folder.list(`outbox/${department}/`, LIST_LIMIT), deps.folder.list(`inbox/${department}/`, LIST_LIMIT)]);
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
  const decisions = inbox.filter((k) => !k.endsWith('/')).map((key): ExchangeFileView => ({ key, name: key.slice(`inbox/${department}/`.length), kind: 'decision' }));
  const open = tasks.filter((t): t is ExchangeFileView => t !== undefined).sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
  return { items: [...open, ...decisions], truncated: outbox.length >= LIST_LIMIT || inbox.length >= LIST_LIMIT };
}
