// A department on the exchange folder (前置机), simulated: reads the task files and drops signed decision files.
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { checkDecision, type Decision, newCallbackId } from '../../clients/department-client';
import { signExchangeFile } from '../../shared/webhooks/exchange-file';
import type { DecisionAnswer } from './simulated-department';

/** What a department's 前置机 does with its exchange folder: list, read and write objects (under its own prefixes). */
export interface DepartmentFolder {
  list(prefix: string): Promise<string[]>;
  read(key: string): Promise<string>;
  put(key: string, body: string): Promise<void>;
}

/** The exchange bucket as a department's machine reaches it with S3 credentials. */
export function s3DepartmentFolder(client: S3Client, bucket: string): DepartmentFolder {
  return {
    async list(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        keys.push(...(page.Contents ?? []).map((o) => o.Key!).filter(Boolean));
        token = page.NextContinuationToken;
      } while (token);
      return keys;
    },
    read: async (key) =>
      (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString('utf8'),
    put: async (key, body) =>
      void (await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }),
      )),
  };
}

/**
 * A signed decision file for the exchange folder: the callback's Standard Webhooks headers as its first three
 * lines, an empty line, then the decision (shared/integration/exchange-file.ts). The webhook-id is the decision's
 * callbackId; keep both to drop the same decision again.
 */
export function signedDecisionFile(decision: Decision, secret: string | readonly string[], now: Date): string {
  const body = JSON.stringify(checkDecision(decision));
  return signExchangeFile(
    { id: decision.callbackId, timestamp: now, body },
    typeof secret === 'string' ? [secret] : secret,
  );
}

export interface SimulatedExchangeDepartment {
  /** The decision files dropped so far, by key. */
  readonly dropped: readonly string[];
  setAnswer(answer: DecisionAnswer): void;
  /**
   * One pass of the department's 前置机: every task file under outbox/<dept>/ not answered yet gets a signed
   * decision file under inbox/<dept>/<taskId>.decision.json. Resolves with the keys dropped in this pass.
   */
  sync(): Promise<string[]>;
  stop(): void;
}

/**
 * A department on the exchange folder, simulated: it reads the task files the platform writes and drops signed
 * decisions (approval by default). `pollMs` syncs on a timer (npm start); without it the caller syncs (tests, demo).
 */
export function startSimulatedExchangeDepartment(options: {
  department: string;
  secret: string | readonly string[];
  folder: DepartmentFolder;
  answer?: DecisionAnswer;
  /** The clock the signatures carry; the local cloud passes its own. */
  now?: () => Date;
  pollMs?: number;
}): SimulatedExchangeDepartment {
  const now = options.now ?? (() => new Date());
  const check = (answer: DecisionAnswer) => {
    checkDecision({ ...answer, callbackId: 'probe', taskId: 'probe' });
    return structuredClone(answer);
  };
  let answer = check(options.answer ?? { decision: 'approve', result: { decidedBy: 'simulated-department' } });
  const dropped: string[] = [];
  const { department, folder } = options;
  let running: Promise<string[]> | undefined;

  async function pass(): Promise<string[]> {
    const tasks = (await folder.list(`outbox/${department}/`)).filter((k) =>
      /^[^/]+\.json$/.test(k.slice(`outbox/${department}/`.length)),
    );
    // Answered already: a decision file waits, was processed or failed (a restart does not decide a task twice).
    const answered = new Set(
      (await Promise.all(['inbox', 'processed', 'error'].map((root) => folder.list(`${root}/${department}/`))))
        .flat()
        .map((k) => /([^/]+)\.decision\.json$/.exec(k)?.[1])
        .filter(Boolean),
    );
    const keys: string[] = [];
    for (const taskKey of tasks) {
      const taskId = taskKey.slice(`outbox/${department}/`.length, -'.json'.length);
      if (answered.has(taskId)) continue;
      const decision: Decision = { ...answer, callbackId: newCallbackId(), taskId };
      const key = `inbox/${department}/${taskId}.decision.json`;
      await folder.put(key, signedDecisionFile(decision, options.secret, now()));
      dropped.push(key);
      keys.push(key);
    }
    return keys;
  }

  const sync = () => {
    // One pass at a time: a timer's pass and a caller's must not both answer one task.
    const next = (running ?? Promise.resolve([])).catch(() => []).then(pass);
    running = next;
    return next;
  };
  const timer = options.pollMs ? setInterval(() => void sync().catch(() => undefined), options.pollMs) : undefined;
  timer?.unref();
  return {
    dropped,
    setAnswer(next) {
      answer = check(next);
    },
    sync,
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
