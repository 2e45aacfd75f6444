/** At the hall: check-in codes, checking a booking in by its code, and a hall's bookings of one day. */
import { randomInt, randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import { appointmentCheckedIn, appointmentEvent } from '../../contracts/appointment-events';
import { ConcurrentChangeError, ConflictError, NotFoundError, RuleViolationError } from '../errors';
import { requireHall, requireHallAccess } from './halls';
import { type Appointment, CHECK_IN_EARLY_MINUTES } from './model';
import type { AppointmentDeps } from './ports';
import { eventDetail, MINUTE_MS, rule, startsAt } from './booking-rules';

/** 8 characters without look-alikes (no 0/O, 1/I/L): 31^8 ≈ 8.5 × 10^11 codes. */
export const CHECK_IN_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CHECK_IN_CODE_LENGTH = 8;
export const checkInCode = () =>
  Array.from({ length: CHECK_IN_CODE_LENGTH }, () => CHECK_IN_ALPHABET[randomInt(CHECK_IN_ALPHABET.length)]).join('');
export const normaliseCode = (code: string) => code.trim().toUpperCase().replace(/[\s-]/g, '');

/**
 * A window officer types in the applicant's code. Window tokens carry no hall claim, so any window officer may check
 * in at any hall; the code must belong to this hall. Open from an hour before the slot to the end of the grace.
 */
export async function checkIn(
  deps: AppointmentDeps,
  principal: Principal,
  hallId: string,
  rawCode: string,
): Promise<Appointment> {
  requireHallAccess(await requireHall(deps, hallId, 'params.id'), principal);
  const code = normaliseCode(rawCode);
  const before = await deps.store.findByCheckInCode(hallId, code);
  if (!before || before.hallId !== hallId)
    throw new NotFoundError('No booking with this check-in code at this hall', [
      rule('code', 'exists', 'unknown check-in code', '预约码无效'),
    ]);
  if (before.status === 'CHECKED_IN')
    throw new ConflictError(`Checked in already at ${before.checkedInAt}`, [
      rule('code', 'once', 'this booking is checked in already', '已签到'),
    ]);
  if (before.status === 'CANCELLED')
    throw new ConflictError('The booking was cancelled', [
      rule('code', 'state', 'the booking was cancelled', '预约已取消'),
    ]);
  const now = deps.now();
  const begins = startsAt(before).getTime();
  const tooLate = before.status === 'NO_SHOW' || now.getTime() > begins + deps.noShowGraceMinutes * MINUTE_MS;
  if (tooLate)
    throw new RuleViolationError(`Check-in closed ${deps.noShowGraceMinutes} min after the slot began`, [
      rule(
        'code',
        'too-late',
        `check-in closes ${deps.noShowGraceMinutes} min after ${before.start}`,
        '已超过签到时间',
      ),
    ]);
  if (now.getTime() < begins - CHECK_IN_EARLY_MINUTES * MINUTE_MS) {
    throw new RuleViolationError(
      `Check-in opens ${CHECK_IN_EARLY_MINUTES} min before the slot (${before.date} ${before.start})`,
      [
        rule(
          'code',
          'too-early',
          `check-in opens ${CHECK_IN_EARLY_MINUTES} min before ${before.start} on ${before.date}`,
          '未到签到时间',
        ),
      ],
    );
  }
  const after: Appointment = {
    ...before,
    status: 'CHECKED_IN',
    checkedInAt: now.toISOString(),
    checkedInBy: principal.sub,
    updatedAt: now.toISOString(),
    revision: before.revision + 1,
  };
  try {
    await deps.store.update(
      before,
      after,
      appointmentEvent(appointmentCheckedIn, {
        ...eventDetail(after, randomUUID(), now),
        checkedInAt: after.checkedInAt!,
      }),
    );
  } catch (error) {
    // Two officers typing the same code at once: one wins, the other hears "checked in already".
    if (error instanceof ConcurrentChangeError)
      throw new ConflictError('The booking changed meanwhile (checked in already?)', [
        rule('code', 'once', 'this booking changed meanwhile'),
      ]);
    throw error;
  }
  return after;
}

/** A hall's bookings of one day, for the windows and supervisors who reach the hall (requireHallAccess). */
export async function hallDay(deps: AppointmentDeps, principal: Principal, hallId: string, date: string) {
  const hall = await requireHall(deps, hallId, 'params.id');
  requireHallAccess(hall, principal);
  return { hall, items: await deps.store.listByHallDate(hall.id, date) };
}
