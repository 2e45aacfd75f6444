// A department's system receiving task webhooks, simulated (the exchange-folder one: simulated-exchange-department.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  checkDecision,
  type Correction,
  type Decision,
  DepartmentClientError,
  newCallbackId,
  signCallback,
  type TaskWebhookPayload,
  verifyWebhook,
  WebhookVerificationError,
} from '../../clients/department-client';
import { faultInjector } from './fault-injector';

/**
 * A department's own system, simulated for the local cloud and the tests. It receives task webhooks as a real one
 * would, with the department client: checks each signature (401 otherwise), de-duplicates on webhook-id (a
 * re-delivery gets the first answer and triggers nothing), and then decides according to its behaviour, which a
 * test may change at any time.
 */

/** A decision as configured, before the department fills in the task and a fresh callbackId. */
export type DecisionAnswer = Omit<Decision, 'callbackId' | 'taskId'>;

export type SimulatedBehaviour =
  /** 202, then a signed approve callback after delayMs. */
  | { mode: 'approve-after'; delayMs: number }
  /** 200 with the decision in the body: the department decides within the webhook call. */
  | { mode: 'answer-inline'; decision: DecisionAnswer }
  /** 202, then a signed reject callback (after delayMs, default at once). */
  | { mode: 'reject'; reason: string; delayMs?: number }
  /** 202, then a signed return callback asking for corrections. */
  | { mode: 'return'; corrections: Correction[]; delayMs?: number }
  /** Answers `status` until forMs has passed since the message's first attempt, then approves at once. */
  | { mode: 'fail'; status: number; forMs: number };

export interface ReceivedWebhook {
  /** The webhook-id and webhook-timestamp headers as sent. */
  readonly id: string | undefined;
  readonly timestamp: string | undefined;
  readonly receivedAt: Date;
  readonly verified: boolean;
  /** Why it was refused: a WebhookVerificationError reason, or invalid_payload. */
  readonly failure?: string;
  readonly body: string;
  /** What the department answered. */
  readonly status: number;
  /** A re-delivery of a message already handled. */
  readonly duplicate: boolean;
}

export interface SentCallback {
  readonly webhookId: string;
  readonly url: string;
  readonly decision: Decision;
  readonly sentAt: Date;
  /** How many times it was sent: a 5xx, a 429 or no answer is sent again, as a department's system should. */
  attempts: number;
  /** The platform's last answer, once it came; or the last network error. */
  status?: number;
  answer?: string;
  error?: string;
}

export interface SimulatedDepartment {
  readonly url: string;
  readonly received: readonly ReceivedWebhook[];
  readonly callbacks: readonly SentCallback[];
  setBehaviour(behaviour: SimulatedBehaviour): void;
  /** Resolves once every scheduled callback has been sent and answered (or failed). */
  idle(): Promise<void>;
  /** Callbacks scheduled or on their way (idle() resolves when none is). */
  readonly pending: number;
  stop(): Promise<void>;
}

export interface SimulatedDepartmentOptions {
  /** 0 picks a free port. */
  port: number;
  /** The department's integration secret; two during a rotation. */
  secret: string | readonly string[];
  behaviour: SimulatedBehaviour;
  /** The clock for signature tolerance and the fail mode's period; the local cloud passes its own. */
  now?: () => Date;
  host?: string;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Waits before a callback is sent again (real time): three more attempts within two seconds. */
const CALLBACK_RETRY_DELAYS_MS = [250, 500, 1000];

/** fetch rejects with "fetch failed"; its cause says why (ECONNREFUSED, a timeout). Duck-typed: errors from
 * another realm (Jest's) are not `instanceof Error` here. */
function describeError(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('message' in error)) return String(error);
  const cause = 'cause' in error && error.cause !== undefined ? `: ${describeError(error.cause)}` : '';
  return String(error.message) + cause;
}

/** Refuses a behaviour that could only produce a decision the platform would refuse, when it is set. */
function checkBehaviour(behaviour: SimulatedBehaviour): SimulatedBehaviour {
  const probe = (answer: DecisionAnswer) => checkDecision({ ...answer, callbackId: 'probe', taskId: 'probe' });
  switch (behaviour.mode) {
    case 'answer-inline':
      probe(behaviour.decision);
      break;
    case 'reject':
      probe({ decision: 'reject', reason: behaviour.reason });
      break;
    case 'return':
      probe({ decision: 'return', corrections: behaviour.corrections });
      break;
    case 'fail':
      if (behaviour.status < 400 || behaviour.status > 599) throw new RangeError('fail mode needs a 4xx or 5xx status');
      break;
    case 'approve-after':
      break;
  }
  return structuredClone(behaviour);
}

export async function startSimulatedDepartment(options: SimulatedDepartmentOptions): Promise<SimulatedDepartment> {
  const now = options.now ?? (() => new Date());
  let behaviour = checkBehaviour(options.behaviour);
  const received: ReceivedWebhook[] = [];
  const callbacks: SentCallback[] = [];
  /** The answer given to each handled message, replayed to its re-deliveries. */
  const answers = new Map<string, { status: number; body: string }>();
  /** When each message was first seen, for the fail mode. */
  const firstSeen = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const aborter = new AbortController();

  function send(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  }

  async function postDecision(webhookId: string, url: string, decision: Decision): Promise<void> {
    const record: SentCallback = { webhookId, url, decision, sentAt: now(), attempts: 0 };
    callbacks.push(record);
    for (const delayMs of [...CALLBACK_RETRY_DELAYS_MS, undefined]) {
      record.attempts += 1;
      // Signed afresh for each attempt (the timestamp is checked); the same callbackId and body make it a replay.
      const signed = signCallback(decision, options.secret, now());
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: signed.headers,
          body: signed.body,
          signal: aborter.signal,
        });
        record.status = response.status;
        record.answer = await response.text();
        delete record.error;
        if (response.status < 500 && response.status !== 429) return;
      } catch (error) {
        delete record.status;
        delete record.answer;
        record.error = describeError(error);
      }
      if (delayMs === undefined || aborter.signal.aborted) return;
      try {
        await sleep(delayMs, undefined, { signal: aborter.signal });
      } catch {
        return;
      }
    }
  }

  function scheduleCallback(
    webhookId: string,
    task: TaskWebhookPayload,
    answer: DecisionAnswer,
    delayMs: number,
  ): void {
    const decision: Decision = { ...answer, callbackId: newCallbackId(), taskId: task.taskId };
    // Counted as in flight from now, so idle() also waits for callbacks that are still delayed.
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        void postDecision(webhookId, task.callbackUrl, decision).finally(resolve);
      }, delayMs);
      timers.add(timer);
      aborter.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  }

  /** Decides a verified, first-seen message; returns the answer, and whether to remember it for re-deliveries. */
  function decide(id: string, task: TaskWebhookPayload): { status: number; body: string; remember: boolean } {
    const accepted = JSON.stringify({ status: 'accepted', taskId: task.taskId });
    let current = behaviour;
    if (current.mode === 'fail') {
      const first = firstSeen.get(id) ?? now().getTime();
      firstSeen.set(id, first);
      // A failed attempt handled nothing, so it is not remembered: the platform's retry is decided afresh.
      if (now().getTime() - first < current.forMs) {
        return { status: current.status, body: JSON.stringify({ error: 'simulated outage' }), remember: false };
      }
      current = { mode: 'approve-after', delayMs: 0 };
    }
    switch (current.mode) {
      case 'approve-after':
        scheduleCallback(
          id,
          task,
          { decision: 'approve', result: { decidedBy: 'simulated-department' } },
          current.delayMs,
        );
        return { status: 202, body: accepted, remember: true };
      case 'reject':
        scheduleCallback(id, task, { decision: 'reject', reason: current.reason }, current.delayMs ?? 0);
        return { status: 202, body: accepted, remember: true };
      case 'return':
        scheduleCallback(id, task, { decision: 'return', corrections: current.corrections }, current.delayMs ?? 0);
        return { status: 202, body: accepted, remember: true };
      case 'answer-inline': {
        const decision: Decision = { ...current.decision, callbackId: newCallbackId(), taskId: task.taskId };
        return { status: 200, body: JSON.stringify(decision), remember: true };
      }
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const text = body.toString('utf8');
    const id = typeof req.headers['webhook-id'] === 'string' ? req.headers['webhook-id'] : undefined;
    const timestamp =
      typeof req.headers['webhook-timestamp'] === 'string' ? req.headers['webhook-timestamp'] : undefined;
    const record = (status: number, extra: { verified: boolean; failure?: string; duplicate?: boolean }) =>
      received.push({ id, timestamp, receivedAt: now(), body: text, status, duplicate: false, ...extra });

    let task: TaskWebhookPayload;
    try {
      task = verifyWebhook(req.headers, body, options.secret, now());
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        record(401, { verified: false, failure: error.reason });
        send(res, 401, JSON.stringify({ error: error.reason }));
        return;
      }
      if (error instanceof DepartmentClientError) {
        record(400, { verified: true, failure: error.reason });
        send(res, 400, JSON.stringify({ error: error.reason, problems: error.problems }));
        return;
      }
      throw error;
    }
    // verifyWebhook succeeded, so the id header is there. Everything below is synchronous: two concurrent
    // deliveries of one message cannot both pass the de-duplication.
    const messageId = id!;
    const previous = answers.get(messageId);
    if (previous) {
      record(previous.status, { verified: true, duplicate: true });
      send(res, previous.status, previous.body);
      return;
    }
    const answer = decide(messageId, task);
    if (answer.remember) answers.set(messageId, { status: answer.status, body: answer.body });
    record(answer.status, { verified: true });
    send(res, answer.status, answer.body);
  }

  const server = createServer((req, res) => {
    if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'method_not_allowed' }));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        send(res, 413, JSON.stringify({ error: 'payload_too_large' }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      const run = () => {
        try {
          handle(req, res, Buffer.concat(chunks));
        } catch (error) {
          send(res, 500, JSON.stringify({ error: error instanceof Error ? error.message : 'internal' }));
        }
      };
      // The soak's faults (off unless a fault injector is installed): the system is down, or answers late.
      const injector = faultInjector();
      const fault = injector?.roll('webhook');
      if (fault === 'webhook-down') return send(res, 503, JSON.stringify({ error: 'simulated outage (injected)' }));
      if (fault === 'webhook-slow') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          run();
        }, injector!.delayMs());
        timers.add(timer);
        return;
      }
      run();
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}/`,
    received,
    callbacks,
    setBehaviour(next) {
      behaviour = checkBehaviour(next);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    get pending() {
      return inFlight.size;
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      aborter.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
