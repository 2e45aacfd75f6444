import {
  APPOINTMENT_EVENTS,
  appointmentBooked,
  appointmentEvent,
  appointmentRescheduled,
} from '../../shared/contracts/appointment-events';
import { EVENT_SOURCES } from '../../shared/contracts/event-contract';

const APPOINTMENTS_SOURCE = EVENT_SOURCES.appointments;
import { eventFixture } from '../fixtures/events';

describe.each(APPOINTMENT_EVENTS.map((c) => [c.detailType, c] as const))('the %s contract', (detailType, contract) => {
  const fixture = eventFixture(detailType);

  it('parses its fixture unchanged, from the appointments source with a versioned detail-type', () => {
    expect(contract.detail.parse(fixture)).toEqual(fixture);
    expect(contract.source).toBe(APPOINTMENTS_SOURCE);
    expect(APPOINTMENTS_SOURCE).toBe('gov.one-stop.appointments');
    expect(detailType).toMatch(/^Appointment\.[A-Za-z]+\.v\d+$/);
  });

  it('refuses a detail without the event id consumers de-duplicate on, or without its slot', () => {
    const { eventId: _gone, ...rest } = fixture;
    expect(contract.detail.safeParse(rest).success).toBe(false);
    expect(contract.detail.safeParse({ ...fixture, start: '9:00' }).success).toBe(false);
    expect(contract.detail.safeParse({ ...fixture, date: '2026-02-30' }).success).toBe(false);
  });

  it('carries no personal data and never the check-in code', () => {
    expect(JSON.stringify(fixture)).not.toMatch(/\d{17}[\dX]|[0-9A-HJ-NPQRTUWXY]{18}|1[3-9]\d{9}|@/);
    expect(Object.keys(contract.detail.shape)).not.toEqual(expect.arrayContaining(['checkInCode']));
    for (const key of ['checkInCode', 'code', 'name', 'phone', 'email', 'idNumber', 'contact'])
      expect(Object.keys(contract.detail.shape)).not.toContain(key);
  });
});

it('every step of a booking has its contract, each detail-type once', () => {
  expect(APPOINTMENT_EVENTS.map((c) => c.detailType)).toEqual([
    'Appointment.Booked.v1',
    'Appointment.Rescheduled.v1',
    'Appointment.Cancelled.v1',
    'Appointment.CheckedIn.v1',
    'Appointment.NoShow.v1',
    'Appointment.ReminderDue.v1',
  ]);
});

it('builds outbox events that are parsed first: unknown keys (a check-in code) are dropped, a bad detail throws', () => {
  const fixture = eventFixture('Appointment.Booked.v1');
  const event = appointmentEvent(appointmentBooked, { ...fixture, checkInCode: 'ABCD2345' } as never);
  expect(event).toMatchObject({
    eventId: fixture.eventId,
    source: APPOINTMENTS_SOURCE,
    detailType: 'Appointment.Booked.v1',
    occurredAt: fixture.occurredAt,
  });
  expect(event.detail).not.toHaveProperty('checkInCode');
  expect(() => appointmentEvent(appointmentRescheduled, fixture as never)).toThrow(/previousDate/);
});
