import type { ApplicationDeps } from '../applications/ports';
import { ConflictError } from '../errors';
import type { LicenceDeps } from '../licences/ports';
import { changeState } from '../licences/register';
import type { LicenceRevoker } from './ports';

/**
 * 告知承诺制, Commitment.Breached.v1 → the case's licence is revoked with the department's reason (read from the
 * check: events carry no free text). Repeated deliveries find it revoked already and change nothing.
 */
export async function revokeOnBreach(
  event: { postCheckId: string; caseId: string },
  deps: Pick<ApplicationDeps, 'cases' | 'postChecks'> & { revoker: LicenceRevoker },
): Promise<'revoked' | 'no-licence'> {
  const [check, record] = await Promise.all([deps.postChecks.get(event.postCheckId), deps.cases.get(event.caseId)]);
  if (check?.result !== 'false') throw new Error(`Post-check ${event.postCheckId} has no false result to act on`);
  if (!record?.licenceNo) return 'no-licence';
  await deps.revoker.revoke(record.licenceNo, `告知承诺核查不实：${check.reason ?? ''}`);
  return 'revoked';
}

/**
 * The licence register's revocation as the breach needs it: a licence revoked already (what a redelivered event
 * finds) counts as done.
 */
export function registerRevoker(register: Pick<LicenceDeps, 'store' | 'now'>): LicenceRevoker {
  return {
    async revoke(licenceNo, reason) {
      try {
        await changeState(licenceNo, 'revoke', { reason }, register);
      } catch (error) {
        const revokedAlready =
          error instanceof ConflictError && (await register.store.get(licenceNo))?.state === 'revoked';
        if (!revokedAlready) throw error;
      }
    },
  };
}
