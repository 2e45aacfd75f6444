import { createHash } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import { applicationSubmitted } from '../../contracts/application-events';
import { provisionalMarks } from '../calendar/provisional';
import { toShanghaiDate } from '../calendar/working-days';
import { ConflictError, RuleViolationError, ValidationError } from '../errors';
import { acceptance, acceptedEvent } from './acceptance';
import { actorOf, apply, caseEvent as event, SYSTEM } from './changes';
import { requireActingOwner } from './load';
import { missingMaterials } from './materials';
import type { CaseRecord } from './model';
import type { ApplicationDeps } from './ports';
import { templateOfCase } from './template';

export function requestHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Submission. With an Idempotency-Key, the same key and body give the same answer and another body is a conflict;
 * the key's record is written in the submission's own transaction. Accepted at once when the matter accepts
 * automatically and every required material is there; otherwise it waits for the window.
 */
export async function submit(
  id: string,
  input: { form?: Record<string, unknown> },
  principal: Principal,
  deps: ApplicationDeps,
  idempotencyKey?: string,
): Promise<CaseRecord> {
  const hash = requestHash({ id, input });
  if (!idempotencyKey) return submitDraft(id, input, principal, deps);
  try {
    return await submitDraft(id, input, principal, deps, { key: idempotencyKey, hash });
  } catch (error) {
    // Nothing is read before the first attempt: a repeated request fails (the case is no longer a draft, or the
    // key's record is written, conditionally, in the same transaction) and its record answers it.
    const seen = await deps.cases.getIdempotency(principal.sub, idempotencyKey);
    if (!seen) throw error;
    if (seen.requestHash !== hash) throw new ConflictError('This Idempotency-Key was used with another request');
    return seen.response as CaseRecord;
  }
}

async function submitDraft(
  id: string,
  input: { form?: Record<string, unknown> },
  principal: Principal,
  deps: ApplicationDeps,
  idempotency?: { key: string; hash: string },
): Promise<CaseRecord> {
  // The case and the calendar (the catalogue's revision) are read together: one round trip before the transaction.
  const owned = requireActingOwner(id, principal, deps);
  owned.catch(() => undefined);
  const calendarRead = deps.calendar();
  calendarRead.catch(() => undefined);
  const record = await owned;
  const [template, calendar] = await Promise.all([templateOfCase(deps.matters, record), calendarRead]);
  const form = input.form ?? record.form;
  const result = template.validate(form);
  if (!result.ok) throw new ValidationError(`The form has ${result.errors.length} problem(s)`, result.errors);
  const checked = { ...record, form: result.value };
  const missing = missingMaterials(checked, template);
  if (missing.intolerable.length > 0) {
    throw new RuleViolationError(
      `Required materials are missing: ${missing.intolerable.map((m) => m.name).join('、')}`,
      missing.intolerable.map((m) => ({
        path: `materials.${m.code}`,
        rule: 'required',
        message: `${m.name} is required`,
        messageZh: `缺少材料：${m.name}`,
      })),
    );
  }
  const now = deps.now();
  const at = now.toISOString();
  const acceptanceDue = calendar.addWorkingDays(toShanghaiDate(now), deps.acceptanceDays);
  // A December submission whose deadline reaches a year without its holiday notice: Monday to Friday for now.
  const provisional = provisionalMarks(deps, id, calendar, [[toShanghaiDate(now), acceptanceDue]]);
  const submitted = {
    action: 'submitted' as const,
    actor: actorOf(principal),
    patch: {
      form: result.value,
      submittedAt: at,
      acceptanceDue,
      acceptanceDueProvisional: provisional.length > 0 ? true : undefined,
      expiresAt: undefined,
    },
  };
  const changes: Parameters<typeof apply>[1][number][] = [submitted];
  const projected = { ...checked, ...submitted.patch };
  const events = [
    event(applicationSubmitted, projected, at, {
      submittedAt: at,
      acceptanceDue,
      missingTolerable: missing.tolerable.map((m) => m.code),
    }),
  ];
  if (template.acceptance === 'auto' && missing.tolerable.length === 0) {
    changes.push(acceptance(template, SYSTEM, at, false, []));
    events.push(acceptedEvent(projected, template, at, false, []));
  }
  return apply(record, changes, deps, events, {
    items: provisional,
    ...(idempotency
      ? {
          idempotency: (after) => ({
            key: idempotency.key,
            sub: principal.sub,
            requestHash: idempotency.hash,
            caseId: id,
            response: after,
          }),
        }
      : {}),
  });
}
