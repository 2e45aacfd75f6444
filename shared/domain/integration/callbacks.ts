import { createHash } from 'node:crypto';
import { decisionSchema } from '../../contracts/integration';
import { type HeaderSource, verify, WebhookVerificationError } from '../../webhooks/standard-webhooks';
import {
  ConcurrentChangeError,
  ConflictError,
  type DomainError,
  isDomainError,
  UnauthorizedError,
  ValidationError,
} from '../errors';
import { decide } from '../workflow/decide';
import { taskView } from '../workflow/task';
import { caseView } from '../applications/view';
import type { IntegrationDeps } from './ports';
import { activeSecrets } from './webhook-deliveries';

/**
 * A department's signed callback with its decision. The signature and timestamp (±5 minutes) are checked before
 * anything else, the body is parsed only then. Each callback id is processed once: a replay gets the first answer
 * (including a refusal), the same id with another body is refused.
 */
export async function receiveCallback(
  department: string,
  headers: HeaderSource,
  rawBody: string,
  deps: IntegrationDeps,
): Promise<{ status: number; body: unknown }> {
  const secrets = await deps.secrets.get(department);
  // An unknown department and a bad signature look the same from outside.
  if (!secrets) throw new UnauthorizedError('The callback signature does not verify');
  const check = (s: NonNullable<typeof secrets>) =>
    verify(headers, rawBody, activeSecrets(s, deps.app.now()), deps.app.now()).id;
  let webhookId: string;
  try {
    try {
      webhookId = check(secrets);
    } catch (error) {
      // Signed with a secret rotated in another container since this one cached its copy: read it afresh once.
      if (!(error instanceof WebhookVerificationError) || error.reason !== 'bad_signature') throw error;
      const fresh = await deps.secrets.get(department, { fresh: true });
      if (!fresh || fresh.current === secrets.current) throw error;
      webhookId = check(fresh);
    }
  } catch (error) {
    if (error instanceof WebhookVerificationError)
      throw new UnauthorizedError(`The callback was refused: ${error.reason}`);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new ValidationError('The body is not JSON', [{ path: 'body', rule: 'json', message: 'a JSON decision' }]);
  }
  const parsed = decisionSchema.safeParse(json);
  if (!parsed.success) {
    throw new ValidationError(
      'The decision is not valid',
      parsed.error.issues.map((i) => ({
        path: ['body', ...i.path.map(String)].join('.'),
        rule: i.code,
        message: i.message,
      })),
    );
  }
  const decision = parsed.data;
  if (decision.callbackId !== webhookId)
    throw new ValidationError('The webhook-id header must be the decision’s callbackId', [
      { path: 'headers.webhook-id', rule: 'equals', message: 'must equal body.callbackId' },
    ]);

  const bodyHash = createHash('sha256').update(rawBody).digest('hex');
  const seen = await deps.store.getCallback(department, decision.callbackId);
  if (seen) return replay(seen, bodyHash, deps);

  let answer: { status: number; body: unknown };
  try {
    const decided = await decide(
      decision.taskId,
      decision,
      { sub: `system:${department}`, role: 'system', department, via: 'callback', callbackId: decision.callbackId },
      deps.app,
    );
    answer = {
      status: 200,
      body: {
        task: taskView(decided.task),
        case: { id: decided.case.id, number: decided.case.number, status: caseView(decided.case).status },
      },
    };
  } catch (error) {
    // A transient clash is not an answer to remember: the department's retry should find the task free.
    if (!isDomainError(error) || error instanceof ConcurrentChangeError) throw error;
    const task = error instanceof ConflictError ? await deps.app.cases.getTask(decision.taskId) : undefined;
    if (task?.decision?.callbackId === decision.callbackId) {
      // This very callback decided the task (a concurrent duplicate, or a crash before its answer was stored).
      answer = { status: 200, body: { task: taskView(task) } };
    } else {
      answer = refusal(error, deps);
    }
  }
  const first = await deps.store.putCallback({
    department,
    callbackId: decision.callbackId,
    bodyHash,
    status: answer.status,
    answer: answer.body,
    receivedAt: deps.app.now().toISOString(),
  });
  if (!first) return replay((await deps.store.getCallback(department, decision.callbackId))!, bodyHash, deps);
  return answer;
}

function replay(
  seen: { bodyHash: string; status: number; answer: unknown },
  bodyHash: string,
  deps: Pick<IntegrationDeps, 'refusalStatus'>,
) {
  if (seen.bodyHash !== bodyHash) return refusal(new ConflictError('This callbackId was used with another body'), deps);
  return { status: seen.status, body: seen.answer };
}

/** A refusal's answer: the error's status (as the HTTP layer maps it) and the API's error body. */
function refusal(error: DomainError, deps: Pick<IntegrationDeps, 'refusalStatus'>): { status: number; body: unknown } {
  return {
    status: deps.refusalStatus(error),
    body: {
      error: { code: error.name, message: error.message, ...(error.details.length ? { details: error.details } : {}) },
    },
  };
}
