import type { OutboxEvent } from '../events';
import type { Authorisation, CaseRecord } from '../applications/model';
import type { WorkingDayCalendar } from '../calendar/working-days';
import type { AppointmentPolicy, MatterContent } from '../catalogue/model';
import type { Appointment, AppointmentStatus, Hall, Page, Place, SlotCounter } from './model';

export interface AppointmentStore {
  getHall(id: string): Promise<Hall | undefined>;
  /** Halls whose region code starts with `regionPrefix` (every hall without one), ordered by region and id. */
  listHalls(regionPrefix?: string): Promise<Hall[]>;
  /** `create`: only when absent (returns false when it exists); `replace`: create or overwrite. */
  putHall(hall: Hall, mode: 'create' | 'replace'): Promise<boolean>;
  /** The counters of a hall's day, or of one slot of it (consistent reads). */
  slotCounters(hallId: string, date: string, start?: string): Promise<SlotCounter[]>;
  get(id: string): Promise<Appointment | undefined>;
  findByCheckInCode(hallId: string, code: string): Promise<Appointment | undefined>;
  listByApplicant(sub: string, limit: number, cursor?: string): Promise<Page<Appointment>>;
  /** A hall's bookings of a day, by start time; `from`/`to` bound the start ('HH:MM', inclusive), `status` filters. */
  listByHallDate(
    hallId: string,
    date: string,
    options?: { from?: string; to?: string; status?: AppointmentStatus },
  ): Promise<Appointment[]>;
  /**
   * Writes a new booking, takes its place (conditional on a free place), its one-per-day guard, its check-in code
   * and its event, in one transaction. PlaceRaceLostError, CheckInCodeTakenError, or ConflictError (a booking of the
   * same applicant, day and matter exists).
   */
  book(appointment: Appointment, place: Place, event: OutboxEvent): Promise<void>;
  /** Moves a booking: the new place taken and the old released in one transaction with the booking and its event. */
  reschedule(
    before: Appointment,
    after: Appointment,
    places: { take: Place; release: Place },
    event: OutboxEvent,
  ): Promise<void>;
  /** Cancels: the booking, its place released, its guard removed, its event. */
  cancel(before: Appointment, after: Appointment, release: Place, event: OutboxEvent): Promise<void>;
  /** Any other change of a booking (check-in, no-show, reminder) with its event, conditional on the revision read. */
  update(before: Appointment, after: Appointment, event: OutboxEvent): Promise<void>;
}

export interface AppointmentDeps {
  readonly store: AppointmentStore;
  /** The published matters (served codes, their department and appointment policy). */
  readonly catalogue: {
    matter(code: string): Promise<{
      content: Pick<MatterContent, 'department' | 'regionCode' | 'name'> & { appointment?: AppointmentPolicy };
    }>;
    workingDays(): Promise<WorkingDayCalendar>;
  };
  /** A case named in a booking must be the caller's (applications' access rules). */
  readonly cases: {
    get(id: string): Promise<CaseRecord | undefined>;
    getAuthorisation(principalKey: string, agentSub: string): Promise<Authorisation | undefined>;
  };
  readonly now: () => Date;
  /** Minutes after a slot began until an applicant not checked in counts as a no-show (and may no longer check in). */
  readonly noShowGraceMinutes: number;
  /** Bookings starting within this many hours are reminded. */
  readonly reminderHours: number;
}
