import type { Principal } from '../../auth/principal';
import { applicationWithdrawn } from '../../contracts/application-events';
import { actorOf, apply, caseEvent as event } from './changes';
import { requireActingOwner } from './load';
import type { CaseRecord } from './model';
import type { ApplicationDeps } from './ports';

/** The owner withdraws their case; Application.Withdrawn.v1 stops its workflow (workflow/resume.ts). */
export async function withdraw(
  id: string,
  input: { reason?: string },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  const at = deps.now().toISOString();
  return apply(
    record,
    [
      {
        action: 'withdrawn',
        actor: actorOf(principal),
        reason: input.reason,
        patch: { acceptanceDue: undefined, expiresAt: undefined },
      },
    ],
    deps,
    [
      event(applicationWithdrawn, record, at, {
        fromStatus: record.status,
        ...(input.reason ? { reason: input.reason } : {}),
      }),
    ],
  );
}
