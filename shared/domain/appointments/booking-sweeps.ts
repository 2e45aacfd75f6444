/** The hourly sweeps over bookings: reminders before the slot, and no-shows after its grace. */
import { eachIsolated, type SweepFailure } from '../sweep';
import type { OutboxEvent } from '../events';
import { appointmentEvent, appointmentNoShow, appointmentReminderDue } from '../../contracts/appointment-events';
import { toShanghaiDate } from '../calendar/working-days';
import { ConcurrentChangeError } from '../errors';
import type { Appointment } from './model';
import type { AppointmentDeps } from './ports';
import { instantOf } from './slots';
import { eventDetail, MINUTE_MS, startsAt } from './booking-rules';

const HOUR_MS = 3_600_000;

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** An instant's wall-clock time in Asia/Shanghai (UTC+8 all year). */
const shanghaiTime = (instant: Date) => new Date(instant.getTime() + 8 * HOUR_MS).toISOString().slice(11, 16);

/** Each hall's bookings still BOOKED with a start in [from, to] (instants), read a day partition at a time. */
async function bookedBetween(deps: AppointmentDeps, from: Date, to: Date): Promise<Appointment[]> {
  const found: Appointment[] = [];
  const first = toShanghaiDate(from);
  const last = toShanghaiDate(to);
  const halls = await deps.store.listHalls();
  for (const hall of halls) {
    for (let date = first; date <= last; date = addDays(date, 1)) {
      const bounds = {
        ...(date === first ? { from: shanghaiTime(from) } : {}),
        ...(date === last ? { to: shanghaiTime(to) } : {}),
      };
      const items = await deps.store.listByHallDate(hall.id, date, { ...bounds, status: 'BOOKED' });
      found.push(...items.filter((a) => startsAt(a) >= from && startsAt(a) <= to));
    }
  }
  return found;
}

async function tryUpdate(
  deps: AppointmentDeps,
  before: Appointment,
  after: Appointment,
  event: OutboxEvent,
): Promise<boolean> {
  try {
    await deps.store.update(before, after, event);
    return true;
  } catch (error) {
    // The owner cancelled or a window checked in meanwhile: the next run sees the new state.
    if (error instanceof ConcurrentChangeError) return false;
    throw error;
  }
}

/** Hourly: Appointment.ReminderDue.v1 for each booking beginning within the reminder period, once per slot booked. */
export async function sweepReminders(deps: AppointmentDeps): Promise<{ reminded: string[]; failed: SweepFailure[] }> {
  const now = deps.now();
  const reminded: string[] = [];
  const failed: SweepFailure[] = [];
  const due = await bookedBetween(
    deps,
    new Date(now.getTime() + 1),
    new Date(now.getTime() + deps.reminderHours * HOUR_MS),
  );
  // Each booking on its own: one that cannot be written waits for the next hour, the others are reminded now.
  await eachIsolated(
    due,
    (b) => b.id,
    async (before) => {
      const slotKey = `${before.date}T${before.start}`;
      if (before.remindedFor === slotKey) return;
      const after: Appointment = {
        ...before,
        remindedFor: slotKey,
        revision: before.revision + 1,
        updatedAt: now.toISOString(),
      };
      const event = appointmentEvent(appointmentReminderDue, {
        ...eventDetail(after, `${before.id}.reminder.${after.revision}`, now),
        startsAt: `${before.date}T${before.start}:00+08:00`,
        hoursAhead: deps.reminderHours,
      });
      if (await tryUpdate(deps, before, after, event)) reminded.push(before.id);
    },
    failed,
  );
  return { reminded, failed };
}

/** Hourly: bookings whose slot began more than the grace ago and nobody checked in become NO_SHOW, once each. */
export async function sweepNoShows(
  deps: AppointmentDeps,
  lookbackDays = 2,
): Promise<{ noShows: string[]; failed: SweepFailure[] }> {
  const now = deps.now();
  const cutoff = new Date(now.getTime() - deps.noShowGraceMinutes * MINUTE_MS - 1);
  const from = instantOf(addDays(toShanghaiDate(cutoff), -lookbackDays), '00:00');
  const noShows: string[] = [];
  const failed: SweepFailure[] = [];
  await eachIsolated(
    await bookedBetween(deps, from, cutoff),
    (b) => b.id,
    async (before) => {
      const after: Appointment = {
        ...before,
        status: 'NO_SHOW',
        noShowAt: now.toISOString(),
        revision: before.revision + 1,
        updatedAt: now.toISOString(),
      };
      const event = appointmentEvent(appointmentNoShow, {
        ...eventDetail(after, `${before.id}.no-show`, now),
        graceMinutes: deps.noShowGraceMinutes,
      });
      if (await tryUpdate(deps, before, after, event)) noShows.push(before.id);
    },
    failed,
  );
  return { noShows, failed };
}
