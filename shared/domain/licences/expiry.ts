import { eachIsolated, type SweepFailure } from '../sweep';
import { toShanghaiDate } from '../calendar/working-days';
import { event, type LicenceDeps, type LicenceRecord } from './register';

/**
 * The daily expiry sweep: licences whose validity ended yesterday (Asia/Shanghai) get their Licence.Expired.v1, so
 * holders are told and statistics count them. Verification needs no sweep: it compares validUntil with now.
 * Reads one date partition of the expiry index (no scan); a day missed is caught up by `days`.
 */
export async function announceExpiries(
  deps: LicenceDeps & { store: LicenceDeps['store'] & ExpiryIndex },
  days = 2,
): Promise<{ expired: string[]; failed: SweepFailure[] }> {
  const expired: string[] = [];
  const failed: SweepFailure[] = [];
  const today = toShanghaiDate(deps.now());
  for (let back = days; back >= 1; back--) {
    const date = toShanghaiDate(new Date(Date.parse(`${today}T12:00:00+08:00`) - back * 86_400_000));
    // Each licence on its own: one that cannot be written is announced tomorrow (the look-back), the others today.
    await eachIsolated(
      await deps.store.listExpiringOn(date),
      (r) => r.licenceNo,
      async (record) => {
        if (record.expiredAnnounced || record.state !== 'valid') return;
        const after = { ...record, expiredAnnounced: true, revision: record.revision + 1 };
        await deps.store.save({ before: record, after, events: [event('Licence.Expired.v1', after, deps.now())] });
        expired.push(record.licenceNo);
      },
      failed,
    );
  }
  return { expired, failed };
}

export interface ExpiryIndex {
  listExpiringOn(date: string): Promise<LicenceRecord[]>;
}
